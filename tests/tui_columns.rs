//! Table columns take the width of what they hold, and every cell that is cut says so
//! with `…`, as the headers do (issue 19, point 12): the Flows table at 80×24 and
//! 200×50 (no 42-column `from` for 20-letter ids; data and purposes never run
//! together) and the Transfers routes and title at 80×24.

use flowmap::Origin;
use flowmap::tui::data::Data;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let data = Data::load(&Origin::Builtin, None).unwrap();
    let mut app = App::new(data, Origin::Builtin, None);
    app.theme = Theme::plain();
    app
}

/// The screen as rows of cells (one symbol per column).
fn grid(app: &mut App, w: u16, h: u16) -> Vec<Vec<String>> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// The list's header row (the third screen row) as (column start, name).
fn header(grid: &[Vec<String>]) -> Vec<(usize, String)> {
    let row = &grid[2];
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut x = 1; // inside the border
    while x + 1 < row.len() {
        if row[x] != " " && (x == 1 || row[x - 1] == " ") {
            let end = (x..row.len() - 1)
                .find(|&e| row[e] == " ")
                .unwrap_or(row.len() - 1);
            out.push((x, row[x..end].concat()));
            x = end;
        } else {
            x += 1;
        }
    }
    out
}

/// The text of the cell that starts at `start` and ends before `end` on `row`.
fn cell(row: &[String], start: usize, end: usize) -> String {
    row[start..end].concat().trim_end().to_string()
}

/// `shown` is `full`, or a start of it ending in `…`.
fn is_whole_or_marked(shown: &str, full: &str) -> bool {
    shown == full
        || shown
            .strip_suffix('…')
            .is_some_and(|head| full.starts_with(head) && head.len() < full.len())
}

#[test]
fn flows_columns_fit_their_content_and_mark_every_cut() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app();
        update(&mut app, Action::GoTab(Tab::Flows));
        let grid = grid(&mut app, w, h);
        let cols = header(&grid);
        let names: Vec<&str> = cols.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            ["from", "to", "data", "purposes", "⇄", "⚖", "!"],
            "{w}×{h}"
        );
        let shown = &app.current().list.shown;
        let rows = grid.len() - 2 - 2;
        let mut cut = 0;
        let mut widest_from = 0;
        for (y, &flow) in (3..3 + rows).zip(shown.iter().take(rows)) {
            let row = &grid[y];
            if row[1] == "━" || row[1] == "─" {
                break;
            }
            let f = &app.data.flows[flow as usize];
            for (k, full) in [(0, &f.from), (1, &f.to), (2, &f.data), (3, &f.purposes)] {
                let text = cell(row, cols[k].0, cols[k + 1].0);
                assert!(
                    is_whole_or_marked(&text, full),
                    "{w}×{h}: `{text}` shows `{full}` cut without …"
                );
                cut += usize::from(text.ends_with('…'));
                // A column's last cell character is never glued to the next column.
                assert_eq!(row[cols[k + 1].0 - 1], " ", "{w}×{h}: {}", row.concat());
            }
            widest_from = widest_from.max(f.from.chars().count());
        }
        assert!(
            cut > 0,
            "{w}×{h}: the shipped data does not fit: something is cut"
        );
        // `from` is as wide as its widest id (or its header), not a share of the width;
        // at 80 columns it gives way to the others.
        let from = cols[1].0 - cols[0].0 - 1;
        if w >= 200 {
            assert_eq!(from, widest_from.max(4), "{w}×{h}: {}", grid[2].concat());
        } else {
            assert!(from <= widest_from, "{w}×{h}: {}", grid[2].concat());
        }
    }
}

#[test]
fn transfer_routes_cut_at_80x24_say_so() {
    let mut app = app();
    update(&mut app, Action::GoTab(Tab::Transfers));
    let grid = grid(&mut app, 80, 24);
    let cols = header(&grid);
    let route = cols.iter().position(|(_, n)| n == "route").unwrap();
    let mut checked = 0;
    for (y, &row_no) in (3..).zip(app.current().list.shown.iter().take(9)) {
        let t = &app.data.transfers[row_no as usize];
        let text = cell(&grid[y], cols[route].0, cols[route + 1].0);
        if text.is_empty() {
            continue; // the group's route is written on its first row only
        }
        assert!(
            is_whole_or_marked(&text, &t.route),
            "`{text}` for `{}`",
            t.route
        );
        checked += 1;
    }
    assert!(checked >= 3, "{checked}");
    // The pane's title, too long for 80 columns, says it is cut.
    let title = grid[1].concat();
    assert!(title.ends_with("… ┓"), "{title}");
    let all = grid
        .iter()
        .map(|r| r.concat())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all.contains("→ U "), "a cut route without …:\n{all}");
}
