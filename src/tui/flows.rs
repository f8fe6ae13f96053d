//! The Flows tab: every flow as a table (from, to, data, purposes, `⇄` when it crosses a
//! border, `⚖` when it is a restricted transfer, `!N` for its errors and warnings), sortable (`s`, `S`), filterable, with
//! toggles for cross-border only (`c`) and failing only (`f`); below, the selected flow's
//! details, its ends and its findings, each a link.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::app::App;
use super::columns::Col;
use super::data::{Data, Target};
use super::doc::Doc;
use super::listing::Hays;
use super::screen::{Enter, Screen, Tab, inventory_entry};
use super::widgets::{flow_doc, issues_cell};
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
    fn base(&self, app: &App) -> Vec<u32> {
        flow_base(&app.data, app.flow_view)
    }

    fn show_all(&self, app: &mut App) {
        app.flow_view.cross_only = false;
        app.flow_view.failing_only = false;
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
    fn sorted(&self, app: &App) -> Option<(usize, bool)> {
        let view = app.flow_view;
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
    fn row(&self, app: &App, window: &[u32], k: usize) -> Vec<Line<'static>> {
        let row = window[k];
        let flow = &app.data.flows[row as usize];
        let cross = if flow.cross {
            Line::from(Span::styled("⇄", app.theme.cross()))
        } else {
            Line::from("")
        };
        let restricted = if flow.restricted.is_empty() {
            Line::from("")
        } else {
            Line::from(Span::styled("⚖", app.theme.restricted()))
        };
        vec![
            Line::from(flow.from.clone()),
            Line::from(flow.to.clone()),
            Line::from(flow.data.clone()),
            Line::from(flow.purposes.clone()),
            cross,
            restricted,
            issues_cell(flow.issues, flow.worst, app.theme),
        ]
    }

    /// The table's title: sort and toggles.
    fn title(&self, app: &App) -> String {
        let view = app.flow_view;
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
    fn detail(&self, app: &App, width: u16) -> Doc {
        let mut doc = Doc::new(width);
        match app.state(Tab::Flows).list.selected_row() {
            Some(row) => flow_doc(app, row as usize, &mut doc),
            None => doc.para(
                "No flow matches the filter and toggles.",
                0,
                app.theme.dim(),
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
    fn export(&self, app: &App) -> Option<(String, ExportOptions)> {
        let list = &app.state(Tab::Flows).list;
        let narrowed = list.is_filtered() || app.flow_view.cross_only || app.flow_view.failing_only;
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

/// The columns the table sorts by, in the order `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Inventory,
    From,
    To,
    Data,
    Purposes,
    CrossBorder,
    Findings,
}

impl SortColumn {
    /// The next column.
    pub fn next(self) -> SortColumn {
        use SortColumn::*;
        match self {
            Inventory => From,
            From => To,
            To => Data,
            Data => Purposes,
            Purposes => CrossBorder,
            CrossBorder => Findings,
            Findings => Inventory,
        }
    }

    /// Its name in the table's title.
    pub fn word(self) -> &'static str {
        match self {
            SortColumn::Inventory => "inventory order",
            SortColumn::From => "from",
            SortColumn::To => "to",
            SortColumn::Data => "data",
            SortColumn::Purposes => "purposes",
            SortColumn::CrossBorder => "⇄ first",
            SortColumn::Findings => "most ! first",
        }
    }
}

/// How the table is sorted and narrowed (besides the filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowView {
    pub sort: SortColumn,
    pub reverse: bool,
    /// Only cross-border flows.
    pub cross_only: bool,
    /// Only flows with unwaived errors or warnings.
    pub failing_only: bool,
}

impl Default for FlowView {
    fn default() -> FlowView {
        FlowView {
            sort: SortColumn::Inventory,
            reverse: false,
            cross_only: false,
            failing_only: false,
        }
    }
}

impl FlowView {
    /// The view in words, for the status line after `s`, `S`, `c` or `f`.
    pub fn words(self) -> String {
        let mut parts = vec![format!("sorted by {}", self.sort.word())];
        if self.reverse {
            parts.push("reversed".into());
        }
        if self.cross_only {
            parts.push("only ⇄ cross-border (c: all)".into());
        }
        if self.failing_only {
            parts.push("only ! failing (f: all)".into());
        }
        format!("Flows: {}", parts.join(", "))
    }
}

/// The table's rows before filtering: toggles applied, then sorted (stably, so ties stay
/// in inventory order).
pub fn flow_base(data: &Data, view: FlowView) -> Vec<u32> {
    let rows = &data.flows;
    let mut base: Vec<u32> = (0..rows.len() as u32)
        .filter(|&i| {
            let r = &rows[i as usize];
            (!view.cross_only || r.cross) && (!view.failing_only || r.issues > 0)
        })
        .collect();
    let row = |i: &u32| &rows[*i as usize];
    match view.sort {
        SortColumn::Inventory => {}
        SortColumn::From => base.sort_by(|a, b| row(a).from.cmp(&row(b).from)),
        SortColumn::To => base.sort_by(|a, b| row(a).to.cmp(&row(b).to)),
        SortColumn::Data => base.sort_by(|a, b| row(a).data.cmp(&row(b).data)),
        SortColumn::Purposes => base.sort_by(|a, b| row(a).purposes.cmp(&row(b).purposes)),
        SortColumn::CrossBorder => base.sort_by_key(|i| !row(i).cross),
        SortColumn::Findings => base.sort_by_key(|i| std::cmp::Reverse(row(i).issues)),
    }
    if view.reverse {
        base.reverse();
    }
    base
}
