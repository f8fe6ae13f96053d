//! The Policy tab: the policy's sections, each with the number of flows that cite it
//! (`uncited` when none does); the detail shows the quote, what the section discloses,
//! and the citing flows as links.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::columns::Col;
use super::data::{Data, Target, clean};
use super::doc::{Doc, LINK_CAP};
use super::listing::Hays;
use super::screen::{Ctx, Screen};
use super::widgets::{finding_links, flow_link, plural};
use crate::check::Severity;
use crate::diag::Location;
use crate::export::ExportOptions;
use crate::load::Step::{Field, Index};

/// The Policy tab.
pub struct PolicyTab;

impl Screen for PolicyTab {
    fn name(&self) -> &'static str {
        "Policy"
    }

    fn hays<'a>(&self, data: &'a Data) -> &'a Hays {
        &data.section_hays
    }

    fn key(&self, data: &Data, row: usize) -> Option<String> {
        Some(data.sections.get(row)?.id.clone())
    }

    /// The list's columns.
    /// The section in the policy file.
    fn source(&self, data: &Data, row: usize) -> Option<Location> {
        let index = data.sections.get(row)?.index;
        let (_, file) = data.graph.loaded().policy.as_ref()?;
        Some(file.locate_entry(&[Field("sections"), Index(index)]))
    }

    fn columns(&self) -> Vec<Col> {
        vec![
            Col::new("§", Constraint::Length(3), 2),
            Col::new("section", Constraint::Fill(1), 0).min(8),
            Col::new("cited by", Constraint::Length(8), 1),
        ]
    }

    /// One row.
    fn row(&self, ctx: &Ctx<'_>, window: &[u32], k: usize) -> Vec<Line<'static>> {
        let row = window[k];
        let s = &ctx.data.sections[row as usize];
        let cited = if s.cited_by.is_empty() {
            Span::styled("uncited", ctx.theme.severity(Severity::Info))
        } else {
            Span::raw(format!(
                "{} flow{}",
                s.cited_by.len(),
                plural(s.cited_by.len())
            ))
        };
        vec![
            Line::from(s.number.clone()),
            Line::from(s.title.clone()),
            Line::from(cited),
        ]
    }

    /// The list's title.
    fn title(&self, ctx: &Ctx<'_>) -> String {
        let data = &ctx.data;
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

    fn detail_title(&self) -> &'static str {
        "Section: quote, disclosures, citing flows"
    }

    /// The selected section: quote, disclosures, citing flows.
    fn detail(&self, ctx: &Ctx<'_>, width: u16) -> Doc {
        let theme = ctx.theme;
        let data = &ctx.data;
        let mut doc = Doc::new(width);
        let Some((policy, _)) = &data.graph.loaded().policy else {
            doc.para(
                "The inventory names no policy (`policy: None`), so the policy rules FM101–FM108 were skipped.",
                0,
                theme.dim(),
            );
            return doc;
        };
        let Some(row) = ctx.selected() else {
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
                    plural(s.cited_by.len())
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
            finding_links(&mut doc, data, findings, theme);
        }
        doc
    }

    /// `e`: the flows citing the selected section.
    fn export(&self, ctx: &Ctx<'_>) -> Option<(String, ExportOptions)> {
        let row = ctx.selected()?;
        let s = &ctx.data.sections[row as usize];
        Some((
            format!("section-{}", s.id),
            ExportOptions {
                flows: Some(s.cited_by.clone()),
                ..ExportOptions::default()
            },
        ))
    }
}
