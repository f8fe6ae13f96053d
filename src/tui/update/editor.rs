//! `o`: asks the runtime to open the selected row's place in the user's editor
//! ([`crate::tui::editor`]); where a row is in its file, the tab's screen says
//! ([`crate::tui::screen::Screen::source`]).

use std::path::PathBuf;

use super::{error, info};
use crate::load::Origin;
use crate::tui::app::App;
use crate::tui::data::clean;
use crate::tui::editor::EditRequest;

pub(super) fn open(app: &mut App) {
    if app.origin == Origin::Builtin {
        info(
            app,
            "The built-in inventory has no file to open: flowmap PATH opens one you can edit."
                .into(),
        );
        return;
    }
    let tab = app.tab;
    let Some(row) = app.current().list.selected_row() else {
        info(app, "Nothing to open: select a row first.".into());
        return;
    };
    let Some(place) = tab.screen().source(&app.data, row as usize) else {
        info(
            app,
            format!("A {} row has no place in a file to open.", tab.title()),
        );
        return;
    };
    let file = PathBuf::from(&*place.file);
    if !file.is_file() {
        info(
            app,
            format!(
                "{} is not a file on disk: nothing to open.",
                clean(&place.file)
            ),
        );
        return;
    }
    app.edit = Some(EditRequest {
        file,
        line: place.line,
        column: place.column,
    });
}

pub(super) fn closed(app: &mut App, result: Result<String, String>) {
    match result {
        Ok(text) => info(app, clean(&text)),
        Err(why) => error(app, format!("Could not open the editor: {}", clean(&why))),
    }
}
