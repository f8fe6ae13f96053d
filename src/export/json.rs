//! The map as JSON: `{"inventory", "controller", "as_of", "nodes", "flows", "findings"}`
//! with stable field names (documented in README.md). Findings use the same shape as
//! `flowmap check --format json`.
//!
//! `as_of` is the date everything is judged on: `--as-of` when given, else the
//! inventory's `as_of`, else today. Each flow says what it is in transfer law on that
//! date, from the same analysis the rules FM201–FM209 read
//! ([`crate::check::transfer::analyse`]):
//!
//! - `transfers`: one entry per regime under which the flow is a transfer —
//!   `{"regime", "exporter", "importer", "restricted", "mechanism", "verdict", "law"}`:
//!   - `regime`: `"EU"`, `"UK"` or `"CH"`;
//!   - `exporter`, `importer`: who discloses and who receives — the controller's name, or
//!     the id of the node whose holder it is (followed by the holder's `entity` in
//!     parentheses when that differs from the id);
//!   - `restricted`: whether no adequacy decision of the regime covers the importer in
//!     every place it is outside the regime's area;
//!   - `mechanism`: the flow's `mechanism` (`"Scc"`, `"Consent"`, …), `null` when none;
//!   - `verdict`: `"adequate"` (not restricted), `"covered"`, `"derogation"` (FM203),
//!     `"no mechanism"` (FM202) or `"not covered"` (FM204);
//!   - `law`: what the verdict rests on, in the act in force on the day — for
//!     `adequate`, the act's adequacy article and the decisions (`"GDPR Art. 45;
//!     Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)"`);
//!     for `covered`, `derogation` and `not covered`, the law of the safeguard,
//!     derogation or failed mechanism (`"GDPR Art. 49(1)(a)"`); for `no mechanism`, the
//!     act's general transfer article (`"GDPR Art. 44"`, `"Directive 95/46/EC Art.
//!     25(1)"`).
//!
//!   An empty list: the flow is no transfer (a collection by the controller, a flow
//!   between two nodes of one holder, an importer inside the area, …), whether or not it
//!   crosses a border (`cross_border`).
//! - `onward`: one entry per regime whose exported data the flow passes on, by an
//!   exporter not subject to that regime, to an importer outside its area (FM205) —
//!   `{"regime", "exporter", "importer", "outside", "categories", "law"}`: `outside` are
//!   the importer's places outside the area, `categories` the data exported under the
//!   regime that the flow carries on, `law` the act's transfer article.

use serde::Serialize;

use super::{ExportOptions, Prepared, prepare};
use crate::check::Report;
use crate::check::transfer::{FlowLaw, Onward, Transfer};
use crate::graph::{FlowGraph, NodeKind};
use crate::model::Name;
use crate::model::law::Article;
use crate::report::json::JsonFinding;

#[derive(Serialize)]
struct JsonExport<'a> {
    inventory: &'a str,
    controller: Option<&'a str>,
    /// The date transfers and findings are judged on.
    as_of: String,
    nodes: Vec<JsonNode<'a>>,
    flows: Vec<JsonFlow<'a>>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    located: &'a [Name],
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
    data: &'a [Name],
    purposes: &'a [Name],
    basis: Option<String>,
    mechanism: Option<String>,
    policy: &'a [Name],
    cross_border: bool,
    /// Destination locations that are cross-border for the flow.
    cross_border_to: Vec<&'a str>,
    /// The regimes under which the flow is a transfer (see the module's docs).
    transfers: Vec<JsonTransfer>,
    /// The regimes whose exported data the flow passes on (see the module's docs).
    onward: Vec<JsonOnward>,
}

/// One transfer of a flow under one regime.
#[derive(Serialize)]
struct JsonTransfer {
    regime: String,
    exporter: String,
    importer: String,
    restricted: bool,
    mechanism: Option<String>,
    verdict: &'static str,
    law: String,
}

impl From<&Transfer> for JsonTransfer {
    fn from(t: &Transfer) -> JsonTransfer {
        let law = super::record::transfer_law(t);
        JsonTransfer {
            regime: t.regime.to_string(),
            exporter: party(&t.exporter),
            importer: party(&t.importer),
            restricted: t.restricted(),
            mechanism: t.mechanism.map(|m| m.to_string()),
            verdict: t.verdict.word(),
            law,
        }
    }
}

/// One onward transfer of a flow: data exported under `regime`, passed on.
#[derive(Serialize)]
struct JsonOnward {
    regime: String,
    exporter: String,
    importer: String,
    outside: Vec<Name>,
    categories: Vec<Name>,
    law: String,
}

impl From<&Onward> for JsonOnward {
    fn from(o: &Onward) -> JsonOnward {
        JsonOnward {
            regime: o.regime.to_string(),
            exporter: party(&o.exporter),
            importer: party(&o.importer),
            outside: o.outside.clone(),
            categories: o.categories.clone(),
            law: o.act.cite(Article::Transfers),
        }
    }
}

/// A party as the analysis names it in messages (`` `id` ``, `` `id` (entity) `` or the
/// controller's name), without the backticks around a node id.
fn party(name: &str) -> String {
    if let Some(rest) = name.strip_prefix('`')
        && let Some(end) = rest.find('`')
    {
        return format!("{}{}", &rest[..end], &rest[end + 1..]);
    }
    name.to_string()
}

/// Renders the selected part of `graph` and its findings as pretty JSON.
pub fn render(
    graph: &FlowGraph,
    report: &Report,
    options: &ExportOptions,
) -> Result<String, String> {
    let Prepared {
        selection,
        analysis,
        ..
    } = prepare(graph, report, options)?;
    let inv = graph.inventory();
    let none = FlowLaw::default();
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
            let law = analysis.flows.get(i).unwrap_or(&none);
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
                transfers: law.transfers.iter().map(JsonTransfer::from).collect(),
                onward: law.onward.iter().map(JsonOnward::from).collect(),
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
        as_of: graph.as_of().to_string(),
        nodes,
        flows,
        findings,
    };
    Ok(
        crate::sanitize::json(serde_json::to_string_pretty(&export).expect("export serialises"))
            + "\n",
    )
}
