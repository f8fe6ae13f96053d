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
    FM201 => Info, "a cross-border flow or a transfer", "Every cross-border flow and every transfer is listed: the message says whether it is a transfer in law, under which regime (EU, UK, CH) and why, or why it is not (collection by the controller, same entity, importer inside the area). EDPB Guidelines 05/2021.";
    FM202 => Error, "a restricted transfer that names no mechanism", "A transfer to an importer outside the regime's area that no adequacy decision covers on the as-of date needs a mechanism: standard clauses, BCRs, a certified framework (GDPR Arts. 44-46, UK GDPR, FADP Art. 16; Directive 95/46/EC Arts. 25-26 before 2018-05-25).";
    FM203 => Warning, "a restricted transfer that rests on a derogation", "Derogations (GDPR Art. 49, Directive Art. 26(1), FADP Art. 17) are for occasional transfers and read restrictively; a routine flow needs standard clauses, BCRs or adequacy (EDPB Guidelines 2/2018; WP29 WP114).";
    FM204 => Error, "a mechanism that does not cover the flow on the as-of date", "Each mechanism covers a regime's transfers only in its window and for its importers: Safe Harbor until 2015-10-05, Privacy Shield until 2020-07-15, the DPF only for certified US importers, the old clauses by role, BCRs within the group, UK instruments only for UK transfers. Name one that covers the flow.";
    FM205 => Warning, "an onward transfer", "Data exported under a regime and passed on, by an importer not subject to it, to another entity outside the area is an onward transfer: the first transfer's safeguards must travel with it (2021 SCCs Clause 8.7; DPF Onward Transfer Principle).";
    FM206 => Warning, "the inventory does not say where the controller is established", "Set `established` (e.g. [\"US\"]): whether the controller is subject to a regime by establishment (GDPR Art. 3(1)) or only through its reach (Art. 3(2)) decides which of its flows are transfers. Until then it is taken to be established nowhere.";
    FM207 => Warning, "a controller subject only through its reach names no representative there", "A controller established outside an area that offers goods or services to, or monitors, people there names a representative in it (GDPR Art. 27, UK GDPR Art. 27; Directive 95/46/EC Art. 4(2)). Add the area to `representatives` (\"EEA\", \"GB\").";
    FM208 => Warning, "a mechanism in force under no regime on the as-of date (a stale inventory)", "The flow is not a restricted transfer, so it needs no mechanism, but the one it names was in force under no regime on the as-of date (Safe Harbor in 2020): update or remove it.";
    FM209 => Info, "a restricted transfer on clauses or BCRs needs a transfer impact assessment", "Since CJEU C-311/18 (Schrems II, 2020-07-16), an exporter relying on standard clauses, BCRs or ad hoc clauses must assess the law and practice of the importer's country and add supplementary measures where needed (EDPB Recommendations 01/2020).";
    FM210 => Warning, "a verdict that gets worse within the look-ahead (--horizon)", "With `flowmap check --horizon DAYS`, each transfer whose verdict will be worse on a day within DAYS after the as-of date (an adequacy decision, framework or clause set that ends, a window that closes) and each waiver that expires within DAYS of today is a warning now, naming the day and the reason, so a team hears of it before its build breaks.";
    FM301 => Warning, "a store with no retention period", "A record of processing states, where possible, how long each kind of data is kept (GDPR Art. 30(1)(f)). Set retention on the store.";
    FM302 => Warning, "a store with no safeguards listed", "A record of processing describes the security measures, where possible (GDPR Art. 30(1)(g), Art. 32(1)). List the store's safeguards.";
    FM303 => Warning, "a flow with no purpose, or no legal basis when it leaves a source", "Every flow states its purposes (Art. 5(1)(b), Art. 30(1)(b)); a flow out of a source states its legal basis (Art. 6(1)).";
    FM304 => Warning, "a node with no flows at all", "A node that no flow touches is either missing its flows or no longer used.";
    FM305 => Warning, "a value still marked as a placeholder", "`flowmap import` writes what the other tool cannot say (where a system is, a recipient's kind, certifications, policy sections, the establishment) as an explicit value with a `// placeholder:` comment on its line. Until someone checks it and removes the comment, the value is a guess, and every such line is reported.";
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
