//! Small text rules shared by every output: how many categories a label shows, the
//! "+N more" that stands for the rest, and whether colour is off (`NO_COLOR`).

/// How many categories an edge label (DOT, Mermaid) shows before "+N more".
pub const LABEL_CATEGORIES: usize = 3;

/// The first `shown` of `items`, each passed through `each` and joined with ", ", then
/// " +N more" for the rest: `contact.email, contact.name +2 more`.
pub fn first_and_more<T: AsRef<str>>(
    items: impl IntoIterator<Item = T>,
    shown: usize,
    each: impl Fn(&str) -> String,
) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(shown);
    let mut rest = 0;
    for item in items {
        if parts.len() < shown {
            parts.push(each(item.as_ref()));
        } else {
            rest += 1;
        }
    }
    let mut text = parts.join(", ");
    if rest > 0 {
        text.push_str(&format!(" +{rest} more"));
    }
    text
}

/// The most characters of a value a message quotes (SECURITY.md).
pub const MAX_QUOTE: usize = 160;

/// The most characters of a whole message (its quoted values already cut).
pub const MAX_MESSAGE: usize = 1000;

/// `message` with every value it quotes (between backticks or double quotes) cut to
/// [`MAX_QUOTE`] characters, marked `…`, and the whole cut to [`MAX_MESSAGE`]: a load
/// error about a megabyte-long name stays a line.
pub fn clip_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE + 8));
    let mut open: Option<char> = None;
    let mut quoted = 0usize;
    for c in message.chars() {
        match open {
            Some(q) if c == q => {
                open = None;
                out.push(c);
            }
            Some(_) => {
                quoted += 1;
                if quoted <= MAX_QUOTE {
                    out.push(c);
                } else if quoted == MAX_QUOTE + 1 {
                    out.push('…');
                }
            }
            None => {
                if c == '`' || c == '"' {
                    open = Some(c);
                    quoted = 0;
                }
                out.push(c);
            }
        }
    }
    if out.chars().count() > MAX_MESSAGE {
        out = out.chars().take(MAX_MESSAGE).collect();
        out.push('…');
    }
    out
}

/// Whether `NO_COLOR` turns colour off: any non-empty value does (<https://no-color.org>),
/// `NO_COLOR=0` included. The report and the terminal UI both ask here.
pub fn no_color() -> bool {
    no_color_in(std::env::var_os("NO_COLOR"))
}

fn no_color_in(value: Option<std::ffi::OsString>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_non_empty_no_color_turns_colour_off() {
        assert!(no_color_in(Some("1".into())));
        assert!(no_color_in(Some("0".into())), "no-color.org: any value");
        assert!(!no_color_in(Some("".into())));
        assert!(!no_color_in(None));
    }

    #[test]
    fn quoted_values_are_cut_and_the_rest_kept() {
        let long = "x".repeat(1_000_000);
        let clipped = clip_quoted(&format!("unknown name `{long}` in \"{long}\" here"));
        assert_eq!(
            clipped,
            format!(
                "unknown name `{}…` in \"{}…\" here",
                "x".repeat(160),
                "x".repeat(160)
            )
        );
        assert_eq!(clip_quoted("plain `short` text"), "plain `short` text");
        assert!(clip_quoted(&"y".repeat(5000)).chars().count() <= MAX_MESSAGE + 1);
    }

    #[test]
    fn shows_the_first_then_counts_the_rest() {
        let items = ["a", "b", "c", "d", "e"];
        assert_eq!(first_and_more(items, 3, str::to_string), "a, b, c +2 more");
        assert_eq!(first_and_more(&items[..3], 3, str::to_string), "a, b, c");
        assert_eq!(first_and_more(&items[..1], 3, |s| format!("<{s}>")), "<a>");
        assert_eq!(first_and_more(Vec::<String>::new(), 3, str::to_string), "");
    }
}
