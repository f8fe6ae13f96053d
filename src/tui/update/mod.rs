//! `update`: the only place the state changes. Every key, click, resize and file change
//! arrives here as an [`Action`]; this file dispatches it, and keeps the state
//! consistent with the screen afterwards (`settle`). The work is done by one module
//! per kind of change: moving around (`navigation.rs`), the mouse (`mouse.rs`), reloading
//! the inventory (`reload.rs`), the date it is judged on (`dates.rs`) and writing an
//! export (`export.rs`). Geometry comes from [`super::layout`], a tab's rows and detail
//! from its [`super::screen::Screen`]: `update` never asks the drawing code.

mod dates;
mod editor;
mod export;
mod mouse;
mod navigation;
mod reload;

pub use export::file_safe;
pub use navigation::go;

use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Pane, Status};
use super::data::clean;
use super::flows::FlowView;
use super::help;
use super::layout::{clamp_scroll, help_body, panes};
use super::listing::keep_visible;
use super::tabs::Tab;
use navigation::{edit_query, list_moved, set_pane, switch_tab};

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) {
    if !matches!(
        action,
        Action::Resize(..)
            | Action::FilesChanged
            | Action::Traced(_)
            | Action::Judged(_)
            | Action::Counted(_)
    ) {
        app.status = None;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::ToggleHelp => app.help = if app.help.is_some() { None } else { Some(0) },
        Action::Up => navigation::step(app, -1),
        Action::Down => navigation::step(app, 1),
        Action::PageUp => navigation::page(app, false),
        Action::PageDown => navigation::page(app, true),
        Action::Top => navigation::ends(app, false),
        Action::Bottom => navigation::ends(app, true),
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
        Action::Follow => navigation::follow(app),
        Action::Back => navigation::back(app),
        Action::Escape => navigation::escape(app),
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
        Action::SearchNext => navigation::search(app, true),
        Action::SearchPrev => navigation::search(app, false),
        Action::OpenInEditor => editor::open(app),
        Action::EditorClosed(result) => editor::closed(app, result),
        Action::SortNext => flow_view(app, |v| v.sort = v.sort.next()),
        Action::SortReverse => flow_view(app, |v| v.reverse = !v.reverse),
        Action::ToggleCrossBorder => flow_view(app, |v| v.cross_only = !v.cross_only),
        Action::ToggleFailing => flow_view(app, |v| v.failing_only = !v.failing_only),
        Action::Export => export::export_view(app),
        Action::Reload => reload::reload(app, false),
        Action::FilesChanged => reload::reload(app, true),
        Action::EarlierMilestone => dates::step(app, false),
        Action::LaterMilestone => dates::step(app, true),
        Action::OwnDate => dates::own_date(app),
        Action::Judged(judged) => dates::judged(app, *judged),
        Action::Counted(history) => dates::counted(app, *history),
        Action::Resize(w, h) => app.size = (w, h),
        Action::Click(x, y) => mouse::click(app, x, y),
        Action::Wheel(x, y, down) => mouse::wheel(app, x, y, down),
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

/// Keeps the state consistent with itself and the screen: selection in range and
/// visible, detail link and scroll in range, the trace following its pick, the history
/// there when the tab shows it.
fn settle(app: &mut App) {
    app.sync_trace();
    app.sync_timeline();
    let (rows, body) = panes(app);
    let tab = app.tab;
    let list = &mut app.state_mut(tab).list;
    list.selected = list.selected.min(list.shown.len().saturating_sub(1));
    list.offset = keep_visible(list.offset, list.selected, rows, list.shown.len());
    if let Some(scroll) = app.help {
        let body = help_body(Rect::new(0, 0, app.size.0, app.size.1));
        let lines = help::doc(app, body.width).lines.len();
        app.help = Some(clamp_scroll(scroll, lines, usize::from(body.height)));
    }
    if body.width == 0 {
        return;
    }
    let doc = app.detail(tab, body.width);
    let state = app.state_mut(tab);
    state.link = state.link.min(doc.links.len().saturating_sub(1));
    state.scroll = clamp_scroll(state.scroll, doc.lines.len(), usize::from(body.height));
}

/// `s`, `S`, `c`, `f`: the Flows table's sort or toggles changed.
fn flow_view(app: &mut App, change: impl FnOnce(&mut FlowView)) {
    let before = app.state(Tab::Flows).list.selected_row();
    change(&mut app.flow_view);
    app.rebase(Tab::Flows);
    app.refilter(Tab::Flows, true);
    if app.tab == Tab::Flows {
        list_moved(app, before);
    }
    info(app, app.flow_view.words());
}

fn info(app: &mut App, text: String) {
    app.status = Some(Status { text, error: false });
}

fn error(app: &mut App, text: String) {
    app.status = Some(Status { text, error: true });
}
