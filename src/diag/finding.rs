//! A finding: one rule firing on one subject, with where and why.

use serde::Serialize;

use super::Location;
use super::rules::{Rule, Severity};

/// One rule firing on one subject (a node, flow or policy section id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    /// The id of the node, flow (explicit, or `<from>-><to>`) or policy section.
    pub subject: String,
    /// What is wrong and what to do.
    pub message: String,
    /// Where the subject (or the offending value) is written.
    pub location: Location,
    /// The policy sections or the law the rule rests on.
    pub section: Option<RestsOn>,
    /// Whether a waiver covers it (then it never fails the run).
    pub waived: bool,
    /// The covering waiver's reason.
    pub waiver_reason: Option<String>,
}

impl Finding {
    /// A new, unwaived finding.
    pub fn new(
        rule: Rule,
        subject: impl Into<String>,
        message: impl Into<String>,
        location: Location,
    ) -> Finding {
        Finding {
            rule,
            subject: subject.into(),
            message: message.into(),
            location,
            section: None,
            waived: false,
            waiver_reason: None,
        }
    }

    /// The same finding, resting on `section` (a `&str` or `String` is the law).
    pub fn resting_on(mut self, section: impl Into<RestsOn>) -> Finding {
        self.section = Some(section.into());
        self
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// Whether the finding fails a run that fails at `threshold`: unwaived, and at least
    /// that severe.
    pub fn fails_at(&self, threshold: Severity) -> bool {
        !self.waived && self.severity() >= threshold
    }

    /// Whether it is an unwaived warning or error: what marks a flow or node as failing
    /// (`!N` in the TUI, the dashed edges of the exports).
    pub fn is_failing(&self) -> bool {
        self.fails_at(Severity::Warning)
    }
}

/// What a finding rests on. Its text (`Display`) is what every report prints: the
/// section ids joined with ", ", "the whole policy", "the policy's children_min_age", or
/// the law ("GDPR Art. 30(1)(g), Art. 32(1)") — which is never split on its commas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestsOn {
    /// The policy sections a flow cites (ids, sorted).
    Sections(Vec<String>),
    /// The whole policy: the flow cites no section.
    WholePolicy,
    /// A field of the policy itself (`children_min_age`).
    PolicyField(&'static str),
    /// The law, as cited (`GDPR Art. 49(1)(a); EDPB Guidelines 2/2018`).
    Law(String),
}

impl RestsOn {
    /// The policy section ids it names (none for the law).
    pub fn section_ids(&self) -> &[String] {
        match self {
            RestsOn::Sections(ids) => ids,
            _ => &[],
        }
    }
}

impl std::fmt::Display for RestsOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestsOn::Sections(ids) => f.write_str(&ids.join(", ")),
            RestsOn::WholePolicy => f.write_str("the whole policy"),
            RestsOn::PolicyField(field) => write!(f, "the policy's {field}"),
            RestsOn::Law(law) => f.write_str(law),
        }
    }
}

impl From<String> for RestsOn {
    fn from(law: String) -> RestsOn {
        RestsOn::Law(law)
    }
}

impl From<&str> for RestsOn {
    fn from(law: &str) -> RestsOn {
        RestsOn::Law(law.to_string())
    }
}

/// Counts of findings by severity; waived findings are counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub waived: usize,
}

impl Summary {
    /// Counts `findings`.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut summary = Summary::default();
        for finding in findings {
            if finding.waived {
                summary.waived += 1;
                continue;
            }
            match finding.severity() {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}
