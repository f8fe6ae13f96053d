//! Everything the UI shows, computed once per load: the graph, the check report, and one
//! row per node, flow, finding, transfer, policy section and trace pick, with its strings
//! already neutralised ([`crate::sanitize::terminal`]) and a haystack for the filter. A
//! frame then only slices these rows; nothing is formatted per flow per frame.

mod rows;
pub mod transfers;

use std::collections::HashMap;
use std::sync::Arc;

use super::listing::Hays;
use super::progress::Progress;
use crate::check::transfer::Analysis;
use crate::check::{self, CheckOptions, Report, Rule, Severity, Summary};
use crate::graph::{FlowGraph, NodeKind, NodeRef};
use crate::load::{self, LoadError, Loaded, Origin};
use crate::model::{Date, Mechanism};
use crate::sanitize;

/// The steps [`Data::load_reporting`] counts: reading, the graph, the checks, the
/// analysis, three kinds of rows, and done.
const LOAD_STEPS: usize = 7;

/// Text from an inventory, safe to draw.
pub fn clean(text: &str) -> String {
    sanitize::terminal(text).into_owned()
}

/// Where a link or a follow leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A row of [`Data::nodes`].
    Node(usize),
    /// A flow (index into the inventory's flows).
    Flow(usize),
    /// A row of [`Data::findings`].
    Finding(usize),
    /// A row of [`Data::sections`].
    Section(usize),
}

/// One node.
#[derive(Debug, Clone)]
pub struct NodeRow {
    pub node: NodeRef,
    pub id: String,
    pub name: String,
    /// Its jurisdictions, `EEA, US, *`.
    pub places: String,
    pub flows_in: usize,
    pub flows_out: usize,
    /// Unwaived errors and warnings on the node and on its flows, in and out (the `!`
    /// marker: a source whose flows fail is not clean).
    pub issues: usize,
    /// Of which on its flows.
    pub on_flows: usize,
    /// The worst severity among them.
    pub worst: Option<Severity>,
}

/// One flow.
#[derive(Debug, Clone)]
pub struct FlowRow {
    pub id: String,
    pub from: String,
    pub to: String,
    pub data: String,
    pub purposes: String,
    pub mechanism: Option<Mechanism>,
    /// Whether it crosses a border (`⇄`).
    pub cross: bool,
    /// `EEA → US`, when it crosses a border.
    pub route: String,
    /// The regimes under which it is a restricted transfer (`⚖`), `EU, UK`; empty when
    /// it is none.
    pub restricted: String,
    /// Unwaived errors and warnings on the flow (the `!` marker).
    pub issues: usize,
    pub worst: Option<Severity>,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct FindingRow {
    /// Index into the report's findings.
    pub index: usize,
    pub rule: Rule,
    pub severity: Severity,
    pub waived: bool,
    pub subject: String,
    pub message: String,
    /// Where the subject is in the UI.
    pub target: Option<Target>,
}

/// What a row of the Transfers tab stands for, in [`Data::analysis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferKind {
    /// A transfer: `analysis.flows[flow].transfers[n]`.
    Transfer(usize),
    /// An onward transfer: `analysis.flows[flow].onward[n]`.
    Onward(usize),
    /// A cross-border flow that is neither (`analysis.flows[flow].not_transfer`).
    NotTransfer,
}

/// One row of the Transfers tab: a transfer under one regime, an onward transfer, or a
/// cross-border flow that is no transfer.
#[derive(Debug, Clone)]
pub struct TransferRow {
    pub flow: usize,
    pub kind: TransferKind,
    /// Its group: `EU`, `EU onward`, or `cross-border, not a transfer`.
    pub group: String,
    /// The exporter's place → the importer's places outside the area (for a flow that
    /// is no transfer: where it crosses a border).
    pub route: String,
    /// The flow's mechanism, `none`, or empty for a flow that is no transfer.
    pub mechanism: String,
    /// The verdict on `as_of` (`adequate`, `covered`, `! no mechanism (FM202)`…), or why
    /// the flow is no transfer (`collection`, `same entity`…).
    pub verdict: String,
    /// The severity of the unwaived finding behind the verdict.
    pub severity: Option<Severity>,
    /// Whether it is a restricted transfer (`⚖`).
    pub restricted: bool,
}

/// What the Transfers tab's title counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TransferCounts {
    /// Transfers (one per flow and regime), of which `restricted` are restricted.
    pub transfers: usize,
    pub restricted: usize,
    pub onward: usize,
    /// Cross-border flows that are no transfer.
    pub not_transfers: usize,
    /// Rows with an unwaived error or warning behind their verdict.
    pub failing: usize,
}

/// One policy section.
#[derive(Debug, Clone)]
pub struct SectionRow {
    /// Index into the policy's sections.
    pub index: usize,
    pub id: String,
    pub number: String,
    pub title: String,
    /// The flows that cite it.
    pub cited_by: Vec<usize>,
}

/// What a trace can start from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A data category (from the taxonomy, used by some flow).
    Category(String),
    /// A node (row of [`Data::nodes`]).
    Node(usize),
}

/// One entry of the trace pick list.
#[derive(Debug, Clone)]
pub struct PickRow {
    pub pick: Pick,
    pub label: String,
}

/// Everything the UI draws from one load.
#[derive(Debug)]
pub struct Data {
    /// Shared with the trace worker.
    pub graph: Arc<FlowGraph>,
    pub report: Report,
    pub as_of: Date,
    /// What each flow is in law on `as_of` (transfers, onward transfers, or why not).
    pub analysis: Arc<Analysis>,
    pub summary: Summary,
    pub nodes: Vec<NodeRow>,
    pub flows: Vec<FlowRow>,
    /// By severity (errors first), then in report order.
    pub findings: Vec<FindingRow>,
    /// Transfers by regime and route, then onward transfers, then the cross-border flows
    /// that are no transfer (see [`transfers::rows`]).
    pub transfers: Vec<TransferRow>,
    pub transfer_counts: TransferCounts,
    pub sections: Vec<SectionRow>,
    pub picks: Vec<PickRow>,
    /// Node id → row of `nodes` (the first, if the id is duplicated).
    pub node_index: HashMap<String, usize>,
    /// Flow id → flow index.
    pub flow_index: HashMap<String, usize>,
    /// Section id → row of `sections`.
    pub section_index: HashMap<String, usize>,
    /// Subject id → rows of `findings`.
    pub findings_of: HashMap<String, Vec<usize>>,
    /// What the filter of each tab matches, row by row (in the rows' order above).
    pub node_hays: Hays,
    pub flow_hays: Hays,
    pub finding_hays: Hays,
    pub transfer_hays: Hays,
    pub section_hays: Hays,
    pub pick_hays: Hays,
}

impl Data {
    /// Loads `origin` and computes everything (exit-2 errors come back as they are).
    pub fn load(origin: &Origin, as_of: Option<Date>) -> Result<Data, LoadError> {
        Data::load_reporting(origin, as_of, &Progress::default())
    }

    /// [`Data::load`], saying how far it is in `progress` (the loading screen's gauge):
    /// reading, the graph, the checks, then each kind of row.
    pub fn load_reporting(
        origin: &Origin,
        as_of: Option<Date>,
        progress: &Progress,
    ) -> Result<Data, LoadError> {
        progress.start("Reading the inventory, its policy and taxonomy", LOAD_STEPS);
        let loaded = load::load(origin)?;
        Ok(Data::new_reporting(loaded, as_of, progress))
    }

    /// Builds the graph, runs the checks and precomputes every row.
    pub fn new(loaded: Loaded, as_of: Option<Date>) -> Data {
        Data::new_reporting(loaded, as_of, &Progress::default())
    }

    fn new_reporting(loaded: Loaded, as_of: Option<Date>, progress: &Progress) -> Data {
        let flows = loaded.inventory.flows.len();
        progress.step(format!("Building the graph of {flows} flows"));
        let graph = FlowGraph::new(loaded).judged_on(as_of);
        let options = CheckOptions::resolve(&graph, as_of);
        progress.step(format!("Checking the rules on {flows} flows"));
        let report = check::run(&graph, &options);
        Data::build(graph.into(), report, options.as_of, progress)
    }

    /// Precomputes the rows of a graph and its report.
    pub fn with_report(graph: impl Into<Arc<FlowGraph>>, report: Report, as_of: Date) -> Data {
        Data::build(graph.into(), report, as_of, &Progress::default())
    }

    /// Every row, one named step per kind ([`rows`]).
    fn build(graph: Arc<FlowGraph>, report: Report, as_of: Date, progress: &Progress) -> Data {
        progress.step("Judging each flow in transfer law");
        // The graph is judged on `as_of`: the report's analysis when it is of that day.
        debug_assert_eq!(graph.as_of(), as_of);
        let analysis = report.law(&graph);
        let findings = rows::Ordered::new(&report);
        progress.step("Preparing the nodes and flows");
        let mut nodes = rows::nodes(&graph, &findings);
        let flows = rows::flows(&graph, &analysis, &findings);
        rows::add_flow_issues(&graph, &flows.rows, &nodes.index, &mut nodes.rows);
        progress.step("Preparing the policy sections and findings");
        let sections = rows::sections(&graph);
        let targets = rows::Targets {
            flows: &flows.index,
            nodes: &nodes.index,
            sections: &sections.index,
        };
        let finding_rows = rows::findings(&report, &findings.order, &targets);
        progress.step("Preparing the transfers and trace picks");
        let findings_of = findings.by_subject;
        let (transfers, transfer_counts, transfer_hays) =
            transfers::rows(&graph, &analysis, &flows.rows, &|i: usize, rule: Rule| {
                let rows = findings_of
                    .get(graph.flow_id(i))
                    .map_or(&[][..], Vec::as_slice);
                let mut on = rows
                    .iter()
                    .map(|&r| &finding_rows.rows[r])
                    .filter(|f| f.rule == rule);
                on.next().map(|first| first.waived && on.all(|f| f.waived))
            });
        let (picks, pick_hays) = rows::picks(&graph, &nodes.rows);
        progress.set_done(LOAD_STEPS);
        let summary = report.summary();
        Data {
            graph,
            report,
            as_of,
            analysis,
            summary,
            nodes: nodes.rows,
            flows: flows.rows,
            findings: finding_rows.rows,
            transfers,
            transfer_counts,
            sections: sections.rows,
            picks,
            node_index: nodes.index,
            flow_index: flows.index,
            section_index: sections.index,
            findings_of,
            node_hays: nodes.hays,
            flow_hays: flows.hays,
            finding_hays: finding_rows.hays,
            transfer_hays,
            section_hays: sections.hays,
            pick_hays,
        }
    }

    /// The rows of the findings on a subject (a node, flow or section id).
    pub fn findings_on(&self, subject: &str) -> &[usize] {
        self.findings_of.get(subject).map_or(&[], Vec::as_slice)
    }

    /// The row of a node id.
    pub fn node_row(&self, id: &str) -> Option<usize> {
        self.node_index.get(id).copied()
    }
}

/// A node's kind in a word, with a recipient's kind (`recipient · AdNetwork`).
pub fn kind_label(graph: &FlowGraph, node: NodeRef) -> String {
    match node.kind {
        NodeKind::Recipient => format!(
            "recipient · {}",
            graph.inventory().recipients[node.index].kind
        ),
        kind => kind.word().to_string(),
    }
}
