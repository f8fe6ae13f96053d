//! The Nodes tab: sources, stores and recipients grouped by kind with their
//! jurisdictions (left); the selected node's details and its outgoing and incoming flows
//! (right), each a link to the node at its other end.

use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::Cell;

use super::view::Col;

use super::app::{App, Tab};
use super::data::{Data, Target, clean, kind_label};
use super::doc::{Doc, LINK_CAP};
use super::theme::Theme;
use crate::check::Severity;
use crate::export::{ExportOptions, Focus};
use crate::graph::NodeKind;
use crate::model::Jurisdictions;

/// The list's columns.
pub fn columns() -> Vec<Col> {
    vec![
        Col::new("kind", Constraint::Length(10), 3),
        Col::new("node", Constraint::Fill(3), 0).min(8),
        Col::new("located", Constraint::Fill(2), 2).min(6),
        Col::new("in", Constraint::Length(3), 4),
        Col::new("out", Constraint::Length(3), 4),
        Col::new("!", Constraint::Length(3), 1),
    ]
}

/// `!3` in the style of the worst severity, or nothing.
pub fn issues_cell(issues: usize, worst: Option<Severity>, theme: Theme) -> Cell<'static> {
    if issues == 0 {
        return Cell::from("");
    }
    Cell::from(Span::styled(
        format!("!{issues}"),
        theme.severity(worst.unwrap_or(Severity::Warning)),
    ))
}

/// One list row; the kind is written on the first row of each group.
pub fn row(app: &App, row: u32, prev: Option<u32>) -> Vec<Cell<'static>> {
    let data = &app.data;
    let node = &data.nodes[row as usize];
    let kind = node.node.kind;
    let group = match prev {
        Some(p) if data.nodes[p as usize].node.kind == kind => "",
        _ => kind.list(),
    };
    vec![
        Cell::from(Span::styled(group, app.theme.dim())),
        Cell::from(node.id.clone()),
        Cell::from(node.places.clone()),
        Cell::from(node.flows_in.to_string()),
        Cell::from(node.flows_out.to_string()),
        issues_cell(node.issues, node.worst, app.theme),
    ]
}

/// The list's title.
pub fn title(app: &App) -> String {
    let data = &app.data;
    let count = |k: NodeKind| data.nodes.iter().filter(|n| n.node.kind == k).count();
    format!(
        "Nodes: {} sources, {} stores, {} recipients",
        count(NodeKind::Source),
        count(NodeKind::Store),
        count(NodeKind::Recipient)
    )
}

/// A flow as a link line: `→ other-end  ⇄ route  ⚖ EU  !2  data`.
pub fn flow_link(
    doc: &mut Doc,
    data: &Data,
    i: usize,
    arrow: &str,
    other: &str,
    follow: Target,
    theme: Theme,
) {
    let flow = &data.flows[i];
    let mut spans = vec![Span::raw(format!("{arrow} {other}"))];
    if data.graph.flow(i).id.is_some() {
        spans.push(Span::styled(format!(" via {}", flow.id), theme.dim()));
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
    if flow.issues > 0 {
        spans.push(Span::styled(
            format!("  !{}", flow.issues),
            theme.severity(flow.worst.unwrap_or(Severity::Warning)),
        ));
    }
    spans.push(Span::styled(format!("  {}", flow.data), theme.dim()));
    doc.link(spans, follow, theme);
}

/// The node's place names: `EEA (European Economic Area), US (United States)`.
pub fn place_names(located: &[String]) -> String {
    let places = Jurisdictions::builtin();
    located
        .iter()
        .map(|code| match places.name(code) {
            Some(name) if name != code => format!("{code} ({name})"),
            _ => code.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The selected node's details and flows.
pub fn detail(app: &App, width: u16) -> Doc {
    let theme = app.theme;
    let data = &app.data;
    let mut doc = Doc::new(width);
    let Some(row) = app.state(Tab::Nodes).list.selected_row() else {
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
        for &f in findings.iter().take(LINK_CAP) {
            finding_link(&mut doc, data, f, theme);
        }
        doc.more(findings.len(), "the Findings tab lists them all", theme);
    }
    doc
}

/// A finding as a link line: `→ error FM301 message`.
pub fn finding_link(doc: &mut Doc, data: &Data, f: usize, theme: Theme) {
    let row = &data.findings[f];
    let mut spans = vec![
        Span::styled(
            format!("{:<7}", row.severity.to_string()),
            theme.severity(row.severity),
        ),
        Span::raw(format!(" {} ", row.rule.id())),
    ];
    if row.waived {
        spans.push(Span::styled("waived ", theme.dim()));
    }
    spans.push(Span::raw(row.message.clone()));
    doc.link(spans, Target::Finding(f), theme);
}

/// `e`: the selected node and its neighbours (depth 1).
pub fn export(app: &App) -> Option<(String, ExportOptions)> {
    let row = app.state(Tab::Nodes).list.selected_row()?;
    let node = &app.data.nodes[row as usize];
    let id = app.data.graph.view(node.node).id.to_string();
    Some((
        format!("node-{}", node.id),
        ExportOptions {
            focus: Some(Focus { id, depth: 1 }),
            ..ExportOptions::default()
        },
    ))
}
