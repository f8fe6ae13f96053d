//! Record-keeping rules FM301–FM305 (GDPR Art. 30(1); before 2018-05-25 the Directive's
//! Arts. 6(1)(e), 17(1), 18–19, which `section` cites on those dates).

use super::{CheckOptions, Finding, Rule, eu_law};
use crate::graph::{FlowGraph, NodeKind};
use crate::load::Step::{Field, Index};

/// Appends the record-keeping findings of `graph` to `out`.
pub fn check(graph: &FlowGraph, options: &CheckOptions, out: &mut Vec<Finding>) {
    placeholders(graph, out);
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
                    store.id.as_str(),
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
                    store.id.as_str(),
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
    let marks = graph.loaded().taxonomy.personal_marks();
    for (i, flow) in inv.flows.iter().enumerate() {
        // Data that is no longer personal (GDPR Recital 26) needs no legal basis.
        let personal = flow.data.is_empty()
            || flow
                .data
                .iter()
                .any(|d| crate::model::taxonomy::is_personal_by(&marks, d));
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
        if leaves_source && personal && flow.basis.is_none() {
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

/// The marker `flowmap import` writes beside a value it could not know.
pub const PLACEHOLDER: &str = "// placeholder:";

/// FM305: every line of the inventory that still carries an import's placeholder marker,
/// at the value's position, with the subject of the entry it is in.
pub fn placeholders(graph: &FlowGraph, out: &mut Vec<Finding>) {
    let file = &graph.loaded().inventory_file;
    let lines: Vec<&str> = file.text.lines().collect();
    let mut offset = 0;
    for (n, line) in lines.iter().enumerate() {
        let start = offset;
        offset += line.len() + 1;
        let Some(marker) = line.find(PLACEHOLDER) else {
            continue;
        };
        let value = line[..marker].trim();
        if value.is_empty() || value.starts_with("//") {
            continue;
        }
        let field = value.split(':').next().unwrap_or(value).trim();
        let indent = line.len() - line.trim_start().len();
        let why = line[marker + PLACEHOLDER.len()..].trim();
        let location = file.location_of(crate::diag::Span {
            start: start + indent,
            end: start + indent + value.trim_end_matches(',').len(),
        });
        out.push(Finding::new(
            Rule::FM305,
            entry_subject(&lines[..=n]).unwrap_or_else(|| field.to_string()),
            format!(
                "`{}` is still a placeholder an import wrote ({why}); remove the `// placeholder` comment once the value is right",
                value.trim_end_matches(',')
            ),
            location,
        ));
    }
}

/// The id of the entry (a line that opens a struct: `Store(`, or `(` alone) the last of
/// `lines` is in: its `id`, or a flow's `<from>-><to>`.
fn entry_subject(lines: &[&str]) -> Option<String> {
    let quoted = |line: &str, key: &str| -> Option<String> {
        let rest = line.trim_start().strip_prefix(key)?;
        let rest = rest.trim_start().trim_start_matches("Some(");
        let rest = rest.strip_prefix('"')?;
        rest.find('"').map(|end| rest[..end].to_string())
    };
    // An entry written on one line: `Store(id: "crm", ...), // placeholder: ...`.
    let last = lines.last()?;
    if let Some(k) = last.find("(id: \"") {
        let rest = &last[k + "(id: \"".len()..];
        return rest.find('"').map(|end| rest[..end].to_string());
    }
    let opener = lines.iter().rposition(|l| {
        let l = l.split("//").next().unwrap_or("").trim();
        l.ends_with('(') && !l.contains(':')
    })?;
    let entry = &lines[opener..];
    let find = |key: &str| entry.iter().find_map(|l| quoted(l, key));
    if let Some(id) = find("id:") {
        return Some(id);
    }
    Some(format!("{}->{}", find("from:")?, find("to:")?))
}
