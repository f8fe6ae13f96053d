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
//!
//! "Third countries and safeguards" lists the activity's transfers in law on the date
//! the graph is judged on (`--as-of`, else the inventory's `as_of`, else today), from
//! the analysis the transfer rules read ([`crate::check::transfer::analyse`]): a flow
//! that crosses a border without being a transfer (a collection by the controller, a
//! flow between two nodes of one holder) is not listed. Each transfer reads
//! `EU → <importer> in <Country> (<code>), …: <mechanism>, <verdict>` — the regime, the
//! receiving node's name, the importer's places outside the regime's area, the flow's
//! mechanism and the verdict (`adequate`, `covered`, `derogation`, `not covered`); a
//! transfer that names no mechanism reads `…: adequate` when an adequacy decision
//! covers it, else `…: no mechanism, restricted`. An onward transfer (FM205) reads
//! `EU → <importer> in <places>: onward transfer from <exporter>`.

use std::collections::{BTreeSet, VecDeque};

use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

use super::{ExportOptions, record, select};
use crate::check::transfer::{Analysis, FlowLaw, Onward, Transfer, Verdict, analyse};
use crate::graph::{FlowGraph, NodeKind};
use crate::model::taxonomy::overlaps;
use crate::model::{Jurisdictions, Name};

/// The header row.
pub const COLUMNS: [&str; 14] = [
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
    "note",
];

/// Neutralises a cell: no formula, no control characters.
pub fn cell(text: &str) -> String {
    let visible = crate::sanitize::terminal(text).into_owned();
    match visible.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{visible}"),
        _ => visible,
    }
}

/// One processing activity of the record, each field as the text of its cell (not yet
/// neutralised by [`cell`]). Lists are joined with `; `.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// The flow out of the source (`from->to`).
    pub id: String,
    pub controller: String,
    /// The source's name.
    pub source: String,
    pub purposes: String,
    /// The legal basis of the flow out of the source, or `not stated`.
    pub basis: String,
    pub subjects: String,
    pub data: String,
    pub recipients: String,
    /// Every transfer and onward transfer in law downstream (see the module's docs).
    pub transfers: String,
    /// Of those, the transfers that rest on compelling legitimate interests (GDPR Art.
    /// 49(1) second subparagraph): the "exceptional" transfers whose suitable safeguards
    /// Art. 30(1)(e) asks to document ([`super::record`]).
    pub exceptional: String,
    /// For a record judged before the GDPR applied: what its layout means then
    /// ([`super::record::era_note`]); else empty.
    pub note: String,
    pub retention: String,
    pub security: String,
    pub storage: String,
    pub sections: String,
}

impl Activity {
    /// The row of the `ropa-csv` record, in [`COLUMNS`] order.
    pub fn into_row(self) -> [String; 14] {
        [
            self.id,
            self.controller,
            self.source,
            self.purposes,
            self.basis,
            self.subjects,
            self.data,
            self.recipients,
            self.transfers,
            self.retention,
            self.security,
            self.storage,
            self.sections,
            self.note,
        ]
    }
}

/// Calls `each` with every processing activity of the selection, in inventory order: one
/// per selected flow that leaves a source. The record formats (`ropa-csv`, `ropa-ico`,
/// `ropa-xlsx`) all lay out these rows.
pub fn activities<E>(
    graph: &FlowGraph,
    analysis: &Analysis,
    options: &ExportOptions,
    mut each: impl FnMut(Activity) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<String>,
{
    let selection = select(graph, options).map_err(E::from)?;
    let inv = graph.inventory();
    let context = Context::new(graph, analysis);
    let mut scratch = Scratch {
        stamp: 0,
        nodes: vec![0; graph.graph().node_count()],
        flows: vec![0; inv.flows.len()],
    };
    for &i in &selection.flows {
        let Some((from, _)) = graph.ends(i) else {
            continue;
        };
        if from.node.kind != NodeKind::Source {
            continue;
        }
        each(context.activity(i, &mut scratch))?;
    }
    Ok(())
}

/// Renders the record for the selected flows that leave a source.
pub fn render(graph: &FlowGraph, options: &ExportOptions) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| e.to_string();
    writer.write_record(COLUMNS).map_err(io)?;
    let analysis = analyse(graph, graph.as_of());
    activities(graph, &analysis, options, |activity| {
        writer
            .write_record(activity.into_row().iter().map(|c| cell(c)))
            .map_err(io)
    })?;
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Per-node and per-flow marks of the activity being gathered.
struct Scratch {
    stamp: u32,
    nodes: Vec<u32>,
    flows: Vec<u32>,
}

/// What every activity's row draws on, computed once: the text each store, recipient
/// and cross-border flow contributes, and which flows carry which categories.
struct Context<'a> {
    graph: &'a FlowGraph,
    /// Per store or recipient (by list and index): its line in each column.
    recipient: Vec<String>,
    retention: Vec<String>,
    security: Vec<String>,
    storage: Vec<String>,
    /// Per flow: its transfers and onward transfers in law, as text.
    transfers: Vec<Vec<String>>,
    /// Per flow: those of its transfers that rest on compelling legitimate interests.
    exceptional: Vec<Vec<String>>,
    /// The record's note on the judged date (empty from 2018-05-25).
    note: String,
    carries: Carries<'a>,
    /// The flows out of each node (by petgraph index) side by side, as (flow, target):
    /// `out[out_start[n]..out_start[n + 1]]`, with each one's category mask beside it,
    /// so a walk reads memory in order instead of chasing petgraph's edge lists.
    out_start: Vec<usize>,
    out: Vec<(u32, u32)>,
    out_masks: Option<Vec<u128>>,
}

/// Which flows carry data overlapping an activity's categories. With up to 128 distinct
/// category names each flow gets a bitmask and the test is one AND; beyond that the
/// names are compared directly.
enum Carries<'a> {
    Masks {
        ids: FxHashMap<&'a str, usize>,
        overlaps: Vec<u128>,
        flows: Vec<u128>,
    },
    Direct,
}

impl<'a> Context<'a> {
    fn new(graph: &'a FlowGraph, analysis: &Analysis) -> Context<'a> {
        let inv = graph.inventory();
        let recipient = inv
            .recipients
            .iter()
            .map(|r| format!("{}: {}", r.kind, r.name))
            .collect();
        let retention = inv
            .stores
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s.name,
                    s.retention.as_deref().unwrap_or("not stated")
                )
            })
            .collect();
        let security = inv
            .stores
            .iter()
            .map(|s| {
                let measures = if s.safeguards.is_empty() {
                    "none listed".to_string()
                } else {
                    s.safeguards.join(", ")
                };
                format!("{}: {measures}", s.name)
            })
            .collect();
        let storage = inv
            .stores
            .iter()
            .map(|s| format!("{}: {}", s.name, s.located.join(", ")))
            .collect();
        let transfers = analysis
            .flows
            .iter()
            .enumerate()
            .map(|(i, law)| transfer_lines(graph, i, law))
            .collect();
        let exceptional = analysis
            .flows
            .iter()
            .enumerate()
            .map(|(i, law)| exceptional_lines(graph, i, law))
            .collect();
        let carries = Carries::new(graph);
        // Outgoing flows per node, contiguous (counting sort by source node, flows in
        // inventory order within a node).
        let g = graph.graph();
        let mut out_start = vec![0usize; g.node_count() + 1];
        for edge in g.edge_references() {
            out_start[edge.source().index() + 1] += 1;
        }
        for n in 0..g.node_count() {
            out_start[n + 1] += out_start[n];
        }
        let mut fill = out_start.clone();
        let mut out = vec![(0u32, 0u32); g.edge_count()];
        let mut sorted: Vec<_> = g
            .edge_references()
            .map(|e| (*e.weight(), e.source().index(), e.target().index()))
            .collect();
        sorted.sort_unstable();
        for (flow, from, to) in sorted {
            out[fill[from]] = (flow as u32, to as u32);
            fill[from] += 1;
        }
        let out_masks = match &carries {
            Carries::Masks { flows, .. } => {
                Some(out.iter().map(|&(f, _)| flows[f as usize]).collect())
            }
            Carries::Direct => None,
        };
        Context {
            graph,
            recipient,
            retention,
            security,
            storage,
            transfers,
            exceptional,
            note: super::record::era_note(analysis.on).unwrap_or_default(),
            carries,
            out_start,
            out,
            out_masks,
        }
    }

    /// The flows of one activity: the flow out of the source and every flow downstream
    /// that carries any of its categories, each once. `scratch` holds a stamp per node and
    /// per flow (`stamp` marks this activity), so nothing is hashed or cleared.
    fn downstream(&self, first: usize, scratch: &mut Scratch) -> Vec<usize> {
        let graph = self.graph;
        scratch.stamp += 1;
        let stamp = scratch.stamp;
        let reach = self.carries.reach(graph, first);
        let mut flows = vec![first];
        scratch.flows[first] = stamp;
        let Some(start) = graph.node_index(&graph.flow(first).to) else {
            return flows;
        };
        let start = start.index();
        scratch.nodes[start] = stamp;
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            let range = self.out_start[node]..self.out_start[node + 1];
            for (k, &(next, to)) in self.out[range.clone()].iter().enumerate() {
                let (next, to) = (next as usize, to as usize);
                let carried = match &self.out_masks {
                    Some(masks) => masks[range.start + k] & reach != 0,
                    None => self.carries.test(graph, &reach, first, next),
                };
                if scratch.flows[next] == stamp || !carried {
                    continue;
                }
                scratch.flows[next] = stamp;
                flows.push(next);
                if scratch.nodes[to] != stamp {
                    scratch.nodes[to] = stamp;
                    queue.push_back(to);
                }
            }
        }
        flows
    }

    fn activity(&self, first: usize, scratch: &mut Scratch) -> Activity {
        let graph = self.graph;
        let inv = graph.inventory();
        let flow = graph.flow(first);
        let source = graph.node(&flow.from).map(|n| &inv.sources[n.node.index]);
        let join = |set: BTreeSet<&str>| set.into_iter().collect::<Vec<_>>().join("; ");
        let purposes: BTreeSet<&str> = flow.purposes.iter().map(Name::as_str).collect();
        // Gather indices first (cheap integer sorting), then the text once per node.
        let mut stores: Vec<usize> = Vec::new();
        let mut recipient_nodes: Vec<usize> = Vec::new();
        let mut sections: BTreeSet<&str> = BTreeSet::new();
        let mut transfers: BTreeSet<&str> = BTreeSet::new();
        let mut exceptional: BTreeSet<&str> = BTreeSet::new();
        for i in self.downstream(first, scratch) {
            sections.extend(graph.flow(i).policy.iter().map(Name::as_str));
            transfers.extend(self.transfers[i].iter().map(String::as_str));
            exceptional.extend(self.exceptional[i].iter().map(String::as_str));
            match graph.ends(i) {
                Some((_, to)) if to.node.kind == NodeKind::Recipient => {
                    recipient_nodes.push(to.node.index)
                }
                Some((_, to)) if to.node.kind == NodeKind::Store => stores.push(to.node.index),
                _ => {}
            }
        }
        stores.sort_unstable();
        stores.dedup();
        recipient_nodes.sort_unstable();
        recipient_nodes.dedup();
        fn texts<'t>(column: &'t [String], nodes: &[usize]) -> BTreeSet<&'t str> {
            nodes.iter().map(|&k| column[k].as_str()).collect()
        }
        let recipients = texts(&self.recipient, &recipient_nodes);
        let retention = texts(&self.retention, &stores);
        let security = texts(&self.security, &stores);
        let storage = texts(&self.storage, &stores);
        Activity {
            id: graph.flow_id(first).to_string(),
            controller: inv.controller.clone().unwrap_or_default(),
            source: source.map_or_else(String::new, |s| s.name.to_string()),
            purposes: join(purposes),
            basis: flow
                .basis
                .map_or("not stated".to_string(), |b| b.to_string()),
            subjects: source.map_or_else(String::new, |s| s.subjects.join("; ")),
            data: flow.data.join("; "),
            recipients: join(recipients),
            transfers: join(transfers),
            exceptional: join(exceptional),
            note: self.note.clone(),
            retention: join(retention),
            security: join(security),
            storage: join(storage),
            sections: join(sections),
        }
    }
}

/// The lines a flow adds to "third countries and safeguards": one per transfer and per
/// onward transfer.
fn transfer_lines(graph: &FlowGraph, i: usize, law: &FlowLaw) -> Vec<String> {
    if law.transfers.is_empty() && law.onward.is_empty() {
        return Vec::new();
    }
    let importer = importer_name(graph, i);
    let transfers = law
        .transfers
        .iter()
        .map(|t: &Transfer| transfer_line(&importer, t));
    let onward = law.onward.iter().map(|o: &Onward| {
        format!(
            "{} → {importer} in {}: onward transfer from {}",
            o.regime,
            places(&o.outside),
            o.exporter.replace('`', "")
        )
    });
    transfers.chain(onward).collect()
}

/// The lines a flow adds to "safeguards for exceptional transfers": its transfers that
/// rest on compelling legitimate interests (GDPR Art. 49(1) second subparagraph).
fn exceptional_lines(graph: &FlowGraph, i: usize, law: &FlowLaw) -> Vec<String> {
    let mut exceptional = law
        .transfers
        .iter()
        .filter(|t| record::is_exceptional(t))
        .peekable();
    if exceptional.peek().is_none() {
        return Vec::new();
    }
    let importer = importer_name(graph, i);
    exceptional
        .map(|t| record::exceptional_line(&importer, &places(&t.outside), t))
        .collect()
}

/// The receiving node's name (the flow's `to` when it is unknown).
fn importer_name(graph: &FlowGraph, i: usize) -> String {
    graph.ends(i).map_or_else(
        || graph.flow(i).to.to_string(),
        |(_, to)| to.name.to_string(),
    )
}

/// `EU → <importer> in <places>: <mechanism>, <verdict>`.
fn transfer_line(importer: &str, t: &Transfer) -> String {
    let how = match (t.mechanism, &t.verdict) {
        (None, Verdict::Adequate) => "adequate".to_string(),
        (None, _) => "no mechanism, restricted".to_string(),
        (Some(m), verdict) => format!("{m}, {}", verdict.word()),
    };
    if t.importer_kind == Some(crate::model::RecipientKind::InternationalOrganisation)
        && crate::check::transfer::analysis::organisations_outside(t.act)
    {
        // Art. 30(1)(e) names international organisations beside third countries.
        return format!(
            "{} → {importer} (international organisation, in {}): {how}",
            t.regime,
            places(&t.outside)
        );
    }
    format!("{} → {importer} in {}: {how}", t.regime, places(&t.outside))
}

/// `United States (US), anywhere else (*)`.
fn places(codes: &[impl AsRef<str>]) -> String {
    let table = Jurisdictions::builtin();
    codes
        .iter()
        .map(AsRef::as_ref)
        .map(|code| format!("{} ({code})", table.name(code).unwrap_or(code)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'a> Carries<'a> {
    fn new(graph: &'a FlowGraph) -> Carries<'a> {
        let flows = &graph.inventory().flows;
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        for item in flows.iter().flat_map(|f| f.data.iter()) {
            let next = ids.len();
            ids.entry(item.as_str()).or_insert(next);
            if ids.len() > 128 {
                return Carries::Direct;
            }
        }
        let mut names: Vec<&str> = vec![""; ids.len()];
        for (&name, &id) in &ids {
            names[id] = name;
        }
        let overlaps = names
            .iter()
            .map(|a| {
                names
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| overlaps(a, b))
                    .fold(0u128, |m, (k, _)| m | 1 << k)
            })
            .collect();
        let masks = flows
            .iter()
            .map(|f| f.data.iter().fold(0u128, |m, d| m | 1 << ids[d.as_str()]))
            .collect();
        Carries::Masks {
            ids,
            overlaps,
            flows: masks,
        }
    }

    /// The categories flow `first` makes reachable, as a mask (0 for the direct path).
    fn reach(&self, graph: &FlowGraph, first: usize) -> u128 {
        match self {
            Carries::Masks { ids, overlaps, .. } => graph
                .flow(first)
                .data
                .iter()
                .fold(0, |m, d| m | overlaps[ids[d.as_str()]]),
            Carries::Direct => 0,
        }
    }

    /// Whether flow `next` carries a category overlapping flow `first`'s data.
    fn test(&self, graph: &FlowGraph, reach: &u128, first: usize, next: usize) -> bool {
        match self {
            Carries::Masks { flows, .. } => flows[next] & reach != 0,
            Carries::Direct => graph
                .flow(first)
                .data
                .iter()
                .any(|d| graph.carries(next, d)),
        }
    }
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
