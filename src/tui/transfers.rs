//! The Transfers tab: every cross-border flow, grouped by route (`EEA → US`), with its
//! mechanism and its verdict on `as_of` (from FM202/FM203/FM204 on the flow; `ok` when
//! none fired); below or right, the flow's details and findings.

use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::Cell;

use super::view::Col;

use super::app::{App, Tab};
use super::doc::Doc;
use super::flows::flow_doc;
use crate::export::ExportOptions;

/// The table's columns.
pub fn columns() -> Vec<Col> {
    vec![
        Col::new("route", Constraint::Fill(2), 2).min(8),
        Col::new("flow", Constraint::Fill(3), 0).min(8),
        Col::new("mechanism", Constraint::Length(10), 3),
        Col::new("verdict", Constraint::Fill(2), 1).min(8),
    ]
}

/// One row; the route is written on the first row of each group.
pub fn row(app: &App, row: u32, prev: Option<u32>) -> Vec<Cell<'static>> {
    let theme = app.theme;
    let data = &app.data;
    let t = &data.transfers[row as usize];
    let route = match prev {
        Some(p) if data.transfers[p as usize].route == t.route => String::new(),
        _ => format!("⇄ {}", t.route),
    };
    let verdict = match t.verdict.severity {
        Some(sev) => Span::styled(t.verdict.text.clone(), theme.severity(sev)),
        None => Span::styled(t.verdict.text.clone(), theme.good()),
    };
    vec![
        Cell::from(Span::styled(route, theme.cross())),
        Cell::from(data.flows[t.flow].id.clone()),
        Cell::from(t.mechanism.clone()),
        Cell::from(verdict),
    ]
}

/// The table's title.
pub fn title(app: &App) -> String {
    let data = &app.data;
    let (routes, failing) = data.transfer_counts;
    format!(
        "Transfers on {}: {routes} route{}, {failing} not ok",
        data.as_of,
        super::trace::plural(routes)
    )
}

/// The selected transfer's flow.
pub fn detail(app: &App, width: u16) -> Doc {
    let mut doc = Doc::new(width);
    match app.state(Tab::Transfers).list.selected_row() {
        Some(row) => {
            let t = &app.data.transfers[row as usize];
            let style = match t.verdict.severity {
                Some(sev) => app.theme.severity(sev),
                None => app.theme.good(),
            };
            doc.field_styled(
                &format!("verdict on {}", app.data.as_of),
                &t.verdict.text,
                style,
                app.theme,
            );
            flow_doc(app, t.flow, &mut doc);
        }
        None if app.data.transfers.is_empty() => {
            doc.para("No flow crosses a border.", 0, app.theme.dim())
        }
        None => doc.para("No transfer matches the filter.", 0, app.theme.dim()),
    }
    doc
}

/// `e`: the transfers in the list (all cross-border flows, or the filtered ones).
pub fn export(app: &App) -> Option<(String, ExportOptions)> {
    let list = &app.state(Tab::Transfers).list;
    let options = if list.is_filtered() {
        let mut flows: Vec<usize> = list
            .shown
            .iter()
            .map(|&r| app.data.transfers[r as usize].flow)
            .collect();
        flows.sort_unstable();
        ExportOptions {
            flows: Some(flows),
            ..ExportOptions::default()
        }
    } else {
        ExportOptions {
            cross_border_only: true,
            ..ExportOptions::default()
        }
    };
    Some(("transfers".into(), options))
}
