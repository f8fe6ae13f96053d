//! Hostile text at every edge: an inventory, policy, waivers file and file name that hold
//! the hostile corpus — quotes, braces, line breaks, `<html>`, ESC `[2J`, an OSC title
//! sequence, BEL, U+202E and a spreadsheet formula — in every place text can travel to a
//! finding (unknown references, codes, categories, purposes, section ids, names, waiver
//! reasons). Each writer must show it visibly and inertly: the human report (plain and
//! coloured), trace, diff (human, Markdown, JSON), GitHub annotations, SARIF, the JSON
//! report, and the exports (DOT through the real Graphviz, Mermaid, CSV).
//!
//! tests/exports.rs covers the exports of tests/fixtures/hostile/; this file covers the
//! writers that report findings, where hostile text arrives through messages and subjects.

mod support;

use std::path::Path;

use assert_cmd::Command;
use codespan_reporting::term::termcolor::{Ansi, NoColor};

use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions, Report};
use flowmap::export::{self, ExportOptions};
use flowmap::model::Date;
use flowmap::report::{github, human, json, sarif};
use flowmap::sanitize::is_hazard;
use flowmap::trace::{self, TraceFrom};
use flowmap::{FlowGraph, Origin};

/// The hostile corpus the issue names, one string each.
const HOSTILE: &[&str] = &[
    "\"quoted\"",
    "{brace}",
    "line\nbreak",
    "<html><script>alert(1)</script></html>",
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "bell\u{7}",
    "\u{202e}evil",
    "=cmd|'/C calc'!A0",
    "[x](http://evil.example/)",
    "a|b`c",
];

/// All of the corpus in one string.
fn all() -> String {
    HOSTILE.concat()
}

/// A file name with an escape sequence, an OSC title and a bidi override in it.
const POLICY_FILE: &str = "p\u{1b}]0;t\u{7}\u{202e}.ron";

/// Text as the inside of a RON string literal.
fn ron(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// An inventory whose hostile text reaches findings: an unknown jurisdiction code, data
/// category, purpose, cited section and destination node, plus hostile names, retention
/// and safeguards. `hostile_flows: false` leaves out the flows with hostile references
/// (the "before" side of a diff).
fn inventory(hostile_flows: bool) -> String {
    let h = ron(&all());
    let flows = if hostile_flows {
        format!(
            r#"
        Flow(from: "web", to: "crm", data: ["contact.email", "{h}"], purposes: ["{h}"], basis: Some(Consent), policy: ["{h}"]),
        Flow(from: "web", to: "{h}", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent), policy: ["s1"]),"#
        )
    } else {
        String::new()
    };
    format!(
        r#"Inventory(
    name: "{h}",
    controller: Some("=cmd|'/C calc'!A0{h}"),
    policy: Some("{policy}"),
    as_of: Some("2024-01-01"),
    sources: [
        Source(id: "web", name: "{h}", subjects: ["{h}"], located: ["DE", "{h}"], collects: ["contact.email"]),
    ],
    stores: [
        Store(id: "crm", name: "{h}", located: ["DE"], retention: Some("{h}"), safeguards: ["{h}"]),
    ],
    recipients: [
        Recipient(id: "vendor", name: "{h}", kind: ServiceProvider, located: ["US"]),
    ],
    flows: [
        Flow(from: "crm", to: "vendor", data: ["contact.email"], purposes: ["service.operation"], policy: ["s1"]),{flows}
    ],
)
"#,
        policy = ron(POLICY_FILE),
    )
}

/// A policy with hostile titles and quotes, and a section nothing cites (FM107, a finding
/// located in the policy file, whose name is hostile too).
fn policy() -> String {
    let h = ron(&all());
    format!(
        r#"Policy(
    title: "{h}",
    url: Some("{h}"),
    sections: [
        Section(id: "s1", number: "{h}", title: "{h}", quote: "{h}",
                collects: ["contact"], purposes: ["service"], shares_with: [ServiceProvider], locations: ["DE"]),
        Section(id: "s2", number: "2", title: "{h}", quote: "{h}", collects: ["location"]),
    ],
)
"#
    )
}

/// The hostile flow's id, as findings name it.
fn hostile_flow_id() -> String {
    format!("web->{}", all())
}

/// Waivers with a hostile subject and reason (one matches a finding, one nothing).
fn waivers() -> String {
    format!(
        r#"[
    (rule: "FM003", subject: "{id}", reason: "{h}", expires: None),
    (rule: "FM203", subject: "{h}", reason: "{h}", expires: None),
]
"#,
        id = ron(&hostile_flow_id()),
        h = ron(&all()),
    )
}

/// The inventory, policy and waivers on disk (the policy under its hostile name).
fn on_disk(hostile_flows: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), inventory(hostile_flows)).unwrap();
    std::fs::write(dir.path().join(POLICY_FILE), policy()).unwrap();
    std::fs::write(dir.path().join("waivers.ron"), waivers()).unwrap();
    dir
}

/// Loaded, checked, waived: what `flowmap check --waivers` reports.
fn checked(dir: &Path) -> (FlowGraph, Report, Waivers) {
    let loaded = flowmap::load(&Origin::Path(dir.to_path_buf())).expect("the inventory loads");
    let graph = FlowGraph::new(loaded);
    let mut report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    let waivers = Waivers::load(&dir.join("waivers.ron")).expect("the waivers load");
    waivers.apply(&mut report.findings, Date::today());
    (graph, report, waivers)
}

/// No character a terminal would interpret (a line break ends a line, nothing else).
fn assert_inert(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_hazard(c) && c != '\n') {
        panic!("{what}: raw {c:?} reaches the output:\n{text}");
    }
}

/// Shown visibly: the escapes are there as text, and a line break inside a value did not
/// start a new line.
fn assert_visible(what: &str, text: &str) {
    for shown in [
        r"\u{1b}[2J",
        r"\u{1b}]0;title\u{7}",
        r"bell\u{7}",
        r"\u{202e}evil",
    ] {
        assert!(text.contains(shown), "{what}: `{shown}` not shown:\n{text}");
    }
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("break")),
        "{what}: a value's line break broke the line:\n{text}"
    );
}

/// Coloured output: the only escape sequences are colours (`ESC [ digits ; … m`).
fn assert_only_colours(what: &str, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        let body = rest[at + 1..]
            .strip_prefix('[')
            .unwrap_or_else(|| panic!("{what}: an escape that is not CSI:\n{text:?}"));
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(body.len());
        assert!(
            body[end..].starts_with('m'),
            "{what}: an escape sequence that is not a colour:\n{text:?}"
        );
        assert_inert(what, &rest[..at]);
        rest = &body[end + 1..];
    }
    assert_inert(what, rest);
}

#[test]
fn the_human_report_shows_hostile_text_and_executes_none() {
    let dir = on_disk(true);
    let (graph, report, waivers) = checked(dir.path());
    let mut files = graph.loaded().files();
    files.push(&waivers.file);
    // Hostile text reaches findings through every door.
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.id()).collect();
    for rule in ["FM003", "FM004", "FM005", "FM107", "FM402"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    assert!(
        report.findings.iter().any(|f| f.waived),
        "the waiver with the hostile subject matches"
    );

    let mut plain = NoColor::new(Vec::new());
    human::render_report(&mut plain, &report, &files).unwrap();
    let plain = String::from_utf8(plain.into_inner()).unwrap();
    assert_inert("human report", &plain);
    assert_visible("human report", &plain);
    assert!(
        plain.contains("p\\u{1b}]0;t\\u{7}\\u{202e}.ron:"),
        "the hostile file name is shown escaped:\n{plain}"
    );
    assert!(
        plain.contains(r"waived: "),
        "the waiver reason is shown:\n{plain}"
    );
    // One diagnostic per finding: nothing forged a header.
    let headers = plain
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("note["))
        .count();
    assert_eq!(headers, report.findings.len(), "{plain}");

    let mut colour = Ansi::new(Vec::new());
    human::render_report(&mut colour, &report, &files).unwrap();
    let colour = String::from_utf8(colour.into_inner()).unwrap();
    assert!(colour.contains("\u{1b}["), "coloured");
    assert_only_colours("coloured human report", &colour);
}

#[test]
fn the_cli_report_is_inert_on_a_terminal_and_piped() {
    let dir = on_disk(true);
    for colour in ["0", "1"] {
        let output = Command::cargo_bin("flowmap")
            .unwrap()
            .arg("check")
            .arg(dir.path())
            .arg("--waivers")
            .arg(dir.path().join("waivers.ron"))
            .env("CLICOLOR_FORCE", colour)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_only_colours("flowmap check", &stdout);
        assert_visible("flowmap check", &stdout);
    }
    // A load error quotes the offending line: the same neutralising applies.
    std::fs::write(
        dir.path().join("inventory.ron"),
        format!("Inventory(name: \"x\", {}: 1)", all()),
    )
    .unwrap();
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_inert("load error", &stderr);
    assert!(stderr.contains("error[FM001]"), "{stderr}");
}

#[test]
fn trace_shows_hostile_text_and_executes_none() {
    let dir = on_disk(true);
    let (graph, _, _) = checked(dir.path());
    for from in [
        TraceFrom::Node("web".into()),
        TraceFrom::Category("contact.email".into()),
    ] {
        let paths = trace::paths(&graph, &from).unwrap();
        assert!(!paths.is_empty());
        let text = trace::render(&graph, &from, &paths);
        assert_inert("trace", &text);
        assert!(
            text.contains(r"DE, \u{22}quoted\u{22}") || text.contains("DE, \"quoted\""),
            "the hostile location is shown:\n{text}"
        );
        assert!(text.contains(r"\u{1b}[2J"), "{text}");
        assert!(
            !text.lines().any(|l| l.trim_start().starts_with("break")),
            "{text}"
        );
    }
    // An unknown name in the request comes back in the error, escaped on the terminal.
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["trace", "--from"])
        .arg(all())
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_inert("flowmap trace error", &stderr);
    assert!(stderr.contains(r"\u{202e}evil"), "{stderr}");
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["export", "--category"])
        .arg(all())
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_inert("flowmap export error", &stderr);
    assert!(stderr.contains(r"\u{202e}evil"), "{stderr}");
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["trace", "--from"])
        .arg("web")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_inert("flowmap trace", &stdout);
    assert!(stdout.contains(r"\u{202e}evil"), "{stdout}");
}

/// The diff of the inventory without and with the hostile flows.
fn hostile_diff() -> flowmap::diff::Diff {
    let (old_dir, new_dir) = (on_disk(false), on_disk(true));
    let (old, old_report, _) = checked(old_dir.path());
    let (new, new_report, _) = checked(new_dir.path());
    let diff = flowmap::diff::diff((&old, &old_report), (&new, &new_report));
    assert!(
        diff.flows.added.contains(&hostile_flow_id()),
        "{:?}",
        diff.flows
    );
    assert!(!diff.new_findings.is_empty());
    diff
}

#[test]
fn the_human_diff_shows_hostile_text_and_executes_none() {
    let text = flowmap::diff::render_human(&hostile_diff());
    assert_inert("diff", &text);
    assert_visible("diff", &text);
}

#[test]
fn the_markdown_diff_injects_no_html_link_or_table_cell() {
    let diff = hostile_diff();
    let text = flowmap::diff::render_markdown(&diff);
    assert_inert("Markdown diff", &text);
    assert!(text.contains(r"\u{1b}[2J"), "{text}");
    let mut columns = None;
    for line in text.lines() {
        // GitHub (cmark-gfm) splits a table row at every `|` that does not directly
        // follow a backslash, inside code spans too; `\\|` is an escaped pipe whatever
        // comes before it (its cell scanner takes the longest match).
        if line.starts_with('|') {
            let cells = line
                .char_indices()
                .filter(|&(i, c)| c == '|' && !line[..i].ends_with('\\'))
                .count();
            match columns {
                None => columns = Some(cells),
                Some(n) => assert_eq!(cells, n, "a forged table cell: {line}"),
            }
        } else {
            columns = None;
        }
        // Outside code spans: no HTML, no link or image.
        for (k, segment) in line.split('`').enumerate() {
            if k % 2 == 1 {
                continue;
            }
            assert!(!segment.contains('<'), "raw HTML: {line}");
            let link = segment.match_indices("](").any(|(i, _)| {
                // `]` is escaped by an odd run of backslashes before it.
                let run = segment[..i]
                    .chars()
                    .rev()
                    .take_while(|&c| c == '\\')
                    .count();
                run % 2 == 0
            });
            assert!(!link, "a link: {line}");
        }
    }
    // The hostile finding is in the table, in one row.
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| error | FM003 |"))
        .collect();
    assert!(!rows.is_empty(), "{text}");
}

#[test]
fn json_diff_keeps_the_text_and_escapes_it() {
    let diff = hostile_diff();
    let text = flowmap::diff::render_json(&diff);
    assert_inert("JSON diff", &text);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let added: Vec<&str> = value["flows"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        added.contains(&hostile_flow_id().as_str()),
        "nothing lost: {added:?}"
    );
}

#[test]
fn github_annotations_cannot_forge_a_command_or_a_property() {
    let dir = on_disk(true);
    let (_, report, _) = checked(dir.path());
    let text = github::report_to_string(&report);
    assert_inert("GitHub annotations", &text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), report.findings.len(), "{text}");
    for line in &lines {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|c| line.starts_with(c)),
            "{line}"
        );
        let (properties, message) = line[2..].split_once("::").unwrap();
        let keys: Vec<&str> = properties
            .split_once(' ')
            .unwrap()
            .1
            .split(',')
            .map(|kv| kv.split_once('=').unwrap().0)
            .collect();
        assert_eq!(keys, ["file", "line", "col", "title"], "{line}");
        assert!(!message.is_empty());
    }
    // The hostile file name of the policy is a property: escaped, not raw.
    let policy_line = lines
        .iter()
        .find(|l| l.contains("FM107"))
        .expect("FM107 on the policy");
    assert!(
        policy_line.contains(r"file=") && policy_line.contains(r"\u{1b}]0;t\u{7}"),
        "{policy_line}"
    );
    assert!(text.contains(r"\u{1b}[2J"), "the message shows the escape");
}

#[test]
fn sarif_and_json_reports_keep_the_text_and_escape_it() {
    let dir = on_disk(true);
    let (_, report, _) = checked(dir.path());
    let hostile_finding = report
        .findings
        .iter()
        .find(|f| f.rule.id() == "FM003" && f.subject == hostile_flow_id())
        .expect("FM003 on the hostile flow");

    let text = sarif::report_to_string(&report);
    assert_inert("SARIF", &text.replace('\n', " "));
    let value: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    let results = value["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    let names: Vec<&str> = results
        .iter()
        .filter_map(|r| r["locations"][0]["logicalLocations"][0]["name"].as_str())
        .collect();
    assert!(
        names.contains(&hostile_finding.subject.as_str()),
        "the subject survives exactly: {names:?}"
    );
    let uris: Vec<&str> = results
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.iter().any(|u| u.contains("\u{1b}]0;t")),
        "the policy's file name, decoded, is the real one: {uris:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["justification"] == all().as_str()),
        "the waiver reason survives exactly"
    );

    let text = json::report_to_string(&report);
    assert_inert("JSON report", &text.replace('\n', " "));
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let messages: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(
        messages.contains(&hostile_finding.message.as_str()),
        "the message survives exactly"
    );
}

#[test]
#[cfg_attr(
    flowmap_no_dot,
    ignore = "needs Graphviz `dot` (apt-get install graphviz; missing when the tests were built)"
)]
fn exports_of_findings_with_hostile_text_stay_inert() {
    let dir = on_disk(true);
    let (graph, report, _) = checked(dir.path());
    let options = ExportOptions::default();

    let dot = export::dot::render(&graph, &report, &options).unwrap();
    assert_inert("DOT", &dot);
    if let Some(plain) = support::graphviz(&dot, "plain") {
        let nodes = plain.lines().filter(|l| l.starts_with("node ")).count();
        assert_eq!(nodes, 3 + 4, "web, crm, vendor and the legend:\n{plain}");
    }

    let mermaid = export::mermaid::render(&graph, &report, &options).unwrap();
    assert_inert("Mermaid", &mermaid);
    for line in mermaid.lines() {
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        assert!(
            !line.contains("<script") && !line.contains("<html"),
            "{line}"
        );
    }

    let csv = export::ropa_csv::render(&graph, &options).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(row.len(), 14);
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
            assert_inert("CSV cell", cell);
        }
        assert!(row[1].starts_with("'=cmd|"), "{:?}", &row[1]);
    }
}

#[test]
fn a_load_error_that_cannot_be_written_is_still_inert_on_stderr() {
    // Standard output is a full disk: the JSON error cannot be written, and flowmap falls
    // back to one line on standard error, which holds the hostile id.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("inventory.ron"),
        format!(
            "Inventory(name: \"x\", sources: [Source(id: \"{}\", name: \"x\", located: [\"DE\"])])",
            ron(&all())
        ),
    )
    .unwrap();
    let Ok(full) = std::fs::File::create("/dev/full") else {
        eprintln!("no /dev/full: skipped");
        return;
    };
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("flowmap"))
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("not a valid node id"), "{stderr}");
    assert_inert("fallback error", &stderr);
    assert!(stderr.contains(r"\u{1b}[2J"), "{stderr}");
}
