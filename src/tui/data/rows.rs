//! The steps of [`super::Data::build`], one function per kind of row: each takes what it
//! reads and returns its rows, the filter's haystacks and its id index, so that a step
//! can be read (and measured) on its own.

use std::collections::{HashMap, HashSet};

use super::{FindingRow, FlowRow, NodeRow, Pick, PickRow, SectionRow, Target, clean};
use crate::check::transfer::Analysis;
use crate::check::{Report, Severity};
use crate::graph::FlowGraph;
use crate::model::taxonomy::is_within;
use crate::tui::listing::Hays;

/// Rows of one kind, what the filter matches on each, and the row of each id.
pub(super) struct Rows<T> {
    pub rows: Vec<T>,
    pub hays: Hays,
    pub index: HashMap<String, usize>,
}

impl<T> Default for Rows<T> {
    fn default() -> Rows<T> {
        Rows {
            rows: Vec::new(),
            hays: Hays::default(),
            index: HashMap::new(),
        }
    }
}

/// The report's findings in the Findings tab's order (errors first, waived last within
/// a severity), and the rows on each subject.
pub(super) struct Ordered<'a> {
    report: &'a Report,
    /// Row → index into the report's findings.
    pub order: Vec<usize>,
    /// Subject id → rows.
    pub by_subject: HashMap<String, Vec<usize>>,
}

impl<'a> Ordered<'a> {
    pub fn new(report: &'a Report) -> Ordered<'a> {
        let mut order: Vec<usize> = (0..report.findings.len()).collect();
        order.sort_by_key(|&i| {
            let f = &report.findings[i];
            (std::cmp::Reverse(f.severity()), f.waived, i)
        });
        let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
        for (row, &i) in order.iter().enumerate() {
            by_subject
                .entry(report.findings[i].subject.clone())
                .or_default()
                .push(row);
        }
        Ordered {
            report,
            order,
            by_subject,
        }
    }

    /// The unwaived errors and warnings on a subject, and the worst of them (the `!N`).
    pub fn issues(&self, subject: &str) -> (usize, Option<Severity>) {
        let mut n = 0;
        let mut worst = None;
        for &row in self.by_subject.get(subject).map_or(&[][..], Vec::as_slice) {
            let f = &self.report.findings[self.order[row]];
            if !f.waived && f.severity() >= Severity::Warning {
                n += 1;
                worst = worst.max(Some(f.severity()));
            }
        }
        (n, worst)
    }
}

/// One row per node (sources, stores, recipients), with its own `!N`.
pub(super) fn nodes(graph: &FlowGraph, findings: &Ordered<'_>) -> Rows<NodeRow> {
    let mut out = Rows::default();
    for view in graph.nodes() {
        let (flows_in, flows_out) = if graph.node(view.id).map(|n| n.node) == Some(view.node) {
            (
                graph.flows_in(view.id).len(),
                graph.flows_out(view.id).len(),
            )
        } else {
            (0, 0)
        };
        let (issues, worst) = findings.issues(view.id);
        let id = clean(view.id);
        out.index
            .entry(view.id.to_string())
            .or_insert(out.rows.len());
        // What the row shows: its group, its id, its places (not its name, which only
        // the detail shows: the filter never matches what is off screen).
        out.hays.push(
            [view.node.kind.list(), &id]
                .into_iter()
                .chain(view.located.iter().map(crate::model::Name::as_str)),
        );
        out.rows.push(NodeRow {
            node: view.node,
            id,
            name: clean(view.name),
            places: clean(&view.located.join(", ")),
            flows_in,
            flows_out,
            issues,
            on_flows: 0,
            worst,
        });
    }
    out
}

/// The items of a list as separate fields.
fn items(list: &[impl AsRef<str>]) -> impl Iterator<Item = String> + '_ {
    list.iter().map(|s| clean(s.as_ref()))
}

/// One row per flow, in inventory order: its ends, data, route, the regimes under
/// which it is restricted, its `!N`.
pub(super) fn flows(
    graph: &FlowGraph,
    analysis: &Analysis,
    findings: &Ordered<'_>,
) -> Rows<FlowRow> {
    let inv = graph.inventory();
    let mut out = Rows {
        rows: Vec::with_capacity(inv.flows.len()),
        hays: Hays::default(),
        index: HashMap::with_capacity(inv.flows.len()),
    };
    for (i, flow) in inv.flows.iter().enumerate() {
        let id_raw = graph.flow_id(i);
        out.index.entry(id_raw.to_string()).or_insert(i);
        let cross = graph.is_cross_border(i);
        let route = if cross {
            clean(&format!(
                "{} → {}",
                graph.foreign_origins(i).join(", "),
                graph.cross_border_destinations(i).join(", ")
            ))
        } else {
            String::new()
        };
        let restricted: Vec<String> = analysis.flows[i]
            .transfers
            .iter()
            .filter(|t| t.restricted())
            .map(|t| t.regime.to_string())
            .collect();
        let restricted = restricted.join(", ");
        let (issues, worst) = findings.issues(id_raw);
        let id = clean(id_raw);
        let from = clean(&flow.from);
        let to = clean(&flow.to);
        let mechanism_word = flow.mechanism.map(|m| m.to_string()).unwrap_or_default();
        let fields: Vec<String> = items(&flow.data).chain(items(&flow.purposes)).collect();
        out.hays.push(
            [
                id.as_str(),
                &from,
                &to,
                &mechanism_word,
                &route.replace('→', "->"),
                if restricted.is_empty() {
                    ""
                } else {
                    "restricted"
                },
            ]
            .into_iter()
            .chain(fields.iter().map(String::as_str)),
        );
        out.rows.push(FlowRow {
            id,
            from,
            to,
            data: clean(&flow.data.join(", ")),
            purposes: clean(&flow.purposes.join(", ")),
            mechanism: flow.mechanism,
            cross,
            route,
            restricted,
            issues,
            worst,
        });
    }
    out
}

/// Each flow's errors and warnings also count on both its ends: a source whose flows
/// fail is not clean.
pub(super) fn add_flow_issues(
    graph: &FlowGraph,
    flows: &[FlowRow],
    node_index: &HashMap<String, usize>,
    nodes: &mut [NodeRow],
) {
    for (flow, row) in graph.inventory().flows.iter().zip(flows) {
        if row.issues == 0 {
            continue;
        }
        let from = node_index.get(flow.from.as_str()).copied();
        let to = node_index
            .get(flow.to.as_str())
            .copied()
            .filter(|&t| Some(t) != from);
        for n in [from, to].into_iter().flatten() {
            let node = &mut nodes[n];
            node.issues += row.issues;
            node.on_flows += row.issues;
            node.worst = node.worst.max(row.worst);
        }
    }
}

/// One row per policy section, with the flows that cite it.
pub(super) fn sections(graph: &FlowGraph) -> Rows<SectionRow> {
    let mut out = Rows::default();
    let Some((policy, _)) = &graph.loaded().policy else {
        return out;
    };
    let mut cited: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, flow) in graph.inventory().flows.iter().enumerate() {
        for id in &flow.policy {
            let list = cited.entry(id.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    for (index, section) in policy.sections.iter().enumerate() {
        let id = clean(&section.id);
        let number = clean(&section.number);
        let title = clean(&section.title);
        out.index
            .entry(section.id.clone())
            .or_insert(out.rows.len());
        out.hays.push(
            [id.as_str(), &number]
                .into_iter()
                .chain(title.split_whitespace())
                .chain(section.quote.split_whitespace()),
        );
        out.rows.push(SectionRow {
            index,
            id,
            number,
            title,
            cited_by: cited.get(section.id.as_str()).cloned().unwrap_or_default(),
        });
    }
    out
}

/// Where a finding's subject is in the UI: a flow, else a node, else a section.
pub(super) struct Targets<'a> {
    pub flows: &'a HashMap<String, usize>,
    pub nodes: &'a HashMap<String, usize>,
    pub sections: &'a HashMap<String, usize>,
}

impl Targets<'_> {
    fn of(&self, subject: &str) -> Option<Target> {
        if let Some(&i) = self.flows.get(subject) {
            Some(Target::Flow(i))
        } else if let Some(&n) = self.nodes.get(subject) {
            Some(Target::Node(n))
        } else {
            self.sections.get(subject).map(|&s| Target::Section(s))
        }
    }
}

/// One row per finding, in `order`.
pub(super) fn findings(
    report: &Report,
    order: &[usize],
    targets: &Targets<'_>,
) -> Rows<FindingRow> {
    let mut out = Rows::default();
    for &index in order {
        let f = &report.findings[index];
        let info = f.rule.info();
        let subject = clean(&f.subject);
        let message = clean(&f.message);
        out.hays.push(
            [info.id, &f.severity().to_string(), &subject]
                .into_iter()
                .chain(message.split_whitespace())
                .chain(info.title.split_whitespace()),
        );
        out.rows.push(FindingRow {
            index,
            rule: f.rule,
            severity: f.severity(),
            waived: f.waived,
            target: targets.of(&f.subject),
            subject,
            message,
        });
    }
    out
}

/// The trace pick list: every taxonomy category that some flow carries, then every node
/// with flows out.
pub(super) fn picks(graph: &FlowGraph, nodes: &[NodeRow]) -> (Vec<PickRow>, Hays) {
    let carried: HashSet<&str> = graph
        .inventory()
        .flows
        .iter()
        .flat_map(|f| f.data.iter().map(crate::model::Name::as_str))
        .collect();
    let mut out = Vec::new();
    let mut hays = Hays::default();
    for term in &graph.loaded().taxonomy.categories {
        let name = &term.name;
        if carried
            .iter()
            .any(|d| is_within(d, name) || is_within(name, d))
        {
            let label = clean(name);
            hays.push(
                ["category", label.as_str()]
                    .into_iter()
                    .chain(term.description.split_whitespace()),
            );
            out.push(PickRow {
                pick: Pick::Category(name.clone()),
                label,
            });
        }
    }
    for (row, node) in nodes.iter().enumerate() {
        if node.flows_out > 0 {
            hays.push(
                ["node", node.node.kind.word(), &node.id]
                    .into_iter()
                    .chain(node.name.split_whitespace()),
            );
            out.push(PickRow {
                pick: Pick::Node(row),
                label: node.id.clone(),
            });
        }
    }
    (out, hays)
}
