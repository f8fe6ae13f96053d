//! Habits from lazygit and k9s (issue 19, point 17), at 80×24 and 200×50: `n` and `N`
//! repeat the last search (also after `Esc` cleared the filter: the matches in their
//! context), the sorted column's header shows its arrow, and `o` asks for the selected
//! row's `file:line` (the editor itself is run in `tests/tui_tmux.rs`).

use flowmap::Origin;
use flowmap::tui::data::Data;
use flowmap::tui::{Action, App, Tab, update};

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::{demo_app as app, screen};

fn selected_flow(app: &App) -> String {
    let row = app.current().list.selected_row().unwrap() as usize;
    app.data.flows[row].id.clone()
}

#[test]
fn n_and_n_shifted_walk_the_matches_of_the_last_filter() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app();
        update(&mut app, Action::Resize(w, h));
        update(&mut app, Action::GoTab(Tab::Flows));
        update(&mut app, Action::FilterOpen);
        for c in "website-data->".chars() {
            update(&mut app, Action::FilterChar(c));
        }
        let matches: Vec<String> = app
            .current()
            .list
            .shown
            .iter()
            .map(|&r| app.data.flows[r as usize].id.clone())
            .collect();
        assert!(matches.len() >= 3, "{matches:?}");
        // Esc clears the filter; n still knows it and walks its matches, in order.
        update(&mut app, Action::FilterCancel);
        assert_eq!(app.current().list.shown.len(), app.data.flows.len());
        update(&mut app, Action::Top);
        let mut walked = Vec::new();
        for _ in 0..matches.len() {
            update(&mut app, Action::SearchNext);
            walked.push(selected_flow(&app));
        }
        assert_eq!(walked, matches, "{w}×{h}");
        // Once more wraps to the first; N goes back to the last.
        update(&mut app, Action::SearchNext);
        assert_eq!(selected_flow(&app), matches[0]);
        let text = screen(&mut app, w, h).join("\n");
        assert!(text.contains("search wrapped around"), "{w}×{h}:\n{text}");
        update(&mut app, Action::SearchPrev);
        assert_eq!(&selected_flow(&app), matches.last().unwrap());
        // The selection is on screen, marked.
        let text = screen(&mut app, w, h);
        let marked = text.iter().find(|l| l.starts_with("┃▶")).unwrap();
        let flow = &app.data.flows[app.current().list.selected_row().unwrap() as usize];
        assert!(marked.contains(&flow.from[..6]), "{marked}");
    }
}

#[test]
fn n_without_a_search_says_how_to_start_one() {
    let mut app = app();
    update(&mut app, Action::SearchNext);
    let text = screen(&mut app, 80, 24).join("\n");
    assert!(text.contains("No search yet: / types one"), "{text}");
}

#[test]
fn the_sorted_column_shows_its_arrow() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app();
        update(&mut app, Action::GoTab(Tab::Flows));
        let header = |app: &mut App| screen(app, w, h)[2].clone();
        assert!(!header(&mut app).contains('▲'), "inventory order: no arrow");
        update(&mut app, Action::SortNext);
        assert!(header(&mut app).contains("from▲"), "{}", header(&mut app));
        update(&mut app, Action::SortReverse);
        assert!(header(&mut app).contains("from▼"), "{}", header(&mut app));
        update(&mut app, Action::SortReverse);
        for _ in 0..4 {
            update(&mut app, Action::SortNext);
        }
        // `⇄ first`: the ⇄ column, pointing down.
        let line = header(&mut app);
        assert!(line.contains("⇄▼"), "{w}×{h}: {line}");
        assert!(!line.contains("from▲"), "{line}");
    }
}

#[test]
fn o_asks_for_the_selected_rows_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.ron");
    std::fs::write(
        &path,
        include_str!("../inventory/confluent-2015/inventory.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("policy.ron"),
        include_str!("../inventory/confluent-2015/policy.ron"),
    )
    .unwrap();
    let origin = Origin::Path(path.clone());
    let mut app = App::new(Data::load(&origin, None).unwrap(), origin, None);
    update(&mut app, Action::GoTab(Tab::Flows));
    update(&mut app, Action::Down);
    update(&mut app, Action::OpenInEditor);
    let request = app.edit.take().expect("an edit request");
    assert_eq!(request.file, path);
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().nth(request.line - 1).unwrap();
    assert!(line.trim_start().starts_with("Flow("), "{line}");
    let flow = text
        .lines()
        .skip(request.line - 1)
        .take(3)
        .collect::<String>();
    assert!(flow.contains("communications"), "the second flow: {flow}");

    // A node picked on the Trace tab: its entry.
    update(&mut app, Action::GoTab(Tab::Trace));
    let node = app
        .data
        .picks
        .iter()
        .position(|p| p.label == "website-data")
        .unwrap();
    app.tabs[Tab::Trace.index()].list.select_row(node as u32);
    update(&mut app, Action::OpenInEditor);
    let request = app.edit.take().expect("an edit request");
    let entry = text
        .lines()
        .skip(request.line - 1)
        .take(2)
        .collect::<String>();
    assert!(entry.contains("\"website-data\""), "{entry}");

    // The built-in inventory has no file: said, not attempted.
    let mut builtin = self::app();
    update(&mut builtin, Action::OpenInEditor);
    assert!(builtin.edit.is_none());
    let text = screen(&mut builtin, 80, 24).join("\n");
    assert!(text.contains("no file to open"), "{text}");
}
