//! Exports of the graph: Graphviz DOT, Mermaid, JSON and the Article 30 record as CSV
//! (flowmap's columns, or the ICO template's) and as an Excel workbook.
//! Every exporter draws the same [`Selection`] of nodes and flows, chosen by
//! [`ExportOptions`], and every file is written atomically ([`write_atomic`]).

pub mod dot;
pub mod dot_page;
pub mod json;
pub mod mermaid;
pub mod record;
pub mod ropa_csv;
pub mod ropa_ico;
pub mod ropa_xlsx;
pub mod write;

pub use write::{write_atomic, write_dir_atomic};

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use crate::check::Report;
use crate::graph::NodeView;
use crate::graph::{FlowGraph, NodeRef, all_node_refs};
use crate::model::{Jurisdictions, Name};

/// Which part of the graph to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only the flows that cross a border (on the graph's date) and their ends.
    pub cross_border_only: bool,
    /// Only the neighbourhood of a node.
    pub focus: Option<Focus>,
    /// Only flows that carry this data category.
    pub category: Option<String>,
    /// Only these flows (indices into the inventory's flows), e.g. a filtered view.
    pub flows: Option<Vec<usize>>,
}

/// A node and how many flows away from it to include.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub id: String,
    pub depth: usize,
}

impl ExportOptions {
    /// Whether no option narrows the graph.
    pub fn is_whole_graph(&self) -> bool {
        *self == ExportOptions::default()
    }
}

/// The nodes and flows an export draws, in inventory order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub nodes: Vec<NodeRef>,
    pub flows: Vec<usize>,
}

/// What every diagram and the JSON export start from: the selection, the rules of each
/// failing subject, and the transfer analysis of the report's date.
pub struct Prepared<'r> {
    pub selection: Selection,
    pub failing: HashMap<&'r str, BTreeSet<&'static str>>,
    pub analysis: std::sync::Arc<crate::check::transfer::Analysis>,
}

/// Selects what `options` asks for and gathers what the renderers need with it.
pub fn prepare<'r>(
    graph: &FlowGraph,
    report: &'r Report,
    options: &ExportOptions,
) -> Result<Prepared<'r>, String> {
    Ok(Prepared {
        selection: select(graph, options)?,
        failing: failing_rules(report),
        analysis: report.law(graph),
    })
}

/// Chooses the nodes and flows to draw. Flows with an unknown end are never drawn. The
/// whole graph includes nodes without flows; a narrowed one only the ends of its flows
/// (and the focus node).
pub fn select(graph: &FlowGraph, options: &ExportOptions) -> Result<Selection, String> {
    let inv = graph.inventory();
    let mut keep: Vec<usize> = match &options.flows {
        Some(flows) => flows
            .iter()
            .copied()
            .filter(|&i| i < inv.flows.len())
            .collect(),
        None => (0..inv.flows.len()).collect(),
    };
    keep.retain(|&i| graph.flow_in_graph(i));
    if let Some(category) = &options.category {
        let known = graph
            .loaded()
            .taxonomy
            .categories
            .iter()
            .any(|t| &t.name == category);
        if !known {
            let names = graph
                .loaded()
                .taxonomy
                .categories
                .iter()
                .map(|t| t.name.as_str());
            return Err(format!(
                "unknown data category `{category}`{}",
                crate::suggest::did_you_mean(crate::suggest::nearest(category, names))
            ));
        }
        keep.retain(|&i| graph.carries(i, category));
    }
    if options.cross_border_only {
        // A description, as the `⇄` marker: a transfer in law that crosses no border (a
        // US controller's US -> US disclosure of EU data) is not kept.
        keep.retain(|&i| graph.is_cross_border(i));
    }
    let mut focus_node = None;
    if let Some(focus) = &options.focus {
        let Some(node) = graph.node(&focus.id) else {
            let ids = graph.nodes().map(|n| n.id);
            return Err(format!(
                "no node has the id `{}`{}",
                focus.id,
                crate::suggest::did_you_mean(crate::suggest::nearest(&focus.id, ids))
            ));
        };
        focus_node = Some(node.node);
        let near = neighbourhood(graph, &focus.id, focus.depth);
        keep.retain(|&i| {
            let flow = graph.flow(i);
            near.contains(flow.from.as_str()) && near.contains(flow.to.as_str())
        });
    }
    keep.sort_unstable();
    keep.dedup();
    let nodes = if options.is_whole_graph() {
        all_node_refs(inv)
            .filter(|&n| {
                graph
                    .node(crate::graph::node_id(inv, n))
                    .is_some_and(|v| v.node == n)
            })
            .collect()
    } else {
        let mut ends: HashSet<&str> = HashSet::new();
        for &i in &keep {
            ends.insert(&inv.flows[i].from);
            ends.insert(&inv.flows[i].to);
        }
        all_node_refs(inv)
            .filter(|&n| {
                let id = crate::graph::node_id(inv, n);
                graph.node(id).is_some_and(|v| v.node == n)
                    && (ends.contains(id) || Some(n) == focus_node)
            })
            .collect()
    };
    Ok(Selection { nodes, flows: keep })
}

/// Node ids within `depth` flows of `id`, following flows in either direction.
fn neighbourhood<'a>(graph: &'a FlowGraph, id: &'a str, depth: usize) -> HashSet<&'a str> {
    let inv = graph.inventory();
    let mut adjacent: HashMap<&str, Vec<&str>> = HashMap::new();
    for (i, flow) in inv.flows.iter().enumerate() {
        if graph.flow_in_graph(i) {
            adjacent.entry(&flow.from).or_default().push(&flow.to);
            adjacent.entry(&flow.to).or_default().push(&flow.from);
        }
    }
    let mut seen = HashSet::from([id]);
    let mut queue = VecDeque::from([(id, 0)]);
    while let Some((node, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for &next in adjacent.get(node).map(Vec::as_slice).unwrap_or_default() {
            if seen.insert(next) {
                queue.push_back((next, d + 1));
            }
        }
    }
    seen
}

/// For each flow id, the rules of its unwaived warnings and errors (infos such as FM201
/// do not make a flow "failing").
pub fn failing_rules(report: &Report) -> HashMap<&str, BTreeSet<&'static str>> {
    let mut map: HashMap<&str, BTreeSet<&'static str>> = HashMap::new();
    for finding in &report.findings {
        if finding.is_failing() {
            map.entry(finding.subject.as_str())
                .or_default()
                .insert(finding.rule.id());
        }
    }
    map
}

impl Selection {
    /// The selected nodes grouped by their set of jurisdictions, in order of first
    /// appearance: `(locations, positions in `nodes`)` — the clusters of a diagram.
    pub fn by_location<'g>(&self, graph: &'g FlowGraph) -> Vec<(&'g [Name], Vec<usize>)> {
        let mut groups: Vec<(&[Name], Vec<usize>)> = Vec::new();
        for (k, node) in self.nodes.iter().enumerate() {
            let located = graph.view(*node).located;
            match groups.iter_mut().find(|(l, _)| *l == located) {
                Some((_, members)) => members.push(k),
                None => groups.push((located, vec![k])),
            }
        }
        groups
    }
}

/// How a diagram format draws the groups of nodes that share their jurisdictions.
pub trait Clusters {
    /// Opens group `index`, labelled `label` (not yet escaped).
    fn open(&mut self, out: &mut String, index: usize, label: &str);
    /// Draws the node at `position` in the selection.
    fn node(&mut self, out: &mut String, position: usize, node: NodeView<'_>);
    /// Closes the group.
    fn close(&mut self, out: &mut String);
}

/// Writes the selection's nodes group by group (one group per distinct set of
/// jurisdictions, in order of first appearance), in the style of `format`.
pub fn write_clusters(
    graph: &FlowGraph,
    selection: &Selection,
    out: &mut String,
    format: &mut impl Clusters,
) {
    for (g, (located, members)) in selection.by_location(graph).iter().enumerate() {
        format.open(out, g, &place_label(located));
        for &k in members {
            format.node(out, k, graph.view(selection.nodes[k]));
        }
        format.close(out);
    }
}

/// A human label for a set of locations: `United States, anywhere else`.
pub fn place_label(located: &[Name]) -> String {
    let places = Jurisdictions::builtin();
    if located.is_empty() {
        return "nowhere stated".into();
    }
    located
        .iter()
        .map(|code| places.name(code).unwrap_or(code).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
