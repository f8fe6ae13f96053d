//! Drawing. `view` only reads the [`App`]; where things go comes from [`super::layout`]
//! (the same functions `update` maps clicks and page sizes with), what a tab's rows and
//! detail say from its [`super::screen::Screen`].
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────┐
//! │ 1 Nodes [2 Flows] 3 Transfers … 7 Timeline   flowmap · as of (event) │ tab bar
//! ├─ list pane (left, or top) ──────┬─ detail pane (right, or bottom) ───┤
//! │ ▶ selected row                  │ facts                              │
//! │   row                           │   → link (Enter follows)           │
//! ├─────────────────────────────────┴────────────────────────────────────┤
//! │ Filter: web▏                                            12 of 340    │ only with /
//! │ Reload failed at inventory.ron:247:19 …   help: did you mean …       │ only after a
//! │                                                                      │ failed reload
//! │ ? help  q quit  1-6 tabs  Tab pane  Enter follow …   5 errors · as of │ status line
//! └──────────────────────────────────────────────────────────────────────┘
//! ```
//! The Flows, Transfers and Findings tabs always stack their table above the detail
//! (their rows are wide: [`super::screen::Screen::stacked`]); the others do when the
//! terminal is narrower than 100 columns:
//!
//! ```text
//! ┌──────────────────────────────────────────────┐
//! │ tab bar                                      │ 1 row
//! ├─ list pane ──────────────────────────────────┤
//! │   header                                     │ 55% of the body
//! │ ▶ selected row (columns that do not fit drop)│
//! ├─ detail pane ────────────────────────────────┤
//! │ facts, links                     12/40 ↓ more│ the rest
//! ├──────────────────────────────────────────────┤
//! │ filter line (only with /) · status line      │ 1 row each
//! └──────────────────────────────────────────────┘
//! ```
//!
//! A tab with a chart (the Timeline: [`super::screen::Screen::chart_height`]) gives it
//! the top of the body, across both panes, when the body has 16 rows or more.
//!
//! Below 60×14 only the focused pane is drawn, without borders; below 20×5 a "terminal
//! too small" message replaces everything. The `?` overlay ([`super::help`]) covers the
//! middle of the screen, two columns and a row in from each edge, at most 84 columns
//! wide. Every rectangle here comes from [`super::layout`].

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Clear, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap,
};

use super::app::{App, Pane};
use super::banner;
use super::columns::{column_widths, fitting};
use super::data::clean;
use super::doc::{ellipsize, fit_line, width_of};
use super::help;
use super::history::{judging_words, milestones};
use super::keymap;
use super::layout::{
    MIN_HEIGHT, MIN_WIDTH, areas, clamp_scroll, help_area, inner, list_rows, tab_hits,
};
use super::listing::keep_visible;
use super::tabs::Tab;

/// Draws the whole UI.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let Some(a) = areas(app, area) else {
        too_small(frame, area);
        return;
    };
    tab_bar(app, frame, a.tabs);
    if !a.chart.is_empty() {
        app.tab
            .screen()
            .chart(&app.ctx(app.tab), a.chart, frame.buffer_mut());
    }
    let state = app.current();
    if !a.list.is_empty() {
        list_pane(app, frame, a.list, a.compact, state.pane == Pane::List);
    }
    if !a.detail.is_empty() {
        detail_pane(app, frame, a.detail, a.compact, state.pane == Pane::Detail);
    }
    if !a.filter.is_empty() {
        filter_line(app, frame, a.filter);
    }
    if let Some(failure) = &app.load_error
        && !a.banner.is_empty()
    {
        let lines: Vec<Line> = banner::lines(failure, a.banner.width, a.banner.height)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, app.theme.status_error())))
            .collect();
        frame.render_widget(Paragraph::new(lines), a.banner);
    }
    status_line(app, frame, a.status);
    if let Some(scroll) = app.help {
        help(app, frame, area, scroll);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small ({}×{}): flowmap needs {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn tab_bar(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let mut spans = Vec::new();
    let mut used = 0u16;
    for (_, end, tab, text) in tab_hits(app, area.width) {
        let style = if tab == app.tab {
            theme.selected(true)
        } else {
            Style::new()
        };
        spans.push(Span::styled(text, style));
        used = used.max(end);
    }
    let data = &app.data;
    let name = clean(&data.graph.inventory().name);
    let s = data.summary;
    let room = area.width.saturating_sub(used + 1);
    let day = data.as_of;
    let counts = format!("{} errors, {} warnings", s.errors, s.warnings);
    let mut candidates = Vec::new();
    if let Some(event) = milestones().headline(day) {
        let event = clean(&event);
        candidates.push(format!("{name} · as of {day}: {event} · {counts} "));
        candidates.push(format!("as of {day}: {event} · {counts} "));
        candidates.push(format!("as of {day}: {event} "));
        // The event cut to the room left, when at least a few words fit.
        let head = format!("as of {day}: ");
        let fits = usize::from(room).saturating_sub(head.chars().count() + 2);
        if fits >= 12 {
            let cut: String = event.chars().take(fits).collect();
            candidates.push(format!("{head}{cut}… "));
        }
    }
    candidates.extend([
        format!("{name} · as of {day} · {counts} "),
        format!("{name} · as of {day} "),
        format!("as of {day} "),
        format!("{day} "),
    ]);
    if let Some(text) = candidates
        .into_iter()
        .find(|c| c.chars().count() as u16 <= room)
    {
        let w = text.chars().count() as u16;
        spans.push(Span::raw(" ".repeat(usize::from(room - w + 1))));
        spans.push(Span::styled(text, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The list pane's title, with the count ("12 of 340" when narrowed).
pub fn list_title(app: &App, tab: Tab) -> String {
    format!(
        "{} · {}",
        tab.screen().title(&app.ctx(tab)),
        count(app, tab)
    )
}

/// `340`, or `12 of 340` when a filter or toggle narrows the list, with the screen's
/// unit (`96 events`).
pub fn count(app: &App, tab: Tab) -> String {
    let shown = app.state(tab).list.shown.len();
    let all = app.row_count(tab);
    let unit = tab.screen().unit();
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    if shown == all && !app.state(tab).list.is_filtered() {
        format!("{all}{unit}")
    } else {
        format!("{shown} of {all}{unit}")
    }
}

/// A pane's border with its title, cut with `…` to the pane's `width`.
fn pane_block(title: String, focused: bool, width: u16) -> Block<'static> {
    let (marker, border) = if focused {
        ("▶ ", BorderType::Thick)
    } else {
        ("", BorderType::Plain)
    };
    let room = usize::from(width).saturating_sub(2);
    let title = ellipsize(&format!(" {marker}{title}"), room.saturating_sub(1));
    Block::bordered()
        .border_type(border)
        .title(Span::styled(format!("{title} "), Style::new()))
}

fn list_pane(app: &App, frame: &mut Frame, pane: Rect, compact: bool, focused: bool) {
    let theme = app.theme;
    let tab = app.tab;
    if !compact && pane.width >= 3 && pane.height >= 3 {
        frame.render_widget(pane_block(list_title(app, tab), focused, pane.width), pane);
    }
    let inner = inner(pane, compact);
    let rows_area = list_rows(pane, compact);
    if rows_area.is_empty() {
        return;
    }
    let list = &app.state(tab).list;
    if list.shown.is_empty() {
        let text = if app.row_count(tab) == 0 {
            "(none)"
        } else {
            "(nothing matches: Esc clears the filter)"
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), rows_area);
        return;
    }
    let height = usize::from(rows_area.height);
    let len = list.shown.len();
    let selected = list.selected.min(len - 1);
    let offset = keep_visible(list.offset, selected, height, len);
    let window = &list.shown[offset..(offset + height).min(len)];
    let screen = tab.screen();
    let ctx = app.ctx(tab);
    let mut cols = screen.columns();
    let keep = fitting(&cols, inner.width);
    // The kept cells of the rows on screen, then the columns sized to them, then every
    // cell cut to its column with `…`.
    let cells: Vec<Vec<Line<'static>>> = (0..window.len())
        .map(|k| {
            let mut all: Vec<Option<Line<'static>>> =
                screen.row(&ctx, window, k).into_iter().map(Some).collect();
            keep.iter()
                .map(|&i| all.get_mut(i).and_then(Option::take).unwrap_or_default())
                .collect()
        })
        .collect();
    // The sorted column's header carries its arrow.
    let sorted = screen.sorted(&ctx);
    let labels: Vec<String> = keep
        .iter()
        .map(|&i| match sorted {
            Some((c, down)) if c == i => {
                format!("{}{}", cols[i].name, if down { "▼" } else { "▲" })
            }
            _ => cols[i].name.to_string(),
        })
        .collect();
    let natural: Vec<u16> = labels
        .iter()
        .enumerate()
        .map(|(k, label)| {
            let content = cells.iter().map(|row| row[k].width()).max().unwrap_or(0);
            width_of(label).max(content).min(usize::from(u16::MAX)) as u16
        })
        .collect();
    // A fixed-width column widens for its arrow (`⇄▼`).
    for (&i, label) in keep.iter().zip(&labels) {
        if let Constraint::Length(n) = cols[i].width {
            cols[i].width = Constraint::Length(n.max(width_of(label) as u16));
        }
    }
    let sizes = column_widths(&cols, &keep, &natural, inner.width);
    let rows: Vec<Row> = cells
        .into_iter()
        .map(|row| {
            Row::new(
                row.into_iter()
                    .zip(&sizes)
                    .map(|(line, &w)| fit_line(line, usize::from(w))),
            )
        })
        .collect();
    let header: Vec<String> = labels
        .iter()
        .zip(&sizes)
        .map(|(label, &w)| {
            // A narrow column keeps its arrow, the name gives way.
            match label.strip_suffix(['▲', '▼']) {
                Some(name) if width_of(label) > usize::from(w) => {
                    let arrow = &label[name.len()..];
                    format!(
                        "{}{arrow}",
                        ellipsize(name, usize::from(w).saturating_sub(1))
                    )
                }
                _ => ellipsize(label, usize::from(w)),
            }
        })
        .collect();
    let widths: Vec<Constraint> = sizes.iter().map(|&w| Constraint::Length(w)).collect();
    let mut table = Table::new(rows, widths)
        .column_spacing(1)
        .row_highlight_style(theme.selected(focused))
        .highlight_symbol(if focused { "▶ " } else { "▷ " })
        .highlight_spacing(HighlightSpacing::Always);
    if inner.height >= 2 {
        table = table.header(Row::new(header).style(theme.dim()));
    }
    let mut state = TableState::new().with_selected(Some(selected - offset));
    frame.render_stateful_widget(table, inner, &mut state);
}

fn detail_pane(app: &App, frame: &mut Frame, pane: Rect, compact: bool, focused: bool) {
    let theme = app.theme;
    let tab = app.tab;
    let state = app.current();
    if !compact && pane.width >= 3 && pane.height >= 3 {
        frame.render_widget(
            pane_block(tab.screen().detail_title().into(), focused, pane.width),
            pane,
        );
    }
    let body = inner(pane, compact);
    if body.is_empty() {
        return;
    }
    let doc = app.detail(tab, body.width);
    let height = usize::from(body.height);
    let scroll = clamp_scroll(state.scroll, doc.lines.len(), height);
    let end = (scroll + height).min(doc.lines.len());
    // Lines are wrapped to the pane; one that still does not fit says it is cut.
    let lines: Vec<Line> = doc.lines[scroll..end]
        .iter()
        .map(|l| fit_line(l.clone(), usize::from(body.width)))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    if focused
        && let Some(&(line, _)) = doc.links.get(state.link)
        && line >= scroll
        && line < end
    {
        let y = body.y + (line - scroll) as u16;
        let buf: &mut Buffer = frame.buffer_mut();
        buf.set_style(Rect::new(body.x, y, body.width, 1), theme.selected(true));
        if let Some(cell) = buf.cell_mut(Position::new(body.x, y)) {
            cell.set_symbol("▶");
        }
    }
    if doc.lines.len() > height && body.width > 0 {
        let more = if end < doc.lines.len() {
            "↓ more"
        } else {
            "end"
        };
        let label = format!(" {}/{} {more} ", end, doc.lines.len());
        let w = (label.chars().count() as u16).min(body.width);
        if !compact && pane.height >= 3 {
            let x = pane.x + pane.width.saturating_sub(w + 1);
            let at = Rect::new(x, pane.y + pane.height - 1, w, 1);
            frame.render_widget(Paragraph::new(Span::styled(label, theme.dim())), at);
        }
    }
}

fn filter_line(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let list = &app.current().list;
    let count = format!("{} of {}", list.shown.len(), app.row_count(app.tab));
    let head = "Filter: ";
    let query = clean(&list.query);
    let mut spans = vec![
        Span::styled(head, theme.heading()),
        Span::raw(query.clone()),
    ];
    let used = (head.chars().count() + query.chars().count()) as u16;
    if app.filter_editing {
        let x = area.x + used.min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
    let tail = if app.filter_editing {
        format!("  {count}")
    } else {
        format!("  {count} · Esc clears")
    };
    let room = area.width.saturating_sub(used + 1);
    let tail_width = tail.chars().count() as u16;
    if room >= tail_width {
        spans.push(Span::raw(" ".repeat(usize::from(room - tail_width) + 1)));
        spans.push(Span::styled(tail, theme.heading()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn status_line(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let width = usize::from(area.width);
    let line = if let Some(status) = &app.status {
        let style = if status.error {
            theme.status_error()
        } else {
            theme.heading()
        };
        Line::from(Span::styled(ellipsize(&status.text, width), style))
    } else if let Some(day) = app.judging {
        Line::from(Span::styled(judging_words(day), theme.heading()))
    } else {
        let mut spans: Vec<Span> = Vec::new();
        let mut used = 0usize;
        for (key, word) in keymap::hints(app) {
            let w = key.chars().count() + 1 + word.chars().count() + if used > 0 { 2 } else { 0 };
            if used + w > width {
                break;
            }
            if used > 0 {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::styled(format!(" {word}"), theme.dim()));
            used += w;
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn help(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let rect = help_area(area);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .title(" Keys · ↑↓ scroll · Esc or ? closes ");
    let body = block.inner(rect);
    frame.render_widget(block, rect);
    let doc = help::doc(app, body.width);
    let scroll = clamp_scroll(scroll, doc.lines.len(), usize::from(body.height));
    let end = (scroll + usize::from(body.height)).min(doc.lines.len());
    frame.render_widget(Paragraph::new(doc.lines[scroll..end].to_vec()), body);
}
