//! The Policy tab: the policy's sections, each with the number of flows that cite it
//! (`uncited` when none does); the detail shows the quote, what the section discloses,
//! and the citing flows as links.

use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::Cell;

use super::view::Col;

use super::app::{App, Tab};
use super::data::{Target, clean};
use super::doc::{Doc, LINK_CAP};
use super::nodes::{finding_link, flow_link};
use crate::export::ExportOptions;

/// The list's columns.
pub fn columns() -> Vec<Col> {
    vec![
        Col::new("§", Constraint::Length(3), 2),
        Col::new("section", Constraint::Fill(1), 0).min(8),
        Col::new("cited by", Constraint::Length(8), 1),
    ]
}

/// One row.
pub fn row(app: &App, row: u32, _prev: Option<u32>) -> Vec<Cell<'static>> {
    let s = &app.data.sections[row as usize];
    let cited = if s.cited_by.is_empty() {
        Span::styled("uncited", app.theme.severity(crate::check::Severity::Info))
    } else {
        Span::raw(format!(
            "{} flow{}",
            s.cited_by.len(),
            super::trace::plural(s.cited_by.len())
        ))
    };
    vec![
        Cell::from(s.number.clone()),
        Cell::from(s.title.clone()),
        Cell::from(cited),
    ]
}

/// The list's title.
pub fn title(app: &App) -> String {
    let data = &app.data;
    match &data.graph.loaded().policy {
        Some((policy, _)) => {
            let uncited = data
                .sections
                .iter()
                .filter(|s| s.cited_by.is_empty())
                .count();
            format!(
                "{}: {} sections, {} uncited",
                clean(&policy.title),
                data.sections.len(),
                uncited
            )
        }
        None => "Policy: none".into(),
    }
}

/// The selected section: quote, disclosures, citing flows.
pub fn detail(app: &App, width: u16) -> Doc {
    let theme = app.theme;
    let data = &app.data;
    let mut doc = Doc::new(width);
    let Some((policy, _)) = &data.graph.loaded().policy else {
        doc.para(
            "The inventory names no policy (`policy: None`), so the policy rules FM101–FM108 were skipped.",
            0,
            theme.dim(),
        );
        return doc;
    };
    let Some(row) = app.state(Tab::Policy).list.selected_row() else {
        doc.para("No section matches the filter.", 0, theme.dim());
        return doc;
    };
    let s = &data.sections[row as usize];
    let sec = &policy.sections[s.index];
    doc.heading(format!("§{} {}", s.number, s.title), theme);
    if let Some(url) = &policy.url {
        doc.field("policy", &clean(url), theme);
    }
    doc.para(&format!("“{}”", clean(&sec.quote)), 2, theme.dim());
    doc.blank();
    doc.heading("Discloses", theme);
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "—".to_string()
        } else {
            clean(&items.join(", "))
        }
    };
    doc.field("data", &list(sec.collects.clone()), theme);
    doc.field("purposes", &list(sec.purposes.clone()), theme);
    doc.field(
        "shares with",
        &list(sec.shares_with.iter().map(|k| k.to_string()).collect()),
        theme,
    );
    doc.field("locations", &list(sec.locations.clone()), theme);
    doc.field(
        "mechanisms",
        &list(sec.mechanisms.iter().map(|m| m.to_string()).collect()),
        theme,
    );
    doc.blank();
    if s.cited_by.is_empty() {
        doc.heading("Cited by no flow (uncited)", theme);
    } else {
        doc.heading(
            format!(
                "Cited by {} flow{}",
                s.cited_by.len(),
                super::trace::plural(s.cited_by.len())
            ),
            theme,
        );
    }
    for &i in s.cited_by.iter().take(LINK_CAP) {
        let id = data.flows[i].id.clone();
        flow_link(&mut doc, data, i, "flow", &id, Target::Flow(i), theme);
    }
    doc.more(s.cited_by.len(), "e exports them all", theme);
    let findings = data.findings_on(&sec.id);
    if !findings.is_empty() {
        doc.blank();
        doc.heading(format!("Findings ({})", findings.len()), theme);
        for &f in findings.iter().take(LINK_CAP) {
            finding_link(&mut doc, data, f, theme);
        }
        doc.more(findings.len(), "the Findings tab lists them all", theme);
    }
    doc
}

/// `e`: the flows citing the selected section.
pub fn export(app: &App) -> Option<(String, ExportOptions)> {
    let row = app.state(Tab::Policy).list.selected_row()?;
    let s = &app.data.sections[row as usize];
    Some((
        format!("section-{}", s.id),
        ExportOptions {
            flows: Some(s.cited_by.clone()),
            ..ExportOptions::default()
        },
    ))
}
