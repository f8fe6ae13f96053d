//! `flowmap check --min-severity`: what each format prints, what the summary and the
//! exit code still count, and GitHub annotations without notices unless asked. The
//! shipped inventory has errors, warnings and infos; how many of each is read from its
//! full JSON report, so the tests hold whatever the rules find in it.

mod support;

use std::collections::BTreeMap;

use support::flowmap_run;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The shipped inventory's findings, counted: by severity (errors, warnings, infos) and
/// by rule (its severity and count).
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
    rules: BTreeMap<String, (String, usize)>,
}

fn counts() -> Counts {
    let (_, out, _) = flowmap_run(&["check", "--format", "json"]);
    let report = json(&out);
    let summary = &report["summary"];
    let n = |key: &str| summary[key].as_u64().unwrap() as usize;
    let mut rules = BTreeMap::new();
    for finding in report["findings"].as_array().unwrap() {
        let rule = finding["rule"].as_str().unwrap().to_string();
        let severity = finding["severity"].as_str().unwrap().to_string();
        rules.entry(rule).or_insert((severity, 0)).1 += 1;
    }
    let counts = Counts {
        errors: n("errors"),
        warnings: n("warnings"),
        infos: n("infos"),
        rules,
    };
    assert!(
        counts.errors > 0 && counts.warnings > 0 && counts.infos > 0,
        "the shipped inventory has findings of every severity"
    );
    counts
}

#[test]
fn json_lists_the_findings_at_or_above_and_counts_every_one() {
    let all = counts();
    let (code, out, _) = flowmap_run(&["check", "--format", "json", "--min-severity", "error"]);
    assert_eq!(code, 1);
    let report = json(&out);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), all.errors);
    assert!(findings.iter().all(|f| f["severity"] == "error"));
    assert_eq!(
        report["summary"],
        serde_json::json!({"errors": all.errors, "warnings": all.warnings, "infos": all.infos, "waived": 0})
    );
}

#[test]
fn sarif_lists_the_results_at_or_above() {
    let all = counts();
    let (code, out, _) = flowmap_run(&["check", "--format", "sarif", "--min-severity", "warning"]);
    assert_eq!(code, 1);
    let log = json(&out);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), all.errors + all.warnings);
    assert!(results.iter().all(|r| r["level"] != "note"));
    // The rules stay described, FM201 included, for code scanning's rule list.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "FM201"));
}

#[test]
fn github_annotations_leave_notices_out_unless_asked() {
    let all = counts();
    let count = |text: &str, command: &str| text.lines().filter(|l| l.starts_with(command)).count();
    let (code, out, _) = flowmap_run(&["check", "--format", "github"]);
    assert_eq!(code, 1);
    assert_eq!(count(&out, "::error "), all.errors);
    assert_eq!(count(&out, "::warning "), all.warnings);
    assert_eq!(count(&out, "::notice "), 0, "{out}");
    let (_, out, _) = flowmap_run(&["check", "--format", "github", "--min-severity", "info"]);
    assert_eq!(count(&out, "::notice "), all.infos);
    assert_eq!(out.lines().count(), all.errors + all.warnings + all.infos);
    let (_, out, _) = flowmap_run(&["check", "--format", "github", "--min-severity", "error"]);
    assert_eq!(out.lines().count(), all.errors);
    assert_eq!(count(&out, "::error "), all.errors);
}

/// The per-rule summary's rows for the rules in `all` at or above `min`, in the order
/// the report gives them: most severe, then most frequent, then by id.
fn table(all: &Counts, min: &str) -> Vec<String> {
    let rank = |s: &str| match s {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    };
    let mut rows: Vec<(&String, &(String, usize))> = all
        .rules
        .iter()
        .filter(|(_, (severity, _))| rank(severity) >= rank(min))
        .collect();
    rows.sort_by_key(|(id, (severity, n))| (std::cmp::Reverse((rank(severity), *n)), *id));
    let mut lines = vec!["rule   severity  count  what it checks".to_string()];
    for (id, (severity, n)) in rows {
        let title = flowmap::Rule::from_id(id).unwrap().info().title;
        lines.push(format!("{id:<6} {severity:<8}  {n:>5}  {title}"));
    }
    lines
}

/// `3 warnings`, `1 warning`.
fn counted(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The human report's last line.
fn summary(all: &Counts) -> String {
    format!(
        "flowmap: {}, {}, {} (0 waived)",
        counted(all.errors, "error"),
        counted(all.warnings, "warning"),
        counted(all.infos, "info")
    )
}

#[test]
fn human_prints_the_diagnostics_at_or_above_and_says_what_it_left_out() {
    let all = counts();
    let (code, out, _) = flowmap_run(&["check", "--min-severity", "error"]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("error[FM").count(), all.errors);
    assert!(
        !out.contains("warning[FM") && !out.contains("note[FM"),
        "{out}"
    );
    let mut expected = table(&all, "error");
    expected.push(format!(
        "not shown (below --min-severity error): {}, {}",
        counted(all.warnings, "warning"),
        counted(all.infos, "info")
    ));
    expected.push(summary(&all));
    let tail: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("rule "))
        .collect();
    assert_eq!(tail, expected);
}

#[test]
fn the_human_report_ends_with_a_summary_per_rule() {
    let all = counts();
    let (_, out, _) = flowmap_run(&["check"]);
    let tail: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("rule "))
        .collect();
    let mut expected = table(&all, "info");
    expected.push(summary(&all));
    assert_eq!(tail, expected);
    // A clean inventory has no table.
    let (code, clean, _) = flowmap_run(&["check", &fixture("check/clean.ron")]);
    assert_eq!(code, 0);
    assert!(!clean.contains("rule   severity"), "{clean}");
    assert!(clean.ends_with("\nflowmap: 0 errors, 0 warnings, 0 infos (0 waived)\n"));
}

#[test]
fn hiding_findings_never_changes_what_fails_the_build() {
    // fm301.ron has warnings only: --deny warnings fails on them though none is printed.
    let path = fixture("check/fm301.ron");
    let (code, out, _) = flowmap_run(&[
        "check",
        &path,
        "--deny",
        "warnings",
        "--min-severity",
        "error",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("warning[FM301]"), "{out}");
    assert!(
        out.contains("not shown (below --min-severity error): 1 warning"),
        "{out}"
    );
    let (code, _, _) = flowmap_run(&["check", &path, "--min-severity", "error"]);
    assert_eq!(code, 0);
}

#[test]
fn an_unknown_severity_is_refused_with_the_choices() {
    let (code, _, err) = flowmap_run(&["check", "--min-severity", "notice"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("possible values: info, warning, error"),
        "{err}"
    );
}
