//! The GDPR Article 30(1) record of processing activities as CSV: one row per
//! processing activity — a flow out of a source, with the stores and recipients the data
//! reaches downstream (following flows that carry any of its categories).
//!
//! The purposes are the activity's own (those of the flow out of the source); the other
//! columns gather what the downstream flows and nodes add.
//!
//! Columns: the Art. 30(1) ones (controller, purposes, categories of data subjects and of
//! personal data, categories of recipients, third countries and safeguards, retention,
//! security measures) plus the legal basis, the policy sections and where the data is
//! stored, as the ICO's template has them. Cells that a spreadsheet would run as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or CR) are prefixed with `'`; control
//! characters are shown as `\u{…}`.

use std::collections::{BTreeSet, HashSet, VecDeque};

use super::{ExportOptions, select};
use crate::graph::{FlowGraph, NodeKind};
use crate::model::{Date, Jurisdictions};

/// The header row.
pub const COLUMNS: [&str; 13] = [
    "activity",
    "controller",
    "source",
    "purposes",
    "legal basis",
    "categories of data subjects",
    "categories of personal data",
    "categories of recipients",
    "third countries and safeguards",
    "retention",
    "security measures",
    "storage locations",
    "policy sections",
];

/// Neutralises a cell: no formula, no control characters.
pub fn cell(text: &str) -> String {
    let visible = crate::sanitize::terminal(text).into_owned();
    match visible.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{visible}"),
        _ => visible,
    }
}

/// Renders the record for the selected flows that leave a source.
pub fn render(graph: &FlowGraph, options: &ExportOptions) -> Result<String, String> {
    let selection = select(graph, options)?;
    let inv = graph.inventory();
    let as_of = inv.as_of.unwrap_or_else(Date::today);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| e.to_string();
    writer.write_record(COLUMNS).map_err(io)?;
    for &i in &selection.flows {
        let Some((from, _)) = graph.ends(i) else {
            continue;
        };
        if from.node.kind != NodeKind::Source {
            continue;
        }
        let row = activity(graph, i, as_of);
        writer
            .write_record(row.iter().map(|c| cell(c)))
            .map_err(io)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The flows of one activity: the flow out of the source and every flow downstream that
/// carries any of its categories, each once.
fn downstream(graph: &FlowGraph, first: usize) -> Vec<usize> {
    let data = &graph.flow(first).data;
    let mut flows = vec![first];
    let mut seen_nodes: HashSet<&str> = HashSet::from([graph.flow(first).to.as_str()]);
    let mut queue = VecDeque::from([graph.flow(first).to.as_str()]);
    while let Some(node) = queue.pop_front() {
        for next in graph.flows_out(node) {
            if flows.contains(&next) || !data.iter().any(|d| graph.carries(next, d)) {
                continue;
            }
            flows.push(next);
            let to = graph.flow(next).to.as_str();
            if seen_nodes.insert(to) {
                queue.push_back(to);
            }
        }
    }
    flows
}

fn activity(graph: &FlowGraph, first: usize, as_of: Date) -> Vec<String> {
    let inv = graph.inventory();
    let places = Jurisdictions::builtin();
    let flow = graph.flow(first);
    let source = graph.node(&flow.from).map(|n| &inv.sources[n.node.index]);
    let flows = downstream(graph, first);
    let join = |set: BTreeSet<String>| set.into_iter().collect::<Vec<_>>().join("; ");

    let purposes: BTreeSet<String> = flow.purposes.iter().cloned().collect();
    let mut sections = BTreeSet::new();
    let mut recipients = BTreeSet::new();
    let mut transfers = BTreeSet::new();
    let mut retention = BTreeSet::new();
    let mut security = BTreeSet::new();
    let mut storage = BTreeSet::new();
    for &i in &flows {
        let f = graph.flow(i);
        sections.extend(f.policy.iter().cloned());
        for place in graph.cross_border_destinations(i) {
            if !places.in_eea(place, as_of) {
                let name = places.name(place).unwrap_or(place);
                let how = f
                    .mechanism
                    .map_or("no safeguard named".to_string(), |m| m.to_string());
                transfers.insert(format!("{name} ({place}) via {how}"));
            }
        }
        let Some((_, to)) = graph.ends(i) else {
            continue;
        };
        match to.node.kind {
            NodeKind::Recipient => {
                let r = &inv.recipients[to.node.index];
                recipients.insert(format!("{}: {}", r.kind, r.name));
            }
            NodeKind::Store => {
                let s = &inv.stores[to.node.index];
                retention.insert(format!(
                    "{}: {}",
                    s.name,
                    s.retention.as_deref().unwrap_or("not stated")
                ));
                let measures = if s.safeguards.is_empty() {
                    "none listed".to_string()
                } else {
                    s.safeguards.join(", ")
                };
                security.insert(format!("{}: {measures}", s.name));
                storage.insert(format!("{}: {}", s.name, s.located.join(", ")));
            }
            NodeKind::Source => {}
        }
    }
    vec![
        graph.flow_id(first).to_string(),
        inv.controller.clone().unwrap_or_default(),
        source.map_or_else(String::new, |s| s.name.clone()),
        join(purposes),
        flow.basis
            .map_or("not stated".to_string(), |b| b.to_string()),
        source.map_or_else(String::new, |s| s.subjects.join("; ")),
        flow.data.join("; "),
        join(recipients),
        join(transfers),
        join(retention),
        join(security),
        join(storage),
        join(sections),
    ]
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(cell("=cmd|'/C calc'!A0"), "'=cmd|'/C calc'!A0");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    }
}
