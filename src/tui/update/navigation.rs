//! Moving around: rows and pages of a list, links of a detail pane (like a text browser),
//! panes, tabs, the filter's query, following a row or a link and going back.

use super::info;
use crate::tui::app::{App, Pane};
use crate::tui::data::Target;
use crate::tui::data::clean;
use crate::tui::doc::Doc;
use crate::tui::layout::{clamp_scroll, panes};
use crate::tui::listing::{Fuzzy, Query, keep_visible};
use crate::tui::screen::Enter;
use crate::tui::tabs::Tab;

/// A new list selection: the detail starts at its top.
pub(super) fn list_moved(app: &mut App, before: Option<u32>) {
    let tab = app.tab;
    let state = app.state_mut(tab);
    if state.list.selected_row() != before {
        state.link = 0;
        state.scroll = 0;
    }
}

pub(super) fn move_list(app: &mut App, delta: isize) {
    let tab = app.tab;
    let before = app.current().list.selected_row();
    app.state_mut(tab).list.move_by(delta);
    list_moved(app, before);
}

pub(super) fn step(app: &mut App, delta: isize) {
    if let Some(scroll) = app.help {
        app.help = Some(scroll.saturating_add_signed(delta));
        return;
    }
    match app.current().pane {
        Pane::List => move_list(app, delta),
        Pane::Detail => detail_step(app, delta),
    }
}

pub(super) fn page(app: &mut App, down: bool) {
    let (rows, body) = panes(app);
    if let Some(scroll) = app.help {
        let h = usize::from(app.size.1.saturating_sub(4)).max(1);
        app.help = Some(if down {
            scroll + h
        } else {
            scroll.saturating_sub(h)
        });
        return;
    }
    let sign = if down { 1 } else { -1 };
    match app.current().pane {
        Pane::List => move_list(app, sign * rows.max(1) as isize),
        Pane::Detail => {
            let h = usize::from(body.height).max(1);
            let tab = app.tab;
            let state = app.state_mut(tab);
            state.scroll = if down {
                state.scroll + h
            } else {
                state.scroll.saturating_sub(h)
            };
            pick_visible_link(app);
        }
    }
}

pub(super) fn ends(app: &mut App, bottom: bool) {
    if app.help.is_some() {
        app.help = Some(if bottom { usize::MAX / 2 } else { 0 });
        return;
    }
    let tab = app.tab;
    match app.current().pane {
        Pane::List => {
            let before = app.current().list.selected_row();
            let list = &mut app.state_mut(tab).list;
            if bottom {
                list.bottom();
            } else {
                list.selected = 0;
            }
            list_moved(app, before);
        }
        Pane::Detail => {
            let state = app.state_mut(tab);
            if bottom {
                state.scroll = usize::MAX / 2;
                state.link = usize::MAX / 2;
            } else {
                state.scroll = 0;
                state.link = 0;
            }
        }
    }
}

/// The current tab's detail pane as drawn at the pane's width, and the pane's height;
/// `None` when the pane is not on screen.
pub(super) fn detail_on_screen(app: &App) -> Option<(Doc, usize)> {
    let (_, body) = panes(app);
    if body.width == 0 {
        return None;
    }
    Some((app.detail(app.tab, body.width), usize::from(body.height)))
}

/// One step in a detail pane, like a text browser: to the next link when it is on
/// screen, else scroll a line toward it; without links, scroll.
fn detail_step(app: &mut App, delta: isize) {
    let Some((doc, h)) = detail_on_screen(app) else {
        return;
    };
    let h = h.max(1);
    let max_scroll = doc.lines.len().saturating_sub(h);
    let tab = app.tab;
    let state = app.state_mut(tab);
    let visible = |line: usize, scroll: usize| line >= scroll && line < scroll + h;
    if doc.links.is_empty() {
        state.scroll = state.scroll.saturating_add_signed(delta).min(max_scroll);
        return;
    }
    let link = state.link.min(doc.links.len() - 1);
    let line = doc.links[link].0;
    if delta > 0 {
        if line >= state.scroll + h {
            state.scroll = (state.scroll + 1).min(max_scroll);
        } else if let Some(k) =
            (link + 1..doc.links.len()).find(|&k| visible(doc.links[k].0, state.scroll))
        {
            state.link = k;
        } else if state.scroll < max_scroll {
            state.scroll += 1;
        } else if link + 1 < doc.links.len() {
            state.link = link + 1;
        }
    } else if line < state.scroll {
        state.scroll -= 1;
    } else if let Some(k) = (0..link)
        .rev()
        .find(|&k| visible(doc.links[k].0, state.scroll))
    {
        state.link = k;
    } else if state.scroll > 0 {
        state.scroll -= 1;
    } else if link > 0 {
        state.link = link - 1;
    }
}

/// After a page scroll: select the first link on screen if the selected one is off it.
pub(super) fn pick_visible_link(app: &mut App) {
    let Some((doc, h)) = detail_on_screen(app) else {
        return;
    };
    let h = h.max(1);
    let tab = app.tab;
    let state = app.state_mut(tab);
    state.scroll = clamp_scroll(state.scroll, doc.lines.len(), h);
    let scroll = state.scroll;
    let on_screen = |line: usize| line >= scroll && line < scroll + h;
    if doc
        .links
        .get(state.link)
        .is_some_and(|&(line, _)| on_screen(line))
    {
        return;
    }
    if let Some(k) = doc.links.iter().position(|&(line, _)| on_screen(line)) {
        state.link = k;
    }
}

pub(super) fn set_pane(app: &mut App, pane: Pane) {
    let tab = app.tab;
    app.state_mut(tab).pane = pane;
    if pane == Pane::Detail {
        app.filter_editing = false;
        pick_visible_link(app);
    }
}

pub(super) fn switch_tab(app: &mut App, tab: Tab) {
    app.filter_editing = false;
    app.tab = tab;
}

pub(super) fn edit_query(app: &mut App, edit: impl FnOnce(&mut String)) {
    let tab = app.tab;
    let before = app.current().list.selected_row();
    let list = &mut app.state_mut(tab).list;
    let old = list.query.clone();
    edit(&mut list.query);
    if list.query != old {
        let query = list.query.clone();
        app.refilter(tab, false);
        if !query.trim().is_empty() {
            app.state_mut(tab).last_query = query;
        }
    }
    list_moved(app, before);
}

/// `n` (`forward`) and `N`: the next or previous row of the list as it is that matches
/// the tab's last filter, wrapping around, as `n` repeats a search in vim or less.
/// After `Esc` cleared the filter it walks the matches in their context.
pub(super) fn search(app: &mut App, forward: bool) {
    let tab = app.tab;
    let query = app.current().last_query.clone();
    if query.trim().is_empty() {
        info(
            app,
            "No search yet: / types one, then n and N go from match to match.".into(),
        );
        return;
    }
    let hays = tab.screen().hays(&app.data);
    let parsed = Query::new(&query);
    let list = &app.current().list;
    let len = list.shown.len();
    let at = list.selected;
    let mut fuzzy = Fuzzy::default();
    let found = (1..=len)
        .map(|k| {
            if forward {
                (at + k) % len
            } else {
                (at + len - k % len) % len
            }
        })
        .find(|&pos| hays.matches(list.shown[pos], &parsed, &mut fuzzy));
    let Some(pos) = found else {
        info(app, format!("No row matches `{}`.", clean(&query)));
        return;
    };
    let wrapped = if forward { pos <= at } else { pos >= at };
    let before = list.selected_row();
    app.state_mut(tab).list.selected = pos;
    app.state_mut(tab).pane = Pane::List;
    list_moved(app, before);
    let words = if wrapped {
        format!("`{}`: search wrapped around", clean(&query))
    } else {
        format!("`{}`: n next, N previous", clean(&query))
    };
    info(app, words);
}

/// `Enter`: on a list row, what the tab's screen says; in a detail pane, the selected
/// link when it is on screen.
pub(super) fn follow(app: &mut App) {
    match app.current().pane {
        Pane::List => {
            let Some(row) = app.current().list.selected_row() else {
                return;
            };
            match app.tab.screen().enter(&app.data, row as usize) {
                Some(Enter::Detail) => {
                    let tab = app.tab;
                    let state = app.state_mut(tab);
                    state.pane = Pane::Detail;
                    state.link = 0;
                    state.scroll = 0;
                    app.filter_editing = false;
                    reveal_link(app);
                }
                Some(Enter::Go(target)) => go(app, target),
                Some(Enter::AsOf(day)) => super::dates::set_date(app, day, Some(day)),
                None => {}
            }
        }
        Pane::Detail => {
            let Some((doc, h)) = detail_on_screen(app) else {
                return;
            };
            let state = app.current();
            if let Some(&(line, target)) = doc.links.get(state.link)
                && line >= state.scroll
                && line < state.scroll + h
            {
                go(app, target);
            }
        }
    }
}

/// Follows a link: remembers where we were, then goes.
pub fn go(app: &mut App, target: Target) {
    let here = app.location();
    app.history.push(here);
    navigate(app, target);
}

fn navigate(app: &mut App, target: Target) {
    let (tab, row) = app.place_of(target);
    let screen = tab.screen();
    switch_tab(app, tab);
    if !app.state_mut(tab).list.select_row(row) {
        // Hidden by a filter or a toggle: show everything again.
        app.state_mut(tab).list.query.clear();
        screen.show_all(&mut app.flow_view);
        app.rebase(tab);
        app.refilter(tab, true);
        app.state_mut(tab).list.select_row(row);
    }
    let pane = screen.lands_in();
    let state = app.state_mut(tab);
    state.pane = pane;
    state.link = 0;
    state.scroll = 0;
    if pane == Pane::Detail {
        reveal_link(app);
    }
}

/// Scrolls the detail pane as little as possible so that its selected link is on screen
/// (after `Enter` moved into it: the user is there to pick a link).
fn reveal_link(app: &mut App) {
    let Some((doc, h)) = detail_on_screen(app) else {
        return;
    };
    let h = h.max(1);
    let tab = app.tab;
    let state = app.state_mut(tab);
    if let Some(&(line, _)) = doc.links.get(state.link) {
        state.scroll = keep_visible(state.scroll, line, h, doc.lines.len());
    }
}

pub(super) fn back(app: &mut App) {
    let Some(loc) = app.history.pop() else {
        info(app, "Nothing to go back to.".into());
        return;
    };
    switch_tab(app, loc.tab);
    let state = app.state_mut(loc.tab);
    if let Some(row) = loc.row {
        state.list.select_row(row);
    }
    state.pane = loc.pane;
    state.link = loc.link;
    state.scroll = loc.scroll;
}

pub(super) fn escape(app: &mut App) {
    if app.help.is_some() {
        app.help = None;
    } else if app.filter_editing {
        app.filter_editing = false;
        edit_query(app, String::clear);
    } else if app.current().list.is_filtered() {
        edit_query(app, String::clear);
    } else {
        back(app);
    }
}
