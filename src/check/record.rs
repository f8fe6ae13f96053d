//! Record-keeping rules FM301–FM304 (GDPR Art. 30(1); before 2018-05-25 the Directive's
//! Arts. 6(1)(e), 17(1), 18–19, which `section` cites on those dates).

use super::{CheckOptions, Finding, Rule, eu_law};
use crate::graph::{FlowGraph, NodeKind};
use crate::load::Step::{Field, Index};

/// Appends the record-keeping findings of `graph` to `out`.
pub fn check(graph: &FlowGraph, options: &CheckOptions, out: &mut Vec<Finding>) {
    let on = options.as_of;
    let inv = graph.inventory();
    let file = &graph.loaded().inventory_file;
    for (i, store) in inv.stores.iter().enumerate() {
        let at = file.locate_entry(&[Field("stores"), Index(i)]);
        if store
            .retention
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            out.push(
                Finding::new(
                    Rule::FM301,
                    &store.id,
                    format!(
                        "the store `{}` states no retention period: set `retention: Some(\"...\")` (e.g. \"24 months after last contact\")",
                        store.id
                    ),
                    at.clone(),
                )
                .resting_on(eu_law(on, "Art. 30(1)(f)", "Art. 6(1)(e)")),
            );
        }
        if store.safeguards.iter().all(|s| s.trim().is_empty()) {
            out.push(
                Finding::new(
                    Rule::FM302,
                    &store.id,
                    format!(
                        "the store `{}` lists no safeguards: name its security measures in `safeguards` (e.g. [\"encryption-at-rest\", \"access-control\"])",
                        store.id
                    ),
                    at,
                )
                .resting_on(eu_law(on, "Art. 30(1)(g), Art. 32(1)", "Art. 17(1)")),
            );
        }
    }
    for (i, flow) in inv.flows.iter().enumerate() {
        let leaves_source = match graph.ends(i) {
            Some((from, _)) => from.node.kind == NodeKind::Source,
            None => graph
                .node(&flow.from)
                .is_some_and(|n| n.node.kind == NodeKind::Source),
        };
        let mut missing = Vec::new();
        if flow.purposes.is_empty() {
            missing.push("no purpose: list why the data moves in `purposes`");
        }
        if leaves_source && flow.basis.is_none() {
            missing.push(
                "no legal basis although it leaves a source: set `basis` (e.g. `Some(Consent)`)",
            );
        }
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    Rule::FM303,
                    graph.flow_id(i),
                    format!("the flow has {}", missing.join("; and ")),
                    file.locate_entry(&[Field("flows"), Index(i)]),
                )
                .resting_on(eu_law(
                    on,
                    "Art. 30(1)(b), Art. 6(1)",
                    "Art. 6(1)(b), Art. 7",
                )),
            );
        }
    }
    let connected: rustc_hash::FxHashSet<&str> = inv
        .flows
        .iter()
        .flat_map(|f| [f.from.as_str(), f.to.as_str()])
        .collect();
    for node in graph.nodes() {
        if !connected.contains(node.id) {
            out.push(
                Finding::new(
                    Rule::FM304,
                    node.id,
                    format!(
                        "the {} `{}` has no flows: connect it with a flow, or remove it",
                        node.node.kind.word(),
                        node.id
                    ),
                    file.locate_entry(&[Field(node.node.kind.list()), Index(node.node.index)]),
                )
                .resting_on(eu_law(on, "Art. 30(1)", "Art. 18(1), Art. 19(1)")),
            );
        }
    }
}
