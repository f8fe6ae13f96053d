//! `flowmap trace`: every path that data takes, hop by hop, with each border crossing and
//! the mechanism it rests on.

use std::fmt::Write;

use crate::graph::FlowGraph;
use crate::sanitize::terminal;
use crate::suggest::{did_you_mean, nearest};

/// What to trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceFrom {
    /// Every path a data category takes from the sources that collect it.
    Category(String),
    /// Every path that data leaving a node takes.
    Node(String),
}

/// The paths to trace (lists of flow indices), or why there are none to look for.
pub fn paths(graph: &FlowGraph, from: &TraceFrom) -> Result<Vec<Vec<usize>>, String> {
    match from {
        TraceFrom::Category(category) => {
            let names = || {
                graph
                    .loaded()
                    .taxonomy
                    .categories
                    .iter()
                    .map(|t| t.name.as_str())
            };
            if !names().any(|n| n == category) {
                return Err(format!(
                    "unknown data category `{category}`{}",
                    did_you_mean(nearest(category, names()))
                ));
            }
            Ok(graph.paths_of_category(category))
        }
        TraceFrom::Node(id) => {
            if graph.node(id).is_none() {
                let ids = graph.nodes().map(|n| n.id);
                return Err(format!(
                    "no node has the id `{id}`{}",
                    did_you_mean(nearest(id, ids))
                ));
            }
            Ok(graph.paths_from(id))
        }
    }
}

/// The paths as text for a terminal: one numbered block per path, one line per hop.
pub fn render(graph: &FlowGraph, from: &TraceFrom, paths: &[Vec<usize>]) -> String {
    let what = match from {
        TraceFrom::Category(c) => format!("data of category `{}`", terminal(c)),
        TraceFrom::Node(id) => format!("data leaving `{}`", terminal(id)),
    };
    let mut out = String::new();
    if paths.is_empty() {
        let _ = writeln!(out, "No flow carries {what}.");
        return out;
    }
    let plural = if paths.len() == 1 { "path" } else { "paths" };
    let more = if crate::graph::paths_cut_off(paths) {
        " (the walk stops there: there may be more)"
    } else {
        ""
    };
    let _ = writeln!(out, "{} {plural} of {what}{more}:", paths.len());
    for (n, path) in paths.iter().enumerate() {
        let _ = writeln!(out);
        let Some(first) = path.first().and_then(|&i| graph.ends(i)) else {
            continue;
        };
        let _ = writeln!(out, "{:>3}. {}", n + 1, node_line(first.0));
        let mut carried: Option<Vec<String>> = match from {
            TraceFrom::Category(c) => Some(vec![c.clone()]),
            TraceFrom::Node(_) => None,
        };
        for &i in path {
            let Some((_, to)) = graph.ends(i) else {
                continue;
            };
            let flow = graph.flow(i);
            let mut hop = format!("     → {}", node_line(to));
            let data = match &carried {
                Some(carried) => crate::graph::overlap(&flow.data, carried),
                None => flow.data.clone(),
            };
            let _ = write!(hop, "  [{}]", terminal(&shorten(&data)));
            carried = Some(data);
            let origins = graph.foreign_origins(i);
            if !origins.is_empty() {
                let mechanism = flow
                    .mechanism
                    .map_or("no mechanism".to_string(), |m| format!("via {m}"));
                let _ = write!(
                    hop,
                    "  ⇄ {} → {} {mechanism}",
                    terminal(&origins.join(", ")),
                    terminal(&graph.cross_border_destinations(i).join(", "))
                );
            }
            let _ = writeln!(out, "{hop}");
        }
    }
    out
}

fn node_line(node: crate::graph::NodeView<'_>) -> String {
    format!(
        "{} ({}; {})",
        terminal(node.id),
        node.node.kind.word(),
        terminal(&node.located.join(", "))
    )
}

/// Up to four categories, then "+N more".
fn shorten(data: &[String]) -> String {
    let mut shown = data
        .iter()
        .take(4)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if data.len() > 4 {
        let _ = write!(shown, " +{} more", data.len() - 4);
    }
    shown
}
