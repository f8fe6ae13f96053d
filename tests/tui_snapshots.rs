//! What the terminal UI shows: every tab of the shipped Confluent inventory at 120×40 and
//! 80×24, the help overlay, the filter box and the too-small screen, as text snapshots
//! (insta + TestBackend); and style checks where a marker's highlight matters.

use flowmap::Origin;
use flowmap::model::Date;
use flowmap::tui::data::Data;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn as_of() -> Date {
    "2015-11-08".parse().unwrap()
}

fn app(theme: Theme) -> App {
    let data = Data::load(&Origin::Builtin, Some(as_of())).unwrap();
    let mut app = App::new(data, Origin::Builtin, Some(as_of()));
    app.theme = theme;
    app
}

fn screen(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    terminal
}

fn keys(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

/// The text of a whole buffer, one line per row.
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

macro_rules! tab_snapshots {
    ($($name:ident: $tab:expr, [$($setup:expr),*];)*) => {$(
        #[test]
        fn $name() {
            for (w, h) in [(120, 40), (80, 24)] {
                let mut app = app(Theme::plain());
                update(&mut app, Action::Resize(w, h));
                update(&mut app, Action::GoTab($tab));
                keys(&mut app, &[$($setup),*]);
                let terminal = screen(&mut app, w, h);
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), terminal.backend());
            }
        }
    )*};
}

tab_snapshots! {
    nodes: Tab::Nodes, [];
    nodes_following: Tab::Nodes, [Action::Follow];
    flows: Tab::Flows, [Action::Down];
    transfers: Tab::Transfers, [];
    findings: Tab::Findings, [Action::Down, Action::Down];
    policy: Tab::Policy, [Action::Bottom];
    trace: Tab::Trace, [Action::Down];
}

#[test]
fn help_overlay() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app(Theme::plain());
        update(&mut app, Action::ToggleHelp);
        let terminal = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("help_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn filter_box() {
    let mut app = app(Theme::plain());
    update(&mut app, Action::GoTab(Tab::Flows));
    update(&mut app, Action::FilterOpen);
    for c in "ad-net".chars() {
        update(&mut app, Action::FilterChar(c));
    }
    let terminal = screen(&mut app, 120, 40);
    insta::assert_snapshot!("filter_typing_120x40", terminal.backend());
    update(&mut app, Action::FilterAccept);
    let terminal = screen(&mut app, 80, 24);
    insta::assert_snapshot!("filter_kept_80x24", terminal.backend());
}

#[test]
fn too_small_and_smallest() {
    let mut app = app(Theme::plain());
    let terminal = screen(&mut app, 19, 5);
    insta::assert_snapshot!("too_small_19x5", terminal.backend());
    let terminal = screen(&mut app, 20, 5);
    insta::assert_snapshot!("smallest_20x5", terminal.backend());
    update(&mut app, Action::GoTab(Tab::Flows));
    let terminal = screen(&mut app, 40, 10);
    insta::assert_snapshot!("compact_flows_40x10", terminal.backend());
}

/// The `⇄` and `!` markers are text, so they survive NO_COLOR; with colour, they are
/// tinted on top, and no cell anywhere forces a white or black foreground.
#[test]
fn markers_are_text_and_colour_is_only_added() {
    let mut app = app(Theme { color: true });
    update(&mut app, Action::GoTab(Tab::Flows));
    let terminal = screen(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            assert!(
                !matches!(
                    cell.fg,
                    Color::White | Color::Black | Color::Gray | Color::DarkGray
                ),
                "hard-coded foreground at {x},{y}"
            );
        }
    }
    // The table's ⇄ and ! columns, under their headers on row 2.
    let column = |mark: &str| {
        (0..buffer.area.width)
            .find(|&x| buffer[(x, 2)].symbol() == mark)
            .unwrap()
    };
    let (cross_x, bang_x) = (column("⇄"), column("!"));
    let (mut crosses, mut bangs) = (0, 0);
    for y in 3..21 {
        let cross = &buffer[(cross_x, y)];
        if cross.symbol() == "⇄" {
            crosses += 1;
            assert_eq!(cross.fg, Color::Cyan, "⇄ is tinted at row {y}");
            assert!(cross.modifier.contains(Modifier::BOLD));
        }
        let bang = &buffer[(bang_x, y)];
        if bang.symbol() == "!" {
            bangs += 1;
            assert!(
                matches!(bang.fg, Color::Red | Color::Yellow),
                "! at row {y} is {:?}",
                bang.fg
            );
        }
    }
    assert!(crosses > 5, "cross-border markers drawn: {crosses}");
    assert!(bangs > 5, "finding markers drawn: {bangs}");

    // Under NO_COLOR the same screen has no colour at all, and the same text.
    let mut plain = app_plain_flows();
    let plain_terminal = screen(&mut plain, 120, 40);
    let plain_buffer = plain_terminal.backend().buffer();
    for cell in plain_buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    assert_eq!(text(buffer), text(plain_buffer));
}

fn app_plain_flows() -> App {
    let mut app = app(Theme::plain());
    update(&mut app, Action::GoTab(Tab::Flows));
    app
}

/// The selected row is reversed in the focused pane and carries a `▶` as well.
#[test]
fn selection_has_a_marker_and_reverse_video() {
    let mut app = app(Theme::plain());
    update(&mut app, Action::GoTab(Tab::Flows));
    update(&mut app, Action::Down);
    let terminal = screen(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| buffer[(1, y)].symbol() == "▶")
        .expect("a ▶ marks the selected row");
    assert!(buffer[(5, row)].modifier.contains(Modifier::REVERSED));
    assert!(
        text(buffer)
            .lines()
            .nth(usize::from(row))
            .unwrap()
            .contains("communications")
    );
    // The tab bar marks the current tab with brackets as well as reverse video.
    assert!(text(buffer).lines().next().unwrap().contains("[2 Flows]"));
}

/// Nothing a user writes reaches the terminal raw: escape sequences, control characters
/// and bidi overrides in names, retention, taxonomy descriptions… are shown escaped.
#[test]
fn hostile_text_is_neutralised_on_every_tab() {
    let inventory = r#"Inventory(
    name: "Evil\u{1b}]0;pwned\u{7} inventory",
    as_of: Some("2024-01-01"),
    sources: [Source(id: "web", name: "Form \u{1b}[2J\u{202e}gnp.exe", located: ["DE"], collects: ["contact.email"])],
    stores: [Store(id: "db", name: "DB\r\nfake line", located: ["US"], retention: Some("\u{9b}31m forever"), safeguards: ["\u{2066}x"])],
    recipients: [Recipient(id: "ads", name: "Ads\u{0}", kind: AdNetwork, located: ["*"], entity: Some("Ads \u{1b}[5m Inc"))],
    flows: [
        Flow(from: "web", to: "db", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)),
        Flow(id: Some("db-ads"), from: "db", to: "ads", data: ["contact.email"], purposes: ["advertising.targeted"]),
    ],
)"#;
    let loaded =
        flowmap::load::load_in_memory(&[("inventory.ron", inventory)], "inventory.ron").unwrap();
    let data = Data::new(loaded, None);
    let mut app = App::new(data, Origin::Builtin, None);
    app.theme = Theme { color: true };
    for tab in Tab::ALL {
        update(&mut app, Action::GoTab(tab));
        for extra in [Action::Down, Action::FocusRight, Action::Down] {
            update(&mut app, extra);
            let terminal = screen(&mut app, 120, 40);
            let all = text(terminal.backend().buffer());
            for c in all.chars() {
                assert!(
                    !flowmap::sanitize::is_hazard(c) || c == '\n',
                    "{tab:?}: {c:?} reached the screen:\n{all}"
                );
            }
        }
    }
    update(&mut app, Action::GoTab(Tab::Nodes));
    let terminal = screen(&mut app, 120, 40);
    let all = text(terminal.backend().buffer());
    assert!(all.contains("\\u{1b}"), "shown escaped:\n{all}");
}
