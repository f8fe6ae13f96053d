//! The Timeline tab: the law's milestones from 1998-10-25 to today (the start and end of
//! each adequacy decision, framework and clause set, membership changes, a regime's law
//! that applies), each with the inventory's errors and warnings on that date and the
//! change from the milestone before; above them a chart of both over time; beside them
//! the selected milestone's events and sources and the flows whose verdict changes there.
//! `Enter` judges every tab as of the selected milestone.
//!
//! The counts and verdicts come from the inventory's [`History`], computed once per load
//! (on a worker for a large inventory; "Counting…" meanwhile).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Cell, Chart, Dataset, GraphType, Paragraph, Widget};

use super::app::App;
use super::data::Data;
use super::doc::{Doc, LINK_CAP};
use super::history::{History, milestones};
use super::layout::Col;
use super::listing::Hays;
use super::screen::{Enter, Screen, Tab, previous};
use super::theme::Theme;
use super::widgets::plural;
use crate::check::Severity;
use crate::check::timeline::Counts;
use crate::export::ExportOptions;
use crate::model::Date;
use crate::model::law::EARLIEST;

/// The Timeline tab.
pub struct TimelineTab;

/// The marker of the milestone in force on the as-of date.
const IN_FORCE: &str = "●";

impl Screen for TimelineTab {
    fn name(&self) -> &'static str {
        "Timeline"
    }

    fn shows_history(&self) -> bool {
        true
    }

    /// Two fifths of the body, 7 to 14 rows; none below 16 rows.
    fn chart_height(&self, height: u16) -> u16 {
        if height < 16 {
            0
        } else {
            (height * 2 / 5).clamp(7, 14)
        }
    }

    fn chart(&self, app: &App, area: Rect, buf: &mut Buffer) {
        chart(app, area, buf);
    }

    fn hays<'a>(&self, _data: &'a Data) -> &'a Hays {
        &milestones().hays
    }

    /// The date and the event.
    fn key(&self, _data: &Data, row: usize) -> Option<String> {
        let m = milestones().rows.get(row)?;
        Some(format!("{} {}", m.date, m.event))
    }

    /// The list's columns.
    fn columns(&self) -> Vec<Col> {
        vec![
            Col::new("", Constraint::Length(1), 0),
            Col::new("date", Constraint::Length(10), 0),
            Col::new("event", Constraint::Fill(1), 0).min(20),
            Col::new("regime", Constraint::Length(6), 4),
            Col::new("errors", Constraint::Length(6), 1),
            Col::new("warnings", Constraint::Length(8), 2),
            Col::new("change", Constraint::Length(22), 3),
        ]
    }

    /// One milestone; the date and the counts on the first row of each day.
    fn row(&self, app: &App, window: &[u32], k: usize) -> Vec<Cell<'static>> {
        let theme = app.theme;
        let all = milestones();
        let m = &all.rows[window[k] as usize];
        let first = previous(window, k).is_none_or(|p| all.rows[p as usize].date != m.date);
        let marker = if first && all.in_force(app.data.as_of) == Some(m.date) {
            IN_FORCE
        } else {
            ""
        };
        let regime = m.regime.map(|r| r.to_string()).unwrap_or_default();
        let mut cells = vec![
            Cell::from(Span::styled(marker, theme.heading())),
            Cell::from(if first {
                m.date.to_string()
            } else {
                String::new()
            }),
            Cell::from(m.event.clone()),
            Cell::from(Span::styled(regime, theme.dim())),
        ];
        if !first {
            return cells;
        }
        match counts_on(app.timeline.as_ref(), m.date) {
            Some((now, before)) => {
                cells.push(Cell::from(format!("{:>6}", now.errors)));
                cells.push(Cell::from(format!("{:>8}", now.warnings)));
                cells.push(Cell::from(change(now, before, theme)));
            }
            None => cells
                .extend(["     …", "       …"].map(|t| Cell::from(Span::styled(t, theme.dim())))),
        }
        cells
    }

    fn title(&self, app: &App) -> String {
        format!(
            "Milestones of the law ({IN_FORCE} in force on {})",
            app.data.as_of
        )
    }

    fn detail_title(&self) -> &'static str {
        "Milestone"
    }

    /// The selected day's events and sources, the counts, and the flows whose verdict
    /// changes on it.
    fn detail(&self, app: &App, width: u16) -> Doc {
        let mut doc = Doc::new(width);
        match app.state(Tab::Timeline).list.selected_row() {
            Some(row) => milestone_doc(app, milestones().rows[row as usize].date, &mut doc),
            None => doc.para("No milestone matches the filter.", 0, app.theme.dim()),
        }
        doc
    }

    /// Judges every tab as of the milestone.
    fn enter(&self, _data: &Data, row: usize) -> Option<Enter> {
        Some(Enter::AsOf(milestones().rows.get(row)?.date))
    }

    /// `e`: the flows whose verdict changes on the selected milestone.
    fn export(&self, app: &App) -> Option<(String, ExportOptions)> {
        let row = app.state(Tab::Timeline).list.selected_row()?;
        let day = milestones().rows[row as usize].date;
        let flows = app
            .timeline
            .as_ref()
            .map_or_else(Vec::new, |h| changed_on(h, day).to_vec());
        Some((
            format!("timeline-{day}"),
            ExportOptions {
                flows: Some(flows),
                ..ExportOptions::default()
            },
        ))
    }
}

/// The counts on a milestone date and on the one before, once counted.
fn counts_on(history: Option<&History>, day: Date) -> Option<(Counts, Option<Counts>)> {
    let history = history?;
    let k = milestones().date_index(day)?;
    let now = *history.counts.get(k)?;
    Some((now, k.checked_sub(1).map(|p| history.counts[p])))
}

/// The flows whose verdict changes on a milestone date.
fn changed_on(history: &History, day: Date) -> &[usize] {
    milestones()
        .date_index(day)
        .and_then(|k| history.changed.get(k))
        .map_or(&[], Vec::as_slice)
}

/// `+2 errors, -1 warning`, `=` when nothing changes, nothing on the first date.
fn change(now: Counts, before: Option<Counts>, theme: Theme) -> Span<'static> {
    let Some(before) = before else {
        return Span::raw("");
    };
    let de = now.errors as i64 - before.errors as i64;
    let dw = now.warnings as i64 - before.warnings as i64;
    let mut parts = Vec::new();
    if de != 0 {
        parts.push(format!(
            "{de:+} error{}",
            plural(de.unsigned_abs() as usize)
        ));
    }
    if dw != 0 {
        parts.push(format!(
            "{dw:+} warning{}",
            plural(dw.unsigned_abs() as usize)
        ));
    }
    let style = if de > 0 {
        theme.severity(Severity::Error)
    } else if dw > 0 {
        theme.severity(Severity::Warning)
    } else if de < 0 || dw < 0 {
        theme.good()
    } else {
        return Span::styled("=", theme.dim());
    };
    Span::styled(parts.join(", "), style)
}

/// A day's events with their sources, the counts, the flows whose verdict changes.
fn milestone_doc(app: &App, day: Date, doc: &mut Doc) {
    let theme = app.theme;
    let all = milestones();
    let events: Vec<_> = all.on(day).collect();
    let s = plural(events.len());
    doc.heading(format!("{day} · {} event{s}", events.len()), theme);
    for m in &events {
        doc.para(&format!("• {}", m.event), 0, Style::new());
        let regime = m.regime.map_or_else(String::new, |r| format!("{r} law; "));
        doc.para(&format!("{regime}source: {}", m.source), 2, theme.dim());
    }
    let until = all.next(day, true).map_or_else(
        || "until today (the last milestone)".to_string(),
        |next| format!("until {} (the next milestone)", next.pred()),
    );
    doc.field("in force", &until, theme);
    if all.in_force(app.data.as_of) == Some(day) {
        doc.field_styled(
            &format!("{IN_FORCE} as of"),
            &format!("{}: the law every tab is judged by", app.data.as_of),
            theme.heading(),
            theme,
        );
    }
    doc.blank();
    let Some(history) = &app.timeline else {
        doc.para(
            "Counting the errors and warnings on each milestone… (a large inventory: the keys keep working)",
            0,
            theme.dim(),
        );
        return;
    };
    if let Some((now, before)) = counts_on(Some(history), day) {
        let mut line = vec![Span::styled(
            format!(
                "On this day: {} error{}, {} warning{}",
                now.errors,
                plural(now.errors),
                now.warnings,
                plural(now.warnings)
            ),
            theme.heading(),
        )];
        let delta = change(now, before, theme);
        if !delta.content.is_empty() {
            line.push(Span::raw("  "));
            line.push(delta);
        }
        doc.line(Line::from(line));
    }
    doc.blank();
    if day == all.dates[0] {
        doc.para(
            "The first day flowmap judges: every flow's verdict starts here.",
            0,
            theme.dim(),
        );
    } else {
        changed_doc(app, history, day, doc);
    }
    doc.blank();
    doc.para(
        &format!("Enter on the list judges every tab as of {day}; < and > step, = goes back."),
        0,
        theme.dim(),
    );
}

/// The flows whose verdict changes on `day`, as links, each with its verdict before.
fn changed_doc(app: &App, history: &History, day: Date, doc: &mut Doc) {
    let theme = app.theme;
    let changed = changed_on(history, day);
    doc.heading(
        format!(
            "Verdicts that change on {day}: {} flow{}",
            changed.len(),
            plural(changed.len())
        ),
        theme,
    );
    if changed.is_empty() {
        doc.para("none in this inventory", 2, theme.dim());
    }
    for &i in changed.iter().take(LINK_CAP) {
        let spans = &history.spans[i];
        let Some(k) = spans.iter().position(|s| s.from == day) else {
            continue;
        };
        let (now, before) = (&spans[k], k.checked_sub(1).map(|p| &spans[p]));
        let word = match before.map(|b| b.worst) {
            Some(worst) if now.worst > worst => "worse",
            Some(worst) if now.worst < worst => "better",
            _ => "changed",
        };
        let style = now.worst.map_or(theme.good(), |s| theme.severity(s));
        doc.link(
            vec![
                Span::raw(app.data.flows[i].id.clone()),
                Span::styled(format!("  {word}: "), theme.heading()),
                Span::styled(now.verdict.clone(), style),
            ],
            super::data::Target::Flow(i),
            theme,
        );
        if let Some(before) = before {
            doc.para(&format!("was: {}", before.verdict), 6, theme.dim());
        }
    }
    doc.more(changed.len(), "e exports them all", theme);
}

/// A step line of the chart, drawn with `mark`.
fn set<'a>(name: &'static str, mark: char, style: Style, data: &'a [(f64, f64)]) -> Dataset<'a> {
    Dataset::default()
        .name(name)
        .marker(Marker::Custom(mark))
        .graph_type(GraphType::Line)
        .style(style)
        .data(data)
}

/// The errors and warnings over time, a step line each (● errors, ○ warnings: the shapes
/// tell them apart without colour), and a `│` on the as-of date.
fn chart(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let all = milestones();
    let as_of = app.data.as_of;
    let block = Block::bordered().title(format!(
        " Errors ● and warnings ○ on each milestone · │ as of {as_of} "
    ));
    let Some(history) = &app.timeline else {
        Paragraph::new(Span::styled(
            format!(
                "Counting the errors and warnings on {} dates… (the keys keep working)",
                all.dates.len()
            ),
            theme.dim(),
        ))
        .block(block)
        .render(area, buf);
        return;
    };
    let last = all.dates.last().copied().unwrap_or(EARLIEST);
    let end = last.max(as_of).plus_days(365);
    let x = |d: Date| d.days_since_epoch() as f64;
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for (k, c) in history.counts.iter().enumerate() {
        let next = history.counts.get(k + 1).map_or(end, |n| n.date);
        for day in [c.date, next] {
            errors.push((x(day), c.errors as f64));
            warnings.push((x(day), c.warnings as f64));
        }
    }
    let top = history
        .counts
        .iter()
        .map(|c| c.errors.max(c.warnings))
        .max()
        .unwrap_or(0)
        .max(1);
    let marker = if as_of >= EARLIEST {
        vec![(x(as_of), 0.0), (x(as_of), top as f64)]
    } else {
        Vec::new()
    };
    let year = |d: Date| d.to_string()[..4].to_string();
    let middle =
        Date::from_days_since_epoch((EARLIEST.days_since_epoch() + end.days_since_epoch()) / 2);
    let chart = Chart::new(vec![
        set("as of", '│', theme.dim(), &marker),
        set(
            "warnings",
            '○',
            theme.severity(Severity::Warning),
            &warnings,
        ),
        set("errors", '●', theme.severity(Severity::Error), &errors),
    ])
    .block(block)
    .legend_position(None)
    .x_axis(
        Axis::default()
            .bounds([x(EARLIEST), x(end)])
            .labels([year(EARLIEST), year(middle), year(end)])
            .style(theme.dim()),
    )
    .y_axis(
        Axis::default()
            .bounds([0.0, top as f64])
            .labels(["0".to_string(), top.to_string()])
            .style(theme.dim()),
    );
    chart.render(area, buf);
}
