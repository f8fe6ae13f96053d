//! `e`: the current view as Graphviz DOT, in `flowmap-<view>-<date>.dot` in the export
//! folder; what "the current view" is, each tab's screen says
//! ([`crate::tui::screen::Screen::export`]). The date is the one the screen shows (after
//! `<` `>`, the stepped date): the file name, the picture's title and its legend carry
//! it, as the edges are judged on it.

use std::path::PathBuf;

use super::{error, info};
use crate::export;
use crate::tui::app::App;
use crate::tui::data::clean;

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

pub(super) fn export_view(app: &mut App) {
    let Some((name, options)) = app.tab.screen().export(&app.ctx(app.tab)) else {
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
    let path: PathBuf = app.export_dir.join(format!(
        "flowmap-{}-{}.dot",
        file_safe(&name),
        app.data.graph.as_of()
    ));
    let shown = clean(&path.display().to_string());
    match export::write_atomic(&path, dot.as_bytes()) {
        Ok(()) => info(app, format!("Wrote {shown} (Graphviz DOT)")),
        Err(e) => error(
            app,
            format!("Could not write {shown}: {}", clean(&e.to_string())),
        ),
    }
}
