//! The checks: one module per rule family. They read a [`FlowGraph`] and return
//! findings; `flowmap check`, the exports and the TUI all use the same results.

pub mod finding;
pub mod integrity;
pub mod policy;
pub mod record;
pub mod rules;
pub mod transfer;
pub mod waivers;

pub use finding::{Finding, Summary};
pub use rules::{Rule, RuleInfo, Severity};

use crate::graph::FlowGraph;
use crate::model::Date;

/// What a check run is judged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// The date transfer rules are judged at.
    pub as_of: Date,
}

impl CheckOptions {
    /// `--as-of` if given, else the inventory's `as_of`, else today.
    pub fn resolve(graph: &FlowGraph, as_of: Option<Date>) -> CheckOptions {
        CheckOptions {
            as_of: as_of
                .or(graph.inventory().as_of)
                .unwrap_or_else(Date::today),
        }
    }
}

/// The outcome of a check run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Findings in file order.
    pub findings: Vec<Finding>,
    /// Things the user should know that are not findings (e.g. skipped rule families).
    pub notices: Vec<String>,
}

impl Report {
    /// Counts by severity.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }
}

/// Runs every rule family on `graph`.
pub fn run(graph: &FlowGraph, options: &CheckOptions) -> Report {
    let mut report = Report::default();
    // Two halves of the rule families run side by side; the findings are sorted after,
    // so the report is the same whichever finishes first.
    let (mut first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let mut findings = Vec::new();
            transfer::check(graph, options, &mut findings);
            record::check(graph, &mut findings);
            findings
        });
        let mut findings = Vec::new();
        integrity::check(graph, &mut findings);
        policy::check(graph, &mut findings);
        match second.join() {
            Ok(second) => (findings, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    first.extend(second);
    report.findings = first;
    if graph.loaded().policy.is_none() {
        report.notices.push(
            "the inventory names no policy (`policy: None`): policy rules FM101–FM108 were skipped"
                .into(),
        );
    }
    sort(&mut report.findings, graph);
    report
}

/// Sorts findings by file (inventory, policy, taxonomy, others), position, then rule.
pub fn sort(findings: &mut [Finding], graph: &FlowGraph) {
    let files: Vec<_> = graph
        .loaded()
        .files()
        .iter()
        .map(|f| f.name.clone())
        .collect();
    findings.sort_by_cached_key(|f| {
        let rank = files.iter().position(|name| {
            std::sync::Arc::ptr_eq(name, &f.location.file) || *name == f.location.file
        });
        (
            rank.unwrap_or(usize::MAX),
            f.location.span.start,
            f.rule,
            f.subject.clone(),
        )
    });
}
