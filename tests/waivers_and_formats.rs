//! Waivers (active, expired, unmatched) and the CI formats: SARIF parsed back field by
//! field, GitHub workflow commands checked line by line.

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// fm005.ron has one error: FM005 on `mailer`.
fn with_waivers(text: &str, format: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("waivers.ron");
    std::fs::write(&path, text).unwrap();
    run(&[
        "check",
        &fixture("check/fm005.ron"),
        "--waivers",
        path.to_str().unwrap(),
        "--format",
        format,
    ])
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn an_active_waiver_waives_and_does_not_fail_the_build() {
    let (code, out) = with_waivers(
        r#"[(rule: "FM005", subject: "mailer", reason: "UK office, code fixed next release", expires: Some("2999-12-31"))]"#,
        "json",
    );
    assert_eq!(code, 0, "{out}");
    let report = json(&out);
    assert_eq!(report["findings"][0]["rule"], "FM005");
    assert_eq!(report["findings"][0]["waived"], true);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["waived"], 1);
}

#[test]
fn an_expired_waiver_waives_nothing_and_is_a_warning() {
    let (code, out) = with_waivers(
        r#"[
    (rule: "FM005", subject: "mailer", reason: "temporary", expires: Some("2020-01-01")),
]"#,
        "json",
    );
    assert_eq!(code, 1, "the finding counts again");
    let report = json(&out);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["FM005", "FM401"]);
    let expired = &report["findings"][1];
    assert_eq!(expired["severity"], "warning");
    assert!(expired["file"].as_str().unwrap().ends_with("waivers.ron"));
    assert_eq!(
        (expired["line"].as_u64(), expired["column"].as_u64()),
        (Some(2), Some(70))
    );
}

#[test]
fn an_unmatched_waiver_is_a_warning() {
    let (code, out) = with_waivers(
        r#"[(rule: "FM005", subject: "mailer", reason: "ok"), (rule: "FM203", subject: "nobody", reason: "stale"), (rule: "FM999", subject: "x", reason: "typo")]"#,
        "json",
    );
    assert_eq!(code, 0);
    let report = json(&out);
    let unmatched: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "FM402")
        .collect();
    assert_eq!(unmatched.len(), 2);
    assert_eq!(unmatched[0]["subject"], "nobody");
    assert!(
        unmatched[1]["message"]
            .as_str()
            .unwrap()
            .contains("there is no rule `FM999`")
    );
    // With --deny warnings the stale waivers fail the build.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    std::fs::write(
        &path,
        r#"[(rule: "FM203", subject: "nobody", reason: "stale")]"#,
    )
    .unwrap();
    let (code, _) = run(&[
        "check",
        &fixture("check/clean.ron"),
        "--waivers",
        path.to_str().unwrap(),
        "--deny",
        "warnings",
    ]);
    assert_eq!(code, 1);
}

#[test]
fn a_broken_waivers_file_is_fm001() {
    let (code, out) = with_waivers(
        r#"[(rule: "FM005", subjet: "mailer", reason: "x")]"#,
        "json",
    );
    assert_eq!(code, 2);
    assert_eq!(json(&out)["findings"][0]["rule"], "FM001");
}

#[test]
fn sarif_parses_back_field_by_field() {
    let (code, out) = with_waivers(
        r#"[(rule: "FM005", subject: "mailer", reason: "accepted risk")]"#,
        "sarif",
    );
    assert_eq!(code, 0);
    let log = json(&out);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "flowmap");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "FM001", "FM005", "FM101", "FM205", "FM304", "FM401", "FM402",
    ] {
        assert!(ids.contains(&id), "{id} missing from the rules");
    }
    let fm005 = rules.iter().find(|r| r["id"] == "FM005").unwrap();
    assert!(
        fm005["help"]["text"]
            .as_str()
            .unwrap()
            .contains("ISO 3166-1")
    );
    assert_eq!(fm005["defaultConfiguration"]["level"], "error");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["ruleId"], "FM005");
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "FM005"
    );
    assert_eq!(result["level"], "error");
    let physical = &result["locations"][0]["physicalLocation"];
    assert!(
        physical["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("tests/fixtures/check/fm005.ron")
    );
    assert_eq!(physical["region"]["startLine"], 32);
    assert_eq!(physical["region"]["startColumn"], 23);
    assert_eq!(result["suppressions"][0]["kind"], "external");
    assert_eq!(result["suppressions"][0]["justification"], "accepted risk");
}

#[test]
fn github_commands_annotate_the_right_lines() {
    let (code, out) = run(&[
        "check",
        &fixture("check/fm002-flow.ron"),
        "--format",
        "github",
    ]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let error = lines
        .iter()
        .find(|l| l.starts_with("::error "))
        .expect("one error");
    assert!(
        error.contains(
            "tests/fixtures/check/fm002-flow.ron,line=43,col=9,title=FM002 duplicate id::"
        ),
        "{error}"
    );
    assert!(error.contains("signup->crm"));
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::warning ")).count(),
        2
    );
    // Messages never contain raw newlines, and properties escape `,` and `:`.
    assert!(lines.iter().all(|l| l.matches("::").count() >= 2));
}
