//! `flowmap timeline`: the law's milestones with the inventory's errors and warnings on
//! each, and every transfer's verdict as spans of days — for a terminal, as Markdown, or
//! as JSON.

use std::fmt::Write;

use serde::Serialize;

use crate::check::timeline::{Counts, Milestone, Span};
use crate::graph::FlowGraph;
use crate::sanitize::terminal;

/// Everything a timeline shows, computed by the caller.
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    pub from: crate::model::Date,
    pub to: crate::model::Date,
    /// The milestones in the range, in date order (several may share a date).
    pub milestones: Vec<&'a Milestone>,
    /// Errors and warnings on `from` and on each milestone date.
    pub counts: Vec<Counts>,
    /// Per flow (inventory order): its id and its spans, for the flows shown.
    pub flows: Vec<(String, Vec<Span>)>,
}

impl Timeline<'_> {
    /// The events of a date, joined.
    fn events_on(&self, date: crate::model::Date) -> String {
        let events: Vec<&str> = self
            .milestones
            .iter()
            .filter(|m| m.date == date)
            .map(|m| m.event.as_str())
            .collect();
        if events.is_empty() {
            "(start of the range)".into()
        } else {
            events.join("; ")
        }
    }

    /// "+2 errors, -1 warning" against the previous date; empty when nothing changed.
    fn change(&self, k: usize) -> String {
        let Some(prev) = k.checked_sub(1).map(|p| self.counts[p]) else {
            return String::new();
        };
        let now = self.counts[k];
        let mut parts = Vec::new();
        for (n, before, word) in [
            (now.errors, prev.errors, "error"),
            (now.warnings, prev.warnings, "warning"),
        ] {
            let delta = n as i64 - before as i64;
            if delta != 0 {
                let s = if delta.abs() == 1 { "" } else { "s" };
                parts.push(format!("{delta:+} {word}{s}"));
            }
        }
        parts.join(", ")
    }
}

/// Picks the flows to show: those that are a transfer (or onward transfer) on some day
/// of the range, or the one flow asked for.
pub fn flows_to_show(
    graph: &FlowGraph,
    spans: Vec<Vec<Span>>,
    only: Option<usize>,
) -> Vec<(String, Vec<Span>)> {
    spans
        .into_iter()
        .enumerate()
        .filter(|(i, flow_spans)| match only {
            Some(only) => *i == only,
            None => flow_spans.iter().any(|s| s.verdict != "not a transfer"),
        })
        .map(|(i, s)| (graph.flow_id(i).to_string(), s))
        .collect()
}

/// For a terminal (user text neutralised).
pub fn render_human(t: &Timeline<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Milestones {} … {} ({} days on which the law changes):",
        t.from,
        t.to,
        t.counts.len().saturating_sub(1)
    );
    for (k, c) in t.counts.iter().enumerate() {
        let change = t.change(k);
        let _ = writeln!(
            out,
            "  {}  {:>3} errors {:>3} warnings{}  {}",
            c.date,
            c.errors,
            c.warnings,
            if change.is_empty() {
                String::new()
            } else {
                format!("  ({change})")
            },
            t.events_on(c.date)
        );
    }
    let _ = writeln!(out);
    if t.flows.is_empty() {
        let _ = writeln!(out, "No flow is a transfer on any day of the range.");
    } else {
        let _ = writeln!(out, "Transfers:");
    }
    for (id, spans) in &t.flows {
        let _ = writeln!(out, "  {}", terminal(id));
        for s in spans {
            let _ = writeln!(
                out,
                "    {} … {}  {}",
                s.from,
                s.until,
                terminal(&s.verdict)
            );
        }
    }
    out
}

/// GitHub-flavoured Markdown (a report or a pull-request comment).
pub fn render_markdown(t: &Timeline<'_>) -> String {
    use crate::markdown::{code, text};
    let mut out = format!("## flowmap timeline, {} … {}\n\n", t.from, t.to);
    out.push_str("| date | errors | warnings | change | what happens |\n|---|---:|---:|---|---|\n");
    for (k, c) in t.counts.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            c.date,
            c.errors,
            c.warnings,
            t.change(k),
            text(&t.events_on(c.date))
        );
    }
    out.push('\n');
    for (id, spans) in &t.flows {
        let _ = writeln!(out, "### {}\n", code(id));
        for s in spans {
            let _ = writeln!(out, "- {} … {}: {}", s.from, s.until, text(&s.verdict));
        }
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonMilestone<'a> {
    date: String,
    events: Vec<JsonEvent<'a>>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    event: &'a str,
    regime: Option<String>,
    source: &'a str,
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    from: String,
    until: String,
    verdict: &'a str,
    worst: Option<crate::check::Severity>,
}

/// One JSON object: `{"from", "to", "milestones": [{"date", "events": [{"event",
/// "regime", "source"}], "errors", "warnings"}], "flows": [{"id", "spans": [{"from",
/// "until", "verdict", "worst"}]}]}`.
pub fn render_json(t: &Timeline<'_>) -> String {
    let milestones: Vec<JsonMilestone<'_>> = t
        .counts
        .iter()
        .map(|c| JsonMilestone {
            date: c.date.to_string(),
            events: t
                .milestones
                .iter()
                .filter(|m| m.date == c.date)
                .map(|m| JsonEvent {
                    event: &m.event,
                    regime: m.regime.map(|r| r.to_string()),
                    source: &m.source,
                })
                .collect(),
            errors: c.errors,
            warnings: c.warnings,
        })
        .collect();
    let flows: Vec<serde_json::Value> = t
        .flows
        .iter()
        .map(|(id, spans)| {
            let spans: Vec<JsonSpan<'_>> = spans
                .iter()
                .map(|s| JsonSpan {
                    from: s.from.to_string(),
                    until: s.until.to_string(),
                    verdict: &s.verdict,
                    worst: s.worst,
                })
                .collect();
            serde_json::json!({"id": id, "spans": spans})
        })
        .collect();
    let value = serde_json::json!({
        "from": t.from.to_string(),
        "to": t.to.to_string(),
        "milestones": milestones,
        "flows": flows,
    });
    crate::sanitize::json(serde_json::to_string_pretty(&value).expect("timeline serialises")) + "\n"
}
