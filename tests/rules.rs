//! One fixture per integrity and record rule: each is the clean inventory with one
//! defect, and the test pins exactly which findings fire, on which subject, where.

use std::path::PathBuf;

use flowmap::check::{self, CheckOptions};
use flowmap::{FlowGraph, Origin};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

/// `RULE subject line:column` for every finding of a fixture.
fn findings(name: &str) -> Vec<String> {
    let loaded = flowmap::load(&Origin::Path(fixture(name))).expect("fixture loads");
    let graph = FlowGraph::new(loaded);
    let options = CheckOptions::resolve(&graph, None);
    check::run(&graph, &options)
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}",
                f.rule, f.subject, f.location.line, f.location.column
            )
        })
        .collect()
}

#[test]
fn clean_inventory_fires_nothing() {
    assert_eq!(findings("clean.ron"), Vec::<String>::new());
}

#[test]
fn fm002_duplicate_node_id_points_at_the_second_id() {
    assert_eq!(findings("fm002-node.ron"), ["FM002 crm 28:23"]);
}

#[test]
fn fm002_two_flows_with_the_same_ends_and_no_id() {
    // The copy also leaves a source without a basis (FM303) and strands `mailer` (FM304).
    assert_eq!(
        findings("fm002-flow.ron"),
        [
            "FM304 mailer 28:9",
            "FM002 signup->crm 43:9",
            "FM303 signup->crm 43:9"
        ]
    );
}

#[test]
fn fm003_unknown_flow_end() {
    assert_eq!(
        findings("fm003.ron"),
        ["FM304 mailer 28:9", "FM003 crm->mailr 45:17"]
    );
}

#[test]
fn fm003_unknown_policy_section_and_fm004_in_the_policy() {
    // The section `sharring` discloses no category, and its purpose is misspelt, so the
    // flow that cites it is not disclosed either.
    assert_eq!(
        findings("fm003-section"),
        [
            "FM003 signup->crm 42:36",
            "FM102 crm->mailer 47:20",
            "FM103 crm->mailer 48:24",
            "FM004 sharring 18:24"
        ]
    );
}

#[test]
fn fm004_unknown_category_and_purpose() {
    assert_eq!(findings("fm004-category.ron"), ["FM004 crm->mailer 46:20"]);
    assert_eq!(findings("fm004-purpose.ron"), ["FM004 crm->mailer 47:24"]);
}

#[test]
fn fm005_unknown_jurisdiction() {
    assert_eq!(findings("fm005.ron"), ["FM005 mailer 32:23"]);
}

#[test]
fn fm006_impossible_flows() {
    assert_eq!(
        findings("fm006-into-source.ron"),
        ["FM304 mailer 28:9", "FM006 crm->signup 45:17"]
    );
    assert_eq!(
        findings("fm006-self.ron"),
        ["FM304 mailer 28:9", "FM006 crm->crm 45:17"]
    );
    assert_eq!(findings("fm006-no-data.ron"), ["FM006 crm->mailer 43:9"]);
}

#[test]
fn fm301_to_fm304_record_rules() {
    assert_eq!(findings("fm301.ron"), ["FM301 crm 18:9"]);
    assert_eq!(findings("fm302.ron"), ["FM302 crm 18:9"]);
    assert_eq!(findings("fm303-basis.ron"), ["FM303 signup->crm 36:9"]);
    assert_eq!(findings("fm303-purpose.ron"), ["FM303 crm->mailer 43:9"]);
    assert_eq!(findings("fm304.ron"), ["FM304 auditor 28:9"]);
}

#[test]
fn messages_say_what_to_do() {
    let loaded = flowmap::load(&Origin::Path(fixture("fm004-purpose.ron"))).unwrap();
    let graph = FlowGraph::new(loaded);
    let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    assert!(
        report.findings[0]
            .message
            .contains("did you mean `communications.service`"),
        "{}",
        report.findings[0].message
    );
    let loaded = flowmap::load(&Origin::Path(fixture("fm005.ron"))).unwrap();
    let graph = FlowGraph::new(loaded);
    let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    assert!(report.findings[0].message.contains("did you mean `GB`"));
}

#[test]
fn fm001_carries_the_file_as_subject_and_the_parser_position() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/unknown-field.ron");
    let error = flowmap::load(&Origin::Path(path)).expect_err("does not load");
    let finding = error.as_finding().expect("an invalid file is FM001");
    assert_eq!(finding.rule.id(), "FM001");
    assert!(
        finding.subject.ends_with("unknown-field.ron"),
        "{}",
        finding.subject
    );
    assert_eq!((finding.location.line, finding.location.column), (4, 52));
    assert!(finding.message.contains("`retenton`"));
}
