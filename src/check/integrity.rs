//! Integrity rules FM002–FM006: ids, references, names and flows that cannot be.

use rustc_hash::FxHashMap;

use super::{Finding, Rule};
use crate::graph::{FlowGraph, NodeKind, all_node_refs, node_id};
use crate::load::Step::{Field, Index};
use crate::model::Jurisdictions;
use crate::suggest::{did_you_mean, nearest};

/// Appends the integrity findings of `graph` to `out`.
pub fn check(graph: &FlowGraph, out: &mut Vec<Finding>) {
    duplicate_ids(graph, out);
    references(graph, out);
    taxonomy_names(graph, out);
    jurisdictions(graph, out);
    impossible_flows(graph, out);
}

/// FM002: node ids unique across sources, stores and recipients; flow ids unique; section
/// ids unique.
fn duplicate_ids(graph: &FlowGraph, out: &mut Vec<Finding>) {
    let inv = graph.inventory();
    let file = &graph.loaded().inventory_file;
    // The first node with each id; its line is looked up only when a duplicate needs it.
    let mut first: FxHashMap<&str, crate::graph::NodeRef> = FxHashMap::default();
    for node in all_node_refs(inv) {
        let id = node_id(inv, node);
        let path = [Field(node.kind.list()), Index(node.index), Field("id")];
        match first.get(id) {
            None => {
                first.insert(id, node);
            }
            Some(&earlier) => {
                let kind: NodeKind = earlier.kind;
                let line = file
                    .locate(&[Field(kind.list()), Index(earlier.index), Field("id")])
                    .line;
                out.push(Finding::new(
                Rule::FM002,
                id,
                format!(
                    "the id `{id}` is already used by the {} on line {line}; ids must be unique across sources, stores and recipients: rename one of them",
                    kind.word()
                ),
                file.locate(&path),
            ));
            }
        }
    }
    let mut flows: FxHashMap<&str, usize> = FxHashMap::default();
    for i in 0..inv.flows.len() {
        let id = graph.flow_id(i);
        let explicit = inv.flows[i].id.is_some();
        let path = [Field("flows"), Index(i)];
        match flows.get(id) {
            None => {
                flows.insert(id, i);
            }
            Some(&earlier) => {
                let line = file.locate(&[Field("flows"), Index(earlier)]).line;
                let hint = if explicit {
                    "give this flow another `id`".to_string()
                } else {
                    format!(
                        "two flows share the ends `{}` and `{}`: name one with `id: Some(\"...\")`",
                        inv.flows[i].from, inv.flows[i].to
                    )
                };
                let location = if explicit {
                    file.locate(&[Field("flows"), Index(i), Field("id")])
                } else {
                    file.locate_entry(&path)
                };
                out.push(Finding::new(
                    Rule::FM002,
                    id,
                    format!(
                        "the flow id `{id}` is already used by the flow on line {line}; {hint}"
                    ),
                    location,
                ));
            }
        }
    }
    if let Some((policy, pfile)) = &graph.loaded().policy {
        let mut sections: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, section) in policy.sections.iter().enumerate() {
            let location = pfile.locate(&[Field("sections"), Index(i), Field("id")]);
            match sections.get(section.id.as_str()) {
                None => {
                    sections.insert(&section.id, location.line);
                }
                Some(&line) => out.push(Finding::new(
                    Rule::FM002,
                    &section.id,
                    format!(
                        "the section id `{}` is already used by the section on line {line}; rename one of them",
                        section.id
                    ),
                    location,
                )),
            }
        }
    }
}

/// Unknown names of one kind that get a "did you mean": each costs a pass over every
/// known name, and past this many the inventory is not mistyped but generated.
const SUGGESTIONS: usize = 100;

/// [`nearest`] while `left` (counting down from [`SUGGESTIONS`]) lasts.
fn suggest<'a>(
    left: &mut usize,
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    *left = left.checked_sub(1)?;
    nearest(unknown, known)
}

/// FM003: flow ends that name no node; cited sections that the policy does not have.
fn references(graph: &FlowGraph, out: &mut Vec<Finding>) {
    let inv = graph.inventory();
    let file = &graph.loaded().inventory_file;
    let node_ids = || all_node_refs(inv).map(|n| node_id(inv, n));
    let known_sections: Option<rustc_hash::FxHashSet<&str>> = graph
        .loaded()
        .policy
        .as_ref()
        .map(|(policy, _)| policy.sections.iter().map(|s| s.id.as_str()).collect());
    let (mut node_hints, mut section_hints) = (SUGGESTIONS, SUGGESTIONS);
    for (i, flow) in inv.flows.iter().enumerate() {
        let both_known = graph.flow_in_graph(i);
        for (field, id) in [("from", &flow.from), ("to", &flow.to)] {
            if !both_known && graph.node(id).is_none() {
                out.push(Finding::new(
                    Rule::FM003,
                    graph.flow_id(i),
                    format!(
                        "`{field}: \"{id}\"` names no source, store or recipient{}",
                        did_you_mean(suggest(&mut node_hints, id, node_ids()))
                    ),
                    file.locate(&[Field("flows"), Index(i), Field(field)]),
                ));
            }
        }
        let (Some((policy, _)), Some(known)) = (&graph.loaded().policy, &known_sections) else {
            continue;
        };
        let section_ids = || policy.sections.iter().map(|s| s.id.as_str());
        for (k, cited) in flow.policy.iter().enumerate() {
            if !known.contains(cited.as_str()) {
                out.push(Finding::new(
                    Rule::FM003,
                    graph.flow_id(i),
                    format!(
                        "the flow cites policy section `{cited}`, which the policy does not have{}",
                        did_you_mean(suggest(&mut section_hints, cited, section_ids()))
                    ),
                    file.locate(&[Field("flows"), Index(i), Field("policy"), Index(k)]),
                ));
            }
        }
    }
}

/// FM004: data categories and purposes that the taxonomy does not know.
fn taxonomy_names(graph: &FlowGraph, out: &mut Vec<Finding>) {
    let loaded = graph.loaded();
    let taxonomy = &loaded.taxonomy;
    let categories: rustc_hash::FxHashSet<&str> = taxonomy
        .categories
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    let purposes: rustc_hash::FxHashSet<&str> =
        taxonomy.purposes.iter().map(|t| t.name.as_str()).collect();
    let category_names = || taxonomy.categories.iter().map(|t| t.name.as_str());
    let purpose_names = || taxonomy.purposes.iter().map(|t| t.name.as_str());
    let (mut category_hints, mut purpose_hints) = (SUGGESTIONS, SUGGESTIONS);
    let mut unknown = |file: &crate::load::SourceFile,
                       subject: &str,
                       path: &[crate::load::Step<'_>],
                       names: &mut dyn Iterator<Item = &str>,
                       purpose: bool| {
        for (k, name) in names.enumerate() {
            let known = if purpose {
                purposes.contains(name)
            } else {
                categories.contains(name)
            };
            if known {
                continue;
            }
            let (what, suggestion) = if purpose {
                (
                    "purpose",
                    suggest(&mut purpose_hints, name, purpose_names()),
                )
            } else {
                (
                    "data category",
                    suggest(&mut category_hints, name, category_names()),
                )
            };
            let mut full = path.to_vec();
            full.push(Index(k));
            out.push(Finding::new(
                Rule::FM004,
                subject,
                format!(
                    "unknown {what} `{name}`{}; {}",
                    did_you_mean(suggestion),
                    if &*loaded.taxonomy_file.name == crate::load::DEFAULT_TAXONOMY_NAME {
                        "`flowmap taxonomy` lists the known names (the built-in taxonomy)"
                            .to_string()
                    } else {
                        format!(
                            "the taxonomy ({}) lists the known names",
                            loaded.taxonomy_file.name
                        )
                    }
                ),
                file.locate(&full),
            ));
        }
    };
    let inv = &loaded.inventory;
    let file = &loaded.inventory_file;
    for (i, source) in inv.sources.iter().enumerate() {
        unknown(
            file,
            &source.id,
            &[Field("sources"), Index(i), Field("collects")],
            &mut source.collects.iter().map(crate::model::Name::as_str),
            false,
        );
    }
    for (i, flow) in inv.flows.iter().enumerate() {
        let id = graph.flow_id(i);
        unknown(
            file,
            id,
            &[Field("flows"), Index(i), Field("data")],
            &mut flow.data.iter().map(crate::model::Name::as_str),
            false,
        );
        unknown(
            file,
            id,
            &[Field("flows"), Index(i), Field("purposes")],
            &mut flow.purposes.iter().map(crate::model::Name::as_str),
            true,
        );
    }
    if let Some((policy, pfile)) = &loaded.policy {
        for (i, section) in policy.sections.iter().enumerate() {
            let base = [Field("sections"), Index(i)];
            unknown(
                pfile,
                &section.id,
                &[base[0], base[1], Field("collects")],
                &mut section.collects.iter().map(String::as_str),
                false,
            );
            unknown(
                pfile,
                &section.id,
                &[base[0], base[1], Field("purposes")],
                &mut section.purposes.iter().map(String::as_str),
                true,
            );
        }
    }
}

/// FM005: jurisdiction codes that are not ISO 3166-1 alpha-2, `EEA`, `EU` or `*`.
fn jurisdictions(graph: &FlowGraph, out: &mut Vec<Finding>) {
    let places = Jurisdictions::builtin();
    let loaded = graph.loaded();
    let mut check = |file: &crate::load::SourceFile,
                     subject: &str,
                     path: &[crate::load::Step<'_>],
                     codes: &mut dyn Iterator<Item = &str>| {
        for (k, code) in codes.enumerate() {
            if places.is_known(code) {
                continue;
            }
            let hint = match places.suggest(code) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "use an ISO 3166-1 alpha-2 code (`US`, `DE`), `EEA`, `EU` or `*` for anywhere else".into(),
            };
            out.push(Finding::new(
                Rule::FM005,
                subject,
                format!("unknown jurisdiction `{code}`: {hint}"),
                file.locate(&[path, &[Index(k)]].concat()),
            ));
        }
    };
    let file = &loaded.inventory_file;
    // Where the controller is established and has representatives: the same codes.
    let inv = graph.inventory();
    check(
        file,
        "established",
        &[Field("established")],
        &mut inv.established.iter().map(crate::model::Name::as_str),
    );
    check(
        file,
        "representatives",
        &[Field("representatives")],
        &mut inv.representatives.iter().map(crate::model::Name::as_str),
    );
    for node in graph.nodes() {
        let path = [
            Field(node.node.kind.list()),
            Index(node.node.index),
            Field("located"),
        ];
        check(
            file,
            node.id,
            &path,
            &mut node.located.iter().map(crate::model::Name::as_str),
        );
    }
    if let Some((policy, pfile)) = &loaded.policy {
        for (i, section) in policy.sections.iter().enumerate() {
            check(
                pfile,
                &section.id,
                &[Field("sections"), Index(i), Field("locations")],
                &mut section.locations.iter().map(String::as_str),
            );
        }
    }
}

/// FM006: flows into a source, from a node to itself, with no data, or from a recipient
/// back to a store (DESIGN.md lists the directions a flow may take; data that a recipient
/// returns is modelled as a source).
fn impossible_flows(graph: &FlowGraph, out: &mut Vec<Finding>) {
    let file = &graph.loaded().inventory_file;
    for (i, flow) in graph.inventory().flows.iter().enumerate() {
        let id = graph.flow_id(i);
        let at = |field: &str| file.locate(&[Field("flows"), Index(i), Field(field)]);
        if flow.from == flow.to {
            out.push(Finding::new(
                Rule::FM006,
                id,
                format!(
                    "the flow runs from `{}` to itself: point `to` at where the data goes",
                    flow.from
                ),
                at("to"),
            ));
        } else if let Some((from, to)) = graph.ends(i) {
            if to.node.kind == NodeKind::Source {
                out.push(Finding::new(
                    Rule::FM006,
                    id,
                    format!(
                        "the flow runs into the source `{}`: sources only collect; send the data to a store or recipient",
                        to.id
                    ),
                    at("to"),
                ));
            } else if from.node.kind == NodeKind::Recipient && to.node.kind == NodeKind::Store {
                out.push(Finding::new(
                    Rule::FM006,
                    id,
                    format!(
                        "the flow runs from the recipient `{}` back into the store `{}`: flows leave recipients only as onward transfers to other recipients; model data a recipient returns as a source",
                        from.id, to.id
                    ),
                    at("to"),
                ));
            }
        }
        if flow.data.is_empty() {
            let location = file.locate_key(&[Field("flows"), Index(i)], "data");
            out.push(Finding::new(
                Rule::FM006,
                id,
                "the flow carries no data: list the data categories it carries in `data`",
                location,
            ));
        }
    }
}
