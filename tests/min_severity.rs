//! `flowmap check --min-severity`: what each format prints, what the summary and the
//! exit code still count, and GitHub annotations without notices unless asked. The
//! shipped inventory has 13 errors, 7 warnings and 21 infos.

mod support;

use support::flowmap_run;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_lists_the_findings_at_or_above_and_counts_every_one() {
    let (code, out, _) = flowmap_run(&["check", "--format", "json", "--min-severity", "error"]);
    assert_eq!(code, 1);
    let report = json(&out);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 13);
    assert!(findings.iter().all(|f| f["severity"] == "error"));
    assert_eq!(
        report["summary"],
        serde_json::json!({"errors": 13, "warnings": 7, "infos": 21, "waived": 0})
    );
    let (_, all, _) = flowmap_run(&["check", "--format", "json"]);
    assert_eq!(json(&all)["findings"].as_array().unwrap().len(), 41);
}

#[test]
fn sarif_lists_the_results_at_or_above() {
    let (code, out, _) = flowmap_run(&["check", "--format", "sarif", "--min-severity", "warning"]);
    assert_eq!(code, 1);
    let log = json(&out);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 20);
    assert!(results.iter().all(|r| r["level"] != "note"));
    // The rules stay described, FM201 included, for code scanning's rule list.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "FM201"));
}

#[test]
fn github_annotations_leave_notices_out_unless_asked() {
    let count = |text: &str, command: &str| text.lines().filter(|l| l.starts_with(command)).count();
    let (code, out, _) = flowmap_run(&["check", "--format", "github"]);
    assert_eq!(code, 1);
    assert_eq!(count(&out, "::error "), 13);
    assert_eq!(count(&out, "::warning "), 7);
    assert_eq!(count(&out, "::notice "), 0, "{out}");
    let (_, out, _) = flowmap_run(&["check", "--format", "github", "--min-severity", "info"]);
    assert_eq!(count(&out, "::notice "), 21);
    assert_eq!(out.lines().count(), 41);
    let (_, out, _) = flowmap_run(&["check", "--format", "github", "--min-severity", "error"]);
    assert_eq!(out.lines().count(), 13);
    assert_eq!(count(&out, "::error "), 13);
}

#[test]
fn human_prints_the_diagnostics_at_or_above_and_says_what_it_left_out() {
    let (code, out, _) = flowmap_run(&["check", "--min-severity", "error"]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("error[FM").count(), 13);
    assert!(
        !out.contains("warning[FM") && !out.contains("note[FM"),
        "{out}"
    );
    let tail: Vec<&str> = out.lines().rev().take(5).collect();
    assert_eq!(
        tail,
        [
            "flowmap: 13 errors, 7 warnings, 21 infos (0 waived)",
            "not shown (below --min-severity error): 7 warnings, 21 infos",
            "FM105  error         6  a flow sends data to a jurisdiction the cited sections do not disclose",
            "FM202  error         7  a restricted transfer that names no mechanism",
            "rule   severity  count  what it checks",
        ]
    );
}

#[test]
fn the_human_report_ends_with_a_summary_per_rule() {
    let (_, out, _) = flowmap_run(&["check"]);
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("rule "))
        .collect();
    assert_eq!(
        table,
        [
            "rule   severity  count  what it checks",
            "FM202  error         7  a restricted transfer that names no mechanism",
            "FM105  error         6  a flow sends data to a jurisdiction the cited sections do not disclose",
            "FM203  warning       3  a restricted transfer that rests on a derogation",
            "FM303  warning       2  a flow with no purpose, or no legal basis when it leaves a source",
            "FM207  warning       1  a controller subject only through its reach names no representative there",
            "FM301  warning       1  a store with no retention period",
            "FM201  info         21  a cross-border flow or a transfer",
            "flowmap: 13 errors, 7 warnings, 21 infos (0 waived)",
        ]
    );
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
