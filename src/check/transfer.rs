//! Transfer rules FM201–FM205: cross-border flows, and whether each transfer out of the
//! EEA, the UK or Switzerland is lawful on the `as_of` date.
//!
//! A transfer is *restricted* when data leaves a protected origin (a place in the EEA on
//! `as_of` — the UK counts up to 2020-12-31 —, `GB` or `CH`) for a place that is not the
//! same place and has no adequacy on `as_of`. For an EEA origin, other EEA places are
//! never restricted. For a `GB` or `CH` origin flowmap uses the EU adequacy table and
//! treats the EEA, `GB` and `CH` as adequate (an approximation of the UK and Swiss lists;
//! see README). Adequacy scopes are honoured: the US only for a recipient certified
//! `DPF`, Canada and Japan only for commercial recipients (not `Authority` or `Public`).

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

use super::{CheckOptions, Finding, Rule};
use crate::graph::{FlowGraph, NodeKind, NodeView};
use crate::load::Step::{Field, Index};
use crate::model::jurisdiction::AdequacyScope;
use crate::model::taxonomy::is_within;
use crate::model::{Date, Jurisdictions, Mechanism, RecipientKind};

/// Appends the transfer findings of `graph` to `out`.
pub fn check(graph: &FlowGraph, options: &CheckOptions, out: &mut Vec<Finding>) {
    for i in 0..graph.inventory().flows.len() {
        transfer(graph, options.as_of, i, out);
    }
    onward_transfers(graph, out);
}

/// An origin and a destination of one flow that make a restricted transfer.
struct Restricted<'a> {
    origin: &'a str,
    destination: &'a str,
}

fn transfer(graph: &FlowGraph, on: Date, i: usize, out: &mut Vec<Finding>) {
    let Some((_, to)) = graph.ends(i) else {
        return;
    };
    let places = Jurisdictions::builtin();
    let file = &graph.loaded().inventory_file;
    let flow = graph.flow(i);
    let id = graph.flow_id(i);
    // Positions are looked up only for the findings that need them.
    let entry = || file.locate_entry(&[Field("flows"), Index(i)]);
    let mechanism_at = || file.locate(&[Field("flows"), Index(i), Field("mechanism")]);

    // FM204 for a framework outside its window, whether or not the flow needs it.
    if let Some(mechanism) = flow.mechanism
        && let Some(problem) = framework_problem(mechanism, &to, graph, on)
    {
        out.push(Finding::new(Rule::FM204, id, problem.0, mechanism_at()).resting_on(problem.1));
    }

    if !graph.is_cross_border(i) {
        return;
    }
    let origins = graph.foreign_origins(i);
    let destinations = graph.cross_border_destinations(i);
    let route = format!("{} → {}", origins.join(", "), destinations.join(", "));
    let mechanism_word = flow
        .mechanism
        .map_or("no mechanism".to_string(), |m| format!("mechanism `{m}`"));
    out.push(
        Finding::new(
            Rule::FM201,
            id,
            format!("the flow crosses a border: {route} ({mechanism_word}, judged on {on})"),
            entry(),
        )
        .resting_on("GDPR Art. 44"),
    );

    let mut restricted = Vec::new();
    for origin in origins.iter().copied().filter(|o| protected(o, on)) {
        for destination in to.located.iter().map(String::as_str) {
            if !places.same_place(origin, destination)
                && !adequate(origin, destination, &to, graph, on)
            {
                restricted.push(Restricted {
                    origin,
                    destination,
                });
            }
        }
    }
    if restricted.is_empty() {
        return;
    }
    let pairs: Vec<String> = restricted
        .iter()
        .map(|r| format!("{} → {}", r.origin, r.destination))
        .collect();
    let pairs = pairs.join(", ");
    match flow.mechanism {
        None => out.push(
            Finding::new(
                Rule::FM202,
                id,
                format!(
                    "restricted transfer {pairs} without an adequacy decision on {on}, and the flow names no transfer mechanism: set `mechanism` (e.g. `Some(Scc)`), or keep the data where it is"
                ),
                entry(),
            )
            .resting_on("GDPR Art. 44, Art. 46"),
        ),
        Some(m @ (Mechanism::Consent | Mechanism::ContractNecessity)) => out.push(
            Finding::new(
                Rule::FM203,
                id,
                format!(
                    "restricted transfer {pairs} rests on `{m}`, an Art. 49 derogation meant for occasional transfers, not a routine flow: use SCCs, BCRs or an adequacy decision"
                ),
                mechanism_at(),
            )
            .resting_on("GDPR Art. 49(1); EDPB Guidelines 2/2018"),
        ),
        Some(Mechanism::Adequacy) => out.push(
            Finding::new(
                Rule::FM204,
                id,
                format!(
                    "the flow rests on `Adequacy`, but no adequacy decision covered {pairs} on {on}: name the mechanism it really rests on"
                ),
                mechanism_at(),
            )
            .resting_on("GDPR Art. 45"),
        ),
        Some(_) => {}
    }
}

/// Whether data leaving `origin` is protected by the GDPR, the UK GDPR or the Swiss FADP.
fn protected(origin: &str, on: Date) -> bool {
    origin == "GB" || origin == "CH" || Jurisdictions::builtin().in_eea(origin, on)
}

/// Whether `destination` offers adequate protection for data from `origin` on `on`, for
/// the node `to` it goes to.
fn adequate(
    origin: &str,
    destination: &str,
    to: &NodeView<'_>,
    graph: &FlowGraph,
    on: Date,
) -> bool {
    let places = Jurisdictions::builtin();
    if destination == "*" {
        return false;
    }
    if places.in_eea(destination, on) {
        return true;
    }
    if !places.in_eea(origin, on) && matches!(destination, "GB" | "CH") {
        return true;
    }
    let Some(decision) = places.adequacy_on(destination, on) else {
        return false;
    };
    let recipient =
        (to.node.kind == NodeKind::Recipient).then(|| &graph.inventory().recipients[to.node.index]);
    match &decision.scope {
        AdequacyScope::Full => true,
        AdequacyScope::Commercial => recipient
            .is_none_or(|r| !matches!(r.kind, RecipientKind::Authority | RecipientKind::Public)),
        AdequacyScope::Certified(certification) => {
            recipient.is_some_and(|r| r.certifications.iter().any(|c| c == certification))
        }
    }
}

/// Why a framework mechanism (Safe Harbor, Privacy Shield, DPF) cannot carry this flow on
/// `on`, with the law it rests on; `None` when it can, or the mechanism is no framework.
fn framework_problem(
    mechanism: Mechanism,
    to: &NodeView<'_>,
    graph: &FlowGraph,
    on: Date,
) -> Option<(String, String)> {
    let framework = Jurisdictions::builtin().framework(mechanism)?;
    if !framework.valid_on(on) {
        let why = match (&framework.until, &framework.ended_by) {
            (Some(until), Some(ended_by)) if on > *until => {
                format!("it ended on {until} ({ended_by})")
            }
            (Some(until), None) if on > *until => format!("it ended on {until}"),
            _ => format!("it took effect only on {}", framework.from),
        };
        return Some((
            format!(
                "`{mechanism}` was not a valid transfer mechanism on {on}: {why}; use SCCs or another mechanism valid on that date"
            ),
            framework
                .ended_by
                .clone()
                .unwrap_or_else(|| framework.decision.clone()),
        ));
    }
    if to.located.iter().any(|l| l != "US") {
        return Some((
            format!(
                "`{mechanism}` covers transfers to the US only, but `{}` is located in {}: use another mechanism for the rest",
                to.id,
                to.located.join(", ")
            ),
            framework.decision.clone(),
        ));
    }
    if let Some(certification) = &framework.certification {
        let certified = (to.node.kind == NodeKind::Recipient)
            && graph.inventory().recipients[to.node.index]
                .certifications
                .contains(certification);
        if !certified {
            return Some((
                format!(
                    "`{mechanism}` covers only organisations certified under it, and `{}` does not list `{certification}` in `certifications`: certify it, or use another mechanism",
                    to.id
                ),
                framework.decision.clone(),
            ));
        }
    }
    None
}

/// FM205: a cross-border flow carries a category that already reached its `from` node
/// through an earlier cross-border flow, over any number of hops. Categories spread
/// along every flow that carries them until nothing changes, so cycles end.
fn onward_transfers(graph: &FlowGraph, out: &mut Vec<Finding>) {
    let inv = graph.inventory();
    let g = graph.graph();
    let flows: Vec<usize> = (0..inv.flows.len())
        .filter(|&i| graph.flow_in_graph(i))
        .collect();
    let crossing: Vec<bool> = (0..inv.flows.len())
        .map(|i| graph.flow_in_graph(i) && graph.is_cross_border(i))
        .collect();
    // Per node: category -> the cross-border flow it first crossed in, and the same
    // entries in arrival order. A worklist of nodes with entries not yet passed on; each
    // (node, category) arrives once and is passed on once, so cycles end.
    let mut crossed: Vec<FxHashMap<&str, usize>> = vec![FxHashMap::default(); g.node_count()];
    let mut arrivals: Vec<Vec<(&str, usize)>> = vec![Vec::new(); g.node_count()];
    let mut passed_on: Vec<usize> = vec![0; g.node_count()];
    let mut queue: VecDeque<NodeIndex> = VecDeque::new();
    fn arrive<'a>(
        crossed: &mut [FxHashMap<&'a str, usize>],
        arrivals: &mut [Vec<(&'a str, usize)>],
        node: NodeIndex,
        category: &'a str,
        via: usize,
    ) -> bool {
        let at = &mut crossed[node.index()];
        if at.contains_key(category) {
            return false;
        }
        at.insert(category, via);
        arrivals[node.index()].push((category, via));
        true
    }
    for edge in g.edge_references() {
        let i = *edge.weight();
        if crossing[i] {
            let mut grew = false;
            for item in &inv.flows[i].data {
                grew |= arrive(&mut crossed, &mut arrivals, edge.target(), item.as_str(), i);
            }
            if grew {
                queue.push_back(edge.target());
            }
        }
    }
    while let Some(node) = queue.pop_front() {
        let start = passed_on[node.index()];
        let fresh: Vec<(&str, usize)> = arrivals[node.index()][start..].to_vec();
        passed_on[node.index()] = arrivals[node.index()].len();
        if fresh.is_empty() {
            continue;
        }
        for edge in g.edges_directed(node, Direction::Outgoing) {
            let flow = &inv.flows[*edge.weight()];
            let mut grew = false;
            for item in &flow.data {
                for &(category, via) in &fresh {
                    let shared = if is_within(item, category) {
                        item.as_str()
                    } else if is_within(category, item) {
                        category
                    } else {
                        continue;
                    };
                    grew |= arrive(&mut crossed, &mut arrivals, edge.target(), shared, via);
                }
            }
            if grew {
                queue.push_back(edge.target());
            }
        }
    }
    let crossed_at = |id: &str| graph.node_index(id).map(|n| &crossed[n.index()]);
    let file = &graph.loaded().inventory_file;
    for &i in flows.iter().filter(|&&i| crossing[i]) {
        let flow = &inv.flows[i];
        let Some(upstream) = crossed_at(&flow.from) else {
            continue;
        };
        // (data index, category, the earlier crossing) for each category crossing again.
        let mut again: Vec<(usize, &str, usize)> = Vec::new();
        for (k, item) in flow.data.iter().enumerate() {
            let earlier = upstream
                .iter()
                .filter(|(category, _)| is_within(item, category) || is_within(category, item))
                .map(|(_, &via)| via)
                .filter(|&via| via != i)
                .min();
            if let Some(via) = earlier {
                again.push((k, item, via));
            }
        }
        let Some(&(first, _, _)) = again.first() else {
            continue;
        };
        let mut vias: Vec<usize> = again.iter().map(|&(_, _, via)| via).collect();
        vias.sort_unstable();
        vias.dedup();
        let categories: Vec<String> = again.iter().map(|(_, c, _)| format!("`{c}`")).collect();
        let through: Vec<String> = vias
            .iter()
            .map(|&v| format!("`{}`", graph.flow_id(v)))
            .collect();
        out.push(
            Finding::new(
                Rule::FM205,
                graph.flow_id(i),
                format!(
                    "onward transfer: {} reached `{}` through the cross-border flow{} {} and cross{} a border again here: make sure the protection travels with the data (the same mechanism, or one the first importer is bound to)",
                    categories.join(", "),
                    flow.from,
                    if through.len() == 1 { "" } else { "s" },
                    through.join(", "),
                    if categories.len() == 1 { "es" } else { "" },
                ),
                file.locate(&[Field("flows"), Index(i), Field("data"), Index(first)]),
            )
            .resting_on("GDPR Art. 44 (onward transfers)"),
        );
    }
}
