//! `--format markdown` of `timeline` and `diff`, read back by a CommonMark parser with
//! GitHub's tables: what a reader sees in a code span is the id itself (`a->b`, never
//! `a-&gt;b`), and both commands write code spans the same way.

mod support;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use support::flowmap_run;

/// Every code span of `markdown`, as a reader sees it, and the plain text of every
/// table cell.
fn read_back(markdown: &str) -> (Vec<String>, Vec<String>) {
    let (mut spans, mut cells, mut cell) = (Vec::new(), Vec::new(), None::<String>);
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Code(text) => {
                spans.push(text.to_string());
                if let Some(cell) = &mut cell {
                    cell.push_str(&text);
                }
            }
            Event::Text(text) => {
                if let Some(cell) = &mut cell {
                    cell.push_str(&text);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.extend(cell.take()),
            _ => {}
        }
    }
    (spans, cells)
}

#[test]
fn the_timeline_names_flows_in_code_spans_a_reader_sees_verbatim() {
    let (code, md, err) = flowmap_run(&[
        "timeline",
        "--format",
        "markdown",
        "--from",
        "2018-01-01",
        "--to",
        "2018-12-31",
    ]);
    assert_eq!(code, 0, "{err}");
    let (spans, cells) = read_back(&md);
    assert!(
        spans.iter().any(|s| s == "cookies->ad-networks"),
        "the flow id reads as itself: {spans:?}\n{md}"
    );
    assert!(
        spans
            .iter()
            .all(|s| !s.contains("&gt;") && !s.contains("&lt;")),
        "no entity inside a code span: {spans:?}"
    );
    assert!(
        cells.iter().any(|c| c.contains("GDPR")),
        "the events column reads as prose: {cells:?}"
    );
}

#[test]
fn the_diff_writes_code_spans_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let clean = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/check/clean.ron"
    );
    let old = std::fs::read_to_string(clean).unwrap();
    let new = old.replace(r#"located: ["FR"]"#, r#"located: ["US"]"#);
    assert_ne!(old, new, "the fixture has a recipient in FR");
    let (old_path, new_path) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let (code, md, err) = flowmap_run(&[
        "diff",
        old_path.to_str().unwrap(),
        new_path.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 1, "{err}");
    let (spans, cells) = read_back(&md);
    assert!(spans.iter().any(|s| s == "crm->mailer"), "{spans:?}\n{md}");
    assert!(spans.iter().all(|s| !s.contains("&gt;")), "{spans:?}");
    assert!(cells.iter().any(|c| c == "crm->mailer"), "{cells:?}");
}
