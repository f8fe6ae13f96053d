//! The checks: one module per rule family. They read a [`FlowGraph`] and return
//! findings; `flowmap check`, the exports and the TUI all use the same results.

pub mod dated;
pub mod integrity;
pub mod policy;
pub mod record;
pub mod timeline;
pub mod transfer;
pub mod waivers;

pub use crate::diag::{Finding, RestsOn, Rule, RuleInfo, Severity, Summary};
pub use crate::diag::{finding, rules};

use crate::graph::FlowGraph;
use crate::model::Date;

/// What a check run is judged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// The date transfer rules are judged at.
    pub as_of: Date,
}

impl CheckOptions {
    /// `--as-of` if given, else the date the graph is judged on (the inventory's
    /// `as_of`, else today). Build the graph with [`FlowGraph::judged_on`] on the same
    /// date so that its cross-border flags agree.
    pub fn resolve(graph: &FlowGraph, as_of: Option<Date>) -> CheckOptions {
        CheckOptions {
            as_of: as_of.unwrap_or(graph.as_of()),
        }
    }
}

/// The EU law a policy or record rule rests on, on `on`: the GDPR's articles from
/// 2018-05-25, the Directive's before (DESIGN.md, "The law a finding rests on").
pub fn eu_law(on: Date, gdpr: &str, directive: &str) -> String {
    if crate::model::Jurisdictions::builtin().act_on(crate::model::law::RegimeCode::EU, on)
        == Some(crate::model::law::Act::Directive)
    {
        format!("Directive 95/46/EC {directive}")
    } else {
        format!("GDPR {gdpr}")
    }
}

/// The outcome of a check run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Findings in file order.
    pub findings: Vec<Finding>,
    /// Things the user should know that are not findings (e.g. skipped rule families).
    pub notices: Vec<String>,
    /// What each flow is in law on the date the report was judged on (transfers, onward
    /// transfers, why not), shared with the exports and the TUI.
    pub analysis: Option<std::sync::Arc<transfer::Analysis>>,
}

impl Report {
    /// The transfer analysis of `graph` on the date it is judged on: the report's own when
    /// it was made for that date, else computed now.
    pub fn law(&self, graph: &FlowGraph) -> std::sync::Arc<transfer::Analysis> {
        match &self.analysis {
            Some(analysis) if analysis.on == graph.as_of() => analysis.clone(),
            _ => std::sync::Arc::new(transfer::analyse(graph, graph.as_of())),
        }
    }

    /// Counts by severity.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }
}

/// Runs every rule family on `graph`.
///
/// On two threads: the transfer analysis beside the integrity, policy and record rules
/// (about as much work), then the transfer findings of the flows in two halves. The
/// findings are sorted after, so the report is the same whichever finishes first.
pub fn run(graph: &FlowGraph, options: &CheckOptions) -> Report {
    let (findings, analysis) = judge_on_two_threads(graph, options);
    report_from(graph, findings, analysis)
}

/// The other rules' findings on a second thread while this one analyses the transfers.
/// The analysis is the larger and the longer-lived: made on this thread, it is kept in
/// the allocator's main arena, where the messages worded from it reuse what it frees
/// (made on the second thread, its memory stayed in that thread's arena, unused: some
/// 5 MB of the peak at 100,000 flows).
fn judge_on_two_threads(
    graph: &FlowGraph,
    options: &CheckOptions,
) -> (Vec<Finding>, transfer::Analysis) {
    std::thread::scope(|scope| {
        let others = scope.spawn(|| other_findings(graph, options));
        let analysis = transfer::analyse(graph, options.as_of);
        match others.join() {
            Ok(findings) => (findings, analysis),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The findings of the integrity, policy and record rules: everything but the transfer
/// rules. On one inventory they change with the date only where membership of the EU or
/// EEA changes what is cross-border (FM105), so time travel computes them once per
/// such epoch ([`timeline::over_time`]).
pub fn other_findings(graph: &FlowGraph, options: &CheckOptions) -> Vec<Finding> {
    let mut findings = Vec::new();
    integrity::check(graph, &mut findings);
    policy::check(graph, options, &mut findings);
    record::check(graph, options, &mut findings);
    findings
}

/// The report of `graph`: the transfer findings of `analysis` joined to `findings` (the
/// other rules' findings, [`other_findings`]), sorted, with the notices.
pub fn report_from(
    graph: &FlowGraph,
    findings: Vec<Finding>,
    analysis: transfer::Analysis,
) -> Report {
    report_with(graph, findings, analysis, true)
}

/// [`run`] for a report that is only printed (`flowmap check`): each flow's law is freed
/// as soon as its findings are worded, so the analysis and all the messages are never
/// held at once (the report carries no analysis).
pub fn run_to_print(graph: &FlowGraph, options: &CheckOptions) -> Report {
    let (findings, analysis) = judge_on_two_threads(graph, options);
    report_with(graph, findings, analysis, false)
}

fn report_with(
    graph: &FlowGraph,
    mut findings: Vec<Finding>,
    mut analysis: transfer::Analysis,
    keep: bool,
) -> Report {
    let mut report = Report::default();
    let on = analysis.on;
    let half = analysis.flows.len() / 2;
    if keep {
        let (first, second) = analysis.flows.split_at(half);
        word_in_two(graph, on, (first, second), half, &mut findings);
    } else {
        let mut first = std::mem::take(&mut analysis.flows);
        let second = first.split_off(half);
        word_in_two(graph, on, (first, second), half, &mut findings);
    }
    report.notices = transfer::inventory_findings(graph, &analysis, &mut findings);
    report.findings = findings;
    if keep {
        report.analysis = Some(std::sync::Arc::new(analysis));
    }
    if graph.loaded().policy.is_none() {
        report.notices.push(
            "the inventory names no policy (`policy: None`): policy rules FM101–FM108 were skipped"
                .into(),
        );
    }
    sort(&mut report.findings, graph);
    report
}

/// The transfer findings of every flow's law, the two halves (the second from flow
/// `half`) on two threads, appended to `findings` in flow order.
fn word_in_two<L>(
    graph: &FlowGraph,
    on: crate::model::Date,
    (first, second): (L, L),
    half: usize,
    findings: &mut Vec<Finding>,
) where
    L: IntoIterator + AsRef<[transfer::FlowLaw]> + Send,
    L::Item: std::borrow::Borrow<transfer::FlowLaw>,
{
    // Both halves' lists sized once, the first with room for the second: no list is
    // ever copied into a larger one (at 100,000 flows that was the peak).
    let bounds = [
        transfer::flows_findings_bound(graph, on, 0, first.as_ref()),
        transfer::flows_findings_bound(graph, on, half, second.as_ref()),
    ];
    findings.reserve_exact(bounds[0] + bounds[1]);
    let before = findings.len();
    std::thread::scope(|scope| {
        let second = scope.spawn(move || {
            let mut out = Vec::with_capacity(bounds[1]);
            transfer::flows_findings(graph, on, half, second, &mut out);
            debug_assert!(out.len() <= bounds[1], "the bound undercounts");
            out
        });
        transfer::flows_findings(graph, on, 0, first, findings);
        debug_assert!(
            findings.len() - before <= bounds[0],
            "the bound undercounts"
        );
        match second.join() {
            Ok(second) => {
                // Room was made for it above; a bound that undercounted grows it exactly.
                findings.reserve_exact(second.len());
                findings.extend(second);
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
}

/// Sorts findings by file (inventory, policy, taxonomy, others), position, then rule
/// and subject; stable. Sorts their indices and then moves each finding once, so no
/// second list of findings or of keys is held (at 100,000 flows that was the peak).
pub fn sort(findings: &mut [Finding], graph: &FlowGraph) {
    let files: Vec<_> = graph
        .loaded()
        .files()
        .iter()
        .map(|f| f.name.clone())
        .collect();
    let key = |f: &Finding| {
        let rank = files.iter().position(|name| {
            std::sync::Arc::ptr_eq(name, &f.location.file) || *name == f.location.file
        });
        (rank.unwrap_or(usize::MAX), f.location.span.start, f.rule)
    };
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&findings[a], &findings[b]);
        key(a).cmp(&key(b)).then_with(|| a.subject.cmp(&b.subject))
    });
    reorder(findings, order);
}

/// Puts `items[order[j]]` at `j` for every `j`, in place: each cycle of the permutation
/// is followed once.
fn reorder<T>(items: &mut [T], mut order: Vec<usize>) {
    const PLACED: usize = usize::MAX;
    for start in 0..order.len() {
        let mut j = start;
        while order[j] != PLACED {
            let k = order[j];
            order[j] = PLACED;
            if k == start {
                break;
            }
            items.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reorder_moves_each_item_where_the_order_says() {
        let mut seed = 7u64;
        for n in [0, 1, 2, 5, 64, 1000] {
            let mut order: Vec<usize> = (0..n).collect();
            // A Fisher-Yates shuffle with a small LCG.
            for i in (1..n).rev() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                order.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let mut items: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&k| items[k].clone()).collect();
            super::reorder(&mut items, order);
            assert_eq!(items, expected, "{n} items");
        }
    }
}
