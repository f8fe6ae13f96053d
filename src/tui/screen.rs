//! What a tab is to the rest of the UI. A [`Screen`] owns everything that differs between
//! tabs — its rows (how many, their keys, what the filter matches, their cells under its
//! columns), its titles, its detail pane, what `Enter`, `e` and `o` do — and reads only
//! a [`Ctx`]: the data, the theme, its own list and the state kept for it. It never sees
//! the [`crate::tui::App`], and says what should happen by what it returns ([`Enter`],
//! export options, a file's place), as gitui's and serie's components do; `update`
//! acts on it. [`super::tabs`] maps each tab to its screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::columns::Col;
use super::data::{Data, Target};
use super::doc::Doc;
use super::flow_view::FlowView;
use super::history::History;
use super::listing::{Hays, Listing};
use super::paths::Trace;
use super::progress::Progress;
use super::theme::Theme;
use crate::diag::Location;
use crate::export::ExportOptions;
use crate::load::Step::{Field, Index};
use crate::model::Date;

/// The two panes of a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The list or table (left or top).
    #[default]
    List,
    /// The selected row's details, with links (right or bottom).
    Detail,
}

/// What a screen reads: the data, the theme, its own list, and the state the runtime
/// keeps for the tabs that need it ([`crate::tui::App::ctx`] builds it).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub data: &'a Data,
    pub theme: Theme,
    /// The tab's own list: the rows shown, the filter, the selection.
    pub list: &'a Listing,
    /// The Flows table's sort and toggles.
    pub flow_view: FlowView,
    /// The selected trace pick's paths, once computed.
    pub trace: Option<&'a Trace>,
    /// Whether the worker is computing them.
    pub tracing: bool,
    /// The inventory's verdicts and counts over time, once counted.
    pub history: Option<&'a History>,
    /// How far the worker is in counting them.
    pub counting: &'a Progress,
}

impl Ctx<'_> {
    /// The selected row of the tab's list.
    pub fn selected(&self) -> Option<u32> {
        self.list.selected_row()
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
    fn chart(&self, _ctx: &Ctx<'_>, _area: Rect, _buf: &mut Buffer) {}

    /// How many rows the tab has before any filter or toggle.
    fn row_count(&self, data: &Data) -> usize {
        self.hays(data).len()
    }

    /// The rows before filtering, in display order (a tab with toggles or a sort
    /// overrides this).
    fn base(&self, ctx: &Ctx<'_>) -> Vec<u32> {
        (0..self.row_count(ctx.data) as u32).collect()
    }

    /// Shows every row again, undoing the tab's own toggles (the filter is cleared by
    /// the caller): a follow leads to a row they hide.
    fn show_all(&self, _flow_view: &mut FlowView) {}

    /// A key of row `row` that survives a reload (an id, not a position).
    fn key(&self, data: &Data, row: usize) -> Option<String>;

    /// The list's columns.
    fn columns(&self) -> Vec<Col>;

    /// The column the rows are sorted by, if the user sorts them, and whether its
    /// arrow points down (`▼`: largest, or `⇄`, first) rather than up (`▲`).
    fn sorted(&self, _ctx: &Ctx<'_>) -> Option<(usize, bool)> {
        None
    }

    /// The cells of the `k`th row of the visible `window` (rows of the tab), one per
    /// column (the previous rows say whether a group's name is written again).
    fn row(&self, ctx: &Ctx<'_>, window: &[u32], k: usize) -> Vec<Line<'static>>;

    /// The list pane's title (the count follows it).
    fn title(&self, ctx: &Ctx<'_>) -> String;

    /// What the count after the title counts (`events`), when the title alone leaves
    /// it unclear.
    fn unit(&self) -> &'static str {
        ""
    }

    /// The detail pane's title.
    fn detail_title(&self) -> &'static str;

    /// The selected row's details, `width` columns wide.
    fn detail(&self, ctx: &Ctx<'_>, width: u16) -> Doc;

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
    fn export(&self, ctx: &Ctx<'_>) -> Option<(String, ExportOptions)>;
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
