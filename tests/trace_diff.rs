//! `flowmap trace` (paths, border crossings, transfers and their verdicts on `--as-of`,
//! cycles) and `flowmap diff` (each kind of change, and its exit code for CI).

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
    // a and b are both the controller's: the hop crosses a border but is no transfer,
    // whatever mechanism it names.
    assert!(
        hops[1].contains("b (store; US)")
            && hops[1].contains("⇄ DE → US (same entity, not a transfer)")
            && !hops[1].contains('⚖'),
        "{}",
        hops[1]
    );
    // The controller (established nowhere, collecting in DE) discloses EU data to r.
    assert!(
        hops[2].contains("r (recipient; US)")
            && hops[2].contains("[contact.email]")
            && hops[2].ends_with("⚖ EU transfer, no mechanism"),
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
    // Visitors hand their data to Confluent's own store: a collection, not a transfer.
    assert!(
        out.contains(
            "→ website-data (store; US, *)  [location.precise]  ⇄ EEA → US, * (collection, not a transfer)\n"
        ),
        "{out}"
    );
    // Confluent's disclosures of EU visitors' data are transfers, border or not.
    assert!(
        out.contains("→ affiliates (recipient; US, *)  [location.precise]  ⚖ EU transfer via Consent, derogation; CH transfer via Consent, derogation\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "→ partners (recipient; *)  [location.precise]  ⇄ US → *  ⚖ EU transfer, no mechanism; CH transfer, no mechanism\n"
        ),
        "{out}"
    );
}

/// A controller established in DE: a web form in DE collects into its store in
/// `store`, which discloses to a `Partner` in the US certified `certifications` on
/// `mechanism`; the partner's processor in the US gets the data on from it.
fn transfers(store: &str, certifications: &str, mechanism: &str) -> String {
    format!(
        r#"Inventory(
    name: "Transfers",
    controller: Some("Acme GmbH"),
    established: ["DE"],
    as_of: Some("2024-01-01"),
    sources: [Source(id: "web", name: "Web form", located: ["DE"], collects: ["contact.email"])],
    stores: [Store(id: "crm", name: "CRM", located: ["{store}"], retention: Some("1y"), safeguards: ["x"])],
    recipients: [
        Recipient(id: "partner", name: "Partner", kind: Partner, located: ["US"], certifications: {certifications}),
        Recipient(id: "host", name: "Host", kind: ServiceProvider, located: ["US"]),
    ],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract)),
        Flow(from: "crm", to: "partner", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract), mechanism: {mechanism}),
        Flow(from: "partner", to: "host", data: ["contact.email"], purposes: ["service.operation"]),
    ],
)"#
    )
}

/// The hop lines of `trace` output.
fn hops(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.trim_start().starts_with('→'))
        .collect()
}

#[test]
fn trace_marks_each_transfer_with_its_regime_and_verdict() {
    let (_dir, path) = inventory(&transfers("DE", "[]", "None"));
    let (code, out, err) = flowmap(&["trace", &path, "--category", "contact.email"]);
    assert_eq!(code, 0, "{err}");
    let lines = hops(&out);
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0].trim(),
        "→ crm (store; DE)  [contact.email]",
        "no border, no transfer"
    );
    assert_eq!(
        lines[1].trim(),
        "→ partner (recipient; US)  [contact.email]  ⇄ DE → US  ⚖ EU transfer, no mechanism"
    );
    // The partner, not subject to EU law, passes the EU data on in the US.
    assert_eq!(
        lines[2].trim(),
        "→ host (recipient; US)  [contact.email]  ⚖ onward transfer of EU data"
    );

    // The same, the store in the US: the data subjects hand their data to the
    // controller there, a collection; the disclosure in the US is still a transfer.
    let (_dir, path) = inventory(&transfers("US", "[]", "Some(Scc)"));
    let (_, out, _) = flowmap(&["trace", &path, "--from", "web"]);
    let lines = hops(&out);
    assert_eq!(
        lines[0].trim(),
        "→ crm (store; US)  [contact.email]  ⇄ DE → US (collection, not a transfer)"
    );
    assert_eq!(
        lines[1].trim(),
        "→ partner (recipient; US)  [contact.email]  ⚖ EU transfer via Scc, covered"
    );
}

#[test]
fn trace_judges_transfers_on_as_of() {
    let (_dir, path) = inventory(&transfers("DE", r#"["SafeHarbor"]"#, "Some(SafeHarbor)"));
    let partner = |as_of: Option<&str>| {
        let mut args = vec!["trace", &path, "--from", "crm"];
        if let Some(day) = as_of {
            args.extend(["--as-of", day]);
        }
        let (code, out, err) = flowmap(&args);
        assert_eq!(code, 0, "{err}");
        hops(&out)[0].trim().to_string()
    };
    // Safe Harbor was an adequacy decision for certified importers up to 2015-10-05...
    assert_eq!(
        partner(Some("2015-10-05")),
        "→ partner (recipient; US)  [contact.email]  ⇄ DE → US  ⚖ EU transfer, adequate"
    );
    // ...and covers nothing from 2015-10-06 (CJEU C-362/14).
    assert_eq!(
        partner(Some("2015-10-06")),
        "→ partner (recipient; US)  [contact.email]  ⇄ DE → US  ⚖ EU transfer via SafeHarbor, not covered"
    );
    // Without --as-of: the inventory's date.
    assert_eq!(partner(None), partner(Some("2024-01-01")));
    // A day before any law flowmap knows, or no date at all: exit 2.
    for bad in ["1990-01-01", "2015-02-30"] {
        let (code, _, err) = flowmap(&["trace", &path, "--from", "crm", "--as-of", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
    }
}

#[test]
fn trace_marks_a_transfer_only_for_the_data_it_carries() {
    // Established nowhere, the controller is subject to EU law only for what it collects
    // in the EEA: the flow to r is an EU transfer of the email, not of the IP address it
    // collects in the US.
    let text = r#"Inventory(
    name: "Reach",
    sources: [
        Source(id: "form", name: "Form", located: ["DE"], collects: ["contact.email"]),
        Source(id: "logs", name: "Logs", located: ["US"], collects: ["device.ip_address"]),
    ],
    stores: [Store(id: "a", name: "A", located: ["US"], retention: Some("1y"), safeguards: ["x"])],
    recipients: [Recipient(id: "r", name: "R", kind: Partner, located: ["CA"])],
    flows: [
        Flow(from: "form", to: "a", data: ["contact.email"], purposes: ["service.operation"]),
        Flow(from: "logs", to: "a", data: ["device.ip_address"], purposes: ["service.operation"]),
        Flow(from: "a", to: "r", data: ["contact.email", "device.ip_address"], purposes: ["service.operation"]),
    ],
)"#;
    let (_dir, path) = inventory(text);
    let (_, out, _) = flowmap(&["trace", &path, "--category", "contact.email"]);
    let last = *hops(&out).last().unwrap();
    assert!(last.contains("⚖ EU transfer, "), "{out}");
    let (_, out, _) = flowmap(&["trace", &path, "--category", "device.ip_address"]);
    let last = *hops(&out).last().unwrap();
    assert!(
        last.ends_with("⇄ US → CA (not a transfer of this data)"),
        "{out}"
    );
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
