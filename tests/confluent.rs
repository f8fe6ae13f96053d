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

fn findings(as_of: &str) -> Vec<serde_json::Value> {
    let (_, out) = report(&["check", "--as-of", as_of, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["findings"].as_array().unwrap().clone()
}

fn count(findings: &[serde_json::Value], rule: &str, text: &str) -> usize {
    findings
        .iter()
        .filter(|f| f["rule"] == rule && f["message"].as_str().unwrap().contains(text))
        .count()
}

#[test]
fn collections_are_no_transfers_and_disclosures_are() {
    // EDPB Guidelines 05/2021: the visitors handing data to Confluent's US store is
    // collection; Confluent's disclosures of EU visitors' data are transfers.
    let f = findings("2015-11-08");
    assert_eq!(count(&f, "FM201", "collection by the controller"), 10);
    assert_eq!(
        count(&f, "FM201", "transfer under EU (Directive 95/46/EC)"),
        10
    );
    // The sources are located in `*` (people anywhere, Switzerland's among them): the
    // FADP of 1992 judges the same ten disclosures.
    assert_eq!(count(&f, "FM201", "transfer under CH (FADP (1992))"), 10);
    // Aggregated data is no personal data (Recital 26), and says so.
    assert_eq!(count(&f, "FM201", "carries no personal data"), 1);
    // §5's consent reaches affiliates and service providers (the analytics tools too),
    // under each regime.
    for to in ["`affiliates`", "`service-providers`", "`analytics-tools`"] {
        assert_eq!(count(&f, "FM203", to), 2, "{to}");
    }
    // Not partners, acquirers, authorities, ad networks or other third parties.
    for to in [
        "`partners`",
        "`acquirers`",
        "`authorities`",
        "`ad-networks`",
        "`social-media`",
        "`third-parties`",
        "`usage-partners`",
    ] {
        assert_eq!(count(&f, "FM202", to), 2, "{to}");
    }
    // The online channels are the use of equipment in the EEA (Directive Art. 4(1)(c)).
    assert_eq!(count(&f, "FM207", "Directive 95/46/EC Art. 4(1)(c)"), 1);
    assert_eq!(count(&f, "FM204", ""), 0);
}

#[test]
fn the_verdicts_across_schrems_one_and_the_gdpr() {
    // The policy rests transfers on consent, not Safe Harbor: Schrems I (2015-10-06)
    // changes no verdict. The GDPR (2018-05-25) changes the law every finding cites.
    let key = |f: &[serde_json::Value]| -> Vec<(String, String)> {
        f.iter()
            .map(|x| (x["rule"].to_string(), x["subject"].to_string()))
            .collect()
    };
    let before = findings("2015-10-05");
    let after = findings("2015-10-06");
    assert_eq!(key(&before), key(&after));
    let directive = findings("2018-05-24");
    let gdpr = findings("2018-05-25");
    assert_eq!(key(&directive), key(&gdpr));
    let section = |f: &[serde_json::Value], rule: &str| -> String {
        f.iter().find(|x| x["rule"] == rule).unwrap()["section"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        section(&directive, "FM203"),
        "Directive 95/46/EC Art. 26(1)(a); WP29 WP114"
    );
    assert_eq!(
        section(&gdpr, "FM203"),
        "GDPR Art. 49(1)(a); EDPB Guidelines 2/2018"
    );
    assert_eq!(
        section(&directive, "FM202"),
        "Directive 95/46/EC Art. 25(1), Art. 26"
    );
    assert_eq!(section(&gdpr, "FM202"), "GDPR Art. 44, Art. 46");
    assert_eq!(section(&directive, "FM207"), "Directive 95/46/EC Art. 4(2)");
    assert_eq!(section(&gdpr, "FM207"), "GDPR Art. 27");
    assert_eq!(
        section(&directive, "FM301"),
        "Directive 95/46/EC Art. 6(1)(e)"
    );
    assert_eq!(section(&gdpr, "FM301"), "GDPR Art. 30(1)(f)");
    // From 2021 the UK visitors (`*`) bring the UK GDPR's reach: its representative
    // (FM207 GB) and the same ten disclosures judged under UK law.
    let brexit_eve = findings("2020-12-31");
    assert_eq!(key(&brexit_eve), key(&gdpr));
    let today = findings("2026-11-30");
    assert_eq!(count(&today, "FM207", "UK GDPR Art. 3(2)"), 1);
    assert_eq!(count(&today, "FM201", "transfer under UK (UK GDPR)"), 10);
    let without_uk: Vec<(String, String)> = today
        .iter()
        .filter(|x| {
            let m = x["message"].as_str().unwrap();
            !m.contains("under UK") && x["subject"] != "GB"
        })
        .map(|x| (x["rule"].to_string(), x["subject"].to_string()))
        .collect();
    assert_eq!(without_uk, key(&gdpr));
}
