//! The key map: ONE table of bindings. It decides what a key does, and the same rows
//! feed the `?` help overlay and the hints in the status line, so the three can never
//! disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, Tab};

/// A key, with or without Ctrl. Shift is part of the character (`S`, `?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere (unless the filter box or the help overlay has the keys).
    Global,
    /// Only on one tab.
    Tab(Tab),
    /// While typing in the filter box (any other printable key is typed).
    Filter,
    /// While the help overlay is open.
    Help,
}

impl Scope {
    /// The heading of this scope in the help overlay.
    pub fn heading(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Tab(Tab::Flows) => "Flows tab",
            Scope::Tab(_) => "This tab",
            Scope::Filter => "Filter box (after /)",
            Scope::Help => "This help",
        }
    }
}

/// One row of the key map.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// How the keys are written in the help overlay.
    pub shown: &'static str,
    pub action: Action,
    pub scope: Scope,
    /// What it does, for the help overlay ("" keeps a row out of the overlay, for keys
    /// that an earlier row already describes, like 2–6 after 1).
    pub help: &'static str,
    /// A hint for the status line (`"s sort"`: the key, a space, a word), when the
    /// binding is worth one there.
    pub hint: Option<&'static str>,
}

const fn bind(
    keys: &'static [Key],
    shown: &'static str,
    action: Action,
    scope: Scope,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        shown,
        action,
        scope,
        help,
        hint,
    }
}

use Scope::{Filter, Global, Help};

/// Every key binding, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    bind(
        &[ch('?')],
        "?",
        Action::ToggleHelp,
        Global,
        "show or hide this key map",
        Some("? help"),
    ),
    bind(
        &[ch('q'), ctrl('c')],
        "q  Ctrl-C",
        Action::Quit,
        Global,
        "quit",
        Some("q quit"),
    ),
    bind(
        &[code(KeyCode::Enter)],
        "Enter",
        Action::Follow,
        Global,
        "follow: a flow to the node at its other end, a finding to its subject, a link to where it points",
        Some("Enter follow"),
    ),
    bind(
        &[code(KeyCode::Backspace)],
        "Backspace",
        Action::Back,
        Global,
        "go back to where the last follow started (a history, like a browser)",
        Some("Bksp back"),
    ),
    bind(
        &[ch('/')],
        "/",
        Action::FilterOpen,
        Global,
        "filter the list (fuzzy, ignores case)",
        Some("/ filter"),
    ),
    bind(
        &[code(KeyCode::Tab)],
        "Tab",
        Action::NextPane,
        Global,
        "next pane",
        Some("Tab pane"),
    ),
    bind(
        &[ch('1')],
        "1–6",
        Action::GoTab(Tab::Nodes),
        Global,
        "go to a tab: 1 Nodes, 2 Flows, 3 Transfers, 4 Findings, 5 Policy, 6 Trace",
        Some("1-6 tabs"),
    ),
    bind(&[ch('2')], "2", Action::GoTab(Tab::Flows), Global, "", None),
    bind(
        &[ch('3')],
        "3",
        Action::GoTab(Tab::Transfers),
        Global,
        "",
        None,
    ),
    bind(
        &[ch('4')],
        "4",
        Action::GoTab(Tab::Findings),
        Global,
        "",
        None,
    ),
    bind(
        &[ch('5')],
        "5",
        Action::GoTab(Tab::Policy),
        Global,
        "",
        None,
    ),
    bind(&[ch('6')], "6", Action::GoTab(Tab::Trace), Global, "", None),
    bind(&[ch(']')], "]", Action::NextTab, Global, "next tab", None),
    bind(
        &[ch('[')],
        "[",
        Action::PrevTab,
        Global,
        "previous tab",
        None,
    ),
    bind(
        &[code(KeyCode::BackTab)],
        "Shift-Tab",
        Action::PrevPane,
        Global,
        "previous pane",
        None,
    ),
    bind(
        &[code(KeyCode::Up), ch('k')],
        "↑ k",
        Action::Up,
        Global,
        "move up (in a detail pane: previous link, or scroll)",
        None,
    ),
    bind(
        &[code(KeyCode::Down), ch('j')],
        "↓ j",
        Action::Down,
        Global,
        "move down (in a detail pane: next link, or scroll)",
        None,
    ),
    bind(
        &[code(KeyCode::PageUp), ctrl('u')],
        "PgUp Ctrl-U",
        Action::PageUp,
        Global,
        "one page up",
        None,
    ),
    bind(
        &[code(KeyCode::PageDown), ctrl('d')],
        "PgDn Ctrl-D",
        Action::PageDown,
        Global,
        "one page down",
        None,
    ),
    bind(
        &[code(KeyCode::Home), ch('g')],
        "Home g",
        Action::Top,
        Global,
        "first row",
        None,
    ),
    bind(
        &[code(KeyCode::End), ch('G')],
        "End G",
        Action::Bottom,
        Global,
        "last row",
        None,
    ),
    bind(
        &[code(KeyCode::Left), ch('h')],
        "← h",
        Action::FocusLeft,
        Global,
        "focus the list pane",
        None,
    ),
    bind(
        &[code(KeyCode::Right), ch('l')],
        "→ l",
        Action::FocusRight,
        Global,
        "focus the detail pane",
        None,
    ),
    bind(
        &[code(KeyCode::Esc)],
        "Esc",
        Action::Escape,
        Global,
        "clear the filter, or else go back",
        None,
    ),
    bind(
        &[ch('e')],
        "e",
        Action::Export,
        Global,
        "export the current view as Graphviz DOT (flowmap-<view>.dot in the current folder)",
        Some("e export"),
    ),
    bind(
        &[ch('r')],
        "r",
        Action::Reload,
        Global,
        "reload the inventory (it also reloads by itself when a file changes)",
        None,
    ),
    bind(
        &[ch('s')],
        "s",
        Action::SortNext,
        Scope::Tab(Tab::Flows),
        "sort by the next column (inventory order, from, to, data, purposes, ⇄, !)",
        Some("s sort"),
    ),
    bind(
        &[ch('S')],
        "S",
        Action::SortReverse,
        Scope::Tab(Tab::Flows),
        "reverse the sort order",
        None,
    ),
    bind(
        &[ch('c')],
        "c",
        Action::ToggleCrossBorder,
        Scope::Tab(Tab::Flows),
        "only cross-border flows (⇄), or all again",
        Some("c ⇄ only"),
    ),
    bind(
        &[ch('f')],
        "f",
        Action::ToggleFailing,
        Scope::Tab(Tab::Flows),
        "only flows with errors or warnings (!), or all again",
        Some("f ! only"),
    ),
    bind(
        &[code(KeyCode::Enter)],
        "Enter",
        Action::FilterAccept,
        Filter,
        "keep the filter and go back to the list",
        Some("Enter keep"),
    ),
    bind(
        &[code(KeyCode::Esc)],
        "Esc",
        Action::FilterCancel,
        Filter,
        "clear the filter",
        Some("Esc clear"),
    ),
    bind(
        &[code(KeyCode::Backspace)],
        "Backspace",
        Action::FilterBackspace,
        Filter,
        "delete a character",
        None,
    ),
    bind(
        &[code(KeyCode::Up)],
        "↑",
        Action::Up,
        Filter,
        "move up the list while typing",
        None,
    ),
    bind(
        &[code(KeyCode::Down)],
        "↓",
        Action::Down,
        Filter,
        "move down the list while typing",
        None,
    ),
    bind(&[ctrl('c')], "Ctrl-C", Action::Quit, Filter, "quit", None),
    bind(
        &[code(KeyCode::Esc), ch('?'), ch('q')],
        "Esc ? q",
        Action::ToggleHelp,
        Help,
        "close this help",
        Some("Esc close"),
    ),
    bind(
        &[code(KeyCode::Up), ch('k')],
        "↑ k",
        Action::Up,
        Help,
        "scroll up",
        None,
    ),
    bind(
        &[code(KeyCode::Down), ch('j')],
        "↓ j",
        Action::Down,
        Help,
        "scroll down",
        None,
    ),
    bind(
        &[code(KeyCode::PageUp)],
        "PgUp",
        Action::PageUp,
        Help,
        "",
        None,
    ),
    bind(
        &[code(KeyCode::PageDown)],
        "PgDn",
        Action::PageDown,
        Help,
        "",
        None,
    ),
    bind(&[ctrl('c')], "Ctrl-C", Action::Quit, Help, "", None),
];

/// Which scopes are live now, most specific first.
fn live_scopes(app: &App) -> Vec<Scope> {
    if app.help.is_some() {
        vec![Scope::Help]
    } else if app.filter_editing {
        vec![Scope::Filter]
    } else {
        vec![Scope::Tab(app.tab), Scope::Global]
    }
}

fn matches(key: &Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if key.ctrl != ctrl {
        return false;
    }
    match (key.code, event.code) {
        // Letters come as upper case with Shift, or with Caps Lock: compare as typed.
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        (KeyCode::Tab, KeyCode::Tab) => !event.modifiers.contains(KeyModifiers::SHIFT),
        (a, b) => a == b,
    }
}

/// What a key press does in the app's current state, if anything.
pub fn action_for(app: &App, event: &KeyEvent) -> Option<Action> {
    for scope in live_scopes(app) {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.scope == scope && b.keys.iter().any(|k| matches(k, event)))
        {
            return Some(b.action.clone());
        }
    }
    if app.filter_editing
        && let KeyCode::Char(c) = event.code
        && !event.modifiers.contains(KeyModifiers::CONTROL)
        && !event.modifiers.contains(KeyModifiers::ALT)
    {
        return Some(Action::FilterChar(c));
    }
    None
}

/// How many global hints come before a tab's own in the status line.
const PRIMARY: usize = 4;

/// The status-line hints that apply now (`"? help"`, `"q quit"`…): `?` first so the way
/// to the full key map is always on screen, then the first global ones, then the tab's
/// own, then the other global ones (the line is cut where the terminal ends).
pub fn hints(app: &App) -> Vec<&'static str> {
    let scopes = live_scopes(app);
    let with_hint = |scope: Scope| {
        BINDINGS
            .iter()
            .filter(move |b| b.scope == scope)
            .filter_map(|b| b.hint.map(|h| (&b.action, h)))
    };
    let mut first = Vec::new();
    let mut specific = Vec::new();
    let mut rest = Vec::new();
    for &scope in &scopes {
        for (action, hint) in with_hint(scope) {
            if *action == Action::ToggleHelp {
                first.insert(0, hint);
            } else if matches!(scope, Scope::Tab(_)) {
                specific.push(hint);
            } else if first.len() < PRIMARY {
                first.push(hint);
            } else {
                rest.push(hint);
            }
        }
    }
    first.extend(specific);
    first.extend(rest);
    first
}

/// The help overlay's rows: `(heading, [(keys, what)])` per scope, in table order.
pub fn help_sections() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let scopes = [
        Scope::Global,
        Scope::Tab(Tab::Flows),
        Scope::Filter,
        Scope::Help,
    ];
    scopes
        .iter()
        .map(|&scope| {
            let rows = BINDINGS
                .iter()
                .filter(|b| b.scope == scope && !b.help.is_empty())
                .map(|b| (b.shown, b.help))
                .collect();
            (scope.heading(), rows)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope == b.scope {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.scope);
                    }
                }
            }
        }
    }
}
