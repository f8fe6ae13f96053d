//! No finding depends on the order in which nodes, flows or policy sections are listed:
//! random inventories (places across the EEA, the UK, Switzerland and third countries;
//! every operator, recipient kind, certification and mechanism; cycles allowed), judged
//! on random dates around the law's milestones, give the same findings — rule, subject,
//! message and law — however their nodes, flows and policy sections are shuffled.

use flowmap::FlowGraph;
use flowmap::check::{self, CheckOptions};
use flowmap::load::load_in_memory;
use flowmap::model::Date;
use proptest::prelude::*;

const PLACES: &[&str] = &[
    "DE", "FR", "HR", "GB", "GI", "CH", "US", "CA", "BR", "KR", "EEA", "*",
];
const OPERATORS: &[&str] = &["Controller", "Processor", "JointController"];
const KINDS: &[&str] = &[
    "Affiliate",
    "ServiceProvider",
    "Partner",
    "Authority",
    "Public",
];
const CERTS: &[&str] = &[
    "",
    "\"DPF\"",
    "\"DPF-UK\"",
    "\"SafeHarbor\"",
    "\"PrivacyShield\"",
];
const MECHANISMS: &[&str] = &[
    "None",
    "Some(Scc)",
    "Some(Scc2010)",
    "Some(Bcr)",
    "Some(Dpf)",
    "Some(Consent)",
    "Some(SafeHarbor)",
    "Some(UkAddendum)",
    "Some(Adequacy)",
];
const DATA: &[&str] = &[
    "contact",
    "contact.email",
    "contact.name",
    "device.ip_address",
];
const DATES: &[&str] = &[
    "1999-01-01",
    "2013-06-30",
    "2013-07-01",
    "2015-10-05",
    "2015-10-06",
    "2018-05-25",
    "2020-07-16",
    "2020-12-31",
    "2021-01-01",
    "2021-06-28",
    "2024-03-22",
    "2026-11-30",
];

/// A flow: from, to, data, mechanism, the sections it cites.
type FlowSpec = (usize, usize, Vec<&'static str>, &'static str, Vec<usize>);

/// Three policy sections, each disclosing a different slice.
const SECTIONS: [&str; 3] = [
    r#"Section(id: "s0", number: "1", title: "T", quote: "Q", collects: ["contact"], purposes: ["service"], shares_with: [Partner, Affiliate], locations: ["US", "EEA"], mechanisms: [Scc, Consent])"#,
    r#"Section(id: "s1", number: "2", title: "T", quote: "Q", collects: ["device"], purposes: ["service.operation"], shares_with: [ServiceProvider], locations: ["*"], mechanisms: [Dpf])"#,
    r#"Section(id: "s2", number: "3", title: "T", quote: "Q", collects: ["contact.email"], purposes: [], shares_with: [Authority, Public], locations: ["GB", "CH"], mechanisms: [])"#,
];

#[derive(Debug, Clone)]
struct Node {
    entry: String,
}

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(list)
}

fn node(i: usize) -> impl Strategy<Value = Node> {
    let places = proptest::collection::vec(pick(PLACES), 1..3);
    (0..3usize, places, pick(OPERATORS), pick(KINDS), pick(CERTS), 0..3usize).prop_map(
        move |(kind, places, operator, rkind, cert, entity)| {
            let located: Vec<String> = places.iter().map(|p| format!("\"{p}\"")).collect();
            let located = located.join(", ");
            let entity = match entity {
                0 => "None".to_string(),
                e => format!("Some(\"e{e}\")"),
            };
            let entry = match kind {
                0 => format!(r#"Source(id: "n{i}", name: "N", located: [{located}])"#),
                1 => format!(
                    r#"Store(id: "n{i}", name: "N", located: [{located}], operator: {operator}, entity: {entity}, certifications: [{cert}])"#
                ),
                _ => format!(
                    r#"Recipient(id: "n{i}", name: "N", kind: {rkind}, located: [{located}], entity: {entity}, certifications: [{cert}])"#
                ),
            };
            Node { entry }
        },
    )
}

fn flow() -> impl Strategy<Value = FlowSpec> {
    (
        0..6usize,
        0..6usize,
        proptest::collection::vec(pick(DATA), 1..3),
        pick(MECHANISMS),
        proptest::collection::vec(0..3usize, 0..3),
    )
}

fn render(nodes: &[Node], flows: &[FlowSpec], established: &str) -> String {
    let list = |prefix: &str| -> String {
        nodes
            .iter()
            .filter(|n| n.entry.starts_with(prefix))
            .map(|n| n.entry.clone())
            .collect::<Vec<_>>()
            .join(",\n")
    };
    let flows: Vec<String> = flows
        .iter()
        .enumerate()
        .map(|(k, (from, to, data, mechanism, cites))| {
            let data: Vec<String> = data.iter().map(|d| format!("\"{d}\"")).collect();
            let cites: Vec<String> = cites.iter().map(|s| format!("\"s{s}\"")).collect();
            format!(
                r#"Flow(id: Some("f{k}"), from: "n{from}", to: "n{to}", data: [{}], purposes: ["service.operation"], basis: Some(Consent), mechanism: {mechanism}, policy: [{}])"#,
                data.join(", "),
                cites.join(", ")
            )
        })
        .collect();
    format!(
        "Inventory(name: \"P\", established: [{established}], policy: Some(\"policy.ron\"), sources: [{}], stores: [{}], recipients: [{}], flows: [{}])",
        list("Source"),
        list("Store"),
        list("Recipient"),
        flows.join(",\n")
    )
}

/// The policy with its sections in `order`.
fn policy(order: &[usize]) -> String {
    let sections: Vec<&str> = order.iter().map(|&k| SECTIONS[k]).collect();
    format!("Policy(title: \"P\", sections: [{}])", sections.join(",\n"))
}

fn findings(text: &str, policy: &str, as_of: &str) -> Vec<String> {
    let files = [("inventory.ron", text), ("policy.ron", policy)];
    let Ok(loaded) = load_in_memory(&files, "inventory.ron") else {
        return vec!["does not load".into()];
    };
    let day: Date = as_of.parse().unwrap();
    let graph = FlowGraph::new(loaded).judged_on(Some(day));
    let report = check::run(&graph, &CheckOptions::resolve(&graph, Some(day)));
    let mut out: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} [{}]",
                f.rule.id(),
                f.subject,
                f.message,
                f.section
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            )
        })
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn shuffling_nodes_and_flows_never_changes_the_findings(
        nodes in (node(0), node(1), node(2), node(3), node(4), node(5)),
        flows in proptest::collection::vec(flow(), 1..10),
        established in pick(&["", "\"DE\"", "\"US\"", "\"GB\"", "\"CH\""]),
        as_of in pick(DATES),
        seed in any::<u64>(),
    ) {
        let nodes = vec![nodes.0, nodes.1, nodes.2, nodes.3, nodes.4, nodes.5];
        let text = render(&nodes, &flows, established);
        let base = findings(&text, &policy(&[0, 1, 2]), as_of);
        prop_assert!(base != ["does not load"], "{}", text);
        // A deterministic shuffle of nodes and flows from the seed.
        let mut shuffled_nodes = nodes.clone();
        let mut shuffled_flows: Vec<(usize, FlowSpec)> = flows.iter().cloned().enumerate().collect();
        let mut state = seed | 1;
        let mut next = || { state ^= state << 13; state ^= state >> 7; state ^= state << 17; state };
        for i in (1..shuffled_nodes.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            shuffled_nodes.swap(i, j);
        }
        for i in (1..shuffled_flows.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            shuffled_flows.swap(i, j);
        }
        // Flow ids stay with their flows (f<k> from the original position).
        let flows_text: Vec<FlowSpec> = shuffled_flows.iter().map(|(_, f)| f.clone()).collect();
        let mut other = render(&shuffled_nodes, &flows_text, established);
        for (new, (old, _)) in shuffled_flows.iter().enumerate() {
            other = other.replace(&format!("id: Some(\"f{new}\")"), &format!("id: Some(\"g{old}\")"));
        }
        let other = other.replace("id: Some(\"g", "id: Some(\"f");
        let mut sections = vec![0, 1, 2];
        for i in (1..sections.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            sections.swap(i, j);
        }
        prop_assert_eq!(base, findings(&other, &policy(&sections), as_of));
    }
}
