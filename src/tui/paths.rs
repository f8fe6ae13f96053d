//! The paths of a trace pick, as `flowmap trace` finds them: the query for a pick, the
//! run of it (at once on a small inventory, on the runtime's worker on a large one), and
//! the answer, tagged with the load it belongs to.

use super::data::{Data, Pick};
use crate::graph::FlowGraph;

/// At most this many paths are shown (all are counted).
pub const PATH_CAP: usize = 500;

/// Inventories with at most this many flows are traced at once, in `update`; larger ones
/// on a worker thread, so that a pick with very many paths never blocks the keys.
pub const SYNC_TRACE_FLOWS: usize = 5_000;

/// What to trace: `flowmap trace`'s own `--category` or `--from`.
pub use crate::trace::TraceFrom as Query;

/// The paths of one pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    /// The load they were computed on ([`crate::tui::App::generation`]).
    pub generation: u64,
    /// The row of the pick list.
    pub pick: u32,
    /// Each path as flow indices, in the order of the graph's path queries.
    pub paths: Vec<Vec<usize>>,
}

/// The query for pick row `pick`.
pub fn query(data: &Data, pick: u32) -> Query {
    match &data.picks[pick as usize].pick {
        Pick::Category(category) => Query::Category(category.clone()),
        Pick::Node(row) => Query::Node(data.graph.view(data.nodes[*row].node).id.to_string()),
    }
}

/// Runs a query.
pub fn run(graph: &FlowGraph, query: &Query) -> Vec<Vec<usize>> {
    match query {
        Query::Category(category) => graph.paths_of_category(category),
        Query::Node(id) => graph.paths_from(id),
    }
}
