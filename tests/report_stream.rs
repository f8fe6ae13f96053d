//! The streamed reports (`flowmap check --format json|sarif|github|human`) are the same
//! bytes the writers wrote before they streamed (commit 5443c02), which
//! `tests/support/old_reports.rs` keeps verbatim: for every case, what the binary prints
//! now is compared with what the old writers make of the same report, computed here.
//! Comparing with the old code itself, not with recorded files, keeps the claim true
//! when the wording of the findings changes. (On the branch that made the change, the
//! output was also compared with files recorded by the old binary: identical.) The human
//! report has gained a per-rule summary since; everything before it is compared.

use std::path::{Path, PathBuf};

use codespan_reporting::term::termcolor::NoColor;
use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions};
use flowmap::model::Date;
use flowmap::{FlowGraph, Origin};

#[path = "support/old_reports.rs"]
mod old_reports;

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
            &["--waivers", "tests/fixtures/confluent-waivers.ron"],
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
        args: vec![
            hostile.path().display().to_string(),
            "--waivers".into(),
            hostile.path().join("waivers.ron").display().to_string(),
        ],
        cwd: hostile.path().to_path_buf(),
        _dir: Some(hostile),
    });
    let synth = synthetic();
    cases.push(Case {
        name: "synth-300".into(),
        args: vec![synth.path().display().to_string()],
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

/// What the old writers print for `flowmap check ARGS --format FORMAT`, for each format
/// (ARGS: an optional path, relative to this process's directory as to the binary's, and
/// an optional `--waivers FILE`), made in this process.
fn old_outputs(case: &Case) -> Vec<(&'static str, String)> {
    let mut path = None;
    let mut waivers = None;
    let mut args = case.args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--waivers" => waivers = args.next().map(PathBuf::from),
            other => path = Some(PathBuf::from(other)),
        }
    }
    let origin = path.map_or(Origin::Builtin, Origin::Path);
    let loaded = match flowmap::load(&origin) {
        Ok(loaded) => loaded,
        Err(error) => {
            return vec![
                ("json", old_reports::load_errors::json(&error)),
                ("sarif", old_reports::load_errors::sarif(&error)),
                ("github", old_reports::load_errors::github(&error)),
                // The human form of a load error goes to standard error.
                ("human", String::new()),
            ];
        }
    };
    let graph = FlowGraph::new(loaded).judged_on(None);
    let mut report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    let mut files = graph.loaded().files();
    let waivers = waivers.map(|w| Waivers::load(&w).expect("the waivers load"));
    if let Some(waivers) = &waivers {
        waivers.apply(&mut report.findings, Date::today());
        files.push(&waivers.file);
    }
    let mut human = NoColor::new(Vec::new());
    old_reports::human::render_report(&mut human, &report, &files).unwrap();
    vec![
        ("json", old_reports::json_report::report_to_string(&report)),
        ("sarif", old_reports::sarif::report_to_string(&report)),
        ("github", old_reports::github::report_to_string(&report)),
        ("human", String::from_utf8(human.into_inner()).unwrap()),
    ]
}

#[test]
fn check_prints_the_bytes_the_old_writers_wrote() {
    let mut compared = 0;
    for case in cases() {
        for (format, before) in old_outputs(&case) {
            let mut args = case.args.clone();
            if format == "github" {
                // The old default: every finding (github now leaves infos out unless asked).
                args.extend(["--min-severity".to_string(), "info".to_string()]);
            }
            let mut now = check(&case.cwd, &args, format);
            if format == "human" {
                now = without_rule_table(&now);
            }
            let now = String::from_utf8(now).expect("reports are UTF-8");
            if now != before {
                let line = now
                    .lines()
                    .zip(before.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(now.lines().count().min(before.lines().count()));
                panic!(
                    "{} --format {format}: differs at line {}:\nnow:    {:?}\nbefore: {:?}",
                    case.name,
                    line + 1,
                    now.lines().nth(line),
                    before.lines().nth(line)
                );
            }
            compared += 1;
        }
    }
    assert!(compared >= 100, "only {compared} reports compared");
}
