//! A finding: one rule firing on one subject, with where and why.

use serde::Serialize;

use super::rules::{Rule, Severity};
use crate::load::Location;

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
    /// The policy section or law the rule rests on.
    pub section: Option<String>,
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

    /// The same finding, resting on `section`.
    pub fn resting_on(mut self, section: impl Into<String>) -> Finding {
        self.section = Some(section.into());
        self
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
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
