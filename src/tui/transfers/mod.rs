//! The Transfers tab, as the law reads it ([`crate::check::transfer::analyse`]): every
//! transfer grouped by regime and route (the exporter's place → the importer's places
//! outside the area), with its mechanism and its verdict on `as_of`; then the onward
//! transfers; then the cross-border flows that are no transfer, each with its reason
//! (collection, same entity…). Below, the selected row's three criteria, what covers it,
//! and the flow's details and findings.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

mod detail;

use super::columns::Col;
use super::data::{Data, Target, TransferKind};
use super::doc::Doc;
use super::listing::Hays;
use super::screen::{Ctx, Enter, Screen};
use super::widgets::plural;
use crate::diag::Location;
use crate::export::ExportOptions;
pub use crate::tui::data::transfers::NOT_A_TRANSFER;

/// The Transfers tab.
pub struct TransfersTab;

impl Screen for TransfersTab {
    fn name(&self) -> &'static str {
        "Transfers"
    }

    fn stacked(&self) -> bool {
        true
    }

    /// The detail pane shows the flow's verdicts over time.
    fn shows_history(&self) -> bool {
        true
    }

    fn hays<'a>(&self, data: &'a Data) -> &'a Hays {
        &data.transfer_hays
    }

    /// The flow's id and the group: one row per flow and regime (or kind).
    fn key(&self, data: &Data, row: usize) -> Option<String> {
        let t = data.transfers.get(row)?;
        Some(format!("{} {}", data.flows.get(t.flow)?.id, t.group))
    }

    /// The table's columns.
    /// The transfer's flow in the inventory.
    fn source(&self, data: &Data, row: usize) -> Option<Location> {
        let flow = data.transfers.get(row)?.flow;
        Some(crate::tui::screen::inventory_entry(data, "flows", flow))
    }

    fn columns(&self) -> Vec<Col> {
        vec![
            Col::new("regime", Constraint::Length(14), 2),
            Col::new("route", Constraint::Fill(2), 3).min(12),
            Col::new("flow", Constraint::Fill(3), 0).min(20),
            Col::new("mechanism", Constraint::Length(10), 4),
            Col::new("⚖", Constraint::Length(1), 1),
            Col::new("verdict", Constraint::Length(22), 1),
        ]
    }

    /// The `k`th row of the visible `window`; the group is written on its first rows, the
    /// route on the first row of each route within the group.
    fn row(&self, ctx: &Ctx<'_>, window: &[u32], k: usize) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let data = &ctx.data;
        let t = &data.transfers[window[k] as usize];
        let prev = k
            .checked_sub(1)
            .map(|p| &data.transfers[window[p] as usize]);
        let new_group = prev.is_none_or(|p| p.group != t.group);
        let group = group_cell(ctx, window, k);
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
            Line::from(Span::styled("⚖", theme.restricted()))
        } else {
            Line::from("")
        };
        vec![
            Line::from(Span::styled(group, theme.heading())),
            Line::from(if t.kind == TransferKind::NotTransfer {
                Span::styled(route, theme.cross())
            } else {
                Span::raw(route)
            }),
            Line::from(data.flows[t.flow].id.clone()),
            Line::from(t.mechanism.clone()),
            restricted,
            Line::from(verdict),
        ]
    }

    /// The table's title.
    fn title(&self, ctx: &Ctx<'_>) -> String {
        let data = &ctx.data;
        let c = data.transfer_counts;
        format!(
            "Transfers on {}: {} transfer{} ({} ⚖ restricted), {} onward, {} not ok",
            data.as_of,
            c.transfers,
            plural(c.transfers),
            c.restricted,
            c.onward,
            c.failing,
        )
    }

    fn detail_title(&self) -> &'static str {
        "Transfer"
    }

    fn detail(&self, ctx: &Ctx<'_>, width: u16) -> Doc {
        detail::detail(ctx, width)
    }

    /// To the flow.
    fn enter(&self, data: &Data, row: usize) -> Option<Enter> {
        Some(Enter::Go(Target::Flow(data.transfers[row].flow)))
    }

    /// `e`: the flows of the rows in the list (all of them, or the filtered ones).
    fn export(&self, ctx: &Ctx<'_>) -> Option<(String, ExportOptions)> {
        let list = ctx.list;
        let mut flows: Vec<usize> = list
            .shown
            .iter()
            .map(|&r| ctx.data.transfers[r as usize].flow)
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
}

/// The group's name on the `k`th row of the visible `window`: on its first row, and for
/// `cross-border, not a transfer` a line on each of its first two rows (a row alone in
/// its group shows the line that says most).
fn group_cell(ctx: &Ctx<'_>, window: &[u32], k: usize) -> String {
    let data = &ctx.data;
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
