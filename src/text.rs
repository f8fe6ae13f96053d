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
    fn shows_the_first_then_counts_the_rest() {
        let items = ["a", "b", "c", "d", "e"];
        assert_eq!(first_and_more(items, 3, str::to_string), "a, b, c +2 more");
        assert_eq!(first_and_more(&items[..3], 3, str::to_string), "a, b, c");
        assert_eq!(first_and_more(&items[..1], 3, |s| format!("<{s}>")), "<a>");
        assert_eq!(first_and_more(Vec::<String>::new(), 3, str::to_string), "");
    }
}
