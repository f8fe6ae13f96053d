//! The `flowmap` binary as a user runs it: exit codes, output formats, colour, paths.

use assert_cmd::Command;

fn flowmap() -> Command {
    let mut cmd = Command::cargo_bin("flowmap").expect("binary builds");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(cmd: &mut Command) -> (i32, String) {
    let output = cmd.output().expect("runs");
    (
        output.status.code().expect("exits"),
        String::from_utf8(output.stdout).expect("UTF-8"),
    )
}

#[test]
fn exit_0_when_clean() {
    let (code, out) = stdout_of(flowmap().args(["check", &fixture("check/clean.ron")]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("flowmap: 0 errors, 0 warnings, 0 infos (0 waived)"),
        "{out}"
    );
}

#[test]
fn exit_1_on_an_error_finding() {
    let (code, out) = stdout_of(flowmap().args(["check", &fixture("check/fm005.ron")]));
    assert_eq!(code, 1);
    assert!(out.contains("error[FM005]"), "{out}");
    assert!(out.contains("fm005.ron:32:23"), "{out}");
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let path = fixture("check/fm301.ron");
    let (code, _) = stdout_of(flowmap().args(["check", &path]));
    assert_eq!(code, 0, "a warning alone does not fail the run");
    let (code, _) = stdout_of(flowmap().args(["check", &path, "--deny", "warnings"]));
    assert_eq!(code, 1);
}

#[test]
fn exit_2_on_a_parse_error_and_on_bad_arguments() {
    let output = flowmap()
        .args(["check", &fixture("bad/unknown-field.ron")])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("error[FM001]"), "{err}");
    assert!(err.contains("unknown-field.ron:4:52"), "{err}");
    let output = flowmap()
        .args(["check", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = flowmap()
        .args(["check", "--as-of", "2015-13-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_output_has_the_documented_shape() {
    let (code, out) = stdout_of(flowmap().args([
        "check",
        &fixture("check/fm002-flow.ron"),
        "--format",
        "json",
    ]));
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let findings = json["findings"].as_array().expect("findings array");
    assert_eq!(findings.len(), 3);
    let dup = findings
        .iter()
        .find(|f| f["rule"] == "FM002")
        .expect("FM002 present");
    for key in [
        "rule", "severity", "subject", "message", "file", "line", "column", "section", "waived",
    ] {
        assert!(dup.get(key).is_some(), "missing {key} in {dup}");
    }
    assert_eq!(dup["severity"], "error");
    assert_eq!(dup["subject"], "signup->crm");
    assert_eq!(dup["line"], 43);
    assert_eq!(dup["column"], 9);
    assert_eq!(dup["waived"], false);
    assert!(dup["file"].as_str().unwrap().ends_with("fm002-flow.ron"));
    let record = findings.iter().find(|f| f["rule"] == "FM303").unwrap();
    assert_eq!(record["section"], "GDPR Art. 30(1)(b), Art. 6(1)");
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 2);
    assert_eq!(json["summary"]["infos"], 0);
    assert_eq!(json["summary"]["waived"], 0);
}

#[test]
fn json_load_error_is_still_json_and_exits_2() {
    let (code, out) =
        stdout_of(flowmap().args(["check", &fixture("bad/truncated.ron"), "--format", "json"]));
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["findings"][0]["rule"], "FM001");
    assert_eq!(json["findings"][0]["line"], 4);
}

#[test]
fn piped_output_and_no_color_are_free_of_escape_sequences() {
    let path = fixture("check/fm005.ron");
    let (_, piped) = stdout_of(flowmap().args(["check", &path]));
    assert!(!piped.contains('\u{1b}'), "piped output must be plain");
    let (_, forced) = stdout_of(flowmap().args(["check", &path]).env("CLICOLOR_FORCE", "1"));
    assert!(
        forced.contains("\u{1b}["),
        "CLICOLOR_FORCE colours the report"
    );
    let (_, no_color) = stdout_of(
        flowmap()
            .args(["check", &path])
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1"),
    );
    assert!(!no_color.contains('\u{1b}'), "NO_COLOR wins");
}

#[test]
fn a_folder_path_reads_its_inventory_ron() {
    let (code, out) = stdout_of(flowmap().args(["check", &fixture("check/fm003-section")]));
    assert_eq!(code, 1);
    assert!(out.contains("fm003-section/inventory.ron:42:36"), "{out}");
    assert!(out.contains("fm003-section/policy.ron:18:24"), "{out}");
}

#[test]
fn the_built_in_inventory_works_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = flowmap()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(!files.is_empty(), "the Confluent inventory has findings");
    assert!(
        files.iter().all(|f| f.starts_with("<built-in>/")),
        "{files:?}"
    );
    // With no subcommand, flowmap prints the same report for people.
    let output = flowmap().current_dir(dir.path()).output().unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("<built-in>/confluent-2015/inventory.ron")
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.ron");
    std::fs::write(
        &path,
        "Inventory(name: \"x\", stores: [Store(id: \"crm\", name: \"\u{1b}]0;pwned\u{7}\", located: [\"D\u{1b}[2JE\"])])",
    )
    .unwrap();
    let (code, out) = stdout_of(flowmap().args(["check", path.to_str().unwrap()]));
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("D\\u{1b}[2JE"),
        "the escape is shown visibly: {out}"
    );
}

#[test]
fn the_bare_command_takes_as_of_too() {
    let (code, out) = stdout_of(flowmap().args(["--as-of", "2015-10-01"]));
    assert_eq!(code, 0, "browsing is not a gate");
    assert!(
        out.contains("no adequacy decision of EU law covers on 2015-10-01"),
        "{out}"
    );
}
