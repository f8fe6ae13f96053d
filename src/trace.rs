//! `flowmap trace`: every path that data takes, hop by hop, with each border crossing
//! and what each hop is in transfer law on the date the graph is judged on (`--as-of`,
//! else the inventory's `as_of`, else today), from the analysis the transfer rules read
//! ([`crate::check::transfer::analyse`]):
//!
//! - `⇄ EEA → US` marks a hop that crosses a border; when the hop is no transfer, the
//!   reason follows in brackets (`(collection, not a transfer)`, `(same entity, not a
//!   transfer)`, …, or `(not a transfer of this data)` when the flow is a transfer only
//!   of categories other than those traced along the hop);
//! - `⚖ EU transfer via Scc, covered` marks a transfer under a regime, with its
//!   mechanism and verdict (`adequate`, `covered`, `derogation`, `no mechanism`, `not
//!   covered`), one entry per regime whose transferred categories overlap the data on
//!   the hop, separated by `;`;
//! - `⚖ onward transfer of EU data` marks a hop that passes on data exported under a
//!   regime (FM205).

use std::fmt::Write;

use crate::check::transfer::{Analysis, FlowLaw, NotTransfer, Verdict, analyse};
use crate::graph::FlowGraph;
use crate::sanitize::terminal;
use crate::suggest::{did_you_mean, nearest};

/// What to trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceFrom {
    /// Every path a data category takes from the sources that collect it.
    Category(String),
    /// Every path that data leaving a node takes.
    Node(String),
}

/// The paths to trace (lists of flow indices), or why there are none to look for.
pub fn paths(graph: &FlowGraph, from: &TraceFrom) -> Result<Vec<Vec<usize>>, String> {
    match from {
        TraceFrom::Category(category) => {
            let names = || {
                graph
                    .loaded()
                    .taxonomy
                    .categories
                    .iter()
                    .map(|t| t.name.as_str())
            };
            if !names().any(|n| n == category) {
                return Err(format!(
                    "unknown data category `{category}`{}",
                    did_you_mean(nearest(category, names()))
                ));
            }
            Ok(graph.paths_of_category(category))
        }
        TraceFrom::Node(id) => {
            if graph.node(id).is_none() {
                let ids = graph.nodes().map(|n| n.id);
                return Err(format!(
                    "no node has the id `{id}`{}",
                    did_you_mean(nearest(id, ids))
                ));
            }
            Ok(graph.paths_from(id))
        }
    }
}

/// The paths as text for a terminal: one numbered block per path, one line per hop.
pub fn render(graph: &FlowGraph, from: &TraceFrom, paths: &[Vec<usize>]) -> String {
    let what = match from {
        TraceFrom::Category(c) => format!("data of category `{}`", terminal(c)),
        TraceFrom::Node(id) => format!("data leaving `{}`", terminal(id)),
    };
    let mut out = String::new();
    if paths.is_empty() {
        let _ = writeln!(out, "No flow carries {what}.");
        return out;
    }
    let plural = if paths.len() == 1 { "path" } else { "paths" };
    let more = if crate::graph::paths_cut_off(paths) {
        " (the walk stops there: there may be more)"
    } else {
        ""
    };
    let _ = writeln!(out, "{} {plural} of {what}{more}:", paths.len());
    let analysis = analyse(graph, graph.as_of());
    for (n, path) in paths.iter().enumerate() {
        let _ = writeln!(out);
        let Some(first) = path.first().and_then(|&i| graph.ends(i)) else {
            continue;
        };
        let _ = writeln!(out, "{:>3}. {}", n + 1, node_line(first.0));
        for hop in hops(graph, &analysis, from, path) {
            let Some((_, to)) = graph.ends(hop.flow) else {
                continue;
            };
            let mut line = format!("     → {}", node_line(to));
            let _ = write!(line, "  [{}]", terminal(&shorten(&hop.data)));
            if let Some(crossing) = &hop.crossing {
                let _ = write!(line, "  ⇄ {}", terminal(crossing));
                if let Some(why) = &hop.not_transfer {
                    let _ = write!(line, " ({why})");
                }
            }
            if let Some(law) = &hop.law {
                let _ = write!(line, "  ⚖ {law}");
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// One hop of a path, in the words `flowmap trace` prints (the TUI's Trace tab shows
/// the same): what data it carries, where it crosses a border, and what it is in law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// The flow (index into the inventory's flows).
    pub flow: usize,
    /// The traced data along this hop: the categories of the flow that overlap the
    /// traced category (and what the hop before carried); a node's trace: all its data.
    pub data: Vec<String>,
    /// `EEA → US, *` when the hop crosses a border.
    pub crossing: Option<String>,
    /// Why a crossing hop is no transfer (`collection, not a transfer`; `not a transfer
    /// of this data` when the flow transfers only other categories).
    pub not_transfer: Option<String>,
    /// What the hop is in transfer law for that data (`EU transfer via Scc, covered`).
    pub law: Option<String>,
}

/// The hops of one path, judged by `analysis` (the graph's date's).
pub fn hops(graph: &FlowGraph, analysis: &Analysis, from: &TraceFrom, path: &[usize]) -> Vec<Hop> {
    let mut carried: Option<Vec<String>> = match from {
        TraceFrom::Category(c) => Some(vec![c.clone()]),
        TraceFrom::Node(_) => None,
    };
    let mut out = Vec::with_capacity(path.len());
    for &i in path {
        let flow = graph.flow(i);
        let data = match &carried {
            Some(carried) => crate::graph::overlap(&flow.data, carried),
            None => flow.data.iter().map(|d| d.to_string()).collect(),
        };
        let law = analysis.flows.get(i);
        let marks = law.and_then(|l| transfer_marks(l, &data));
        let origins = graph.foreign_origins(i);
        let (crossing, not_transfer) = if origins.is_empty() {
            (None, None)
        } else {
            let crossing = format!(
                "{} → {}",
                origins.join(", "),
                graph.cross_border_destinations(i).join(", ")
            );
            let why = match law {
                Some(l) if l.not_transfer.is_some() => l.not_transfer.as_ref().and_then(why_not),
                Some(_) if marks.is_none() => Some("not a transfer of this data".into()),
                _ => None,
            };
            (Some(crossing), why)
        };
        out.push(Hop {
            flow: i,
            data: data.clone(),
            crossing,
            not_transfer,
            law: marks,
        });
        carried = Some(data);
    }
    out
}

/// `EU transfer via Scc, covered; onward transfer of CH data`: what a hop that carries
/// `data` is in transfer law — the flow's transfers and onward transfers whose
/// categories overlap `data` —, or `None` when it is neither for that data.
pub fn transfer_marks(law: &FlowLaw, data: &[String]) -> Option<String> {
    let concerns =
        |categories: &[crate::model::Name]| !crate::graph::overlap(categories, data).is_empty();
    let transfers = law
        .transfers
        .iter()
        .filter(|t| concerns(&t.categories))
        .map(|t| {
            let verdict = t.verdict.word();
            match (t.mechanism, &t.verdict) {
                (
                    Some(m),
                    Verdict::Covered { .. }
                    | Verdict::Derogation { .. }
                    | Verdict::NotCovered { .. },
                ) => {
                    format!("{} transfer via {m}, {verdict}", t.regime)
                }
                _ => format!("{} transfer, {verdict}", t.regime),
            }
        });
    let onward = law
        .onward
        .iter()
        .filter(|o| concerns(&o.categories))
        .map(|o| format!("onward transfer of {} data", o.regime));
    let marks: Vec<String> = transfers.chain(onward).collect();
    (!marks.is_empty()).then(|| marks.join("; "))
}

/// Why a border-crossing hop is no transfer, in a few words.
fn why_not(why: &NotTransfer) -> Option<String> {
    Some(match why {
        NotTransfer::Collection => "collection, not a transfer".into(),
        NotTransfer::SameEntity(_) => "same entity, not a transfer".into(),
        NotTransfer::NotSubject(_) => {
            "not a transfer: the exporter is subject to no transfer regime for this data".into()
        }
        NotTransfer::ImporterInside(regimes) => {
            let areas: Vec<&str> = regimes.iter().map(|r| r.area_code()).collect();
            format!(
                "not a transfer: the importer is inside the {}",
                areas.join(", ")
            )
        }
        NotTransfer::Bridge { .. } => "not a transfer: the EU–UK bridge".into(),
        NotTransfer::NotPersonal => "not judged: no personal data (GDPR Recital 26)".into(),
        NotTransfer::Unjudged => return None,
    })
}

fn node_line(node: crate::graph::NodeView<'_>) -> String {
    format!(
        "{} ({}; {})",
        terminal(node.id),
        node.node.kind.word(),
        terminal(&node.located.join(", "))
    )
}

/// Up to four categories, then "+N more".
fn shorten(data: &[String]) -> String {
    crate::text::first_and_more(data, 4, str::to_string)
}
