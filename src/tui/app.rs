//! The state model: one [`App`] holds everything the UI shows and where the user is.
//! Only [`crate::tui::update::update`] changes it; the views only read it.

use std::path::PathBuf;

use super::data::{Data, Target};
use super::listing::{Fuzzy, Listing};
use super::theme::Theme;
use super::trace::{self, Trace};
use crate::load::{LoadError, Origin};
use crate::model::Date;

/// The six tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Nodes,
    Flows,
    Transfers,
    Findings,
    Policy,
    Trace,
}

impl Tab {
    /// Every tab, left to right.
    pub const ALL: [Tab; 6] = [
        Tab::Nodes,
        Tab::Flows,
        Tab::Transfers,
        Tab::Findings,
        Tab::Policy,
        Tab::Trace,
    ];

    /// Position from 0.
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    /// The tab's name.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Nodes => "Nodes",
            Tab::Flows => "Flows",
            Tab::Transfers => "Transfers",
            Tab::Findings => "Findings",
            Tab::Policy => "Policy",
            Tab::Trace => "Trace",
        }
    }

    /// The tab `step` places to the right (wrapping).
    pub fn shifted(self, step: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }
}

/// The two panes of a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The list or table (left or top).
    #[default]
    List,
    /// The selected row's details, with links (right or bottom).
    Detail,
}

/// Where the user is on one tab.
#[derive(Debug, Clone, Default)]
pub struct TabState {
    pub list: Listing,
    pub pane: Pane,
    /// The selected link of the detail pane.
    pub link: usize,
    /// The first visible line of the detail pane.
    pub scroll: usize,
}

/// The columns the Flows table sorts by, in the order `s` cycles through them.
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

/// How the Flows table is sorted and narrowed (besides the filter).
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

/// A place in the history: enough to come back to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub tab: Tab,
    pub pane: Pane,
    /// The selected row of the tab's list.
    pub row: Option<u32>,
    pub link: usize,
    pub scroll: usize,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The whole UI state.
#[derive(Debug)]
pub struct App {
    /// What to (re)load.
    pub origin: Origin,
    /// `--as-of`, if given (else the inventory's, else today).
    pub as_of: Option<Date>,
    /// The last inventory that loaded.
    pub data: Data,
    pub tab: Tab,
    /// Per tab, in [`Tab::ALL`] order.
    pub tabs: [TabState; 6],
    pub flow_view: FlowView,
    /// The rows of each tab before filtering (Flows: sorted and toggled).
    pub bases: [Vec<u32>; 6],
    /// Whether keys go to the filter box.
    pub filter_editing: bool,
    /// The help overlay, when open, and how far it is scrolled.
    pub help: Option<usize>,
    /// Where each follow started, oldest first.
    pub history: Vec<Location>,
    /// A message for the status line (cleared by the next key).
    pub status: Option<Status>,
    /// Why the last reload failed (shown until one succeeds).
    pub load_error: Option<String>,
    /// The terminal's size, from the last resize.
    pub size: (u16, u16),
    pub theme: Theme,
    /// Set by `q`: the loop ends.
    pub quit: bool,
    /// Where `e` writes its DOT files.
    pub export_dir: PathBuf,
    /// The paths of the selected trace pick.
    pub trace: Option<Trace>,
    /// A trace pick whose paths are being computed (large inventories).
    pub trace_wanted: Option<u32>,
    /// Counts successful loads, so a late trace of an older graph is dropped.
    pub generation: u64,
    pub(crate) fuzzy: Fuzzy,
}

impl App {
    /// Loads `origin` and opens on the Nodes tab.
    pub fn load(origin: Origin, as_of: Option<Date>) -> Result<App, LoadError> {
        let data = Data::load(&origin, as_of)?;
        Ok(App::new(data, origin, as_of))
    }

    /// An app showing `data`, sized 80×24 until the first resize, with colours unless
    /// `NO_COLOR` says otherwise, exporting into the current folder.
    pub fn new(data: Data, origin: Origin, as_of: Option<Date>) -> App {
        let mut app = App {
            origin,
            as_of,
            data,
            tab: Tab::Nodes,
            tabs: Default::default(),
            flow_view: FlowView::default(),
            bases: Default::default(),
            filter_editing: false,
            help: None,
            history: Vec::new(),
            status: None,
            load_error: None,
            size: (80, 24),
            theme: Theme::from_env(),
            quit: false,
            export_dir: PathBuf::from("."),
            trace: None,
            trace_wanted: None,
            generation: 0,
            fuzzy: Fuzzy::default(),
        };
        for tab in Tab::ALL {
            app.rebase(tab);
            app.tabs[tab.index()].list = Listing::new(app.bases[tab.index()].clone());
        }
        app.sync_trace();
        app
    }

    /// The state of the current tab.
    pub fn current(&self) -> &TabState {
        &self.tabs[self.tab.index()]
    }

    /// The state of a tab.
    pub fn state(&self, tab: Tab) -> &TabState {
        &self.tabs[tab.index()]
    }

    pub(crate) fn state_mut(&mut self, tab: Tab) -> &mut TabState {
        &mut self.tabs[tab.index()]
    }

    /// How many rows a tab has before any filter or toggle.
    pub fn row_count(&self, tab: Tab) -> usize {
        match tab {
            Tab::Nodes => self.data.nodes.len(),
            Tab::Flows => self.data.flows.len(),
            Tab::Transfers => self.data.transfers.len(),
            Tab::Findings => self.data.findings.len(),
            Tab::Policy => self.data.sections.len(),
            Tab::Trace => self.data.picks.len(),
        }
    }

    /// Recomputes a tab's base rows (Flows: toggles and sort).
    pub(crate) fn rebase(&mut self, tab: Tab) {
        let n = self.row_count(tab) as u32;
        let base = if tab == Tab::Flows {
            flow_base(&self.data, self.flow_view)
        } else {
            (0..n).collect()
        };
        self.bases[tab.index()] = base;
    }

    /// Re-applies a tab's filter (after the query or the base changed).
    pub(crate) fn refilter(&mut self, tab: Tab, base_changed: bool) {
        let App {
            tabs,
            bases,
            data,
            fuzzy,
            ..
        } = self;
        let list = &mut tabs[tab.index()].list;
        let base = &bases[tab.index()];
        let hays = match tab {
            Tab::Nodes => &data.node_hays,
            Tab::Flows => &data.flow_hays,
            Tab::Transfers => &data.transfer_hays,
            Tab::Findings => &data.finding_hays,
            Tab::Policy => &data.section_hays,
            Tab::Trace => &data.pick_hays,
        };
        list.refilter(base, base_changed, hays, fuzzy);
    }

    /// The row of a target on its tab, and the tab.
    pub fn place_of(&self, target: Target) -> (Tab, u32) {
        match target {
            Target::Node(n) => (Tab::Nodes, n as u32),
            Target::Flow(i) => (Tab::Flows, i as u32),
            Target::Finding(f) => (Tab::Findings, f as u32),
            Target::Section(s) => (Tab::Policy, s as u32),
        }
    }

    /// Where the user is now.
    pub fn location(&self) -> Location {
        let state = self.current();
        Location {
            tab: self.tab,
            pane: state.pane,
            row: state.list.selected_row(),
            link: state.link,
            scroll: state.scroll,
        }
    }

    /// Makes the trace follow the selected pick: at once on a small inventory, else by
    /// asking the runtime's worker ([`App::trace_wanted`]).
    pub(crate) fn sync_trace(&mut self) {
        let Some(pick) = self.state(Tab::Trace).list.selected_row() else {
            self.trace = None;
            self.trace_wanted = None;
            return;
        };
        if self
            .trace
            .as_ref()
            .is_some_and(|t| t.pick == pick && t.generation == self.generation)
        {
            self.trace_wanted = None;
            return;
        }
        if self.data.flows.len() <= trace::SYNC_TRACE_FLOWS {
            let paths = trace::run(&self.data.graph, &trace::query(&self.data, pick));
            self.trace = Some(Trace {
                generation: self.generation,
                pick,
                paths,
            });
            self.trace_wanted = None;
        } else {
            self.trace = None;
            self.trace_wanted = Some(pick);
        }
    }

    /// Every file a reload reads (empty for the built-in inventory).
    pub fn watched_files(&self) -> Vec<PathBuf> {
        let Origin::Path(path) = &self.origin else {
            return Vec::new();
        };
        let inventory = if path.is_dir() {
            path.join("inventory.ron")
        } else {
            path.clone()
        };
        let dir = inventory
            .parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        let inv = self.data.graph.inventory();
        let mut files = vec![inventory];
        files.extend(inv.policy.iter().map(|p| dir.join(p)));
        files.extend(inv.taxonomy.iter().map(|t| dir.join(t)));
        files
    }
}

/// The Flows table's rows before filtering: toggles applied, then sorted (stably, so ties
/// stay in inventory order).
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
