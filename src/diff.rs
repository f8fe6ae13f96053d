//! `flowmap diff OLD NEW`: what a change to an inventory does to where personal data
//! goes — nodes and flows added, removed and changed (field by field), findings new and
//! resolved, and new cross-border routes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;
use serde_json::Value;

use crate::check::{Report, Severity};
use crate::graph::FlowGraph;
use crate::model::Jurisdictions;

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    /// The old value as compact RON-like text; `None` when the field was absent.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Added, removed and changed entries of one kind, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<(String, Vec<FieldChange>)>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A finding as the diff compares it: rule and subject (positions and wording may move).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FindingKey {
    pub rule: String,
    pub severity: Severity,
    pub subject: String,
    pub message: String,
}

/// A cross-border route (`EEA → US`) and the flows that take it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub route: String,
    pub flows: Vec<String>,
}

/// Everything that differs between two inventories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub nodes: Changes,
    pub flows: Changes,
    pub new_findings: Vec<FindingKey>,
    pub resolved_findings: Vec<FindingKey>,
    pub new_routes: Vec<Route>,
}

impl Diff {
    /// Whether the new inventory brings an error finding the old one did not have.
    pub fn adds_errors(&self) -> bool {
        self.new_findings
            .iter()
            .any(|f| f.severity == Severity::Error)
    }

    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
            && self.flows.is_empty()
            && self.new_findings.is_empty()
            && self.resolved_findings.is_empty()
            && self.new_routes.is_empty()
    }
}

/// Compares two checked inventories.
pub fn diff(old: (&FlowGraph, &Report), new: (&FlowGraph, &Report)) -> Diff {
    Diff {
        nodes: changes(&node_fields(old.0), &node_fields(new.0)),
        flows: changes(&flow_fields(old.0), &flow_fields(new.0)),
        new_findings: finding_difference(new.1, old.1),
        resolved_findings: finding_difference(old.1, new.1),
        new_routes: {
            let before = routes(old.0);
            routes(new.0)
                .into_iter()
                .filter(|(route, _)| !before.contains_key(route))
                .map(|(route, flows)| Route {
                    route,
                    flows: flows.into_iter().collect(),
                })
                .collect()
        },
    }
}

type Fields = BTreeMap<String, BTreeMap<String, String>>;

/// Each node as `id -> field -> value`, with its kind as the field `type`.
fn node_fields(graph: &FlowGraph) -> Fields {
    let inv = graph.inventory();
    let mut out = Fields::new();
    let mut add = |kind: &str, id: &str, value: Value| {
        let mut fields = object_fields(value);
        fields.insert("type".into(), kind.into());
        out.entry(id.to_string()).or_insert(fields);
    };
    for s in &inv.sources {
        add(
            "source",
            &s.id,
            serde_json::to_value(s).unwrap_or(Value::Null),
        );
    }
    for s in &inv.stores {
        add(
            "store",
            &s.id,
            serde_json::to_value(s).unwrap_or(Value::Null),
        );
    }
    for r in &inv.recipients {
        add(
            "recipient",
            &r.id,
            serde_json::to_value(r).unwrap_or(Value::Null),
        );
    }
    out
}

/// Each flow as `id -> field -> value` (the id itself left out).
fn flow_fields(graph: &FlowGraph) -> Fields {
    let mut out = Fields::new();
    for (i, flow) in graph.inventory().flows.iter().enumerate() {
        let mut fields = object_fields(serde_json::to_value(flow).unwrap_or(Value::Null));
        fields.remove("id");
        out.entry(graph.flow_id(i).to_string()).or_insert(fields);
    }
    out
}

fn object_fields(value: Value) -> BTreeMap<String, String> {
    match value {
        Value::Object(map) => map
            .into_iter()
            .filter(|(k, _)| k != "id")
            .map(|(k, v)| (k, show(&v)))
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// A value as short text: strings bare, lists in brackets, `None` for null.
fn show(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

fn changes(old: &Fields, new: &Fields) -> Changes {
    let mut out = Changes::default();
    for (id, new_fields) in new {
        match old.get(id) {
            None => out.added.push(id.clone()),
            Some(old_fields) => {
                let keys: BTreeSet<&String> = old_fields.keys().chain(new_fields.keys()).collect();
                let fields: Vec<FieldChange> = keys
                    .into_iter()
                    .filter(|k| old_fields.get(*k) != new_fields.get(*k))
                    .map(|k| FieldChange {
                        field: k.clone(),
                        old: old_fields.get(k).cloned(),
                        new: new_fields.get(k).cloned(),
                    })
                    .collect();
                if !fields.is_empty() {
                    out.changed.push((id.clone(), fields));
                }
            }
        }
    }
    out.removed = old
        .keys()
        .filter(|id| !new.contains_key(*id))
        .cloned()
        .collect();
    out
}

/// Unwaived findings of `a` whose (rule, subject) occurs fewer times in `b`.
fn finding_difference(a: &Report, b: &Report) -> Vec<FindingKey> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in b.findings.iter().filter(|f| !f.waived) {
        *counts.entry((f.rule.id(), &f.subject)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in a.findings.iter().filter(|f| !f.waived) {
        let left = counts.entry((f.rule.id(), &f.subject)).or_default();
        if *left > 0 {
            *left -= 1;
        } else {
            out.push(FindingKey {
                rule: f.rule.id().into(),
                severity: f.severity(),
                subject: f.subject.clone(),
                message: f.message.clone(),
            });
        }
    }
    out
}

/// Every cross-border route of a graph (`origin → destination`) with its flows.
fn routes(graph: &FlowGraph) -> BTreeMap<String, BTreeSet<String>> {
    let places = Jurisdictions::builtin();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in 0..graph.inventory().flows.len() {
        let origins = graph.foreign_origins(i);
        for to in graph.cross_border_destinations(i) {
            for origin in origins
                .iter()
                .filter(|o| !places.same_place(o, to, graph.as_of()))
            {
                out.entry(format!("{origin} → {to}"))
                    .or_default()
                    .insert(graph.flow_id(i).to_string());
            }
        }
    }
    out
}

/// What differs, as a writer walks it: every renderer visits the same parts in the same
/// order ([`walk`]); each only says how a part looks.
trait DiffWriter {
    /// Before anything else (`errors` counts the new error findings).
    fn start(&mut self, diff: &Diff, errors: usize);
    /// The nodes or the flows that changed.
    fn changes(&mut self, title: &str, changes: &Changes);
    /// The new cross-border routes (not empty).
    fn routes(&mut self, routes: &[Route]);
    /// New or resolved findings (not empty); `mark` is `+` or `-`.
    fn findings(&mut self, title: &str, mark: &str, findings: &[FindingKey]);
    /// After everything else.
    fn finish(&mut self, diff: &Diff, errors: usize);
}

/// Walks `diff` in the one order every renderer shares.
fn walk(diff: &Diff, w: &mut impl DiffWriter) {
    let errors = diff
        .new_findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    w.start(diff, errors);
    for (title, changes) in [("Nodes", &diff.nodes), ("Flows", &diff.flows)] {
        if !changes.is_empty() {
            w.changes(title, changes);
        }
    }
    if !diff.new_routes.is_empty() {
        w.routes(&diff.new_routes);
    }
    for (title, mark, findings) in [
        ("New findings", "+", &diff.new_findings),
        ("Resolved findings", "-", &diff.resolved_findings),
    ] {
        if !findings.is_empty() {
            w.findings(title, mark, findings);
        }
    }
    w.finish(diff, errors);
}

/// "" or "s".
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Plain text for a terminal (user text neutralised).
struct Human(String);

impl Human {
    fn t(s: &str) -> String {
        crate::sanitize::terminal(s).into_owned()
    }
}

impl DiffWriter for Human {
    fn start(&mut self, _: &Diff, _: usize) {}

    fn changes(&mut self, title: &str, changes: &Changes) {
        let (out, t) = (&mut self.0, Human::t);
        let _ = writeln!(out, "{title}:");
        for id in &changes.added {
            let _ = writeln!(out, "  + {}", t(id));
        }
        for id in &changes.removed {
            let _ = writeln!(out, "  - {}", t(id));
        }
        for (id, fields) in &changes.changed {
            let _ = writeln!(out, "  ~ {}", t(id));
            for f in fields {
                let _ = writeln!(
                    out,
                    "      {}: {} → {}",
                    t(&f.field),
                    t(f.old.as_deref().unwrap_or("(absent)")),
                    t(f.new.as_deref().unwrap_or("(absent)"))
                );
            }
        }
        let _ = writeln!(out);
    }

    fn routes(&mut self, routes: &[Route]) {
        let (out, t) = (&mut self.0, Human::t);
        let _ = writeln!(out, "New cross-border routes:");
        for r in routes {
            let _ = writeln!(out, "  ⇄ {} ({})", t(&r.route), t(&r.flows.join(", ")));
        }
        let _ = writeln!(out);
    }

    fn findings(&mut self, title: &str, mark: &str, findings: &[FindingKey]) {
        let (out, t) = (&mut self.0, Human::t);
        let _ = writeln!(out, "{title}:");
        for f in findings {
            let _ = writeln!(
                out,
                "  {mark} {} {} {}: {}",
                f.severity,
                f.rule,
                t(&f.subject),
                t(&f.message)
            );
        }
        let _ = writeln!(out);
    }

    fn finish(&mut self, diff: &Diff, errors: usize) {
        let _ = writeln!(
            self.0,
            "flowmap diff: {} new finding{} ({errors} error{}), {} resolved, {} new cross-border route{}",
            diff.new_findings.len(),
            plural(diff.new_findings.len()),
            plural(errors),
            diff.resolved_findings.len(),
            diff.new_routes.len(),
            plural(diff.new_routes.len()),
        );
    }
}

/// GitHub-flavoured Markdown.
struct Markdown(String);

impl DiffWriter for Markdown {
    fn start(&mut self, diff: &Diff, errors: usize) {
        let _ = writeln!(
            self.0,
            "**{} new finding(s), {errors} of them errors; {} resolved; {} new cross-border route(s).**\n",
            diff.new_findings.len(),
            diff.resolved_findings.len(),
            diff.new_routes.len()
        );
    }

    fn changes(&mut self, title: &str, changes: &Changes) {
        let (out, code) = (&mut self.0, crate::markdown::code);
        let _ = writeln!(out, "### {title}\n");
        for id in &changes.added {
            let _ = writeln!(out, "- ➕ added {}", code(id));
        }
        for id in &changes.removed {
            let _ = writeln!(out, "- ➖ removed {}", code(id));
        }
        for (id, fields) in &changes.changed {
            let _ = writeln!(out, "- ✏️ changed {}", code(id));
            for f in fields {
                let _ = writeln!(
                    out,
                    "  - {}: {} → {}",
                    crate::markdown::text(&f.field),
                    code(f.old.as_deref().unwrap_or("(absent)")),
                    code(f.new.as_deref().unwrap_or("(absent)"))
                );
            }
        }
        out.push('\n');
    }

    fn routes(&mut self, routes: &[Route]) {
        let out = &mut self.0;
        out.push_str("### New cross-border routes\n\n| route | flows |\n|---|---|\n");
        for r in routes {
            let flows: Vec<String> = r
                .flows
                .iter()
                .map(|f| crate::markdown::cell_code(f))
                .collect();
            let _ = writeln!(
                out,
                "| ⇄ {} | {} |",
                crate::markdown::text(&r.route),
                flows.join(", ")
            );
        }
        out.push('\n');
    }

    fn findings(&mut self, title: &str, _: &str, findings: &[FindingKey]) {
        let out = &mut self.0;
        let _ = writeln!(
            out,
            "### {title}\n\n| severity | rule | subject | message |\n|---|---|---|---|"
        );
        for f in findings {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                f.severity,
                f.rule,
                crate::markdown::cell_code(&f.subject),
                crate::markdown::text(&f.message)
            );
        }
        out.push('\n');
    }

    fn finish(&mut self, _: &Diff, _: usize) {}
}

/// The diff as plain text for a terminal (user text neutralised).
pub fn render_human(diff: &Diff) -> String {
    if diff.is_empty() {
        return "No differences in nodes, flows, findings or cross-border routes.\n".into();
    }
    let mut w = Human(String::new());
    walk(diff, &mut w);
    w.0
}

/// The diff as GitHub-flavoured Markdown (for a pull-request comment or step summary).
pub fn render_markdown(diff: &Diff) -> String {
    let mut out = String::from("## flowmap diff\n\n");
    if diff.is_empty() {
        out.push_str("No differences in nodes, flows, findings or cross-border routes.\n");
        return out;
    }
    let mut w = Markdown(out);
    walk(diff, &mut w);
    w.0
}

/// The diff as pretty JSON.
pub fn render_json(diff: &Diff) -> String {
    crate::sanitize::json(serde_json::to_string_pretty(diff).expect("diff serialises")) + "\n"
}
