//! `FlowGraph`: the inventory as a petgraph directed graph, with an index from id to
//! node and the queries the checks, exports and UI share.

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::load::Loaded;
use crate::model::taxonomy::{narrower, overlaps};
use rustc_hash::FxHashMap;

use crate::model::{Date, Flow, Inventory, Jurisdictions, Name};

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Source,
    Store,
    Recipient,
}

impl NodeKind {
    /// The lower-case word for it ("source", "store", "recipient").
    pub fn word(self) -> &'static str {
        match self {
            NodeKind::Source => "source",
            NodeKind::Store => "store",
            NodeKind::Recipient => "recipient",
        }
    }

    /// The inventory list that holds nodes of this kind.
    pub fn list(self) -> &'static str {
        match self {
            NodeKind::Source => "sources",
            NodeKind::Store => "stores",
            NodeKind::Recipient => "recipients",
        }
    }
}

/// A node of the graph: its kind and its position in the inventory's list of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeRef {
    pub kind: NodeKind,
    pub index: usize,
}

/// A borrowed view of a node's common fields.
#[derive(Debug, Clone, Copy)]
pub struct NodeView<'a> {
    pub node: NodeRef,
    pub id: &'a str,
    pub name: &'a str,
    pub located: &'a [Name],
}

/// The inventory as a graph. Nodes with a duplicate id and flows with an unknown end are
/// kept in the inventory (the checks report them) but left out of the graph.
#[derive(Debug, Clone)]
pub struct FlowGraph {
    /// Shared, so that judging the graph on another date copies no file or model.
    loaded: std::sync::Arc<Loaded>,
    graph: DiGraph<NodeRef, usize>,
    index: FxHashMap<String, NodeIndex>,
    /// `<from>-><to>` for flows without an explicit id.
    default_ids: Vec<Option<Box<str>>>,
    flow_edges: Vec<Option<EdgeIndex>>,
    /// Both ends of each flow, when both are known nodes.
    flow_ends: Vec<Option<(NodeRef, NodeRef)>>,
    /// The date places are compared on (membership of the EU and EEA changes).
    as_of: Date,
    /// Whether each flow is cross-border on `as_of` (computed once; DESIGN.md's definition).
    crossing: Vec<bool>,
    /// Whether every code each node (by petgraph index) is located in is known.
    known_places: Vec<bool>,
}

impl FlowGraph {
    /// Builds the graph of a loaded inventory, judged on the inventory's `as_of` (else
    /// today); [`FlowGraph::judged_on`] moves the date.
    pub fn new(loaded: Loaded) -> FlowGraph {
        let as_of = loaded.inventory.as_of.unwrap_or_else(Date::today);
        FlowGraph::build(loaded, as_of)
    }

    /// The same graph judged on `as_of` when given (`--as-of`); cross-border flags are
    /// recomputed only when the date changes.
    pub fn judged_on(mut self, as_of: Option<Date>) -> FlowGraph {
        if let Some(day) = as_of.filter(|&d| d != self.as_of) {
            self.as_of = day;
            self.crossing = self.compute_crossing();
        }
        self
    }

    /// The date the graph's places are compared on.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    fn build(loaded: Loaded, as_of: Date) -> FlowGraph {
        let inv = &loaded.inventory;
        let mut graph = DiGraph::with_capacity(node_count(inv), inv.flows.len());
        let mut index = FxHashMap::with_capacity_and_hasher(node_count(inv), Default::default());
        for node in all_node_refs(inv) {
            let id = node_id(inv, node);
            if !index.contains_key(id) {
                index.insert(id.to_string(), graph.add_node(node));
            }
        }
        let mut flow_edges = Vec::with_capacity(inv.flows.len());
        let mut flow_ends = Vec::with_capacity(inv.flows.len());
        for (i, flow) in inv.flows.iter().enumerate() {
            match (index.get(flow.from.as_str()), index.get(flow.to.as_str())) {
                (Some(&a), Some(&b)) => {
                    flow_edges.push(Some(graph.add_edge(a, b, i)));
                    flow_ends.push(Some((graph[a], graph[b])));
                }
                _ => {
                    flow_edges.push(None);
                    flow_ends.push(None);
                }
            }
        }
        let default_ids = inv
            .flows
            .iter()
            .map(|f| {
                f.id.is_none()
                    .then(|| format!("{}->{}", f.from, f.to).into_boxed_str())
            })
            .collect();
        let mut built = FlowGraph {
            loaded: std::sync::Arc::new(loaded),
            graph,
            index,
            default_ids,
            flow_edges,
            flow_ends,
            as_of,
            crossing: Vec::new(),
            known_places: Vec::new(),
        };
        let places = Jurisdictions::builtin();
        built.known_places = built
            .graph
            .node_weights()
            .map(|&n| built.view(n).located.iter().all(|l| places.is_known(l)))
            .collect();
        built.crossing = built.compute_crossing();
        built
    }

    /// DESIGN.md: a flow is cross-border when some location of one end is not the same
    /// place (on `as_of`) as any location of the other end.
    fn compute_crossing(&self) -> Vec<bool> {
        let places = Jurisdictions::builtin();
        let on = self.as_of;
        let uncovered = |a: &[Name], b: &[Name]| {
            a.iter()
                .any(|l| !b.iter().any(|t| places.same_place(l, t, on)))
        };
        (0..self.inventory().flows.len())
            .map(|i| match self.judgeable_ends(i) {
                // Same locations on both ends (the common case) never cross a border.
                Some((from, to)) if from.located == to.located => false,
                Some((from, to)) => {
                    uncovered(from.located, to.located) || uncovered(to.located, from.located)
                }
                None => false,
            })
            .collect()
    }

    /// The loaded files and model.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The inventory model.
    pub fn inventory(&self) -> &Inventory {
        &self.loaded.inventory
    }

    /// The petgraph graph (node weights are [`NodeRef`]s, edge weights flow indices).
    pub fn graph(&self) -> &DiGraph<NodeRef, usize> {
        &self.graph
    }

    /// Every node in inventory order: sources, then stores, then recipients.
    pub fn nodes(&self) -> impl Iterator<Item = NodeView<'_>> {
        all_node_refs(self.inventory()).map(|n| self.view(n))
    }

    /// The node with this id (the first, if the id is duplicated).
    pub fn node(&self, id: &str) -> Option<NodeView<'_>> {
        self.index.get(id).map(|&i| self.view(self.graph[i]))
    }

    /// The petgraph index of the node `id` (the first, if the id is duplicated).
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// A view of a node.
    pub fn view(&self, node: NodeRef) -> NodeView<'_> {
        let inv = self.inventory();
        let (id, name, located) = match node.kind {
            NodeKind::Source => {
                let s = &inv.sources[node.index];
                (&s.id, &s.name, &s.located)
            }
            NodeKind::Store => {
                let s = &inv.stores[node.index];
                (&s.id, &s.name, &s.located)
            }
            NodeKind::Recipient => {
                let r = &inv.recipients[node.index];
                (&r.id, &r.name, &r.located)
            }
        };
        NodeView {
            node,
            id,
            name,
            located,
        }
    }

    /// The resolved id of flow `i` (explicit, or `<from>-><to>`).
    pub fn flow_id(&self, i: usize) -> &str {
        match (&self.inventory().flows[i].id, &self.default_ids[i]) {
            (Some(id), _) => id,
            (None, Some(default)) => default,
            (None, None) => "",
        }
    }

    /// Flow `i` of the inventory.
    pub fn flow(&self, i: usize) -> &Flow {
        &self.inventory().flows[i]
    }

    /// Whether flow `i` joins two known nodes (and so is part of the graph).
    pub fn flow_in_graph(&self, i: usize) -> bool {
        self.flow_edges[i].is_some()
    }

    /// Indices of the flows leaving the node `id`.
    pub fn flows_out(&self, id: &str) -> Vec<usize> {
        self.flows_dir(id, Direction::Outgoing)
    }

    /// Indices of the flows entering the node `id`.
    pub fn flows_in(&self, id: &str) -> Vec<usize> {
        self.flows_dir(id, Direction::Incoming)
    }

    fn flows_dir(&self, id: &str, dir: Direction) -> Vec<usize> {
        let Some(&n) = self.index.get(id) else {
            return Vec::new();
        };
        let mut flows: Vec<usize> = self
            .graph
            .edges_directed(n, dir)
            .map(|e| *e.weight())
            .collect();
        flows.sort_unstable();
        flows
    }

    /// The two ends of flow `i`, when both are known nodes.
    pub fn ends(&self, i: usize) -> Option<(NodeView<'_>, NodeView<'_>)> {
        let (from, to) = self.flow_ends[i]?;
        Some((self.view(from), self.view(to)))
    }

    /// Locations of flow `i`'s origin that data leaves for another place: each that
    /// differs (on `as_of`) from some location of the destination. Empty when the flow is
    /// not cross-border, or cannot be judged (an unknown end, or an unknown jurisdiction
    /// code, which FM003/FM005 report).
    pub fn foreign_origins(&self, i: usize) -> Vec<&str> {
        if self.crossing.get(i) != Some(&true) {
            return Vec::new();
        }
        match self.judgeable_ends(i) {
            Some((from, to)) => leaving(from.located, to.located, self.as_of),
            None => Vec::new(),
        }
    }

    /// Both ends of flow `i`, when both are known and every code they are located in is.
    fn judgeable_ends(&self, i: usize) -> Option<(NodeView<'_>, NodeView<'_>)> {
        let edge = self.flow_edges[i]?;
        let (a, b) = self.graph.edge_endpoints(edge)?;
        let known = |n: NodeIndex| self.known_places.get(n.index()).copied().unwrap_or(false);
        if known(a) && known(b) {
            self.ends(i)
        } else {
            None
        }
    }

    /// DESIGN.md: a flow is cross-border when some location of one end is not the same
    /// place as any location of the other (a region is one place with the countries inside
    /// it on `as_of`; `*` only with `*`). `DE` → `[DE, US]` is cross-border.
    pub fn is_cross_border(&self, i: usize) -> bool {
        self.crossing.get(i).copied().unwrap_or(false)
    }

    /// The destination locations that are cross-border for flow `i`: those that are a
    /// different place from some location the data leaves from.
    pub fn cross_border_destinations(&self, i: usize) -> Vec<&str> {
        if self.crossing.get(i) != Some(&true) {
            return Vec::new();
        }
        let Some((from, to)) = self.judgeable_ends(i) else {
            return Vec::new();
        };
        leaving(to.located, from.located, self.as_of)
    }

    /// Whether flow `i` can be judged for places: both ends known and every code they
    /// are located in known (an unknown code is FM005 and keeps the transfer rules off).
    pub fn places_judgeable(&self, i: usize) -> bool {
        self.judgeable_ends(i).is_some()
    }

    /// Whether flow `i` carries data of `category`: some item of its data is within the
    /// category, or the category is within an item (a flow of `contact` carries
    /// `contact.email`).
    pub fn carries(&self, i: usize, category: &str) -> bool {
        self.flow(i).data.iter().any(|d| overlaps(d, category))
    }

    /// Every path (a list of flow indices) that data of `category` takes from a source to
    /// where it rests: followed while the flows carry the category, never revisiting a
    /// node, so cycles end. Paths are listed once each, in inventory order.
    pub fn paths_of_category(&self, category: &str) -> Vec<Vec<usize>> {
        let mut paths = Vec::new();
        let mut on_path = vec![false; self.graph.node_count()];
        let mut hops = 0;
        let carried = vec![category.to_string()];
        for (s, source) in self.inventory().sources.iter().enumerate() {
            let Some(&start) = self.index.get(source.id.as_str()) else {
                continue;
            };
            if self.graph[start]
                != (NodeRef {
                    kind: NodeKind::Source,
                    index: s,
                })
            {
                continue;
            }
            if !self.walk(start, Some(&carried), &mut on_path, &mut hops, &mut paths) {
                break;
            }
        }
        paths
    }

    /// Every path that data leaving node `id` takes: each flow out of it, then onward
    /// along flows that carry some of the same categories (narrowing to them), as
    /// [`Self::paths_of_category`].
    pub fn paths_from(&self, id: &str) -> Vec<Vec<usize>> {
        let mut paths = Vec::new();
        if let Some(&start) = self.index.get(id) {
            let mut on_path = vec![false; self.graph.node_count()];
            self.walk(start, None, &mut on_path, &mut 0, &mut paths);
        }
        paths
    }

    /// Depth-first walk from `start`, appending each path to `out`; `carried` is the data
    /// that reached `start` (`None`: anything may leave). Iterative, so a long chain
    /// cannot overflow the stack; it stops (returning `false`) once `out` holds
    /// [`MAX_PATHS`] paths or [`MAX_PATH_HOPS`] hops (`hops` counts those in `out`).
    /// `on_path` (one flag per node, all `false`) marks the nodes of the current path and
    /// is all `false` again on return.
    fn walk(
        &self,
        start: NodeIndex,
        carried: Option<&[String]>,
        on_path: &mut [bool],
        hops: &mut usize,
        out: &mut Vec<Vec<usize>>,
    ) -> bool {
        on_path[start.index()] = true;
        let mut path: Vec<usize> = Vec::new();
        let mut ends: Vec<NodeIndex> = Vec::new();
        let mut stack = vec![self.steps(start, carried, on_path).into_iter()];
        let mut going = true;
        while let Some(steps) = stack.last_mut() {
            let Some((flow, target, onward)) = steps.next().filter(|_| going) else {
                stack.pop();
                if let Some(end) = ends.pop() {
                    on_path[end.index()] = false;
                    path.pop();
                }
                continue;
            };
            on_path[target.index()] = true;
            path.push(flow);
            ends.push(target);
            let next = self.steps(target, Some(&onward), on_path);
            if next.is_empty() {
                *hops += path.len();
                out.push(path.clone());
                going = out.len() < MAX_PATHS && *hops < MAX_PATH_HOPS;
            }
            stack.push(next.into_iter());
        }
        on_path[start.index()] = false;
        going
    }

    /// The flows out of `at` that lead off the current path and carry some of `carried`
    /// (`None`: anything), in flow order, each with the data it carries on.
    fn steps(
        &self,
        at: NodeIndex,
        carried: Option<&[String]>,
        on_path: &[bool],
    ) -> Vec<(usize, NodeIndex, Vec<String>)> {
        let mut next: Vec<(usize, NodeIndex, Vec<String>)> = Vec::new();
        for edge in self.graph.edges_directed(at, Direction::Outgoing) {
            let flow = *edge.weight();
            if on_path[edge.target().index()] {
                continue;
            }
            let data = &self.flow(flow).data;
            let onward: Vec<String> = match carried {
                None => data.iter().map(|d| d.to_string()).collect(),
                Some(carried) => overlap(data, carried),
            };
            if !onward.is_empty() {
                next.push((flow, edge.target(), onward));
            }
        }
        next.sort_unstable_by_key(|(flow, _, _)| *flow);
        next
    }
}

/// At most this many paths are listed by [`FlowGraph::paths_of_category`] and
/// [`FlowGraph::paths_from`]: the number of paths can grow exponentially with the graph
/// (a 25 KB inventory of 40 layers has 2^40), so the walk stops there.
pub const MAX_PATHS: usize = 10_000;

/// The walk also stops once the paths listed hold this many hops in all, which bounds
/// its memory when the paths are long.
pub const MAX_PATH_HOPS: usize = 1_000_000;

/// Whether `paths` (from [`FlowGraph::paths_of_category`] or [`FlowGraph::paths_from`])
/// reached [`MAX_PATHS`] or [`MAX_PATH_HOPS`], so that there may be more.
pub fn paths_cut_off(paths: &[Vec<usize>]) -> bool {
    paths.len() >= MAX_PATHS || paths.iter().map(Vec::len).sum::<usize>() >= MAX_PATH_HOPS
}

/// The categories two lists share, each pair as the narrower of the two names
/// (`contact` and `contact.email` share `contact.email`).
pub fn overlap(data: &[impl AsRef<str>], carried: &[impl AsRef<str>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in data {
        for c in carried {
            if let Some(shared) = narrower(d.as_ref(), c.as_ref())
                && !out.iter().any(|o| o == shared)
            {
                out.push(shared.to_string());
            }
        }
    }
    out
}

/// The locations of one end that make a flow cross a border: those that are the same
/// place as no location of the other end; when every one is matched (`DE` against
/// `[DE, US]`), those that differ from some location of the other end.
fn leaving<'a>(these: &'a [Name], others: &[Name], on: Date) -> Vec<&'a str> {
    let places = Jurisdictions::builtin();
    let unmatched: Vec<&str> = these
        .iter()
        .filter(|l| !others.iter().any(|o| places.same_place(l, o, on)))
        .map(Name::as_str)
        .collect();
    if unmatched.is_empty() {
        differing(these, others, on)
    } else {
        unmatched
    }
}

/// The locations in `these` that differ on `on` from some location in `others`, once each.
fn differing<'a>(these: &'a [Name], others: &[Name], on: Date) -> Vec<&'a str> {
    let places = Jurisdictions::builtin();
    let mut out: Vec<&str> = Vec::new();
    for l in these {
        if others.iter().any(|o| !places.same_place(l, o, on)) && !out.contains(&l.as_str()) {
            out.push(l);
        }
    }
    out
}

fn node_count(inv: &Inventory) -> usize {
    inv.sources.len() + inv.stores.len() + inv.recipients.len()
}

/// Every node of an inventory in order: sources, stores, recipients.
pub fn all_node_refs(inv: &Inventory) -> impl Iterator<Item = NodeRef> + '_ {
    let of = |kind, n| (0..n).map(move |index| NodeRef { kind, index });
    of(NodeKind::Source, inv.sources.len())
        .chain(of(NodeKind::Store, inv.stores.len()))
        .chain(of(NodeKind::Recipient, inv.recipients.len()))
}

/// The id of a node.
pub fn node_id(inv: &Inventory, node: NodeRef) -> &str {
    match node.kind {
        NodeKind::Source => &inv.sources[node.index].id,
        NodeKind::Store => &inv.stores[node.index].id,
        NodeKind::Recipient => &inv.recipients[node.index].id,
    }
}
