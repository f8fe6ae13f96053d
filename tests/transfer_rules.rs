//! FM201–FM205: each rule fires on one case and stays quiet on a near-identical one —
//! a country inside the EEA, a certified versus uncertified DPF recipient, and `as_of`
//! one day before and after each date of the EU–US timeline.

mod support;

use support::Case;

const FLOW: &str = "web->vendor";

fn to_us(mechanism: &'static str, as_of: &'static str) -> Case {
    Case {
        recipient_located: r#"["US"]"#,
        mechanism,
        as_of,
        ..Case::default()
    }
}

#[test]
fn the_base_case_fires_nothing() {
    assert_eq!(Case::default().findings(), Vec::<String>::new());
}

#[test]
fn fm201_lists_every_cross_border_flow_and_only_those() {
    assert_eq!(
        to_us("Some(Scc)", "2024-01-01").fired("FM201"),
        [format!("FM201 {FLOW}")]
    );
    // A country inside a region is the same place, both ways round.
    for (src, dst) in [
        (r#"["EEA"]"#, r#"["FR"]"#),
        (r#"["DE"]"#, r#"["EEA"]"#),
        (r#"["EU"]"#, r#"["EEA"]"#),
        (r#"["*"]"#, r#"["*"]"#),
    ] {
        let case = Case {
            source_located: src,
            recipient_located: dst,
            ..Case::default()
        };
        assert!(case.fired("FM201").is_empty(), "{src} -> {dst}");
    }
    // Some origin not among the destinations is enough.
    let case = Case {
        source_located: r#"["DE", "US"]"#,
        recipient_located: r#"["US"]"#,
        mechanism: "Some(Scc)",
        ..Case::default()
    };
    assert_eq!(case.fired("FM201").len(), 1);
    let case = Case {
        source_located: r#"["US"]"#,
        recipient_located: r#"["*"]"#,
        ..Case::default()
    };
    assert_eq!(
        case.fired("FM201").len(),
        1,
        "US to anywhere else crosses a border"
    );
}

#[test]
fn fm202_restricted_transfer_without_mechanism() {
    assert_eq!(
        to_us("None", "2015-11-08").fired("FM202"),
        [format!("FM202 {FLOW}")]
    );
    // Adequate destinations are not restricted: Switzerland, or inside the EEA.
    let ch = Case {
        recipient_located: r#"["CH"]"#,
        ..Case::default()
    };
    assert!(ch.fired("FM202").is_empty());
    assert_eq!(ch.fired("FM201").len(), 1, "still cross-border");
    // Data that does not leave a protected place is not a restricted transfer.
    let us_to_cn = Case {
        source_located: r#"["US"]"#,
        recipient_located: r#"["CN"]"#,
        ..Case::default()
    };
    assert!(us_to_cn.fired("FM202").is_empty());
    // The UK and Switzerland are protected origins too.
    let gb = Case {
        source_located: r#"["GB"]"#,
        recipient_located: r#"["CN"]"#,
        ..Case::default()
    };
    assert_eq!(gb.fired("FM202").len(), 1);
    // "Anywhere else" has no adequacy.
    let anywhere = Case {
        recipient_located: r#"["*"]"#,
        ..Case::default()
    };
    assert_eq!(anywhere.fired("FM202").len(), 1);
}

#[test]
fn fm202_uk_was_inside_the_eu_until_the_end_of_2020() {
    let to_gb = |as_of| Case {
        recipient_located: r#"["GB"]"#,
        as_of,
        ..Case::default()
    };
    assert!(to_gb("2020-12-31").fired("FM202").is_empty());
    assert!(
        to_gb("2021-06-28").fired("FM202").is_empty(),
        "UK adequacy from 2021-06-28"
    );
}

#[test]
fn fm202_us_adequacy_only_for_dpf_certified_recipients_from_2023_07_10() {
    let certified = |as_of| Case {
        certifications: r#"["DPF"]"#,
        ..to_us("None", as_of)
    };
    assert_eq!(
        certified("2023-07-09").fired("FM202").len(),
        1,
        "the day before the DPF"
    );
    assert!(
        certified("2023-07-10").fired("FM202").is_empty(),
        "the DPF's first day"
    );
    assert_eq!(
        to_us("None", "2023-07-10").fired("FM202").len(),
        1,
        "uncertified recipient"
    );
}

#[test]
fn fm202_canada_covers_commercial_recipients_only() {
    let to_ca = |kind| Case {
        recipient_located: r#"["CA"]"#,
        recipient_kind: kind,
        ..Case::default()
    };
    assert!(to_ca("Partner").fired("FM202").is_empty());
    assert_eq!(to_ca("Authority").fired("FM202").len(), 1);
}

#[test]
fn fm203_derogations_for_a_routine_flow() {
    assert_eq!(
        to_us("Some(Consent)", "2024-01-01").fired("FM203"),
        [format!("FM203 {FLOW}")]
    );
    assert_eq!(
        to_us("Some(ContractNecessity)", "2024-01-01")
            .fired("FM203")
            .len(),
        1
    );
    let scc = to_us("Some(Scc)", "2024-01-01");
    assert!(scc.fired("FM203").is_empty() && scc.fired("FM202").is_empty());
    // A derogation on a flow that is not restricted is not flagged.
    let ch = Case {
        recipient_located: r#"["CH"]"#,
        mechanism: "Some(Consent)",
        ..Case::default()
    };
    assert!(ch.fired("FM203").is_empty());
}

#[test]
fn fm204_safe_harbor_until_schrems_one() {
    let safe_harbor = |as_of| to_us("Some(SafeHarbor)", as_of);
    assert!(
        safe_harbor("2015-10-06")
            .findings()
            .iter()
            .all(|f| !f.starts_with("FM204") && !f.starts_with("FM202"))
    );
    assert_eq!(
        safe_harbor("2015-10-07").fired("FM204"),
        [format!("FM204 {FLOW}")]
    );
    assert!(
        safe_harbor("2015-10-07").fired("FM202").is_empty(),
        "a named but invalid mechanism is FM204, not FM202"
    );
    assert_eq!(
        safe_harbor("2000-07-25").fired("FM204").len(),
        1,
        "before it took effect"
    );
}

#[test]
fn fm204_privacy_shield_window() {
    let shield = |as_of| to_us("Some(PrivacyShield)", as_of);
    assert_eq!(shield("2016-07-11").fired("FM204").len(), 1);
    assert!(shield("2016-07-12").fired("FM204").is_empty());
    assert!(shield("2020-07-16").fired("FM204").is_empty());
    assert_eq!(shield("2020-07-17").fired("FM204").len(), 1);
}

#[test]
fn fm204_dpf_needs_the_date_and_a_certified_recipient() {
    let dpf = |certs, as_of| Case {
        certifications: certs,
        ..to_us("Some(Dpf)", as_of)
    };
    assert_eq!(dpf(r#"["DPF"]"#, "2023-07-09").fired("FM204").len(), 1);
    assert!(dpf(r#"["DPF"]"#, "2023-07-10").fired("FM204").is_empty());
    assert_eq!(
        dpf("[]", "2023-07-10").fired("FM204").len(),
        1,
        "uncertified recipient"
    );
    let outside_us = Case {
        recipient_located: r#"["IN"]"#,
        certifications: r#"["DPF"]"#,
        mechanism: "Some(Dpf)",
        ..Case::default()
    };
    assert_eq!(
        outside_us.fired("FM204").len(),
        1,
        "the DPF covers the US only"
    );
}

#[test]
fn fm204_adequacy_claimed_where_there_is_none() {
    assert_eq!(
        to_us("Some(Adequacy)", "2015-11-08").fired("FM204").len(),
        1
    );
    let ch = Case {
        recipient_located: r#"["CH"]"#,
        mechanism: "Some(Adequacy)",
        ..Case::default()
    };
    assert!(ch.fired("FM204").is_empty());
}

#[test]
fn as_of_comes_from_the_flag_then_the_inventory() {
    let case = to_us("Some(SafeHarbor)", "2015-10-01");
    let rules = |as_of| {
        case.run_at(as_of)
            .iter()
            .map(|f| f.rule.id())
            .collect::<Vec<_>>()
    };
    assert!(
        !rules(None).contains(&"FM204"),
        "inventory as_of 2015-10-01"
    );
    assert!(rules(Some("2015-11-08")).contains(&"FM204"), "--as-of wins");
}

/// web (DE) -> eu-store (DE) -> us-store (US) -> us-archive (US) -> vendor (given).
fn chain(first_store: &'static str, extra_flows: &'static str) -> Case {
    let stores = if first_store == "DE" {
        r#"
        Store(id: "eu-store", name: "EU store", located: ["DE"], retention: Some("1 year"), safeguards: ["x"]),
        Store(id: "us-store", name: "US store", located: ["US"], retention: Some("1 year"), safeguards: ["x"]),
        Store(id: "us-archive", name: "US archive", located: ["US"], retention: Some("1 year"), safeguards: ["x"]),"#
    } else {
        r#"
        Store(id: "eu-store", name: "EU store", located: ["DE"], retention: Some("1 year"), safeguards: ["x"]),
        Store(id: "us-store", name: "US store", located: ["DE"], retention: Some("1 year"), safeguards: ["x"]),
        Store(id: "us-archive", name: "US archive", located: ["DE"], retention: Some("1 year"), safeguards: ["x"]),"#
    };
    Case {
        recipient_located: r#"["IN"]"#,
        mechanism: "Some(Scc)",
        stores,
        flows: extra_flows,
        ..Case::default()
    }
}

const HOPS: &str = r#"
        Flow(from: "web", to: "eu-store", data: ["contact"], purposes: ["service.operation"], basis: Some(Contract), policy: ["s1"]),
        Flow(from: "eu-store", to: "us-store", data: ["contact"], purposes: ["service.operation"], mechanism: Some(Scc), policy: ["s1"]),
        Flow(from: "us-store", to: "us-archive", data: ["contact.email"], purposes: ["service.operation"], policy: ["s1"]),
        Flow(from: "us-archive", to: "vendor", data: ["contact.email", "device.ip_address"], purposes: ["service.operation"], mechanism: Some(Scc), policy: ["s1"]),"#;

const HOPS_WITH_CYCLE: &str = r#"
        Flow(from: "web", to: "eu-store", data: ["contact"], purposes: ["service.operation"], basis: Some(Contract), policy: ["s1"]),
        Flow(from: "eu-store", to: "us-store", data: ["contact"], purposes: ["service.operation"], mechanism: Some(Scc), policy: ["s1"]),
        Flow(from: "us-store", to: "us-archive", data: ["contact.email"], purposes: ["service.operation"], policy: ["s1"]),
        Flow(from: "us-archive", to: "us-store", data: ["contact.email"], purposes: ["service.operation"], policy: ["s1"]),
        Flow(from: "us-archive", to: "vendor", data: ["contact.email", "device.ip_address"], purposes: ["service.operation"], mechanism: Some(Scc), policy: ["s1"]),"#;

#[test]
fn fm205_onward_transfer_through_three_hops() {
    let findings = chain("DE", HOPS).run();
    let onward: Vec<_> = findings.iter().filter(|f| f.rule.id() == "FM205").collect();
    assert_eq!(onward.len(), 1, "{findings:#?}");
    assert_eq!(onward[0].subject, "us-archive->vendor");
    assert!(
        onward[0].message.contains("`contact.email`"),
        "{}",
        onward[0].message
    );
    assert!(
        !onward[0].message.contains("device.ip_address"),
        "that category never crossed before"
    );
    assert!(
        onward[0].message.contains("eu-store->us-store"),
        "names the first crossing"
    );
}

#[test]
fn fm205_not_when_the_data_never_crossed_before() {
    assert!(chain("no-us", HOPS).fired("FM205").is_empty());
}

#[test]
fn fm205_terminates_on_a_cycle() {
    let onward = chain("DE", HOPS_WITH_CYCLE).fired("FM205");
    assert_eq!(onward, ["FM205 us-archive->vendor"]);
}

#[test]
fn two_countries_inside_the_eea_cross_a_border_without_restriction() {
    let case = Case {
        recipient_located: r#"["FR"]"#,
        ..Case::default()
    };
    assert_eq!(case.findings(), [format!("FM201 {FLOW}")]);
}
