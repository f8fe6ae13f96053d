//! The Nodes tab: sources, stores and recipients grouped by kind with their
//! jurisdictions (left); the selected node's details and its outgoing and incoming flows
//! (right), each a link to the node at its other end.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::columns::Col;
use super::data::{Data, Target, clean, kind_label};
use super::doc::{Doc, LINK_CAP};
use super::listing::Hays;
use super::screen::Pane;
use super::screen::{Ctx, Screen, inventory_entry, previous};
use super::widgets::{finding_links, flow_link, issues_mark};
use crate::diag::Location;
use crate::export::{ExportOptions, Focus};
use crate::graph::NodeKind;
use crate::model::{Jurisdictions, Name};

/// The Nodes tab.
pub struct NodesTab;

impl Screen for NodesTab {
    fn name(&self) -> &'static str {
        "Nodes"
    }

    fn hays<'a>(&self, data: &'a Data) -> &'a Hays {
        &data.node_hays
    }

    fn key(&self, data: &Data, row: usize) -> Option<String> {
        Some(data.nodes.get(row)?.id.clone())
    }

    /// The node's entry in the inventory.
    fn source(&self, data: &Data, row: usize) -> Option<Location> {
        let node = data.nodes.get(row)?.node;
        Some(inventory_entry(data, node.kind.list(), node.index))
    }

    /// The list's columns.
    fn columns(&self) -> Vec<Col> {
        vec![
            Col::new("kind", Constraint::Length(10), 3),
            Col::new("node", Constraint::Fill(3), 0).min(8),
            Col::new("located", Constraint::Fill(2), 2).min(6),
            Col::new("in", Constraint::Length(3), 4),
            Col::new("out", Constraint::Length(3), 4),
            Col::new("!", Constraint::Length(3), 1),
        ]
    }

    /// One list row; the kind is written on the first row of each group.
    fn row(&self, ctx: &Ctx<'_>, window: &[u32], k: usize) -> Vec<Line<'static>> {
        let row = window[k];
        let prev = previous(window, k);
        let data = &ctx.data;
        let node = &data.nodes[row as usize];
        let kind = node.node.kind;
        let group = match prev {
            Some(p) if data.nodes[p as usize].node.kind == kind => "",
            _ => kind.list(),
        };
        vec![
            Line::from(Span::styled(group, ctx.theme.dim())),
            Line::from(node.id.clone()),
            Line::from(node.places.clone()),
            Line::from(node.flows_in.to_string()),
            Line::from(node.flows_out.to_string()),
            issues_mark(node.issues, node.worst, ctx.theme),
        ]
    }

    /// The list's title.
    fn title(&self, ctx: &Ctx<'_>) -> String {
        let data = &ctx.data;
        let count = |k: NodeKind| data.nodes.iter().filter(|n| n.node.kind == k).count();
        format!(
            "Nodes: {} sources, {} stores, {} recipients",
            count(NodeKind::Source),
            count(NodeKind::Store),
            count(NodeKind::Recipient)
        )
    }

    fn detail_title(&self) -> &'static str {
        "Node: details, flows out and in"
    }

    /// The selected node's details and flows.
    fn detail(&self, ctx: &Ctx<'_>, width: u16) -> Doc {
        let theme = ctx.theme;
        let data = &ctx.data;
        let mut doc = Doc::new(width);
        let Some(row) = ctx.selected() else {
            doc.para("No node matches the filter.", 0, theme.dim());
            return doc;
        };
        let node = &data.nodes[row as usize];
        let view = data.graph.view(node.node);
        let inv = data.graph.inventory();
        doc.heading(
            format!("{} ({})", node.id, kind_label(&data.graph, node.node)),
            theme,
        );
        doc.field("name", &node.name, theme);
        doc.field("located", &clean(&place_names(view.located)), theme);
        if node.issues > 0 {
            doc.field(
                "!",
                &format!(
                    "{} errors and warnings: {} on the node, {} on its flows",
                    node.issues,
                    node.issues - node.on_flows,
                    node.on_flows
                ),
                theme,
            );
        }
        match node.node.kind {
            NodeKind::Source => {
                let s = &inv.sources[node.node.index];
                doc.field("subjects", &clean(&s.subjects.join(", ")), theme);
                doc.field("collects", &clean(&s.collects.join(", ")), theme);
                doc.field(
                    "minors",
                    if s.minors {
                        "yes, may hold children's data"
                    } else {
                        "no"
                    },
                    theme,
                );
            }
            NodeKind::Store => {
                let s = &inv.stores[node.node.index];
                doc.field("operator", &s.operator.to_string(), theme);
                doc.field(
                    "retention",
                    &s.retention
                        .as_deref()
                        .map_or_else(|| "not stated (FM301)".into(), clean),
                    theme,
                );
                let safeguards = if s.safeguards.is_empty() {
                    "none listed (FM302)".to_string()
                } else {
                    clean(&s.safeguards.join(", "))
                };
                doc.field("safeguards", &safeguards, theme);
            }
            NodeKind::Recipient => {
                let r = &inv.recipients[node.node.index];
                let certs = if r.certifications.is_empty() {
                    "none".to_string()
                } else {
                    let names: Vec<&str> = r.certifications.iter().map(|c| c.as_str()).collect();
                    names.join(", ")
                };
                doc.field("certifications", &certs, theme);
            }
        }
        let id = view.id;
        let is_first = data.node_row(id) == Some(row as usize);
        let (outgoing, incoming) = if is_first {
            (data.graph.flows_out(id), data.graph.flows_in(id))
        } else {
            (Vec::new(), Vec::new())
        };
        doc.blank();
        doc.heading(format!("Outgoing flows ({})", outgoing.len()), theme);
        if outgoing.is_empty() {
            doc.para("none", 2, theme.dim());
        }
        for &i in outgoing.iter().take(LINK_CAP) {
            let to = data.node_row(&inv.flows[i].to);
            let target = to.map_or(Target::Flow(i), Target::Node);
            flow_link(&mut doc, data, i, "to", &data.flows[i].to, target, theme);
        }
        doc.more(outgoing.len(), "the Flows tab filters by node", theme);
        doc.blank();
        doc.heading(format!("Incoming flows ({})", incoming.len()), theme);
        if incoming.is_empty() {
            doc.para("none", 2, theme.dim());
        }
        for &i in incoming.iter().take(LINK_CAP) {
            let from = data.node_row(&inv.flows[i].from);
            let target = from.map_or(Target::Flow(i), Target::Node);
            flow_link(
                &mut doc,
                data,
                i,
                "from",
                &data.flows[i].from,
                target,
                theme,
            );
        }
        let findings = data.findings_on(id);
        if is_first && !findings.is_empty() {
            doc.blank();
            doc.heading(format!("Findings ({})", findings.len()), theme);
            finding_links(&mut doc, data, findings, theme);
        }
        doc
    }

    /// A node's detail lists its flows: the user came to pick one.
    fn lands_in(&self) -> Pane {
        Pane::Detail
    }

    /// `e`: the selected node and its neighbours (depth 1).
    fn export(&self, ctx: &Ctx<'_>) -> Option<(String, ExportOptions)> {
        let row = ctx.selected()?;
        let node = &ctx.data.nodes[row as usize];
        let id = ctx.data.graph.view(node.node).id.to_string();
        Some((
            format!("node-{}", node.id),
            ExportOptions {
                focus: Some(Focus { id, depth: 1 }),
                ..ExportOptions::default()
            },
        ))
    }
}

/// The node's place names: `EEA (European Economic Area), US (United States)`.
pub fn place_names(located: &[Name]) -> String {
    let places = Jurisdictions::builtin();
    located
        .iter()
        .map(|code| match places.name(code) {
            Some(name) if name != code => format!("{code} ({name})"),
            _ => code.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
