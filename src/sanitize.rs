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

/// A character of a quoted source line as a terminal may show it: newlines and tabs
/// stay, every other hazard becomes one visible character (`�`), so character columns
/// do not move.
pub fn source_char(c: char) -> char {
    if is_hazard(c) && c != '\n' && c != '\t' {
        '\u{FFFD}'
    } else {
        c
    }
}

/// JSON text (from serde_json) safe to print on a terminal: serde_json escapes only C0
/// controls, so DEL, C1 controls (U+009B is CSI to some terminals) and bidi overrides
/// would reach the output raw. Each becomes a `\uXXXX` escape; the JSON decodes to the
/// same value. Outside strings serde_json writes only ASCII, so every such character is
/// inside a string.
pub fn json(text: String) -> String {
    if !text
        .chars()
        .any(|c| is_hazard(c) && !c.is_ascii_whitespace())
    {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hazard(c) && !c.is_ascii_whitespace() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes text for the inside of a DOT double-quoted string. Control characters,
/// escape sequences and bidi overrides become visible `\u{…}` text first; then every
/// backslash is doubled and every quote escaped, so no text can end the string, start
/// a statement, or form a Graphviz escape such as `\N` or `\l`.
pub fn dot(text: &str) -> String {
    let visible = terminal(text);
    let mut out = String::with_capacity(visible.len() + 2);
    for c in visible.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out
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
        let quoted: String = "a\u{1b}b\n\tc\u{7}".chars().map(source_char).collect();
        assert_eq!(quoted, "a\u{FFFD}b\n\tc\u{FFFD}");
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let text = serde_json::to_string(&"a\u{7f}\u{9b}2J\u{202e}b\u{1b}\n").unwrap();
        let safe = json(text);
        assert_eq!(safe, r#""a\u007f\u009b2J\u202eb\u001b\n""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{7f}\u{9b}2J\u{202e}b\u{1b}\n");
        assert_eq!(json("{\n  \"a\": 1\n}".into()), "{\n  \"a\": 1\n}");
    }
}
