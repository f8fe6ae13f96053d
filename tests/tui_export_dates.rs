//! `e` after `<` `>`: the picture is of the date the screen shows. Its edges are judged
//! on that date, and its title, its legend and its file name say so (issue 19, point 2),
//! on screen at 80×24 and 200×50, and in what Graphviz draws when `dot` is installed.

mod support;

use flowmap::Origin;
use flowmap::model::Date;
use flowmap::tui::data::Data;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn app(dir: &std::path::Path) -> App {
    let data = Data::load(&Origin::Builtin, None).unwrap();
    let mut app = App::new(data, Origin::Builtin, None);
    app.theme = Theme::plain();
    app.export_dir = dir.to_path_buf();
    update(&mut app, Action::Resize(80, 24));
    app
}

#[test]
#[cfg_attr(
    flowmap_no_dot,
    ignore = "needs Graphviz dot (apt-get install graphviz; missing when the tests were built)"
)]
fn an_export_after_stepping_the_date_carries_that_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let own = app.data.as_of;
    assert_eq!(own, d("2015-11-08"), "the shipped inventory's as_of");
    update(&mut app, Action::GoTab(Tab::Flows));
    update(&mut app, Action::LaterMilestone);
    let stepped = app.data.as_of;
    assert!(stepped > own, "> stepped to {stepped}");
    update(&mut app, Action::Export);
    let status = app.status.clone().unwrap();
    assert!(!status.error, "{}", status.text);
    let name = format!("flowmap-flows-{stepped}.dot");
    assert!(status.text.contains(&name), "{}", status.text);
    // On screen: the tab bar's date and the status line's file name agree.
    for (w, h) in [(80, 24), (200, 50)] {
        update(&mut app, Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view(&app, f)).unwrap();
        let buffer = terminal.backend().buffer();
        let row = |y: u16| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>();
        assert!(row(0).contains(&stepped.to_string()), "{w}×{h}: {}", row(0));
        let status_line = row(h - 1);
        assert!(
            status_line.contains(&name) || status_line.ends_with('…'),
            "{w}×{h}: {status_line}"
        );
        if w >= 200 {
            assert!(status_line.contains(&name), "{status_line}");
        }
    }
    let dot = std::fs::read_to_string(dir.path().join(&name)).unwrap();
    let title = dot.lines().find(|l| l.contains("graph [")).unwrap();
    assert!(title.contains(&format!("(as of {stepped})")), "{title}");
    assert!(
        !dot.contains(&own.to_string()),
        "no trace of {own} in\n{dot}"
    );
    assert!(
        dot.contains(&format!("⚖ restricted transfer on {stepped}")),
        "the legend names the date:\n{dot}"
    );
    // Graphviz draws the title and the legend with the date.
    if let Some(svg) = support::graphviz(&dot, "svg") {
        let svg = svg.replace("&#45;", "-");
        assert!(svg.contains(&format!("as of {stepped}")), "{svg}");
        assert!(svg.contains(&format!("restricted transfer on {stepped}")));
    }

    // Back to the inventory's own date: its own file, its own date.
    update(&mut app, Action::OwnDate);
    update(&mut app, Action::Export);
    let dot = std::fs::read_to_string(dir.path().join(format!("flowmap-flows-{own}.dot"))).unwrap();
    assert!(dot.contains(&format!("(as of {own})")), "{dot}");
}
