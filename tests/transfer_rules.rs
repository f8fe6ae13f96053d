//! FM201–FM209 as DESIGN.md's "Transfers" section defines them: for every row of the
//! mechanism table and every date of the law table, a case one day before and one on
//! the date (or after the end), per regime, each named after the legal point it proves,
//! asserting the exact transfer findings of the flow; then the three criteria each
//! failing alone, each area by date, onward transfers and order independence.

use flowmap::FlowGraph;
use flowmap::check::transfer::words::assessment_due;
use flowmap::check::{self, CheckOptions};
use flowmap::load::load_in_memory;
use flowmap::model::jurisdiction::AdequacyScope;
use flowmap::model::law::{EARLIEST, ImporterScope, RegimeCode, Roles};
use flowmap::model::{Date, Jurisdictions};

/// A controller established at `established` with its own store `crm` there (fed by a
/// source `web` located there), sending to recipient `imp`.
struct Setup {
    established: &'static str,
    kind: &'static str,
    to: &'static str,
    certs: &'static str,
    mechanism: &'static str,
}

const EU: Setup = Setup {
    established: "DE",
    kind: "Partner",
    to: "US",
    certs: "",
    mechanism: "None",
};

fn inventory(s: &Setup, extra_nodes: &str, extra_flows: &str) -> String {
    format!(
        r#"Inventory(
    name: "Transfer law test",
    controller: Some("Example Ltd"),
    established: ["{est}"],
    representatives: ["EEA", "GB"],
    sources: [Source(id: "web", name: "Web", located: ["{est}"], collects: ["contact.email"])],
    stores: [
        Store(id: "crm", name: "CRM", located: ["{est}"], operator: Controller, retention: Some("1y"), safeguards: ["tls"]),
    ],
    recipients: [
        Recipient(id: "imp", name: "Importer", kind: {kind}, located: ["{to}"], certifications: [{certs}]),
        {extra_nodes}
    ],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract)),
        Flow(from: "crm", to: "imp", data: ["contact.email"], purposes: ["service.operation"], mechanism: {m}),
        {extra_flows}
    ],
)"#,
        est = s.established,
        kind = s.kind,
        to = s.to,
        certs = s.certs,
        m = s.mechanism,
    )
}

/// `RULE subject` for every transfer finding (FM2xx) on `as_of`, with messages.
fn transfer_findings(text: &str, as_of: &str) -> Vec<(String, String, String)> {
    let loaded = load_in_memory(&[("inventory.ron", text)], "inventory.ron")
        .unwrap_or_else(|e| panic!("loads: {e}\n{text}"));
    let day: Date = as_of.parse().unwrap();
    let graph = FlowGraph::new(loaded).judged_on(Some(day));
    let report = check::run(&graph, &CheckOptions::resolve(&graph, Some(day)));
    report
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
        .collect()
}

/// The rules that fired on `crm->imp`, in order.
fn rules(s: &Setup, as_of: &str) -> Vec<String> {
    transfer_findings(&inventory(s, "", ""), as_of)
        .into_iter()
        .filter(|(k, _, _)| k.ends_with("crm->imp"))
        .map(|(k, _, _)| k.split(' ').next().unwrap().to_string())
        .collect()
}

/// One named case of the law table.
struct Row {
    point: &'static str,
    setup: Setup,
    as_of: &'static str,
    expect: &'static [&'static str],
}

fn check_rows(rows: &[Row]) {
    let mut wrong = Vec::new();
    for row in rows {
        let got = rules(&row.setup, row.as_of);
        if got != row.expect {
            wrong.push(format!(
                "{}: expected {:?}, got {:?}",
                row.point, row.expect, got
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

macro_rules! setup {
    ($($field:ident: $value:expr),* $(,)?) => {
        Setup { $($field: $value,)* ..EU }
    };
}

#[test]
fn eu_mechanisms_by_window_roles_and_importer() {
    check_rows(&[
        Row {
            point: "no mechanism: restricted transfer is FM202",
            setup: EU,
            as_of: "2024-01-01",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Safe Harbor covers a certified US importer on its last day, 2015-10-05",
            setup: setup!(certs: "\"SafeHarbor\"", mechanism: "Some(SafeHarbor)"),
            as_of: "2015-10-05",
            expect: &["FM201"],
        },
        Row {
            point: "Safe Harbor covers nothing on 2015-10-06 (C-362/14 binds from delivery)",
            setup: setup!(certs: "\"SafeHarbor\"", mechanism: "Some(SafeHarbor)"),
            as_of: "2015-10-06",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Safe Harbor not before Decision 2000/520/EC (2000-07-26)",
            setup: setup!(certs: "\"SafeHarbor\"", mechanism: "Some(SafeHarbor)"),
            as_of: "2000-07-25",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Safe Harbor needs the importer's certification",
            setup: setup!(mechanism: "Some(SafeHarbor)"),
            as_of: "2010-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Privacy Shield from 2016-07-12",
            setup: setup!(certs: "\"PrivacyShield\"", mechanism: "Some(PrivacyShield)"),
            as_of: "2016-07-11",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Privacy Shield on 2016-07-12",
            setup: setup!(certs: "\"PrivacyShield\"", mechanism: "Some(PrivacyShield)"),
            as_of: "2016-07-12",
            expect: &["FM201"],
        },
        Row {
            point: "Privacy Shield's last day 2020-07-15",
            setup: setup!(certs: "\"PrivacyShield\"", mechanism: "Some(PrivacyShield)"),
            as_of: "2020-07-15",
            expect: &["FM201"],
        },
        Row {
            point: "Privacy Shield covers nothing on 2020-07-16 (C-311/18)",
            setup: setup!(certs: "\"PrivacyShield\"", mechanism: "Some(PrivacyShield)"),
            as_of: "2020-07-16",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "DPF not before 2023-07-10",
            setup: setup!(certs: "\"DPF\"", mechanism: "Some(Dpf)"),
            as_of: "2023-07-09",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "DPF adequacy from 2023-07-10 for a certified importer",
            setup: setup!(certs: "\"DPF\"", mechanism: "Some(Dpf)"),
            as_of: "2023-07-10",
            expect: &["FM201"],
        },
        Row {
            point: "DPF-UK is not the EU's DPF",
            setup: setup!(certs: "\"DPF-UK\"", mechanism: "Some(Dpf)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "a framework covers US importers only",
            setup: setup!(to: "CN", certs: "\"DPF\"", mechanism: "Some(Dpf)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "old C2C clauses from 2001-09-03 (2001/497/EC)",
            setup: setup!(mechanism: "Some(Scc2010)"),
            as_of: "2001-09-02",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "old C2C clauses on 2001-09-03",
            setup: setup!(mechanism: "Some(Scc2010)"),
            as_of: "2001-09-03",
            expect: &["FM201"],
        },
        Row {
            point: "old C2P clauses from 2002-04-03 (2002/16/EC)",
            setup: setup!(kind: "ServiceProvider", mechanism: "Some(Scc2010)"),
            as_of: "2002-04-02",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "old C2P clauses on 2002-04-03",
            setup: setup!(kind: "ServiceProvider", mechanism: "Some(Scc2010)"),
            as_of: "2002-04-03",
            expect: &["FM201"],
        },
        Row {
            point: "old clauses valid until 2022-12-27, with an impact assessment",
            setup: setup!(mechanism: "Some(Scc2010)"),
            as_of: "2022-12-27",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "old clauses end after 2022-12-27 (2021/914 Art. 4)",
            setup: setup!(mechanism: "Some(Scc2010)"),
            as_of: "2022-12-28",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "2021 clauses not before 2021-06-27",
            setup: setup!(mechanism: "Some(Scc2021)"),
            as_of: "2021-06-26",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "2021 clauses from 2021-06-27",
            setup: setup!(mechanism: "Some(Scc2021)"),
            as_of: "2021-06-27",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "Scc is the old set on 2021-06-26",
            setup: setup!(mechanism: "Some(Scc)"),
            as_of: "2021-06-26",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "no impact assessment before Schrems II",
            setup: setup!(mechanism: "Some(Scc)"),
            as_of: "2020-07-15",
            expect: &["FM201"],
        },
        Row {
            point: "impact assessment from Schrems II, 2020-07-16",
            setup: setup!(mechanism: "Some(Scc)"),
            as_of: "2020-07-16",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "BCRs cover the group",
            setup: setup!(kind: "Affiliate", mechanism: "Some(Bcr)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "BCRs do not cover a partner outside the group",
            setup: setup!(mechanism: "Some(Bcr)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "BCRs under the Directive (Art. 26(2))",
            setup: setup!(kind: "Affiliate", mechanism: "Some(Bcr)"),
            as_of: "2010-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "codes of conduct not before the GDPR",
            setup: setup!(mechanism: "Some(CodeOfConduct)"),
            as_of: "2018-05-24",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "codes of conduct from 2018-05-25",
            setup: setup!(mechanism: "Some(CodeOfConduct)"),
            as_of: "2018-05-25",
            expect: &["FM201"],
        },
        Row {
            point: "certification from 2018-05-25",
            setup: setup!(mechanism: "Some(Certification)"),
            as_of: "2018-05-25",
            expect: &["FM201"],
        },
        Row {
            point: "ad hoc clauses under the Directive",
            setup: setup!(mechanism: "Some(AdHocClauses)"),
            as_of: "2000-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "UK instruments do not cover EU transfers",
            setup: setup!(mechanism: "Some(UkAddendum)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "IDTA does not cover EU transfers",
            setup: setup!(mechanism: "Some(Idta)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "consent is a derogation (Directive Art. 26(1)(a))",
            setup: setup!(mechanism: "Some(Consent)"),
            as_of: "2015-11-08",
            expect: &["FM201", "FM203"],
        },
        Row {
            point: "every derogation is FM203",
            setup: setup!(mechanism: "Some(PublicRegister)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM203"],
        },
        Row {
            point: "compelling legitimate interests not under the Directive",
            setup: setup!(mechanism: "Some(CompellingLegitimateInterests)"),
            as_of: "2018-05-24",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "compelling legitimate interests from 2018-05-25",
            setup: setup!(mechanism: "Some(CompellingLegitimateInterests)"),
            as_of: "2018-05-25",
            expect: &["FM201", "FM203"],
        },
        Row {
            point: "`Adequacy` named on a restricted transfer is FM204",
            setup: setup!(mechanism: "Some(Adequacy)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Canada covers commercial importers",
            setup: setup!(to: "CA"),
            as_of: "2024-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "Canada does not cover authorities",
            setup: setup!(to: "CA", kind: "Authority"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Hungary had its own decision until it joined",
            setup: setup!(to: "HU"),
            as_of: "2004-04-30",
            expect: &["FM201"],
        },
        Row {
            point: "Brazil from 2026-01-26",
            setup: setup!(to: "BR"),
            as_of: "2026-01-25",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Brazil on 2026-01-26",
            setup: setup!(to: "BR"),
            as_of: "2026-01-26",
            expect: &["FM201"],
        },
        Row {
            point: "anywhere else is never adequate",
            setup: setup!(to: "*"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM202"],
        },
    ]);
}

#[test]
fn uk_mechanisms_and_list() {
    let uk = |to, certs, mechanism| Setup {
        established: "GB",
        to,
        certs,
        mechanism,
        ..EU
    };
    check_rows(&[
        Row {
            point: "UK regime from 2021-01-01: no mechanism is FM202",
            setup: uk("US", "", "None"),
            as_of: "2021-01-01",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "before 2021 GB is in the EU regime's area (EU transfer)",
            setup: uk("US", "", "None"),
            as_of: "2020-12-31",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "IDTA not before 2022-03-21",
            setup: uk("US", "", "Some(Idta)"),
            as_of: "2022-03-20",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "IDTA from 2022-03-21",
            setup: uk("US", "", "Some(Idta)"),
            as_of: "2022-03-21",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "UK Addendum from 2022-03-21",
            setup: uk("US", "", "Some(UkAddendum)"),
            as_of: "2022-03-21",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "old EU clauses cover UK transfers until 2024-03-21",
            setup: uk("US", "", "Some(Scc)"),
            as_of: "2024-03-21",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "old EU clauses end for UK transfers after 2024-03-21",
            setup: uk("US", "", "Some(Scc)"),
            as_of: "2024-03-22",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "2021 EU clauses alone are not a UK mechanism",
            setup: uk("US", "", "Some(Scc2021)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "UK-US data bridge not before 2023-10-12",
            setup: uk("US", "\"DPF-UK\"", "Some(Dpf)"),
            as_of: "2023-10-11",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "UK-US data bridge from 2023-10-12",
            setup: uk("US", "\"DPF-UK\"", "Some(Dpf)"),
            as_of: "2023-10-12",
            expect: &["FM201"],
        },
        Row {
            point: "Safe Harbor is no UK mechanism",
            setup: uk("US", "\"SafeHarbor\"", "Some(SafeHarbor)"),
            as_of: "2022-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Korea on the UK list from 2022-12-19",
            setup: uk("KR", "", "None"),
            as_of: "2022-12-18",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Korea on 2022-12-19 (SI 2022/1213)",
            setup: uk("KR", "", "None"),
            as_of: "2022-12-19",
            expect: &["FM201"],
        },
        Row {
            point: "the EEA is adequate for the UK",
            setup: uk("DE", "", "None"),
            as_of: "2022-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "Gibraltar is adequate for the UK",
            setup: uk("GI", "", "None"),
            as_of: "2022-01-01",
            expect: &["FM201"],
        },
    ]);
}

#[test]
fn swiss_mechanisms_and_list() {
    let ch = |to, certs, mechanism| Setup {
        established: "CH",
        to,
        certs,
        mechanism,
        ..EU
    };
    check_rows(&[
        Row {
            point: "Swiss-US DPF not before 2024-09-15",
            setup: ch("US", "\"DPF-CH\"", "Some(Dpf)"),
            as_of: "2024-09-14",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Swiss-US DPF from 2024-09-15",
            setup: ch("US", "\"DPF-CH\"", "Some(Dpf)"),
            as_of: "2024-09-15",
            expect: &["FM201"],
        },
        Row {
            point: "Swiss-US Privacy Shield until the FDPIC's 2020-09-08 assessment",
            setup: ch("US", "\"PrivacyShield\"", "Some(PrivacyShield)"),
            as_of: "2020-09-07",
            expect: &["FM201"],
        },
        Row {
            point: "Swiss-US Privacy Shield not adequate from 2020-09-08",
            setup: ch("US", "\"PrivacyShield\"", "Some(PrivacyShield)"),
            as_of: "2020-09-08",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Swiss-US Safe Harbor from 2009-02-16",
            setup: ch("US", "\"SafeHarbor\"", "Some(SafeHarbor)"),
            as_of: "2009-02-15",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "Swiss-US Safe Harbor on 2009-02-16",
            setup: ch("US", "\"SafeHarbor\"", "Some(SafeHarbor)"),
            as_of: "2009-02-16",
            expect: &["FM201"],
        },
        Row {
            point: "no compelling-legitimate-interests derogation in the FADP",
            setup: ch("US", "", "Some(CompellingLegitimateInterests)"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "2021 EU clauses recognised by the FDPIC from 2021-08-27",
            setup: ch("US", "", "Some(Scc2021)"),
            as_of: "2021-08-26",
            expect: &["FM201", "FM204"],
        },
        Row {
            point: "2021 EU clauses on 2021-08-27",
            setup: ch("US", "", "Some(Scc2021)"),
            as_of: "2021-08-27",
            expect: &["FM201", "FM209"],
        },
        Row {
            point: "the UK is on Annex 1 from 2023-09-01",
            setup: ch("GB", "", "None"),
            as_of: "2023-09-01",
            expect: &["FM201"],
        },
    ]);
}

#[test]
fn the_law_cited_follows_the_date() {
    let cited = |s: &Setup, as_of, rule: &str| -> String {
        transfer_findings(&inventory(s, "", ""), as_of)
            .into_iter()
            .find(|(k, _, _)| k.starts_with(rule))
            .unwrap()
            .2
    };
    assert_eq!(
        cited(&EU, "2018-05-24", "FM202"),
        "Directive 95/46/EC Art. 25(1), Art. 26"
    );
    assert_eq!(cited(&EU, "2018-05-25", "FM202"), "GDPR Art. 44, Art. 46");
    let uk = Setup {
        established: "GB",
        ..EU
    };
    assert_eq!(
        cited(&uk, "2021-01-01", "FM202"),
        "UK GDPR Art. 44, Art. 46"
    );
    let ch = Setup {
        established: "CH",
        ..EU
    };
    assert_eq!(cited(&ch, "2023-08-31", "FM202"), "FADP (1992) Art. 6");
    assert_eq!(cited(&ch, "2023-09-01", "FM202"), "FADP Art. 16");
    let consent = setup!(mechanism: "Some(Consent)");
    assert_eq!(
        cited(&consent, "2005-11-24", "FM203"),
        "Directive 95/46/EC Art. 26(1)(a)"
    );
    assert_eq!(
        cited(&consent, "2005-11-25", "FM203"),
        "Directive 95/46/EC Art. 26(1)(a); WP29 WP114"
    );
    assert_eq!(
        cited(&consent, "2018-05-25", "FM203"),
        "GDPR Art. 49(1)(a); EDPB Guidelines 2/2018"
    );
    let cli = setup!(mechanism: "Some(CompellingLegitimateInterests)");
    let message = transfer_findings(&inventory(&cli, "", ""), "2020-01-01")
        .into_iter()
        .find(|(k, _, _)| k.starts_with("FM203"))
        .unwrap()
        .1;
    assert!(
        message.contains("the supervisory authority and the data subject must be informed")
            && message.contains("assessed and recorded (Art. 30(1)(e))"),
        "{message}"
    );
}

/// Areas by date: where the importer is decides criterion 3.
#[test]
fn each_area_by_date() {
    check_rows(&[
        Row {
            point: "Croatia is a third country on 2013-06-30",
            setup: setup!(to: "HR"),
            as_of: "2013-06-30",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Croatia is inside from 2013-07-01 (cross-border, no transfer)",
            setup: setup!(to: "HR"),
            as_of: "2013-07-01",
            expect: &["FM201"],
        },
        Row {
            point: "GB is inside the EU until 2020-12-31",
            setup: setup!(to: "GB"),
            as_of: "2020-12-31",
            expect: &["FM201"],
        },
        Row {
            point: "GB under the TCA bridge 2021-01-01: no transfer",
            setup: setup!(to: "GB"),
            as_of: "2021-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "GB adequate from 2021-06-28",
            setup: setup!(to: "GB"),
            as_of: "2021-06-28",
            expect: &["FM201"],
        },
        Row {
            point: "Gibraltar is a third country without adequacy from 2021-01-01",
            setup: setup!(to: "GI"),
            as_of: "2021-01-01",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Réunion is inside",
            setup: setup!(to: "RE"),
            as_of: "2024-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "Åland is inside",
            setup: setup!(to: "AX"),
            as_of: "2024-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "the Faroe Islands are outside, with adequacy",
            setup: setup!(to: "FO"),
            as_of: "2024-01-01",
            expect: &["FM201"],
        },
        Row {
            point: "Greenland is outside without adequacy",
            setup: setup!(to: "GL"),
            as_of: "2024-01-01",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Mayotte is outside before 2014",
            setup: setup!(to: "YT"),
            as_of: "2013-12-31",
            expect: &["FM201", "FM202"],
        },
        Row {
            point: "Mayotte is inside from 2014-01-01",
            setup: setup!(to: "YT"),
            as_of: "2014-01-01",
            expect: &["FM201"],
        },
    ]);
    let message = |to: &'static str, as_of| {
        transfer_findings(&inventory(&setup!(to: to), "", ""), as_of)
            .into_iter()
            .find(|(k, _, _)| k == "FM201 crm->imp")
            .unwrap()
    };
    let (_, text, law) = message("GB", "2021-03-01");
    assert!(
        text.contains("not a transfer") && text.contains("bridge"),
        "{text}"
    );
    assert_eq!(law, "TCA Art. FINPROV.10A");
    let (_, text, _) = message("HR", "2013-07-01");
    assert!(
        text.contains("importer is inside the EEA, the area of EU law"),
        "{text}"
    );
    let (_, text, _) = message("GB", "2021-06-28");
    assert!(
        text.contains("not restricted") && text.contains("2021/1772"),
        "{text}"
    );
}

/// An inventory from raw parts, for the criteria and onward cases.
fn raw(established: &str, sources: &str, stores: &str, recipients: &str, flows: &str) -> String {
    format!(
        r#"Inventory(
    name: "Raw", controller: Some("Example Ltd"), established: {established}, representatives: ["EEA", "GB"],
    sources: [{sources}], stores: [{stores}], recipients: [{recipients}], flows: [{flows}],
)"#
    )
}

fn keys(text: &str, as_of: &str) -> Vec<String> {
    let mut k: Vec<String> = transfer_findings(text, as_of)
        .into_iter()
        .map(|(k, _, _)| k)
        .collect();
    k.sort();
    k
}

fn message_of(text: &str, as_of: &str, key: &str) -> String {
    transfer_findings(text, as_of)
        .into_iter()
        .find(|(k, _, _)| k == key)
        .unwrap_or_else(|| panic!("no {key}"))
        .1
}

#[test]
fn each_criterion_failing_alone() {
    // 1. No exporter: EU visitors hand data to a US controller's own store (collection).
    let collection = raw(
        r#"["US"]"#,
        r#"Source(id: "web", name: "W", located: ["DE"], collects: ["contact.email"])"#,
        r#"Store(id: "crm", name: "C", located: ["US"])"#,
        "",
        r#"Flow(from: "web", to: "crm", data: ["contact.email"])"#,
    );
    assert_eq!(keys(&collection, "2024-01-01"), ["FM201 web->crm"]);
    assert!(
        message_of(&collection, "2024-01-01", "FM201 web->crm")
            .contains("collection by the controller")
    );
    // The same data sent to a processor's store is disclosed by the controller (Fashion ID).
    let to_processor = collection.replace(
        r#"located: ["US"])"#,
        r#"located: ["US"], operator: Processor)"#,
    );
    assert_eq!(
        keys(&to_processor, "2024-01-01"),
        ["FM201 web->crm", "FM202 web->crm"]
    );
    // 2. Same entity: two stores of one processor, DE and US.
    let same = raw(
        r#"["DE"]"#,
        "",
        r#"Store(id: "a", name: "A", located: ["DE"], operator: Processor, entity: Some("aws")),
           Store(id: "b", name: "B", located: ["US"], operator: Processor, entity: Some("aws"))"#,
        "",
        r#"Flow(from: "a", to: "b", data: ["contact.email"])"#,
    );
    assert_eq!(keys(&same, "2024-01-01"), ["FM201 a->b"]);
    assert!(message_of(&same, "2024-01-01", "FM201 a->b").contains("same entity"));
    let other = same.replacen(r#"entity: Some("aws"))"#, r#"entity: Some("gcp"))"#, 1);
    assert_eq!(keys(&other, "2024-01-01"), ["FM201 a->b", "FM202 a->b"]);
    // 3. Importer inside the area: DE to FR crosses a border but is no transfer.
    let inside = other.replace(r#"located: ["US"]"#, r#"located: ["FR"]"#);
    assert_eq!(keys(&inside, "2024-01-01"), ["FM201 a->b"]);
    assert!(message_of(&inside, "2024-01-01", "FM201 a->b").contains("importer is inside"));
    // And a US -> US disclosure by a US controller collecting in the EEA IS a transfer.
    let us_us = raw(
        r#"["US"]"#,
        r#"Source(id: "web", name: "W", located: ["DE"], collects: ["contact.email"])"#,
        r#"Store(id: "crm", name: "C", located: ["US"])"#,
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["US"])"#,
        r#"Flow(from: "web", to: "crm", data: ["contact.email"]), Flow(from: "crm", to: "p", data: ["contact.email"])"#,
    );
    assert_eq!(
        keys(&us_us, "2024-01-01"),
        ["FM201 crm->p", "FM201 web->crm", "FM202 crm->p"]
    );
    assert!(message_of(&us_us, "2024-01-01", "FM201 crm->p").contains("Art. 3(2)"));
}

#[test]
fn established_and_representatives() {
    let nowhere = raw(
        "[]",
        r#"Source(id: "web", name: "W", located: ["DE", "GB"], collects: ["contact.email"])"#,
        r#"Store(id: "crm", name: "C", located: ["US"])"#,
        "",
        r#"Flow(from: "web", to: "crm", data: ["contact.email"])"#,
    )
    .replace(r#"representatives: ["EEA", "GB"]"#, "representatives: []");
    assert_eq!(
        keys(&nowhere, "2024-01-01"),
        [
            "FM201 web->crm",
            "FM206 established",
            "FM207 EEA",
            "FM207 GB"
        ]
    );
    // Before 2021 GB is inside the EEA: one representative duty, under the Directive.
    assert_eq!(
        keys(&nowhere, "2017-01-01"),
        ["FM201 web->crm", "FM206 established", "FM207 EEA"]
    );
    let named = nowhere.replace("representatives: []", r#"representatives: ["DE", "GB"]"#);
    assert_eq!(
        keys(&named, "2024-01-01"),
        ["FM201 web->crm", "FM206 established"]
    );
    // Established in the EU: no reach, no representative; collecting is still no transfer.
    let in_eu = nowhere.replace("established: []", r#"established: ["IE"]"#);
    assert_eq!(keys(&in_eu, "2024-01-01"), ["FM201 web->crm", "FM207 GB"]);
}

#[test]
fn fm208_a_stale_mechanism_on_a_flow_that_needs_none() {
    let stale = raw(
        r#"["US"]"#,
        r#"Source(id: "web", name: "W", located: ["US"], collects: ["contact.email"])"#,
        r#"Store(id: "crm", name: "C", located: ["US"])"#,
        r#"Recipient(id: "p", name: "P", kind: Partner, located: ["US"])"#,
        r#"Flow(from: "crm", to: "p", data: ["contact.email"], mechanism: Some(SafeHarbor))"#,
    );
    assert_eq!(keys(&stale, "2015-10-05"), Vec::<String>::new());
    assert_eq!(keys(&stale, "2020-01-01"), ["FM208 crm->p"]);
}

/// EU data (from DE) and UK data (from GB) in one graph, passed on through three hops
/// and round a cycle.
fn onward_graph(flows_first: bool) -> String {
    let mut flows = [
        r#"Flow(from: "eu", to: "crm", data: ["contact.email"])"#,
        r#"Flow(from: "uk", to: "crm", data: ["contact.name"])"#,
        r#"Flow(from: "crm", to: "a", data: ["contact"], mechanism: Some(Scc2021))"#,
        r#"Flow(from: "a", to: "b", data: ["contact"])"#,
        r#"Flow(from: "b", to: "c", data: ["contact.email", "contact.name"])"#,
        r#"Flow(from: "c", to: "a", data: ["contact"])"#,
    ];
    if flows_first {
        flows.reverse();
    }
    raw(
        r#"["DE", "GB"]"#,
        r#"Source(id: "eu", name: "EU", located: ["DE"]), Source(id: "uk", name: "UK", located: ["GB"])"#,
        r#"Store(id: "crm", name: "C", located: ["DE", "GB"])"#,
        r#"Recipient(id: "a", name: "A", kind: Partner, located: ["US"]),
           Recipient(id: "b", name: "B", kind: Partner, located: ["BR"]),
           Recipient(id: "c", name: "C", kind: Partner, located: ["IN"])"#,
        &flows.join(", "),
    )
}

#[test]
fn onward_transfers_through_three_hops_and_a_cycle_with_eu_and_uk_data() {
    let text = onward_graph(false);
    let k = keys(&text, "2024-01-01");
    // crm -> a is a transfer under EU (Scc2021 covers it) and under UK (FM204: the 2021
    // clauses need the UK Addendum); each regime gets its own findings.
    for expected in [
        "FM204 crm->a",
        "FM209 crm->a",
        "FM205 a->b",
        "FM205 b->c",
        "FM205 c->a",
    ] {
        assert!(k.contains(&expected.to_string()), "{expected}: {k:?}");
    }
    let fm201_crm_a = transfer_findings(&text, "2024-01-01")
        .into_iter()
        .filter(|(k, _, _)| k == "FM201 crm->a")
        .map(|(_, m, _)| m)
        .collect::<Vec<_>>();
    assert_eq!(fm201_crm_a.len(), 2, "{fm201_crm_a:?}");
    assert!(
        fm201_crm_a[0].starts_with("transfer under EU")
            && fm201_crm_a[1].starts_with("transfer under UK")
    );
    // Both regimes' data travels on: two FM205 on each onward hop.
    assert_eq!(k.iter().filter(|x| *x == "FM205 b->c").count(), 2, "{k:?}");
    // Listing the flows the other way round changes nothing.
    assert_eq!(keys(&onward_graph(true), "2024-01-01"), k);
}

#[test]
fn onward_transfer_does_not_depend_on_flow_order() {
    // Three stores CA, BR and BR+CH (Issue 10): flows s1 -> t, t -> s0, s0 -> t.
    let build = |order: [&str; 3]| {
        let flows: Vec<String> = order
            .iter()
            .map(|ends| {
                let (from, to) = ends.split_once('>').unwrap();
                format!(r#"Flow(from: "{from}", to: "{to}", data: ["contact.email"])"#)
            })
            .collect();
        raw(
            r#"["CA"]"#,
            r#"Source(id: "web", name: "W", located: ["DE"])"#,
            r#"Store(id: "s1", name: "S1", located: ["CA"], operator: Processor),
               Store(id: "t", name: "T", located: ["BR"], operator: Processor),
               Store(id: "s0", name: "S0", located: ["BR", "CH"], operator: Processor)"#,
            "",
            &format!(
                r#"Flow(from: "web", to: "s1", data: ["contact.email"]), {}"#,
                flows.join(", ")
            ),
        )
    };
    let first = keys(&build(["s1>t", "t>s0", "s0>t"]), "2024-01-01");
    let second = keys(&build(["s0>t", "s1>t", "t>s0"]), "2024-01-01");
    assert_eq!(first, second);
}

/// The controller's establishment that makes a regime's law apply by Art. 3(1).
fn home(regime: RegimeCode) -> &'static str {
    match regime {
        RegimeCode::EU => "DE",
        RegimeCode::UK => "GB",
        RegimeCode::CH => "CH",
    }
}

/// What the flow `crm->imp` gives on `day` (a transfer's rules only), or `None` when the
/// regime does not exist yet on that day or the day is before any law flowmap knows.
fn rules_on(s: &Setup, day: Date) -> Option<Vec<String>> {
    (day >= EARLIEST).then(|| rules(s, Box::leak(day.to_string().into_boxed_str())))
}

/// Every window of every mechanism in the law table, per regime: covered on its first
/// day (and its last), FM204 the day before it opens (and after it closes) unless
/// another window of the same mechanism covers that day too or the regime does not
/// exist yet. The parties are chosen to fit the window's roles and importer scope, in a
/// place no adequacy decision covers, so that only the mechanism decides.
#[test]
fn every_mechanism_window_of_the_law_table_one_day_before_and_on_its_dates() {
    let table = Jurisdictions::builtin();
    let mut wrong = Vec::new();
    for w in &table.mechanisms {
        let (kind, to, certs): (&str, &str, String) = match (&w.importer, w.roles) {
            (ImporterScope::Certified(c), _) => ("Partner", "US", format!("\"{c}\"")),
            (ImporterScope::Group, _) => ("Affiliate", "CN", String::new()),
            (_, Roles::ControllerToProcessor) => ("ServiceProvider", "CN", String::new()),
            _ => ("Partner", "CN", String::new()),
        };
        let setup = Setup {
            established: home(w.regime),
            kind: Box::leak(kind.to_string().into_boxed_str()),
            to: Box::leak(to.to_string().into_boxed_str()),
            certs: Box::leak(certs.into_boxed_str()),
            mechanism: Box::leak(format!("Some({})", w.mechanism).into_boxed_str()),
        };
        let covered_by_another = |day: Date| {
            table.windows(w.mechanism, w.regime).iter().any(|o| {
                !std::ptr::eq(*o, w)
                    && o.open_on(day)
                    && o.roles == w.roles
                    && o.importer == w.importer
            })
        };
        let covered = |day: Date| {
            let mut expect = vec!["FM201".to_string()];
            if w.mechanism.is_derogation() {
                expect.push("FM203".into());
            } else if assessment_due(w.regime, w.mechanism, day) {
                expect.push("FM209".into());
            }
            expect
        };
        let regime_exists = |day: Date| table.act_on(w.regime, day).is_some();
        let mut expect = |day: Date, open: bool| {
            if !regime_exists(day) {
                return;
            }
            let Some(got) = rules_on(&setup, day) else {
                return;
            };
            let want = if open || covered_by_another(day) {
                covered(day)
            } else {
                vec!["FM201".to_string(), "FM204".to_string()]
            };
            if got != want {
                wrong.push(format!(
                    "{} under {} on {day} ({}): expected {want:?}, got {got:?}",
                    w.mechanism, w.regime, w.law
                ));
            }
        };
        expect(w.from.pred(), false);
        expect(w.from, true);
        if let Some(until) = w.until {
            expect(until, true);
            expect(until.succ(), false);
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// Every adequacy decision of every regime naming a country: the day before it is in
/// force a transfer there with no mechanism is FM202, on its first day it is not
/// restricted; likewise on its last day and the day after.
#[test]
fn every_adequacy_decision_one_day_before_and_on_its_dates() {
    let table = Jurisdictions::builtin();
    let mut wrong = Vec::new();
    for a in table
        .adequacy
        .iter()
        .filter(|a| table.is_country(&a.country))
    {
        let certs = match &a.scope {
            AdequacyScope::Certified(c) => format!("\"{c}\""),
            _ => String::new(),
        };
        let setup = Setup {
            established: home(a.regime),
            kind: "Partner",
            to: Box::leak(a.country.clone().into_boxed_str()),
            certs: Box::leak(certs.into_boxed_str()),
            mechanism: "None",
        };
        let mut check = |day: Date, adequate: bool| {
            if table.act_on(a.regime, day).is_none() || table.in_area(a.regime, &a.country, day) {
                return;
            }
            let Some(got) = rules_on(&setup, day) else {
                return;
            };
            // Another decision for the same place may cover the day (the UK's list of
            // 2021 took over the EU's decisions on the same day).
            let other = table
                .adequacy_on(a.regime, &a.country, day)
                .iter()
                .any(|o| {
                    !std::ptr::eq(*o, a) && (o.scope == a.scope || o.scope == AdequacyScope::Full)
                });
            // The EU-UK bridge: no transfer at all on those days.
            let bridged = table.bridge(a.regime, &a.country, day).is_some();
            let want: Vec<String> = if adequate || other || bridged {
                vec!["FM201".into()]
            } else {
                vec!["FM201".into(), "FM202".into()]
            };
            if got != want {
                wrong.push(format!(
                    "{} adequacy for {} ({}) on {day}: expected {want:?}, got {got:?}",
                    a.regime, a.country, a.decision
                ));
            }
        };
        check(a.from.pred(), false);
        check(a.from, true);
        if let Some(until) = a.until {
            check(until, true);
            check(until.succ(), false);
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn saint_barthelemy_leaves_the_eu_on_2012_01_01() {
    check_rows(&[
        Row {
            point: "Saint-Barthélemy is inside on 2011-12-31",
            setup: setup!(to: "BL"),
            as_of: "2011-12-31",
            expect: &["FM201"],
        },
        Row {
            point: "Saint-Barthélemy is an OCT from 2012-01-01",
            setup: setup!(to: "BL"),
            as_of: "2012-01-01",
            expect: &["FM201", "FM202"],
        },
    ]);
}

#[test]
fn cross_border_is_symmetric() {
    // DE -> [DE, US]: some location of the importer is no place of the exporter.
    let text = raw(
        r#"["DE"]"#,
        "",
        r#"Store(id: "a", name: "A", located: ["DE"]), Store(id: "b", name: "B", located: ["DE", "US"], operator: Processor)"#,
        "",
        r#"Flow(from: "a", to: "b", data: ["contact.email"], mechanism: Some(Scc))"#,
    );
    assert_eq!(keys(&text, "2024-01-01"), ["FM201 a->b", "FM209 a->b"]);
    let message = message_of(&text, "2024-01-01", "FM201 a->b");
    assert!(
        message.contains("in the United States;"),
        "only the place outside the area: {message}"
    );
    // [DE, US] -> [DE, US]: every location of each end is a place of the other.
    let same = text.replace(r#"located: ["DE"])"#, r#"located: ["DE", "US"])"#);
    let loaded = load_in_memory(&[("inventory.ron", same.as_str())], "inventory.ron").unwrap();
    let graph = FlowGraph::new(loaded);
    assert!(!graph.is_cross_border(0));
    let loaded = load_in_memory(&[("inventory.ron", text.as_str())], "inventory.ron").unwrap();
    assert!(FlowGraph::new(loaded).is_cross_border(0));
}

#[test]
fn a_flow_touching_an_unknown_place_is_not_judged_by_the_transfer_rules() {
    let text = raw(
        r#"["DE"]"#,
        "",
        r#"Store(id: "a", name: "A", located: ["DE"]), Store(id: "b", name: "B", located: ["XX"], operator: Processor)"#,
        "",
        r#"Flow(from: "a", to: "b", data: ["contact.email"], mechanism: Some(SafeHarbor))"#,
    );
    // Safe Harbor in 2024 would be FM204 (or FM208); the unknown code is FM005 alone.
    assert_eq!(keys(&text, "2024-01-01"), Vec::<String>::new());
    let loaded = load_in_memory(&[("inventory.ron", text.as_str())], "inventory.ron").unwrap();
    let graph = FlowGraph::new(loaded);
    let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule.id() == "FM005" && f.subject == "b")
    );
}

#[test]
fn israel_is_adequate_with_a_notice() {
    let text = inventory(&setup!(to: "IL"), "", "");
    assert_eq!(rules(&setup!(to: "IL"), "2024-01-01"), ["FM201"]);
    let loaded = load_in_memory(&[("inventory.ron", text.as_str())], "inventory.ron").unwrap();
    let graph = FlowGraph::new(loaded);
    let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("automated international transfers only")),
        "{:?}",
        report.notices
    );
}
