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
}

macro_rules! rules {
    ($($variant:ident => $severity:ident, $title:literal;)*) => {
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
                    },)*
                }
            }
        }
    };
}

rules! {
    FM001 => Error, "a file is not valid RON or not an inventory, policy or taxonomy";
    FM002 => Error, "duplicate id";
    FM003 => Error, "a reference to an unknown node or policy section";
    FM004 => Error, "unknown data category or purpose";
    FM005 => Error, "unknown jurisdiction code";
    FM006 => Error, "an impossible flow";
    FM101 => Warning, "a flow cites no policy section";
    FM102 => Error, "a flow carries a category the cited sections do not disclose";
    FM103 => Error, "a flow serves a purpose the cited sections do not disclose";
    FM104 => Error, "a flow sends data to a kind of recipient the cited sections do not disclose";
    FM105 => Error, "a flow sends data to a jurisdiction the cited sections do not disclose";
    FM106 => Error, "a source may hold children's data below the policy's minimum age";
    FM107 => Info, "a policy section discloses something that no flow cites";
    FM108 => Warning, "a flow rests on a transfer mechanism the cited sections do not name";
    FM201 => Info, "a cross-border flow";
    FM202 => Error, "a restricted transfer that names no mechanism";
    FM203 => Warning, "a restricted transfer that rests on an Art. 49 derogation";
    FM204 => Error, "a transfer mechanism that was not valid on the as-of date";
    FM205 => Warning, "an onward transfer of data that already crossed a border";
    FM301 => Warning, "a store with no retention period";
    FM302 => Warning, "a store with no safeguards listed";
    FM303 => Warning, "a flow with no purpose, or no legal basis when it leaves a source";
    FM304 => Warning, "a node with no flows at all";
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
