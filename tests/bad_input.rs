//! Broken files: each exits 2 with a clear message naming file, line and column — never
//! a panic.

mod support;

use assert_cmd::Command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/bad/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `flowmap check PATH`; asserts exit 2 and no panic; returns standard error.
fn fails_cleanly(path: &str) -> String {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", path])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{path}: {err}");
    assert!(!err.contains("panicked"), "{path} panicked: {err}");
    assert!(
        output.stdout.is_empty(),
        "nothing on stdout for a load error"
    );
    err
}

#[test]
fn empty_file() {
    let err = fails_cleanly(&fixture("empty.ron"));
    assert!(err.contains("error[FM001]"), "{err}");
    assert!(err.contains("empty.ron:1:1"), "{err}");
    assert!(
        err.contains("Inventory("),
        "says what an inventory looks like: {err}"
    );
}

#[test]
fn truncated_file() {
    let err = fails_cleanly(&fixture("truncated.ron"));
    assert!(err.contains("truncated.ron:4:53"), "{err}");
}

#[test]
fn wrong_type() {
    let err = fails_cleanly(&fixture("wrong-type.ron"));
    assert!(err.contains("wrong-type.ron:4:44"), "{err}");
    assert!(err.contains("Expected opening `[`"), "{err}");
}

#[test]
fn unknown_field_names_the_field() {
    let err = fails_cleanly(&fixture("unknown-field.ron"));
    assert!(err.contains("`retenton`"), "{err}");
    assert!(
        err.contains("`retention`"),
        "lists the expected fields: {err}"
    );
    assert!(err.contains("unknown-field.ron:4:52"), "{err}");
}

#[test]
fn not_utf8() {
    let err = fails_cleanly(&fixture("not-utf8.ron"));
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(err.contains("not-utf8.ron:2:15"), "{err}");
}

#[test]
fn random_bytes() {
    let err = fails_cleanly(&fixture("random.bin"));
    assert!(err.contains("random.bin:1:1"), "{err}");
    assert!(
        err.lines().all(|l| l.chars().count() < 200),
        "long lines are cut: {err}"
    );
}

#[test]
fn a_hundred_thousand_nested_brackets() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("bare.ron", "[".repeat(100_000)),
        (
            "inside.ron",
            format!(
                "Inventory(name: \"x\", sources: {}{})",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let err = fails_cleanly(path.to_str().unwrap());
        assert!(err.contains("error[FM001]"), "{err}");
        assert!(
            err.lines().all(|l| l.chars().count() < 200),
            "long lines are cut: {err}"
        );
    }
}

#[test]
fn missing_policy_file_names_the_path() {
    let err = fails_cleanly(&fixture("missing-policy.ron"));
    assert!(err.contains("no-such-policy.ron"), "{err}");
    assert!(err.contains("cannot read the policy file"), "{err}");
    assert!(err.contains("no such file"), "{err}");
    assert!(
        err.contains(":3:13"),
        "points at the `policy:` field: {err}"
    );
}

#[test]
fn missing_inventory_and_folder_without_inventory() {
    let err = fails_cleanly(&fixture("does-not-exist.ron"));
    assert!(
        err.contains("does-not-exist.ron") && err.contains("no such file"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let err = fails_cleanly(dir.path().to_str().unwrap());
    assert!(err.contains("inventory.ron"), "{err}");
}

#[test]
fn invalid_id_and_wrong_kind_of_file() {
    let err = fails_cleanly(&fixture("bad-id.ron"));
    assert!(
        err.contains("`Web Forms`") && err.contains("bad-id.ron:3:26"),
        "{err}"
    );
    let err = fails_cleanly(&fixture("policy-not-inventory.ron"));
    assert!(
        err.contains("Expected struct `Inventory` but found `Policy`"),
        "{err}"
    );
}

#[test]
fn a_policy_path_that_is_a_folder_or_a_device() {
    let dir = tempfile::tempdir().unwrap();
    for (target, expect) in [(".", "folder"), ("/dev/zero", "not a regular file")] {
        let path = dir.path().join("inventory.ron");
        std::fs::write(
            &path,
            format!("Inventory(name: \"x\", policy: Some({target:?}))"),
        )
        .unwrap();
        let err = fails_cleanly(path.to_str().unwrap());
        assert!(err.contains(expect), "{target}: {err}");
    }
}

#[test]
fn a_broken_taxonomy_is_fm001_in_the_taxonomy_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("inventory.ron"),
        "Inventory(name: \"x\", taxonomy: Some(\"tax.ron\"))",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tax.ron"),
        "Taxonomy(\n    categories: [\n        (name: \"contact.email\", description: \"e-mail\"),\n    ],\n)\n",
    )
    .unwrap();
    let err = fails_cleanly(dir.path().to_str().unwrap());
    assert!(err.contains("has no parent `contact`"), "{err}");
    assert!(err.contains("tax.ron:3:16"), "{err}");
}

#[test]
fn a_broken_file_outside_the_inventory_folder_is_located_but_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("inv")).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "SECRET_TOKEN=abc123\n").unwrap();
    let inventory = dir.path().join("inv/inventory.ron");
    std::fs::write(
        &inventory,
        "Inventory(name: \"x\", policy: Some(\"../secret.txt\"))",
    )
    .unwrap();
    let err = fails_cleanly(inventory.to_str().unwrap());
    assert!(err.contains("secret.txt:1:1"), "says where: {err}");
    assert!(
        !err.contains("SECRET_TOKEN") && !err.contains("abc123"),
        "quotes nothing of it: {err}"
    );
    assert!(err.contains("outside the inventory's folder"), "{err}");
    // Inside the folder the offending line is quoted as usual.
    std::fs::write(
        dir.path().join("inv/p.ron"),
        "Policy(title: \"t\", bogus: 1)\n",
    )
    .unwrap();
    std::fs::write(
        &inventory,
        "Inventory(name: \"x\", policy: Some(\"p.ron\"))",
    )
    .unwrap();
    let err = fails_cleanly(inventory.to_str().unwrap());
    assert!(err.contains("Policy(title: \"t\", bogus: 1)"), "{err}");
}

/// Writes `text` as an inventory in a temporary folder and runs `flowmap check` on it.
fn fails_cleanly_on(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.ron");
    std::fs::write(&path, text).unwrap();
    fails_cleanly(path.to_str().unwrap())
}

#[test]
fn unknown_certification_is_fm001_with_did_you_mean() {
    let err = fails_cleanly_on(
        "Inventory(name: \"x\",\n    recipients: [Recipient(id: \"r\", name: \"R\", kind: Partner, located: [\"US\"], certifications: [\"DPF-Uk\"])],\n)",
    );
    assert!(err.contains("error[FM001]"), "{err}");
    assert!(err.contains("unknown certification `DPF-Uk`"), "{err}");
    assert!(err.contains("did you mean `DPF-UK`"), "{err}");
    assert!(err.contains("inventory.ron:2:"), "names the line: {err}");
}

#[test]
fn unknown_mechanism_is_fm001_with_did_you_mean() {
    let err = fails_cleanly_on(
        "Inventory(name: \"x\",\n    flows: [Flow(from: \"a\", to: \"b\", data: [\"contact\"], mechanism: Some(Scc2011))],\n)",
    );
    assert!(err.contains("error[FM001]"), "{err}");
    assert!(err.contains("did you mean `Scc2010`?"), "{err}");
    assert!(err.contains("inventory.ron:2:"), "{err}");
}

#[test]
fn an_entity_on_a_source_is_fm001() {
    let err = fails_cleanly_on(
        "Inventory(name: \"x\",\n    sources: [Source(id: \"s\", name: \"S\", located: [\"DE\"], entity: Some(\"x\"))],\n)",
    );
    assert!(err.contains("error[FM001]"), "{err}");
    assert!(
        err.contains("a source is the data subjects and holds nothing"),
        "{err}"
    );
    assert!(err.contains("inventory.ron:2:"), "{err}");
}

#[test]
fn an_as_of_before_the_member_states_laws_is_refused() {
    // Directive 95/46/EC Art. 32(1): the Member States' laws were due by 1998-10-24.
    let err = fails_cleanly_on("Inventory(name: \"x\",\n    as_of: Some(\"1998-10-24\"),\n)");
    assert!(err.contains("error[FM001]"), "{err}");
    assert!(err.contains("no law before 1998-10-25"), "{err}");
    assert!(err.contains("due by 1998-10-24 (Art. 32(1))"), "{err}");
    assert!(err.contains("inventory.ron:2:"), "{err}");
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["check", "--as-of", "1998-10-24"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("no law before 1998-10-25"), "{err}");
    assert!(
        err.contains("from 1998-10-25 on"),
        "says the earliest date it accepts: {err}"
    );
    // The first day itself is judged.
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["check", "--as-of", "1998-10-25", "--format", "json"])
        .output()
        .unwrap();
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn established_and_representatives_must_be_jurisdictions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.ron");
    std::fs::write(
        &path,
        "Inventory(name: \"x\",\n    established: [\"UK\"],\n    representatives: [\"Germany\"],\n)",
    )
    .unwrap();
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("error[FM005]: unknown jurisdiction `UK`: did you mean `GB`?"),
        "{out}"
    );
    assert!(out.contains("inventory.ron:2:19"), "{out}");
    assert!(
        out.contains("unknown jurisdiction `Germany`: did you mean `DE`?"),
        "{out}"
    );
    assert!(out.contains("inventory.ron:3:23"), "{out}");
}

/// `flowmap check PATH --format FORMAT`: (exit code, stdout, stderr).
fn check_as(path: &str, format: &str) -> (i32, String, String) {
    support::flowmap_run(&["check", path, "--format", format])
}

#[test]
fn a_missing_file_is_no_rule_in_every_format_and_an_invalid_one_fm001_in_every_format() {
    let missing = "/nonexistent/inventory.ron";
    let (code, out, err) = check_as(missing, "human");
    let human = out + &err;
    assert_eq!(code, 2);
    assert!(
        !human.contains("FM001") && human.contains("cannot read"),
        "{human}"
    );
    let (code, json, _) = check_as(missing, "json");
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json["findings"][0]["rule"].is_null(), "{json}");
    let (code, sarif, _) = check_as(missing, "sarif");
    assert_eq!(code, 2);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert!(result.get("ruleId").is_none(), "{result}");
    assert_eq!(result["level"], "error");
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("cannot read")
    );
    let (code, github, _) = check_as(missing, "github");
    assert_eq!(code, 2);
    assert!(
        github.starts_with("::error file=/nonexistent/inventory.ron,line=1,col=1,"),
        "{github}"
    );
    assert!(!github.contains("FM001"), "{github}");

    let invalid = fixture("empty.ron");
    let (_, out, err) = check_as(&invalid, "human");
    assert!((out + &err).contains("error[FM001]"));
    let (_, json, _) = check_as(&invalid, "json");
    assert!(json.contains("\"rule\": \"FM001\""), "{json}");
    let (_, sarif, _) = check_as(&invalid, "sarif");
    assert!(sarif.contains("\"ruleId\": \"FM001\""), "{sarif}");
    let (_, github, _) = check_as(&invalid, "github");
    assert!(github.contains("title=FM001"), "{github}");
}
