//! `flowmap trace` (paths, border crossings, cycles) and `flowmap diff` (each kind of
//! change, and its exit code for CI).

use assert_cmd::Command;

fn flowmap(args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn clean() -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/check/clean.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Writes `text` as an inventory in a fresh folder; returns the folder and the path.
fn inventory(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.ron");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

const CYCLE: &str = r#"Inventory(
    name: "Cycle",
    sources: [Source(id: "form", name: "Form", located: ["DE"], collects: ["contact.email"])],
    stores: [
        Store(id: "a", name: "A", located: ["DE"], retention: Some("1y"), safeguards: ["x"]),
        Store(id: "b", name: "B", located: ["US"], retention: Some("1y"), safeguards: ["x"]),
    ],
    recipients: [Recipient(id: "r", name: "R", kind: Partner, located: ["US"])],
    flows: [
        Flow(from: "form", to: "a", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)),
        Flow(from: "a", to: "b", data: ["contact"], purposes: ["service.operation"], mechanism: Some(Scc)),
        Flow(from: "b", to: "a", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Scc)),
        Flow(from: "b", to: "r", data: ["contact.email", "device.ip_address"], purposes: ["service.operation"]),
        Flow(from: "a", to: "r", data: ["device.ip_address"], purposes: ["service.operation"], mechanism: Some(Scc)),
    ],
)"#;

#[test]
fn trace_a_category_through_a_cycle_lists_each_path_once() {
    let (_dir, path) = inventory(CYCLE);
    let (code, out, _) = flowmap(&["trace", &path, "--category", "contact.email"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("1 path of data of category `contact.email`:"),
        "{out}"
    );
    let hops: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with('→'))
        .collect();
    assert_eq!(
        hops.len(),
        3,
        "form → a → b → r; the cycle back to a is not followed:\n{out}"
    );
    assert!(
        hops[1].contains("b (store; US)") && hops[1].contains("⇄ DE → US via Scc"),
        "{}",
        hops[1]
    );
    assert!(
        hops[2].contains("r (recipient; US)") && hops[2].contains("[contact.email]"),
        "{}",
        hops[2]
    );
    assert!(
        !out.contains("device.ip_address"),
        "only the traced category"
    );
}

#[test]
fn trace_from_a_node_follows_the_data_that_left_it() {
    let (_dir, path) = inventory(CYCLE);
    let (_, out, _) = flowmap(&["trace", &path, "--from", "a"]);
    assert!(out.starts_with("2 paths of data leaving `a`:"), "{out}");
    let (code, _, err) = flowmap(&["trace", &path, "--from", "nobody"]);
    assert_eq!(code, 2);
    assert!(err.contains("no node has the id `nobody`"), "{err}");
    let (code, _, err) = flowmap(&["trace", &path, "--category", "contact.emial"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `contact.email`"), "{err}");
    let (code, _, _) = flowmap(&["trace", &path]);
    assert_eq!(code, 2, "--category or --from is required");
}

#[test]
fn trace_the_shipped_inventory() {
    let (code, out, _) = flowmap(&["trace", "--category", "location.precise"]);
    assert_eq!(code, 0);
    assert!(out.contains("mobile-devices (source; EEA, US, *)"), "{out}");
    assert!(out.contains("⇄ EEA → US, * via Consent"), "{out}");
}

#[test]
fn diff_of_identical_inventories_is_empty() {
    let (_a, old) = inventory(&clean());
    let (code, out, _) = flowmap(&["diff", &old, &old]);
    assert_eq!(code, 0);
    assert!(out.starts_with("No differences"), "{out}");
}

#[test]
fn diff_nodes_and_flows_added_removed_changed() {
    let (_a, old) = inventory(&clean());
    let changed = clean()
        .replace(r#"name: "Customer database""#, r#"name: "CRM""#)
        .replace(r#"purposes: ["communications.service"],"#, r#"purposes: ["communications.service", "service.support"],"#)
        .replace(
            "    recipients: [",
            "    recipients: [\n        Recipient(id: \"auditor\", name: \"Auditor\", kind: Partner, located: [\"DE\"]),",
        )
        .replace(
            "    flows: [",
            "    flows: [\n        Flow(from: \"crm\", to: \"auditor\", data: [\"contact.name\"], purposes: [\"legal.compliance\"]),",
        );
    let (_b, new) = inventory(&changed);
    let (code, out, _) = flowmap(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(code, 0, "no new error");
    let diff: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(diff["nodes"]["added"], serde_json::json!(["auditor"]));
    assert_eq!(diff["flows"]["added"], serde_json::json!(["crm->auditor"]));
    assert_eq!(diff["nodes"]["changed"][0][0], "crm");
    assert_eq!(diff["nodes"]["changed"][0][1][0]["field"], "name");
    assert_eq!(
        diff["nodes"]["changed"][0][1][0]["old"],
        "Customer database"
    );
    assert_eq!(diff["nodes"]["changed"][0][1][0]["new"], "CRM");
    assert_eq!(diff["flows"]["changed"][0][0], "crm->mailer");
    assert_eq!(diff["flows"]["changed"][0][1][0]["field"], "purposes");
    // And the other way round: removed.
    let (_, out, _) = flowmap(&["diff", &new, &old, "--format", "json"]);
    let diff: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(diff["nodes"]["removed"], serde_json::json!(["auditor"]));
    assert_eq!(
        diff["flows"]["removed"],
        serde_json::json!(["crm->auditor"])
    );
}

#[test]
fn diff_new_route_and_error_fails_the_build_and_the_fix_resolves_it() {
    let (_a, old) = inventory(&clean());
    let to_us = clean().replace(r#"located: ["FR"]"#, r#"located: ["US"]"#);
    let (_b, new) = inventory(&to_us);
    let (code, out, _) = flowmap(&["diff", &old, &new]);
    assert_eq!(code, 1, "a new error finding fails the gate:\n{out}");
    assert!(out.contains("⇄ EEA → US (crm->mailer)"), "{out}");
    assert!(out.contains("+ error FM202 crm->mailer"), "{out}");
    let (code, markdown, _) = flowmap(&["diff", &old, &new, "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(
        markdown.contains("### New cross-border routes"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| error | FM202 | `crm->mailer` |"),
        "{markdown}"
    );
    // The reverse change resolves the finding and exits 0.
    let (code, out, _) = flowmap(&["diff", &new, &old]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Resolved findings:") && out.contains("- error FM202 crm->mailer"),
        "{out}"
    );
}

#[test]
fn diff_reports_an_unreadable_side_with_exit_2() {
    let (_a, old) = inventory(&clean());
    let (code, _, err) = flowmap(&["diff", &old, "/no/such/inventory.ron"]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/inventory.ron"), "{err}");
}
