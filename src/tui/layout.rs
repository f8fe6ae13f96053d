//! Geometry: where the tab bar, the panes, the filter line and the status line go on a
//! terminal of a given size (the diagram is in [`super::view`](mod@super::view)), which columns of a
//! table fit, where the tab labels are, and where the help overlay sits. Pure functions
//! of the state and the size: [`super::view`](mod@super::view) draws with them, and `update` maps clicks
//! and page sizes with the very same ones.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

use super::app::{App, Pane};
use super::banner;
use super::screen::Tab;

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

/// The widths of the kept columns `keep` of a table `width` columns wide (after the
/// selection marker), sized to their content: `natural[k]` is the widest cell (or the
/// header) of the `k`th kept column on screen. A fixed-width column keeps its width;
/// the others get their content's width when all fit, else the widest are cut to a
/// common width (never below their minimum) so that narrow columns stay whole. Room
/// left over stays at the right, not spread between columns.
pub fn column_widths(cols: &[Col], keep: &[usize], natural: &[u16], width: u16) -> Vec<u16> {
    let spacing = keep.len().saturating_sub(1) as u16;
    let room = width.saturating_sub(2 + spacing);
    let fixed = |i: usize| match cols[i].width {
        Constraint::Length(n) => Some(n),
        _ => None,
    };
    let fixed_total: u16 = keep.iter().filter_map(|&i| fixed(i)).sum();
    let flex_room = room.saturating_sub(fixed_total);
    let want = |k: usize, cap: u16| -> u16 {
        let i = keep[k];
        fixed(i).unwrap_or_else(|| natural[k].min(cap).max(cols[i].min))
    };
    let flex_sum = |cap: u16| -> u16 {
        (0..keep.len())
            .filter(|&k| fixed(keep[k]).is_none())
            .map(|k| want(k, cap))
            .sum()
    };
    // The largest common cap that fits (binary search: the sum grows with the cap).
    let (mut lo, mut hi) = (0u16, natural.iter().copied().max().unwrap_or(0));
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if flex_sum(mid) <= flex_room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<u16> = (0..keep.len()).map(|k| want(k, lo)).collect();
    // Columns cut at the cap share what the cap's rounding left, left to right.
    let mut spare = flex_room.saturating_sub(flex_sum(lo));
    for k in 0..keep.len() {
        if spare == 0 {
            break;
        }
        if fixed(keep[k]).is_none() && widths[k] < natural[k] {
            widths[k] += 1;
            spare -= 1;
        }
    }
    widths
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

#[cfg(test)]
mod tests {
    use super::*;

    fn col(drop: u8) -> Col {
        Col::new("col", Constraint::Length(4), drop)
    }

    #[test]
    fn columns_take_their_content_and_the_widest_are_cut_first() {
        let cols = [
            Col::new("from", Constraint::Fill(1), 0).min(4),
            Col::new("data", Constraint::Fill(1), 0).min(4),
            Col::new("!", Constraint::Length(3), 0),
        ];
        let keep = [0, 1, 2];
        // Room for all: each its content (2 for the marker, 2 spaces between).
        assert_eq!(column_widths(&cols, &keep, &[10, 30, 1], 80), [10, 30, 3]);
        // Too little: the wide one is cut, the narrow one stays whole.
        assert_eq!(column_widths(&cols, &keep, &[10, 30, 1], 30), [10, 13, 3]);
        // Both wide: cut to a common width.
        assert_eq!(column_widths(&cols, &keep, &[40, 30, 1], 30), [12, 11, 3]);
        // Never below a minimum.
        assert_eq!(column_widths(&cols, &keep, &[40, 30, 1], 10), [4, 4, 3]);
    }

    #[test]
    fn the_least_important_columns_go_first() {
        let cols = [col(0), col(2), col(1), col(2)];
        // Each column takes its width and a space; the marker two more.
        assert_eq!(fitting(&cols, 22), vec![0, 1, 2, 3]);
        assert_eq!(
            fitting(&cols, 21),
            vec![0, 1, 2],
            "the later of two equals first"
        );
        assert_eq!(fitting(&cols, 12), vec![0, 2]);
        assert_eq!(
            fitting(&cols, 1),
            vec![0],
            "a column that never drops stays"
        );
    }
}
