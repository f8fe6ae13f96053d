//! Fuzzing flowmap without a nightly toolchain: proptest drives the loader, the checks,
//! every export, every report format, trace and diff with hostile input, and asserts what
//! SECURITY.md promises:
//!
//! - nothing panics, and no case runs longer than [`CASE_TIMEOUT_MS`] (proptest runs the
//!   cases in a child process and fails a case that overruns);
//! - every output that should parse does: JSON and SARIF with serde_json, the Article 30
//!   record with the csv crate (14 cells a row), DOT (plain and aggregated) and Mermaid
//!   with the structural checkers below (and the corpus replay runs the real Graphviz
//!   `dot`);
//! - no raw control character, escape sequence or bidi override reaches the human report
//!   (plain or coloured: the only escape sequences are its own colours), trace, diff,
//!   GitHub annotations, DOT or Mermaid, nor raw C1 or bidi characters JSON or SARIF; no
//!   CSV cell starts a formula; no Markdown table cell, link or HTML is forged.
//!
//! Two targets, each with a short variant that `cargo test` runs and a long `#[ignore]`d
//! one:
//!
//! - `bytes`: arbitrary bytes as the inventory, its policy or its taxonomy, token soup,
//!   and generated inventories, policies and waivers (serialised by ron) whose every
//!   string may be arbitrary Unicode or hostile text;
//! - `mutations`: structure-aware mutations of the shipped inventory and the check
//!   fixtures — lines deleted, duplicated and swapped, brackets flipped, hostile text in
//!   string literals, ids that collide or dangle, huge numbers, deep nesting, empty lists,
//!   cycles, self-flows, unknown codes, a policy path naming the inventory itself.
//!
//! ```sh
//! PROPTEST_CASES=400000 cargo test --release --test fuzz -- --ignored --exact bytes_long
//! PROPTEST_CASES=400000 cargo test --release --test fuzz -- --ignored --exact mutations_long
//! ```
//!
//! With `FLOWMAP_FUZZ_SAVE=DIR` the long runs save the first input of every new outcome
//! (a load error's kind, or the set of rules that fired) to DIR: the diverse inputs in
//! `tests/fixtures/fuzz/` were picked from there. Every entry of `tests/fixtures/fuzz/` (a
//! folder: `inventory.ron` and the files it names) is replayed by `corpus_replays`.

mod support;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use codespan_reporting::term::termcolor::{Ansi, NoColor};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions, Report};
use flowmap::export::dot::Aggregate;
use flowmap::export::{self, ExportOptions, Focus};
use flowmap::load::SourceFile;
use flowmap::model::{
    Basis, Date, Flow, Inventory, Mechanism, Operator, Policy, Recipient, RecipientKind, Section,
    Source, Store, Taxonomy,
};
use flowmap::report::{github, human, json, sarif};
use flowmap::sanitize::is_hazard;
use flowmap::trace::{self, TraceFrom};
use flowmap::{FlowGraph, LoadError, Origin};

/// Longest a single case may run (load, check, all exports and reports, trace and diff),
/// in milliseconds. Generous for debug builds on a loaded machine; a hang overruns it.
const CASE_TIMEOUT_MS: u32 = 20_000;

// ---------------------------------------------------------------------------------------
// Inputs

/// Hostile text: everything that has broken a writer somewhere.
const HOSTILE: &[&str] = &[
    "\"",
    "\\",
    "}",
    "{",
    "]",
    "[",
    ";",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "<html>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{7}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{202a}",
    "\u{2066}",
    "\u{200f}",
    "\u{2028}",
    "\u{feff}",
    "=cmd|'/C calc'!A0",
    "=HYPERLINK(\"http://x\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\\N",
    "\\l",
    "\\G",
    "`",
    "|",
    "%0A",
    "%",
    "::error::forged",
    "#quot;",
    "#35;",
    "-->",
    "==>",
    "end",
    "subgraph",
    "click n0 call alert()",
    "%%",
    "&amp;",
    "[x](http://evil)",
    "![x](http://evil/p.png)",
    "*bold* _it_",
    "é",
    "\u{1d518}",
    "a\u{301}",
    "\u{fffd}",
    "->",
    "..",
    "/",
    ":",
    ",",
];

/// Strings that make references collide, dangle or hit edge cases of the model.
const VALUES: &[&str] = &[
    "",
    "web-forms",
    "website-data",
    "crm",
    "mailer",
    "signup",
    "affiliates",
    "s1",
    "s5",
    "UK",
    "XX",
    "us",
    "*",
    "EEA",
    "EU",
    "US",
    "DE",
    "GB",
    "CH",
    "CN",
    "contact",
    "contact.email",
    "contact.emial",
    "contact..email",
    ".contact",
    "location.precise",
    "marketing",
    "service.operation",
    "2015-02-29",
    "2016-02-29",
    "2015-10-06",
    "2015-10-07",
    "9999-12-31",
    "0000-01-01",
    "2015-13-01",
    "2015-10-7",
    "DPF",
    "a->b",
    "->",
    "policy.ron",
    "inventory.ron",
];

/// Replacements for bare identifiers (enum variants, struct names, booleans).
const IDENTS: &[&str] = &[
    "None",
    "Some",
    "Processor",
    "Controller",
    "JointController",
    "Scc",
    "SafeHarbor",
    "PrivacyShield",
    "Dpf",
    "Adequacy",
    "Consent",
    "ContractNecessity",
    "Authority",
    "Public",
    "AdNetwork",
    "Unknown",
    "Inventory",
    "Policy",
    "Taxonomy",
    "Source",
    "Store",
    "Recipient",
    "Flow",
    "Section",
    "true",
    "false",
    "id",
    "name",
    "located",
    "data",
    "flows",
    "policy",
    "taxonomy",
    "minors",
    "retention",
    "nonsense",
];

/// Replacements for numbers.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999999999999999999",
    "1e999",
    "-1e-999",
    "0x10",
    "0b1",
    "1_000",
    "NaN",
    "inf",
    "1.5",
];

/// Raw tokens that break lexing: unterminated strings and comments, attributes, raw strings.
const TOKENS: &[&str] = &[
    "\"",
    "/*",
    "*/",
    "//",
    "r#\"",
    "\"#",
    "#![enable(implicit_some)]",
    "#![enable(unwrap_newtypes)]",
    "#![enable(unwrap_variant_newtypes)]",
    "'",
    "b\"x\"",
    "\\",
    ",",
    ",,",
    ":",
    "()",
    "[]",
    "{}",
    "Some(",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[2J",
    "é",
];

/// Paths a policy or taxonomy field may name.
const FILE_TARGETS: &[&str] = &[
    "inventory.ron",
    "policy.ron",
    "taxonomy.ron",
    "missing.ron",
    "",
    ".",
    "..",
    "/",
    "/dev/zero",
    "../inventory.ron",
    "p\u{1b}[2J\u{202e}.ron",
];

/// A hostile file name the harness serves the policy under too.
const HOSTILE_FILE: &str = "p\u{1b}[2J\u{202e}.ron";

/// One input: named files (as the inventory refers to them) and which is the inventory.
#[derive(Clone)]
struct Input {
    files: Vec<(String, Vec<u8>)>,
    inventory: String,
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, bytes) in &self.files {
            writeln!(f, "=== {name:?} ===")?;
            if name == HOSTILE_FILE || *bytes == DEFAULT_TAXONOMY.as_bytes() {
                writeln!(f, "(as shown above, or the default taxonomy)")?;
                continue;
            }
            if let Some(k) = SEEDS.iter().position(|s| *bytes == s.policy.as_bytes()) {
                writeln!(f, "(the policy of seed {k})")?;
                continue;
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => writeln!(f, "{text:?}")?,
                Err(_) => writeln!(f, "{bytes:?}")?,
            }
        }
        Ok(())
    }
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(manifest(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

static DEFAULT_TAXONOMY: LazyLock<String> = LazyLock::new(|| read("inventory/taxonomy.ron"));

static CATEGORIES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let taxonomy: Taxonomy = ron::from_str(&DEFAULT_TAXONOMY).unwrap();
    taxonomy.categories.into_iter().map(|t| t.name).collect()
});

static PURPOSES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let taxonomy: Taxonomy = ron::from_str(&DEFAULT_TAXONOMY).unwrap();
    taxonomy.purposes.into_iter().map(|t| t.name).collect()
});

/// A seed: an inventory and the policy served beside it.
struct Seed {
    inventory: String,
    policy: String,
}

static SEEDS: LazyLock<Vec<Seed>> = LazyLock::new(|| {
    let confluent_policy = read("inventory/confluent-2015/policy.ron");
    let case = support::Case::default();
    let mut seeds = vec![
        Seed {
            inventory: read("inventory/confluent-2015/inventory.ron"),
            policy: confluent_policy.clone(),
        },
        Seed {
            inventory: read("tests/fixtures/hostile/inventory.ron"),
            policy: confluent_policy.clone(),
        },
        Seed {
            inventory: read("tests/fixtures/check/fm003-section/inventory.ron"),
            policy: read("tests/fixtures/check/fm003-section/policy.ron"),
        },
        Seed {
            inventory: case.inventory(),
            policy: case.policy(),
        },
    ];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(manifest("tests/fixtures/check"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    fixtures.sort();
    for path in fixtures {
        seeds.push(Seed {
            inventory: std::fs::read_to_string(&path).unwrap(),
            policy: case.policy(),
        });
    }
    seeds
});

/// The files served with an inventory text: its policy (also under a hostile name) and
/// the default taxonomy as `taxonomy.ron`.
fn input_with(inventory: Vec<u8>, policy: Vec<u8>, taxonomy: Vec<u8>) -> Input {
    Input {
        files: vec![
            ("inventory.ron".into(), inventory),
            ("policy.ron".into(), policy.clone()),
            (HOSTILE_FILE.into(), policy),
            ("taxonomy.ron".into(), taxonomy),
        ],
        inventory: "inventory.ron".into(),
    }
}

// ---------------------------------------------------------------------------------------
// Running one input through everything

/// What one input did, for telling diverse inputs apart.
fn signature(outcome: &Result<(FlowGraph, Report), LoadError>) -> String {
    match outcome {
        Err(e) => {
            let words: Vec<&str> = e
                .message
                .split('`')
                .step_by(2)
                .flat_map(str::split_whitespace)
                .take(6)
                .collect();
            format!("load error: {}", words.join(" "))
        }
        Ok((_, report)) => {
            let rules: BTreeSet<&str> = report.findings.iter().map(|f| f.rule.id()).collect();
            format!("rules: {}", rules.into_iter().collect::<Vec<_>>().join(" "))
        }
    }
}

/// Loads `input`: from memory when every file is UTF-8 (file names may be anything), else
/// from a temporary folder on disk (where the loader's UTF-8 check runs).
fn load(input: &Input) -> Result<FlowGraph, LoadError> {
    let texts: Option<Vec<(&str, &str)>> = input
        .files
        .iter()
        .map(|(n, b)| std::str::from_utf8(b).ok().map(|t| (n.as_str(), t)))
        .collect();
    let loaded = match texts {
        Some(files) => flowmap::load::load_in_memory(&files, &input.inventory),
        None => {
            let dir = tempfile::tempdir().unwrap();
            for (name, bytes) in &input.files {
                if let Some(name) = disk_name(name) {
                    std::fs::write(dir.path().join(name), bytes).unwrap();
                }
            }
            flowmap::load(&Origin::Path(dir.path().join(&input.inventory)))
        }
    };
    loaded.map(FlowGraph::new)
}

/// Names that are safe to create in a temporary folder.
fn disk_name(name: &str) -> Option<&str> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'));
    plain.then_some(name)
}

/// Runs `input` through load, check, every report, every export, trace and a diff against
/// `base` (both ways), asserting every property; returns the outcome's signature.
fn exercise(input: &Input, base: Option<&(FlowGraph, Report)>) -> String {
    let outcome = load(input).map(|graph| {
        let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
        (graph, report)
    });
    match &outcome {
        Err(error) => load_error_outputs(error),
        Ok((graph, report)) => {
            report_outputs(graph, report, None);
            if let Some((_, waivers)) = input.files.iter().find(|(n, _)| n == "waivers.ron") {
                waiver_outputs(graph, report, waivers);
            }
            export_outputs(graph, report);
            trace_outputs(graph);
            if let Some(base) = base {
                diff_outputs(base, (graph, report));
            }
        }
    }
    signature(&outcome)
}

fn load_error_outputs(error: &LoadError) {
    let mut plain = NoColor::new(Vec::new());
    human::render_load_error(&mut plain, error).unwrap();
    let plain = String::from_utf8(plain.into_inner()).expect("human output is UTF-8");
    assert_terminal_safe("human load error", &plain);
    assert!(
        plain.starts_with("error"),
        "a load error says so first:\n{plain}"
    );
    let mut colour = Ansi::new(Vec::new());
    human::render_load_error(&mut colour, error).unwrap();
    assert_colour_only(
        "coloured load error",
        &String::from_utf8(colour.into_inner()).unwrap(),
    );

    let value = parse_json("JSON load error", &json::load_error_to_string(error));
    assert_eq!(value["findings"].as_array().map(Vec::len), Some(1));
    let report = Report {
        findings: error.as_finding().into_iter().collect(),
        notices: Vec::new(),
        analysis: None,
    };
    machine_reports(&report);
    // The load error's own SARIF and GitHub forms stay valid too.
    parse_json("SARIF load error", &sarif::load_error_to_string(error));
    assert!(github::load_error_to_string(error).starts_with("::error "));
}

/// A waivers file (from disk, as `--waivers` reads it) applied to the report: a load
/// error, or a waived report, through every output.
fn waiver_outputs(graph: &FlowGraph, report: &Report, waivers: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("waivers.ron");
    std::fs::write(&path, waivers).unwrap();
    match Waivers::load(&path) {
        Err(error) => load_error_outputs(&error),
        Ok(waivers) => {
            let mut report = report.clone();
            waivers.apply(&mut report.findings, Date::today());
            report_outputs(graph, &report, Some(&waivers.file));
        }
    }
}

fn report_outputs(graph: &FlowGraph, report: &Report, waivers: Option<&SourceFile>) {
    let mut files = graph.loaded().files();
    files.extend(waivers);
    let mut plain = NoColor::new(Vec::new());
    human::render_report(&mut plain, report, &files).unwrap();
    let plain = String::from_utf8(plain.into_inner()).expect("human output is UTF-8");
    assert_terminal_safe("human report", &plain);
    assert!(
        plain.ends_with(&format!("{}\n", human::summary_line(report))),
        "the summary line closes the report:\n{plain}"
    );
    let mut colour = Ansi::new(Vec::new());
    human::render_report(&mut colour, report, &files).unwrap();
    assert_colour_only(
        "coloured report",
        &String::from_utf8(colour.into_inner()).unwrap(),
    );

    let value = parse_json("JSON report", &json::report_to_string(report));
    assert_eq!(
        value["findings"].as_array().map(Vec::len),
        Some(report.findings.len())
    );
    machine_reports(report);
}

/// SARIF and GitHub annotations of a report.
fn machine_reports(report: &Report) {
    let value = parse_json("SARIF", &sarif::report_to_string(report));
    assert_eq!(
        value["runs"][0]["results"].as_array().map(Vec::len),
        Some(report.findings.len()),
        "one SARIF result per finding"
    );
    let annotations = github::report_to_string(report);
    assert_json_clean("GitHub annotations", &annotations);
    assert_terminal_safe("GitHub annotations", &annotations);
    let lines: Vec<&str> = annotations.lines().collect();
    assert_eq!(
        lines.len(),
        report.findings.len(),
        "one annotation per finding:\n{annotations}"
    );
    for line in lines {
        let command = ["::error ", "::warning ", "::notice "]
            .iter()
            .any(|c| line.starts_with(c));
        assert!(command, "not a workflow command: {line:?}");
        // The properties end at the first `::`; none of them may hold another.
        let (properties, _message) = line[2..].split_once("::").expect("a message");
        let keys: Vec<&str> = properties
            .split_once(' ')
            .map(|(_, p)| p)
            .unwrap_or("")
            .split(',')
            .map(|kv| kv.split('=').next().unwrap_or(""))
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "title"],
            "forged properties: {line:?}"
        );
    }
}

fn export_outputs(graph: &FlowGraph, report: &Report) {
    let inv = graph.inventory();
    let mut views = vec![
        ExportOptions::default(),
        ExportOptions {
            cross_border_only: true,
            ..ExportOptions::default()
        },
    ];
    if let Some(node) = graph.nodes().next() {
        views.push(ExportOptions {
            focus: Some(Focus {
                id: node.id.to_string(),
                depth: 1,
            }),
            ..ExportOptions::default()
        });
    }
    if let Some(category) = inv.flows.iter().flat_map(|f| &f.data).next() {
        views.push(ExportOptions {
            category: Some(category.to_string()),
            ..ExportOptions::default()
        });
    }
    for options in &views {
        let Ok(selection) = export::select(graph, options) else {
            for rendered in [
                export::dot::render(graph, report, options),
                export::mermaid::render(graph, report, options),
                export::json::render(graph, report, options),
                export::ropa_csv::render(graph, options),
            ] {
                // The message is a value, not output: the CLI neutralises it when it
                // prints it (tests/hostile_output.rs runs that).
                rendered.expect_err("the same options fail every export");
            }
            continue;
        };
        let dot = export::dot::render(graph, report, options).unwrap();
        check_dot(&dot, Some((selection.nodes.len(), selection.flows.len())));
        for by in [Aggregate::Jurisdiction, Aggregate::Kind] {
            let dot = export::dot::render_aggregated(graph, report, options, by).unwrap();
            check_dot(&dot, None);
        }
        let mermaid = export::mermaid::render(graph, report, options).unwrap();
        check_mermaid(&mermaid, selection.nodes.len(), selection.flows.len());
        let json = export::json::render(graph, report, options).unwrap();
        let value = parse_json("JSON export", &json);
        assert_eq!(
            value["flows"].as_array().map(Vec::len),
            Some(selection.flows.len())
        );
        let csv = export::ropa_csv::render(graph, options).unwrap();
        check_csv(&csv);
        let ico = export::ropa_ico::render(graph, options).unwrap();
        check_csv_cells(&ico);
        let xlsx = export::ropa_xlsx::render(graph, report, options).unwrap();
        assert!(xlsx.starts_with(b"PK"), "the workbook is a zip file");
    }
    fides_outputs(graph);
}

/// The Fides export of any inventory: every file is YAML that reads back, holds no raw
/// control or bidi character, and imports (or is refused with a message: never a panic).
fn fides_outputs(graph: &FlowGraph) {
    let files = flowmap::interop::fides::export(graph).unwrap();
    for (name, text) in &files {
        let parsed: Result<flowmap::interop::fides::model::Manifest, _> =
            serde_saphyr::from_str(text);
        assert!(
            parsed.is_ok(),
            "{name} does not read back: {parsed:?}\n{text}"
        );
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && flowmap::sanitize::is_hazard(c)),
            "{name} holds a raw control or bidi character"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let manifests = dir.path().join("fides");
    flowmap::interop::fides::write_dir(&manifests, &files).unwrap();
    if let Ok(imported) =
        flowmap::interop::fides::import_dir(&manifests, &dir.path().join("inventory.ron"))
    {
        let _ = flowmap::load::load_in_memory(&[("inventory.ron", &imported.ron)], "inventory.ron");
    }
}

/// Any CSV: every record parses and no cell starts a formula.
fn check_csv_cells(text: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.expect("CSV parses").iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell starts a formula: {cell:?}"
            );
        }
    }
}

fn trace_outputs(graph: &FlowGraph) {
    let mut what = Vec::new();
    if let Some(node) = graph.nodes().next() {
        what.push(TraceFrom::Node(node.id.to_string()));
    }
    if let Some(category) = graph.inventory().flows.iter().flat_map(|f| &f.data).next() {
        what.push(TraceFrom::Category(category.to_string()));
    }
    what.push(TraceFrom::Category("contact".into()));
    for from in &what {
        // An error is a value, not output: the CLI neutralises it when it prints it.
        if let Ok(paths) = trace::paths(graph, from) {
            let text = trace::render(graph, from, &paths);
            assert_terminal_safe("trace", &text);
        }
    }
}

fn diff_outputs(a: &(FlowGraph, Report), b: (&FlowGraph, &Report)) {
    for (old, new) in [((&a.0, &a.1), b), (b, (&a.0, &a.1))] {
        let diff = flowmap::diff::diff(old, new);
        assert_terminal_safe("diff", &flowmap::diff::render_human(&diff));
        check_markdown(&flowmap::diff::render_markdown(&diff));
        parse_json("JSON diff", &flowmap::diff::render_json(&diff));
    }
}

// ---------------------------------------------------------------------------------------
// Output checkers

/// No character a terminal would interpret: only newlines and tabs pass.
fn assert_terminal_safe(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| is_hazard(c) && c != '\n' && c != '\t')
    {
        panic!("{what}: raw {c:?} reaches the output:\n{text}");
    }
}

/// JSON text (or other machine output) carries no C1 control or bidi override raw.
fn assert_json_clean(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| is_hazard(c) && !matches!(c, '\n' | '\t' | '\r'))
    {
        panic!("{what}: raw {c:?} in the output:\n{text}");
    }
}

/// Coloured output: every escape sequence is a colour (SGR, `ESC [ digits ; … m`), and no
/// other hazard appears.
fn assert_colour_only(what: &str, text: &str) {
    let mut rest = text;
    let mut stripped = String::new();
    while let Some(at) = rest.find('\u{1b}') {
        stripped.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let body = tail
            .strip_prefix('[')
            .unwrap_or_else(|| panic!("{what}: an escape that is not CSI:\n{text:?}"));
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(body.len());
        assert_eq!(
            body[end..].chars().next(),
            Some('m'),
            "{what}: an escape sequence that is not a colour:\n{text:?}"
        );
        rest = &body[end + 1..];
    }
    stripped.push_str(rest);
    assert_terminal_safe(what, &stripped);
}

fn parse_json(what: &str, text: &str) -> serde_json::Value {
    assert_json_clean(what, text);
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what} is not JSON ({e}):\n{text}"))
}

/// The Article 30 record: valid CSV, 14 cells a row, no formula, no control character.
fn check_csv(text: &str) {
    assert_json_clean("CSV", text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().len(), 14);
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("not CSV ({e}):\n{text}"));
        assert_eq!(record.len(), 14, "{record:?}");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?}"
            );
            assert_terminal_safe("CSV cell", cell);
            assert!(!cell.contains('\n'), "a line break in a cell: {cell:?}");
        }
    }
}

/// DOT as flowmap writes it: strings are well formed and hold no raw line break or
/// hazard; with the strings taken out, every line is one of the statements the writer
/// makes, every attribute is `key=value`, and there is one node statement per selected
/// node and one edge per selected flow (plus the legend's four nodes and three edges);
/// `counts: None` (an aggregated map) checks the statements only.
fn check_dot(dot: &str, counts: Option<(usize, usize)>) {
    assert_terminal_safe("DOT", dot);
    let mut skeleton = String::new();
    let mut chars = dot.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            skeleton.push(c);
            continue;
        }
        loop {
            match chars.next() {
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some('\n') | None => panic!("an escaped line break in a DOT string:\n{dot}"),
                    Some(_) => {}
                },
                Some('\n') => panic!("a raw line break in a DOT string:\n{dot}"),
                Some(_) => {}
                None => panic!("an unterminated DOT string:\n{dot}"),
            }
        }
        skeleton.push('S');
    }
    let attrs_ok = |list: &str| {
        list.split(", ").all(|kv| {
            kv.split_once('=').is_some_and(|(k, v)| {
                !k.is_empty()
                    && k.chars().all(|c| c.is_ascii_lowercase())
                    && (v == "S" || v.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
            })
        })
    };
    let (mut node_count, mut edge_count) = (0, 0);
    for line in skeleton.lines() {
        let line = line.trim();
        let ok = if let Some(body) = line.strip_prefix("S -> S [") {
            edge_count += 1;
            body.strip_suffix("];").is_some_and(attrs_ok)
        } else if let Some(body) = line.strip_prefix("S [") {
            node_count += 1;
            body.strip_suffix("];").is_some_and(attrs_ok)
        } else if let Some(body) = ["graph [", "node [", "edge ["]
            .iter()
            .find_map(|p| line.strip_prefix(p))
        {
            body.strip_suffix("];").is_some_and(attrs_ok)
        } else if line.starts_with("label=S;") {
            line.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .all(&attrs_ok)
        } else {
            matches!(line, "" | "}" | "digraph flowmap {" | "subgraph S {")
        };
        assert!(ok, "an unexpected DOT statement: {line:?}\n{dot}");
    }
    if let Some((nodes, flows)) = counts {
        assert_eq!(node_count, nodes + 4, "node statements:\n{dot}");
        assert_eq!(edge_count, flows + 4, "edge statements:\n{dot}");
    }
}

/// Mermaid as flowmap writes it: each line one of its statements, labels in quotes made
/// only of letters, digits, `.,_-:/ `, entity codes and `<br/>`; one node statement per
/// selected node and one link per selected flow.
fn check_mermaid(text: &str, nodes: usize, flows: usize) {
    assert_terminal_safe("Mermaid", text);
    let label_ok = |label: &str| {
        let label = label.replace("<br/>", " ");
        let mut chars = label.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '#' {
                let mut digits = 0;
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                    digits += 1;
                }
                if digits == 0 || chars.next() != Some(';') {
                    return false;
                }
            } else if !(c.is_alphanumeric() || " .,_-:/()+".contains(c)) {
                return false;
            }
        }
        true
    };
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let (mut node_count, mut link_count) = (0, 0);
    for line in lines {
        let line = line.trim();
        let quoted: Vec<&str> = line.split('"').collect();
        let ok =
            quoted.len() % 2 == 1 && quoted.iter().skip(1).step_by(2).all(|l| label_ok(l)) && {
                let shape: String = quoted.iter().step_by(2).copied().collect();
                let word = |s: &str, p: &str| {
                    s.strip_prefix(p).is_some_and(|rest| {
                        let digits = rest.chars().take_while(char::is_ascii_digit).count();
                        digits > 0 && rest[digits..].is_empty()
                    })
                };
                if let Some(head) = shape.strip_suffix("[]") {
                    word(head, "subgraph j")
                } else if shape == "end" {
                    true
                } else if let Some(rest) = shape.strip_prefix("linkStyle ") {
                    [
                        " stroke:red,stroke-width:3px",
                        " stroke:red,stroke-width:6px",
                        " stroke-width:6px",
                    ]
                    .iter()
                    .any(|style| rest.ends_with(style))
                } else if let Some(head) = ["([])", "[()]", "[[]]"]
                    .iter()
                    .find_map(|s| shape.strip_suffix(s))
                {
                    node_count += 1;
                    word(head, "n")
                } else if let Some((a, b)) = ["-->", "==>", "-.->"]
                    .iter()
                    .find_map(|arrow| shape.split_once(&format!(" {arrow}||")))
                {
                    link_count += 1;
                    word(a, "n") && word(b.trim(), "n")
                } else {
                    false
                }
            };
        assert!(ok, "an unexpected Mermaid statement: {line:?}\n{text}");
    }
    assert_eq!(node_count, nodes, "node statements:\n{text}");
    assert_eq!(link_count, flows, "links:\n{text}");
}

/// The Markdown diff: no hazard; outside code spans no raw HTML, link or image syntax;
/// table rows have exactly as many cells as their header.
fn check_markdown(text: &str) {
    assert_terminal_safe("Markdown diff", text);
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
                Some(n) => assert_eq!(cells, n, "a forged table cell: {line:?}\n{text}"),
            }
        } else {
            columns = None;
        }
        for (k, segment) in line.split('`').enumerate() {
            if k % 2 == 1 {
                continue; // inside a code span: shown literally
            }
            let unescaped = |pat: &str| {
                segment.match_indices(pat).any(|(i, _)| {
                    // `]` is escaped by an odd run of backslashes before it.
                    let run = segment[..i]
                        .chars()
                        .rev()
                        .take_while(|&c| c == '\\')
                        .count();
                    run % 2 == 0
                })
            };
            assert!(!segment.contains('<'), "raw HTML: {line:?}");
            assert!(!unescaped("]("), "a link or image: {line:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Mutations

/// A string literal's content span in RON text (inside the quotes).
fn string_literals(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                out.push((start, i.min(bytes.len())));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Byte offsets of every match of `pred` on chars.
fn positions(text: &str, pred: impl Fn(char) -> bool) -> Vec<usize> {
    text.char_indices()
        .filter(|&(_, c)| pred(c))
        .map(|(i, _)| i)
        .collect()
}

/// Spans of bare words (identifiers, numbers, `true`) outside string literals.
fn words(text: &str, pred: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let strings = string_literals(text);
    let inside = |i: usize| strings.iter().any(|&(s, e)| i >= s && i < e);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part = c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-';
        match (start, part) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if !inside(s) && pred(&text[s..i]) {
                    out.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Entries `Word(`...`)` with their balanced end.
fn entries(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for name in ["Source(", "Store(", "Recipient(", "Flow(", "Section("] {
        for (start, _) in text.match_indices(name) {
            let mut depth = 0i32;
            for (k, c) in text[start..].char_indices() {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            out.push((start, start + k + 1));
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// The ids an inventory text names (`id: "..."`).
fn ids(text: &str) -> Vec<String> {
    text.match_indices("id: \"")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// Text as the inside of a RON string: escaped so the literal stays whole.
fn ron_escaped(text: &str) -> String {
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

#[derive(Debug, Clone)]
enum Piece {
    /// Escaped: the literal stays whole and holds the hostile text.
    Escaped(&'static str),
    /// Raw: as bytes in the file (a quote ends the literal, a line break splits it).
    Raw(&'static str),
    /// The same text many times.
    Repeated(&'static str, usize),
}

impl Piece {
    fn text(&self) -> String {
        match self {
            Piece::Escaped(s) => ron_escaped(s),
            Piece::Raw(s) => (*s).to_string(),
            Piece::Repeated(s, n) => ron_escaped(s).repeat(*n),
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    FlipBracket(Index, char),
    InsertInString(Index, Index, Piece),
    ReplaceString(Index, &'static str),
    ReplaceStringWithHostile(Index, Piece),
    CopyString(Index, Index),
    ReplaceIdent(Index, &'static str),
    ReplaceNumber(Index, &'static str),
    Nest(Index, usize, u8),
    EmptyList(Index),
    DuplicateEntry(Index),
    DeleteEntry(Index),
    AddFlow(Index, Index, Index, bool),
    PointFile(bool, &'static str),
    InsertToken(Index, &'static str),
    Truncate(Index),
}

fn piece() -> impl Strategy<Value = Piece> {
    let hostile = proptest::sample::select(HOSTILE);
    prop_oneof![
        5 => hostile.clone().prop_map(Piece::Escaped),
        2 => hostile.clone().prop_map(Piece::Raw),
        1 => (hostile, prop_oneof![Just(2usize), Just(100), Just(5_000)])
            .prop_map(|(s, n)| Piece::Repeated(s, n)),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use proptest::sample::select;
    let i = any::<Index>;
    prop_oneof![
        2 => i().prop_map(Mutation::DeleteLine),
        2 => i().prop_map(Mutation::DuplicateLine),
        1 => (i(), i()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (i(), select(vec!['(', ')', '[', ']', '{', '}']))
            .prop_map(|(a, c)| Mutation::FlipBracket(a, c)),
        4 => (i(), i(), piece()).prop_map(|(a, b, p)| Mutation::InsertInString(a, b, p)),
        3 => (i(), select(VALUES)).prop_map(|(a, v)| Mutation::ReplaceString(a, v)),
        2 => (i(), piece()).prop_map(|(a, p)| Mutation::ReplaceStringWithHostile(a, p)),
        3 => (i(), i()).prop_map(|(a, b)| Mutation::CopyString(a, b)),
        2 => (i(), select(IDENTS)).prop_map(|(a, v)| Mutation::ReplaceIdent(a, v)),
        1 => (i(), select(NUMBERS)).prop_map(|(a, v)| Mutation::ReplaceNumber(a, v)),
        1 => (i(), select(vec![1usize, 2, 100, 126, 127, 128, 129, 300, 10_000]), 0u8..4)
            .prop_map(|(a, d, k)| Mutation::Nest(a, d, k)),
        2 => i().prop_map(Mutation::EmptyList),
        2 => i().prop_map(Mutation::DuplicateEntry),
        2 => i().prop_map(Mutation::DeleteEntry),
        3 => (i(), i(), i(), any::<bool>()).prop_map(|(a, b, c, d)| Mutation::AddFlow(a, b, c, d)),
        1 => (any::<bool>(), select(FILE_TARGETS)).prop_map(|(p, t)| Mutation::PointFile(p, t)),
        1 => (i(), select(TOKENS)).prop_map(|(a, t)| Mutation::InsertToken(a, t)),
        1 => i().prop_map(Mutation::Truncate),
    ]
}

/// Replaces `range` of `text` with `with`.
fn splice(text: &mut String, range: (usize, usize), with: &str) {
    text.replace_range(range.0..range.1, with);
}

/// The nearest char boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, mutation: &Mutation) {
    let lines = || {
        text.split_inclusive('\n')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    match mutation {
        Mutation::DeleteLine(at) => {
            let mut l = lines();
            if !l.is_empty() {
                l.remove(at.index(l.len()));
                *text = l.concat();
            }
        }
        Mutation::DuplicateLine(at) => {
            let mut l = lines();
            if !l.is_empty() {
                let k = at.index(l.len());
                l.insert(k, l[k].clone());
                *text = l.concat();
            }
        }
        Mutation::SwapLines(a, b) => {
            let mut l = lines();
            if !l.is_empty() {
                let (a, b) = (a.index(l.len()), b.index(l.len()));
                l.swap(a, b);
                *text = l.concat();
            }
        }
        Mutation::FlipBracket(at, to) => {
            let p = positions(text, |c| "()[]{}".contains(c));
            if !p.is_empty() {
                let k = p[at.index(p.len())];
                splice(text, (k, k + 1), &to.to_string());
            }
        }
        Mutation::InsertInString(at, offset, piece) => {
            let s = string_literals(text);
            if !s.is_empty() {
                let (start, end) = s[at.index(s.len())];
                let k = boundary(text, start + offset.index(end - start + 1));
                splice(text, (k, k), &piece.text());
            }
        }
        Mutation::ReplaceString(at, value) => {
            let s = string_literals(text);
            if !s.is_empty() {
                splice(text, s[at.index(s.len())], &ron_escaped(value));
            }
        }
        Mutation::ReplaceStringWithHostile(at, piece) => {
            let s = string_literals(text);
            if !s.is_empty() {
                splice(text, s[at.index(s.len())], &piece.text());
            }
        }
        Mutation::CopyString(from, to) => {
            let s = string_literals(text);
            if !s.is_empty() {
                let (a, b) = s[from.index(s.len())];
                let value = text[a..b].to_string();
                splice(text, s[to.index(s.len())], &value);
            }
        }
        Mutation::ReplaceIdent(at, with) => {
            let w = words(text, |w| w.starts_with(|c: char| c.is_ascii_alphabetic()));
            if !w.is_empty() {
                splice(text, w[at.index(w.len())], with);
            }
        }
        Mutation::ReplaceNumber(at, with) => {
            let w = words(text, |w| w.starts_with(|c: char| c.is_ascii_digit()));
            if !w.is_empty() {
                splice(text, w[at.index(w.len())], with);
            }
        }
        Mutation::Nest(at, depth, kind) => {
            let s = string_literals(text);
            if !s.is_empty() {
                let (a, b) = s[at.index(s.len())];
                let (open, close) = match kind {
                    0 => ("[", "]"),
                    1 => ("Some(", ")"),
                    2 => ("(", ")"),
                    _ => ("{\"k\":", "}"),
                };
                let nested = format!(
                    "{}\"{}\"{}",
                    open.repeat(*depth),
                    &text[a..b],
                    close.repeat(*depth)
                );
                splice(text, (a - 1, (b + 1).min(text.len())), &nested);
            }
        }
        Mutation::EmptyList(at) => {
            let p = positions(text, |c| c == '[');
            if !p.is_empty() {
                let start = p[at.index(p.len())];
                let mut depth = 0;
                for (k, c) in text[start..].char_indices() {
                    match c {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                splice(text, (start + 1, start + k), "");
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Mutation::DuplicateEntry(at) => {
            let e = entries(text);
            if !e.is_empty() {
                let (a, b) = e[at.index(e.len())];
                let copy = format!("{}, ", &text[a..b]);
                splice(text, (a, a), &copy);
            }
        }
        Mutation::DeleteEntry(at) => {
            let e = entries(text);
            if !e.is_empty() {
                let (a, mut b) = e[at.index(e.len())];
                if text[b..].starts_with(',') {
                    b += 1;
                }
                splice(text, (a, b), "");
            }
        }
        Mutation::AddFlow(from, to, data, explicit) => {
            let ids = ids(text);
            let Some(at) = text.find("flows: [").map(|i| i + "flows: [".len()) else {
                return;
            };
            if ids.is_empty() {
                return;
            }
            let from = &ids[from.index(ids.len())];
            let to = &ids[to.index(ids.len())];
            let category = &CATEGORIES[data.index(CATEGORIES.len())];
            let purpose = &PURPOSES[data.index(PURPOSES.len())];
            let id = if *explicit {
                format!("id: Some(\"{from}->{to}\"), ")
            } else {
                String::new()
            };
            let flow = format!(
                "\n        Flow({id}from: \"{from}\", to: \"{to}\", data: [\"{category}\"], purposes: [\"{purpose}\"], basis: Some(Consent), mechanism: Some(Scc), policy: [\"s1\"]),"
            );
            splice(text, (at, at), &flow);
        }
        Mutation::PointFile(policy, target) => {
            let field = if *policy { "policy" } else { "taxonomy" };
            // Drop the top-level field if there is one (`policy: None,` / `Some("...")`).
            let prefix = format!("\n    {field}: ");
            if let Some(i) = text.find(&prefix) {
                let end = text[i + 1..].find('\n').map_or(text.len(), |e| i + 1 + e);
                if !text[i + prefix.len()..end].starts_with('[') {
                    splice(text, (i, end), "");
                }
            }
            if let Some(i) = text.find("Inventory(") {
                let at = i + "Inventory(".len();
                let value = format!("\n    {field}: Some(\"{}\"),", ron_escaped(target));
                splice(text, (at, at), &value);
            }
        }
        Mutation::InsertToken(at, token) => {
            let k = boundary(text, at.index(text.len() + 1));
            splice(text, (k, k), token);
        }
        Mutation::Truncate(at) => {
            let k = boundary(text, at.index(text.len() + 1));
            text.truncate(k);
        }
    }
}

/// Which file of a seed a mutation changes.
#[derive(Debug, Clone, Copy)]
enum Target {
    Inventory,
    Policy,
    Taxonomy,
}

fn mutated_input() -> impl Strategy<Value = (usize, Input)> {
    (
        0..SEEDS.len(),
        prop_oneof![
            7 => Just(Target::Inventory),
            2 => Just(Target::Policy),
            1 => Just(Target::Taxonomy),
        ],
        proptest::collection::vec(mutation(), 1..6),
        any::<bool>(),
    )
        .prop_map(|(seed, target, mutations, own_taxonomy)| {
            let s = &SEEDS[seed];
            let mut texts = [
                s.inventory.clone(),
                s.policy.clone(),
                DEFAULT_TAXONOMY.clone(),
            ];
            if own_taxonomy || matches!(target, Target::Taxonomy) {
                apply(&mut texts[0], &Mutation::PointFile(false, "taxonomy.ron"));
            }
            let k = target as usize;
            for m in &mutations {
                apply(&mut texts[k], m);
            }
            let [inventory, policy, taxonomy] = texts;
            (
                seed,
                input_with(
                    inventory.into_bytes(),
                    policy.into_bytes(),
                    taxonomy.into_bytes(),
                ),
            )
        })
}

// ---------------------------------------------------------------------------------------
// Arbitrary input

/// Arbitrary text, biased towards the hostile corpus.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-z0-9 .-]{0,12}",
        3 => any::<String>(),
        2 => proptest::sample::select(HOSTILE).prop_map(String::from),
        2 => proptest::collection::vec(proptest::sample::select(HOSTILE), 1..5)
            .prop_map(|v| v.concat()),
        1 => "\\PC{0,60}",
    ]
}

/// A node id: mostly from a small pool (so flows join), sometimes anything.
fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => proptest::sample::select(vec!["web", "crm", "mailer", "ads", "a.b", "x_y", "0"])
            .prop_map(String::from),
        3 => "[a-z0-9][a-z0-9._-]{0,6}",
        1 => any_text(),
    ]
}

fn any_code() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(vec!["DE", "FR", "US", "EEA", "EU", "*", "GB", "CH", "CN", "JP", "CA", "UK", "XX", ""])
            .prop_map(String::from),
        1 => any_text(),
    ]
}

fn any_category() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(CATEGORIES.clone()),
        1 => any_text(),
    ]
}

fn any_purpose() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(PURPOSES.clone()),
        1 => any_text(),
    ]
}

fn any_date() -> impl Strategy<Value = Option<Date>> {
    proptest::sample::select(vec![
        None,
        Some("2015-10-06"),
        Some("2015-10-07"),
        Some("2016-07-12"),
        Some("2020-07-16"),
        Some("2020-12-31"),
        Some("2023-07-10"),
        Some("2024-02-29"),
        Some("1970-01-01"),
        Some("9999-12-31"),
    ])
    .prop_map(|d| d.map(|d| d.parse().unwrap()))
}

fn vec_of<T: std::fmt::Debug>(
    s: impl Strategy<Value = T>,
    max: usize,
) -> impl Strategy<Value = Vec<T>> {
    proptest::collection::vec(s, 0..=max)
}

fn any_basis() -> impl Strategy<Value = Option<Basis>> {
    proptest::sample::select(vec![
        None,
        Some(Basis::Consent),
        Some(Basis::Contract),
        Some(Basis::LegalObligation),
        Some(Basis::VitalInterests),
        Some(Basis::PublicTask),
        Some(Basis::LegitimateInterests),
    ])
}

const MECHANISMS: [Mechanism; 14] = [
    Mechanism::Adequacy,
    Mechanism::Scc,
    Mechanism::Scc2010,
    Mechanism::Scc2021,
    Mechanism::UkAddendum,
    Mechanism::Idta,
    Mechanism::Bcr,
    Mechanism::Dpf,
    Mechanism::Consent,
    Mechanism::ContractNecessity,
    Mechanism::CompellingLegitimateInterests,
    Mechanism::SafeHarbor,
    Mechanism::PrivacyShield,
    Mechanism::CodeOfConduct,
];

const KINDS: [RecipientKind; 10] = [
    RecipientKind::Affiliate,
    RecipientKind::ServiceProvider,
    RecipientKind::Partner,
    RecipientKind::AdNetwork,
    RecipientKind::SocialNetwork,
    RecipientKind::Analytics,
    RecipientKind::Acquirer,
    RecipientKind::Authority,
    RecipientKind::Public,
    RecipientKind::InternationalOrganisation,
];

fn any_certification() -> impl Strategy<Value = flowmap::model::law::Certification> {
    proptest::sample::select(flowmap::model::law::Certification::ALL.to_vec())
}

/// The inventory's own string type for each of `list`.
fn names(list: Vec<String>) -> Vec<flowmap::model::Name> {
    list.into_iter().map(Into::into).collect()
}

fn any_inventory() -> impl Strategy<Value = Inventory> {
    let source = (
        any_id(),
        any_text(),
        vec_of(any_text(), 2),
        vec_of(any_code(), 3),
        vec_of(any_category(), 3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(id, name, subjects, located, collects, minors, online)| Source {
                id: id.into(),
                name: name.into(),
                subjects: names(subjects),
                located: names(located),
                channel: if online {
                    flowmap::model::Channel::Online
                } else {
                    flowmap::model::Channel::Offline
                },
                collects: names(collects),
                minors,
            },
        );
    let store = (
        any_id(),
        any_text(),
        vec_of(any_code(), 3),
        proptest::sample::select(vec![
            Operator::Controller,
            Operator::Processor,
            Operator::JointController,
        ]),
        proptest::option::of(any_text()),
        vec_of(any_text(), 2),
        proptest::option::of(any_id()),
        vec_of(any_certification(), 1),
    )
        .prop_map(
            |(id, name, located, operator, retention, safeguards, entity, certifications)| Store {
                id: id.into(),
                name: name.into(),
                located: names(located),
                operator,
                entity,
                certifications,
                retention,
                safeguards,
            },
        );
    let recipient = (
        any_id(),
        any_text(),
        proptest::sample::select(KINDS.to_vec()),
        vec_of(any_code(), 3),
        vec_of(any_certification(), 2),
        proptest::option::of(any_id()),
    )
        .prop_map(
            |(id, name, kind, located, certifications, entity)| Recipient {
                id: id.into(),
                name: name.into(),
                kind,
                located: names(located),
                entity,
                certifications,
            },
        );
    let flow = (
        proptest::option::weighted(
            0.15,
            prop_oneof![3 => "[a-z0-9][a-z0-9._-]{0,6}(->[a-z0-9]{1,3})?", 1 => any_text()],
        ),
        any_id(),
        any_id(),
        vec_of(any_category(), 3),
        vec_of(any_purpose(), 2),
        any_basis(),
        proptest::option::of(proptest::sample::select(MECHANISMS.to_vec())),
        vec_of(
            prop_oneof![12 => proptest::sample::select(vec!["s1", "s2", "s3"]).prop_map(String::from), 1 => any_text()],
            2,
        ),
    )
        .prop_map(
            |(id, from, to, data, purposes, basis, mechanism, policy)| Flow {
                id: id.map(Into::into),
                from: from.into(),
                to: to.into(),
                data: names(data),
                purposes: names(purposes),
                basis,
                mechanism,
                policy: names(policy),
            },
        );
    (
        any_text(),
        proptest::option::of(any_text()),
        proptest::sample::select(vec![
            None,
            Some("policy.ron".to_string()),
            Some(HOSTILE_FILE.to_string()),
            Some("inventory.ron".to_string()),
        ]),
        any_date(),
        vec_of(source, 3),
        vec_of(store, 3),
        vec_of(recipient, 3),
        vec_of(flow, 8),
        vec_of(any_code(), 2),
        vec_of(any_code(), 2),
    )
        .prop_map(
            |(
                name,
                controller,
                policy,
                as_of,
                sources,
                stores,
                recipients,
                flows,
                established,
                representatives,
            )| Inventory {
                name,
                controller,
                established: names(established),
                representatives: names(representatives),
                policy,
                taxonomy: None,
                as_of,
                sources,
                stores,
                recipients,
                flows,
            },
        )
}

fn any_policy() -> impl Strategy<Value = Policy> {
    let section = (
        prop_oneof![12 => proptest::sample::select(vec!["s1", "s2", "s3"]).prop_map(String::from), 1 => any_text()],
        any_text(),
        any_text(),
        any_text(),
        vec_of(any_category(), 3),
        vec_of(any_purpose(), 3),
        proptest::sample::subsequence(KINDS.to_vec(), 0..4),
        vec_of(any_code(), 2),
        proptest::sample::subsequence(MECHANISMS.to_vec(), 0..3),
    )
        .prop_map(
            |(id, number, title, quote, collects, purposes, shares_with, locations, mechanisms)| {
                Section {
                    id,
                    number,
                    title,
                    quote,
                    collects,
                    purposes,
                    shares_with,
                    locations,
                    mechanisms,
                }
            },
        );
    (
        any_text(),
        proptest::option::of(any_text()),
        any_date(),
        proptest::option::of(prop_oneof![0u32..20, any::<u32>()]),
        vec_of(section, 4),
    )
        .prop_map(
            |(title, url, effective, children_min_age, sections)| Policy {
                title,
                url,
                effective,
                children_min_age,
                sections,
            },
        )
}

/// A RON-ish token soup: the words of an inventory in random order and nesting.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => proptest::sample::select(vec![
            "Inventory(", "Policy(", "Taxonomy(", "Source(", "Store(", "Recipient(", "Flow(",
            "Section(", "(", ")", "[", "]", "{", "}", ",", ":", "Some(", "None", "true",
            "false", "name:", "id:", "from:", "to:", "data:", "located:", "flows:",
            "sources:", "stores:", "recipients:", "policy:", "taxonomy:", "as_of:",
            "sections:", "categories:", "\"web\"", "\"crm\"", "\"DE\"", "\"US\"",
            "\"contact.email\"", "\"s1\"", "\"2015-10-06\"", "13", "-1", "1e999",
            "Processor", "Consent", "Scc", "r#\"raw\"#", "/* c */", "// c\n",
        ]).prop_map(String::from),
        1 => any_text().prop_map(|t| format!("\"{}\"", ron_escaped(&t))),
        1 => proptest::sample::select(TOKENS).prop_map(String::from),
    ];
    proptest::collection::vec(
        (token, proptest::sample::select(vec!["", " ", "\n", "\t"])),
        0..80,
    )
    .prop_map(|v| v.into_iter().map(|(t, s)| t + s).collect())
}

/// A waivers file: generated waivers with arbitrary subjects and reasons, or any bytes.
fn any_waivers() -> impl Strategy<Value = Vec<u8>> {
    let waiver = (
        proptest::sample::select(vec![
            "FM003", "FM101", "FM203", "FM301", "FM304", "FM999", "",
        ]),
        prop_oneof![3 => any_id(), 1 => any_text()],
        any_text(),
        proptest::sample::select(vec!["None", "Some(\"2000-01-01\")", "Some(\"2999-12-31\")"]),
    )
        .prop_map(|(rule, subject, reason, expires)| {
            format!(
                "(rule: \"{rule}\", subject: \"{}\", reason: \"{}\", expires: {expires}),\n",
                ron_escaped(&subject),
                ron_escaped(&reason)
            )
        });
    prop_oneof![
        4 => vec_of(waiver, 4).prop_map(|w| format!("[\n{}]\n", w.concat()).into_bytes()),
        1 => proptest::collection::vec(any::<u8>(), 0..256),
    ]
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::default().struct_names(true)
}

fn arbitrary_input() -> impl Strategy<Value = Input> {
    let policy_text = || {
        prop_oneof![
            3 => any_policy().prop_map(|p| ron::ser::to_string_pretty(&p, pretty()).unwrap().into_bytes()),
            1 => Just(SEEDS[0].policy.clone().into_bytes()),
            1 => proptest::collection::vec(any::<u8>(), 0..512),
        ]
    };
    prop_oneof![
        // Raw bytes as the inventory.
        2 => proptest::collection::vec(any::<u8>(), 0..2048)
            .prop_map(|b| input_with(b, Vec::new(), Vec::new())),
        // Arbitrary Unicode text as the inventory.
        1 => any::<String>()
            .prop_map(|s| input_with(s.into_bytes(), Vec::new(), Vec::new())),
        // Token soup.
        2 => token_soup()
            .prop_map(|s| input_with(s.into_bytes(), SEEDS[0].policy.clone().into_bytes(), Vec::new())),
        // Generated inventories with arbitrary strings everywhere, and their policies.
        6 => (any_inventory(), policy_text(), proptest::option::of(any_waivers()))
            .prop_map(|(inventory, policy, waivers)| {
                let text = ron::ser::to_string_pretty(&inventory, pretty()).unwrap();
                let mut input =
                    input_with(text.into_bytes(), policy, DEFAULT_TAXONOMY.clone().into_bytes());
                input.files.extend(waivers.map(|w| ("waivers.ron".to_string(), w)));
                input
            }),
        // Arbitrary bytes as the taxonomy of a good inventory.
        1 => proptest::collection::vec(any::<u8>(), 0..1024).prop_map(|taxonomy| {
            let mut text = SEEDS[0].inventory.clone();
            apply(&mut text, &Mutation::PointFile(false, "taxonomy.ron"));
            input_with(text.into_bytes(), SEEDS[0].policy.clone().into_bytes(), taxonomy)
        }),
    ]
}

// ---------------------------------------------------------------------------------------
// Saving diverse inputs

static SEEN: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Mutex::default);

/// Under `FLOWMAP_FUZZ_SAVE=DIR`, saves the first input of each new outcome to DIR.
fn remember(target: &str, input: &Input, signature: &str) {
    let Some(dir) = std::env::var_os("FLOWMAP_FUZZ_SAVE") else {
        return;
    };
    if !SEEN.lock().unwrap().insert(signature.to_string()) {
        return;
    }
    let hash = signature.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    let folder = Path::new(&dir).join(format!("{target}-{hash:016x}"));
    if folder.exists() {
        return;
    }
    std::fs::create_dir_all(&folder).unwrap();
    for (name, bytes) in &input.files {
        if let Some(name) = disk_name(name) {
            std::fs::write(folder.join(name), bytes).unwrap();
        }
    }
    std::fs::write(folder.join("OUTCOME"), signature).unwrap();
}

/// Every seed, loaded and checked (the base of the diffs).
static CHECKED_SEEDS: LazyLock<Vec<Option<(FlowGraph, Report)>>> = LazyLock::new(|| {
    SEEDS
        .iter()
        .map(|s| {
            let input = input_with(
                s.inventory.clone().into_bytes(),
                s.policy.clone().into_bytes(),
                DEFAULT_TAXONOMY.clone().into_bytes(),
            );
            load(&input).ok().map(|graph| {
                let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
                (graph, report)
            })
        })
        .collect()
});

fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        timeout: CASE_TIMEOUT_MS,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        max_shrink_iters: 4096,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------
// The targets

proptest! {
    #![proptest_config(config(128))]

    /// A few seconds of arbitrary input in `cargo test`.
    #[test]
    fn bytes_short(input in arbitrary_input()) {
        let outcome = exercise(&input, CHECKED_SEEDS[0].as_ref());
        remember("bytes", &input, &outcome);
    }

    /// A few seconds of mutated inventories in `cargo test`.
    #[test]
    fn mutations_short((seed, input) in mutated_input()) {
        let outcome = exercise(&input, CHECKED_SEEDS[seed].as_ref());
        remember("mutations", &input, &outcome);
    }
}

proptest! {
    #![proptest_config(config(20_000))]

    /// The long run of arbitrary input (`--ignored`, in release mode).
    #[test]
    #[ignore = "long fuzz run: cargo test --release --test fuzz -- --ignored"]
    fn bytes_long(input in arbitrary_input()) {
        let outcome = exercise(&input, CHECKED_SEEDS[0].as_ref());
        remember("bytes", &input, &outcome);
    }

    /// The long run of mutated inventories (`--ignored`, in release mode).
    #[test]
    #[ignore = "long fuzz run: cargo test --release --test fuzz -- --ignored"]
    fn mutations_long((seed, input) in mutated_input()) {
        let outcome = exercise(&input, CHECKED_SEEDS[seed].as_ref());
        remember("mutations", &input, &outcome);
    }
}

// ---------------------------------------------------------------------------------------
// The corpus

/// Every entry of `tests/fixtures/fuzz/`: its files as the harness serves them.
fn corpus() -> Vec<(String, Input)> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(manifest("tests/fixtures/fuzz"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|dir| {
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .map(|p| {
                    (
                        p.file_name().unwrap().to_string_lossy().into_owned(),
                        std::fs::read(&p).unwrap(),
                    )
                })
                .collect();
            files.sort();
            // The policy is also served under the hostile name inventories may use.
            if let Some((_, policy)) = files.iter().find(|(n, _)| n == "policy.ron") {
                let policy = policy.clone();
                files.push((HOSTILE_FILE.into(), policy));
            }
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                Input {
                    files,
                    inventory: "inventory.ron".into(),
                },
            )
        })
        .collect()
}

/// Every saved input still passes every property; each crash the fuzzer found is here.
#[test]
fn corpus_replays() {
    let corpus = corpus();
    assert!(corpus.len() >= 10, "the corpus is in tests/fixtures/fuzz/");
    for (name, input) in &corpus {
        let result = std::panic::catch_unwind(|| exercise(input, CHECKED_SEEDS[0].as_ref()));
        if let Err(panic) = result {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("corpus entry {name}: {message}");
        }
    }
}

/// The corpus through the command line, as users run it: `flowmap check` in every format
/// and `flowmap export --format dot` rendered by the real Graphviz — no panic, exit 0, 1
/// or 2, and every DOT accepted by `dot`.
#[test]
#[cfg_attr(
    flowmap_no_dot,
    ignore = "needs Graphviz `dot` (apt-get install graphviz; missing when the tests were built)"
)]
fn corpus_through_the_cli_and_graphviz() {
    let graphviz = support::require_tool("dot", "graphviz");
    for (name, _) in corpus() {
        let dir = manifest("tests/fixtures/fuzz").join(&name);
        for format in ["human", "json", "sarif", "github"] {
            let output = assert_cmd::Command::cargo_bin("flowmap")
                .unwrap()
                .args(["check", "--format", format])
                .arg(&dir)
                .env("CLICOLOR_FORCE", "1")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                matches!(output.status.code(), Some(0..=2)),
                "{name} ({format}): {:?}\n{stderr}",
                output.status
            );
            assert!(!stderr.contains("panicked"), "{name}: {stderr}");
            let stdout = String::from_utf8(output.stdout).unwrap();
            assert_colour_only(&format!("{name} check --format {format}"), &stdout);
            assert_colour_only(&format!("{name} check stderr"), &stderr);
        }
        let output = assert_cmd::Command::cargo_bin("flowmap")
            .unwrap()
            .args(["export", "--format", "dot"])
            .arg(&dir)
            .output()
            .unwrap();
        if output.status.code() != Some(0) || !graphviz {
            continue;
        }
        let mut child = std::process::Command::new("dot")
            .arg("-Tplain")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(&output.stdout)
            .unwrap();
        let rendered = child.wait_with_output().unwrap();
        assert!(
            rendered.status.success(),
            "{name}: dot rejects the export: {}",
            String::from_utf8_lossy(&rendered.stderr)
        );
    }
}
