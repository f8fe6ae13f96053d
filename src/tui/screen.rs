//! One screen per tab. A [`Screen`] owns everything that differs between tabs — its rows
//! (how many, their keys, what the filter matches, their cells under its columns), its
//! titles, its detail pane, what `Enter` and `e` do — and `SCREENS` is the one table
//! that maps each [`Tab`] to its screen. The view, the state and `update` ask the
//! current tab's screen instead of matching on tabs.
//!
//! Adding a tab: a variant of [`Tab`], a file with a type that implements [`Screen`], and
//! its row in `SCREENS` (the key map, the tab bar and the help follow from them).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::{App, Pane};
use super::columns::Col;
use super::data::{Data, Target};
use super::doc::Doc;
use super::listing::Hays;
use super::{findings, flows, nodes, policy, timeline, trace, transfers};
use crate::diag::Location;
use crate::export::ExportOptions;
use crate::load::Step::{Field, Index};
use crate::model::Date;

/// The tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Nodes,
    Flows,
    Transfers,
    Findings,
    Policy,
    Trace,
    Timeline,
}

/// Each tab's screen, in [`Tab::ALL`] order.
const SCREENS: [&dyn Screen; Tab::COUNT] = [
    &nodes::NodesTab,
    &flows::FlowsTab,
    &transfers::TransfersTab,
    &findings::FindingsTab,
    &policy::PolicyTab,
    &trace::TraceTab,
    &timeline::TimelineTab,
];

impl Tab {
    /// How many tabs there are.
    pub const COUNT: usize = 7;

    /// Every tab, left to right.
    pub const ALL: [Tab; Tab::COUNT] = [
        Tab::Nodes,
        Tab::Flows,
        Tab::Transfers,
        Tab::Findings,
        Tab::Policy,
        Tab::Trace,
        Tab::Timeline,
    ];

    /// Position from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// What the tab shows and how.
    pub fn screen(self) -> &'static dyn Screen {
        SCREENS[self.index()]
    }

    /// The tab's name.
    pub fn title(self) -> &'static str {
        self.screen().name()
    }

    /// The tab `step` places to the right (wrapping).
    pub fn shifted(self, step: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }
}

/// What `Enter` does on a row of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enter {
    /// Moves into the detail pane, to pick one of its links.
    Detail,
    /// Follows the row to where it points.
    Go(Target),
    /// Judges every tab as of this date (a milestone of the law).
    AsOf(Date),
}

/// What one tab shows: a list of rows on the left (or top) and the selected row's
/// details on the right (or bottom).
pub trait Screen: Sync {
    /// The tab's name in the tab bar and the help.
    fn name(&self) -> &'static str;

    /// Whether the list always sits above the detail, whatever the width (wide rows).
    fn stacked(&self) -> bool {
        false
    }

    /// What the filter matches, row by row (one entry per row of the tab).
    fn hays<'a>(&self, data: &'a Data) -> &'a Hays;

    /// Whether the tab shows the inventory's history (verdicts and counts over time),
    /// which is then computed when the tab is first shown.
    fn shows_history(&self) -> bool {
        false
    }

    /// How many rows of a body `height` rows tall a chart above the list and the detail
    /// takes (0: the tab has none).
    fn chart_height(&self, _height: u16) -> u16 {
        0
    }

    /// Draws the tab's chart into `area` (only called when it has rows).
    fn chart(&self, _app: &App, _area: Rect, _buf: &mut Buffer) {}

    /// How many rows the tab has before any filter or toggle.
    fn row_count(&self, data: &Data) -> usize {
        self.hays(data).len()
    }

    /// The rows before filtering, in display order (a tab with toggles or a sort
    /// overrides this).
    fn base(&self, app: &App) -> Vec<u32> {
        (0..self.row_count(&app.data) as u32).collect()
    }

    /// Shows every row again, undoing the tab's own toggles (the filter is cleared by
    /// the caller): a follow leads to a row they hide.
    fn show_all(&self, _app: &mut App) {}

    /// A key of row `row` that survives a reload (an id, not a position).
    fn key(&self, data: &Data, row: usize) -> Option<String>;

    /// The list's columns.
    fn columns(&self) -> Vec<Col>;

    /// The column the rows are sorted by, if the user sorts them, and whether its
    /// arrow points down (`▼`: largest, or `⇄`, first) rather than up (`▲`).
    fn sorted(&self, _app: &App) -> Option<(usize, bool)> {
        None
    }

    /// The cells of the `k`th row of the visible `window` (rows of the tab), one per
    /// column (the previous rows say whether a group's name is written again).
    fn row(&self, app: &App, window: &[u32], k: usize) -> Vec<Line<'static>>;

    /// The list pane's title (the count follows it).
    fn title(&self, app: &App) -> String;

    /// What the count after the title counts (`events`), when the title alone leaves
    /// it unclear.
    fn unit(&self) -> &'static str {
        ""
    }

    /// The detail pane's title.
    fn detail_title(&self) -> &'static str;

    /// The selected row's details, `width` columns wide.
    fn detail(&self, app: &App, width: u16) -> Doc;

    /// What `Enter` on row `row` of the list does (`None`: nothing).
    fn enter(&self, _data: &Data, _row: usize) -> Option<Enter> {
        Some(Enter::Detail)
    }

    /// The pane a follow to one of the tab's rows lands in.
    fn lands_in(&self) -> Pane {
        Pane::List
    }

    /// Where row `row` is written (`o` opens it in the editor); `None`: nowhere.
    fn source(&self, _data: &Data, _row: usize) -> Option<Location> {
        None
    }

    /// What `e` exports: a file name part and the export's options (`None`: nothing to
    /// export here).
    fn export(&self, app: &App) -> Option<(String, ExportOptions)>;
}

/// Where the `index`th entry of the inventory's list `list` (`flows`, `sources`…) is.
pub fn inventory_entry(data: &Data, list: &str, index: usize) -> Location {
    data.graph
        .loaded()
        .inventory_file
        .locate_entry(&[Field(list), Index(index)])
}

/// The row before the `k`th of the visible `window`, if any.
pub fn previous(window: &[u32], k: usize) -> Option<u32> {
    k.checked_sub(1).map(|p| window[p])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_screen_per_tab_in_order() {
        let names: Vec<&str> = Tab::ALL.iter().map(|t| t.title()).collect();
        assert_eq!(
            names,
            [
                "Nodes",
                "Flows",
                "Transfers",
                "Findings",
                "Policy",
                "Trace",
                "Timeline"
            ]
        );
        for (i, tab) in Tab::ALL.into_iter().enumerate() {
            assert_eq!(tab.index(), i);
            assert_eq!(tab.shifted(Tab::COUNT as isize), tab);
        }
    }

    /// A tab's row count is its filter's: one haystack per row.
    #[test]
    fn every_row_has_a_haystack() {
        let data = Data::load(&crate::load::Origin::Builtin, None).unwrap();
        let rows = [
            data.nodes.len(),
            data.flows.len(),
            data.transfers.len(),
            data.findings.len(),
            data.sections.len(),
            data.picks.len(),
            crate::tui::history::milestones().rows.len(),
        ];
        for (tab, rows) in Tab::ALL.into_iter().zip(rows) {
            assert!(rows > 0, "{tab:?}");
            assert_eq!(tab.screen().row_count(&data), rows, "{tab:?}");
        }
    }
}
