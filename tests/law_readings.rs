//! The law read precisely (issue 16): each legal point as a case a day before and on its
//! date where it has one, named after the point it proves, asserting the exact transfer
//! findings and the words an auditor quotes (the test of the day, the article, the
//! assumption, the clauses that existed on the date).

use flowmap::FlowGraph;
use flowmap::check::{self, CheckOptions};
use flowmap::load::load_in_memory;
use flowmap::model::Date;

/// An inventory of a controller established in `established`, with the given nodes and
/// flows (RON list entries).
fn inventory(
    established: &str,
    sources: &str,
    stores: &str,
    recipients: &str,
    flows: &str,
) -> String {
    format!(
        r#"Inventory(
    name: "Law readings",
    controller: Some("Example Inc."),
    established: [{established}],
    representatives: [],
    sources: [{sources}],
    stores: [{stores}],
    recipients: [{recipients}],
    flows: [{flows}],
)"#
    )
}

/// A controller established at `home` with its own store `crm` there, fed by a source
/// `web` there (a collection), plus `recipients` and the `flows` out of the store.
fn at_home(home: &str, recipients: &str, flows: &str) -> String {
    inventory(
        &format!(r#""{home}""#),
        &format!(
            r#"Source(id: "web", name: "W", located: ["{home}"], collects: ["contact.email"])"#
        ),
        &format!(
            r#"Store(id: "crm", name: "CRM", located: ["{home}"], retention: Some("1y"), safeguards: ["tls"])"#
        ),
        recipients,
        &format!(
            r#"Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)), {flows}"#
        ),
    )
}

struct Run {
    /// `RULE subject` with message and section, transfer rules only (FM2xx).
    findings: Vec<(String, String, String)>,
    notices: Vec<String>,
}

impl Run {
    fn keys(&self) -> Vec<&str> {
        self.findings.iter().map(|(k, _, _)| k.as_str()).collect()
    }

    /// The messages of the findings with key `key`.
    fn messages(&self, key: &str) -> Vec<&str> {
        self.findings
            .iter()
            .filter(|(k, _, _)| k == key)
            .map(|(_, m, _)| m.as_str())
            .collect()
    }

    fn message(&self, key: &str) -> &str {
        let found = self.messages(key);
        assert_eq!(found.len(), 1, "one {key}: {:?}", self.findings);
        found[0]
    }

    fn section(&self, key: &str) -> &str {
        self.findings
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, s)| s.as_str())
            .unwrap_or_else(|| panic!("{key}: {:?}", self.findings))
    }
}

fn run(text: &str, on: &str) -> Run {
    run_with(&[("inventory.ron", text)], on)
}

fn run_with(files: &[(&str, &str)], on: &str) -> Run {
    let loaded = load_in_memory(files, "inventory.ron")
        .unwrap_or_else(|e| panic!("loads: {e}\n{}", files[0].1));
    let day: Date = on.parse().unwrap();
    let graph = FlowGraph::new(loaded).judged_on(Some(day));
    let report = check::run(&graph, &CheckOptions::resolve(&graph, Some(day)));
    Run {
        findings: report
            .findings
            .iter()
            .filter(|f| f.rule.id().starts_with("FM2"))
            .map(|f| {
                (
                    format!("{} {}", f.rule.id(), f.subject),
                    f.message.clone(),
                    f.section
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                )
            })
            .collect(),
        notices: report.notices.clone(),
    }
}

const STORE_US: &str =
    r#"Store(id: "crm", name: "CRM", located: ["US"], retention: Some("1y"), safeguards: ["tls"])"#;
const PARTNER_US: &str = r#"Recipient(id: "p", name: "P", kind: Partner, located: ["US"])"#;

fn us_controller_collecting(located: &str, channel: &str) -> String {
    inventory(
        r#""US""#,
        &format!(
            r#"Source(id: "web", name: "W", located: {located}, channel: {channel}, collects: ["contact.email"])"#
        ),
        STORE_US,
        PARTNER_US,
        r#"Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)),
           Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"])"#,
    )
}

// 1. Reach, test by test.

#[test]
fn reach_a_source_anywhere_collects_in_the_uk_from_2021() {
    let text = us_controller_collecting(r#"["US", "*"]"#, "Online");
    let before = run(&text, "2020-12-31");
    assert!(before.keys().contains(&"FM207 EEA"), "{:?}", before.keys());
    assert!(
        !before.keys().iter().any(|k| k.ends_with(" GB")),
        "no UK regime yet: {:?}",
        before.keys()
    );
    let on = run(&text, "2021-01-01");
    assert!(on.keys().contains(&"FM207 GB"), "{:?}", on.keys());
    let gb = on.message("FM207 GB");
    assert!(
        gb.contains("established in the United States, outside the United Kingdom")
            && gb.contains("so the UK GDPR reaches it (UK GDPR Art. 3(2))")
            && gb.contains("add \"GB\" to `representatives`"),
        "{gb}"
    );
    assert_eq!(on.section("FM207 GB"), "UK GDPR Art. 27");
    // Switzerland's people are anywhere's people too: the Swiss regime judges the share.
    assert!(
        on.messages("FM201 crm->p")
            .iter()
            .any(|m| m.starts_with("transfer under CH (FADP (1992))")),
        "{:?}",
        on.findings
    );
}

#[test]
fn reach_under_the_directive_is_the_use_of_equipment() {
    let online = run(
        &us_controller_collecting(r#"["DE"]"#, "Online"),
        "2015-11-08",
    );
    let fm207 = online.message("FM207 EEA");
    assert!(
        fm207.contains("so Directive 95/46/EC reaches it (Directive 95/46/EC Art. 4(1)(c))"),
        "{fm207}"
    );
    assert!(fm207.contains("Art. 4(2)"), "{fm207}");
    // The finding, quoted alone, names the test it applied.
    assert!(
        fm207.contains("equipment situated there (WP29 WP56)") && !fm207.contains("offering"),
        "{fm207}"
    );
    assert_eq!(online.section("FM207 EEA"), "Directive 95/46/EC Art. 4(2)");
    let notice = online
        .notices
        .iter()
        .find(|n| n.contains("Art. 4(1)(c)"))
        .expect("a reach notice");
    assert!(
        notice.contains("equipment situated there (WP29 WP56)")
            && !notice.contains("offering")
            && !notice.contains("goods or services"),
        "the Directive's test, not the GDPR's: {notice}"
    );
    assert!(
        online.keys().contains(&"FM202 crm->p"),
        "{:?}",
        online.keys()
    );

    // Paper and phone are no equipment: no reach, no FM207, no transfer by reach.
    let offline = run(
        &us_controller_collecting(r#"["DE"]"#, "Offline"),
        "2015-11-08",
    );
    // Only the collection's own line: it crosses a border, and is no transfer.
    assert_eq!(offline.keys(), ["FM201 web->crm"], "{:?}", offline.findings);
    assert!(
        offline
            .notices
            .iter()
            .any(|n| n.contains("only offline") && n.contains("no use of equipment")),
        "{:?}",
        offline.notices
    );
    // The GDPR's reach does not ask for equipment: the same offline source brings it.
    let gdpr = run(
        &us_controller_collecting(r#"["DE"]"#, "Offline"),
        "2018-05-25",
    );
    assert!(gdpr.keys().contains(&"FM207 EEA"), "{:?}", gdpr.keys());
    let fm207 = gdpr.message("FM207 EEA");
    assert!(
        fm207.contains(
            "flowmap assumes that means offering them goods or services or monitoring their behaviour there; so the GDPR reaches it (GDPR Art. 3(2))"
        ) && !fm207.contains("equipment"),
        "the GDPR's test and flowmap's assumption: {fm207}"
    );
    assert!(gdpr.keys().contains(&"FM202 crm->p"), "{:?}", gdpr.keys());
}

#[test]
fn reach_before_wp56_says_the_reading_came_later() {
    let notice_on = |day: &str| {
        run(&us_controller_collecting(r#"["DE"]"#, "Online"), day)
            .notices
            .into_iter()
            .find(|n| n.contains("Art. 4(1)(c)"))
            .unwrap()
    };
    let before = notice_on("2002-05-29");
    assert!(
        before.contains("as the Article 29 Working Party later put it in WP56 of 2002-05-30"),
        "{before}"
    );
    let on = notice_on("2002-05-30");
    assert!(on.contains("(WP29 WP56)") && !on.contains("later"), "{on}");
}

#[test]
fn reach_the_swiss_tests_of_1992_and_2023() {
    let text = us_controller_collecting(r#"["CH"]"#, "Online");
    let old = run(&text, "2023-08-31");
    let swiss = old
        .notices
        .iter()
        .find(|n| n.contains("Switzerland"))
        .unwrap();
    assert!(
        swiss.contains("the FADP of 1992 has no article on its territorial scope")
            && !swiss.contains("Art. 3"),
        "{swiss}"
    );
    let fm201 = old.message("FM201 crm->p");
    assert!(
        fm201.contains("transfer under CH (FADP (1992))") && !fm201.contains("Art. 3"),
        "{fm201}"
    );
    let new = run(&text, "2023-09-01");
    let swiss = new
        .notices
        .iter()
        .find(|n| n.contains("Switzerland"))
        .unwrap();
    assert!(
        swiss.contains("facts that have an effect in Switzerland")
            && swiss.contains("(FADP Art. 3(1))"),
        "{swiss}"
    );
    // flowmap does not check the Swiss representative (revised FADP Art. 14).
    assert!(
        !new.keys().iter().any(|k| k.starts_with("FM207")),
        "{:?}",
        new.keys()
    );
}

// 2. The 2021 clauses and importers under the GDPR.

fn us_controller_with(recipient: &str, flow_from: &str, mechanism: &str) -> String {
    inventory(
        r#""US""#,
        r#"Source(id: "web", name: "W", located: ["DE"], collects: ["contact.email"])"#,
        STORE_US,
        recipient,
        &format!(
            r#"Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)),
               Flow(from: "{flow_from}", to: "imp", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent), mechanism: Some({mechanism}))"#
        ),
    )
}

#[test]
fn scc2021_does_not_serve_a_processor_of_a_controller_the_gdpr_reaches() {
    let text = us_controller_with(
        r#"Recipient(id: "imp", name: "Host", kind: ServiceProvider, located: ["US"])"#,
        "crm",
        "Scc2021",
    );
    let key = "FM204 crm->imp";
    let on = run(&text, "2021-06-27");
    let m = on.message(key);
    assert!(
        m.contains("is a processor for a controller established outside the EEA whose processing the GDPR reaches")
            && m.contains("Decision (EU) 2021/914 Art. 1(1), Recital 7")
            && m.contains("`AdHocClauses`"),
        "{m}"
    );
    // Guidelines 05/2021 did not exist yet: the message does not cite it.
    assert!(!m.contains("05/2021"), "{m}");
    assert_eq!(
        on.section(key),
        "Commission Implementing Decision (EU) 2021/914 Art. 1(1), Recital 7"
    );
    let later = run(&text, "2021-11-18");
    assert!(
        later.message(key).contains("(EDPB Guidelines 05/2021, §3)"),
        "{}",
        later.message(key)
    );
    // `Scc` means the 2021 set from 2021-06-27 too; before, the old sets served.
    let scc = us_controller_with(
        r#"Recipient(id: "imp", name: "Host", kind: ServiceProvider, located: ["US"])"#,
        "crm",
        "Scc",
    );
    assert!(run(&scc, "2021-06-26").keys().contains(&"FM209 crm->imp"));
    assert!(run(&scc, "2021-06-27").keys().contains(&key));
}

#[test]
fn scc2021_does_not_serve_a_controller_that_collects_in_the_eea_itself() {
    // The ad network collects straight from the EEA visitors (its cookie): the GDPR
    // reaches it, so Confluent-like controllers in the EEA cannot rest on the 2021 set.
    let text = inventory(
        r#""DE""#,
        r#"Source(id: "cookies", name: "C", located: ["DE"], collects: ["contact.email"])"#,
        "",
        r#"Recipient(id: "adnet", name: "Ads", kind: AdNetwork, located: ["US"])"#,
        r#"Flow(from: "cookies", to: "adnet", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent), mechanism: Some(Scc2021))"#,
    );
    let r = run(&text, "2024-01-01");
    let fm201 = r.message("FM201 cookies->adnet");
    assert!(
        fm201.contains("`Scc2021` does not cover it (FM204)"),
        "{fm201}"
    );
    let fm204 = r.message("FM204 cookies->adnet");
    assert!(
        fm204.contains("`adnet` collects from people in the EEA itself"),
        "{fm204}"
    );
    // An importer the GDPR does not reach is what the 2021 clauses are for.
    let plain = at_home(
        "DE",
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["US"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Scc2021))"#,
    );
    let r = run(&plain, "2024-01-01");
    assert_eq!(r.keys(), ["FM201 crm->p", "FM209 crm->p"]);
    assert!(
        r.message("FM201 crm->p")
            .contains("Commission Implementing Decision (EU) 2021/914, Module One"),
        "{}",
        r.message("FM201 crm->p")
    );
}

// 3. International organisations.

#[test]
fn an_international_organisation_is_outside_the_area_wherever_it_sits() {
    let text = at_home(
        "DE",
        r#"Recipient(id: "org", name: "Org in Munich", kind: InternationalOrganisation, located: ["DE"])"#,
        r#"Flow(from: "crm", to: "org", data: ["contact.email"], purposes: ["service.operation"])"#,
    );
    // Under the Directive it is judged by its place: Munich is inside the EEA.
    assert_eq!(run(&text, "2018-05-24").keys(), Vec::<&str>::new());
    // Under the GDPR a transfer to it needs no border, and no adequacy decision covers it.
    let gdpr = run(&text, "2018-05-25");
    assert_eq!(gdpr.keys(), ["FM201 crm->org", "FM202 crm->org"]);
    let m = gdpr.message("FM202 crm->org");
    assert!(
        m.contains("an international organisation: outside the EEA wherever it sits, and no adequacy decision of EU law covers it"),
        "{m}"
    );
}

// 5. Data that is no longer personal.

#[test]
fn aggregated_data_is_not_judged_by_the_transfer_rules_nor_needs_a_basis() {
    let text = inventory(
        r#""DE""#,
        r#"Source(id: "web", name: "W", located: ["DE"], collects: ["aggregated"])"#,
        "",
        r#"Recipient(id: "pub", name: "Anyone", kind: Public, located: ["US"])"#,
        r#"Flow(from: "web", to: "pub", data: ["aggregated"], purposes: ["service.operation"])"#,
    );
    let r = run(&text, "2024-01-01");
    assert_eq!(r.keys(), ["FM201 web->pub"]);
    let m = r.message("FM201 web->pub");
    assert!(
        m.contains("carries no personal data")
            && m.contains("GDPR Recital 26")
            && !m.contains("subject to none"),
        "{m}"
    );
    assert_eq!(r.section("FM201 web->pub"), "GDPR Recital 26");
    assert!(
        run(&text, "2015-01-01")
            .message("FM201 web->pub")
            .contains("Directive 95/46/EC Recital 26")
    );
}

#[test]
fn personal_false_must_be_a_boolean_at_its_position() {
    let taxonomy = "Taxonomy(categories: [\n  (name: \"stats\", description: \"\", personal: \"no\"),\n], purposes: [(name: \"p\")])";
    let text = r#"Inventory(name: "t", taxonomy: Some("taxonomy.ron"))"#;
    let Err(err) = load_in_memory(
        &[("inventory.ron", text), ("taxonomy.ron", taxonomy)],
        "inventory.ron",
    ) else {
        panic!("`personal: \"no\"` must not load");
    };
    let err = err.to_string();
    assert!(
        err.contains("taxonomy.ron:2:") && err.contains("boolean"),
        "{err}"
    );
}

// 6. The Swiss impact assessment.

#[test]
fn the_swiss_impact_assessment_rests_on_the_fdpic_paper() {
    let text = at_home(
        "CH",
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["IN"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Scc2010))"#,
    );
    // C-311/18 does not bind Switzerland: nothing on 2020-07-16.
    assert_eq!(run(&text, "2020-09-07").keys(), ["FM201 crm->p"]);
    let on = run(&text, "2020-09-08");
    assert_eq!(on.keys(), ["FM201 crm->p", "FM209 crm->p"]);
    assert!(
        on.message("FM209 crm->p")
            .contains("since the FDPIC's policy paper of 8 September 2020")
    );
    assert!(
        on.section("FM209 crm->p")
            .ends_with("FDPIC policy paper of 8 September 2020")
    );
    assert!(!on.section("FM209 crm->p").contains("C-311/18"));
}

// 7. Who discloses when a processor sends data on; 8. no onward transfer into an
// adequate place.

#[test]
fn a_processor_sending_to_another_controller_carries_out_the_controllers_disclosure() {
    // An EU company's database hosted by a US cloud provider sends data to a UK agency.
    let text = inventory(
        r#""DE""#,
        r#"Source(id: "web", name: "W", located: ["DE"], collects: ["contact.email"])"#,
        r#"Store(id: "db", name: "DB", located: ["US"], operator: Processor, entity: Some("AWS"), retention: Some("1y"), safeguards: ["tls"])"#,
        r#"Recipient(id: "agency", name: "Agency", kind: Partner, located: ["GB"])"#,
        r#"Flow(from: "web", to: "db", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent), mechanism: Some(Scc2021)),
           Flow(from: "db", to: "agency", data: ["contact.email"], purposes: ["service.operation"])"#,
    );
    let r = run(&text, "2024-01-01");
    assert!(!r.keys().contains(&"FM205 db->agency"), "{:?}", r.keys());
    let m = r.message("FM201 db->agency");
    assert!(
        m.starts_with("transfer under EU (GDPR): Example Inc. (controller, established in the EEA, GDPR Art. 3(1); its processor passes the data on, on its instructions (GDPR Art. 28(3)(a), Art. 29)) → `agency`")
            && m.contains("in the United Kingdom; not restricted"),
        "{m}"
    );
}

#[test]
fn no_onward_transfer_into_a_place_the_regime_finds_adequate() {
    // EU data exported to a US partner, passed on to a Brazilian partner: onward until
    // the EU's decision for Brazil applies (2026-01-26).
    let text = at_home(
        "DE",
        r#"Recipient(id: "us", name: "US", kind: Partner, located: ["US"]),
           Recipient(id: "br", name: "BR", kind: Partner, located: ["BR"])"#,
        r#"Flow(from: "crm", to: "us", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Scc2021)),
           Flow(from: "us", to: "br", data: ["contact.email"], purposes: ["service.operation"])"#,
    );
    let before = run(&text, "2026-01-25");
    let m = before.message("FM205 us->br");
    assert!(
        m.contains("passes it on to `br` in Brazil, which no adequacy decision of EU law covers")
            && m.contains("(the 2021 clauses' Module One Clause 8.7)"),
        "{m}"
    );
    assert!(!run(&text, "2026-01-26").keys().contains(&"FM205 us->br"));
}

// 9. Modules and clauses by role and date.

#[test]
fn a_processor_exporter_gets_the_module_of_its_roles_or_none_before_2021() {
    // An EU processor returns data to its US controller's partner... here: to the
    // controller's own US store (processor → controller, Module Four).
    let text = |mechanism: &str| {
        inventory(
            r#""US""#,
            r#"Source(id: "web", name: "W", located: ["US"], collects: ["contact.email"])"#,
            r#"Store(id: "eu", name: "EU host", located: ["DE"], operator: Processor, retention: Some("1y"), safeguards: ["tls"]),
               Store(id: "sub", name: "Sub", located: ["IN"], operator: Processor, entity: Some("SubCo"), retention: Some("1y"), safeguards: ["tls"])"#,
            "",
            &format!(
                r#"Flow(from: "web", to: "eu", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)),
                   Flow(from: "eu", to: "sub", data: ["contact.email"], purposes: ["service.operation"], mechanism: {mechanism})"#
            ),
        )
    };
    let late = run(&text("Some(Scc2010)"), "2022-01-01");
    let m = late.message("FM204 eu->sub");
    assert!(m.contains("use `Scc2021` (Module Three)"), "{m}");
    let early = run(&text("Some(Scc2010)"), "2015-01-01");
    let m = early.message("FM204 eu->sub");
    assert!(
        m.contains("no standard clauses existed for a processor exporter on that date")
            && !m.contains("Module"),
        "{m}"
    );
    let none = run(&text("None"), "2015-01-01");
    let m = none.message("FM202 eu->sub");
    assert!(
        m.contains("no standard clauses existed for a processor exporter"),
        "{m}"
    );
    // Under the Directive the host's provision depends on the controller's establishment.
    let fm201 = none.message("FM201 eu->sub");
    assert!(
        fm201.contains("a processor in the EEA whose equipment the controller established outside it uses, Directive 95/46/EC Art. 4(1)(c) (WP29 WP179)"),
        "{fm201}"
    );
}

#[test]
fn the_onward_term_is_that_of_the_first_transfers_mechanism() {
    let text = |mechanism: &str, certs: &str| {
        inventory(
            r#""DE""#,
            r#"Source(id: "web", name: "W", located: ["DE"], collects: ["contact.email"])"#,
            r#"Store(id: "crm", name: "CRM", located: ["DE"], retention: Some("1y"), safeguards: ["tls"])"#,
            &format!(
                r#"Recipient(id: "us", name: "US", kind: Partner, located: ["US"], certifications: [{certs}]),
                   Recipient(id: "in", name: "IN", kind: Partner, located: ["IN"])"#
            ),
            &format!(
                r#"Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent)),
                   Flow(from: "crm", to: "us", data: ["contact.email"], purposes: ["service.operation"], mechanism: {mechanism}),
                   Flow(from: "us", to: "in", data: ["contact.email"], purposes: ["service.operation"])"#
            ),
        )
    };
    let sh = run(&text("Some(SafeHarbor)", r#""SafeHarbor""#), "2010-01-01");
    let m = sh.message("FM205 us->in");
    assert!(
        m.contains("(Safe Harbor's Onward Transfer Principle)") && !m.contains("2021"),
        "{m}"
    );
    let old = run(&text("Some(Scc2010)", ""), "2010-01-01");
    let m = old.message("FM205 us->in");
    assert!(
        m.contains("Decisions 2001/497/EC and 2004/915/EC") && !m.contains("Module"),
        "{m}"
    );
    let consent = run(&text("Some(Consent)", ""), "2010-01-01");
    let m = consent.message("FM205 us->in");
    assert!(
        m.contains("rested on no safeguard with an onward-transfer term"),
        "{m}"
    );
}

// 10–11. Derogations in their own conditions; disclosures to public authorities.

#[test]
fn consent_is_unambiguous_under_the_directive_and_explicit_under_the_gdpr() {
    let text = us_controller_with(
        r#"Recipient(id: "imp", name: "P", kind: Partner, located: ["US"])"#,
        "crm",
        "Consent",
    );
    let old = run(&text, "2018-05-24");
    let m = old.message("FM203 crm->imp");
    assert!(
        m.contains("given consent unambiguously") && !m.contains("occasional"),
        "{m}"
    );
    assert_eq!(
        old.section("FM203 crm->imp"),
        "Directive 95/46/EC Art. 26(1)(a); WP29 WP114"
    );
    let new = run(&text, "2018-05-25");
    let m = new.message("FM203 crm->imp");
    assert!(
        m.contains("explicitly consented to the proposed transfer, after having been informed of the possible risks")
            && !m.contains("occasional"),
        "{m}"
    );
    assert_eq!(
        new.section("FM203 crm->imp"),
        "GDPR Art. 49(1)(a); EDPB Guidelines 2/2018"
    );
}

#[test]
fn public_interest_and_contract_necessity_name_their_own_conditions() {
    let with = |m: &str| {
        run(
            &us_controller_with(
                r#"Recipient(id: "imp", name: "P", kind: Partner, located: ["US"])"#,
                "crm",
                m,
            ),
            "2024-01-01",
        )
        .message("FM203 crm->imp")
        .to_string()
    };
    let public = with("PublicInterest");
    assert!(
        public.contains("recognised in Union or Member State law (Art. 49(4))")
            && !public.contains("occasional"),
        "{public}"
    );
    assert!(with("ContractNecessity").contains("occasional (Recital 111)"));
}

#[test]
fn a_foreign_authority_gets_article_48_not_clauses() {
    let text = us_controller_with(
        r#"Recipient(id: "imp", name: "Court", kind: Authority, located: ["US"])"#,
        "crm",
        "Consent",
    )
    .replace("mechanism: Some(Consent)", "mechanism: None");
    let gdpr = run(&text, "2024-01-01");
    let m = gdpr.message("FM202 crm->imp");
    assert!(
        m.contains("(GDPR Art. 48)") && m.contains("Art. 49(1)(d)/(e)") && !m.contains("Some(Scc"),
        "{m}"
    );
    assert_eq!(
        gdpr.section("FM202 crm->imp"),
        "GDPR Art. 48, Art. 49(1)(d)(e)"
    );
    let directive = run(&text, "2015-01-01");
    let m = directive.message("FM202 crm->imp");
    assert!(
        m.contains("Directive 95/46/EC Art. 26(1)(d)") && !m.contains("Some(Scc"),
        "{m}"
    );
}

// 12. The Swiss list before 2023-09-01.

#[test]
fn the_swiss_list_before_2023_is_not_in_the_law_table() {
    let text = at_home(
        "CH",
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["AR"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"])"#,
    );
    let old = run(&text, "2023-08-31");
    let m = old.message("FM202 crm->p");
    assert!(
        m.contains("the FDPIC's list of that time is not in flowmap's law table")
            && !m.contains("no adequacy decision"),
        "{m}"
    );
    // From 2023-09-01 the Federal Council's Annex 1 lists Argentina.
    assert_eq!(run(&text, "2023-09-01").keys(), ["FM201 crm->p"]);
}

#[test]
fn swiss_derogations_cite_article_6_2_only_from_2008() {
    let text = at_home(
        "CH",
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["IN"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Consent))"#,
    );
    assert_eq!(
        run(&text, "2007-12-31").section("FM203 crm->p"),
        "FADP (1992) Art. 6(1)"
    );
    assert_eq!(
        run(&text, "2008-01-01").section("FM203 crm->p"),
        "FADP (1992) Art. 6(2)(b)"
    );
}

// 13. Citations by date.

#[test]
fn a_collection_before_2021_cites_the_law_of_the_day_and_says_the_reading_is_later() {
    let text = inventory(
        r#""US""#,
        r#"Source(id: "web", name: "W", located: ["DE"], collects: ["contact.email"])"#,
        STORE_US,
        "",
        r#"Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent))"#,
    );
    let old = run(&text, "2015-11-08");
    let m = old.message("FM201 web->crm");
    assert!(
        m.contains("as the EDPB later put it in Guidelines 05/2021, Example 1 of 2021-11-18"),
        "{m}"
    );
    assert_eq!(
        old.section("FM201 web->crm"),
        "Directive 95/46/EC Art. 25(1)"
    );
    let new = run(&text, "2021-11-18");
    assert!(
        new.message("FM201 web->crm")
            .contains("(EDPB Guidelines 05/2021, Example 1)")
    );
    assert_eq!(new.section("FM201 web->crm"), "EDPB Guidelines 05/2021");
}

#[test]
fn a_processor_reaching_in_cites_guidelines_3_2018_only_from_its_day() {
    let text = us_controller_with(
        r#"Recipient(id: "imp", name: "Sub", kind: ServiceProvider, located: ["IN"])"#,
        "crm",
        "Scc2010",
    )
    .replace(
        STORE_US,
        r#"Store(id: "crm", name: "Host", located: ["US"], operator: Processor, entity: Some("HostCo"), retention: Some("1y"), safeguards: ["tls"])"#,
    );
    let words = |day: &str| run(&text, day).messages("FM201 crm->imp").join("\n");
    let before = words("2018-11-15");
    assert!(
        before.contains("as the EDPB later put it in Guidelines 3/2018 of 2018-11-16"),
        "{before}"
    );
    let on = words("2018-11-16");
    assert!(on.contains("(EDPB Guidelines 3/2018)"), "{on}");
}

// 15. Places in words.

#[test]
fn places_are_named_as_people_say_them_and_codes_stay_codes_in_subjects() {
    let r = run(
        &us_controller_collecting(r#"["CH", "GB"]"#, "Online"),
        "2024-01-01",
    );
    for (key, message, _) in &r.findings {
        assert!(
            !message.contains("the GB")
                && !message.contains("the CH")
                && !message.contains("in US"),
            "{key}: {message}"
        );
    }
    assert!(r.keys().contains(&"FM207 GB"));
}

#[test]
fn the_uk_impact_assessment_names_the_case_laws_status_of_the_day() {
    // C-311/18 stayed in UK law as retained EU case law, called assimilated case law
    // from 2024-01-01 (Retained EU Law (Revocation and Reform) Act 2023).
    let text = at_home(
        "GB",
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["IN"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Idta))"#,
    );
    let before = run(&text, "2023-12-31");
    assert!(
        before
            .message("FM209 crm->p")
            .contains("as retained EU case law")
    );
    let after = run(&text, "2024-01-01");
    assert!(
        after
            .message("FM209 crm->p")
            .contains("as assimilated case law")
    );
    assert_eq!(
        after.section("FM209 crm->p"),
        "ICO International Data Transfer Agreement; CJEU C-311/18"
    );
}

#[test]
fn fm202_never_suggests_clauses_that_would_not_cover_the_importer() {
    // The ad network collects in the EEA itself: from 2021-06-27 the 2021 clauses would
    // be FM204 for it, so FM202 does not offer them (Decision (EU) 2021/914 Recital 7).
    let text = inventory(
        r#""DE""#,
        r#"Source(id: "cookies", name: "C", located: ["DE"], collects: ["contact.email"])"#,
        "",
        r#"Recipient(id: "adnet", name: "Ads", kind: AdNetwork, located: ["US"])"#,
        r#"Flow(from: "cookies", to: "adnet", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent))"#,
    );
    let before = run(&text, "2021-06-26");
    let m = before.message("FM202 cookies->adnet");
    assert!(m.contains("`Some(Scc2010)`"), "{m}");
    let on = run(&text, "2021-06-27");
    let m = on.message("FM202 cookies->adnet");
    assert!(
        m.contains("`Some(AdHocClauses)`") && !m.contains("Scc2021"),
        "{m}"
    );
}

#[test]
fn the_swiss_fm202_suggests_the_clauses_the_fdpic_recognised_that_day() {
    let text = at_home(
        "CH",
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["IN"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"])"#,
    );
    let before = run(&text, "2021-08-26").message("FM202 crm->p").to_string();
    assert!(before.contains("`Some(Scc2010)`"), "{before}");
    let on = run(&text, "2021-08-27").message("FM202 crm->p").to_string();
    assert!(
        on.contains("`Some(Scc2021)` (Module One, as the FDPIC recognises them)"),
        "{on}"
    );
    assert!(
        !run(&text, "2025-06-01")
            .message("FM202 crm->p")
            .contains("Scc2010")
    );
}

#[test]
fn swiss_consent_is_worded_by_the_fadp_of_the_day() {
    let text = at_home(
        "CH",
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["IN"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Consent))"#,
    );
    let words = |day: &str| run(&text, day).message("FM203 crm->p").to_string();
    assert!(words("2007-12-31").contains("until 2008 the FADP named no exceptions"));
    assert!(words("2008-01-01").contains("consented in the specific case"));
    assert!(words("2023-08-31").contains("consented in the specific case"));
    assert!(words("2023-09-01").contains("expressly consented to the disclosure"));
}

#[test]
fn the_old_clauses_are_named_only_from_the_day_each_decision_applied() {
    // 2004/915/EC applied from 2005-04-01, 2010/87/EU from 2010-05-15: a covered transfer
    // names the decisions in force that day and no later one.
    let text = |kind: &str| {
        at_home(
            "DE",
            &format!(r#"Recipient(id: "p", name: "P", kind: {kind}, located: ["IN"])"#),
            r#"Flow(from: "crm", to: "p", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Scc2010))"#,
        )
    };
    let law = |kind: &str, day: &str| run(&text(kind), day).message("FM201 crm->p").to_string();
    let before = law("Partner", "2005-03-31");
    assert!(
        before.contains("(Commission Decision 2001/497/EC)") && !before.contains("2004/915"),
        "{before}"
    );
    assert!(
        law("Partner", "2005-04-01").contains("Commission Decisions 2001/497/EC and 2004/915/EC")
    );
    let before = law("ServiceProvider", "2010-05-14");
    assert!(
        before.contains("(Commission Decision 2002/16/EC)") && !before.contains("2010/87"),
        "{before}"
    );
    assert!(law("ServiceProvider", "2010-05-15").contains("Commission Decision 2010/87/EU"));
}
