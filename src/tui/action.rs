//! Everything that can happen to the app: keys (through the key map), mouse, resizes,
//! changed files, the workers' answers. [`crate::tui::update`](fn@crate::tui::update) is the only place an action changes state.

use super::history::{History, Judged};
use super::tabs::Tab;
use super::trace::Trace;

/// One thing the user (or the world) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Open or close the key map overlay.
    ToggleHelp,
    /// Move the selection (or scroll) one row up.
    Up,
    /// Move the selection (or scroll) one row down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// Focus the left (list) pane.
    FocusLeft,
    /// Focus the right (detail) pane.
    FocusRight,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// The tab to the right.
    NextTab,
    /// The tab to the left.
    PrevTab,
    /// A given tab.
    GoTab(Tab),
    /// Follow the selected row or link (a flow to its other end, a finding to its subject…).
    Follow,
    /// Back to where the last follow started.
    Back,
    /// Close what is open (help, the filter), clear an active filter, else go back.
    Escape,
    /// Open the filter box of the current list.
    FilterOpen,
    /// A character typed into the filter box.
    FilterChar(char),
    /// Delete the last character of the filter.
    FilterBackspace,
    /// Close the filter box and keep the filter.
    FilterAccept,
    /// Close the filter box and clear the filter.
    FilterCancel,
    /// To the next row that matches the last filter (`n`), in the list as it is.
    SearchNext,
    /// To the previous one (`N`).
    SearchPrev,
    /// Open the selected row's place in its file in `$VISUAL` or `$EDITOR` (`o`).
    OpenInEditor,
    /// The editor was closed: what happened (`Err`: why it could not run).
    EditorClosed(Result<String, String>),
    /// Flows: sort by the next column.
    SortNext,
    /// Flows: reverse the sort order.
    SortReverse,
    /// Flows: show only cross-border flows (or all again).
    ToggleCrossBorder,
    /// Flows: show only flows with errors or warnings (or all again).
    ToggleFailing,
    /// Write the current view as Graphviz DOT.
    Export,
    /// Reload the inventory by hand.
    Reload,
    /// Judge every tab as of the previous milestone of the law (`<`).
    EarlierMilestone,
    /// Judge every tab as of the next milestone of the law (`>`).
    LaterMilestone,
    /// Judge every tab as of the inventory's own date again (`=`).
    OwnDate,
    /// A watched file changed on disk.
    FilesChanged,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// A left click at a column and row.
    Click(u16, u16),
    /// The wheel turned at a column and row (`true`: down).
    Wheel(u16, u16, bool),
    /// The files could not be watched (why); `r` still reloads.
    WatchFailed(String),
    /// The trace worker computed the paths of a pick.
    Traced(Box<Trace>),
    /// The worker judged the inventory on another date.
    Judged(Box<Judged>),
    /// The worker computed the inventory's history (the Timeline tab's counts).
    Counted(Box<History>),
}
