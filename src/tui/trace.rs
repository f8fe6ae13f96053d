//! The Trace tab: pick a data category or a node (left) and see every path the data takes,
//! hop by hop (right), with border crossings (`⇄`), restricted transfers (`⚖`) and
//! mechanisms marked.
//!
//! The paths are those `flowmap trace` prints, in its order: the graph's own queries
//! ([`crate::graph::FlowGraph::paths_of_category`], [`crate::graph::FlowGraph::paths_from`]) run as they are, and the
//! graph stops walking after [`crate::graph::MAX_PATHS`] paths or
//! [`crate::graph::MAX_PATH_HOPS`] hops (then the count says "at least"). The pane lists
//! the first [`PATH_CAP`] of them. On an inventory of more than
//! [`SYNC_TRACE_FLOWS`] flows the queries run on a worker thread (the runtime's), so a
//! pick with very many paths never blocks the keys; [`Trace::generation`] lets `update`
//! drop the answer of a load that is gone.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::columns::Col;
use super::data::{Data, Pick, Target, clean};
use super::doc::Doc;
use super::listing::Hays;
pub use super::paths::{PATH_CAP, Query, SYNC_TRACE_FLOWS, Trace, query, run};
use super::screen::{Ctx, Screen, inventory_entry, previous};
use super::theme::Theme;
use super::widgets::{issues_span, plural};
use crate::diag::Location;
use crate::export::ExportOptions;
use crate::trace::Hop;

/// The Trace tab.
pub struct TraceTab;

impl Screen for TraceTab {
    fn name(&self) -> &'static str {
        "Trace"
    }

    fn hays<'a>(&self, data: &'a Data) -> &'a Hays {
        &data.pick_hays
    }

    /// A node pick's entry in the inventory (a category is in the taxonomy, which may
    /// be the built-in one: not opened).
    fn source(&self, data: &Data, row: usize) -> Option<Location> {
        match data.picks.get(row)?.pick {
            Pick::Node(n) => {
                let node = data.nodes[n].node;
                Some(inventory_entry(data, node.kind.list(), node.index))
            }
            Pick::Category(_) => None,
        }
    }

    /// Whether it is a category, and its label.
    fn key(&self, data: &Data, row: usize) -> Option<String> {
        let p = data.picks.get(row)?;
        let kind = matches!(p.pick, Pick::Category(_));
        Some(format!("{kind} {}", p.label))
    }

    /// The pick list's columns.
    fn columns(&self) -> Vec<Col> {
        vec![
            Col::new("trace", Constraint::Length(8), 1),
            Col::new("category or node", Constraint::Fill(1), 0).min(8),
        ]
    }

    /// One pick-list row.
    fn row(&self, ctx: &Ctx<'_>, window: &[u32], k: usize) -> Vec<Line<'static>> {
        let row = window[k];
        let prev = previous(window, k);
        let data = &ctx.data;
        let pick = &data.picks[row as usize];
        let kind = |r: u32| matches!(data.picks[r as usize].pick, Pick::Category(_));
        let group = match prev {
            Some(p) if kind(p) == kind(row) => "",
            _ if kind(row) => "category",
            _ => "node",
        };
        vec![
            Line::from(Span::styled(group, ctx.theme.dim())),
            Line::from(pick.label.clone()),
        ]
    }

    fn title(&self, _ctx: &Ctx<'_>) -> String {
        "Trace: pick a category or node".into()
    }

    fn detail_title(&self) -> &'static str {
        "Paths, hop by hop"
    }

    /// The paths of the selected pick, hop by hop.
    fn detail(&self, ctx: &Ctx<'_>, width: u16) -> Doc {
        let theme = ctx.theme;
        let data = &ctx.data;
        let mut doc = Doc::new(width);
        let Some(trace) = ctx.trace else {
            let text = if ctx.tracing {
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
            let from = query(data, trace.pick);
            for hop in crate::trace::hops(&data.graph, &data.analysis, &from, path) {
                hop_link(&mut doc, data, &hop, theme);
            }
        }
        doc
    }

    /// `e`: a category's flows, or the flows on the paths from a node.
    fn export(&self, ctx: &Ctx<'_>) -> Option<(String, ExportOptions)> {
        let trace = ctx.trace?;
        let pick = &ctx.data.picks[trace.pick as usize];
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
}

/// A hop as a link line to its flow, in `flowmap trace`'s words: `crm via id (US)
/// [contact.email]  ⇄ EEA → US (collection, not a transfer)  ⚖ EU transfer via Scc,
/// covered  !1`: the traced data only, and what the hop is in law for that data.
fn hop_link(doc: &mut Doc, data: &Data, hop: &Hop, theme: Theme) {
    let i = hop.flow;
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
    let shown = crate::text::first_and_more(&hop.data, 4, clean);
    spans.push(Span::raw(format!("  [{shown}]")));
    if let Some(crossing) = &hop.crossing {
        let mut text = format!("  ⇄ {}", clean(crossing));
        if let Some(why) = &hop.not_transfer {
            text.push_str(&format!(" ({why})"));
        }
        spans.push(Span::styled(text, theme.cross()));
    }
    if let Some(law) = &hop.law {
        spans.push(Span::styled(
            format!("  ⚖ {}", clean(law)),
            theme.restricted(),
        ));
    }
    if flow.issues > 0 {
        spans.push(issues_span(flow.issues, flow.worst, "  ", theme));
    }
    doc.link(spans, Target::Flow(i), theme);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Origin, load_in_memory};
    use crate::trace::{TraceFrom, paths};
    use crate::tui::data::{PickRow, Target};
    use crate::tui::{App, Tab};

    /// A pick's paths are `flowmap trace`'s for the same category or node id, chained
    /// hop to hop, and a node's all start at it.
    #[test]
    fn every_pick_traces_what_flowmap_trace_prints() {
        let data = Data::load(&Origin::Builtin, None).unwrap();
        let is_node = |p: &PickRow| matches!(p.pick, Pick::Node(_));
        assert!(data.picks.iter().any(is_node) && !data.picks.iter().all(is_node));
        for (row, pick) in data.picks.iter().enumerate() {
            let (from, start) = match &pick.pick {
                Pick::Category(c) => (TraceFrom::Category(c.clone()), None),
                Pick::Node(n) => {
                    let id = data.graph.view(data.nodes[*n].node).id.to_string();
                    (TraceFrom::Node(id.clone()), Some(id))
                }
            };
            let got = run(&data.graph, &query(&data, row as u32));
            assert_eq!(got, paths(&data.graph, &from).unwrap(), "{}", pick.label);
            let flows = &data.graph.inventory().flows;
            for path in &got {
                for hop in path.windows(2) {
                    assert_eq!(flows[hop[0]].to, flows[hop[1]].from, "{}", pick.label);
                }
                if let Some(start) = &start {
                    assert_eq!(&flows[path[0]].from, start, "{}", pick.label);
                }
            }
            assert!(
                start.is_none() || !got.is_empty(),
                "{} has flows out",
                pick.label
            );
        }
    }

    /// The pane counts the paths and lists every hop of each as a link to its flow, with
    /// where it lands, the border it crosses and the mechanism.
    #[test]
    fn the_pane_lists_each_path_hop_by_hop() {
        let text = r#"Inventory(name: "Chain", as_of: Some("2024-01-01"),
            sources: [Source(id: "s", name: "S", located: ["DE"])],
            recipients: [
                Recipient(id: "a", name: "A", kind: ServiceProvider, located: ["DE"]),
                Recipient(id: "b", name: "B", kind: Partner, located: ["US"]),
            ],
            flows: [
                Flow(from: "s", to: "a", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)),
                Flow(from: "a", to: "b", data: ["contact.email"], purposes: ["service.operation"]),
            ])"#;
        let loaded = load_in_memory(&[("inventory.ron", text)], "inventory.ron").unwrap();
        let mut app = App::new(Data::new(loaded, None), Origin::Builtin, None);
        let pick = app
            .data
            .picks
            .iter()
            .position(|p| p.pick == Pick::Node(0) && p.label == "s")
            .unwrap() as u32;
        let paths = run(&app.data.graph, &query(&app.data, pick));
        assert_eq!(paths, vec![vec![0, 1]]);
        app.trace = Some(Trace {
            generation: app.generation,
            pick,
            paths,
        });
        let doc = TraceTab.detail(&app.ctx(Tab::Trace), 100);
        let lines: Vec<String> = doc.lines.iter().map(ToString::to_string).collect();
        let links: Vec<Target> = doc.links.iter().map(|&(_, t)| t).collect();
        assert_eq!(links, [Target::Flow(0), Target::Flow(1)]);
        assert_eq!(lines[0], "Where data leaving s goes");
        assert!(
            lines[1].starts_with("1 path; 1 cross a border"),
            "{lines:?}"
        );
        assert!(lines.contains(&"Path 1: s (DE)".to_string()), "{lines:?}");
        let hop = |k: usize| &lines[doc.links[k].0];
        assert_eq!(hop(0), "  → a (DE)  [contact.email]");
        assert!(
            hop(1).starts_with("  → b (US)  [contact.email]  ⇄ "),
            "{}",
            hop(1)
        );
        assert!(hop(1).contains("⚖ EU transfer, no mechanism"), "{}", hop(1));
    }
}
