//! The Trace tab: pick a data category or a node (left) and see every path the data takes,
//! hop by hop (right), with border crossings (`⇄`), restricted transfers (`⚖`) and
//! mechanisms marked.
//!
//! Paths are those of [`FlowGraph::paths_of_category`] and [`FlowGraph::paths_from`] (the
//! walk is mirrored here, with the same order, so it can stop after [`PATH_CAP`] paths: on
//! a large graph the number of paths grows without bound, and the UI must not freeze).

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::view::Col;

use super::app::App;
use super::data::{Data, Pick, Target};
use super::doc::Doc;
use crate::export::ExportOptions;
use crate::graph::FlowGraph;

/// At most this many paths are shown (all are counted).
pub const PATH_CAP: usize = 500;

/// Inventories with at most this many flows are traced at once, in `update`; larger ones
/// on a worker thread, so that a pick with very many paths never blocks the keys.
pub const SYNC_TRACE_FLOWS: usize = 5_000;

/// What to trace: the graph queries that `flowmap trace` uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// [`FlowGraph::paths_of_category`].
    Category(String),
    /// [`FlowGraph::paths_from`] (the node's id as written).
    From(String),
}

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
        Pick::Node(row) => Query::From(data.graph.view(data.nodes[*row].node).id.to_string()),
    }
}

/// Runs a query.
pub fn run(graph: &FlowGraph, query: &Query) -> Vec<Vec<usize>> {
    match query {
        Query::Category(category) => graph.paths_of_category(category),
        Query::From(id) => graph.paths_from(id),
    }
}

/// The pick list's columns.
pub fn columns() -> Vec<Col> {
    vec![
        Col::new("trace", Constraint::Length(8), 1),
        Col::new("category or node", Constraint::Fill(1), 0).min(8),
    ]
}

/// One pick-list row.
pub fn row(app: &App, row: u32, prev: Option<u32>) -> Vec<Cell<'static>> {
    let data = &app.data;
    let pick = &data.picks[row as usize];
    let kind = |r: u32| matches!(data.picks[r as usize].pick, Pick::Category(_));
    let group = match prev {
        Some(p) if kind(p) == kind(row) => "",
        _ if kind(row) => "category",
        _ => "node",
    };
    vec![
        Cell::from(Span::styled(group, app.theme.dim())),
        Cell::from(pick.label.clone()),
    ]
}

/// The pick list's title.
pub fn title(_app: &App) -> String {
    "Trace: pick a category or node".into()
}

/// The paths of the selected pick, hop by hop.
pub fn detail(app: &App, width: u16) -> Doc {
    let theme = app.theme;
    let data = &app.data;
    let mut doc = Doc::new(width);
    let Some(trace) = &app.trace else {
        let text = if app.trace_wanted.is_some() {
            "Tracing… (a large inventory: the keys keep working meanwhile)"
        } else {
            "Pick a data category or a node on the left."
        };
        doc.para(text, 0, theme.dim());
        return doc;
    };
    let pick = &data.picks[trace.pick as usize];
    let what = match &pick.pick {
        Pick::Category(_) => format!("Where {} goes", pick.label),
        Pick::Node(_) => format!("Where data leaving {} goes", pick.label),
    };
    doc.heading(what, theme);
    // The graph stops enumerating at a cap: then there may be more paths than counted.
    let at_least = if crate::graph::paths_cut_off(&trace.paths) {
        "at least "
    } else {
        ""
    };
    let count = if trace.paths.len() > PATH_CAP {
        format!(
            "{at_least}{} paths (the first {PATH_CAP} shown)",
            trace.paths.len()
        )
    } else {
        format!(
            "{at_least}{} path{}",
            trace.paths.len(),
            plural(trace.paths.len())
        )
    };
    let crossings = trace
        .paths
        .iter()
        .filter(|p| p.iter().any(|&i| data.flows[i].cross))
        .count();
    doc.para(
        &format!("{count}; {crossings} cross a border (⇄). Enter on a hop opens the flow."),
        0,
        theme.dim(),
    );
    for (n, path) in trace.paths.iter().take(PATH_CAP).enumerate() {
        doc.blank();
        let Some(&first) = path.first() else { continue };
        let start = &data.flows[first].from;
        let mut head = vec![Span::styled(format!("Path {}: ", n + 1), theme.heading())];
        head.push(Span::raw(start.clone()));
        if let Some(row) = data.node_row(&data.graph.flow(first).from) {
            head.push(Span::styled(
                format!(" ({})", data.nodes[row].places),
                theme.dim(),
            ));
        }
        doc.line(Line::from(head));
        for &i in path {
            let flow = &data.flows[i];
            let mut spans = vec![Span::raw(flow.to.clone())];
            if data.graph.flow(i).id.is_some() {
                spans.push(Span::styled(format!(" via {}", flow.id), theme.dim()));
            }
            if let Some(row) = data.node_row(&data.graph.flow(i).to) {
                spans.push(Span::styled(
                    format!(" ({})", data.nodes[row].places),
                    theme.dim(),
                ));
            }
            if flow.cross {
                spans.push(Span::styled(format!("  ⇄ {}", flow.route), theme.cross()));
            }
            if !flow.restricted.is_empty() {
                spans.push(Span::styled(
                    format!("  ⚖ {}", flow.restricted),
                    theme.restricted(),
                ));
            }
            if flow.cross || !flow.restricted.is_empty() {
                let mechanism = flow
                    .mechanism
                    .map_or_else(|| "no mechanism".to_string(), |m| format!("mechanism {m}"));
                spans.push(Span::raw(format!(" · {mechanism}")));
            }
            if flow.issues > 0 {
                let sev = flow.worst.unwrap_or(crate::check::Severity::Warning);
                spans.push(Span::styled(
                    format!("  !{}", flow.issues),
                    theme.severity(sev),
                ));
            }
            spans.push(Span::styled(format!("  {}", flow.data), theme.dim()));
            doc.link(spans, Target::Flow(i), theme);
        }
    }
    doc
}

/// `e`: a category's flows, or the flows on the paths from a node.
pub fn export(app: &App) -> Option<(String, ExportOptions)> {
    let trace = app.trace.as_ref()?;
    let pick = &app.data.picks[trace.pick as usize];
    Some(match &pick.pick {
        Pick::Category(category) => (
            format!("trace-{category}"),
            ExportOptions {
                category: Some(category.clone()),
                ..ExportOptions::default()
            },
        ),
        Pick::Node(_) => {
            let mut flows: Vec<usize> = trace.paths.iter().flatten().copied().collect();
            flows.sort_unstable();
            flows.dedup();
            (
                format!("trace-{}", pick.label),
                ExportOptions {
                    flows: Some(flows),
                    ..ExportOptions::default()
                },
            )
        }
    })
}

/// `s` for more than one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Origin;

    #[test]
    fn a_pick_traces_what_flowmap_trace_prints() {
        let data = Data::load(&Origin::Builtin, None).unwrap();
        for (row, pick) in data.picks.iter().enumerate() {
            let paths = run(&data.graph, &query(&data, row as u32));
            let expected = match &pick.pick {
                Pick::Category(c) => data.graph.paths_of_category(c),
                Pick::Node(n) => data.graph.paths_from(&data.nodes[*n].id),
            };
            assert_eq!(paths, expected, "{}", pick.label);
        }
    }
}
