//! What the terminal UI shows: every tab of the shipped Confluent inventory at 120×40 and
//! 80×24, the help overlay, the filter box and the too-small screen, as text snapshots
//! (insta + TestBackend); and style checks where a marker's highlight matters. Then time
//! travel: `<`, `>` and `=` move the date every tab is judged on (the header and the
//! Transfers verdicts follow, selection and filters stay), the Timeline tab at 80×24 and
//! 200×50 and without colour, `Enter` on a milestone, a flow's own timeline.

use flowmap::Origin;
use flowmap::model::Date;
use flowmap::tui::data::Data;
use flowmap::tui::history::milestones;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, action_for_event, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
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
    // Wide enough for the tab bar to show the inventory's name.
    update(&mut app, Action::GoTab(Tab::Nodes));
    let terminal = screen(&mut app, 140, 40);
    let all = text(terminal.backend().buffer());
    assert!(all.contains("\\u{1b}"), "shown escaped:\n{all}");
}

/// An EU company in Germany sending to US importers on each framework of its time, to
/// one on the old standard clauses, and to the United Kingdom; judged on 2015-10-05,
/// Safe Harbor's last day.
const HARBOR: &str = r#"Inventory(
    name: "Frameworks",
    as_of: Some("2015-10-05"),
    controller: Some("Example GmbH"),
    established: ["DE"],
    sources: [Source(id: "web", name: "Web", located: ["DE"], collects: ["contact.email"])],
    stores: [
        Store(id: "crm", name: "CRM", located: ["DE"], operator: Controller, retention: Some("1y"), safeguards: ["tls"]),
    ],
    recipients: [
        Recipient(id: "harbor", name: "Harbor Inc", kind: ServiceProvider, located: ["US"], certifications: ["SafeHarbor"]),
        Recipient(id: "shield", name: "Shield Inc", kind: ServiceProvider, located: ["US"], certifications: ["PrivacyShield"]),
        Recipient(id: "clauses", name: "Clauses Inc", kind: ServiceProvider, located: ["US"]),
        Recipient(id: "london", name: "London Ltd", kind: ServiceProvider, located: ["GB"]),
    ],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract)),
        Flow(from: "crm", to: "harbor", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(SafeHarbor)),
        Flow(from: "crm", to: "shield", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(PrivacyShield)),
        Flow(from: "crm", to: "clauses", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Scc2010)),
        Flow(from: "crm", to: "london", data: ["contact.email"], purposes: ["service.operation"]),
    ],
)"#;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// The `HARBOR` inventory at 120×40, on its own date.
fn harbor(theme: Theme) -> App {
    let loaded = flowmap::load::load_in_memory(&[("inventory.ron", HARBOR)], "inventory.ron")
        .expect("the inventory loads");
    let mut app = App::new(Data::new(loaded, None), Origin::Builtin, None);
    app.theme = theme;
    update(&mut app, Action::Resize(120, 40));
    app
}

/// A key as the terminal sends it.
fn key(app: &mut App, c: char) {
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let action = action_for_event(app, &event).expect("the key is bound");
    update(app, action);
}

/// The tab bar, with the date and its event on the right, at 120 columns.
fn header(app: &mut App) -> String {
    let terminal = screen(app, 120, 40);
    text(terminal.backend().buffer())
        .lines()
        .next()
        .unwrap()
        .to_string()
}

/// The Transfers verdict of the flow to `to`.
fn verdict(app: &App, to: &str) -> String {
    let data = &app.data;
    let row = data
        .transfers
        .iter()
        .find(|t| data.flows[t.flow].to == to)
        .unwrap_or_else(|| panic!("a transfer to {to}"));
    row.verdict.clone()
}

/// The selected Transfers row's flow, by its importer.
fn selected_importer(app: &App) -> String {
    let row = app.state(Tab::Transfers).list.selected_row().unwrap() as usize;
    let flow = app.data.transfers[row].flow;
    app.data.flows[flow].to.clone()
}

#[test]
fn stepping_moves_the_header_and_the_verdicts_and_keeps_the_place() {
    let mut app = harbor(Theme::plain());
    keys(
        &mut app,
        &[
            Action::GoTab(Tab::Transfers),
            Action::FilterOpen,
            Action::FilterChar('u'),
            Action::FilterChar('s'),
            Action::FilterAccept,
        ],
    );
    while selected_importer(&app) != "harbor" {
        update(&mut app, Action::Down);
    }
    assert_eq!(verdict(&app, "harbor"), "adequate");
    let shown = app.state(Tab::Transfers).list.shown.len();
    assert!(header(&mut app).contains("as of 2015-10-05"));

    // `>`: Schrems I, the next milestone.
    key(&mut app, '>');
    assert_eq!(app.data.as_of, day("2015-10-06"));
    let head = header(&mut app);
    assert!(
        head.contains("as of 2015-10-06: CJEU C-362/14 Schrems I"),
        "{head}"
    );
    assert!(verdict(&app, "harbor").contains("not covered (FM204)"));
    assert_eq!(app.tab, Tab::Transfers, "the tab stays");
    assert_eq!(selected_importer(&app), "harbor", "the selection stays");
    assert_eq!(
        app.state(Tab::Transfers).list.query,
        "us",
        "the filter stays"
    );
    assert_eq!(app.state(Tab::Transfers).list.shown.len(), shown);
    let status = app.status.clone().unwrap().text;
    assert!(status.starts_with("As of 2015-10-06 (CJEU"), "{status}");

    // `>` again: the Swiss end of Safe Harbor; then `<` twice: before Schrems I.
    key(&mut app, '>');
    assert_eq!(app.data.as_of, day("2015-10-22"));
    key(&mut app, '<');
    key(&mut app, '<');
    assert_eq!(app.data.as_of, day("2014-01-01"));
    assert!(header(&mut app).contains("as of 2014-01-01: Mayotte (YT) joins the EU"));
    assert_eq!(verdict(&app, "harbor"), "adequate");

    // `=`: the inventory's own date, which is no milestone.
    key(&mut app, '=');
    assert_eq!(app.data.as_of, day("2015-10-05"));
    assert_eq!(app.as_of, None, "a reload takes the inventory's date again");
    let head = header(&mut app);
    assert!(head.ends_with("Frameworks · as of 2015-10-05 "), "{head}");
    assert_eq!(selected_importer(&app), "harbor");

    // The first and the last milestone stop the steps, and say so.
    for _ in 0..milestones().dates.len() + 1 {
        update(&mut app, Action::EarlierMilestone);
    }
    assert_eq!(app.data.as_of, day("1998-10-25"));
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("first day flowmap judges")
    );
}

#[test]
fn the_transfers_detail_shows_the_flows_own_timeline() {
    let mut app = harbor(Theme::plain());
    update(&mut app, Action::GoTab(Tab::Transfers));
    while selected_importer(&app) != "harbor" {
        update(&mut app, Action::Down);
    }
    let doc = Tab::Transfers.screen().detail(&app, 120);
    let lines: Vec<String> = doc.lines.iter().map(ToString::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Its timeline"))
        .expect("a timeline section");
    assert_eq!(
        lines[at + 1..at + 4],
        [
            "  1998-10-25 … 2000-07-25  EU transfer, `SafeHarbor` does not cover it (FM204)",
            "  2000-07-26 … 2015-10-05  EU transfer, adequate  ◀ as of 2015-10-05",
            "  2015-10-06 … today       EU transfer, `SafeHarbor` does not cover it (FM204)",
        ]
    );
}

/// Selects the first Timeline row of a day.
fn select_milestone(app: &mut App, on: &str) {
    update(app, Action::GoTab(Tab::Timeline));
    update(app, Action::Top);
    let rows = &milestones().rows;
    while rows[app.current().list.selected_row().unwrap() as usize].date != day(on) {
        update(app, Action::Down);
    }
}

#[test]
fn the_timeline_tab() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = harbor(Theme::plain());
        update(&mut app, Action::Resize(w, h));
        select_milestone(&mut app, "2015-10-06");
        let terminal = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("timeline_{w}x{h}"), terminal.backend());
    }
}

/// Under NO_COLOR the tab is the same text, with no colour at all: the chart tells
/// errors (●) from warnings (○) by shape, the change column says "+1 error".
#[test]
fn the_timeline_reads_without_colour() {
    let mut plain = harbor(Theme::plain());
    let mut color = harbor(Theme { color: true });
    let mut screens = Vec::new();
    for app in [&mut plain, &mut color] {
        select_milestone(app, "2015-10-06");
        screens.push(screen(app, 200, 50));
    }
    let (plain, color) = (screens[0].backend().buffer(), screens[1].backend().buffer());
    assert_eq!(text(plain), text(color));
    assert!(
        plain
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert!(color.content().iter().any(|c| c.fg == Color::Red));
    let all = text(plain);
    for words in [
        "Errors ● and warnings ○",
        "●●",
        "○○",
        "+1 error",
        "worse: EU transfer",
    ] {
        assert!(all.contains(words), "{words}:\n{all}");
    }
}

#[test]
fn enter_on_a_milestone_judges_every_tab_on_it() {
    let mut app = harbor(Theme::plain());
    select_milestone(&mut app, "2020-07-16");
    let row = app.current().list.selected_row();
    update(&mut app, Action::Follow);
    assert_eq!(app.data.as_of, day("2020-07-16"));
    assert_eq!(app.as_of, Some(day("2020-07-16")));
    assert_eq!(app.tab, Tab::Timeline);
    assert_eq!(app.current().list.selected_row(), row);
    assert!(verdict(&app, "shield").contains("not covered (FM204)"));
    // The detail lists the flow that changes there, as a link to it.
    let doc = Tab::Timeline.screen().detail(&app, 120);
    let text: Vec<String> = doc.lines.iter().map(ToString::to_string).collect();
    let link = &text[doc.links[0].0];
    assert!(
        link.contains("crm->shield  worse: EU transfer, `PrivacyShield` does not cover it (FM204)"),
        "{link}"
    );
    update(&mut app, Action::FocusRight);
    update(&mut app, Action::Follow);
    assert_eq!(app.tab, Tab::Flows);
}
