//! Time travel: a transfer's verdict as spans across the law's milestones, with exact
//! boundaries for each framework, clause set and membership change; the spans agree
//! with `check --as-of` on both sides of every boundary (a property over random
//! inventories and dates); `check --horizon` warns before a verdict gets worse; the
//! command refuses bad ranges and unknown flows.

mod support;

use flowmap::FlowGraph;
use flowmap::check::timeline::{Span, dates_in, flow_spans, milestones, verdict_of};
use flowmap::check::transfer;
use flowmap::load::load_in_memory;
use flowmap::model::Date;
use flowmap::model::law::EARLIEST;
use proptest::prelude::*;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// A controller established in `home`, its store there, sending to a `kind` in `to`
/// certified `certs`, on `mechanism`.
fn inventory(home: &str, kind: &str, to: &str, certs: &str, mechanism: &str) -> String {
    format!(
        r#"Inventory(
    name: "Timeline", controller: Some("Example Ltd"), established: ["{home}"], representatives: ["EEA", "GB"],
    sources: [Source(id: "web", name: "Web", located: ["{home}"])],
    stores: [Store(id: "crm", name: "CRM", located: ["{home}"], retention: Some("1y"), safeguards: ["tls"])],
    recipients: [Recipient(id: "imp", name: "Importer", kind: {kind}, located: ["{to}"], certifications: [{certs}])],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract)),
        Flow(from: "crm", to: "imp", data: ["contact.email"], purposes: ["service.operation"], mechanism: {mechanism}),
    ],
)"#
    )
}

fn graph(text: &str) -> FlowGraph {
    FlowGraph::new(load_in_memory(&[("inventory.ron", text)], "inventory.ron").unwrap())
}

/// The spans of `crm->imp` from `from` to `to`, as `(from, until, verdict)`.
fn spans(text: &str, from: &str, to: &str) -> Vec<(String, String, String)> {
    let g = graph(text);
    let dates = dates_in(&milestones(), day(from), day(to));
    flow_spans(&g, &dates, day(to))
        .remove(1)
        .into_iter()
        .map(
            |Span {
                 from,
                 until,
                 verdict,
                 ..
             }| (from.to_string(), until.to_string(), verdict),
        )
        .collect()
}

fn s(from: &str, until: &str, verdict: &str) -> (String, String, String) {
    (from.into(), until.into(), verdict.into())
}

#[test]
fn safe_harbor_spans_end_the_day_schrems_one_was_delivered() {
    let text = inventory("DE", "Partner", "US", "\"SafeHarbor\"", "Some(SafeHarbor)");
    assert_eq!(
        spans(&text, "1999-01-01", "2016-12-31"),
        [
            s(
                "1999-01-01",
                "2000-07-25",
                "EU transfer, `SafeHarbor` does not cover it (FM204)"
            ),
            s("2000-07-26", "2015-10-05", "EU transfer, adequate"),
            s(
                "2015-10-06",
                "2016-12-31",
                "EU transfer, `SafeHarbor` does not cover it (FM204)"
            ),
        ]
    );
}

#[test]
fn privacy_shield_and_dpf_spans() {
    let text = inventory(
        "DE",
        "Partner",
        "US",
        "\"PrivacyShield\", \"DPF\"",
        "Some(Dpf)",
    );
    assert_eq!(
        spans(&text, "2016-01-01", "2024-01-01"),
        [
            s(
                "2016-01-01",
                "2016-07-11",
                "EU transfer, `Dpf` does not cover it (FM204)"
            ),
            s("2016-07-12", "2020-07-15", "EU transfer, adequate"),
            s(
                "2020-07-16",
                "2023-07-09",
                "EU transfer, `Dpf` does not cover it (FM204)"
            ),
            s("2023-07-10", "2024-01-01", "EU transfer, adequate"),
        ]
    );
}

#[test]
fn old_and_new_clauses_spans() {
    let old = inventory("DE", "Partner", "CN", "", "Some(Scc2010)");
    assert_eq!(
        spans(&old, "2000-01-01", "2024-01-01"),
        [
            s(
                "2000-01-01",
                "2001-09-02",
                "EU transfer, `Scc2010` does not cover it (FM204)"
            ),
            s(
                "2001-09-03",
                "2020-07-15",
                "EU transfer, covered by `Scc2010`"
            ),
            s(
                "2020-07-16",
                "2022-12-27",
                "EU transfer, covered by `Scc2010` (FM209)"
            ),
            s(
                "2022-12-28",
                "2024-01-01",
                "EU transfer, `Scc2010` does not cover it (FM204)"
            ),
        ]
    );
    let new = inventory("DE", "Partner", "CN", "", "Some(Scc2021)");
    assert_eq!(
        spans(&new, "2021-01-01", "2022-01-01"),
        [
            s(
                "2021-01-01",
                "2021-06-26",
                "EU transfer, `Scc2021` does not cover it (FM204)"
            ),
            s(
                "2021-06-27",
                "2022-01-01",
                "EU transfer, covered by `Scc2021` (FM209)"
            ),
        ]
    );
}

#[test]
fn membership_changes_move_the_spans() {
    let hr = inventory("DE", "Partner", "HR", "", "None");
    assert_eq!(
        spans(&hr, "2013-01-01", "2014-01-01"),
        [
            s(
                "2013-01-01",
                "2013-06-30",
                "EU transfer, no mechanism (FM202)"
            ),
            s("2013-07-01", "2014-01-01", "not a transfer"),
        ]
    );
    let gb = inventory("DE", "Partner", "GB", "", "None");
    assert_eq!(
        spans(&gb, "2020-06-01", "2022-01-01"),
        [
            s("2020-06-01", "2021-06-27", "not a transfer"),
            s("2021-06-28", "2022-01-01", "EU transfer, adequate"),
        ]
    );
}

/// What `check --as-of day` says of flow `i`, in the timeline's words.
fn checked(g: &FlowGraph, i: usize, on: Date) -> String {
    let judged = g.clone().judged_on(Some(on));
    verdict_of(&transfer::analyse(&judged, on).flows[i], on).0
}

const PLACES: &[&str] = &["DE", "HR", "GB", "GI", "CH", "US", "CA", "BR", "KR", "*"];
const MECHANISMS: &[&str] = &[
    "None",
    "Some(Scc)",
    "Some(Scc2010)",
    "Some(Scc2021)",
    "Some(Dpf)",
    "Some(SafeHarbor)",
    "Some(PrivacyShield)",
    "Some(Consent)",
    "Some(UkAddendum)",
    "Some(Bcr)",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn spans_agree_with_check_on_both_sides_of_every_boundary(
        home in proptest::sample::select(&["DE", "GB", "CH", "US"][..]),
        to in proptest::sample::select(PLACES),
        kind in proptest::sample::select(&["Partner", "ServiceProvider", "Affiliate", "Authority"][..]),
        certs in proptest::sample::select(&["", "\"DPF\"", "\"SafeHarbor\"", "\"PrivacyShield\"", "\"DPF-UK\""][..]),
        mechanism in proptest::sample::select(MECHANISMS),
        from_days in 0i64..11_000,
        length in 0i64..4_000,
    ) {
        let text = inventory(home, kind, to, certs, mechanism);
        let g = graph(&text);
        let from = Date::from_days_since_epoch(EARLIEST.days_since_epoch() + from_days);
        let until = Date::from_days_since_epoch(from.days_since_epoch() + length);
        let dates = dates_in(&milestones(), from, until);
        let all = flow_spans(&g, &dates, until);
        for (i, flow_spans) in all.iter().enumerate() {
            prop_assert_eq!(flow_spans.first().map(|s| s.from), Some(from));
            prop_assert_eq!(flow_spans.last().map(|s| s.until), Some(until));
            for span in flow_spans {
                for on in [span.from, span.until] {
                    prop_assert_eq!(&checked(&g, i, on), &span.verdict, "{} on {}", i, on);
                }
                if span.from > from {
                    prop_assert_ne!(&checked(&g, i, span.from.pred()), &span.verdict);
                }
            }
        }
    }
}

fn flowmap(args: &[&str]) -> (i32, String, String) {
    support::flowmap_run(args)
}

#[test]
fn the_command_walks_the_confluent_inventory() {
    let (code, out, _) = flowmap(&["timeline", "--from", "2015-01-01", "--to", "2019-01-01"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("2015-10-06") && out.contains("Schrems I"),
        "{out}"
    );
    assert!(out.contains("website-data->partners"), "{out}");
    assert!(
        out.contains("2015-01-01 … 2019-01-01  EU transfer, no mechanism (FM202)"),
        "{out}"
    );
    let (code, json, _) = flowmap(&[
        "timeline",
        "--flow",
        "website-data->affiliates",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let flows = json["flows"].as_array().unwrap();
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0]["id"], "website-data->affiliates");
    assert_eq!(
        flows[0]["spans"][0]["verdict"],
        "EU transfer on the derogation `Consent` (FM203) + CH transfer on the derogation `Consent` (FM203)"
    );
    // No law before the Member States' laws were due (Directive 95/46/EC Art. 32(1)).
    assert_eq!(json["milestones"][0]["date"], "1998-10-25");
    let (code, md, _) = flowmap(&[
        "timeline",
        "--format",
        "markdown",
        "--from",
        "2018-01-01",
        "--to",
        "2018-12-31",
    ]);
    assert_eq!(code, 0);
    assert!(
        md.starts_with("## flowmap timeline, 2018-01-01 … 2018-12-31"),
        "{md}"
    );
    assert!(md.contains("| 2018-05-25 |"), "{md}");
}

#[test]
fn bad_ranges_and_unknown_flows_exit_2() {
    let (code, _, err) = flowmap(&["timeline", "--from", "2020-01-01", "--to", "2019-01-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("is after `--to 2019-01-01`"), "{err}");
    let (code, _, err) = flowmap(&["timeline", "--from", "1990-01-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("no law before 1998-10-25"), "{err}");
    let (code, _, err) = flowmap(&["timeline", "--flow", "website-data->partner"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `website-data->partners`"),
        "{err}"
    );
}

#[test]
fn horizon_warns_before_a_verdict_gets_worse() {
    let dir = tempfile::tempdir().unwrap();
    let text = inventory(
        "DE",
        "Partner",
        "US",
        "\"PrivacyShield\"",
        "Some(PrivacyShield)",
    )
    .replace(
        "name: \"Timeline\",",
        "name: \"Timeline\", as_of: Some(\"2020-06-01\"),",
    );
    std::fs::write(dir.path().join("inventory.ron"), &text).unwrap();
    let path = dir.path().to_str().unwrap();
    let (_, out, _) = flowmap(&["check", path, "--horizon", "60", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fm210: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "FM210")
        .collect();
    assert_eq!(fm210.len(), 1, "{json}");
    assert_eq!(fm210[0]["subject"], "crm->imp");
    let message = fm210[0]["message"].as_str().unwrap();
    assert!(
        message.contains("on 2020-07-16") && message.contains("Schrems II"),
        "{message}"
    );
    // Too short a horizon: nothing yet.
    let (_, out, _) = flowmap(&["check", path, "--horizon", "30", "--format", "json"]);
    assert!(!out.contains("FM210"), "{out}");
    // A waiver that expires within the horizon.
    let waivers = dir.path().join("waivers.ron");
    let soon = Date::today().plus_days(10);
    std::fs::write(
        &waivers,
        format!(
            "[(rule: \"FM209\", subject: \"crm->imp\", reason: \"r\", expires: Some(\"{soon}\"))]"
        ),
    )
    .unwrap();
    let (_, out, _) = flowmap(&[
        "check",
        path,
        "--horizon",
        "30",
        "--waivers",
        waivers.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.contains(&format!("expires on {soon}")), "{out}");
}

#[test]
fn every_milestone_names_its_source() {
    let all = milestones();
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(
        all.iter()
            .all(|m| !m.source.is_empty() && m.date >= EARLIEST)
    );
    for (date, what) in [
        ("2015-10-06", "Schrems I"),
        ("2018-05-25", "GDPR applies"),
        ("2020-07-16", "Schrems II"),
        ("2021-01-01", "UK GDPR applies"),
        ("2023-07-10", "Data Privacy Framework"),
        ("2023-09-01", "FADP applies"),
    ] {
        assert!(
            all.iter()
                .any(|m| m.date == day(date) && m.event.contains(what)),
            "{date} {what}"
        );
    }
}

#[test]
fn a_waivers_expiry_is_a_milestone_and_counts_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let waivers = dir.path().join("waivers.ron");
    std::fs::write(
        &waivers,
        "[(rule: \"FM202\", subject: \"website-data->partners\", reason: \"SCCs in review\", expires: Some(\"2016-06-30\"))]",
    )
    .unwrap();
    let (code, out, err) = flowmap(&[
        "timeline",
        "--from",
        "2016-01-01",
        "--to",
        "2016-12-31",
        "--waivers",
        waivers.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let line = |date: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(date))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("2016-07-01").contains("the waiver of FM202 for `website-data->partners` has expired"),
        "{out}"
    );
    // While the waiver holds, FM202 on the partners is waived under both regimes that
    // judge it (EU, and CH through the visitors anywhere): two errors fewer.
    assert!(line("2016-01-01").contains(" 18 errors"), "{out}");
    assert!(line("2016-07-01").contains(" 20 errors"), "{out}");
    assert!(line("2016-07-01").contains("+2 errors"), "{out}");
}

/// A policy that discloses the data, the purposes and every kind, but only the EEA as a
/// place: FM105 then depends on what is cross-border, i.e. on membership (HR, GB, GI).
const POLICY: &str = r#"Policy(title: "P", sections: [Section(id: "s1", number: "1", title: "t", quote: "q",
    collects: ["contact"], purposes: ["service"],
    shares_with: [Affiliate, ServiceProvider, Partner, Authority],
    locations: ["EEA"], mechanisms: [Scc, Scc2010, Scc2021, Dpf, SafeHarbor, PrivacyShield, Consent, UkAddendum, Bcr])])"#;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The timeline's counts, which reuse the other rules' findings within a membership
    /// epoch, are those of a full `check --as-of` on every milestone.
    #[test]
    fn counts_agree_with_a_full_check_on_every_milestone(
        home in proptest::sample::select(&["DE", "GB", "HR", "US"][..]),
        to in proptest::sample::select(PLACES),
        kind in proptest::sample::select(&["Partner", "ServiceProvider", "Affiliate", "Authority"][..]),
        mechanism in proptest::sample::select(MECHANISMS),
        from_days in 0i64..9_000,
        length in 0i64..6_000,
        waived in proptest::sample::select(&["FM202", "FM203", "FM204", "FM105", "FM209", "FM999"][..]),
        expires_days in 0i64..10_000,
    ) {
        let text = inventory(home, kind, to, "", mechanism)
            .replace("representatives: [\"EEA\", \"GB\"],", "representatives: [\"EEA\", \"GB\"], policy: Some(\"policy.ron\"),")
            .replace("basis: Some(Contract))", "basis: Some(Contract), policy: [\"s1\"])")
            .replace("mechanism: ", "policy: [\"s1\"], mechanism: ");
        let loaded = load_in_memory(&[("inventory.ron", &text), ("policy.ron", POLICY)], "inventory.ron").unwrap();
        let g = FlowGraph::new(loaded);
        let from = Date::from_days_since_epoch(EARLIEST.days_since_epoch() + from_days);
        let until = Date::from_days_since_epoch(from.days_since_epoch() + length);
        let dates = dates_in(&milestones(), from, until);
        let (_, counts) = flowmap::check::timeline::over_time(&g, &dates, until, None);
        prop_assert_eq!(counts.len(), dates.len());
        for c in counts {
            let judged = g.clone().judged_on(Some(c.date));
            let summary = flowmap::check::run(&judged, &flowmap::check::CheckOptions { as_of: c.date }).summary();
            prop_assert_eq!((c.errors, c.warnings), (summary.errors, summary.warnings), "on {}", c.date);
        }
        // With a waiver that expires somewhere in the range, applied as it stands each day.
        let dir = tempfile::tempdir().unwrap();
        let expires = Date::from_days_since_epoch(EARLIEST.days_since_epoch() + expires_days);
        let path = dir.path().join("waivers.ron");
        std::fs::write(&path, format!(
            "[(rule: \"{waived}\", subject: \"crm->imp\", reason: \"r\", expires: Some(\"{expires}\"))]"
        )).unwrap();
        let waivers = flowmap::check::waivers::Waivers::load(&path).unwrap();
        let (_, counts) = flowmap::check::timeline::over_time(&g, &dates, until, Some(&waivers));
        for c in counts {
            let judged = g.clone().judged_on(Some(c.date));
            let mut report = flowmap::check::run(&judged, &flowmap::check::CheckOptions { as_of: c.date });
            waivers.apply(&mut report.findings, c.date);
            let summary = report.summary();
            prop_assert_eq!((c.errors, c.warnings), (summary.errors, summary.warnings), "with the waiver, on {}", c.date);
        }
    }
}
