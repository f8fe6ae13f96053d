//! Reloading the inventory (`r`, or a watched file changed): the new load replaces the
//! old one, and each tab keeps its selection on the same row by the row's key (an id,
//! not a position). A load that fails keeps the last good one on screen. A date change
//! ([`super::dates`]) replaces the rows the same way.

use super::info;
use crate::tui::app::App;
use crate::tui::banner::LoadFailure;
use crate::tui::data::Data;
use crate::tui::tabs::Tab;

/// The key of a tab's selected row ([`crate::tui::screen::Screen::key`]).
fn selected_key(app: &App, tab: Tab) -> Option<String> {
    let row = app.state(tab).list.selected_row()? as usize;
    tab.screen().key(&app.data, row)
}

pub(super) fn reload(app: &mut App, changed_on_disk: bool) {
    let data = match Data::load(&app.origin, app.as_of) {
        Ok(data) => data,
        Err(e) => {
            // The banner says why at once; an older "reloaded" must not stand beside it.
            app.load_error = Some(LoadFailure::from(&e));
            app.status = None;
            return;
        }
    };
    app.loads += 1;
    app.timeline = None;
    app.judging = None;
    app.load_error = None;
    replace(app, data);
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

/// Shows `data` instead of the app's: each tab keeps its selected row (by key), its
/// filter and its toggles; traces and the history of follows start again.
pub(super) fn replace(app: &mut App, data: Data) {
    let keys: Vec<Option<String>> = Tab::ALL.iter().map(|&t| selected_key(app, t)).collect();
    app.data = data;
    app.generation += 1;
    app.trace = None;
    app.trace_wanted = None;
    app.history.clear();
    for (t, key) in Tab::ALL.into_iter().zip(keys) {
        app.rebase(t);
        app.refilter(t, true);
        let screen = t.screen();
        let row = key.and_then(|key| {
            (0..app.row_count(t)).find(|&r| screen.key(&app.data, r).as_deref() == Some(&key))
        });
        let state = app.state_mut(t);
        state.list.selected = 0;
        if let Some(row) = row {
            state.list.select_row(row as u32);
        }
    }
}
