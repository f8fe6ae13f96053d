//! Following categories along flows: which data sits at each node having come from a
//! regime's area, or having been exported under it.
//!
//! A category at a node passes along each flow out of it that carries it (by prefix: a
//! flow of `contact` carries `contact.email`, and a flow of `contact.email` carries part
//! of `contact`), arriving as the narrower of the two names. Each (node, category)
//! arrives once and is passed on once, so the work is linear in flows × categories and
//! cycles end; the result is a set per node, whatever order flows are listed in.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashSet;

use crate::graph::FlowGraph;
use crate::model::taxonomy::is_within;

/// The categories held at each node (by petgraph index).
pub type Held<'a> = Vec<FxHashSet<&'a str>>;

/// The narrower of two overlapping category names, `None` when they do not overlap.
pub fn narrower<'a>(a: &'a str, b: &'a str) -> Option<&'a str> {
    if is_within(a, b) {
        Some(a)
    } else if is_within(b, a) {
        Some(b)
    } else {
        None
    }
}

/// The categories of `data` that overlap `held`, each as the narrower name, sorted.
pub fn carried<'a>(data: &'a [String], held: &FxHashSet<&'a str>) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::new();
    for item in data {
        if held.contains(item.as_str()) {
            out.push(item);
            continue;
        }
        for &category in held {
            if let Some(shared) = narrower(item, category) {
                out.push(shared);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Spreads `seeds` (a category arriving at a node) along every flow of `graph` for
/// which `passes(flow)` holds, until nothing changes.
pub fn spread<'a>(
    graph: &'a FlowGraph,
    seeds: impl IntoIterator<Item = (NodeIndex, &'a str)>,
    passes: impl Fn(usize) -> bool,
) -> Held<'a> {
    let g = graph.graph();
    let inv = graph.inventory();
    let mut held: Held<'a> = vec![FxHashSet::default(); g.node_count()];
    let mut queue: VecDeque<(NodeIndex, &'a str)> = VecDeque::new();
    for (node, category) in seeds {
        if held[node.index()].insert(category) {
            queue.push_back((node, category));
        }
    }
    while let Some((node, category)) = queue.pop_front() {
        for edge in g.edges_directed(node, Direction::Outgoing) {
            let i = *edge.weight();
            if !passes(i) {
                continue;
            }
            for item in &inv.flows[i].data {
                if let Some(shared) = narrower(item, category)
                    && held[edge.target().index()].insert(shared)
                {
                    queue.push_back((edge.target(), shared));
                }
            }
        }
    }
    held
}
