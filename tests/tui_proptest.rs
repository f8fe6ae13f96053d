//! Random key, mouse and resize sequences at random sizes (0×0, 1×1 and 20×5 among them):
//! the app never panics, in `update` or in drawing, and its state stays consistent.

use flowmap::Origin;
use flowmap::tui::data::Data;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, action_for_event, update, view};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Act(Action),
    Resize(u16, u16),
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        Just((0, 0)),
        Just((1, 1)),
        Just((20, 5)),
        Just((19, 5)),
        Just((20, 4)),
        Just((59, 13)),
        Just((80, 24)),
        Just((120, 40)),
        (0u16..220, 0u16..70),
    ]
}

fn key() -> impl Strategy<Value = (KeyCode, KeyModifiers)> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec![
            'j', 'k', 'h', 'l', '/', '?', 'q', 's', 'S', 'c', 'f', 'e', 'g', 'G', '[', ']', '1',
            '2', '3', '4', '5', '6', '7', '<', '>', '=', ' ', '\\'
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::F(5),
        ]),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    (code, mods)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => key().prop_map(|(c, m)| Step::Key(c, m)),
        2 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (0u16..230, 0u16..80).prop_map(|(x, y)| Step::Act(Action::Click(x, y))),
        1 => (0u16..230, 0u16..80, any::<bool>()).prop_map(|(x, y, d)| Step::Act(Action::Wheel(x, y, d))),
        1 => prop::sample::select(Tab::ALL.to_vec()).prop_map(|t| Step::Act(Action::GoTab(t))),
        1 => prop::sample::select(vec![
            Action::Follow, Action::Back, Action::Escape, Action::PageDown, Action::Bottom,
            Action::FocusRight, Action::ToggleCrossBorder, Action::ToggleFailing,
            Action::SortNext, Action::FilterOpen, Action::Export,
            Action::EarlierMilestone, Action::LaterMilestone, Action::OwnDate,
        ]).prop_map(Step::Act),
    ]
}

fn base() -> &'static Data {
    static DATA: std::sync::OnceLock<Data> = std::sync::OnceLock::new();
    DATA.get_or_init(|| Data::load(&Origin::Builtin, Some("2015-11-08".parse().unwrap())).unwrap())
}

fn fresh(export_dir: &std::path::Path) -> App {
    let data = base();
    let mut app = App::new(
        Data::with_report(data.graph.clone(), data.report.clone(), data.as_of),
        Origin::Builtin,
        None,
    );
    app.theme = Theme { color: true };
    app.export_dir = export_dir.to_path_buf();
    app
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn never_panics((w, h) in size(), steps in prop::collection::vec(step(), 1..60)) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = fresh(dir.path());
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        update(&mut app, Action::Resize(w, h));
        for step in steps {
            match step {
                Step::Key(code, mods) => {
                    let event = Event::Key(KeyEvent::new(code, mods));
                    if let Some(action) = action_for_event(&app, &event) {
                        update(&mut app, action);
                    }
                }
                Step::Act(action) => update(&mut app, action),
                Step::Resize(w, h) => {
                    terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                    update(&mut app, Action::Resize(w, h));
                }
            }
            if app.quit {
                break;
            }
            terminal.draw(|f| view(&app, f)).unwrap();
            let list = &app.current().list;
            prop_assert!(list.shown.is_empty() || list.selected < list.shown.len());
            prop_assert!(list.shown.is_empty() || list.offset <= list.selected);
        }
    }
}
