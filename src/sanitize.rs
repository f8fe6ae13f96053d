//! Neutralising text from an inventory before it reaches a terminal.
//!
//! Anything a user writes may hold control characters, escape sequences or bidi
//! overrides. On a terminal they would be executed (clear the screen, set the title,
//! reorder text), so they are shown as visible escapes instead.

use std::borrow::Cow;

/// Whether a character would be interpreted rather than shown by a terminal.
pub fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of text for a terminal: hazards become `\u{…}` escapes (newlines and tabs
/// included, so a value can never break a line).
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hazard(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A whole file for quoting on a terminal: keeps newlines and tabs, and replaces each
/// other hazard with one visible character (`�`), so character columns do not move.
pub fn terminal_source(text: &str) -> Cow<'_, str> {
    let hazard = |c: char| is_hazard(c) && c != '\n' && c != '\t';
    if !text.chars().any(hazard) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if hazard(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_bidi() {
        assert_eq!(terminal("plain"), "plain");
        assert_eq!(terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal("x\u{202e}y\n"), "x\\u{202e}y\\u{a}");
        assert_eq!(terminal("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(
            terminal_source("a\u{1b}b\n\tc\u{7}"),
            "a\u{FFFD}b\n\tc\u{FFFD}"
        );
    }
}
