//! The Transfers tab, as the law reads it ([`crate::check::transfer::analyse`]): every
//! transfer grouped by regime and route (the exporter's place → the importer's places
//! outside the area), with its mechanism and its verdict on `as_of`; then the onward
//! transfers; then the cross-border flows that are no transfer, each with its reason
//! (collection, same entity…). Below, the selected row's three criteria, what covers it,
//! and the flow's details and findings.

use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::Cell;

use super::view::Col;

use super::app::{App, Tab};
use super::data::{FlowRow, TransferCounts, TransferKind, TransferRow, clean};
use super::doc::Doc;
use super::flows::flow_doc;
use super::listing::Hays;
use crate::check::Rule;
use crate::check::transfer::holders::Role;
use crate::check::transfer::{
    Analysis, NotTransfer, Onward, Subject, Transfer, Verdict, route, why_not_words,
};
use crate::export::ExportOptions;
use crate::graph::FlowGraph;
use crate::model::law::{Article, RegimeCode};

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

/// Why a flow is no transfer, in a word or two for the table.
pub fn reason_word(why: &NotTransfer) -> &'static str {
    match why {
        NotTransfer::Collection => "collection",
        NotTransfer::SameEntity(_) => "same entity",
        NotTransfer::NotSubject(_) => "exporter not subject",
        NotTransfer::ImporterInside(_) => "importer inside",
        NotTransfer::Bridge { .. } => "EU–UK bridge",
        NotTransfer::Unjudged => "cannot be judged",
    }
}

/// The table's columns.
pub fn columns() -> Vec<Col> {
    vec![
        Col::new("regime", Constraint::Length(14), 2),
        Col::new("route", Constraint::Fill(2), 3).min(12),
        Col::new("flow", Constraint::Fill(3), 0).min(20),
        Col::new("mechanism", Constraint::Length(10), 4),
        Col::new("⚖", Constraint::Length(1), 1),
        Col::new("verdict", Constraint::Length(22), 1),
    ]
}

/// The group's name on the `k`th row of the visible `window`: on its first row, and for
/// `cross-border, not a transfer` a line on each of its first two rows (a row alone in
/// its group shows the line that says most).
fn group_cell(app: &App, window: &[u32], k: usize) -> String {
    let data = &app.data;
    let t = &data.transfers[window[k] as usize];
    let same = |k: Option<usize>| {
        k.and_then(|k| window.get(k))
            .is_some_and(|&r| data.transfers[r as usize].group == t.group)
    };
    let first = !same(k.checked_sub(1));
    if t.kind != TransferKind::NotTransfer {
        return if first {
            t.group.clone()
        } else {
            String::new()
        };
    }
    let second = !first && !same(k.checked_sub(2));
    match (first, second, same(Some(k + 1))) {
        (true, _, true) => "cross-border,".into(),
        (true, _, false) | (_, true, _) => "not a transfer".into(),
        _ => String::new(),
    }
}

/// The `k`th row of the visible `window`; the group is written on its first rows, the
/// route on the first row of each route within the group.
pub fn row(app: &App, window: &[u32], k: usize) -> Vec<Cell<'static>> {
    let theme = app.theme;
    let data = &app.data;
    let t = &data.transfers[window[k] as usize];
    let prev = k
        .checked_sub(1)
        .map(|p| &data.transfers[window[p] as usize]);
    let new_group = prev.is_none_or(|p| p.group != t.group);
    let group = group_cell(app, window, k);
    let route = match prev {
        Some(p) if !new_group && p.route == t.route => String::new(),
        _ if t.kind == TransferKind::NotTransfer => format!("⇄ {}", t.route),
        _ => t.route.clone(),
    };
    let verdict = match t.severity {
        Some(sev) => Span::styled(t.verdict.clone(), theme.severity(sev)),
        None if t.kind == TransferKind::NotTransfer || t.verdict.ends_with("(waived)") => {
            Span::styled(t.verdict.clone(), theme.dim())
        }
        None => Span::styled(t.verdict.clone(), theme.good()),
    };
    let restricted = if t.restricted {
        Cell::from(Span::styled("⚖", theme.restricted()))
    } else {
        Cell::from("")
    };
    vec![
        Cell::from(Span::styled(group, theme.heading())),
        Cell::from(if t.kind == TransferKind::NotTransfer {
            Span::styled(route, theme.cross())
        } else {
            Span::raw(route)
        }),
        Cell::from(data.flows[t.flow].id.clone()),
        Cell::from(t.mechanism.clone()),
        restricted,
        Cell::from(verdict),
    ]
}

/// The table's title.
pub fn title(app: &App) -> String {
    let data = &app.data;
    let c = data.transfer_counts;
    format!(
        "Transfers on {}: {} transfer{} ({} ⚖ restricted), {} onward, {} not ok",
        data.as_of,
        c.transfers,
        super::trace::plural(c.transfers),
        c.restricted,
        c.onward,
        c.failing,
    )
}

/// The selected row: the three criteria and the verdict (or why it is no transfer), then
/// the flow's details and findings.
pub fn detail(app: &App, width: u16) -> Doc {
    let mut doc = Doc::new(width);
    let data = &app.data;
    match app.state(Tab::Transfers).list.selected_row() {
        Some(row) => {
            let t = &data.transfers[row as usize];
            let law = &data.analysis.flows[t.flow];
            match t.kind {
                TransferKind::Transfer(n) => transfer_doc(app, t, &law.transfers[n], &mut doc),
                TransferKind::Onward(n) => onward_doc(app, t, &law.onward[n], &mut doc),
                TransferKind::NotTransfer => {
                    if let Some(why) = &law.not_transfer {
                        not_transfer_doc(app, t.flow, why, &mut doc);
                    }
                }
            }
            doc.blank();
            flow_doc(app, t.flow, &mut doc);
        }
        None if data.transfers.is_empty() => doc.para(
            "No flow is a transfer or crosses a border.",
            0,
            app.theme.dim(),
        ),
        None => doc.para("No transfer matches the filter.", 0, app.theme.dim()),
    }
    doc
}

/// A party as the analysis names it, for the screen (`` `id` `` loses its backticks).
fn party(name: &str) -> String {
    clean(&name.replace('`', ""))
}

/// Criterion 1's answer: why the exporter is subject to the regime, with the article.
fn subject_words(t: &Transfer) -> String {
    let area = t.regime.area_code();
    let by_node = t.exporter.starts_with('`');
    match t.subject {
        Subject::Established => format!(
            "{}: established in the {area}",
            t.act.cite(Article::Establishment)
        ),
        Subject::Reach if by_node && t.exporter_role == Role::Processor => format!(
            "{}: a processor for a controller that reaches into the {area}; EDPB Guidelines 3/2018",
            t.act.cite(Article::Reach)
        ),
        Subject::Reach if by_node => format!(
            "{}: it collects in the {area} itself",
            t.act.cite(Article::Reach)
        ),
        Subject::Reach => format!(
            "{}: established outside the {area}, collects from people there",
            t.act.cite(Article::Reach)
        ),
    }
}

fn transfer_doc(app: &App, row: &TransferRow, t: &Transfer, doc: &mut Doc) {
    let theme = app.theme;
    let on = app.data.as_of;
    let area = t.regime.area_code();
    doc.heading(
        format!("Transfer under {} ({}) on {on}", t.regime, t.act.name()),
        theme,
    );
    doc.field(
        "1. exporter",
        &format!(
            "{} ({}) — subject to {} ({})",
            party(&t.exporter),
            t.exporter_role.word(),
            t.regime,
            subject_words(t)
        ),
        theme,
    );
    doc.field(
        "2. importer",
        &format!(
            "{} ({}), another entity",
            party(&t.importer),
            t.importer_role.word()
        ),
        theme,
    );
    doc.field(
        "3. outside the area",
        &format!(
            "{} on {on} (outside the {area})",
            clean(&t.outside.join(", "))
        ),
        theme,
    );
    if !t.adequacy.is_empty() {
        doc.field("adequacy", &clean(&t.adequacy.join("; ")), theme);
    }
    if t.restricted() {
        doc.field_styled(
            "⚖ restricted",
            &format!(
                "no adequacy decision of {} law covers {} on {on}",
                t.regime,
                clean(&t.uncovered.join(", "))
            ),
            theme.restricted(),
            theme,
        );
    } else {
        doc.field(
            "not restricted",
            "adequacy covers the importer wherever it is outside the area",
            theme,
        );
    }
    let mechanism = t
        .mechanism
        .map_or_else(|| "none named".to_string(), |m| m.to_string());
    doc.field("mechanism", &mechanism, theme);
    let why = match &t.verdict {
        Verdict::Adequate => "no mechanism needed".to_string(),
        Verdict::Covered { law } => format!("it covers the transfer ({})", clean(law)),
        Verdict::Derogation { law } => format!(
            "a derogation ({}), meant for occasional transfers, not a routine flow",
            clean(law)
        ),
        Verdict::NoMechanism => {
            "name one (standard clauses, BCRs, a certified framework), or keep the data inside the area".into()
        }
        Verdict::NotCovered { why, law } => format!("{} ({})", clean(why), clean(law)),
    };
    let style = match row.severity {
        Some(sev) => theme.severity(sev),
        None => theme.good(),
    };
    doc.field_styled(
        &format!("verdict on {on}"),
        &format!("{}: {why}", row.verdict),
        style,
        theme,
    );
    doc.field(
        &format!("data under {}", t.regime),
        &clean(&t.categories.join(", ")),
        theme,
    );
}

fn onward_doc(app: &App, row: &TransferRow, o: &Onward, doc: &mut Doc) {
    let theme = app.theme;
    let on = app.data.as_of;
    doc.heading(
        format!(
            "Onward transfer of {} data ({}) on {on}",
            o.regime,
            o.act.name()
        ),
        theme,
    );
    doc.field(
        "exporter",
        &format!(
            "{}, not subject to {} law for this data",
            party(&o.exporter),
            o.regime
        ),
        theme,
    );
    doc.field(
        "importer",
        &format!("{}, another entity", party(&o.importer)),
        theme,
    );
    doc.field(
        "outside the area",
        &format!(
            "{} on {on} (outside the {})",
            clean(&o.outside.join(", ")),
            o.regime.area_code()
        ),
        theme,
    );
    doc.field(
        &format!("exported under {}", o.regime),
        &clean(&o.categories.join(", ")),
        theme,
    );
    let style = match row.severity {
        Some(sev) => theme.severity(sev),
        None => theme.good(),
    };
    doc.field_styled(
        &format!("verdict on {on}"),
        &format!(
            "{}: the first transfer's safeguards must travel with it (the 2021 SCCs' Clause 8.7, the DPF's Onward Transfer Principle)",
            row.verdict
        ),
        style,
        theme,
    );
}

fn not_transfer_doc(app: &App, i: usize, why: &NotTransfer, doc: &mut Doc) {
    let theme = app.theme;
    let data = &app.data;
    let graph = &data.graph;
    doc.heading(
        format!("Crosses a border, not a transfer, on {}", data.as_of),
        theme,
    );
    doc.field_styled("⇄ crosses", &clean(&route(graph, i)), theme.cross(), theme);
    let (reason, section) = why_not_words(graph, why);
    doc.field("why", &clean(&reason), theme);
    doc.field("rests on", &clean(&section), theme);
    if let Some((_, to)) = graph.ends(i) {
        doc.field(
            "data then in",
            &format!(
                "{}: weigh access by public authorities there as a security risk (EDPB Guidelines 05/2021, §3)",
                clean(&to.located.join(", "))
            ),
            theme,
        );
    }
}

/// `e`: the flows of the rows in the list (all of them, or the filtered ones).
pub fn export(app: &App) -> Option<(String, ExportOptions)> {
    let list = &app.state(Tab::Transfers).list;
    let mut flows: Vec<usize> = list
        .shown
        .iter()
        .map(|&r| app.data.transfers[r as usize].flow)
        .collect();
    flows.sort_unstable();
    flows.dedup();
    Some((
        "transfers".into(),
        ExportOptions {
            flows: Some(flows),
            ..ExportOptions::default()
        },
    ))
}
