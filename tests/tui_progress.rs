//! Large inventories show progress instead of a blank screen (issue 19, point 16), at
//! 80×24 and 200×50: the loading screen's gauge names the step being done and moves
//! while a synthetic inventory loads on its thread; the Timeline tab's gauge counts the
//! milestone dates the worker has judged while the keys keep moving the selection.

use std::time::{Duration, Instant};

use flowmap::Origin;
use flowmap::synth::{Params, generate};
use flowmap::tui::data::Data;
use flowmap::tui::history::{SYNC_FLOWS, milestones};
use flowmap::tui::loading;
use flowmap::tui::theme::Theme;
use flowmap::tui::worker::Workers;
use flowmap::tui::{Action, App, Tab, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A synthetic inventory of `flows` flows, written to a temporary folder.
fn synthetic(flows: usize) -> (tempfile::TempDir, Origin) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in generate(&Params::for_flows(flows, 7)).files() {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let origin = Origin::Path(dir.path().join("inventory.ron"));
    (dir, origin)
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_loading_screen_names_each_step_as_it_goes() {
    let (_dir, origin) = synthetic(20_000);
    let load = loading::start(&origin, None);
    let mut small = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut large = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let theme = Theme::plain();
    let mut steps: Vec<String> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    let data = loop {
        for terminal in [&mut small, &mut large] {
            terminal.draw(|f| load.view(f, theme)).unwrap();
            let screen = text(terminal);
            assert!(screen.contains("flowmap · loading"), "{screen}");
            assert!(screen.contains("q quits"), "{screen}");
            let (doing, done, total) = load.progress.now();
            assert!(total == 0 || total == 7, "{total}: 7 steps, once started");
            // The label on the gauge: what is done now, and how far.
            let label = format!("{doing} · {done} of {total} steps");
            if screen.contains(&label) && steps.last() != Some(&doing) {
                steps.push(doing);
            }
        }
        if let Some(result) = load.wait(Duration::from_millis(5)) {
            break result.expect("the synthetic inventory loads");
        }
        assert!(Instant::now() < deadline, "still loading: {steps:?}");
    };
    assert_eq!(data.flows.len(), 20_000);
    assert!(
        steps.len() >= 2,
        "the gauge named several steps as they came: {steps:?}"
    );
    assert!(
        steps.iter().any(|s| s.contains("20000 flows")),
        "a step says how large the job is: {steps:?}"
    );
    // q, Esc and Ctrl-C quit meanwhile; other keys wait.
    assert!(loading::quits(&KeyEvent::from(KeyCode::Char('q'))));
    assert!(loading::quits(&KeyEvent::from(KeyCode::Esc)));
    assert!(loading::quits(&KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL
    )));
    assert!(!loading::quits(&KeyEvent::from(KeyCode::Char('j'))));
}

#[test]
fn the_timeline_counts_with_a_gauge_and_the_keys_keep_working() {
    let (_dir, origin) = synthetic(SYNC_FLOWS + 1_000);
    let data = Data::load(&origin, None).unwrap();
    let mut app = App::new(data, origin, None);
    app.theme = Theme::plain();
    update(&mut app, Action::GoTab(Tab::Timeline));
    assert!(
        app.timeline_wanted,
        "a large inventory counts on the worker"
    );
    let mut workers = Workers::new();
    workers.ask(&app);
    let dates = milestones().dates.len();
    let mut seen_partial = false;
    let mut moved = false;
    let deadline = Instant::now() + Duration::from_secs(300);
    while app.timeline.is_none() {
        let (_, done, total) = app.counting.now();
        assert!(total == 0 || total == dates);
        for (w, h) in [(80, 24), (200, 50)] {
            update(&mut app, Action::Resize(w, h));
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| view(&app, f)).unwrap();
            let screen = text(&terminal);
            if app.timeline.is_none() && (1..dates).contains(&done) {
                let label = format!("{done} of {dates} dates");
                if screen.contains(&label) && screen.contains("Counting the errors") {
                    seen_partial = true;
                }
            }
        }
        // A key meanwhile is answered at once.
        let before = app.current().list.selected_row();
        update(&mut app, Action::Down);
        moved |= app.current().list.selected_row() != before;
        for answer in workers.answers() {
            update(&mut app, answer);
        }
        assert!(Instant::now() < deadline, "never counted");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        seen_partial,
        "the gauge showed dates counted before the end"
    );
    assert!(moved, "the selection moved while the worker counted");
    assert_eq!(app.timeline.as_ref().unwrap().counts.len(), dates);
}
