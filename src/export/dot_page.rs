//! How the DOT map fits a page: the default map is for a report printed on A4 landscape
//! (11.69 × 8.27 in), so Graphviz is told the page ([`PAGE_SIZE`]: the drawing is scaled
//! down to it when larger, never up) and the drawing is kept compact before that —
//! node names cut to [`NAME_CHARS`] (the whole name is in the tooltip), edge labels
//! wrapped to [`LABEL_LINE_CHARS`] per line with the markers on one line, tight rank and
//! node separation — so the scale stays readable. Each edge label is tied to its edge by
//! a line (`decorate=true`), so labels in a fan (the flows out of one store) can be
//! matched to their edges ([`edge_label`]). A map too large for that is drawn better with `--aggregate`.

use std::fmt::Write;

use crate::text::LABEL_CATEGORIES;

/// The drawing's largest size, in inches: A4 landscape less a margin.
pub const PAGE_SIZE: &str = "11.0,7.7";

/// The most characters of a node's name the map shows (then `…`).
pub const NAME_CHARS: usize = 40;

/// The most characters of an edge label's line of categories.
pub const LABEL_LINE_CHARS: usize = 24;

/// A node's name as the map shows it: cut at a word boundary to [`NAME_CHARS`], with `…`.
pub fn short_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_string();
    }
    let cut: String = name.chars().take(NAME_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > NAME_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{} …", cut.trim_end_matches([',', ';', ' ']))
}

/// `items` joined with `, `, broken into lines of at most [`LABEL_LINE_CHARS`] characters
/// (an item longer than that gets a line of its own).
pub fn wrap_list(items: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in items {
        let wanted = line.chars().count() + 2 + item.chars().count();
        if !line.is_empty() && wanted > LABEL_LINE_CHARS {
            line.push(',');
            lines.push(std::mem::take(&mut line));
        } else if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An edge's label: `⇄` when it crosses a border, the first categories wrapped to the
/// page's line length (`+N more` for the rest), then one line of markers: `⚖ restricted:
/// EU` and `! FM202, FM105` (each line an escaped DOT line, joined by `\n`).
pub fn edge_label<'r>(
    data: &[impl AsRef<str>],
    cross: bool,
    restricted: &str,
    rules: Option<impl Iterator<Item = &'r str>>,
) -> String {
    let shown: Vec<String> = data
        .iter()
        .take(LABEL_CATEGORIES)
        .map(|c| crate::sanitize::dot(c.as_ref()))
        .collect();
    let mut lines = wrap_list(&shown);
    if data.len() > shown.len()
        && let Some(last) = lines.last_mut()
    {
        let _ = write!(last, " +{} more", data.len() - shown.len());
    }
    if cross && let Some(first) = lines.first_mut() {
        first.insert_str(0, "⇄ ");
    }
    let mut marks = Vec::new();
    if !restricted.is_empty() {
        marks.push(format!("⚖ restricted: {restricted}"));
    }
    if let Some(rules) = rules {
        marks.push(format!("! {}", rules.collect::<Vec<_>>().join(", ")));
    }
    if !marks.is_empty() {
        lines.push(marks.join(" · "));
    }
    lines.join("\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(short_name("Web server log files"), "Web server log files");
        let long = "Third parties receiving disclosures to enforce the terms or protect rights";
        let short = short_name(long);
        assert!(
            short.ends_with(" …") && short.chars().count() <= NAME_CHARS + 1,
            "{short}"
        );
        assert!(long.starts_with(short.trim_end_matches(" …")), "{short}");
    }

    #[test]
    fn lists_wrap_between_items() {
        let items: Vec<String> = ["contact.name", "contact.email", "org.name"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            wrap_list(&items),
            ["contact.name,", "contact.email, org.name"]
        );
    }
}
