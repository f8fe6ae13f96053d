//! The `?` overlay's Markers section wraps like the keys above it: scrolled from top to
//! bottom at 80×24 and 200×50, every marker's explanation reads whole, no word cut at
//! the overlay's edge (issue 19, point 11).

use flowmap::Origin;
use flowmap::tui::data::Data;
use flowmap::tui::layout::help_body;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The overlay's inside, one string per row, trailing blanks trimmed.
fn overlay(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let body = help_body(Rect::new(0, 0, w, h));
    (body.y..body.y + body.height)
        .map(|y| {
            let row: String = (body.x..body.x + body.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.trim_end().to_string()
        })
        .collect()
}

/// Every line of the help, read by scrolling it a line at a time.
fn whole_help(w: u16, h: u16) -> Vec<String> {
    let data = Data::load(&Origin::Builtin, None).unwrap();
    let mut app = App::new(data, Origin::Builtin, None);
    app.theme = Theme::plain();
    update(&mut app, Action::Resize(w, h));
    update(&mut app, Action::ToggleHelp);
    let mut lines = overlay(&app, w, h);
    loop {
        update(&mut app, Action::Down);
        let now = overlay(&app, w, h);
        let last = now.last().cloned().unwrap_or_default();
        if now == overlay_before(&lines, now.len()) {
            break;
        }
        lines.push(last);
    }
    lines
}

fn overlay_before(lines: &[String], height: usize) -> Vec<String> {
    lines[lines.len().saturating_sub(height)..].to_vec()
}

#[test]
fn every_marker_explanation_reads_whole_at_80x24_and_200x50() {
    for (w, h) in [(80, 24), (200, 50)] {
        let lines = whole_help(w, h);
        let start = lines
            .iter()
            .position(|l| l.trim() == "Markers")
            .unwrap_or_else(|| panic!("{w}×{h}: a Markers heading in {lines:#?}"));
        let section: Vec<&String> = lines[start + 1..]
            .iter()
            .take_while(|l| !l.trim().is_empty())
            .collect();
        // The explanations, joined as read: each ends in full, none is cut at the edge.
        let read = section
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        for whole in [
            "so it needs a mechanism (the Transfers tab shows the three criteria and the verdict)",
            "in its chart, ● marks errors, ○ warnings and │ the as-of date",
            "(adequate: an adequacy decision covers it, not restricted)",
        ] {
            assert!(
                read.contains(whole),
                "{w}×{h}: `{whole}` is cut in\n{section:#?}"
            );
        }
        // Continuation lines sit under the text, not under the marker.
        let width = usize::from(help_body(Rect::new(0, 0, w, h)).width);
        for l in &section {
            assert!(l.chars().count() <= width, "{l}");
            if !l.starts_with("  ") || l.starts_with("               ") {
                continue;
            }
            assert!(l.chars().nth(2).is_some_and(|c| c != ' '), "{l}");
        }
    }
}
