//! FM101–FM108: each rule fires on one case and stays quiet on a near-identical one.

mod support;

use support::Case;

const FLOW: &str = "web->vendor";

#[test]
fn fm101_a_flow_citing_nothing_is_judged_against_the_whole_policy() {
    let uncited = Case {
        cites: "[]",
        ..Case::default()
    };
    assert_eq!(
        uncited.findings(),
        [format!("FM101 {FLOW}"), "FM107 s1".to_string()]
    );
    // What no section discloses still surfaces.
    let undisclosed = Case {
        cites: "[]",
        data: r#"["health.condition"]"#,
        ..Case::default()
    };
    let findings = undisclosed.run();
    let fm102 = findings
        .iter()
        .find(|f| f.rule.id() == "FM102")
        .expect("FM102 against the whole policy");
    assert!(
        fm102.message.contains("no section of the policy discloses"),
        "{}",
        fm102.message
    );
    assert!(Case::default().fired("FM101").is_empty());
}

#[test]
fn fm102_categories_are_covered_by_their_parent_only() {
    assert!(
        Case {
            section_collects: r#"["contact"]"#,
            ..Case::default()
        }
        .fired("FM102")
        .is_empty()
    );
    assert!(
        Case {
            section_collects: r#"["contact.email"]"#,
            ..Case::default()
        }
        .fired("FM102")
        .is_empty()
    );
    let narrower = Case {
        section_collects: r#"["contact.name"]"#,
        ..Case::default()
    };
    assert_eq!(narrower.fired("FM102"), [format!("FM102 {FLOW}")]);
    let child_does_not_cover_parent = Case {
        data: r#"["contact"]"#,
        section_collects: r#"["contact.email"]"#,
        ..Case::default()
    };
    assert_eq!(child_does_not_cover_parent.fired("FM102").len(), 1);
}

#[test]
fn fm102_names_the_sections_that_would_cover_it() {
    let case = Case {
        section_collects: "[]",
        sections: r#"
        Section(id: "s2", number: "2", title: "Contact data", quote: "We collect your email.", collects: ["contact"]),"#,
        ..Case::default()
    };
    let findings = case.run();
    let fm102 = findings.iter().find(|f| f.rule.id() == "FM102").unwrap();
    assert!(
        fm102
            .message
            .contains("the cited section `s1` does not disclose the data category `contact.email`"),
        "{}",
        fm102.message
    );
    assert!(
        fm102.message.contains("section `s2` does: cite it"),
        "{}",
        fm102.message
    );
    assert_eq!(
        fm102.section,
        Some(flowmap::check::RestsOn::Sections(vec!["s1".into()]))
    );
    assert_eq!(
        (fm102.location.line, fm102.location.column),
        (17, 20),
        "points at the data item"
    );
}

#[test]
fn fm103_purposes() {
    assert!(
        Case {
            section_purposes: r#"["service.operation"]"#,
            ..Case::default()
        }
        .fired("FM103")
        .is_empty()
    );
    let other = Case {
        section_purposes: r#"["marketing"]"#,
        ..Case::default()
    };
    assert_eq!(other.fired("FM103"), [format!("FM103 {FLOW}")]);
}

#[test]
fn fm104_recipient_kinds() {
    assert!(
        Case {
            section_shares: "[ServiceProvider]",
            ..Case::default()
        }
        .fired("FM104")
        .is_empty()
    );
    let other = Case {
        section_shares: "[Partner]",
        ..Case::default()
    };
    assert_eq!(other.fired("FM104"), [format!("FM104 {FLOW}")]);
}

#[test]
fn fm105_cross_border_destinations() {
    let to_us = |locations| Case {
        recipient_located: r#"["US"]"#,
        mechanism: "Some(Scc)",
        section_locations: locations,
        ..Case::default()
    };
    assert!(to_us(r#"["US"]"#).fired("FM105").is_empty());
    assert!(
        to_us(r#"["*"]"#).fired("FM105").is_empty(),
        "`*`: any other country"
    );
    assert_eq!(
        to_us(r#"["EEA"]"#).fired("FM105"),
        [format!("FM105 {FLOW}")]
    );
    // A destination inside a disclosed region is disclosed.
    let to_fr = |locations| Case {
        recipient_located: r#"["FR"]"#,
        section_locations: locations,
        ..Case::default()
    };
    assert!(to_fr(r#"["EEA"]"#).fired("FM105").is_empty());
    assert_eq!(to_fr(r#"["US"]"#).fired("FM105").len(), 1);
    // A flow that does not cross a border discloses no location.
    assert!(
        Case {
            section_locations: "[]",
            ..Case::default()
        }
        .fired("FM105")
        .is_empty()
    );
}

#[test]
fn fm106_children_below_the_policy_age() {
    let case = |minors, age| Case {
        minors,
        children_min_age: age,
        ..Case::default()
    };
    assert_eq!(case(true, "Some(13)").fired("FM106"), ["FM106 web"]);
    assert!(case(false, "Some(13)").fired("FM106").is_empty());
    assert!(
        case(true, "None").fired("FM106").is_empty(),
        "the policy makes no promise"
    );
}

#[test]
fn fm107_sections_that_disclose_something_no_flow_cites() {
    let extra = |section| Case {
        sections: section,
        ..Case::default()
    };
    let discloses = extra(
        r#"
        Section(id: "s2", number: "2", title: "Sharing", quote: "We share with partners.", shares_with: [Partner]),"#,
    );
    assert_eq!(discloses.fired("FM107"), ["FM107 s2"]);
    let says_nothing = extra(
        r#"
        Section(id: "s2", number: "2", title: "Contact us", quote: "Write to us."),"#,
    );
    assert!(says_nothing.fired("FM107").is_empty());
}

#[test]
fn fm108_mechanisms_the_sections_do_not_name() {
    let case = |mechanisms| Case {
        recipient_located: r#"["US"]"#,
        mechanism: "Some(Scc)",
        section_mechanisms: mechanisms,
        ..Case::default()
    };
    assert!(case("[Scc]").fired("FM108").is_empty());
    assert_eq!(case("[Consent]").fired("FM108"), [format!("FM108 {FLOW}")]);
}
