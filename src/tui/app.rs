//! The state model: one [`App`] holds everything the UI shows and where the user is.
//! Only [`crate::tui::update::update`] changes it; the views only read it.

use std::path::PathBuf;
use std::sync::Arc;

use super::banner::LoadFailure;
use super::data::{Data, Target};
use super::doc::Doc;
use super::editor::EditRequest;
use super::flow_view::FlowView;
use super::history::{self, History, milestones};
use super::listing::{Fuzzy, Listing};
use super::paths::{self as trace, Trace};
use super::progress::Progress;
use super::screen::Ctx;
use super::tabs::Tab;
use super::theme::Theme;
use super::timeline::row_in_force;
use crate::load::{LoadError, Origin};
use crate::model::Date;

pub use super::screen::Pane;

/// Where the user is on one tab.
#[derive(Debug, Clone, Default)]
pub struct TabState {
    pub list: Listing,
    pub pane: Pane,
    /// The selected link of the detail pane.
    pub link: usize,
    /// The first visible line of the detail pane.
    pub scroll: usize,
    /// The last filter typed on this tab (kept after `Esc` clears it): what `n` and `N`
    /// search for.
    pub last_query: String,
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
    /// The date every tab is judged on: `--as-of`, or the date stepped to (`<`, `>`,
    /// `Enter` on a milestone); `None`: the inventory's, else today. A reload keeps it.
    pub as_of: Option<Date>,
    /// `--as-of` as given at start: where `=` goes back to.
    pub home: Option<Date>,
    /// A date the worker is judging the inventory on (large inventories), until it is done.
    pub judging: Option<Date>,
    /// The last inventory that loaded.
    pub data: Data,
    pub tab: Tab,
    /// Per tab, in [`Tab::ALL`] order.
    pub tabs: [TabState; Tab::COUNT],
    pub flow_view: FlowView,
    /// The rows of each tab before filtering (Flows: sorted and toggled).
    pub bases: [Vec<u32>; Tab::COUNT],
    /// Whether keys go to the filter box.
    pub filter_editing: bool,
    /// The help overlay, when open, and how far it is scrolled.
    pub help: Option<usize>,
    /// Where each follow started, oldest first.
    pub history: Vec<Location>,
    /// A message for the status line (cleared by the next key).
    pub status: Option<Status>,
    /// Why the last reload failed (shown in a banner until one succeeds).
    pub load_error: Option<LoadFailure>,
    /// The terminal's size, from the last resize.
    pub size: (u16, u16),
    pub theme: Theme,
    /// Set by `q`: the loop ends.
    pub quit: bool,
    /// Where `e` writes its DOT files.
    pub export_dir: PathBuf,
    /// A place `o` asked to open in the editor; the runtime takes it.
    pub edit: Option<EditRequest>,
    /// The paths of the selected trace pick.
    pub trace: Option<Trace>,
    /// A trace pick whose paths are being computed (large inventories).
    pub trace_wanted: Option<u32>,
    /// Counts successful loads and date changes, so a late trace or re-check of an older
    /// graph is dropped.
    pub generation: u64,
    /// Counts successful loads only (a date change keeps the inventory): the history
    /// belongs to one.
    pub loads: u64,
    /// The inventory's verdicts and counts over time, once computed (for the Timeline
    /// and Transfers tabs).
    pub timeline: Option<History>,
    /// Whether the history is being computed on the worker (large inventories).
    pub timeline_wanted: bool,
    /// How far the worker is in computing the history (the Timeline's gauge).
    pub counting: Arc<Progress>,
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
            home: as_of,
            judging: None,
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
            edit: None,
            trace: None,
            trace_wanted: None,
            generation: 0,
            loads: 0,
            timeline: None,
            timeline_wanted: false,
            counting: Arc::default(),
            fuzzy: Fuzzy::default(),
        };
        for tab in Tab::ALL {
            app.rebase(tab);
            app.tabs[tab.index()].list = Listing::new(app.bases[tab.index()].clone());
        }
        app.follow_date();
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

    /// What a tab's screen reads.
    pub fn ctx(&self, tab: Tab) -> Ctx<'_> {
        Ctx {
            data: &self.data,
            theme: self.theme,
            list: &self.state(tab).list,
            flow_view: self.flow_view,
            trace: self.trace.as_ref(),
            tracing: self.trace_wanted.is_some(),
            history: self.timeline.as_ref(),
            counting: &self.counting,
        }
    }

    /// A tab's detail pane, `width` columns wide.
    pub fn detail(&self, tab: Tab, width: u16) -> Doc {
        tab.screen().detail(&self.ctx(tab), width)
    }

    /// Moves the Timeline's selection to the milestone in force on the date every tab
    /// is judged on, unless it is on that day already (one of its several events).
    pub(crate) fn follow_date(&mut self) {
        let Some(row) = row_in_force(self.data.as_of) else {
            return;
        };
        let all = milestones();
        let state = self.state_mut(Tab::Timeline);
        let on_it = state
            .list
            .selected_row()
            .is_some_and(|r| all.rows[r as usize].date == all.rows[row as usize].date);
        if !on_it && state.list.select_row(row) {
            state.link = 0;
            state.scroll = 0;
        }
    }

    /// How many rows a tab has before any filter or toggle.
    pub fn row_count(&self, tab: Tab) -> usize {
        tab.screen().row_count(&self.data)
    }

    /// Recomputes a tab's base rows (its screen's toggles and sort).
    pub(crate) fn rebase(&mut self, tab: Tab) {
        self.bases[tab.index()] = tab.screen().base(&self.ctx(tab));
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
        let hays = tab.screen().hays(data);
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

    /// Computes the history when the current tab shows it: at once on a small inventory,
    /// else by asking the runtime's worker ([`App::timeline_wanted`]).
    pub(crate) fn sync_timeline(&mut self) {
        if self
            .timeline
            .as_ref()
            .is_some_and(|h| h.loads == self.loads)
        {
            self.timeline_wanted = false;
            return;
        }
        if !self.tab.screen().shows_history() {
            return;
        }
        if self.data.flows.len() <= history::SYNC_FLOWS {
            self.timeline = Some(history::history(&self.data.graph, self.loads));
            self.timeline_wanted = false;
        } else {
            self.timeline_wanted = true;
        }
    }

    /// Whether a worker is computing something the screen waits for (a trace, a
    /// re-check on another date, the history): the runtime then redraws as it goes.
    pub fn busy(&self) -> bool {
        self.trace_wanted.is_some() || self.judging.is_some() || self.timeline_wanted
    }

    /// The inventory's own date: `--as-of`, else its `as_of`, else today (`=`).
    pub fn own_date(&self) -> Date {
        self.home.unwrap_or_else(|| {
            self.data
                .graph
                .inventory()
                .as_of
                .unwrap_or_else(Date::today)
        })
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
