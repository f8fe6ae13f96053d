//! Graphviz DOT: one cluster per set of jurisdictions, node shapes by kind, edge labels
//! with the data categories (shortened; the full list in a tooltip), cross-border edges
//! bold and red *and* marked `⇄` in the label, restricted transfers (under the law on the
//! graph's `as_of`, [`crate::check::transfer::analyse`]) drawn as a double line *and*
//! marked `⚖` with their regimes, edges with findings dashed and marked `!`, a legend,
//! left to right. Same input, same bytes.
//!
//! Written by hand rather than with petgraph's `Dot` (which cannot draw clusters or
//! per-edge tooltips) or a DOT crate (the small ones on crates.io, e.g. dot-writer
//! 0.1.4, leave escaping to the caller): escaping is the part that matters, and it is one
//! function here, [`escape`], tested against hostile text.

use std::fmt::Write;

use super::{Clusters, ExportOptions, Prepared, dot_page, place_label, prepare, write_clusters};
use crate::check::Report;
use crate::check::transfer::Analysis;
use crate::graph::{FlowGraph, NodeKind};
use crate::model::Name;
use crate::text::{LABEL_CATEGORIES, first_and_more};

pub use crate::sanitize::dot as escape;

fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Source => "shape=box, style=\"rounded\"",
        NodeKind::Store => "shape=cylinder",
        NodeKind::Recipient => "shape=box3d",
    }
}

/// The regimes under which flow `i` is a restricted transfer, `EU, UK`; empty when none.
pub fn restricted_under(analysis: &Analysis, i: usize) -> String {
    let regimes: Vec<String> = analysis.flows.get(i).map_or_else(Vec::new, |law| {
        law.transfers
            .iter()
            .filter(|t| t.restricted())
            .map(|t| t.regime.to_string())
            .collect()
    });
    regimes.join(", ")
}

/// A double line in `color`: how a restricted transfer's edge is drawn.
fn double(color: &str) -> String {
    format!("color=\"{color}:transparent:{color}\"")
}

/// The DOT id of a node (ids are `[a-z0-9._-]`, but escape anyway).
fn node_ref(id: &str) -> String {
    format!("\"n:{}\"", escape(id))
}

/// Renders the selected part of `graph` as a DOT digraph.
pub fn render(
    graph: &FlowGraph,
    report: &Report,
    options: &ExportOptions,
) -> Result<String, String> {
    let Prepared {
        selection,
        failing,
        analysis,
    } = prepare(graph, report, options)?;
    let inv = graph.inventory();
    let mut out = String::new();
    // The date the edges are judged on (`--as-of`, a date the TUI stepped to, else the
    // inventory's), not only the inventory's own: title, legend and edges agree.
    let title = format!(
        "{} — where personal data goes (as of {})",
        inv.name,
        graph.as_of()
    );
    let _ = writeln!(out, "digraph flowmap {{");
    let _ = writeln!(
        out,
        "    graph [rankdir=LR, label=\"{}\", labelloc=t, fontname=\"Helvetica\", fontsize=14, nodesep=0.12, ranksep=0.45, size=\"{}\"];",
        escape(&title),
        dot_page::PAGE_SIZE
    );
    let _ = writeln!(out, "    node [fontname=\"Helvetica\", fontsize=10];");
    let _ = writeln!(
        out,
        "    edge [fontname=\"Helvetica\", fontsize=9, decorate=true];"
    );

    // One cluster per distinct set of jurisdictions, in order of first appearance.
    write_clusters(graph, &selection, &mut out, &mut DotClusters);

    let _ = writeln!(out);
    for &i in &selection.flows {
        let flow = graph.flow(i);
        let id = graph.flow_id(i);
        let cross = graph.is_cross_border(i);
        let rules = failing.get(id);
        let restricted = restricted_under(&analysis, i);
        let label = dot_page::edge_label(
            &flow.data,
            cross,
            &restricted,
            rules.map(|r| r.iter().copied()),
        );
        let mut tooltip = format!("{}\\ndata: {}", escape(id), escape(&flow.data.join(", ")));
        if !flow.purposes.is_empty() {
            let _ = write!(
                tooltip,
                "\\npurposes: {}",
                escape(&flow.purposes.join(", "))
            );
        }
        if cross {
            let to = graph.cross_border_destinations(i).join(", ");
            let _ = write!(tooltip, "\\ncross-border to: {}", escape(&to));
        }
        if !restricted.is_empty() {
            let _ = write!(
                tooltip,
                "\\nrestricted transfer under {restricted} on {}",
                graph.as_of()
            );
        }
        if let Some(m) = flow.mechanism {
            let _ = write!(tooltip, "\\nmechanism: {m}");
        }
        let mut attrs = vec![
            format!("label=\"{label}\""),
            format!("tooltip=\"{tooltip}\""),
        ];
        let color = if cross { "red" } else { "black" };
        if !restricted.is_empty() {
            attrs.push(double(color));
        } else if cross {
            attrs.push("color=\"red\"".into());
        }
        if cross {
            attrs.push("fontcolor=\"red3\"".into());
            attrs.push("penwidth=2.5".into());
        } else if !restricted.is_empty() {
            attrs.push("penwidth=1.5".into());
        }
        attrs.push(
            match (cross, rules.is_some()) {
                (true, true) => "style=\"bold,dashed\"",
                (true, false) => "style=\"bold\"",
                (false, true) => "style=\"dashed\"",
                (false, false) => "style=\"solid\"",
            }
            .into(),
        );
        let _ = writeln!(
            out,
            "    {} -> {} [{}];",
            node_ref(&flow.from),
            node_ref(&flow.to),
            attrs.join(", ")
        );
    }

    let _ = writeln!(out);
    legend(&mut out, graph.as_of());
    let _ = writeln!(out, "}}");
    Ok(out)
}

/// The legend; the restricted-transfer entry names the date it is judged on.
fn legend(out: &mut String, as_of: crate::model::Date) {
    let _ = writeln!(out, "    subgraph \"cluster_legend\" {{");
    let _ = writeln!(
        out,
        "        label=\"Legend\"; style=\"rounded\"; color=\"gray60\"; fontname=\"Helvetica\"; fontsize=11;"
    );
    for (id, label, kind) in [
        ("source", "source", NodeKind::Source),
        ("store", "store", NodeKind::Store),
        ("recipient", "recipient", NodeKind::Recipient),
        ("other", "recipient", NodeKind::Recipient),
    ] {
        let _ = writeln!(
            out,
            "        \"legend:{id}\" [label=\"{label}\", {}];",
            shape(kind)
        );
    }
    let _ = writeln!(
        out,
        "        \"legend:source\" -> \"legend:store\" [label=\"⇄ cross-border\", color=\"red\", fontcolor=\"red3\", penwidth=2.5, style=\"bold\"];"
    );
    let _ = writeln!(
        out,
        "        \"legend:store\" -> \"legend:recipient\" [label=\"! has findings\", style=\"dashed\"];"
    );
    let _ = writeln!(
        out,
        "        \"legend:store\" -> \"legend:other\" [label=\"data categories\", style=\"solid\"];"
    );
    let _ = writeln!(
        out,
        "        \"legend:source\" -> \"legend:other\" [label=\"⚖ restricted transfer on {as_of}\", {}, penwidth=1.5, style=\"solid\"];",
        double("black")
    );
    let _ = writeln!(out, "    }}");
}

/// DOT's groups: a dashed `cluster_N` per set of jurisdictions, node shapes by kind.
struct DotClusters;

impl Clusters for DotClusters {
    fn open(&mut self, out: &mut String, index: usize, label: &str) {
        let _ = writeln!(out);
        let _ = writeln!(out, "    subgraph \"cluster_{index}\" {{");
        let _ = writeln!(
            out,
            "        label=\"{}\"; style=\"rounded,dashed\"; color=\"gray40\"; fontname=\"Helvetica\"; fontsize=11;",
            escape(label)
        );
    }

    fn node(&mut self, out: &mut String, _: usize, view: crate::graph::NodeView<'_>) {
        let kind = view.node.kind;
        let _ = writeln!(
            out,
            "        {} [label=\"{}\\n({})\", {}, tooltip=\"{} `{}`: {}\\n{}\"];",
            node_ref(view.id),
            escape(&dot_page::short_name(view.name)),
            escape(view.id),
            shape(kind),
            kind.word(),
            escape(view.id),
            escape(view.name),
            escape(&place_label(view.located)),
        );
    }

    fn close(&mut self, out: &mut String) {
        let _ = writeln!(out, "    }}");
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::escape;
    use crate::check::{self, CheckOptions, Report};
    use crate::export::ExportOptions;
    use crate::graph::FlowGraph;

    /// A US controller collecting in Germany (a collection that crosses a border), with a
    /// restricted transfer that crosses none (US → US, on clauses) and one that does.
    pub(crate) fn small() -> (FlowGraph, Report) {
        let text = r#"Inventory(
    name: "Small",
    as_of: Some("2024-01-01"),
    controller: Some("Example Inc."),
    established: ["US"],
    representatives: ["EEA"],
    sources: [Source(id: "web", name: "Web", located: ["DE"], collects: ["contact.email"])],
    stores: [Store(id: "crm", name: "CRM", located: ["US"], operator: Controller, retention: Some("1y"), safeguards: ["tls"])],
    recipients: [
        Recipient(id: "mailer", name: "Mailer", kind: ServiceProvider, located: ["US"]),
        Recipient(id: "ads", name: "Ads", kind: AdNetwork, located: ["CN"]),
    ],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract)),
        Flow(from: "crm", to: "mailer", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(Scc)),
        Flow(from: "crm", to: "ads", data: ["contact.email"], purposes: ["service.operation"]),
    ],
)"#;
        let loaded = crate::load::load_in_memory(&[("inventory.ron", text)], "inventory.ron")
            .expect("the inventory loads");
        let graph = FlowGraph::new(loaded);
        let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
        (graph, report)
    }

    fn edge<'a>(dot: &'a str, from: &str, to: &str) -> &'a str {
        let arrow = format!("\"n:{from}\" -> \"n:{to}\"");
        dot.lines().find(|l| l.contains(&arrow)).unwrap()
    }

    #[test]
    fn restricted_transfers_are_double_lines_marked_with_their_regimes() {
        let (graph, report) = small();
        let dot = super::render(&graph, &report, &ExportOptions::default()).unwrap();
        // Red still means "crosses a border" and nothing else.
        let collection = edge(&dot, "web", "crm");
        assert!(collection.contains("color=\"red\"") && !collection.contains('⚖'));
        let mailer = edge(&dot, "crm", "mailer");
        assert!(mailer.contains("\\n⚖ restricted: EU"), "{mailer}");
        assert!(
            mailer.contains("color=\"black:transparent:black\""),
            "{mailer}"
        );
        assert!(!mailer.contains("red") && !mailer.contains('⇄'), "{mailer}");
        assert!(mailer.contains("restricted transfer under EU on 2024-01-01"));
        let ads = edge(&dot, "crm", "ads");
        assert!(ads.contains("color=\"red:transparent:red\"") && ads.contains("⇄ "));
        assert!(dot.contains(
            "[label=\"⚖ restricted transfer on 2024-01-01\", color=\"black:transparent:black\""
        ));

        let by_kind = super::render_aggregated(
            &graph,
            &report,
            &ExportOptions::default(),
            super::Aggregate::Kind,
        )
        .unwrap();
        // Groups: sources, stores, service providers, ad networks.
        let to_processors = by_kind
            .lines()
            .find(|l| l.contains("\"g1\" -> \"g2\""))
            .unwrap();
        assert!(
            to_processors.contains("1 flow, ⚖ 1 restricted"),
            "{to_processors}"
        );
        assert!(
            to_processors.contains("black:transparent:black"),
            "{to_processors}"
        );
        let to_ads = by_kind
            .lines()
            .find(|l| l.contains("\"g1\" -> \"g3\""))
            .unwrap();
        assert!(
            to_ads.contains("⇄ 1 cross-border, ⚖ 1 restricted"),
            "{to_ads}"
        );
        assert!(to_ads.contains("red:transparent:red"), "{to_ads}");
    }

    #[test]
    fn escape_neutralises_quotes_backslashes_and_controls() {
        assert_eq!(escape(r#"a"b"#), r#"a\"b"#);
        assert_eq!(escape(r"a\Nb\l"), r"a\\Nb\\l");
        assert_eq!(escape("line\nbreak"), r"line\\u{a}break");
        assert_eq!(escape("x\u{202e}y"), r"x\\u{202e}y");
        assert_eq!(escape("<b>html</b>"), "<b>html</b>");
    }
}

/// How `--aggregate` groups nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// One node per set of jurisdictions ("United States, anywhere else").
    Jurisdiction,
    /// One node per kind: sources, stores, and recipients by their kind (AdNetwork …).
    Kind,
}

/// The selected part of `graph` with nodes collapsed into groups: one edge per pair of
/// groups, labelled with its number of flows (cross-border ones marked `⇄`, drawn bold
/// and red; restricted transfers marked `⚖`, drawn as a double line) and the union of their categories (the full list in the tooltip). A map of
/// 100,000 flows becomes a few dozen edges that Graphviz lays out in a moment.
pub fn render_aggregated(
    graph: &FlowGraph,
    report: &Report,
    options: &ExportOptions,
    by: Aggregate,
) -> Result<String, String> {
    use std::collections::{BTreeMap, BTreeSet};

    let Prepared {
        selection,
        failing,
        analysis,
    } = prepare(graph, report, options)?;
    let inv = graph.inventory();
    let group_of = |node: crate::graph::NodeRef| -> String {
        let view = graph.view(node);
        match by {
            Aggregate::Jurisdiction => place_label(view.located),
            Aggregate::Kind => match node.kind {
                NodeKind::Source => "sources".to_string(),
                NodeKind::Store => "stores".to_string(),
                NodeKind::Recipient => format!("recipients: {}", inv.recipients[node.index].kind),
            },
        }
    };
    // Groups in order of first appearance, with their member counts.
    let mut groups: Vec<(String, usize)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &node in &selection.nodes {
        let name = group_of(node);
        match index.get(&name) {
            Some(&g) => groups[g].1 += 1,
            None => {
                index.insert(name.clone(), groups.len());
                groups.push((name, 1));
            }
        }
    }
    #[derive(Default)]
    struct Edge<'a> {
        flows: usize,
        cross: usize,
        restricted: usize,
        failing: usize,
        categories: BTreeSet<&'a str>,
    }
    let mut edges: BTreeMap<(usize, usize), Edge<'_>> = BTreeMap::new();
    for &i in &selection.flows {
        let Some((from, to)) = graph.ends(i) else {
            continue;
        };
        let (Some(&a), Some(&b)) = (
            index.get(&group_of(from.node)),
            index.get(&group_of(to.node)),
        ) else {
            continue;
        };
        let edge = edges.entry((a, b)).or_default();
        edge.flows += 1;
        edge.cross += usize::from(graph.is_cross_border(i));
        edge.restricted += usize::from(!restricted_under(&analysis, i).is_empty());
        edge.failing += usize::from(failing.contains_key(graph.flow_id(i)));
        edge.categories
            .extend(graph.flow(i).data.iter().map(Name::as_str));
    }

    let mut out = String::new();
    let title = format!(
        "{} — where personal data goes, by {}",
        inv.name,
        match by {
            Aggregate::Jurisdiction => "jurisdiction",
            Aggregate::Kind => "kind",
        }
    );
    let _ = writeln!(out, "digraph flowmap {{");
    let _ = writeln!(
        out,
        "    graph [rankdir=LR, label=\"{}\", labelloc=t, fontname=\"Helvetica\", fontsize=14, nodesep=0.5, ranksep=1.5];",
        escape(&title)
    );
    let _ = writeln!(
        out,
        "    node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded\"];"
    );
    let _ = writeln!(out, "    edge [fontname=\"Helvetica\", fontsize=9];");
    for (g, (name, members)) in groups.iter().enumerate() {
        let plural = if *members == 1 { "" } else { "s" };
        let _ = writeln!(
            out,
            "    \"g{g}\" [label=\"{}\\n({members} node{plural})\"];",
            escape(name)
        );
    }
    for ((a, b), edge) in &edges {
        let categories = first_and_more(&edge.categories, LABEL_CATEGORIES, escape);
        let plural = if edge.flows == 1 { "" } else { "s" };
        let mut label = format!("{} flow{plural}", edge.flows);
        if edge.cross > 0 {
            let _ = write!(label, ", ⇄ {} cross-border", edge.cross);
        }
        if edge.restricted > 0 {
            let _ = write!(label, ", ⚖ {} restricted", edge.restricted);
        }
        if edge.failing > 0 {
            let _ = write!(label, ", ! {} with findings", edge.failing);
        }
        let _ = write!(label, "\\n{categories}");
        let all: Vec<&str> = edge.categories.iter().copied().collect();
        let mut attrs = vec![
            format!("label=\"{label}\""),
            format!("tooltip=\"{}\"", escape(&all.join(", "))),
            format!("penwidth={:.1}", 1.0 + (edge.flows as f64).log10()),
        ];
        let color = if edge.cross > 0 { "red" } else { "black" };
        if edge.restricted > 0 {
            attrs.push(double(color));
        } else if edge.cross > 0 {
            attrs.push("color=\"red\"".into());
        }
        if edge.cross > 0 {
            attrs.push("fontcolor=\"red3\"".into());
            attrs.push("style=\"bold\"".into());
        }
        let _ = writeln!(out, "    \"g{a}\" -> \"g{b}\" [{}];", attrs.join(", "));
    }
    let _ = writeln!(out, "}}");
    Ok(out)
}
