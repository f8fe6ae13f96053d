//! The Transfers tab's rows, computed once per load from the transfer analysis: a row
//! per transfer under a regime, per onward transfer, and per cross-border flow that is
//! no transfer (with the reason), grouped and sorted, with their counts and what the
//! filter matches.

use super::{FlowRow, TransferCounts, TransferKind, TransferRow, clean};
use crate::check::Rule;
use crate::check::transfer::{Analysis, NotTransfer, Verdict, route};
use crate::graph::FlowGraph;
use crate::model::law::RegimeCode;
use crate::tui::listing::Hays;

/// The group of the cross-border flows that are no transfer.
pub const NOT_A_TRANSFER: &str = "cross-border, not a transfer";

/// Whether `rule` fired on flow `i`: `None` when it did not, else whether every such
/// finding is waived.
pub type Fired<'a> = &'a dyn Fn(usize, Rule) -> Option<bool>;

/// The Transfers tab's rows, their counts and their filter fields, from the analysis.
pub fn rows(
    graph: &FlowGraph,
    analysis: &Analysis,
    flows: &[FlowRow],
    fired: Fired<'_>,
) -> (Vec<TransferRow>, TransferCounts, Hays) {
    let mut counts = TransferCounts::default();
    // (section, regime, row): transfers first, then onward transfers, then the rest.
    let mut keyed: Vec<(u8, Option<RegimeCode>, TransferRow)> = Vec::new();
    let verdict = |i: usize, word: &str, rule: Option<Rule>| match rule.map(|r| (r, fired(i, r))) {
        Some((_, Some(true))) => (format!("{word} (waived)"), None),
        Some((rule, _)) => (format!("! {word} ({})", rule.id()), Some(rule.severity())),
        None => (word.to_string(), None),
    };
    for (i, law) in analysis.flows.iter().enumerate() {
        let from = graph
            .ends(i)
            .map(|(from, _)| from.located.join(", "))
            .unwrap_or_default();
        let flow = graph.flow(i);
        let named = flow
            .mechanism
            .map_or_else(|| "none".to_string(), |m| m.to_string());
        for (n, t) in law.transfers.iter().enumerate() {
            let rule = match t.verdict {
                Verdict::NoMechanism => Some(Rule::FM202),
                Verdict::NotCovered { .. } => Some(Rule::FM204),
                Verdict::Derogation { .. } => Some(Rule::FM203),
                Verdict::Adequate | Verdict::Covered { .. } => None,
            };
            let (text, severity) = verdict(i, t.verdict.word(), rule);
            counts.transfers += 1;
            counts.restricted += usize::from(t.restricted());
            let row = TransferRow {
                flow: i,
                kind: TransferKind::Transfer(n),
                group: t.regime.to_string(),
                route: clean(&format!("{from} → {}", t.outside.join(", "))),
                mechanism: t
                    .mechanism
                    .map_or_else(|| "none".to_string(), |m| m.to_string()),
                verdict: text,
                severity,
                restricted: t.restricted(),
            };
            keyed.push((0, Some(t.regime), row));
        }
        for (n, o) in law.onward.iter().enumerate() {
            let (text, severity) = verdict(i, "onward", Some(Rule::FM205));
            counts.onward += 1;
            let row = TransferRow {
                flow: i,
                kind: TransferKind::Onward(n),
                group: format!("{} onward", o.regime),
                route: clean(&format!("{from} → {}", o.outside.join(", "))),
                mechanism: named.clone(),
                verdict: text,
                severity,
                restricted: false,
            };
            keyed.push((1, Some(o.regime), row));
        }
        if let Some(why) = &law.not_transfer
            && graph.is_cross_border(i)
        {
            counts.not_transfers += 1;
            let row = TransferRow {
                flow: i,
                kind: TransferKind::NotTransfer,
                group: NOT_A_TRANSFER.into(),
                route: clean(&route(graph, i)),
                mechanism: flow.mechanism.map(|m| m.to_string()).unwrap_or_default(),
                verdict: reason_word(why).into(),
                severity: None,
                restricted: false,
            };
            keyed.push((2, None, row));
        }
    }
    keyed.sort_by(|(sa, ra, a), (sb, rb, b)| {
        (sa, ra, &a.route, a.flow).cmp(&(sb, rb, &b.route, b.flow))
    });
    let rows: Vec<TransferRow> = keyed.into_iter().map(|(_, _, row)| row).collect();
    counts.failing = rows.iter().filter(|r| r.severity.is_some()).count();
    let mut hays = Hays::default();
    for r in &rows {
        let route = r.route.replace('→', "->");
        let restricted = if r.restricted { "restricted" } else { "" };
        hays.push(
            [route.as_str(), &flows[r.flow].id, &r.mechanism, restricted]
                .into_iter()
                .chain(r.group.split_whitespace())
                .chain(r.verdict.split_whitespace()),
        );
    }
    (rows, counts, hays)
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
