//! The `?` overlay's content: the key map's sections ([`keymap::help_sections`]), what
//! the markers mean, the mouse, and how reloading works. [`super::view`](mod@super::view) draws it in
//! [`super::layout::help_area`]; `update` scrolls it within its length.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::App;
use super::doc::{Doc, wrap};
use super::keymap;
use super::theme::Theme;

/// One row of a section: the keys (or a marker) in a column of their own, what they
/// do wrapped beside them, never cut.
fn row(doc: &mut Doc, keys: &str, what: &str, width: u16, theme: Theme) {
    let lead = format!("  {keys:<12} ");
    let indent = lead.chars().count();
    let wrapped = wrap(what, usize::from(width).saturating_sub(indent).max(10));
    for (i, text) in wrapped.into_iter().enumerate() {
        let head = if i == 0 {
            Span::styled(lead.clone(), theme.key())
        } else {
            Span::raw(" ".repeat(indent))
        };
        doc.line(Line::from(vec![head, Span::raw(text)]));
    }
}

/// The help overlay's lines for a given width.
pub fn doc(app: &App, width: u16) -> Doc {
    let theme = app.theme;
    let mut doc = Doc::new(width);
    for (heading, rows) in keymap::help_sections() {
        doc.heading(heading, theme);
        for (keys, what) in &rows {
            row(&mut doc, keys, what, width, theme);
        }
        doc.blank();
    }
    doc.heading("Markers", theme);
    for (mark, what) in [
        (
            "⇄",
            "the flow crosses a border (its route, e.g. EEA → US, follows)",
        ),
        (
            "⚖",
            "a restricted transfer: under EU, UK or Swiss law (named after it), no adequacy decision covers the importer on the as-of date, so it needs a mechanism (the Transfers tab shows the three criteria and the verdict)",
        ),
        (
            "!N",
            "N errors or warnings on the flow; on a node, on it and on its flows in and out (the Findings tab lists them)",
        ),
        (
            "▶ ▷",
            "the selected row (▶ in the focused pane, which also has a thick border)",
        ),
        ("→", "a link: Enter follows it"),
        (
            "●",
            "the milestone of the law in force on the as-of date (Timeline tab); in its chart, ● marks errors, ○ warnings and │ the as-of date",
        ),
        ("uncited", "a policy section that no flow cites"),
        (
            "covered",
            "a restricted transfer its mechanism covers on the as-of date (adequate: an adequacy decision covers it, not restricted)",
        ),
    ] {
        row(&mut doc, mark, what, width, theme);
    }
    doc.blank();
    doc.heading("Mouse", theme);
    doc.para(
        "Click a tab, a row or a link to select it; the wheel scrolls.",
        2,
        Style::new(),
    );
    doc.blank();
    doc.para("The inventory reloads by itself when a file of it changes; if the new version does not load, the last good one stays on screen and a banner above the status line says why, with the file, line and column, as flowmap check would.", 0, theme.dim());
    doc
}
