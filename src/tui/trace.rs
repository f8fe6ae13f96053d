//! The Trace tab: pick a data category or a node (left) and see every path the data takes,
//! hop by hop (right), with border crossings and mechanisms marked.
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
use crate::graph::{FlowGraph, NodeKind, NodeRef};

/// At most this many paths are computed and shown.
pub const PATH_CAP: usize = 500;

/// The paths of one pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    /// The row of the pick list.
    pub pick: u32,
    /// Each path as flow indices, in the order of the graph's path queries.
    pub paths: Vec<Vec<usize>>,
    /// Whether more paths exist than [`PATH_CAP`].
    pub truncated: bool,
}

/// The paths of pick row `pick`.
pub fn compute(data: &Data, pick: u32) -> Trace {
    let (paths, truncated) = match &data.picks[pick as usize].pick {
        Pick::Category(category) => paths_of_category(&data.graph, category, PATH_CAP),
        Pick::Node(row) => paths_from(
            &data.graph,
            data.graph.view(data.nodes[*row].node).id,
            PATH_CAP,
        ),
    };
    Trace {
        pick,
        paths,
        truncated,
    }
}

/// [`FlowGraph::paths_of_category`], stopping after `cap` paths.
pub fn paths_of_category(graph: &FlowGraph, category: &str, cap: usize) -> (Vec<Vec<usize>>, bool) {
    let mut walk = Walk {
        graph,
        follow: &|i| graph.carries(i, category),
        out: Vec::new(),
        cap,
        truncated: false,
    };
    for (s, source) in graph.inventory().sources.iter().enumerate() {
        let first = graph.node(&source.id).map(|n| n.node);
        if first
            != Some(NodeRef {
                kind: NodeKind::Source,
                index: s,
            })
        {
            continue;
        }
        walk.walk(&source.id, &mut vec![source.id.as_str()], &mut Vec::new());
    }
    (walk.out, walk.truncated)
}

/// [`FlowGraph::paths_from`], stopping after `cap` paths.
pub fn paths_from(graph: &FlowGraph, id: &str, cap: usize) -> (Vec<Vec<usize>>, bool) {
    let mut walk = Walk {
        graph,
        follow: &|_| true,
        out: Vec::new(),
        cap,
        truncated: false,
    };
    if graph.node(id).is_some() {
        walk.walk(id, &mut vec![id], &mut Vec::new());
    }
    (walk.out, walk.truncated)
}

struct Walk<'g> {
    graph: &'g FlowGraph,
    follow: &'g dyn Fn(usize) -> bool,
    out: Vec<Vec<usize>>,
    cap: usize,
    truncated: bool,
}

impl<'g> Walk<'g> {
    fn walk(&mut self, at: &str, visited: &mut Vec<&'g str>, path: &mut Vec<usize>) {
        if self.truncated {
            return;
        }
        let graph = self.graph;
        let next: Vec<usize> = graph
            .flows_out(at)
            .into_iter()
            .filter(|&i| {
                (self.follow)(i) && {
                    let to = graph.node(&graph.flow(i).to).map_or("", |n| n.id);
                    !visited.contains(&to)
                }
            })
            .collect();
        if next.is_empty() {
            if !path.is_empty() {
                if self.out.len() == self.cap {
                    self.truncated = true;
                    return;
                }
                self.out.push(path.clone());
            }
            return;
        }
        for flow in next {
            let Some(to) = graph.node(&graph.flow(flow).to).map(|n| n.id) else {
                continue;
            };
            visited.push(to);
            path.push(flow);
            self.walk(to, visited, path);
            path.pop();
            visited.pop();
        }
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
        doc.para(
            "Pick a data category or a node on the left.",
            0,
            theme.dim(),
        );
        return doc;
    };
    let pick = &data.picks[trace.pick as usize];
    let what = match &pick.pick {
        Pick::Category(_) => format!("Where {} goes", pick.label),
        Pick::Node(_) => format!("Where data leaving {} goes", pick.label),
    };
    doc.heading(what, theme);
    let count = if trace.truncated {
        format!("the first {} paths (there are more)", trace.paths.len())
    } else {
        format!("{} path{}", trace.paths.len(), plural(trace.paths.len()))
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
    for (n, path) in trace.paths.iter().enumerate() {
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
    use crate::load::{Origin, load};

    #[test]
    fn capped_walk_agrees_with_the_graph() {
        let graph = FlowGraph::new(load(&Origin::Builtin).unwrap());
        for term in &graph.loaded().taxonomy.categories {
            let (paths, truncated) = paths_of_category(&graph, &term.name, usize::MAX);
            assert!(!truncated);
            assert_eq!(paths, graph.paths_of_category(&term.name), "{}", term.name);
        }
        for node in graph.nodes() {
            let (paths, _) = paths_from(&graph, node.id, usize::MAX);
            assert_eq!(paths, graph.paths_from(node.id), "{}", node.id);
        }
        let (paths, truncated) = paths_from(&graph, "web-forms", 2);
        assert_eq!(paths.len(), 2);
        assert!(truncated || graph.paths_from("web-forms").len() == 2);
    }
}
