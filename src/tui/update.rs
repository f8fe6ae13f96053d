//! `update`: the only place the state changes. Every key, click, resize and file change
//! arrives here as an [`Action`].

use std::path::PathBuf;

use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Pane, Status, Tab};
use super::data::{Data, Pick, Target, clean};
use super::view::{self, Areas, areas, clamp_scroll, help_area, help_doc, inner, list_rows};
use super::{findings, flows, nodes, policy, trace, transfers};
use crate::export;

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) {
    if !matches!(
        action,
        Action::Resize(..) | Action::FilesChanged | Action::Traced(_)
    ) {
        app.status = None;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::ToggleHelp => app.help = if app.help.is_some() { None } else { Some(0) },
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => page(app, false),
        Action::PageDown => page(app, true),
        Action::Top => ends(app, false),
        Action::Bottom => ends(app, true),
        Action::FocusLeft => set_pane(app, Pane::List),
        Action::FocusRight => set_pane(app, Pane::Detail),
        Action::NextPane | Action::PrevPane => {
            let other = match app.current().pane {
                Pane::List => Pane::Detail,
                Pane::Detail => Pane::List,
            };
            set_pane(app, other);
        }
        Action::NextTab => switch_tab(app, app.tab.shifted(1)),
        Action::PrevTab => switch_tab(app, app.tab.shifted(-1)),
        Action::GoTab(tab) => switch_tab(app, tab),
        Action::Follow => follow(app),
        Action::Back => back(app),
        Action::Escape => escape(app),
        Action::FilterOpen => {
            app.filter_editing = true;
            app.state_mut(app.tab).pane = Pane::List;
        }
        Action::FilterChar(c) => {
            if !c.is_control() {
                edit_query(app, |q| q.push(c));
            }
        }
        Action::FilterBackspace => edit_query(app, |q| {
            q.pop();
        }),
        Action::FilterAccept => app.filter_editing = false,
        Action::FilterCancel => {
            app.filter_editing = false;
            edit_query(app, String::clear);
        }
        Action::SortNext => flow_view(app, |v| v.sort = v.sort.next()),
        Action::SortReverse => flow_view(app, |v| v.reverse = !v.reverse),
        Action::ToggleCrossBorder => flow_view(app, |v| v.cross_only = !v.cross_only),
        Action::ToggleFailing => flow_view(app, |v| v.failing_only = !v.failing_only),
        Action::Export => export_view(app),
        Action::Reload => reload(app, false),
        Action::FilesChanged => reload(app, true),
        Action::Resize(w, h) => app.size = (w, h),
        Action::Click(x, y) => click(app, x, y),
        Action::Wheel(x, y, down) => wheel(app, x, y, down),
        Action::WatchFailed(why) => error(
            app,
            format!(
                "Not watching the files for changes ({}); r reloads",
                clean(&why)
            ),
        ),
        Action::Traced(trace) => {
            let selected = app.state(Tab::Trace).list.selected_row();
            if trace.generation == app.generation && selected == Some(trace.pick) {
                app.trace = Some(*trace);
                app.trace_wanted = None;
            }
        }
    }
    settle(app);
}

fn screen(app: &App) -> Option<Areas> {
    areas(app, Rect::new(0, 0, app.size.0, app.size.1))
}

/// Rows of the list pane, and the detail pane's inside, at the current size.
fn panes(app: &App) -> (usize, Rect) {
    match screen(app) {
        Some(a) => (
            usize::from(list_rows(a.list, a.compact).height),
            inner(a.detail, a.compact),
        ),
        None => (0, Rect::default()),
    }
}

/// Keeps the state consistent with itself and the screen: selection in range and
/// visible, detail link and scroll in range, the trace following its pick.
fn settle(app: &mut App) {
    app.sync_trace();
    let (rows, body) = panes(app);
    let tab = app.tab;
    let list = &mut app.state_mut(tab).list;
    list.selected = list.selected.min(list.shown.len().saturating_sub(1));
    list.offset = super::listing::keep_visible(list.offset, list.selected, rows, list.shown.len());
    if let Some(scroll) = app.help {
        let area = help_area(Rect::new(0, 0, app.size.0, app.size.1));
        let body = ratatui::widgets::Block::bordered().inner(area);
        let lines = help_doc(app, body.width).lines.len();
        app.help = Some(clamp_scroll(scroll, lines, usize::from(body.height)));
    }
    if body.width == 0 {
        return;
    }
    let doc = view::detail(app, tab, body.width);
    let state = app.state_mut(tab);
    state.link = state.link.min(doc.links.len().saturating_sub(1));
    state.scroll = clamp_scroll(state.scroll, doc.lines.len(), usize::from(body.height));
}

/// A new list selection: the detail starts at its top.
fn list_moved(app: &mut App, before: Option<u32>) {
    let tab = app.tab;
    let state = app.state_mut(tab);
    if state.list.selected_row() != before {
        state.link = 0;
        state.scroll = 0;
    }
}

fn move_list(app: &mut App, delta: isize) {
    let tab = app.tab;
    let before = app.current().list.selected_row();
    app.state_mut(tab).list.move_by(delta);
    list_moved(app, before);
}

fn step(app: &mut App, delta: isize) {
    if let Some(scroll) = app.help {
        app.help = Some(scroll.saturating_add_signed(delta));
        return;
    }
    match app.current().pane {
        Pane::List => move_list(app, delta),
        Pane::Detail => detail_step(app, delta),
    }
}

fn page(app: &mut App, down: bool) {
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

fn ends(app: &mut App, bottom: bool) {
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

/// One step in a detail pane, like a text browser: to the next link when it is on
/// screen, else scroll a line toward it; without links, scroll.
fn detail_step(app: &mut App, delta: isize) {
    let (_, body) = panes(app);
    if body.width == 0 {
        return;
    }
    let h = usize::from(body.height).max(1);
    let doc = view::detail(app, app.tab, body.width);
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

/// The current tab's detail pane as drawn at the pane's width, and the pane's height;
/// `None` when the pane is not on screen.
fn detail_on_screen(app: &App) -> Option<(super::doc::Doc, usize)> {
    let (_, body) = panes(app);
    if body.width == 0 {
        return None;
    }
    Some((
        view::detail(app, app.tab, body.width),
        usize::from(body.height).max(1),
    ))
}

/// After a page scroll: select the first link on screen if the selected one is off it.
fn pick_visible_link(app: &mut App) {
    let Some((doc, h)) = detail_on_screen(app) else {
        return;
    };
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

fn set_pane(app: &mut App, pane: Pane) {
    let tab = app.tab;
    app.state_mut(tab).pane = pane;
    if pane == Pane::Detail {
        app.filter_editing = false;
        pick_visible_link(app);
    }
}

fn switch_tab(app: &mut App, tab: Tab) {
    app.filter_editing = false;
    app.tab = tab;
}

fn edit_query(app: &mut App, edit: impl FnOnce(&mut String)) {
    let tab = app.tab;
    let before = app.current().list.selected_row();
    let list = &mut app.state_mut(tab).list;
    let old = list.query.clone();
    edit(&mut list.query);
    if list.query != old {
        app.refilter(tab, false);
    }
    list_moved(app, before);
}

fn flow_view(app: &mut App, change: impl FnOnce(&mut super::app::FlowView)) {
    let before = app.state(Tab::Flows).list.selected_row();
    change(&mut app.flow_view);
    app.rebase(Tab::Flows);
    app.refilter(Tab::Flows, true);
    if app.tab == Tab::Flows {
        list_moved(app, before);
    }
    let v = app.flow_view;
    let mut parts = vec![format!("sorted by {}", v.sort.word())];
    if v.reverse {
        parts.push("reversed".into());
    }
    if v.cross_only {
        parts.push("only ⇄ cross-border (c: all)".into());
    }
    if v.failing_only {
        parts.push("only ! failing (f: all)".into());
    }
    info(app, format!("Flows: {}", parts.join(", ")));
}

fn info(app: &mut App, text: String) {
    app.status = Some(Status { text, error: false });
}

fn error(app: &mut App, text: String) {
    app.status = Some(Status { text, error: true });
}

/// What `Enter` on the current list row does.
enum Enter {
    Detail,
    Go(Target),
}

fn enter_list(app: &App) -> Option<Enter> {
    let data = &app.data;
    let row = app.current().list.selected_row()? as usize;
    Some(match app.tab {
        Tab::Nodes | Tab::Policy | Tab::Trace => Enter::Detail,
        Tab::Flows => {
            let to = &data.graph.flow(row).to;
            Enter::Go(data.node_row(to).map_or(Target::Flow(row), Target::Node))
        }
        Tab::Transfers => Enter::Go(Target::Flow(data.transfers[row].flow)),
        Tab::Findings => Enter::Go(data.findings[row].target?),
    })
}

fn follow(app: &mut App) {
    match app.current().pane {
        Pane::List => match enter_list(app) {
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
            None => {}
        },
        Pane::Detail => {
            let (_, body) = panes(app);
            if body.width == 0 {
                return;
            }
            let h = usize::from(body.height);
            let doc = view::detail(app, app.tab, body.width);
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
    switch_tab(app, tab);
    if !app.state_mut(tab).list.select_row(row) {
        // Hidden by a filter or a toggle: show everything again.
        app.state_mut(tab).list.query.clear();
        if tab == Tab::Flows {
            app.flow_view.cross_only = false;
            app.flow_view.failing_only = false;
            app.rebase(tab);
        }
        app.refilter(tab, true);
        app.state_mut(tab).list.select_row(row);
    }
    let state = app.state_mut(tab);
    state.pane = if tab == Tab::Nodes {
        Pane::Detail
    } else {
        Pane::List
    };
    state.link = 0;
    state.scroll = 0;
    if tab == Tab::Nodes {
        reveal_link(app);
    }
}

/// Scrolls the detail pane as little as possible so that its selected link is on screen
/// (after `Enter` moved into it: the user is there to pick a link).
fn reveal_link(app: &mut App) {
    let Some((doc, h)) = detail_on_screen(app) else {
        return;
    };
    let tab = app.tab;
    let state = app.state_mut(tab);
    if let Some(&(line, _)) = doc.links.get(state.link) {
        state.scroll = super::listing::keep_visible(state.scroll, line, h, doc.lines.len());
    }
}

fn back(app: &mut App) {
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

fn escape(app: &mut App) {
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

fn click(app: &mut App, x: u16, y: u16) {
    if app.help.is_some() {
        app.help = None;
        return;
    }
    let Some(a) = screen(app) else { return };
    let at = ratatui::layout::Position::new(x, y);
    if a.tabs.contains(at) {
        if let Some(&(_, _, tab, _)) = view::tab_hits(app, a.tabs.width)
            .iter()
            .find(|(start, end, _, _)| x >= *start && x < *end)
        {
            switch_tab(app, tab);
        }
    } else if a.list.contains(at) {
        app.filter_editing = false;
        let tab = app.tab;
        app.state_mut(tab).pane = Pane::List;
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
        app.filter_editing = false;
        let tab = app.tab;
        app.state_mut(tab).pane = Pane::Detail;
        let body = inner(a.detail, a.compact);
        if body.contains(at) {
            let doc = view::detail(app, tab, body.width);
            let state = app.state_mut(tab);
            let line = state.scroll + usize::from(y - body.y);
            if let Some(k) = doc.links.iter().position(|&(l, _)| l == line) {
                state.link = k;
            }
        }
    }
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    const LINES: isize = 3;
    let delta = if down { LINES } else { -LINES };
    if let Some(scroll) = app.help {
        app.help = Some(scroll.saturating_add_signed(delta));
        return;
    }
    let Some(a) = screen(app) else { return };
    let at = ratatui::layout::Position::new(x, y);
    if a.list.contains(at) {
        move_list(app, delta);
    } else if a.detail.contains(at) {
        let tab = app.tab;
        let state = app.state_mut(tab);
        state.scroll = state.scroll.saturating_add_signed(delta);
        pick_visible_link(app);
    }
}

/// The key of a tab's selected row that survives a reload (an id, not a position).
fn selected_key(app: &App, tab: Tab) -> Option<String> {
    let row = app.state(tab).list.selected_row()? as usize;
    key_of(&app.data, tab, row)
}

fn key_of(data: &Data, tab: Tab, row: usize) -> Option<String> {
    Some(match tab {
        Tab::Nodes => data.nodes.get(row)?.id.clone(),
        Tab::Flows => data.flows.get(row)?.id.clone(),
        Tab::Transfers => {
            let t = data.transfers.get(row)?;
            format!("{} {}", data.flows.get(t.flow)?.id, t.group)
        }
        Tab::Findings => {
            let f = data.findings.get(row)?;
            format!("{} {} {}", f.rule.id(), f.subject, f.message)
        }
        Tab::Policy => data.sections.get(row)?.id.clone(),
        Tab::Trace => {
            let p = data.picks.get(row)?;
            let kind = matches!(p.pick, Pick::Category(_));
            format!("{kind} {}", p.label)
        }
    })
}

fn reload(app: &mut App, changed_on_disk: bool) {
    match Data::load(&app.origin, app.as_of) {
        Ok(data) => {
            let keys: Vec<Option<String>> = super::app::Tab::ALL
                .iter()
                .map(|&t| selected_key(app, t))
                .collect();
            app.data = data;
            app.generation += 1;
            app.trace = None;
            app.trace_wanted = None;
            app.history.clear();
            app.load_error = None;
            for (t, key) in Tab::ALL.into_iter().zip(keys) {
                app.rebase(t);
                app.refilter(t, true);
                let row = key.and_then(|key| {
                    (0..app.row_count(t))
                        .find(|&r| key_of(&app.data, t, r).as_deref() == Some(&key))
                });
                let state = app.state_mut(t);
                state.list.selected = 0;
                if let Some(row) = row {
                    state.list.select_row(row as u32);
                }
            }
            let s = app.data.summary;
            let why = if changed_on_disk {
                "A file changed on disk: reloaded"
            } else {
                "Reloaded"
            };
            info(
                app,
                format!(
                    "{why}: {} flows, {} errors, {} warnings",
                    app.data.flows.len(),
                    s.errors,
                    s.warnings
                ),
            );
        }
        Err(e) => {
            app.load_error = Some(clean(&e.to_string()));
        }
    }
}

/// What `e` exports on the current tab, and the file name part.
fn export_spec(app: &App) -> Option<(String, export::ExportOptions)> {
    match app.tab {
        Tab::Nodes => nodes::export(app),
        Tab::Flows => flows::export(app),
        Tab::Transfers => transfers::export(app),
        Tab::Findings => findings::export(app),
        Tab::Policy => policy::export(app),
        Tab::Trace => trace::export(app),
    }
}

/// A file name part made of `[A-Za-z0-9._-]` only.
pub fn file_safe(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    safe.trim_start_matches('.').to_string()
}

fn export_view(app: &mut App) {
    let Some((name, options)) = export_spec(app) else {
        info(app, "Nothing to export here: select a row first.".into());
        return;
    };
    if options.flows.as_ref().is_some_and(Vec::is_empty) {
        info(app, "Nothing to export: this view has no flows.".into());
        return;
    }
    let dot = match export::dot::render(&app.data.graph, &app.data.report, &options) {
        Ok(dot) => dot,
        Err(e) => return error(app, format!("Export failed: {}", clean(&e))),
    };
    let path: PathBuf = app
        .export_dir
        .join(format!("flowmap-{}.dot", file_safe(&name)));
    match export::write_atomic(&path, dot.as_bytes()) {
        Ok(()) => info(
            app,
            format!(
                "Wrote {} (Graphviz DOT)",
                clean(&path.display().to_string())
            ),
        ),
        Err(e) => error(
            app,
            format!(
                "Could not write {}: {}",
                clean(&path.display().to_string()),
                clean(&e.to_string())
            ),
        ),
    }
}
