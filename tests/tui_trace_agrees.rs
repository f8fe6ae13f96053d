//! The Trace tab says what `flowmap trace` says (issue 19, point 14): for every pick of
//! the shipped Confluent inventory, the same paths, and on each hop the same node, the
//! traced data only (not the flow's whole list), the same border crossing with the same
//! reason (`collection, not a transfer`) and the same transfer verdict. On screen at
//! 80×24 and 200×50 the reason reads whole.

mod support;

use flowmap::Origin;
use flowmap::model::taxonomy::is_within;
use flowmap::tui::data::{Data, Pick};
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let data = Data::load(&Origin::Builtin, None).unwrap();
    let mut app = App::new(data, Origin::Builtin, None);
    app.theme = Theme::plain();
    update(&mut app, Action::GoTab(Tab::Trace));
    app
}

fn pick(app: &mut App, row: usize) {
    app.tabs[Tab::Trace.index()].list.select_row(row as u32);
    update(app, Action::Resize(200, 50));
}

/// A hop as (node, data, the rest: crossing, reason, verdict) from a line that starts
/// with `→ node`.
fn hop(line: &str) -> (String, String, String) {
    let after = line.trim_start().strip_prefix("→ ").expect("a hop line");
    let node = after.split_whitespace().next().unwrap().to_string();
    let open = after.find("  [").expect("the data in brackets");
    let close = open + after[open..].find(']').unwrap();
    let data = after[open + 3..close].to_string();
    let rest = after[close + 1..].trim().to_string();
    (node, data, rest)
}

/// The TUI's hop lines for the selected pick, `!N` (the flow's own findings, which
/// `flowmap trace` does not print) left out.
fn tui_hops(app: &App) -> Vec<(String, String, String)> {
    let doc = app.detail(Tab::Trace, 1000);
    doc.links
        .iter()
        .map(|&(line, _)| {
            let text = doc.lines[line].to_string();
            let (node, data, rest) = hop(&text);
            let rest = match rest.rfind("  !") {
                Some(k) => rest[..k].to_string(),
                None if rest.starts_with('!') => String::new(),
                None => rest,
            };
            (node, data, rest)
        })
        .collect()
}

#[test]
fn every_pick_reads_as_flowmap_trace_prints_it() {
    let mut app = app();
    let picks = app.data.picks.clone();
    let mut collections = 0;
    for (row, p) in picks.iter().enumerate() {
        let args = match &p.pick {
            Pick::Category(c) => ["trace", "--category", c.as_str()],
            Pick::Node(_) => ["trace", "--from", p.label.as_str()],
        };
        let (code, out, err) = support::flowmap_run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let cli: Vec<(String, String, String)> = out
            .lines()
            .filter(|l| l.trim_start().starts_with("→ "))
            .map(hop)
            .collect();
        pick(&mut app, row);
        let tui = tui_hops(&app);
        assert_eq!(tui, cli, "{args:?}");
        collections += tui
            .iter()
            .filter(|h| h.2.contains("(collection, not a transfer)"))
            .count();
        if let Pick::Category(c) = &p.pick {
            for (_, data, _) in &tui {
                for item in data.split(", ") {
                    let item = item.split(" +").next().unwrap();
                    assert!(
                        is_within(item, c) || is_within(c, item),
                        "{c}: `{item}` is not of the traced category ({data})"
                    );
                }
            }
        }
    }
    assert!(collections > 0, "the demo's collections say so");
}

#[test]
fn the_reason_reads_whole_on_screen() {
    let mut app = app();
    let row = app
        .data
        .picks
        .iter()
        .position(|p| p.label == "contact.email")
        .unwrap();
    pick(&mut app, row);
    for (w, h) in [(80, 24), (200, 50)] {
        update(&mut app, Action::Resize(w, h));
        update(&mut app, Action::FocusRight);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view(&app, f)).unwrap();
        let buffer = terminal.backend().buffer();
        let text: String = (0..h)
            .map(|y| {
                let row: String = (0..w).map(|x| buffer[(x, y)].symbol()).collect();
                row.trim_matches(|c| c == '│' || c == '┃' || c == ' ')
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains("[contact.email] ⇄ EEA → US, * (collection, not a transfer)"),
            "{w}×{h}: {text}"
        );
        assert!(
            text.contains("[contact.email] ⚖ EU transfer via Consent, derogation"),
            "{w}×{h}: {text}"
        );
        assert!(!text.contains("no mechanism contact"), "{text}");
    }
}
