//! The "legacy import" benchmark shape (`examples/synth --shape legacy`): every finding
//! it plants is reported, as counted, and each system carries many findings.

use std::collections::BTreeMap;

use flowmap::check::{self, CheckOptions};
use flowmap::synth::legacy_import;
use flowmap::{FlowGraph, load};

#[test]
fn the_legacy_import_fires_as_planted_with_many_findings_per_system() {
    for (systems, seed) in [(1, 1), (5, 2), (60, 3), (400, 4)] {
        let synth = legacy_import(systems, seed);
        let loaded =
            load::load_in_memory(&synth.files(), "inventory.ron").expect("the legacy import loads");
        let graph = FlowGraph::new(loaded);
        let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
        let mut got: BTreeMap<&str, usize> = BTreeMap::new();
        for finding in &report.findings {
            *got.entry(finding.rule.id()).or_default() += 1;
        }
        assert_eq!(got, synth.expected, "{systems} systems, seed {seed}");
        let per_system = report.findings.len() as f64 / systems as f64;
        assert!(
            (19.0..=27.0).contains(&per_system) || systems < 60,
            "{per_system} findings a system"
        );
    }
    assert_eq!(
        legacy_import(60, 9),
        legacy_import(60, 9),
        "same seed, same bytes"
    );
}
