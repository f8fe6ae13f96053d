//! The rule table: every rule id, its severity and what it means. Ids never change
//! meaning; new rules get new ids.

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A rule's fixed facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// When it fires, in a line.
    pub title: &'static str,
    /// Why it matters and what to do, in a few sentences.
    pub help: &'static str,
}

macro_rules! rules {
    ($($variant:ident => $severity:ident, $title:literal, $help:literal;)*) => {
        /// A rule id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            /// Every rule, in id order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's id, severity and title.
            pub fn info(self) -> RuleInfo {
                match self {
                    $(Rule::$variant => RuleInfo {
                        id: stringify!($variant),
                        severity: Severity::$severity,
                        title: $title,
                        help: $help,
                    },)*
                }
            }
        }
    };
}

rules! {
    FM001 => Error, "a file is not valid RON or not an inventory, policy or taxonomy", "Fix the file at the line and column shown: it must be valid RON holding one Inventory(...), Policy(...), Taxonomy(...) or waivers list. Nothing else is checked until it loads.";
    FM002 => Error, "duplicate id", "Ids of sources, stores and recipients are unique across all three lists; flow ids and policy section ids are unique too. Rename one, or give one of two flows with the same ends an explicit id.";
    FM003 => Error, "a reference to an unknown node or policy section", "A flow's from and to must name a source, store or recipient, and its policy list must name sections of the policy. Fix the spelling or add the missing entry.";
    FM004 => Error, "unknown data category or purpose", "Data categories and purposes are dotted names from the taxonomy (the built-in one, or the inventory's own). Use a known name, or add it to your taxonomy.";
    FM005 => Error, "unknown jurisdiction code", "Jurisdictions are ISO 3166-1 alpha-2 codes (US, DE, GB), the regions EEA and EU, or * for anywhere else.";
    FM006 => Error, "an impossible flow", "Flows run source to store or recipient, store to store or recipient, or recipient to recipient, between two different nodes, and carry at least one data category.";
    FM101 => Warning, "a flow cites no policy section", "Each flow should cite the policy sections that disclose it, so an auditor can check the disclosure. Until it does, it is judged against the whole policy.";
    FM102 => Error, "a flow carries a category the cited sections do not disclose", "The sections a flow cites must disclose every data category it carries (a section that discloses a category discloses its dotted children). Cite the section that does, or disclose the category in the policy.";
    FM103 => Error, "a flow serves a purpose the cited sections do not disclose", "The sections a flow cites must disclose every purpose it serves. Cite the section that does, or disclose the purpose in the policy.";
    FM104 => Error, "a flow sends data to a kind of recipient the cited sections do not disclose", "The sections a flow to a recipient cites must disclose sharing with that kind of recipient. Cite the section that does, or disclose the sharing in the policy.";
    FM105 => Error, "a flow sends data to a jurisdiction the cited sections do not disclose", "The sections a cross-border flow cites must disclose every jurisdiction the data goes to across the border (GDPR Art. 13(1)(f)). Cite the section that does, or disclose it.";
    FM106 => Error, "a source may hold children's data below the policy's minimum age", "The policy says it does not knowingly collect from children below an age, but a source is marked minors: true. Keep children out, or change the policy and obtain parental consent (GDPR Art. 8, COPPA).";
    FM107 => Info, "a policy section discloses something that no flow cites", "A policy section that discloses a practice no flow cites means the inventory may be missing flows, or the policy over-discloses.";
    FM108 => Warning, "a flow rests on a transfer mechanism the cited sections do not name", "The sections a flow cites should name the transfer mechanism it rests on (GDPR Art. 13(1)(f)).";
    FM201 => Info, "a cross-border flow", "Every cross-border flow is listed so an auditor sees each transfer and its mechanism.";
    FM202 => Error, "a restricted transfer that names no mechanism", "A transfer out of the EEA, the UK or Switzerland to a place without an adequacy decision on the as-of date needs a mechanism: SCCs, BCRs, or a valid framework (GDPR Art. 44-46).";
    FM203 => Warning, "a restricted transfer that rests on an Art. 49 derogation", "Art. 49 derogations (explicit consent, contract necessity) are for occasional transfers; a routine flow needs SCCs, BCRs or adequacy (EDPB Guidelines 2/2018).";
    FM204 => Error, "a transfer mechanism that was not valid on the as-of date", "Safe Harbor ended on 2015-10-06 (Schrems I), Privacy Shield on 2020-07-16 (Schrems II); the DPF applies from 2023-07-10 and only to certified recipients in the US; Adequacy needs a decision in force.";
    FM205 => Warning, "an onward transfer of data that already crossed a border", "Data that already crossed a border and crosses again is an onward transfer; the protection of the first transfer must travel with it (GDPR Art. 44).";
    FM301 => Warning, "a store with no retention period", "A record of processing states, where possible, how long each kind of data is kept (GDPR Art. 30(1)(f)). Set retention on the store.";
    FM302 => Warning, "a store with no safeguards listed", "A record of processing describes the security measures, where possible (GDPR Art. 30(1)(g), Art. 32(1)). List the store's safeguards.";
    FM303 => Warning, "a flow with no purpose, or no legal basis when it leaves a source", "Every flow states its purposes (Art. 5(1)(b), Art. 30(1)(b)); a flow out of a source states its legal basis (Art. 6(1)).";
    FM304 => Warning, "a node with no flows at all", "A node that no flow touches is either missing its flows or no longer used.";
    FM401 => Warning, "a waiver that has expired", "A waiver past its expires date waives nothing. Fix the finding, or renew the waiver.";
    FM402 => Warning, "a waiver that matches no finding", "A waiver that matches no finding is stale: the finding was fixed, or the rule or subject is misspelt.";
}

impl Rule {
    /// The rule's id, e.g. `FM002`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The rule's severity.
    pub fn severity(self) -> Severity {
        self.info().severity
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
