//! The shipped Confluent 2015 inventory: it loads from the binary and its full check
//! report is pinned, so any change to the inventory, the policy or a rule is a reviewed
//! change (`cargo insta review`).

use assert_cmd::Command;

fn report(args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn confluent_check_report_is_pinned() {
    let (code, out) = report(&["check"]);
    assert_eq!(
        code, 1,
        "the 2015 policy leaves five transfers undisclosed (FM105)"
    );
    insta::assert_snapshot!("confluent_human", out);
}

#[test]
fn confluent_json_report_is_pinned() {
    let (_, out) = report(&["check", "--format", "json"]);
    insta::assert_snapshot!("confluent_json", out);
}

#[test]
fn the_built_in_copy_and_the_file_on_disk_agree() {
    let (_, builtin) = report(&["check", "--format", "json"]);
    let dir = format!("{}/inventory/confluent-2015", env!("CARGO_MANIFEST_DIR"));
    let (_, disk) = report(&["check", &dir, "--format", "json"]);
    let strip = |s: &str| {
        s.replace("<built-in>/confluent-2015/", "")
            .replace(&format!("{dir}/"), "")
    };
    assert_eq!(strip(&builtin), strip(&disk));
}

#[test]
fn the_verdict_rests_on_consent_on_every_date() {
    // The policy rests EU-US transfers on consent, not Safe Harbor: Schrems I changes
    // nothing for it, and every routine transfer out of the EEA is FM203 on each date.
    for as_of in ["2015-10-01", "2015-11-08", "2026-11-29"] {
        let (_, out) = report(&["check", "--as-of", as_of, "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let derogations = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "FM203")
            .count();
        assert_eq!(derogations, 13, "{as_of}");
        assert_eq!(json["summary"]["errors"], 5, "{as_of}");
    }
}
