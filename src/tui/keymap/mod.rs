//! The key map: ONE table of bindings. It decides what a key does, and the same rows
//! feed the `?` help overlay and the hints in the status line, so the three can never
//! disagree: how a key is written there is derived from the key itself ([`Key::label`]),
//! never typed beside it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::App;
use super::tabs::Tab;

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

impl Key {
    /// How the key is written in the help overlay: `q`, `Ctrl-C`, `Enter`, `↑`, `PgUp`,
    /// `Shift-Tab`.
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(c) if self.ctrl => return format!("Ctrl-{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => return c.to_string(),
            KeyCode::Enter => "Enter",
            KeyCode::Backspace => "Backspace",
            KeyCode::Tab => "Tab",
            KeyCode::BackTab => "Shift-Tab",
            KeyCode::Esc => "Esc",
            KeyCode::Up => "↑",
            KeyCode::Down => "↓",
            KeyCode::Left => "←",
            KeyCode::Right => "→",
            KeyCode::PageUp => "PgUp",
            KeyCode::PageDown => "PgDn",
            KeyCode::Home => "Home",
            KeyCode::End => "End",
            other => return format!("{other:?}"),
        };
        name.to_string()
    }

    /// How the key is written in a status-line hint, where room is short (`Bksp`).
    pub fn short(self) -> String {
        match self.code {
            KeyCode::Backspace => "Bksp".into(),
            _ => self.label(),
        }
    }

    /// The digit of a plain digit key.
    fn digit(self) -> Option<u32> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl => c.to_digit(10),
            _ => None,
        }
    }
}

/// How `keys` are written: each key's label, a space between them, and a run of digits
/// as a range (`1–6`; `1-6` with `short`).
pub fn keys_label(keys: &[Key], short: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < keys.len() {
        let mut end = k;
        while let (Some(a), Some(b)) =
            (keys[end].digit(), keys.get(end + 1).and_then(|k| k.digit()))
            && b == a + 1
        {
            end += 1;
        }
        let label = |key: Key| if short { key.short() } else { key.label() };
        parts.push(if end > k {
            let dash = if short { "-" } else { "–" };
            format!("{}{dash}{}", label(keys[k]), label(keys[end]))
        } else {
            label(keys[k])
        });
        k = end + 1;
    }
    parts.join(" ")
}

/// The keys `1`, `2`, … that go to the tabs, one per tab in [`Tab::ALL`] order.
const TAB_KEYS: [Key; Tab::COUNT] = {
    assert!(Tab::COUNT <= 9, "one digit per tab");
    let mut keys = [ch('1'); Tab::COUNT];
    let mut i = 0;
    while i < Tab::COUNT {
        keys[i] = ch((b'1' + i as u8) as char);
        i += 1;
    }
    keys
};

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
    pub fn heading(self) -> String {
        match self {
            Scope::Global => "Everywhere".into(),
            Scope::Tab(tab) => format!("{} tab", tab.title()),
            Scope::Filter => "Filter box (after /)".into(),
            Scope::Help => "This help".into(),
        }
    }

    /// Every scope, in the order the help overlay lists them: each tab's after the
    /// global ones.
    pub fn all() -> impl Iterator<Item = Scope> {
        std::iter::once(Scope::Global)
            .chain(Tab::ALL.into_iter().map(Scope::Tab))
            .chain([Scope::Filter, Scope::Help])
    }
}

/// What a binding does.
#[derive(Debug, Clone)]
pub enum Does {
    /// This action, whichever of its keys is pressed.
    Act(Action),
    /// The `n`th key goes to the `n`th tab of [`Tab::ALL`].
    GoTab,
}

impl Does {
    /// The action of the `pos`th key of the binding.
    fn action(&self, pos: usize) -> Action {
        match self {
            Does::Act(action) => action.clone(),
            Does::GoTab => Action::GoTab(Tab::ALL[pos.min(Tab::COUNT - 1)]),
        }
    }
}

/// One row of the key map.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    pub does: Does,
    pub scope: Scope,
    /// What it does, for the help overlay ("" keeps a row out of the overlay, for keys
    /// that an earlier row already describes).
    pub help: &'static str,
    /// The word of its hint in the status line (`sort`, after the key: `s sort`), when
    /// the binding is worth one there.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// How its keys are written in the help overlay (`PgUp Ctrl-U`, `1–6`).
    pub fn shown(&self) -> String {
        keys_label(self.keys, false)
    }

    /// What it does, for the help overlay (`go to a tab: 1 Nodes, 2 Flows…`).
    pub fn what(&self) -> String {
        match self.does {
            Does::Act(_) => self.help.to_string(),
            Does::GoTab => {
                let tabs: Vec<String> = Tab::ALL
                    .iter()
                    .zip(TAB_KEYS)
                    .map(|(tab, key)| format!("{} {}", key.label(), tab.title()))
                    .collect();
                format!("{}: {}", self.help, tabs.join(", "))
            }
        }
    }

    /// Its status-line hint, as the key (the first, in short) and the word.
    pub fn hint(&self) -> Option<(String, &'static str)> {
        let first = match self.does {
            Does::GoTab => self.keys,
            Does::Act(_) => &self.keys[..self.keys.len().min(1)],
        };
        self.hint.map(|word| (keys_label(first, true), word))
    }
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    scope: Scope,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        does: Does::Act(action),
        scope,
        help,
        hint,
    }
}

mod bindings;

pub use bindings::BINDINGS;

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
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            if let Some(pos) = b.keys.iter().position(|k| matches(k, event)) {
                return Some(b.does.action(pos));
            }
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

/// The status-line hints that apply now, as (key, word): `("?", "help")`, `("q",
/// "quit")`…; `?` first so the way to the full key map is always on screen, then the
/// first global ones, then the tab's own, then the other global ones (the line is cut
/// where the terminal ends). A global hint whose key the tab binds itself is left out.
pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let mut first = Vec::new();
    let mut specific = Vec::new();
    let mut rest = Vec::new();
    let scopes = live_scopes(app);
    // A key the tab binds itself does not do what the global binding says there.
    let shadowed = |b: &Binding| {
        b.scope == Scope::Global
            && BINDINGS.iter().any(|t| {
                matches!(t.scope, Scope::Tab(_))
                    && scopes.contains(&t.scope)
                    && t.keys[..1] == b.keys[..1]
            })
    };
    for &scope in &scopes {
        for b in BINDINGS.iter().filter(|b| b.scope == scope && !shadowed(b)) {
            let Some(hint) = b.hint() else { continue };
            if matches!(b.does, Does::Act(Action::ToggleHelp)) {
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

/// One section of the help overlay: a scope's heading and its rows, (keys, what).
pub type HelpSection = (String, Vec<(String, String)>);

/// The help overlay's rows: a section per scope that has any (every tab's own keys
/// included), in table order.
pub fn help_sections() -> Vec<HelpSection> {
    sections(BINDINGS)
}

fn sections(bindings: &[Binding]) -> Vec<HelpSection> {
    Scope::all()
        .filter_map(|scope| {
            let rows: Vec<(String, String)> = bindings
                .iter()
                .filter(|b| b.scope == scope && !b.help.is_empty())
                .map(|b| (b.shown(), b.what()))
                .collect();
            // A tab without keys of its own has no section; the other scopes always do.
            let empty_tab = rows.is_empty() && matches!(scope, Scope::Tab(_));
            (!empty_tab).then(|| (scope.heading(), rows))
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

    /// A key bound on any tab shows under `?`, under that tab's name; a tab without
    /// keys of its own shows no empty section.
    #[test]
    fn the_help_lists_every_tab_keys() {
        const X: &[Key] = &[ch('x')];
        let mut table = BINDINGS.to_vec();
        table.push(bind(
            X,
            Action::Export,
            Scope::Tab(Tab::Trace),
            "x marks",
            None,
        ));
        let shown = sections(&table);
        let headings: Vec<&str> = shown.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Everywhere",
                "Flows tab",
                "Trace tab",
                "Timeline tab",
                "Filter box (after /)",
                "This help"
            ]
        );
        assert_eq!(shown[2].1, [("x".to_string(), "x marks".to_string())]);
        // And every row of the real table is in the overlay, under its scope.
        for b in BINDINGS.iter().filter(|b| !b.help.is_empty()) {
            let (_, rows) = help_sections()
                .into_iter()
                .find(|(h, _)| *h == b.scope.heading())
                .expect("a section for every scope with keys");
            assert!(rows.contains(&(b.shown(), b.what())), "{:?}", b.keys);
        }
    }

    /// How keys are written comes from the keys: labels, a space between, digit runs as
    /// ranges; hints take the first key, short.
    #[test]
    fn shown_keys_are_derived_from_the_keys() {
        assert_eq!(keys_label(&[ch('q'), ctrl('c')], false), "q Ctrl-C");
        assert_eq!(
            keys_label(&[code(KeyCode::PageUp), ctrl('u')], false),
            "PgUp Ctrl-U"
        );
        assert_eq!(keys_label(&[code(KeyCode::BackTab)], false), "Shift-Tab");
        assert_eq!(keys_label(&[code(KeyCode::Up), ch('k')], false), "↑ k");
        assert_eq!(keys_label(&TAB_KEYS, false), format!("1–{}", Tab::COUNT));
        assert_eq!(keys_label(&[ch('1'), ch('3'), ch('4')], true), "1 3-4");
        assert_eq!(keys_label(&[code(KeyCode::Backspace)], true), "Bksp");
        let tabs = BINDINGS
            .iter()
            .find(|b| matches!(b.does, Does::GoTab))
            .unwrap();
        assert_eq!(tabs.hint(), Some((format!("1-{}", Tab::COUNT), "tabs")));
        assert!(
            tabs.what().ends_with("5 Policy, 6 Trace, 7 Timeline"),
            "{}",
            tabs.what()
        );
        // Every key of the table has a name of its own (no debug fallback).
        for b in BINDINGS {
            for k in b.keys {
                assert!(!k.label().contains('('), "{k:?}");
            }
        }
    }

    #[test]
    fn digit_keys_go_to_their_tabs() {
        let app = App::new(
            crate::tui::data::Data::load(&crate::load::Origin::Builtin, None).unwrap(),
            crate::load::Origin::Builtin,
            None,
        );
        for (tab, key) in Tab::ALL.into_iter().zip(TAB_KEYS) {
            let KeyCode::Char(c) = key.code else { panic!() };
            let event = KeyEvent::from(KeyCode::Char(c));
            assert_eq!(action_for(&app, &event), Some(Action::GoTab(tab)));
        }
    }
}
