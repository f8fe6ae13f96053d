//! The one Markdown writer of every `--format markdown` (`diff`, `timeline`): code spans
//! and prose that user text cannot break out of, in GitHub-flavoured Markdown.
//!
//! Inside a code span nothing is escaped but what would end it (a backtick becomes `'`)
//! and, in a table cell, the `|` that GitHub would split the row at: `a->b` stays `a->b`.
//! Outside code, Markdown and HTML syntax is escaped.

use crate::sanitize::terminal;

/// Inline code that cannot be broken out of: no backticks, no newlines, no controls.
pub fn code(s: &str) -> String {
    format!("`{}`", terminal(s).replace('`', "'"))
}

/// [`code`] in a table cell: GitHub splits a row at every `|` that does not follow a
/// backslash, inside code spans too (and shows `\|` there as `|`).
pub fn cell_code(s: &str) -> String {
    code(s).replace('|', "\\|")
}

/// Prose (a message, a verdict, a route), safe in a table cell too: what it puts in
/// backticks stays code; everything else has its Markdown and HTML syntax escaped, so
/// user text inside cannot open a tag, a link, an image or a new cell. A stray backtick
/// in user text only moves where code starts: every piece is inert either way.
pub fn text(s: &str) -> String {
    let mut out = String::new();
    for (k, part) in terminal(s).split('`').enumerate() {
        if k % 2 == 1 {
            out.push_str(&cell_code(part));
            continue;
        }
        for c in part.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\\' | '[' | ']' | '|' | '*' | '_' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_keeps_arrows_and_drops_what_would_end_it() {
        assert_eq!(code("cookies->ad-networks"), "`cookies->ad-networks`");
        assert_eq!(code("a`b"), "`a'b`");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn text_escapes_outside_code_only() {
        assert_eq!(text("a <b> `c->d` [e]"), "a &lt;b&gt; `c->d` \\[e\\]");
    }
}
