//! The Flows tab: every flow as a table (from, to, data, purposes, `⇄` when it crosses a
//! border, `⚖` when it is a restricted transfer, `!N` for its errors and warnings), sortable (`s`, `S`), filterable, with
//! toggles for cross-border only (`c`) and failing only (`f`); below, the selected flow's
//! details, its ends and its findings, each a link.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::columns::Col;
use super::data::{Data, Target};
use super::doc::Doc;
pub use super::flow_view::{FlowView, SortColumn, flow_base};
use super::listing::Hays;
use super::screen::{Ctx, Enter, Screen, inventory_entry};
use super::widgets::{flow_doc, issues_mark};
use crate::diag::Location;
use crate::export::ExportOptions;

/// The Flows tab.
pub struct FlowsTab;

impl Screen for FlowsTab {
    fn name(&self) -> &'static str {
        "Flows"
    }

    fn stacked(&self) -> bool {
        true
    }

    fn hays<'a>(&self, data: &'a Data) -> &'a Hays {
        &data.flow_hays
    }

    /// The toggles applied, then sorted.
    fn base(&self, ctx: &Ctx<'_>) -> Vec<u32> {
        flow_base(ctx.data, ctx.flow_view)
    }

    fn show_all(&self, flow_view: &mut FlowView) {
        flow_view.cross_only = false;
        flow_view.failing_only = false;
    }

    fn key(&self, data: &Data, row: usize) -> Option<String> {
        Some(data.flows.get(row)?.id.clone())
    }

    /// The flow's entry in the inventory.
    fn source(&self, data: &Data, row: usize) -> Option<Location> {
        (row < data.flows.len()).then(|| inventory_entry(data, "flows", row))
    }

    /// The table's columns.
    fn columns(&self) -> Vec<Col> {
        vec![
            Col::new("from", Constraint::Fill(2), 0).min(6),
            Col::new("to", Constraint::Fill(2), 0).min(6),
            Col::new("data", Constraint::Fill(3), 2).min(8),
            Col::new("purposes", Constraint::Fill(2), 3).min(8),
            Col::new("⇄", Constraint::Length(1), 1),
            Col::new("⚖", Constraint::Length(1), 1),
            Col::new("!", Constraint::Length(3), 1),
        ]
    }

    /// `s`'s column: from, to, data and purposes A to Z (`▲`), `⇄` and `!` first
    /// (`▼`); `S` turns the arrow.
    fn sorted(&self, ctx: &Ctx<'_>) -> Option<(usize, bool)> {
        let view = ctx.flow_view;
        let (column, down) = match view.sort {
            SortColumn::Inventory => return None,
            SortColumn::From => (0, false),
            SortColumn::To => (1, false),
            SortColumn::Data => (2, false),
            SortColumn::Purposes => (3, false),
            SortColumn::CrossBorder => (4, true),
            SortColumn::Findings => (6, true),
        };
        Some((column, down != view.reverse))
    }

    /// One table row.
    fn row(&self, ctx: &Ctx<'_>, window: &[u32], k: usize) -> Vec<Line<'static>> {
        let row = window[k];
        let flow = &ctx.data.flows[row as usize];
        let cross = if flow.cross {
            Line::from(Span::styled("⇄", ctx.theme.cross()))
        } else {
            Line::from("")
        };
        let restricted = if flow.restricted.is_empty() {
            Line::from("")
        } else {
            Line::from(Span::styled("⚖", ctx.theme.restricted()))
        };
        vec![
            Line::from(flow.from.clone()),
            Line::from(flow.to.clone()),
            Line::from(flow.data.clone()),
            Line::from(flow.purposes.clone()),
            cross,
            restricted,
            issues_mark(flow.issues, flow.worst, ctx.theme),
        ]
    }

    /// The table's title: sort and toggles.
    fn title(&self, ctx: &Ctx<'_>) -> String {
        let view = ctx.flow_view;
        let mut title = format!(
            "Flows · sorted by {}{}",
            view.sort.word(),
            if view.reverse { ", reversed" } else { "" }
        );
        if view.cross_only {
            title.push_str(" · ⇄ only");
        }
        if view.failing_only {
            title.push_str(" · ! only");
        }
        title
    }

    fn detail_title(&self) -> &'static str {
        "Flow"
    }

    /// The selected flow's details.
    fn detail(&self, ctx: &Ctx<'_>, width: u16) -> Doc {
        let mut doc = Doc::new(width);
        match ctx.selected() {
            Some(row) => flow_doc(ctx, row as usize, &mut doc),
            None => doc.para(
                "No flow matches the filter and toggles.",
                0,
                ctx.theme.dim(),
            ),
        }
        doc
    }

    /// To the node at the flow's other end.
    fn enter(&self, data: &Data, row: usize) -> Option<Enter> {
        let to = &data.graph.flow(row).to;
        Some(Enter::Go(
            data.node_row(to).map_or(Target::Flow(row), Target::Node),
        ))
    }

    /// `e`: the flows in the table, as filtered and toggled.
    fn export(&self, ctx: &Ctx<'_>) -> Option<(String, ExportOptions)> {
        let list = ctx.list;
        let narrowed = list.is_filtered() || ctx.flow_view.cross_only || ctx.flow_view.failing_only;
        let mut flows: Vec<usize> = list.shown.iter().map(|&r| r as usize).collect();
        flows.sort_unstable();
        Some((
            "flows".into(),
            ExportOptions {
                flows: narrowed.then_some(flows),
                ..ExportOptions::default()
            },
        ))
    }
}
