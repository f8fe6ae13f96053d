//! Geometry: where the tab bar, the panes, the filter line and the status line go on a
//! terminal of a given size (the diagram is in [`super::view`](mod@super::view)), which columns of a
//! table fit, where the tab labels are, and where the help overlay sits. Pure functions
//! of the state and the size: [`super::view`](mod@super::view) draws with them, and `update` maps clicks
//! and page sizes with the very same ones.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

use super::app::{App, Pane};
use super::banner;
use super::tabs::Tab;

/// The smallest terminal the UI draws itself in.
pub const MIN_WIDTH: u16 = 20;
/// The smallest terminal the UI draws itself in.
pub const MIN_HEIGHT: u16 = 5;

/// Narrower or lower than this, only the focused pane is drawn, without borders.
const COMPACT: (u16, u16) = (60, 14);

/// Narrower than this, every tab stacks its list above its detail.
const SIDE_BY_SIDE: u16 = 100;

/// Where everything goes on a terminal of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    /// The tab's chart, above both panes (empty when the tab has none, or no room).
    pub chart: Rect,
    /// The list pane, with its border (empty when not drawn).
    pub list: Rect,
    /// The detail pane, with its border (empty when not drawn).
    pub detail: Rect,
    /// The filter line (empty when no filter is open or active).
    pub filter: Rect,
    /// Why the last reload failed (empty when it did not): [`super::banner`].
    pub banner: Rect,
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
    let banner_rows = banner::rows(app.load_error.as_ref(), area.width, area.height);
    let [tabs, body, filter, banner, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(filter_shown)),
        Constraint::Length(banner_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let compact = area.width < COMPACT.0 || area.height < COMPACT.1;
    let screen = app.tab.screen();
    let charted = if compact {
        0
    } else {
        screen.chart_height(body.height)
    };
    let [chart, body] =
        Layout::vertical([Constraint::Length(charted), Constraint::Fill(1)]).areas(body);
    let (list, detail) = if compact {
        match state.pane {
            Pane::List => (body, Rect::default()),
            Pane::Detail => (Rect::default(), body),
        }
    } else if screen.stacked() || area.width < SIDE_BY_SIDE {
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
        chart,
        list,
        detail,
        filter,
        banner,
        status,
        compact,
    })
}

/// The layout at the app's last known terminal size.
pub fn on_screen(app: &App) -> Option<Areas> {
    areas(app, Rect::new(0, 0, app.size.0, app.size.1))
}

/// How many rows the list pane shows, and the inside of the detail pane, at the app's
/// last known size (nothing when the terminal is too small or the pane not drawn).
pub fn panes(app: &App) -> (usize, Rect) {
    match on_screen(app) {
        Some(a) => (
            usize::from(list_rows(a.list, a.compact).height),
            inner(a.detail, a.compact),
        ),
        None => (0, Rect::default()),
    }
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

/// The first visible line of a scrolled document: the state's, within the document.
pub fn clamp_scroll(scroll: usize, lines: usize, height: usize) -> usize {
    scroll.min(lines.saturating_sub(height))
}

/// How a tab bar layout writes a tab.
type Label<'a> = dyn Fn(Tab) -> String + 'a;

/// Room the tab bar keeps for the date on its right (` 2015-11-08 `) before it writes
/// only the current tab's name.
const DATE_ROOM: usize = 12;

/// The tab bar's labels and the columns each takes: every name if they fit beside the
/// date (spaced, else packed), else the current tab's name and the others' numbers,
/// else only numbers.
pub fn tab_hits(app: &App, width: u16) -> Vec<(u16, u16, Tab, String)> {
    let name = |t: Tab| format!("{} {}", t.index() + 1, t.title());
    let number = |t: Tab| (t.index() + 1).to_string();
    // How each layout writes the current tab (in brackets) and the others.
    let layouts: [(&Label, &Label); 4] = [
        (&name, &|t| format!(" {} ", name(t))),
        (&name, &|t| format!(" {}", name(t))),
        (&name, &|t| format!("{} ", number(t))),
        (&number, &|t| format!("{} ", number(t))),
    ];
    let mut labels: Vec<String> = Vec::new();
    for (k, (current, other)) in layouts.iter().enumerate() {
        labels = Tab::ALL
            .iter()
            .map(|&t| {
                if t == app.tab {
                    format!("[{}]", current(t))
                } else if k > 1 && t.index() + 1 == Tab::COUNT {
                    // No space after the last number: 20 columns hold `[1 Nodes]2 … 7`.
                    other(t).trim_end().to_string()
                } else {
                    other(t)
                }
            })
            .collect();
        let total: usize = labels.iter().map(|l| l.chars().count()).sum();
        let room = if k < 2 { DATE_ROOM } else { 0 };
        if total + room <= usize::from(width) {
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

/// The inside of the help overlay (inside its border) on a terminal of `area`.
pub fn help_body(area: Rect) -> Rect {
    Block::bordered().inner(help_area(area))
}
