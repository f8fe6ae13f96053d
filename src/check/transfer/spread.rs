//! Following categories along flows: which data sits at each node having come from a
//! regime's area, or having been exported under it.
//!
//! A category at a node passes along each flow out of it that carries it (by prefix: a
//! flow of `contact` carries `contact.email`, and a flow of `contact.email` carries part
//! of `contact`), arriving as the narrower of the two names. Each (node, category)
//! arrives once and is passed on once, so the work is linear in flows × categories and
//! cycles end; the result is a set per node, whatever order flows are listed in.
//!
//! Categories are numbered once per analysis ([`Catalogue`]), so sets hold integers and
//! "is one name inside the other" is a look-up in a short list of dotted ancestors.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::graph::FlowGraph;
use crate::model::Name;

/// A category's number in a [`Catalogue`].
pub type Category = u32;

/// The categories held at each node (by petgraph index).
pub type Held = Vec<FxHashSet<Category>>;

/// Every category the flows of an inventory carry, numbered, with each one's dotted
/// ancestors among them.
#[derive(Debug, Clone)]
pub struct Catalogue<'a> {
    names: Vec<&'a str>,
    /// For each category, the categories it lies within (itself included).
    ancestors: Vec<Vec<Category>>,
    /// Each flow's data, as numbers (each once, in the flow's order).
    flows: Vec<Vec<Category>>,
}

impl<'a> Catalogue<'a> {
    /// Numbers the personal-data categories of every flow of `graph`. A category the
    /// taxonomy marks `personal: false` (aggregated, anonymised: GDPR Recital 26) is left
    /// out: the transfer rules do not follow it.
    pub fn of(graph: &'a FlowGraph) -> Catalogue<'a> {
        let mut index: FxHashMap<&'a str, Category> = FxHashMap::default();
        let mut names: Vec<&'a str> = Vec::new();
        let marks = graph.loaded().taxonomy.personal_marks();
        let mut personal: FxHashMap<&'a str, bool> = FxHashMap::default();
        let flows = graph
            .inventory()
            .flows
            .iter()
            .map(|flow| {
                let mut ids: Vec<Category> = Vec::with_capacity(flow.data.len());
                for item in &flow.data {
                    let is_personal = *personal
                        .entry(item.as_str())
                        .or_insert_with(|| crate::model::taxonomy::is_personal_by(&marks, item));
                    if !is_personal {
                        continue;
                    }
                    let id = *index.entry(item.as_str()).or_insert_with(|| {
                        names.push(item.as_str());
                        (names.len() - 1) as Category
                    });
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                ids
            })
            .collect();
        let ancestors = names
            .iter()
            .map(|name| {
                name.char_indices()
                    .filter(|&(_, c)| c == '.')
                    .map(|(k, _)| &name[..k])
                    .chain(std::iter::once(*name))
                    .filter_map(|prefix| index.get(prefix).copied())
                    .collect()
            })
            .collect();
        Catalogue {
            names,
            ancestors,
            flows,
        }
    }

    /// The category's name.
    pub fn name(&self, id: Category) -> &'a str {
        self.names[id as usize]
    }

    /// The data of flow `i`, as numbers.
    pub fn flow(&self, i: usize) -> &[Category] {
        &self.flows[i]
    }

    /// Whether `a` lies within `b` (`contact.email` within `contact`; each within itself).
    pub fn within(&self, a: Category, b: Category) -> bool {
        self.ancestors[a as usize].contains(&b)
    }

    /// The narrower of two overlapping categories, `None` when they do not overlap.
    pub fn narrower(&self, a: Category, b: Category) -> Option<Category> {
        if self.within(a, b) {
            Some(a)
        } else if self.within(b, a) {
            Some(b)
        } else {
            None
        }
    }

    /// The categories of flow `i` that overlap `held`, each as the narrower one.
    pub fn carried(&self, i: usize, held: &FxHashSet<Category>) -> Vec<Category> {
        let mut out: Vec<Category> = Vec::new();
        if held.is_empty() {
            return out;
        }
        for &item in &self.flows[i] {
            // The item lies within something held: it is carried whole.
            if self.ancestors[item as usize]
                .iter()
                .any(|a| held.contains(a))
            {
                out.push(item);
                continue;
            }
            // Something held lies within the item: that part is carried.
            out.extend(held.iter().copied().filter(|&c| self.within(c, item)));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The names of `ids`, sorted.
    pub fn names_of(&self, ids: &[Category]) -> Vec<Name> {
        let mut names: Vec<Name> = ids.iter().map(|&c| Name::from(self.name(c))).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// Spreads `seeds` (a category arriving at a node) along every flow of `graph` for
/// which `passes(flow)` holds, until nothing changes.
pub fn spread(
    graph: &FlowGraph,
    catalogue: &Catalogue<'_>,
    seeds: impl IntoIterator<Item = (NodeIndex, Category)>,
    passes: impl Fn(usize) -> bool,
) -> Held {
    let g = graph.graph();
    let mut held: Held = vec![FxHashSet::default(); g.node_count()];
    let mut queue: VecDeque<(NodeIndex, Category)> = VecDeque::new();
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
            for &item in catalogue.flow(i) {
                if let Some(shared) = catalogue.narrower(item, category)
                    && held[edge.target().index()].insert(shared)
                {
                    queue.push_back((edge.target(), shared));
                }
            }
        }
    }
    held
}
