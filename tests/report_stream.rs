//! The streamed reports (`flowmap check --format json|sarif|github|human`) are the same
//! bytes the reports built in memory wrote before they streamed: each case's output was
//! recorded once, by the commit before the change (5443c02), into
//! `tests/fixtures/reports/` and is never re-recorded. The human report gained its
//! per-rule summary since; everything before it is compared byte for byte.
//!
//! Recording (only ever against the old code): `FLOWMAP_RECORD_REPORTS=1 cargo test
//! --test report_stream`.
//!
//! The recorded files hold the messages of that day. So that the claim outlives a change
//! of wording, a second test keeps the old writers verbatim
//! (`tests/support/old_reports.rs`) and holds today's output to theirs on every case.

use std::path::{Path, PathBuf};

use codespan_reporting::term::termcolor::NoColor;
use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions, Report};
use flowmap::model::Date;
use flowmap::report::{github, human, json, sarif};
use flowmap::{FlowGraph, Origin};

#[path = "support/old_reports.rs"]
mod old_reports;

const FORMATS: &[&str] = &["json", "sarif", "github", "human"];

/// One `flowmap check` run: its name, its arguments after `check`, and where it runs.
struct Case {
    name: String,
    args: Vec<String>,
    cwd: PathBuf,
    /// Keeps a generated folder alive while the case runs.
    _dir: Option<tempfile::TempDir>,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golden_dir() -> PathBuf {
    manifest_dir().join("tests/fixtures/reports")
}

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

/// A folder whose findings carry hostile text (escape sequences, bidi overrides, quotes,
/// line breaks) in subjects, messages, a file name and a waiver's reason.
fn hostile() -> tempfile::TempDir {
    let h = ron(concat!(
        "\"quoted\"{brace}line\nbreak<html>\u{1b}[2J\u{1b}]0;title\u{7}bell\u{7}",
        "\u{202e}evil=cmd|'/C calc'!A0[x](http://evil.example/)a|b`c 50% a:b,c é\u{85}"
    ));
    let policy_file = "p\u{1b}]0;t\u{7}\u{202e} #?.ron";
    let dir = tempfile::tempdir().unwrap();
    let inventory = format!(
        r#"Inventory(
    name: "{h}",
    controller: Some("{h}"),
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
        Flow(from: "crm", to: "vendor", data: ["contact.email"], purposes: ["service.operation"], policy: ["s1"]),
        Flow(from: "web", to: "crm", data: ["contact.email", "{h}"], purposes: ["{h}"], basis: Some(Consent), policy: ["{h}"]),
        Flow(from: "web", to: "{h}", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent), policy: ["s1"]),
    ],
)
"#,
        policy = ron(policy_file),
    );
    let policy = format!(
        r#"Policy(
    title: "{h}",
    sections: [
        Section(id: "s1", number: "{h}", title: "{h}", quote: "{h}",
                collects: ["contact"], purposes: ["service"], shares_with: [ServiceProvider], locations: ["DE"]),
        Section(id: "s2", number: "2", title: "{h}", quote: "{h}", collects: ["location"]),
    ],
)
"#
    );
    let waivers = format!(
        "[\n    (rule: \"FM003\", subject: \"web->{h}\", reason: \"{h}\", expires: None),\n    (rule: \"FM203\", subject: \"{h}\", reason: \"{h}\", expires: None),\n]\n"
    );
    std::fs::write(dir.path().join("inventory.ron"), inventory).unwrap();
    std::fs::write(dir.path().join(policy_file), policy).unwrap();
    std::fs::write(dir.path().join("waivers.ron"), waivers).unwrap();
    dir
}

/// A small synthetic inventory: every rule of the generator fires.
fn synthetic() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let synth = flowmap::synth::generate(&flowmap::synth::Params::for_flows(300, 7));
    for (name, text) in synth.files() {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn cases() -> Vec<Case> {
    let root = manifest_dir();
    let here = |name: &str, args: &[&str]| Case {
        name: name.to_string(),
        args: args.iter().map(|a| a.to_string()).collect(),
        cwd: root.clone(),
        _dir: None,
    };
    let mut cases = vec![
        here("confluent", &[]),
        here(
            "confluent-waived",
            &["--waivers", "tests/fixtures/reports/confluent-waivers.ron"],
        ),
    ];
    let mut fixtures: Vec<String> = std::fs::read_dir(root.join("tests/fixtures/check"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    fixtures.sort();
    for name in fixtures {
        let stem = name.trim_end_matches(".ron").to_string();
        cases.push(here(
            &format!("check-{stem}"),
            &[&format!("tests/fixtures/check/{name}")],
        ));
    }
    let mut bad: Vec<String> = std::fs::read_dir(root.join("tests/fixtures/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    bad.sort();
    for name in bad {
        let stem = name.split('.').next().unwrap().to_string();
        cases.push(here(
            &format!("bad-{stem}"),
            &[&format!("tests/fixtures/bad/{name}")],
        ));
    }
    let hostile = hostile();
    cases.push(Case {
        name: "hostile".into(),
        args: vec![".".into(), "--waivers".into(), "waivers.ron".into()],
        cwd: hostile.path().to_path_buf(),
        _dir: Some(hostile),
    });
    let synth = synthetic();
    cases.push(Case {
        name: "synth-300".into(),
        args: vec![".".into()],
        cwd: synth.path().to_path_buf(),
        _dir: Some(synth),
    });
    cases
}

/// Standard output of `flowmap check ARGS --format FORMAT` run in `cwd`.
fn check(cwd: &Path, args: &[String], format: &str) -> Vec<u8> {
    let output = assert_cmd::Command::cargo_bin("flowmap")
        .unwrap()
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "flowmap check {args:?} --format {format} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The human report without the per-rule summary that closes it (the lines from its
/// header to the one before the final summary line).
fn without_rule_table(text: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(text.to_vec()).expect("the human report is UTF-8");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(start) = lines.iter().position(|l| l.starts_with("rule ")) else {
        return text.into_bytes();
    };
    let last = lines.len() - 1;
    // After notices, a blank line opens the table.
    let start = match start.checked_sub(2).map(|n| lines[n]) {
        Some(notice) if notice.starts_with("notice: ") && lines[start - 1] == "\n" => start - 1,
        _ => start,
    };
    let mut kept: Vec<&str> = lines[..start].to_vec();
    kept.push(lines[last]);
    kept.concat().into_bytes()
}

#[test]
fn streamed_reports_are_the_bytes_of_the_old_ones() {
    let record = std::env::var_os("FLOWMAP_RECORD_REPORTS").is_some();
    let mut compared = 0;
    for case in cases() {
        for format in FORMATS {
            let path = golden_dir().join(format!("{}.{format}", case.name));
            let mut args = case.args.clone();
            if !record && *format == "github" {
                // The old default: every finding (github now leaves infos out unless asked).
                args.extend(["--min-severity".to_string(), "info".to_string()]);
            }
            let mut now = check(&case.cwd, &args, format);
            if record {
                std::fs::write(&path, &now).unwrap();
                continue;
            }
            let before = std::fs::read(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (recorded by the code before streaming)",
                    path.display()
                )
            });
            if *format == "human" {
                now = without_rule_table(&now);
            }
            if now != before {
                let now = String::from_utf8_lossy(&now);
                let before = String::from_utf8_lossy(&before);
                let line = now
                    .lines()
                    .zip(before.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(now.lines().count().min(before.lines().count()));
                panic!(
                    "{}: differs from the recorded report at line {}:\nnow:    {:?}\nbefore: {:?}",
                    path.display(),
                    line + 1,
                    now.lines().nth(line),
                    before.lines().nth(line)
                );
            }
            compared += 1;
        }
    }
    assert!(
        record || compared >= 100,
        "only {compared} reports compared"
    );
}

/// The report `flowmap check ARGS` makes in `cwd` (ARGS: an optional path, an optional
/// `--waivers FILE`), made in this process, and its human form as the old writer wrote
/// it and as it is written now (without the per-rule summary).
fn report_of(case: &Case) -> (Report, String, String) {
    let mut path = None;
    let mut waivers = None;
    let mut args = case.args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--waivers" => waivers = args.next().map(|w| case.cwd.join(w)),
            other => path = Some(case.cwd.join(other)),
        }
    }
    let origin = path.map_or(Origin::Builtin, Origin::Path);
    let graph = FlowGraph::new(flowmap::load(&origin).expect("the case loads")).judged_on(None);
    let mut report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    let mut files = graph.loaded().files();
    let waivers = waivers.map(|w| Waivers::load(&w).expect("the waivers load"));
    if let Some(waivers) = &waivers {
        waivers.apply(&mut report.findings, Date::today());
        files.push(&waivers.file);
    }
    let mut before = NoColor::new(Vec::new());
    old_reports::human::render_report(&mut before, &report, &files).unwrap();
    let mut now = NoColor::new(Vec::new());
    human::render_report(&mut now, &report, &files).unwrap();
    let before = String::from_utf8(before.into_inner()).unwrap();
    let now = String::from_utf8(without_rule_table(&now.into_inner())).unwrap();
    (report, before, now)
}

#[test]
fn streamed_reports_are_the_bytes_the_old_writers_write() {
    // (The human report is compared without the per-rule summary it has gained.)
    let mut compared = 0;
    for case in cases().iter().filter(|c| !c.name.starts_with("bad-")) {
        let (report, human_before, human_now) = report_of(case);
        for (format, now, before) in [
            ("human", human_now, human_before),
            (
                "json",
                json::report_to_string(&report),
                old_reports::json_report::report_to_string(&report),
            ),
            (
                "sarif",
                sarif::report_to_string(&report),
                old_reports::sarif::report_to_string(&report),
            ),
            (
                "github",
                github::report_to_string(&report),
                old_reports::github::report_to_string(&report),
            ),
        ] {
            if now != before {
                let line = now
                    .lines()
                    .zip(before.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                panic!(
                    "{} {format}: differs at line {}:\nnow:    {:?}\nbefore: {:?}",
                    case.name,
                    line + 1,
                    now.lines().nth(line),
                    before.lines().nth(line)
                );
            }
            compared += 1;
        }
    }
    assert!(compared >= 80, "only {compared} reports compared");
}
