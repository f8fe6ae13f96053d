//! Graphviz DOT: one cluster per set of jurisdictions, node shapes by kind, edge labels
//! with the data categories (shortened; the full list in a tooltip), cross-border edges
//! bold and red *and* marked `⇄` in the label, edges with findings dashed and marked `!`,
//! a legend, left to right. Same input, same bytes.
//!
//! Written by hand rather than with petgraph's `Dot` (which cannot draw clusters or
//! per-edge tooltips) or a DOT crate (the small ones on crates.io, e.g. dot-writer
//! 0.1.4, leave escaping to the caller): escaping is the part that matters, and it is one
//! function here, [`escape`], tested against hostile text.

use std::fmt::Write;

use super::{ExportOptions, failing_rules, place_label, select};
use crate::check::Report;
use crate::graph::{FlowGraph, NodeKind};
use crate::sanitize;

/// How many categories an edge label shows before "+N more".
const LABEL_CATEGORIES: usize = 3;

/// Escapes text for the inside of a DOT double-quoted string. Control characters,
/// escape sequences and bidi overrides become visible `\u{…}` text first; then every
/// backslash is doubled and every quote escaped, so no text can end the string, start
/// a statement, or form a Graphviz escape such as `\N` or `\l`.
pub fn escape(text: &str) -> String {
    let visible = sanitize::terminal(text);
    let mut out = String::with_capacity(visible.len() + 2);
    for c in visible.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out
}

fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Source => "shape=box, style=\"rounded\"",
        NodeKind::Store => "shape=cylinder",
        NodeKind::Recipient => "shape=box3d",
    }
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
    let selection = select(graph, options)?;
    let inv = graph.inventory();
    let failing = failing_rules(report);
    let mut out = String::new();
    let as_of = inv
        .as_of
        .map(|d| format!(" (as of {d})"))
        .unwrap_or_default();
    let title = format!("{} — where personal data goes{as_of}", inv.name);
    let _ = writeln!(out, "digraph flowmap {{");
    let _ = writeln!(
        out,
        "    graph [rankdir=LR, label=\"{}\", labelloc=t, fontname=\"Helvetica\", fontsize=14, nodesep=0.4, ranksep=1.2];",
        escape(&title)
    );
    let _ = writeln!(out, "    node [fontname=\"Helvetica\", fontsize=10];");
    let _ = writeln!(out, "    edge [fontname=\"Helvetica\", fontsize=9];");

    // One cluster per distinct set of jurisdictions, in order of first appearance.
    let mut clusters: Vec<(&[String], Vec<usize>)> = Vec::new();
    for (k, node) in selection.nodes.iter().enumerate() {
        let located = graph.view(*node).located;
        match clusters.iter_mut().find(|(l, _)| *l == located) {
            Some((_, members)) => members.push(k),
            None => clusters.push((located, vec![k])),
        }
    }
    for (c, (located, members)) in clusters.iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(out, "    subgraph \"cluster_{c}\" {{");
        let _ = writeln!(
            out,
            "        label=\"{}\"; style=\"rounded,dashed\"; color=\"gray40\"; fontname=\"Helvetica\"; fontsize=11;",
            escape(&place_label(located))
        );
        for &k in members {
            let view = graph.view(selection.nodes[k]);
            let kind = view.node.kind;
            let _ = writeln!(
                out,
                "        {} [label=\"{}\\n({})\", {}, tooltip=\"{} `{}`: {}\"];",
                node_ref(view.id),
                escape(view.name),
                escape(view.id),
                shape(kind),
                kind.word(),
                escape(view.id),
                escape(&place_label(view.located)),
            );
        }
        let _ = writeln!(out, "    }}");
    }

    let _ = writeln!(out);
    for &i in &selection.flows {
        let flow = graph.flow(i);
        let id = graph.flow_id(i);
        let cross = graph.is_cross_border(i);
        let rules = failing.get(id);
        let shown: Vec<String> = flow
            .data
            .iter()
            .take(LABEL_CATEGORIES)
            .map(|d| escape(d))
            .collect();
        let mut label = shown.join(", ");
        if flow.data.len() > LABEL_CATEGORIES {
            let _ = write!(label, " +{} more", flow.data.len() - LABEL_CATEGORIES);
        }
        if cross {
            label = format!("⇄ {label}");
        }
        if let Some(rules) = rules {
            let list: Vec<&str> = rules.iter().copied().collect();
            let _ = write!(label, "\\n! {}", list.join(", "));
        }
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
        if let Some(m) = flow.mechanism {
            let _ = write!(tooltip, "\\nmechanism: {m}");
        }
        let mut attrs = vec![
            format!("label=\"{label}\""),
            format!("tooltip=\"{tooltip}\""),
        ];
        if cross {
            attrs.push("color=\"red\"".into());
            attrs.push("fontcolor=\"red3\"".into());
            attrs.push("penwidth=2.5".into());
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
    legend(&mut out);
    let _ = writeln!(out, "}}");
    Ok(out)
}

fn legend(out: &mut String) {
    let _ = writeln!(out, "    subgraph \"cluster_legend\" {{");
    let _ = writeln!(
        out,
        "        label=\"Legend\"; style=\"rounded\"; color=\"gray60\"; fontname=\"Helvetica\"; fontsize=11;"
    );
    let _ = writeln!(
        out,
        "        \"legend:source\" [label=\"source\", {}];",
        shape(NodeKind::Source)
    );
    let _ = writeln!(
        out,
        "        \"legend:store\" [label=\"store\", {}];",
        shape(NodeKind::Store)
    );
    let _ = writeln!(
        out,
        "        \"legend:recipient\" [label=\"recipient\", {}];",
        shape(NodeKind::Recipient)
    );
    let _ = writeln!(
        out,
        "        \"legend:other\" [label=\"recipient\", {}];",
        shape(NodeKind::Recipient)
    );
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
        "        \"legend:recipient\" -> \"legend:other\" [label=\"data categories\", style=\"solid\"];"
    );
    let _ = writeln!(out, "    }}");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_neutralises_quotes_backslashes_and_controls() {
        assert_eq!(escape(r#"a"b"#), r#"a\"b"#);
        assert_eq!(escape(r"a\Nb\l"), r"a\\Nb\\l");
        assert_eq!(escape("line\nbreak"), r"line\\u{a}break");
        assert_eq!(escape("x\u{202e}y"), r"x\\u{202e}y");
        assert_eq!(escape("<b>html</b>"), "<b>html</b>");
    }
}
