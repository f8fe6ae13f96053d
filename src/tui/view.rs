//! Drawing. `view` only reads the [`App`]; the geometry ([`areas`]) is a pure function
//! of the state and the terminal size, so `update` uses the same one to map mouse clicks
//! and page sizes.
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────┐
//! │ 1 Nodes [2 Flows] 3 Transfers 4 Findings 5 Policy 6 Trace    flowmap │ tab bar
//! ├─ list pane (left, or top) ──────┬─ detail pane (right, or bottom) ───┤
//! │ ▶ selected row                  │ facts                              │
//! │   row                           │   → link (Enter follows)           │
//! ├─────────────────────────────────┴────────────────────────────────────┤
//! │ Filter: web▏                                            12 of 340    │ only with /
//! │ ? help  q quit  1-6 tabs  Tab pane  Enter follow …   5 errors · as of │ status line
//! └──────────────────────────────────────────────────────────────────────┘
//! ```
//! The Flows, Transfers and Findings tabs always stack their table above the detail
//! (their rows are wide); the others do when the terminal is narrower than 100 columns. Below 60×14 only the focused pane is drawn,
//! without borders; below 20×5 a "terminal too small" message replaces everything.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Clear, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap,
};

use super::app::{App, Pane, Tab};
use super::doc::Doc;
use super::keymap;
use super::listing::keep_visible;
use super::{findings, flows, nodes, policy, trace, transfers};

/// The smallest terminal the UI draws itself in.
pub const MIN_WIDTH: u16 = 20;
/// The smallest terminal the UI draws itself in.
pub const MIN_HEIGHT: u16 = 5;

/// Where everything goes on a terminal of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    /// The list pane, with its border (empty when not drawn).
    pub list: Rect,
    /// The detail pane, with its border (empty when not drawn).
    pub detail: Rect,
    /// The filter line (empty when no filter is open or active).
    pub filter: Rect,
    pub status: Rect,
    /// Only the focused pane, without borders.
    pub compact: bool,
}

/// The layout of `area`, or `None` when it is too small to draw the UI.
pub fn areas(app: &App, area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let state = app.current();
    let filter_shown = app.filter_editing || state.list.is_filtered();
    let [tabs, body, filter, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(filter_shown)),
        Constraint::Length(1),
    ])
    .areas(area);
    let compact = area.width < 60 || area.height < 14;
    let (list, detail) = if compact {
        match state.pane {
            Pane::List => (body, Rect::default()),
            Pane::Detail => (Rect::default(), body),
        }
    } else if matches!(app.tab, Tab::Flows | Tab::Transfers | Tab::Findings) || area.width < 100 {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body);
        (a, b)
    } else {
        let [a, b] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(body);
        (a, b)
    };
    Some(Areas {
        tabs,
        list,
        detail,
        filter,
        status,
        compact,
    })
}

/// The inside of a pane.
pub fn inner(pane: Rect, compact: bool) -> Rect {
    if compact || pane.width < 3 || pane.height < 3 {
        pane
    } else {
        Block::bordered().inner(pane)
    }
}

/// The rows of a list pane (inside the border, under the header).
pub fn list_rows(pane: Rect, compact: bool) -> Rect {
    let inner = inner(pane, compact);
    if inner.height >= 2 {
        Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        }
    } else {
        inner
    }
}

/// The tab bar's labels and the columns each takes: every name if they fit, else the
/// current tab's name and the others' numbers, else only numbers.
pub fn tab_hits(app: &App, width: u16) -> Vec<(u16, u16, Tab, String)> {
    let layouts: [&dyn Fn(Tab) -> String; 3] = [
        &|t: Tab| {
            let label = format!("{} {}", t.index() + 1, t.title());
            if t == app.tab {
                format!("[{label}]")
            } else {
                format!(" {label} ")
            }
        },
        &|t: Tab| {
            if t == app.tab {
                format!("[{} {}]", t.index() + 1, t.title())
            } else {
                format!("{} ", t.index() + 1)
            }
        },
        &|t: Tab| {
            if t == app.tab {
                format!("[{}]", t.index() + 1)
            } else {
                format!("{} ", t.index() + 1)
            }
        },
    ];
    let mut labels: Vec<String> = Vec::new();
    for layout in layouts {
        labels = Tab::ALL.iter().map(|&t| layout(t)).collect();
        let total: usize = labels.iter().map(|l| l.chars().count()).sum();
        if total <= usize::from(width) {
            break;
        }
    }
    let mut x = 0u16;
    let mut out = Vec::new();
    for (tab, text) in Tab::ALL.iter().zip(labels) {
        let w = text.chars().count() as u16;
        out.push((x, x.saturating_add(w), *tab, text));
        x = x.saturating_add(w);
    }
    out
}

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
    let name = super::data::clean(&data.graph.inventory().name);
    let s = data.summary;
    let room = area.width.saturating_sub(used + 1);
    let candidates = [
        format!(
            "{name} · as of {} · {} errors, {} warnings ",
            data.as_of, s.errors, s.warnings
        ),
        format!("{name} · as of {} ", data.as_of),
        format!("as of {} ", data.as_of),
    ];
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

/// A column of a list: its header, its width, and when it is dropped on a narrow
/// terminal (higher `drop` goes first; 0 never).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub width: Constraint,
    pub min: u16,
    pub drop: u8,
}

impl Col {
    /// A column; its minimum width is its fixed width, or its header's.
    pub fn new(name: &'static str, width: Constraint, drop: u8) -> Col {
        let min = match width {
            Constraint::Length(n) => n,
            _ => name.chars().count() as u16,
        };
        Col {
            name,
            width,
            min,
            drop,
        }
    }

    /// The same column with a minimum width.
    pub fn min(self, min: u16) -> Col {
        Col { min, ..self }
    }
}

/// Which columns fit in `width` (after the selection marker): the least important are
/// dropped until the rest fit at their minimum widths.
pub fn fitting(cols: &[Col], width: u16) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..cols.len()).collect();
    let need = |keep: &[usize]| -> u16 { keep.iter().map(|&i| cols[i].min + 1).sum::<u16>() + 2 };
    while need(&keep) > width {
        let Some((pos, _)) = keep
            .iter()
            .enumerate()
            .filter(|(_, i)| cols[**i].drop > 0)
            .max_by_key(|(pos, i)| (cols[**i].drop, *pos))
        else {
            break;
        };
        keep.remove(pos);
    }
    keep
}

/// A tab's list columns.
pub fn columns(tab: Tab) -> Vec<Col> {
    match tab {
        Tab::Nodes => nodes::columns(),
        Tab::Flows => flows::columns(),
        Tab::Transfers => transfers::columns(),
        Tab::Findings => findings::columns(),
        Tab::Policy => policy::columns(),
        Tab::Trace => trace::columns(),
    }
}

/// The cells of the `k`th row of the visible `window`.
fn cells(app: &App, tab: Tab, window: &[u32], k: usize) -> Vec<ratatui::widgets::Cell<'static>> {
    let r = window[k];
    let prev = (k > 0).then(|| window[k - 1]);
    match tab {
        Tab::Nodes => nodes::row(app, r, prev),
        Tab::Flows => flows::row(app, r, prev),
        Tab::Transfers => transfers::row(app, window, k),
        Tab::Findings => findings::row(app, r, prev),
        Tab::Policy => policy::row(app, r, prev),
        Tab::Trace => trace::row(app, r, prev),
    }
}

/// The list pane's title, with the count ("12 of 340" when narrowed).
pub fn list_title(app: &App, tab: Tab) -> String {
    let title = match tab {
        Tab::Nodes => nodes::title(app),
        Tab::Flows => flows::title(app),
        Tab::Transfers => transfers::title(app),
        Tab::Findings => findings::title(app),
        Tab::Policy => policy::title(app),
        Tab::Trace => trace::title(app),
    };
    format!("{title} · {}", count(app, tab))
}

/// `340`, or `12 of 340` when a filter or toggle narrows the list.
pub fn count(app: &App, tab: Tab) -> String {
    let shown = app.state(tab).list.shown.len();
    let all = app.row_count(tab);
    if shown == all && !app.state(tab).list.is_filtered() {
        format!("{all}")
    } else {
        format!("{shown} of {all}")
    }
}

/// A tab's detail document, `width` columns wide.
pub fn detail(app: &App, tab: Tab, width: u16) -> Doc {
    match tab {
        Tab::Nodes => nodes::detail(app, width),
        Tab::Flows => flows::detail(app, width),
        Tab::Transfers => transfers::detail(app, width),
        Tab::Findings => findings::detail(app, width),
        Tab::Policy => policy::detail(app, width),
        Tab::Trace => trace::detail(app, width),
    }
}

fn detail_title(tab: Tab) -> &'static str {
    match tab {
        Tab::Nodes => "Node: details, flows out and in",
        Tab::Flows => "Flow",
        Tab::Transfers => "Transfer",
        Tab::Findings => "Finding: what fired, why, checked against",
        Tab::Policy => "Section: quote, disclosures, citing flows",
        Tab::Trace => "Paths, hop by hop",
    }
}

fn pane_block(title: String, focused: bool) -> Block<'static> {
    let (marker, border) = if focused {
        ("▶ ", BorderType::Thick)
    } else {
        ("", BorderType::Plain)
    };
    Block::bordered()
        .border_type(border)
        .title(Span::styled(format!(" {marker}{title} "), Style::new()))
}

fn list_pane(app: &App, frame: &mut Frame, pane: Rect, compact: bool, focused: bool) {
    let theme = app.theme;
    let tab = app.tab;
    if !compact && pane.width >= 3 && pane.height >= 3 {
        frame.render_widget(pane_block(list_title(app, tab), focused), pane);
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
    let cols = columns(tab);
    let keep = fitting(&cols, inner.width);
    let rows: Vec<Row> = window
        .iter()
        .enumerate()
        .map(|(k, _)| {
            let mut cells: Vec<Option<ratatui::widgets::Cell>> =
                cells(app, tab, window, k).into_iter().map(Some).collect();
            Row::new(
                keep.iter()
                    .filter_map(|&i| cells.get_mut(i).and_then(Option::take)),
            )
        })
        .collect();
    let header: Vec<&str> = keep.iter().map(|&i| cols[i].name).collect();
    let widths: Vec<Constraint> = keep.iter().map(|&i| cols[i].width).collect();
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

/// The first visible line of a detail pane: the state's, within the document.
pub fn clamp_scroll(scroll: usize, lines: usize, height: usize) -> usize {
    scroll.min(lines.saturating_sub(height))
}

fn detail_pane(app: &App, frame: &mut Frame, pane: Rect, compact: bool, focused: bool) {
    let theme = app.theme;
    let tab = app.tab;
    let state = app.current();
    if !compact && pane.width >= 3 && pane.height >= 3 {
        frame.render_widget(pane_block(detail_title(tab).into(), focused), pane);
    }
    let body = inner(pane, compact);
    if body.is_empty() {
        return;
    }
    let doc = detail(app, tab, body.width);
    let height = usize::from(body.height);
    let scroll = clamp_scroll(state.scroll, doc.lines.len(), height);
    let end = (scroll + height).min(doc.lines.len());
    let lines: Vec<Line> = doc.lines[scroll..end].to_vec();
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
    let query = super::data::clean(&list.query);
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
        Line::from(Span::styled(status.text.clone(), style))
    } else if let Some(error) = &app.load_error {
        Line::from(Span::styled(
            format!("Reload failed, still showing the last good inventory: {error}"),
            theme.status_error(),
        ))
    } else {
        let mut spans: Vec<Span> = Vec::new();
        let mut used = 0usize;
        for hint in keymap::hints(app) {
            let (key, word) = hint.split_once(' ').unwrap_or((hint, ""));
            let w = hint.chars().count() + if used > 0 { 2 } else { 0 };
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

/// The help overlay's lines for a given width.
pub fn help_doc(app: &App, width: u16) -> Doc {
    let theme = app.theme;
    let mut doc = Doc::new(width);
    for (heading, rows) in keymap::help_sections() {
        doc.heading(heading, theme);
        for (keys, what) in rows {
            let lead = format!("  {keys:<12} ");
            let indent = lead.chars().count();
            let wrapped = super::doc::wrap(what, usize::from(width).saturating_sub(indent).max(10));
            for (i, text) in wrapped.into_iter().enumerate() {
                let head = if i == 0 {
                    Span::styled(lead.clone(), theme.key())
                } else {
                    Span::raw(" ".repeat(indent))
                };
                doc.line(Line::from(vec![head, Span::raw(text)]));
            }
        }
        doc.blank();
    }
    doc.heading("Markers", theme);
    for (mark, what) in [
        (
            "⇄",
            "the flow crosses a border (its route, e.g. EEA → US, follows)",
        ),
        (
            "⚖",
            "a restricted transfer: under EU, UK or Swiss law (named after it), no adequacy decision covers the importer on the as-of date, so it needs a mechanism (the Transfers tab shows the three criteria and the verdict)",
        ),
        (
            "!N",
            "N errors or warnings on the flow or node (the Findings tab lists them)",
        ),
        (
            "▶ ▷",
            "the selected row (▶ in the focused pane, which also has a thick border)",
        ),
        ("→", "a link: Enter follows it"),
        ("uncited", "a policy section that no flow cites"),
        (
            "covered",
            "a restricted transfer its mechanism covers on the as-of date (adequate: an adequacy decision covers it, not restricted)",
        ),
    ] {
        doc.line(Line::from(vec![
            Span::styled(format!("  {mark:<12} "), theme.key()),
            Span::raw(what),
        ]));
    }
    doc.blank();
    doc.heading("Mouse", theme);
    doc.para(
        "Click a tab, a row or a link to select it; the wheel scrolls.",
        2,
        Style::new(),
    );
    doc.blank();
    doc.para("The inventory reloads by itself when a file of it changes; if the new version does not load, the last good one stays on screen and the error shows in the status line.", 0, theme.dim());
    doc
}

/// The help overlay's rectangle on a terminal of `area`.
pub fn help_area(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(84);
    let h = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
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
    let doc = help_doc(app, body.width);
    let scroll = clamp_scroll(scroll, doc.lines.len(), usize::from(body.height));
    let end = (scroll + usize::from(body.height)).min(doc.lines.len());
    frame.render_widget(Paragraph::new(doc.lines[scroll..end].to_vec()), body);
}
