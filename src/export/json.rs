//! The map as JSON: `{"inventory", "as_of", "nodes", "flows", "findings"}` with stable
//! field names (documented in README.md). Findings use the same shape as
//! `flowmap check --format json`.

use serde::Serialize;

use super::{ExportOptions, select};
use crate::check::Report;
use crate::graph::{FlowGraph, NodeKind};
use crate::report::json::JsonFinding;

#[derive(Serialize)]
struct JsonExport<'a> {
    inventory: &'a str,
    controller: Option<&'a str>,
    as_of: Option<String>,
    nodes: Vec<JsonNode<'a>>,
    flows: Vec<JsonFlow<'a>>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    located: &'a [String],
    /// Recipients only.
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient_kind: Option<String>,
    /// Stores only.
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFlow<'a> {
    id: &'a str,
    from: &'a str,
    to: &'a str,
    data: &'a [String],
    purposes: &'a [String],
    basis: Option<String>,
    mechanism: Option<String>,
    policy: &'a [String],
    cross_border: bool,
    /// Destination locations that are cross-border for the flow.
    cross_border_to: Vec<&'a str>,
}

/// Renders the selected part of `graph` and its findings as pretty JSON.
pub fn render(
    graph: &FlowGraph,
    report: &Report,
    options: &ExportOptions,
) -> Result<String, String> {
    let selection = select(graph, options)?;
    let inv = graph.inventory();
    let nodes = selection
        .nodes
        .iter()
        .map(|&n| {
            let view = graph.view(n);
            JsonNode {
                id: view.id,
                kind: n.kind.word(),
                name: view.name,
                located: view.located,
                recipient_kind: (n.kind == NodeKind::Recipient)
                    .then(|| inv.recipients[n.index].kind.to_string()),
                retention: (n.kind == NodeKind::Store)
                    .then(|| inv.stores[n.index].retention.as_deref())
                    .flatten(),
            }
        })
        .collect();
    let flows: Vec<JsonFlow<'_>> = selection
        .flows
        .iter()
        .map(|&i| {
            let flow = graph.flow(i);
            JsonFlow {
                id: graph.flow_id(i),
                from: &flow.from,
                to: &flow.to,
                data: &flow.data,
                purposes: &flow.purposes,
                basis: flow.basis.map(|b| b.to_string()),
                mechanism: flow.mechanism.map(|m| m.to_string()),
                policy: &flow.policy,
                cross_border: graph.is_cross_border(i),
                cross_border_to: graph.cross_border_destinations(i),
            }
        })
        .collect();
    let subjects: std::collections::HashSet<&str> = selection
        .nodes
        .iter()
        .map(|&n| graph.view(n).id)
        .chain(selection.flows.iter().map(|&i| graph.flow_id(i)))
        .collect();
    let whole = options.is_whole_graph();
    let findings = report
        .findings
        .iter()
        .filter(|f| whole || subjects.contains(f.subject.as_str()))
        .map(JsonFinding::from)
        .collect();
    let export = JsonExport {
        inventory: &inv.name,
        controller: inv.controller.as_deref(),
        as_of: inv.as_of.map(|d| d.to_string()),
        nodes,
        flows,
        findings,
    };
    Ok(
        crate::sanitize::json(serde_json::to_string_pretty(&export).expect("export serialises"))
            + "\n",
    )
}
