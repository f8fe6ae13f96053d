//! The Flows tab: every flow as a table (from, to, data, purposes, `⇄` when it crosses a
//! border, `⚖` when it is a restricted transfer, `!N` for its errors and warnings), sortable (`s`, `S`), filterable, with
//! toggles for cross-border only (`c`) and failing only (`f`); below, the selected flow's
//! details, its ends and its findings, each a link.

use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::view::Col;

use super::app::{App, Tab};
use super::data::{Target, clean};
use super::doc::{Doc, LINK_CAP};
use super::nodes::{finding_link, issues_cell};
use crate::export::ExportOptions;

/// The table's columns.
pub fn columns() -> Vec<Col> {
    vec![
        Col::new("from", Constraint::Fill(2), 0).min(6),
        Col::new("to", Constraint::Fill(2), 0).min(6),
        Col::new("data", Constraint::Fill(3), 2).min(8),
        Col::new("purposes", Constraint::Fill(2), 3).min(8),
        Col::new("⇄", Constraint::Length(1), 1),
        Col::new("⚖", Constraint::Length(1), 1),
        Col::new("!", Constraint::Length(3), 1),
    ]
}

/// One table row.
pub fn row(app: &App, row: u32, _prev: Option<u32>) -> Vec<Cell<'static>> {
    let flow = &app.data.flows[row as usize];
    let cross = if flow.cross {
        Cell::from(Span::styled("⇄", app.theme.cross()))
    } else {
        Cell::from("")
    };
    let restricted = if flow.restricted.is_empty() {
        Cell::from("")
    } else {
        Cell::from(Span::styled("⚖", app.theme.restricted()))
    };
    vec![
        Cell::from(flow.from.clone()),
        Cell::from(flow.to.clone()),
        Cell::from(flow.data.clone()),
        Cell::from(flow.purposes.clone()),
        cross,
        restricted,
        issues_cell(flow.issues, flow.worst, app.theme),
    ]
}

/// The table's title: sort and toggles.
pub fn title(app: &App) -> String {
    let view = app.flow_view;
    let mut title = format!(
        "Flows · sorted by {}{}",
        view.sort.word(),
        if view.reverse { ", reversed" } else { "" }
    );
    if view.cross_only {
        title.push_str(" · ⇄ only");
    }
    if view.failing_only {
        title.push_str(" · ! only");
    }
    title
}

/// The selected flow's details.
pub fn detail(app: &App, width: u16) -> Doc {
    let mut doc = Doc::new(width);
    match app.state(Tab::Flows).list.selected_row() {
        Some(row) => flow_doc(app, row as usize, &mut doc),
        None => doc.para(
            "No flow matches the filter and toggles.",
            0,
            app.theme.dim(),
        ),
    }
    doc
}

/// A flow's details into `doc`: facts, its two ends as links, its findings as links.
pub fn flow_doc(app: &App, i: usize, doc: &mut Doc) {
    let theme = app.theme;
    let data = &app.data;
    let row = &data.flows[i];
    let flow = data.graph.flow(i);
    doc.heading(format!("Flow {}", row.id), theme);
    let node_link = |doc: &mut Doc, word: &str, id: &str, shown: &str| match data.node_row(id) {
        Some(n) => {
            let node = &data.nodes[n];
            doc.link(
                vec![
                    Span::styled(format!("{word} "), theme.dim()),
                    Span::raw(shown.to_string()),
                    Span::styled(
                        format!(" ({}; {})", node.node.kind.word(), node.places),
                        theme.dim(),
                    ),
                ],
                Target::Node(n),
                theme,
            );
        }
        None => doc.field(word, &format!("{shown} (unknown node, FM003)"), theme),
    };
    node_link(doc, "from", &flow.from, &row.from);
    node_link(doc, "to  ", &flow.to, &row.to);
    doc.field("data", &row.data, theme);
    doc.field(
        "purposes",
        if row.purposes.is_empty() {
            "none stated"
        } else {
            &row.purposes
        },
        theme,
    );
    doc.field(
        "basis",
        &flow
            .basis
            .map_or_else(|| "none stated".into(), |b| b.to_string()),
        theme,
    );
    if row.cross {
        let mechanism = row
            .mechanism
            .map_or_else(|| "no mechanism".into(), |m| format!("mechanism {m}"));
        doc.field_styled(
            "⇄ crosses",
            &format!("{} ({mechanism})", row.route),
            theme.cross(),
            theme,
        );
    } else {
        doc.field("border", "does not cross a border", theme);
        if let Some(m) = row.mechanism {
            doc.field("mechanism", &m.to_string(), theme);
        }
    }
    for (text, restricted) in in_law(app, i) {
        let style = if restricted {
            theme.restricted()
        } else {
            Style::new()
        };
        doc.field_styled("in law", &text, style, theme);
    }
    let cites = if flow.policy.is_empty() {
        "no section (FM101)".to_string()
    } else {
        clean(&flow.policy.join(", "))
    };
    doc.field("cites", &cites, theme);
    let findings = data.findings_on(data.graph.flow_id(i));
    doc.blank();
    doc.heading(
        format!(
            "Findings: {} ({} error{} or warning{}: !{})",
            findings.len(),
            row.issues,
            super::trace::plural(row.issues),
            super::trace::plural(row.issues),
            row.issues
        ),
        theme,
    );
    if findings.is_empty() {
        doc.line(Line::from(Span::styled("  none", theme.good())));
    }
    for &f in findings.iter().take(LINK_CAP) {
        finding_link(doc, data, f, theme);
    }
    doc.more(findings.len(), "the Findings tab lists them all", theme);
}

/// What flow `i` is in law, in a few words for its details: `⚖ restricted transfer under
/// EU (no mechanism)`, `onward transfer of EU data`, `not a transfer (collection)`.
pub fn in_law(app: &App, i: usize) -> Vec<(String, bool)> {
    let Some(law) = app.data.analysis.flows.get(i) else {
        return Vec::new();
    };
    let mut out: Vec<(String, bool)> = law
        .transfers
        .iter()
        .map(|t| {
            let text = if t.restricted() {
                format!(
                    "⚖ restricted transfer under {} ({})",
                    t.regime,
                    t.verdict.word()
                )
            } else {
                format!("transfer under {} (adequate)", t.regime)
            };
            (text, t.restricted())
        })
        .collect();
    out.extend(
        law.onward
            .iter()
            .map(|o| (format!("onward transfer of {} data", o.regime), false)),
    );
    if let Some(why) = &law.not_transfer {
        out.push((
            format!("not a transfer ({})", super::transfers::reason_word(why)),
            false,
        ));
    }
    out
}

/// `e`: the flows in the table, as filtered and toggled.
pub fn export(app: &App) -> Option<(String, ExportOptions)> {
    let list = &app.state(Tab::Flows).list;
    let narrowed = list.is_filtered() || app.flow_view.cross_only || app.flow_view.failing_only;
    let mut flows: Vec<usize> = list.shown.iter().map(|&r| r as usize).collect();
    flows.sort_unstable();
    Some((
        "flows".into(),
        ExportOptions {
            flows: narrowed.then_some(flows),
            ..ExportOptions::default()
        },
    ))
}
