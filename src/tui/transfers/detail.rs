//! The Transfers tab's detail pane: the selected row's three criteria (who exports,
//! who imports, outside the area) and the verdict on the as-of date, or why a
//! cross-border flow is no transfer; the flow's verdicts over time; then the flow's own
//! details.

use ratatui::text::{Line, Span};

use crate::check::transfer::{NotTransfer, Onward, Transfer, Verdict, route, why_not_words, words};
use crate::tui::data::{TransferKind, TransferRow, clean};
use crate::tui::doc::Doc;
use crate::tui::screen::Ctx;
use crate::tui::widgets::flow_doc;

/// The selected row: the three criteria and the verdict (or why it is no transfer), then
/// the flow's details and findings.
pub(super) fn detail(ctx: &Ctx<'_>, width: u16) -> Doc {
    let mut doc = Doc::new(width);
    let data = &ctx.data;
    match ctx.selected() {
        Some(row) => {
            let t = &data.transfers[row as usize];
            let law = &data.analysis.flows[t.flow];
            match t.kind {
                TransferKind::Transfer(n) => transfer_doc(ctx, t, &law.transfers[n], &mut doc),
                TransferKind::Onward(n) => onward_doc(ctx, t, &law.onward[n], &mut doc),
                TransferKind::NotTransfer => {
                    if let Some(why) = &law.not_transfer {
                        not_transfer_doc(ctx, t.flow, why, &mut doc);
                    }
                }
            }
            doc.blank();
            flow_timeline(ctx, t.flow, &mut doc);
            doc.blank();
            flow_doc(ctx, t.flow, &mut doc);
        }
        None if data.transfers.is_empty() => doc.para(
            "No flow is a transfer or crosses a border.",
            0,
            ctx.theme.dim(),
        ),
        None => doc.para("No transfer matches the filter.", 0, ctx.theme.dim()),
    }
    doc
}

/// The flow's verdicts between the law's milestones, from 1998-10-25 to today, the span
/// of the as-of date marked: `2000-07-26 … 2015-10-05  EU transfer, adequate`.
fn flow_timeline(ctx: &Ctx<'_>, i: usize, doc: &mut Doc) {
    let theme = ctx.theme;
    doc.heading("Its timeline (the verdict between milestones)", theme);
    let Some(spans) = ctx.history.and_then(|h| h.spans.get(i)) else {
        doc.para(
            "Judging the flow on every milestone… (a large inventory: the keys keep working)",
            2,
            theme.dim(),
        );
        return;
    };
    let to = ctx.history.map(|h| h.to);
    let on = ctx.data.as_of;
    for span in spans {
        let until = if Some(span.until) == to {
            format!("{:<10}", "today")
        } else {
            span.until.to_string()
        };
        let here = span.from <= on && on <= span.until;
        let style = span.worst.map_or(theme.good(), |s| theme.severity(s));
        let mut line = vec![
            Span::raw(format!("  {} … {until}  ", span.from)),
            Span::styled(span.verdict.clone(), style),
        ];
        if here {
            line.push(Span::styled(format!("  ◀ as of {on}"), theme.heading()));
        }
        doc.line(Line::from(line));
    }
}

/// A party as the analysis names it, for the screen (`` `id` `` loses its backticks).
fn party(name: &str) -> String {
    clean(&name.replace('`', ""))
}

/// Criterion 1's answer: why the exporter is subject to the regime, with the article
/// (the check's own words, [`crate::check::transfer::words`]).
fn subject_words(t: &Transfer, on: crate::model::Date) -> String {
    crate::check::transfer::sentences::subject_words(t, on)
}

fn transfer_doc(ctx: &Ctx<'_>, row: &TransferRow, t: &Transfer, doc: &mut Doc) {
    let theme = ctx.theme;
    let on = ctx.data.as_of;
    let area = words::area(t.regime);
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
            subject_words(t, on)
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
            "{} on {on} (outside {area})",
            clean(&words::places(&t.outside))
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
                clean(&words::places(&t.uncovered))
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
            "a derogation ({}), an exception read restrictively, not a basis for routine flows: {}",
            clean(law),
            t.mechanism
                .map(|m| words::derogation_conditions(m, t.act, on))
                .unwrap_or_default()
        ),
        Verdict::NoMechanism => clean(&crate::check::transfer::sentences::suggestion(t, on)),
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

fn onward_doc(ctx: &Ctx<'_>, row: &TransferRow, o: &Onward, doc: &mut Doc) {
    let theme = ctx.theme;
    let on = ctx.data.as_of;
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
            "{} on {on} (outside {})",
            clean(&words::places(&o.outside)),
            words::area(o.regime)
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

fn not_transfer_doc(ctx: &Ctx<'_>, i: usize, why: &NotTransfer, doc: &mut Doc) {
    let theme = ctx.theme;
    let data = &ctx.data;
    let graph = &data.graph;
    doc.heading(
        format!("Crosses a border, not a transfer, on {}", data.as_of),
        theme,
    );
    doc.field_styled("⇄ crosses", &clean(&route(graph, i)), theme.cross(), theme);
    let (reason, section) = why_not_words(graph, why, data.as_of);
    doc.field("why", &clean(&reason), theme);
    doc.field("rests on", &clean(&section), theme);
    if let Some((_, to)) = graph.ends(i) {
        doc.field(
            "data then in",
            &format!(
                "{}: weigh access by public authorities there as a security risk ({})",
                clean(&words::places(to.located)),
                words::per(
                    crate::model::law::GuidanceKey::EdpbTransfers,
                    ", §3",
                    data.as_of
                )
            ),
            theme,
        );
    }
}
