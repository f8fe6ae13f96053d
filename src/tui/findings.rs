//! The Findings tab: every finding by severity (errors, warnings, infos; waived ones last
//! in each); the detail shows the rule, what fired and why, the subject as a link, and the
//! quote of each policy section the finding was checked against.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::columns::Col;
use super::data::{Data, Target, clean};
use super::doc::Doc;
use super::listing::Hays;
use super::screen::{Ctx, Enter, Screen};
use crate::diag::Location;
use crate::export::{ExportOptions, Focus};

/// The Findings tab.
pub struct FindingsTab;

impl Screen for FindingsTab {
    fn name(&self) -> &'static str {
        "Findings"
    }

    fn stacked(&self) -> bool {
        true
    }

    fn hays<'a>(&self, data: &'a Data) -> &'a Hays {
        &data.finding_hays
    }

    /// The rule, the subject and the message.
    fn key(&self, data: &Data, row: usize) -> Option<String> {
        let f = data.findings.get(row)?;
        Some(format!("{} {} {}", f.rule.id(), f.subject, f.message))
    }

    /// Where the finding points, as `flowmap check` shows it.
    fn source(&self, data: &Data, row: usize) -> Option<Location> {
        let f = data.findings.get(row)?;
        Some(data.report.findings[f.index].location.clone())
    }

    /// The list's columns.
    fn columns(&self) -> Vec<Col> {
        vec![
            Col::new("severity", Constraint::Length(8), 1),
            Col::new("rule", Constraint::Length(5), 3),
            Col::new("subject", Constraint::Fill(2), 0).min(8),
            Col::new("message", Constraint::Fill(5), 2).min(10),
        ]
    }

    /// One row.
    fn row(&self, ctx: &Ctx<'_>, window: &[u32], k: usize) -> Vec<Line<'static>> {
        let row = window[k];
        let theme = ctx.theme;
        let f = &ctx.data.findings[row as usize];
        let severity = if f.waived {
            Span::styled("waived", theme.dim())
        } else {
            Span::styled(f.severity.to_string(), theme.severity(f.severity))
        };
        vec![
            Line::from(severity),
            Line::from(f.rule.id()),
            Line::from(f.subject.clone()),
            Line::from(f.message.clone()),
        ]
    }

    /// The list's title: counts by severity.
    fn title(&self, ctx: &Ctx<'_>) -> String {
        let s = ctx.data.summary;
        format!(
            "Findings: {} errors, {} warnings, {} infos, {} waived",
            s.errors, s.warnings, s.infos, s.waived
        )
    }

    fn detail_title(&self) -> &'static str {
        "Finding: what fired, why, checked against"
    }

    /// The selected finding explained.
    fn detail(&self, ctx: &Ctx<'_>, width: u16) -> Doc {
        let theme = ctx.theme;
        let data = &ctx.data;
        let mut doc = Doc::new(width);
        let Some(row) = ctx.selected() else {
            let text = if data.findings.is_empty() {
                "No findings: the inventory passes every rule."
            } else {
                "No finding matches the filter."
            };
            doc.para(text, 0, theme.dim());
            return doc;
        };
        let f = &data.findings[row as usize];
        let finding = &data.report.findings[f.index];
        let info = f.rule.info();
        let severity = if f.waived {
            "waived".to_string()
        } else {
            f.severity.to_string()
        };
        doc.para(
            &format!("{severity} {}: {}", info.id, info.title),
            0,
            theme
                .severity(f.severity)
                .add_modifier(ratatui::style::Modifier::BOLD),
        );
        if f.waived {
            let reason = finding
                .waiver_reason
                .as_deref()
                .map(clean)
                .unwrap_or_default();
            doc.field("waived", &reason, theme);
        }
        match f.target {
            Some(target) => {
                let what = match target {
                    Target::Node(_) => "node",
                    Target::Flow(_) => "flow",
                    Target::Finding(_) => "finding",
                    Target::Section(_) => "policy section",
                };
                doc.link(
                    vec![
                        Span::styled(format!("subject ({what}) "), theme.dim()),
                        Span::raw(f.subject.clone()),
                    ],
                    target,
                    theme,
                );
            }
            None => doc.field("subject", &f.subject, theme),
        }
        doc.field("at", &clean(&finding.location.to_string()), theme);
        doc.blank();
        doc.heading("What fired", theme);
        doc.para(&f.message, 2, ratatui::style::Style::new());
        doc.blank();
        doc.heading("Why it matters", theme);
        doc.para(info.help, 2, ratatui::style::Style::new());
        if let Some(section) = &finding.section {
            doc.blank();
            doc.heading("Checked against", theme);
            let policy = data.graph.loaded().policy.as_ref().map(|(p, _)| p);
            if section.section_ids().is_empty() {
                // The law, or the policy as a whole: one line, never split on its commas.
                doc.para(
                    &clean(&section.to_string()),
                    2,
                    ratatui::style::Style::new(),
                );
            }
            for part in section.section_ids().iter().map(String::as_str) {
                match (policy, data.section_index.get(part)) {
                    (Some(policy), Some(&s)) => {
                        let sec = &policy.sections[data.sections[s].index];
                        doc.link(
                            vec![Span::styled(
                                format!("§{} {}", clean(&sec.number), clean(&sec.title)),
                                theme.heading(),
                            )],
                            Target::Section(s),
                            theme,
                        );
                        doc.para(&format!("“{}”", clean(&sec.quote)), 4, theme.dim());
                    }
                    _ => doc.para(&clean(part), 2, ratatui::style::Style::new()),
                }
            }
        }
        doc
    }

    /// To the finding's subject, when it is in the UI.
    fn enter(&self, data: &Data, row: usize) -> Option<Enter> {
        Some(Enter::Go(data.findings[row].target?))
    }

    /// `e`: the selected finding's subject (a node and its neighbours, or a flow).
    fn export(&self, ctx: &Ctx<'_>) -> Option<(String, ExportOptions)> {
        let row = ctx.selected()?;
        let f = &ctx.data.findings[row as usize];
        let options = match f.target? {
            Target::Node(n) => ExportOptions {
                focus: Some(Focus {
                    id: ctx.data.graph.view(ctx.data.nodes[n].node).id.to_string(),
                    depth: 1,
                }),
                ..ExportOptions::default()
            },
            Target::Flow(i) => ExportOptions {
                flows: Some(vec![i]),
                ..ExportOptions::default()
            },
            Target::Section(s) => ExportOptions {
                flows: Some(ctx.data.sections[s].cited_by.clone()),
                ..ExportOptions::default()
            },
            Target::Finding(_) => return None,
        };
        Some((format!("finding-{}-{}", f.rule.id(), f.subject), options))
    }
}
