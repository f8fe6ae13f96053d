//! Moving the date every tab is judged on: `<` and `>` to the previous or next milestone
//! of the law, `=` back to the inventory's own date, `Enter` on a milestone of the
//! Timeline tab. Nothing is read from disk: the graph is judged again on the new date
//! ([`judge`]), at once on a small inventory, else on the runtime's worker (the keys keep
//! working meanwhile, and the status line says so). The new rows replace the old ones as
//! a reload's do: each tab keeps its selection, its filter and its toggles.

use super::info;
use super::reload::replace;
use crate::model::Date;
use crate::model::law::EARLIEST;
use crate::tui::app::App;
use crate::tui::history::{History, Judged, SYNC_FLOWS, judge, judging_words, milestones};

/// `<` (`forward` false) and `>`: the previous or next milestone, from the date being
/// judged on if a re-check is under way (so that keys pressed in a row add up).
pub(super) fn step(app: &mut App, forward: bool) {
    let from = app.judging.unwrap_or(app.data.as_of);
    match milestones().next(from, forward) {
        Some(day) => set_date(app, day, Some(day)),
        None if forward => info(
            app,
            format!("No milestone of the law after {from} (up to today)"),
        ),
        None => info(
            app,
            format!(
                "No milestone before {from}: {EARLIEST}, the Directive's date, is the first day flowmap judges"
            ),
        ),
    }
}

/// `=`: the inventory's own date (`--as-of`, else its `as_of`, else today).
pub(super) fn own_date(app: &mut App) {
    let day = app.own_date();
    let home = app.home;
    set_date(app, day, home);
}

/// Judges every tab as of `day`; `as_of` is what a reload then uses.
pub(super) fn set_date(app: &mut App, day: Date, as_of: Option<Date>) {
    app.as_of = as_of;
    if day == app.data.as_of {
        app.judging = None;
        announce(app);
    } else if app.data.flows.len() <= SYNC_FLOWS {
        app.judging = None;
        let data = judge(&app.data.graph, day);
        replace(app, data);
        announce(app);
    } else {
        app.judging = Some(day);
        info(app, judging_words(day));
    }
}

/// The worker's re-check: taken when it is of the current data and the date still wanted.
pub(super) fn judged(app: &mut App, judged: Judged) {
    if judged.generation != app.generation || app.judging != Some(judged.on) {
        return;
    }
    app.judging = None;
    replace(app, judged.into_data());
    announce(app);
}

/// The worker's history: taken when it is of the current load.
pub(super) fn counted(app: &mut App, history: History) {
    if history.loads == app.loads {
        app.timeline = Some(history);
        app.timeline_wanted = false;
    }
}

/// `As of 2015-10-06 (Schrems I …): 12 errors, 7 warnings`; the Timeline's selection
/// follows the date.
fn announce(app: &mut App) {
    app.follow_date();
    let day = app.data.as_of;
    let event = milestones()
        .headline(day)
        .map_or_else(String::new, |e| format!(" ({e})"));
    let s = app.data.summary;
    info(
        app,
        format!(
            "As of {day}{event}: {} errors, {} warnings",
            s.errors, s.warnings
        ),
    );
}
