//! The cells, spans and link lines that more than one tab draws: the `!N` marker, a flow
//! as a link line (the hop line of a trace is the same line with places and mechanism),
//! a finding as a link line, and a flow's details (the Flows and Transfers tabs show
//! them). Tabs take these from here, never from each other.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::app::App;
use super::data::{Data, Target, clean};
use super::doc::{Doc, LINK_CAP};
use super::theme::Theme;
use crate::check::Severity;
use crate::check::transfer::NotTransfer;
use crate::model::Mechanism;

/// `s` for more than one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `!3` in the style of the worst severity (a warning's when unknown).
fn issues_text(issues: usize, worst: Option<Severity>, lead: &str, theme: Theme) -> Span<'static> {
    Span::styled(
        format!("{lead}!{issues}"),
        theme.severity(worst.unwrap_or(Severity::Warning)),
    )
}

/// `!3` in the style of the worst severity, or nothing.
pub fn issues_cell(issues: usize, worst: Option<Severity>, theme: Theme) -> Cell<'static> {
    if issues == 0 {
        return Cell::from("");
    }
    Cell::from(issues_text(issues, worst, "", theme))
}

/// `mechanism Scc`, or `no mechanism`.
pub fn mechanism_words(mechanism: Option<Mechanism>) -> String {
    mechanism.map_or_else(|| "no mechanism".into(), |m| format!("mechanism {m}"))
}

/// What a flow line shows besides the flow's markers and data.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    /// The places of the node the line names (`(US)`), after the flow's id.
    pub places: bool,
    /// ` · mechanism Scc` when the flow crosses a border or is a restricted transfer.
    pub mechanism: bool,
}

/// A flow as the spans of a link line: `head via id (places)  ⇄ route  ⚖ EU · mechanism
/// Scc  !2  data`. `node` is the node whose places `extras.places` shows.
pub fn flow_spans(
    data: &Data,
    i: usize,
    head: String,
    node: &str,
    extras: Extras,
    theme: Theme,
) -> Vec<Span<'static>> {
    let flow = &data.flows[i];
    let mut spans = vec![Span::raw(head)];
    if data.graph.flow(i).id.is_some() {
        spans.push(Span::styled(format!(" via {}", flow.id), theme.dim()));
    }
    if extras.places
        && let Some(row) = data.node_row(node)
    {
        spans.push(Span::styled(
            format!(" ({})", data.nodes[row].places),
            theme.dim(),
        ));
    }
    if flow.cross {
        spans.push(Span::styled(format!("  ⇄ {}", flow.route), theme.cross()));
    }
    if !flow.restricted.is_empty() {
        spans.push(Span::styled(
            format!("  ⚖ {}", flow.restricted),
            theme.restricted(),
        ));
    }
    if extras.mechanism && (flow.cross || !flow.restricted.is_empty()) {
        spans.push(Span::raw(format!(" · {}", mechanism_words(flow.mechanism))));
    }
    if flow.issues > 0 {
        spans.push(issues_text(flow.issues, flow.worst, "  ", theme));
    }
    spans.push(Span::styled(format!("  {}", flow.data), theme.dim()));
    spans
}

/// A flow as a link line: `→ other-end  ⇄ route  ⚖ EU  !2  data`.
pub fn flow_link(
    doc: &mut Doc,
    data: &Data,
    i: usize,
    arrow: &str,
    other: &str,
    follow: Target,
    theme: Theme,
) {
    let spans = flow_spans(
        data,
        i,
        format!("{arrow} {other}"),
        "",
        Extras::default(),
        theme,
    );
    doc.link(spans, follow, theme);
}

/// A hop of a trace as a link line to its flow: `crm via id (US)  ⇄ EEA → US · mechanism
/// Scc  !1  data`.
pub fn hop_link(doc: &mut Doc, data: &Data, i: usize, theme: Theme) {
    let extras = Extras {
        places: true,
        mechanism: true,
    };
    let to = &data.graph.flow(i).to;
    let spans = flow_spans(data, i, data.flows[i].to.clone(), to, extras, theme);
    doc.link(spans, Target::Flow(i), theme);
}

/// A finding as a link line: `→ error FM301 message`.
pub fn finding_link(doc: &mut Doc, data: &Data, f: usize, theme: Theme) {
    let row = &data.findings[f];
    let mut spans = vec![
        Span::styled(
            format!("{:<7}", row.severity.to_string()),
            theme.severity(row.severity),
        ),
        Span::raw(format!(" {} ", row.rule.id())),
    ];
    if row.waived {
        spans.push(Span::styled("waived ", theme.dim()));
    }
    spans.push(Span::raw(row.message.clone()));
    doc.link(spans, Target::Finding(f), theme);
}

/// Up to [`LINK_CAP`] findings as link lines, then how many more there are.
pub fn finding_links(doc: &mut Doc, data: &Data, findings: &[usize], theme: Theme) {
    for &f in findings.iter().take(LINK_CAP) {
        finding_link(doc, data, f, theme);
    }
    doc.more(findings.len(), "the Findings tab lists them all", theme);
}

/// Why a flow is no transfer, in a word or two.
pub fn reason_word(why: &NotTransfer) -> &'static str {
    match why {
        NotTransfer::Collection => "collection",
        NotTransfer::SameEntity(_) => "same entity",
        NotTransfer::NotSubject(_) => "exporter not subject",
        NotTransfer::ImporterInside(_) => "importer inside",
        NotTransfer::Bridge { .. } => "EU–UK bridge",
        NotTransfer::NotPersonal => "no personal data",
        NotTransfer::Unjudged => "cannot be judged",
    }
}

/// A flow's details into `doc`: facts, its two ends as links, its findings as links.
pub fn flow_doc(app: &App, i: usize, doc: &mut Doc) {
    let theme = app.theme;
    let data = &app.data;
    let row = &data.flows[i];
    let flow = data.graph.flow(i);
    doc.heading(format!("Flow {}", row.id), theme);
    let node_link = |doc: &mut Doc, word: &str, id: &str, shown: &str| match data.node_row(id) {
        Some(n) => {
            let node = &data.nodes[n];
            doc.link(
                vec![
                    Span::styled(format!("{word} "), theme.dim()),
                    Span::raw(shown.to_string()),
                    Span::styled(
                        format!(" ({}; {})", node.node.kind.word(), node.places),
                        theme.dim(),
                    ),
                ],
                Target::Node(n),
                theme,
            );
        }
        None => doc.field(word, &format!("{shown} (unknown node, FM003)"), theme),
    };
    node_link(doc, "from", &flow.from, &row.from);
    node_link(doc, "to  ", &flow.to, &row.to);
    doc.field("data", &row.data, theme);
    doc.field(
        "purposes",
        if row.purposes.is_empty() {
            "none stated"
        } else {
            &row.purposes
        },
        theme,
    );
    doc.field(
        "basis",
        &flow
            .basis
            .map_or_else(|| "none stated".into(), |b| b.to_string()),
        theme,
    );
    if row.cross {
        doc.field_styled(
            "⇄ crosses",
            &format!("{} ({})", row.route, mechanism_words(row.mechanism)),
            theme.cross(),
            theme,
        );
    } else {
        doc.field("border", "does not cross a border", theme);
        if let Some(m) = row.mechanism {
            doc.field("mechanism", &m.to_string(), theme);
        }
    }
    for (text, restricted) in in_law(app, i) {
        let style = if restricted {
            theme.restricted()
        } else {
            Style::new()
        };
        doc.field_styled("in law", &text, style, theme);
    }
    let cites = if flow.policy.is_empty() {
        "no section (FM101)".to_string()
    } else {
        clean(&flow.policy.join(", "))
    };
    doc.field("cites", &cites, theme);
    let findings = data.findings_on(data.graph.flow_id(i));
    doc.blank();
    let s = plural(row.issues);
    doc.heading(
        format!(
            "Findings: {} ({} error{s} or warning{s}: !{})",
            findings.len(),
            row.issues,
            row.issues
        ),
        theme,
    );
    if findings.is_empty() {
        doc.line(Line::from(Span::styled("  none", theme.good())));
    }
    finding_links(doc, data, findings, theme);
}

/// What flow `i` is in law, in a few words for its details: `⚖ restricted transfer under
/// EU (no mechanism)`, `onward transfer of EU data`, `not a transfer (collection)`.
pub fn in_law(app: &App, i: usize) -> Vec<(String, bool)> {
    let Some(law) = app.data.analysis.flows.get(i) else {
        return Vec::new();
    };
    let mut out: Vec<(String, bool)> = law
        .transfers
        .iter()
        .map(|t| {
            let text = if t.restricted() {
                format!(
                    "⚖ restricted transfer under {} ({})",
                    t.regime,
                    t.verdict.word()
                )
            } else {
                format!("transfer under {} (adequate)", t.regime)
            };
            (text, t.restricted())
        })
        .collect();
    out.extend(
        law.onward
            .iter()
            .map(|o| (format!("onward transfer of {} data", o.regime), false)),
    );
    if let Some(why) = &law.not_transfer {
        out.push((format!("not a transfer ({})", reason_word(why)), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_is_empty_for_one_only() {
        assert_eq!(plural(0), "s");
        assert_eq!(plural(1), "");
        assert_eq!(plural(2), "s");
    }
}
