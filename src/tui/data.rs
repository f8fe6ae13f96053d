//! Everything the UI shows, computed once per load: the graph, the check report, and one
//! row per node, flow, finding, transfer, policy section and trace pick, with its strings
//! already neutralised ([`crate::sanitize::terminal`]) and a haystack for the filter. A
//! frame then only slices these rows; nothing is formatted per flow per frame.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::listing::Hays;
use crate::check::transfer::{Analysis, analyse};
use crate::check::{self, CheckOptions, Report, Rule, Severity, Summary};
use crate::graph::{FlowGraph, NodeKind, NodeRef};
use crate::load::{self, LoadError, Loaded, Origin};
use crate::model::taxonomy::is_within;
use crate::model::{Date, Mechanism};
use crate::sanitize;

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
    /// that are no transfer (see [`super::transfers::rows`]).
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

/// The items of a list as separate fields.
fn items(list: &[String]) -> impl Iterator<Item = String> + '_ {
    list.iter().map(|s| clean(s))
}

impl Data {
    /// Loads `origin` and computes everything (exit-2 errors come back as they are).
    pub fn load(origin: &Origin, as_of: Option<Date>) -> Result<Data, LoadError> {
        Ok(Data::new(load::load(origin)?, as_of))
    }

    /// Builds the graph, runs the checks and precomputes every row.
    pub fn new(loaded: Loaded, as_of: Option<Date>) -> Data {
        let graph = FlowGraph::new(loaded).judged_on(as_of);
        let options = CheckOptions::resolve(&graph, as_of);
        let report = check::run(&graph, &options);
        Data::with_report(graph, report, options.as_of)
    }

    /// Precomputes the rows of a graph and its report.
    pub fn with_report(graph: impl Into<Arc<FlowGraph>>, report: Report, as_of: Date) -> Data {
        let graph: Arc<FlowGraph> = graph.into();
        let analysis = match &report.analysis {
            Some(analysis) if analysis.on == as_of => analysis.clone(),
            _ => Arc::new(analyse(&graph, as_of)),
        };
        let mut findings_of: HashMap<String, Vec<usize>> = HashMap::new();
        let mut order: Vec<usize> = (0..report.findings.len()).collect();
        order.sort_by_key(|&i| {
            let f = &report.findings[i];
            (std::cmp::Reverse(f.severity()), f.waived, i)
        });
        for (row, &i) in order.iter().enumerate() {
            findings_of
                .entry(report.findings[i].subject.clone())
                .or_default()
                .push(row);
        }
        let issues = |subject: &str| -> (usize, Option<Severity>) {
            let mut n = 0;
            let mut worst = None;
            for &row in findings_of.get(subject).map_or(&[][..], Vec::as_slice) {
                let f = &report.findings[order[row]];
                if !f.waived && f.severity() >= Severity::Warning {
                    n += 1;
                    worst = worst.max(Some(f.severity()));
                }
            }
            (n, worst)
        };

        let mut nodes = Vec::new();
        let mut node_hays = Hays::default();
        let mut node_index = HashMap::new();
        for view in graph.nodes() {
            let (flows_in, flows_out) = if graph.node(view.id).map(|n| n.node) == Some(view.node) {
                (
                    graph.flows_in(view.id).len(),
                    graph.flows_out(view.id).len(),
                )
            } else {
                (0, 0)
            };
            let (n, worst) = issues(view.id);
            let id = clean(view.id);
            let name = clean(view.name);
            let places = clean(&view.located.join(", "));
            node_index.entry(view.id.to_string()).or_insert(nodes.len());
            // What the row shows: its group, its id, its places (not its name, which
            // only the detail shows: the filter never matches what is off screen).
            node_hays.push(
                [view.node.kind.list(), &id]
                    .into_iter()
                    .chain(view.located.iter().map(String::as_str)),
            );
            nodes.push(NodeRow {
                node: view.node,
                id,
                name,
                places,
                flows_in,
                flows_out,
                issues: n,
                on_flows: 0,
                worst,
            });
        }

        let inv = graph.inventory();
        let mut flows = Vec::with_capacity(inv.flows.len());
        let mut flow_hays = Hays::default();
        let mut flow_index = HashMap::with_capacity(inv.flows.len());
        for (i, flow) in inv.flows.iter().enumerate() {
            let id_raw = graph.flow_id(i);
            flow_index.entry(id_raw.to_string()).or_insert(i);
            let cross = graph.is_cross_border(i);
            let route = if cross {
                clean(&format!(
                    "{} → {}",
                    graph.foreign_origins(i).join(", "),
                    graph.cross_border_destinations(i).join(", ")
                ))
            } else {
                String::new()
            };
            let restricted: Vec<String> = analysis.flows[i]
                .transfers
                .iter()
                .filter(|t| t.restricted())
                .map(|t| t.regime.to_string())
                .collect();
            let restricted = restricted.join(", ");
            let (n, worst) = issues(id_raw);
            let id = clean(id_raw);
            let from = clean(&flow.from);
            let to = clean(&flow.to);
            let data = clean(&flow.data.join(", "));
            let purposes = clean(&flow.purposes.join(", "));
            let mechanism_word = flow.mechanism.map(|m| m.to_string()).unwrap_or_default();
            let fields: Vec<String> = items(&flow.data).chain(items(&flow.purposes)).collect();
            flow_hays.push(
                [
                    id.as_str(),
                    &from,
                    &to,
                    &mechanism_word,
                    &route.replace('→', "->"),
                    if restricted.is_empty() {
                        ""
                    } else {
                        "restricted"
                    },
                ]
                .into_iter()
                .chain(fields.iter().map(String::as_str)),
            );
            flows.push(FlowRow {
                id,
                from,
                to,
                data,
                purposes,
                mechanism: flow.mechanism,
                cross,
                route,
                restricted,
                issues: n,
                worst,
            });
        }

        // Each flow's errors and warnings count on both its ends.
        for (flow, row) in inv.flows.iter().zip(&flows) {
            if row.issues == 0 {
                continue;
            }
            let from = node_index.get(&flow.from).copied();
            let to = node_index
                .get(&flow.to)
                .copied()
                .filter(|&t| Some(t) != from);
            for n in [from, to].into_iter().flatten() {
                let node = &mut nodes[n];
                node.issues += row.issues;
                node.on_flows += row.issues;
                node.worst = node.worst.max(row.worst);
            }
        }

        let mut sections = Vec::new();
        let mut section_hays = Hays::default();
        let mut section_index = HashMap::new();
        if let Some((policy, _)) = &graph.loaded().policy {
            for (index, section) in policy.sections.iter().enumerate() {
                let cited_by: Vec<usize> = inv
                    .flows
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.policy.contains(&section.id))
                    .map(|(i, _)| i)
                    .collect();
                let id = clean(&section.id);
                let number = clean(&section.number);
                let title = clean(&section.title);
                section_index
                    .entry(section.id.clone())
                    .or_insert(sections.len());
                section_hays.push(
                    [id.as_str(), &number]
                        .into_iter()
                        .chain(title.split_whitespace())
                        .chain(section.quote.split_whitespace()),
                );
                sections.push(SectionRow {
                    index,
                    id,
                    number,
                    title,
                    cited_by,
                });
            }
        }

        let target_of = |subject: &str| -> Option<Target> {
            if let Some(&i) = flow_index.get(subject) {
                Some(Target::Flow(i))
            } else if let Some(&n) = node_index.get(subject) {
                Some(Target::Node(n))
            } else {
                section_index.get(subject).map(|&s| Target::Section(s))
            }
        };
        let mut finding_hays = Hays::default();
        let findings: Vec<FindingRow> = order
            .iter()
            .map(|&index| {
                let f = &report.findings[index];
                let info = f.rule.info();
                let subject = clean(&f.subject);
                let message = clean(&f.message);
                finding_hays.push(
                    [info.id, &f.severity().to_string(), &subject]
                        .into_iter()
                        .chain(message.split_whitespace())
                        .chain(info.title.split_whitespace()),
                );
                FindingRow {
                    index,
                    rule: f.rule,
                    severity: f.severity(),
                    waived: f.waived,
                    target: target_of(&f.subject),
                    subject,
                    message,
                }
            })
            .collect();

        let (transfers, transfer_counts, transfer_hays) =
            super::transfers::rows(&graph, &analysis, &flows, &|i: usize, rule: Rule| {
                let rows = findings_of
                    .get(graph.flow_id(i))
                    .map_or(&[][..], Vec::as_slice);
                let mut on = rows
                    .iter()
                    .map(|&r| &findings[r])
                    .filter(|f| f.rule == rule);
                on.next().map(|first| first.waived && on.all(|f| f.waived))
            });

        let (picks, pick_hays) = picks(&graph, &nodes);
        let summary = report.summary();
        Data {
            graph,
            report,
            as_of,
            analysis,
            summary,
            nodes,
            flows,
            findings,
            transfers,
            transfer_counts,
            sections,
            picks,
            node_index,
            flow_index,
            section_index,
            findings_of,
            node_hays,
            flow_hays,
            finding_hays,
            transfer_hays,
            section_hays,
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

/// The trace pick list: every taxonomy category that some flow carries, then every node.
fn picks(graph: &FlowGraph, nodes: &[NodeRow]) -> (Vec<PickRow>, Hays) {
    let carried: HashSet<&str> = graph
        .inventory()
        .flows
        .iter()
        .flat_map(|f| f.data.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    let mut hays = Hays::default();
    for term in &graph.loaded().taxonomy.categories {
        let name = &term.name;
        if carried
            .iter()
            .any(|d| is_within(d, name) || is_within(name, d))
        {
            let label = clean(name);
            hays.push(
                ["category", label.as_str()]
                    .into_iter()
                    .chain(term.description.split_whitespace()),
            );
            out.push(PickRow {
                pick: Pick::Category(name.clone()),
                label,
            });
        }
    }
    for (row, node) in nodes.iter().enumerate() {
        if node.flows_out > 0 {
            hays.push(
                ["node", node.node.kind.word(), &node.id]
                    .into_iter()
                    .chain(node.name.split_whitespace()),
            );
            out.push(PickRow {
                pick: Pick::Node(row),
                label: node.id.clone(),
            });
        }
    }
    (out, hays)
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
