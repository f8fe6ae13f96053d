//! The mouse: a click selects a tab, a row or a link (and focuses its pane); the wheel
//! moves the list or scrolls the detail under the pointer. Any click closes the help.

use ratatui::layout::Position;

use super::navigation::{list_moved, move_list, pick_visible_link, switch_tab};
use crate::tui::app::{App, Pane};
use crate::tui::layout::{inner, list_rows, on_screen, tab_hits};
use crate::tui::tabs::Tab;

/// How many rows one notch of the wheel moves.
const WHEEL_LINES: isize = 3;

pub(super) fn click(app: &mut App, x: u16, y: u16) {
    if app.help.is_some() {
        app.help = None;
        return;
    }
    let Some(a) = on_screen(app) else { return };
    let at = Position::new(x, y);
    if a.tabs.contains(at) {
        if let Some(&(_, _, tab, _)) = tab_hits(app, a.tabs.width)
            .iter()
            .find(|(start, end, _, _)| x >= *start && x < *end)
        {
            switch_tab(app, tab);
        }
    } else if a.list.contains(at) {
        let tab = focus(app, Pane::List);
        let rows = list_rows(a.list, a.compact);
        if rows.contains(at) {
            let before = app.current().list.selected_row();
            let list = &mut app.state_mut(tab).list;
            let pos = list.offset + usize::from(y - rows.y);
            if pos < list.shown.len() {
                list.selected = pos;
            }
            list_moved(app, before);
        }
    } else if a.detail.contains(at) {
        let tab = focus(app, Pane::Detail);
        let body = inner(a.detail, a.compact);
        if body.contains(at) {
            let doc = app.detail(tab, body.width);
            let state = app.state_mut(tab);
            let line = state.scroll + usize::from(y - body.y);
            if let Some(k) = doc.links.iter().position(|&(l, _)| l == line) {
                state.link = k;
            }
        }
    }
}

/// Focuses a pane of the current tab (a click in it), closing the filter box.
fn focus(app: &mut App, pane: Pane) -> Tab {
    app.filter_editing = false;
    let tab = app.tab;
    app.state_mut(tab).pane = pane;
    tab
}

pub(super) fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    let delta = if down { WHEEL_LINES } else { -WHEEL_LINES };
    if let Some(scroll) = app.help {
        app.help = Some(scroll.saturating_add_signed(delta));
        return;
    }
    let Some(a) = on_screen(app) else { return };
    let at = Position::new(x, y);
    if a.list.contains(at) {
        move_list(app, delta);
    } else if a.detail.contains(at) {
        let tab = app.tab;
        let state = app.state_mut(tab);
        state.scroll = state.scroll.saturating_add_signed(delta);
        pick_visible_link(app);
    }
}
