//! `update` on the state, headless: navigation, follow and back, the filter, the Flows
//! toggles and sort, tab switching, mouse, export and reload, and the workers' answers
//! (a trace, a re-check on another date).

use flowmap::Origin;
use flowmap::model::Date;
use flowmap::tui::app::Pane;
use flowmap::tui::data::{Data, Target};
use flowmap::tui::flows::SortColumn;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, layout, update, view};

fn as_of() -> Date {
    "2015-11-08".parse().unwrap()
}

fn app() -> App {
    let data = Data::load(&Origin::Builtin, Some(as_of())).unwrap();
    let mut app = App::new(data, Origin::Builtin, Some(as_of()));
    app.theme = Theme::plain();
    update(&mut app, Action::Resize(120, 40));
    app
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

fn typed(app: &mut App, text: &str) {
    update(app, Action::FilterOpen);
    for c in text.chars() {
        update(app, Action::FilterChar(c));
    }
}

/// The id of the selected row on the current tab (node, flow, finding subject…).
fn selected(app: &App) -> String {
    let row = app
        .current()
        .list
        .selected_row()
        .expect("a row is selected") as usize;
    let data = &app.data;
    match app.tab {
        Tab::Nodes => data.nodes[row].id.clone(),
        Tab::Flows => data.flows[row].id.clone(),
        Tab::Transfers => data.flows[data.transfers[row].flow].id.clone(),
        Tab::Findings => format!(
            "{} {}",
            data.findings[row].rule.id(),
            data.findings[row].subject
        ),
        Tab::Policy => data.sections[row].id.clone(),
        Tab::Trace => data.picks[row].label.clone(),
        Tab::Timeline => {
            let m = &flowmap::tui::history::milestones().rows[row];
            format!("{} {}", m.date, m.event)
        }
    }
}

/// The detail pane's selected link target.
fn link(app: &App) -> Target {
    let doc = app.detail(app.tab, 60);
    doc.links[app.current().link].1
}

#[test]
fn tabs_switch_by_number_and_brackets_and_wrap() {
    let mut app = app();
    assert_eq!(app.tab, Tab::Nodes);
    run(&mut app, &[Action::GoTab(Tab::Findings)]);
    assert_eq!(app.tab, Tab::Findings);
    run(
        &mut app,
        &[Action::NextTab, Action::NextTab, Action::NextTab],
    );
    assert_eq!(app.tab, Tab::Timeline);
    run(&mut app, &[Action::NextTab]);
    assert_eq!(app.tab, Tab::Nodes, "] wraps around");
    run(&mut app, &[Action::PrevTab]);
    assert_eq!(app.tab, Tab::Timeline, "[ wraps around");
    // Each tab keeps its own place.
    run(
        &mut app,
        &[Action::GoTab(Tab::Flows), Action::Down, Action::Down],
    );
    run(
        &mut app,
        &[Action::GoTab(Tab::Nodes), Action::GoTab(Tab::Flows)],
    );
    assert_eq!(app.current().list.selected, 2);
}

#[test]
fn navigation_moves_and_stops_at_the_ends() {
    let mut app = app();
    assert_eq!(selected(&app), "web-forms");
    run(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(selected(&app), "interactive-features");
    run(&mut app, &[Action::Up, Action::Up, Action::Up]);
    assert_eq!(selected(&app), "web-forms", "stops at the top");
    run(&mut app, &[Action::Bottom]);
    assert_eq!(selected(&app), "aggregate-recipients");
    run(&mut app, &[Action::Down]);
    assert_eq!(
        selected(&app),
        "aggregate-recipients",
        "stops at the bottom"
    );
    run(&mut app, &[Action::Top]);
    assert_eq!(selected(&app), "web-forms");
    run(&mut app, &[Action::PageDown]);
    assert!(app.current().list.selected > 5, "a page is many rows");
    // Panes: Tab, Shift-Tab, h and l.
    run(&mut app, &[Action::NextPane]);
    assert_eq!(app.current().pane, Pane::Detail);
    run(&mut app, &[Action::PrevPane]);
    assert_eq!(app.current().pane, Pane::List);
    run(&mut app, &[Action::FocusRight]);
    assert_eq!(app.current().pane, Pane::Detail);
    run(&mut app, &[Action::FocusLeft]);
    assert_eq!(app.current().pane, Pane::List);
}

#[test]
fn the_selection_stays_on_screen() {
    let mut app = app();
    update(&mut app, Action::Resize(80, 24));
    run(&mut app, &[Action::GoTab(Tab::Findings), Action::Bottom]);
    let list = &app.current().list;
    assert_eq!(list.selected, list.shown.len() - 1);
    assert!(list.offset > 0 && list.offset <= list.selected);
    assert!(list.selected - list.offset < 12);
}

#[test]
fn follow_a_web_form_to_where_its_data_goes_and_back() {
    let mut app = app();
    // Nodes: Enter on a node focuses its flows; Enter on a flow goes to its other end.
    run(&mut app, &[Action::Follow]);
    assert_eq!(app.current().pane, Pane::Detail);
    assert!(matches!(link(&app), Target::Node(_)));
    run(&mut app, &[Action::Follow]);
    assert_eq!(app.tab, Tab::Nodes);
    assert_eq!(selected(&app), "website-data");
    assert_eq!(app.current().pane, Pane::Detail, "ready to follow on");
    assert_eq!(app.history.len(), 1);
    // Down to the second outgoing flow (partners), and on.
    run(&mut app, &[Action::Down, Action::Follow]);
    assert_eq!(selected(&app), "partners");
    assert_eq!(app.history.len(), 2);
    // Back, twice, through the history.
    run(&mut app, &[Action::Back]);
    assert_eq!(selected(&app), "website-data");
    assert_eq!(app.current().link, 1, "back restores the selected link");
    run(&mut app, &[Action::Escape]);
    assert_eq!(selected(&app), "web-forms");
    assert_eq!(app.current().pane, Pane::Detail);
    run(&mut app, &[Action::Back]);
    assert_eq!(selected(&app), "web-forms", "nothing more to go back to");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing to go back")
    );
}

#[test]
fn follow_from_every_tab() {
    let mut app = app();
    // Flows: Enter on a flow goes to the node at its other end.
    run(&mut app, &[Action::GoTab(Tab::Flows)]);
    let flow_to = app.data.flows[app.current().list.selected_row().unwrap() as usize]
        .to
        .clone();
    run(&mut app, &[Action::Follow]);
    assert_eq!((app.tab, selected(&app)), (Tab::Nodes, flow_to));
    run(&mut app, &[Action::Back]);
    assert_eq!(app.tab, Tab::Flows);

    // Transfers: Enter opens the flow in the Flows tab.
    run(&mut app, &[Action::GoTab(Tab::Transfers), Action::Down]);
    let transfer = selected(&app);
    run(&mut app, &[Action::Follow]);
    assert_eq!((app.tab, selected(&app)), (Tab::Flows, transfer));

    // Findings: Enter jumps to the subject: a flow, or a node.
    run(&mut app, &[Action::GoTab(Tab::Findings)]);
    let subject = app.data.findings[0].subject.clone();
    run(&mut app, &[Action::Top, Action::Follow]);
    assert_eq!((app.tab, selected(&app)), (Tab::Flows, subject));
    run(&mut app, &[Action::Back]);
    let node_finding = app
        .data
        .findings
        .iter()
        .position(|f| f.subject == "website-data")
        .unwrap();
    run(&mut app, &[Action::Top]);
    for _ in 0..node_finding {
        update(&mut app, Action::Down);
    }
    run(&mut app, &[Action::Follow]);
    assert_eq!(
        (app.tab, selected(&app)),
        (Tab::Nodes, "website-data".to_string())
    );

    // Policy: Enter focuses the citing flows; Enter on one opens it.
    run(
        &mut app,
        &[Action::GoTab(Tab::Policy), Action::Top, Action::Follow],
    );
    assert_eq!(app.current().pane, Pane::Detail);
    let Target::Flow(i) = link(&app) else {
        panic!("a citing flow")
    };
    run(&mut app, &[Action::Follow]);
    assert_eq!(
        (app.tab, selected(&app)),
        (Tab::Flows, app.data.flows[i].id.clone())
    );

    // Trace: pick contact.email, then Enter on a hop opens its flow.
    run(&mut app, &[Action::GoTab(Tab::Trace)]);
    typed(&mut app, "contact.email");
    run(&mut app, &[Action::FilterAccept]);
    assert_eq!(selected(&app), "contact.email");
    let trace = app.trace.as_ref().unwrap();
    assert!(!trace.paths.is_empty());
    assert_eq!(
        trace.paths,
        app.data.graph.paths_of_category("contact.email")
    );
    run(&mut app, &[Action::Follow]);
    let Target::Flow(hop) = link(&app) else {
        panic!("a hop")
    };
    run(&mut app, &[Action::Follow]);
    assert_eq!(
        (app.tab, selected(&app)),
        (Tab::Flows, app.data.flows[hop].id.clone())
    );
}

#[test]
fn following_into_a_filtered_list_clears_what_hides_the_target() {
    let mut app = app();
    run(&mut app, &[Action::GoTab(Tab::Nodes)]);
    typed(&mut app, "cookies");
    run(&mut app, &[Action::FilterAccept]);
    assert_eq!(app.current().list.shown.len(), 1);
    run(&mut app, &[Action::FocusRight, Action::Follow]);
    assert_eq!(selected(&app), "website-data");
    assert!(!app.current().list.is_filtered());
}

#[test]
fn filter_narrows_as_you_type_and_esc_clears() {
    let mut app = app();
    run(&mut app, &[Action::GoTab(Tab::Flows)]);
    let all = app.current().list.shown.len();
    typed(&mut app, "c");
    let after_c = app.current().list.shown.len();
    typed(&mut app, "OOKIE");
    assert!(app.filter_editing);
    let shown = app.current().list.shown.clone();
    assert!(after_c <= all && shown.len() < after_c);
    for &r in &shown {
        let f = &app.data.flows[r as usize];
        assert!(
            f.id.contains("cookie") || f.data.contains("cookie"),
            "{}",
            f.id
        );
    }
    let expected = app
        .data
        .flows
        .iter()
        .filter(|f| f.id.contains("cookie") || f.data.contains("cookie"))
        .count();
    assert_eq!(
        shown.len(),
        expected,
        "the flows of `cookies`, and those carrying device.cookie_id"
    );
    assert_eq!(
        view::count(&app, Tab::Flows),
        format!("{expected} of {all}")
    );
    // Backspace widens again.
    for _ in 0..5 {
        update(&mut app, Action::FilterBackspace);
    }
    assert_eq!(app.current().list.shown.len(), after_c);
    // Enter keeps the filter; Esc then clears it (and does not go back).
    typed(&mut app, "ookie");
    run(&mut app, &[Action::FilterAccept]);
    assert!(!app.filter_editing);
    assert_eq!(app.current().list.query, "cookie");
    run(&mut app, &[Action::Escape]);
    assert_eq!(app.current().list.query, "");
    assert_eq!(app.current().list.shown.len(), all);
    assert_eq!(app.tab, Tab::Flows);
    // Esc while typing clears too.
    typed(&mut app, "zzzz");
    assert!(app.current().list.shown.is_empty());
    run(&mut app, &[Action::FilterCancel]);
    assert_eq!(app.current().list.shown.len(), all);
}

#[test]
fn filters_are_per_tab_and_ignore_case() {
    let mut app = app();
    typed(&mut app, "AD-NET");
    run(&mut app, &[Action::FilterAccept]);
    assert_eq!(selected(&app), "ad-networks");
    assert_eq!(app.current().list.shown.len(), 1);
    run(&mut app, &[Action::GoTab(Tab::Findings)]);
    assert!(!app.current().list.is_filtered());
    typed(&mut app, "fm301");
    assert_eq!(app.current().list.shown.len(), 1);
    assert_eq!(selected(&app), "FM301 website-data");
}

#[test]
fn flows_toggles_and_sort() {
    let mut app = app();
    run(&mut app, &[Action::GoTab(Tab::Flows)]);
    let all = app.data.flows.len();
    run(&mut app, &[Action::ToggleCrossBorder]);
    let cross = app.current().list.shown.clone();
    let crossing = (0..all)
        .filter(|&i| app.data.graph.is_cross_border(i))
        .count();
    assert_eq!(cross.len(), crossing);
    assert!(cross.iter().all(|&r| app.data.flows[r as usize].cross));
    // Every cross-border flow is on the Transfers tab: a transfer, an onward transfer,
    // or "cross-border, not a transfer".
    assert!(
        cross
            .iter()
            .all(|&r| { app.data.transfers.iter().any(|t| t.flow == r as usize) })
    );
    run(&mut app, &[Action::ToggleFailing]);
    assert!(app.current().list.shown.iter().all(|&r| {
        let f = &app.data.flows[r as usize];
        f.cross && f.issues > 0
    }));
    run(
        &mut app,
        &[Action::ToggleCrossBorder, Action::ToggleFailing],
    );
    assert_eq!(app.current().list.shown.len(), all);

    // s cycles the sort column; S reverses.
    assert_eq!(app.flow_view.sort, SortColumn::Inventory);
    run(&mut app, &[Action::SortNext]);
    assert_eq!(app.flow_view.sort, SortColumn::From);
    let froms: Vec<&str> = app
        .current()
        .list
        .shown
        .iter()
        .map(|&r| app.data.flows[r as usize].from.as_str())
        .collect();
    assert!(froms.windows(2).all(|w| w[0] <= w[1]), "{froms:?}");
    run(&mut app, &[Action::SortReverse]);
    let froms: Vec<&str> = app
        .current()
        .list
        .shown
        .iter()
        .map(|&r| app.data.flows[r as usize].from.as_str())
        .collect();
    assert!(froms.windows(2).all(|w| w[0] >= w[1]), "{froms:?}");
    for _ in 0..5 {
        update(&mut app, Action::SortNext);
    }
    assert_eq!(app.flow_view.sort, SortColumn::Findings);
    let issues: Vec<usize> = app
        .current()
        .list
        .shown
        .iter()
        .map(|&r| app.data.flows[r as usize].issues)
        .collect();
    assert!(
        issues.windows(2).all(|w| w[0] <= w[1]),
        "reversed: fewest first {issues:?}"
    );
    run(&mut app, &[Action::SortNext]);
    assert_eq!(app.flow_view.sort, SortColumn::Inventory);

    // The toggles are Flows keys only: elsewhere `c` does nothing (the key map scopes it).
    run(&mut app, &[Action::GoTab(Tab::Nodes)]);
    let key =
        ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('c'));
    assert_eq!(flowmap::tui::keymap::action_for(&app, &key), None);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app();
    update(&mut app, Action::Resize(80, 24));
    run(&mut app, &[Action::ToggleHelp, Action::Down, Action::Down]);
    assert_eq!(app.help, Some(2));
    run(&mut app, &[Action::Escape]);
    assert_eq!(app.help, None);
    assert_eq!(
        app.current().list.selected,
        0,
        "keys went to the help, not the list"
    );
}

#[test]
fn mouse_selects_rows_tabs_and_links() {
    let mut app = app();
    // Row 3 on screen is the first node (tab bar, border, header).
    update(&mut app, Action::Click(10, 5));
    assert_eq!(selected(&app), "interactive-features");
    update(&mut app, Action::Wheel(10, 10, true));
    assert_eq!(selected(&app), "log-files", "the wheel moves three rows");
    // The tab bar: "[1 Nodes] 2 Flows" — click on "Flows".
    let hits = layout::tab_hits(&app, 120);
    let (start, _, tab, _) = hits[1];
    update(&mut app, Action::Click(start + 2, 0));
    assert_eq!(tab, Tab::Flows);
    assert_eq!(app.tab, Tab::Flows);
    // Clicks outside anything, and on a too-small terminal, are ignored.
    update(&mut app, Action::Resize(10, 3));
    update(&mut app, Action::Click(1, 1));
    update(&mut app, Action::Wheel(1, 1, false));
}

#[test]
fn export_writes_the_current_view_as_dot() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_path_buf();
    run(&mut app, &[Action::Export]);
    let status = app.status.clone().unwrap();
    assert!(!status.error, "{}", status.text);
    let path = dir.path().join("flowmap-node-web-forms-2015-11-08.dot");
    assert!(
        status
            .text
            .contains("flowmap-node-web-forms-2015-11-08.dot"),
        "{}",
        status.text
    );
    let dot = std::fs::read_to_string(&path).unwrap();
    assert!(dot.starts_with("digraph") || dot.contains("digraph"));
    assert!(dot.contains("website-data"));
    assert!(!dot.contains("ad-networks"), "only the neighbourhood");

    run(
        &mut app,
        &[
            Action::GoTab(Tab::Flows),
            Action::ToggleCrossBorder,
            Action::Export,
        ],
    );
    let dot = std::fs::read_to_string(dir.path().join("flowmap-flows-2015-11-08.dot")).unwrap();
    assert!(dot.contains("ad-networks"));
    assert!(
        !dot.contains("affiliates"),
        "affiliates is not cross-border"
    );
}

#[test]
fn reload_keeps_the_place_and_a_bad_file_keeps_the_last_good_graph() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = include_str!("../inventory/confluent-2015/inventory.ron");
    let policy = include_str!("../inventory/confluent-2015/policy.ron");
    std::fs::write(dir.path().join("inventory.ron"), builtin).unwrap();
    std::fs::write(dir.path().join("policy.ron"), policy).unwrap();
    let origin = Origin::Path(dir.path().to_path_buf());
    let mut app = App::load(origin, Some(as_of())).unwrap();
    app.theme = Theme::plain();
    run(
        &mut app,
        &[Action::Resize(120, 40), Action::Down, Action::Down],
    );
    assert_eq!(selected(&app), "interactive-features");
    assert_eq!(app.watched_files().len(), 2);
    let flows = app.data.flows.len();

    // A change that still loads: reloaded, same node selected.
    let renamed = builtin.replace("\"Website web forms", "\"Web forms");
    std::fs::write(dir.path().join("inventory.ron"), &renamed).unwrap();
    run(&mut app, &[Action::FilesChanged]);
    assert!(app.load_error.is_none());
    assert!(app.status.as_ref().unwrap().text.contains("reloaded"));
    assert_eq!(selected(&app), "interactive-features");
    assert_eq!(
        app.data.nodes[0].name,
        "Web forms (and information provided \"in some other manner\")"
    );

    // A broken file: the error with file:line:col, and the last good graph stays.
    std::fs::write(
        dir.path().join("inventory.ron"),
        "Inventory(\n  name: \"x\",\n  oops\n",
    )
    .unwrap();
    run(&mut app, &[Action::Reload]);
    let error = app
        .load_error
        .clone()
        .expect("the error is kept")
        .to_string();
    assert!(error.contains("inventory.ron:3:"), "{error}");
    assert_eq!(app.data.flows.len(), flows);
    assert_eq!(selected(&app), "interactive-features");

    // Fixed again: the error goes.
    std::fs::write(dir.path().join("inventory.ron"), builtin).unwrap();
    run(&mut app, &[Action::Reload]);
    assert!(app.load_error.is_none());
}

#[test]
fn quit() {
    let mut app = app();
    run(&mut app, &[Action::Quit]);
    assert!(app.quit);
}

#[test]
fn a_trace_from_the_worker_is_taken_only_for_the_current_pick_and_load() {
    use flowmap::tui::trace::Trace;
    let mut app = app();
    run(&mut app, &[Action::GoTab(Tab::Trace), Action::Down]);
    let pick = app.current().list.selected_row().unwrap();
    let paths = app.trace.as_ref().unwrap().paths.clone();
    let late = |generation, pick| {
        Action::Traced(Box::new(Trace {
            generation,
            pick,
            paths: vec![vec![0]],
        }))
    };
    let generation = app.generation;
    // An older load's, or another pick's, result is dropped.
    run(
        &mut app,
        &[late(generation + 1, pick), late(generation, pick + 1)],
    );
    assert_eq!(app.trace.as_ref().unwrap().paths, paths);
    // The current pick's is taken.
    run(&mut app, &[late(generation, pick)]);
    assert_eq!(app.trace.as_ref().unwrap().paths, vec![vec![0]]);
    assert_eq!(app.trace_wanted, None);
}

/// Over 5,000 flows the trace is asked of a worker (the runtime's); until it answers the
/// pane says so, and the keys keep working.
#[test]
fn large_inventories_trace_on_a_worker() {
    use flowmap::tui::trace;
    let n = trace::SYNC_TRACE_FLOWS + 10;
    let mut text = String::from(
        "Inventory(name: \"Big\", sources: [Source(id: \"s\", name: \"S\", located: [\"DE\"])], recipients: [",
    );
    for i in 0..n {
        text.push_str(&format!(
            "Recipient(id: \"r{i}\", name: \"R\", kind: Partner, located: [\"US\"]),"
        ));
    }
    text.push_str("], flows: [");
    for i in 0..n {
        text.push_str(&format!(
            "Flow(from: \"s\", to: \"r{i}\", data: [\"contact.email\"], purposes: [\"service.operation\"], basis: Some(Consent)),"
        ));
    }
    text.push_str("])");
    let loaded =
        flowmap::load::load_in_memory(&[("inventory.ron", &text)], "inventory.ron").unwrap();
    let mut app = App::new(Data::new(loaded, Some(as_of())), Origin::Builtin, None);
    run(
        &mut app,
        &[Action::Resize(120, 40), Action::GoTab(Tab::Trace)],
    );
    let pick = app.current().list.selected_row().unwrap();
    assert_eq!(app.trace_wanted, Some(pick));
    assert!(app.trace.is_none());
    let shown = |app: &App| {
        app.detail(Tab::Trace, 80)
            .lines
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(shown(&app).contains("Tracing"), "{}", shown(&app));
    // What the worker does, then its answer.
    let paths = trace::run(&app.data.graph, &trace::query(&app.data, pick));
    assert_eq!(paths.len(), n);
    let generation = app.generation;
    run(
        &mut app,
        &[Action::Traced(Box::new(trace::Trace {
            generation,
            pick,
            paths,
        }))],
    );
    assert_eq!(app.trace_wanted, None);
    let text = shown(&app);
    assert!(
        text.contains(&format!("{n} paths (the first 500 shown)")),
        "{text}"
    );
}

/// The status line as drawn.
fn status_line(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..w).map(|x| buffer[(x, h - 1)].symbol()).collect()
}

/// A synthetic inventory of 20,000 flows: `>` hands the re-check to the worker (the
/// runtime's), the keys pressed meanwhile are answered at once while the status line
/// says what runs, and the worker's answer then replaces the rows, the place kept.
#[test]
fn a_key_during_a_large_recheck_is_answered_at_once() {
    use flowmap::tui::worker::Workers;
    use std::time::{Duration, Instant};
    let synth = flowmap::synth::generate(&flowmap::synth::Params::for_flows(20_000, 1));
    let loaded = flowmap::load::load_in_memory(&synth.files(), "inventory.ron").unwrap();
    let mut app = App::new(Data::new(loaded, None), Origin::Builtin, None);
    app.theme = Theme::plain();
    run(
        &mut app,
        &[Action::Resize(120, 40), Action::GoTab(Tab::Flows)],
    );
    let day = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(app.data.as_of, day("2024-06-01"));
    let mut workers = Workers::new();
    let answered_at_once = |app: &mut App, action: Action| {
        let start = Instant::now();
        update(app, action);
        let took = start.elapsed();
        assert!(took < Duration::from_millis(500), "{took:?}");
    };

    answered_at_once(&mut app, Action::LaterMilestone);
    assert_eq!(app.judging, Some(day("2024-09-15")));
    assert_eq!(app.data.as_of, day("2024-06-01"), "not judged in update");
    workers.ask(&app);
    for action in [Action::Down, Action::Down, Action::PageDown, Action::Up] {
        answered_at_once(&mut app, action);
    }
    let selected = app.current().list.selected_row();
    let status = status_line(&app);
    assert!(status.starts_with("Judging on 2024-09-15…"), "{status}");

    let answer = workers
        .wait_judged(Duration::from_secs(300))
        .expect("the worker answers");
    run(&mut app, &[answer]);
    assert_eq!(app.judging, None);
    assert_eq!(app.data.as_of, day("2024-09-15"));
    assert_eq!(app.tab, Tab::Flows);
    assert_eq!(app.current().list.selected_row(), selected);
    let status = &app.status.as_ref().unwrap().text;
    assert!(
        status.starts_with("As of 2024-09-15 (CH adequacy: United States (Swiss-US DPF)"),
        "{status}"
    );
}
