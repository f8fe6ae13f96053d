//! Writing a check report: for people (`human`), for machines (`json`), for GitHub code
//! scanning (`sarif`) and as GitHub Actions annotations (`github`).
//!
//! Every format streams: findings are written one by one into the writer the caller
//! gives (buffer it: the CLI passes one `BufWriter` over standard output), with no
//! document tree or whole-report `String` in memory. A write error ends the report at
//! once and is returned; nothing panics.

mod diagnostic;
mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod json_out;
mod rule_table;
pub mod sarif;
pub mod timeline;

use crate::check::{Finding, Severity, Summary};

/// Which findings a report prints: those at or above a severity (`--min-severity`).
/// Waived findings are judged by their rule's severity like the others. It filters what
/// is printed only: the summary counts and the exit code still count every finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// The least severe findings printed.
    pub min: Severity,
}

impl Shown {
    /// Every finding.
    pub const ALL: Shown = Shown {
        min: Severity::Info,
    };

    /// Whether `finding` is printed.
    pub fn includes(&self, finding: &Finding) -> bool {
        finding.severity() >= self.min
    }

    /// The findings left out, counted by severity; `waived` counts how many of them were
    /// waived (they are counted under their severity too).
    pub fn hidden(&self, findings: &[Finding]) -> Summary {
        let mut hidden = Summary::default();
        for finding in findings.iter().filter(|f| !self.includes(f)) {
            match finding.severity() {
                Severity::Error => hidden.errors += 1,
                Severity::Warning => hidden.warnings += 1,
                Severity::Info => hidden.infos += 1,
            }
            if finding.waived {
                hidden.waived += 1;
            }
        }
        hidden
    }
}
