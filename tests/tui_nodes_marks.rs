//! The Nodes tab's `!` counts a node's flows too (the `cookies` source, whose flows
//! fail, is not clean), and its filter matches only what a row shows (`part` does not
//! find `ad-networks` through its name "Third-party …", which is off screen) (issue 19,
//! point 15). At 80×24 and 200×50.

use flowmap::tui::{Action, Tab, update};

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::{demo_app as app, screen};

/// The list row of a node: the line where its id stands as a word in the list pane.
fn row_of<'a>(lines: &'a [String], id: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.split_whitespace().any(|w| w == id) && l.starts_with('┃'))
        .unwrap_or_else(|| panic!("{id} on screen:\n{}", lines.join("\n")))
}

#[test]
fn a_node_counts_the_errors_and_warnings_of_its_flows() {
    let mut app = app();
    let data = &app.data;
    let graph = &data.graph;
    let on_flows = |id: &str| -> usize {
        let mut flows = graph.flows_out(id);
        flows.extend(graph.flows_in(id));
        flows.iter().map(|&i| data.flows[i].issues).sum()
    };
    let cookies = on_flows("cookies");
    assert!(cookies >= 3, "the demo's cookies flows fail: {cookies}");
    let own = data.findings_on("cookies").len();
    assert_eq!(own, 0, "no finding on the source itself");
    let website = on_flows("website-data");
    for (w, h) in [(80, 24), (200, 50)] {
        let lines = screen(&mut app, w, h);
        let row = row_of(&lines, "cookies");
        assert!(row.contains(&format!(" !{cookies} ")), "{w}×{h}: {row}");
        // A hub counts every failing flow it touches.
        while app.data.nodes[app.current().list.selected_row().unwrap() as usize].id
            != "website-data"
        {
            update(&mut app, Action::Down);
        }
        let lines = screen(&mut app, w, h);
        let row = row_of(&lines, "website-data");
        let own = app
            .data
            .nodes
            .iter()
            .find(|n| n.id == "website-data")
            .unwrap()
            .issues
            - website;
        assert!(
            row.contains(&format!(" !{} ", website + own)),
            "{w}×{h}: {row}"
        );
        // The detail says where they are.
        let all = lines.join("\n");
        assert!(
            all.contains(&format!("{own} on the node, {website} on its flows")),
            "{w}×{h}:\n{all}"
        );
        update(&mut app, Action::Top);
    }
}

#[test]
fn the_filter_matches_only_what_a_row_shows() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app();
        update(&mut app, Action::GoTab(Tab::Nodes));
        update(&mut app, Action::FilterOpen);
        for c in "part".chars() {
            update(&mut app, Action::FilterChar(c));
        }
        let shown: Vec<&str> = app
            .current()
            .list
            .shown
            .iter()
            .map(|&r| app.data.nodes[r as usize].id.as_str())
            .collect();
        assert!(shown.contains(&"partners"), "{shown:?}");
        assert!(!shown.contains(&"ad-networks"), "{shown:?}");
        let text = screen(&mut app, w, h).join("\n");
        assert!(!text.contains("ad-networks"), "{w}×{h}:\n{text}");
        // What is on screen still matches: places and the group's name.
        for (query, id) in [("EEA", "web-forms"), ("stores", "website-data")] {
            update(&mut app, Action::FilterCancel);
            update(&mut app, Action::FilterOpen);
            for c in query.chars() {
                update(&mut app, Action::FilterChar(c));
            }
            let shown: Vec<&str> = app
                .current()
                .list
                .shown
                .iter()
                .map(|&r| app.data.nodes[r as usize].id.as_str())
                .collect();
            assert!(shown.contains(&id), "{query}: {shown:?}");
        }
    }
}
