//! The TUI as tests see it: the shipped demo in plain colours, and a screen's text one
//! line per row, drawn by ratatui's `TestBackend` at a given size.

#![allow(dead_code)]

use flowmap::Origin;
use flowmap::tui::data::Data;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The shipped Confluent inventory in the TUI, without colour.
pub fn demo_app() -> App {
    let data = Data::load(&Origin::Builtin, None).unwrap();
    let mut app = App::new(data, Origin::Builtin, None);
    app.theme = Theme::plain();
    app
}

/// The screen's text at `w`×`h`, one string per row.
pub fn screen(app: &mut App, w: u16, h: u16) -> Vec<String> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}
