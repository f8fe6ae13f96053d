//! Mermaid `flowchart LR`, which GitHub renders in Markdown: a subgraph per set of
//! jurisdictions, shapes by kind, cross-border links marked `⇄` and drawn red, restricted
//! transfers (under the law on the graph's `as_of`) marked `⚖ restricted` with their
//! regimes and drawn twice as thick, links with findings marked `!` and dotted.
//!
//! Every piece of user text goes through [`escape`]: anything but letters, digits, space
//! and `.,_-:/` becomes a Mermaid entity code (`#34;`), so no label can close its quotes,
//! open a new statement, or inject HTML or Markdown.

use std::fmt::Write;

use super::dot::restricted_under;
use super::{Clusters, ExportOptions, Prepared, prepare, write_clusters};
use crate::check::Report;
use crate::graph::NodeView;
use crate::graph::{FlowGraph, NodeKind};

/// Text for inside a quoted Mermaid label.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() && !crate::sanitize::is_hazard(c)
            || matches!(c, ' ' | '.' | ',' | '_' | '-' | ':' | '/')
        {
            out.push(c);
        } else {
            let _ = write!(out, "#{};", c as u32);
        }
    }
    out
}

/// Renders the selected part of `graph` as a Mermaid flowchart.
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
    let mut out = String::from("flowchart LR\n");
    let positions: std::collections::HashMap<&str, usize> = selection
        .nodes
        .iter()
        .enumerate()
        .map(|(k, &n)| (graph.view(n).id, k))
        .collect();
    let index_of = |id: &str| positions.get(id).copied();

    write_clusters(graph, &selection, &mut out, &mut MermaidClusters);

    let mut styles = Vec::new();
    let mut link = 0;
    for &i in &selection.flows {
        let flow = graph.flow(i);
        let (Some(a), Some(b)) = (index_of(&flow.from), index_of(&flow.to)) else {
            continue;
        };
        let cross = graph.is_cross_border(i);
        let rules = failing.get(graph.flow_id(i));
        let mut label =
            crate::text::first_and_more(&flow.data, crate::text::LABEL_CATEGORIES, escape);
        if cross {
            label = format!("{} {label}", escape("⇄"));
        }
        let restricted = restricted_under(&analysis, i);
        if !restricted.is_empty() {
            let _ = write!(
                label,
                "<br/>{} restricted: {}",
                escape("⚖"),
                escape(&restricted)
            );
        }
        if let Some(rules) = rules {
            let list: Vec<&str> = rules.iter().copied().collect();
            let _ = write!(label, "<br/>{} {}", escape("!"), list.join(", "));
        }
        let arrow = if rules.is_some() {
            "-.->"
        } else if cross || !restricted.is_empty() {
            "==>"
        } else {
            "-->"
        };
        let _ = writeln!(out, "    n{a} {arrow}|\"{label}\"| n{b}");
        match (cross, !restricted.is_empty()) {
            (true, true) => {
                styles.push(format!("    linkStyle {link} stroke:red,stroke-width:6px"))
            }
            (true, false) => {
                styles.push(format!("    linkStyle {link} stroke:red,stroke-width:3px"))
            }
            (false, true) => styles.push(format!("    linkStyle {link} stroke-width:6px")),
            (false, false) => {}
        }
        link += 1;
    }
    for style in styles {
        let _ = writeln!(out, "{style}");
    }
    Ok(out)
}

/// Mermaid's groups: a `subgraph` per set of jurisdictions, node shapes by kind.
struct MermaidClusters;

impl Clusters for MermaidClusters {
    fn open(&mut self, out: &mut String, index: usize, label: &str) {
        let _ = writeln!(out, "    subgraph j{index}[\"{}\"]", escape(label));
    }

    fn node(&mut self, out: &mut String, position: usize, view: NodeView<'_>) {
        let label = format!("\"{}<br/>({})\"", escape(view.name), escape(view.id));
        let node = match view.node.kind {
            NodeKind::Source => format!("n{position}([{label}])"),
            NodeKind::Store => format!("n{position}[({label})]"),
            NodeKind::Recipient => format!("n{position}[[{label}]]"),
        };
        let _ = writeln!(out, "        {node}");
    }

    fn close(&mut self, out: &mut String) {
        let _ = writeln!(out, "    end");
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn restricted_transfers_have_their_own_link_style_and_label() {
        let (graph, report) = crate::export::dot::tests::small();
        let chart =
            super::render(&graph, &report, &crate::export::ExportOptions::default()).unwrap();
        let links: Vec<&str> = chart.lines().filter(|l| l.contains("|\"")).collect();
        assert_eq!(links.len(), 3, "{chart}");
        assert!(!links[0].contains("#9878;"), "the collection: {}", links[0]);
        assert!(
            links[1].contains("<br/>#9878; restricted: EU"),
            "{}",
            links[1]
        );
        assert!(links[2].contains("#8644;") && links[2].contains("#9878; restricted: EU"));
        assert!(chart.contains("linkStyle 0 stroke:red,stroke-width:3px\n"));
        assert!(chart.contains("linkStyle 1 stroke-width:6px\n"), "{chart}");
        assert!(
            chart.contains("linkStyle 2 stroke:red,stroke-width:6px\n"),
            "{chart}"
        );
    }

    #[test]
    fn escape_leaves_no_syntax() {
        assert_eq!(escape("Web forms"), "Web forms");
        assert_eq!(escape("a\"]; click x"), "a#34;#93;#59; click x");
        assert_eq!(escape("<img src=x>"), "#60;img src#61;x#62;");
        assert_eq!(escape("a\nb"), "a#10;b");
    }
}
