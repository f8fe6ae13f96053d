//! A detail pane's content: lines of text, some of which are links that `Enter` follows.
//! Built from the state on demand (by the view to draw it, by `update` to move between
//! links), wrapped to the pane's width so both agree on which line is which.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::data::Target;
use super::theme::Theme;

/// At most this many links of one kind are listed in a detail pane (a node with 50,000
/// flows would otherwise build 50,000 lines per frame); the rest are counted.
pub const LINK_CAP: usize = 300;

/// Lines and the links among them.
#[derive(Debug, Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// `(line, target)` for every link line, in order.
    pub links: Vec<(usize, Target)>,
    width: usize,
}

impl Doc {
    /// An empty document for a pane `width` columns wide.
    pub fn new(width: u16) -> Doc {
        Doc {
            lines: Vec::new(),
            links: Vec::new(),
            width: usize::from(width).max(1),
        }
    }

    /// A bold heading.
    pub fn heading(&mut self, text: impl Into<String>, theme: Theme) {
        self.lines
            .push(Line::from(Span::styled(text.into(), theme.heading())));
    }

    /// An empty line (never two in a row, never first).
    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    /// A line as it is (clipped by the pane if too long).
    pub fn line(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    /// `label: value`, the value wrapped under itself.
    pub fn field(&mut self, label: &str, value: &str, theme: Theme) {
        self.field_styled(label, value, Style::new(), theme);
    }

    /// `label: value` with a style for the value.
    pub fn field_styled(&mut self, label: &str, value: &str, style: Style, theme: Theme) {
        let head = format!("{label}: ");
        let indent = head.chars().count().min(self.width / 2);
        let lines = wrap(value, self.width.saturating_sub(indent).max(1));
        for (i, text) in lines.into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(head.clone(), theme.dim())
            } else {
                Span::raw(" ".repeat(indent))
            };
            self.lines
                .push(Line::from(vec![lead, Span::styled(text, style)]));
        }
    }

    /// A paragraph, wrapped, each line indented by `indent` spaces.
    pub fn para(&mut self, text: &str, indent: usize, style: Style) {
        let indent = indent.min(self.width / 2);
        for text in wrap(text, self.width.saturating_sub(indent).max(1)) {
            self.lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(text, style),
            ]));
        }
    }

    /// After a capped list: "… and N more" when `total` exceeds [`LINK_CAP`].
    pub fn more(&mut self, total: usize, hint: &str, theme: Theme) {
        if total > LINK_CAP {
            self.para(
                &format!("… and {} more ({hint})", total - LINK_CAP),
                2,
                theme.dim(),
            );
        }
    }

    /// A link line: `  → ` and the spans; `Enter` on it goes to `target`. Too long for
    /// the pane, it wraps under its text (the first line is the link's).
    pub fn link(&mut self, spans: Vec<Span<'static>>, target: Target, theme: Theme) {
        let mut all = vec![Span::raw("  "), Span::styled("→ ", theme.link())];
        all.extend(spans);
        self.links.push((self.lines.len(), target));
        self.lines.extend(wrap_spans(all, self.width, 4));
    }
}

/// Greedy word wrap of styled spans to `width` columns, continuation lines indented by
/// `indent`; each word keeps its span's style; words longer than a line are cut.
pub fn wrap_spans(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width / 2);
    if spans.iter().map(|s| width_of(&s.content)).sum::<usize>() <= width {
        return vec![Line::from(spans)];
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // Whether the line is a continuation that has no word yet (spaces are dropped there).
    let mut fresh = false;
    // Ends a line (without its trailing spaces) and starts an indented one.
    let mut wrap = |line: &mut Vec<Span<'static>>, used: &mut usize, fresh: &mut bool| {
        while line.last().is_some_and(|s| s.content.trim().is_empty()) {
            line.pop();
        }
        lines.push(Line::from(std::mem::take(line)));
        line.push(Span::raw(" ".repeat(indent)));
        *used = indent;
        *fresh = true;
    };
    for span in spans {
        let style = span.style;
        // Words and the runs of spaces between them, in order.
        let mut rest: &str = &span.content;
        while !rest.is_empty() {
            let space = rest.starts_with(' ');
            let end = rest
                .find(|c: char| (c == ' ') != space)
                .unwrap_or(rest.len());
            let (token, tail) = rest.split_at(end);
            rest = tail;
            let w = width_of(token);
            if space {
                if !fresh && used + w <= width {
                    line.push(Span::styled(token.to_string(), style));
                    used += w;
                }
                continue;
            }
            if used + w > width && used > 0 && !fresh {
                wrap(&mut line, &mut used, &mut fresh);
            }
            fresh = false;
            if used + w <= width {
                line.push(Span::styled(token.to_string(), style));
                used += w;
                continue;
            }
            for c in token.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > indent {
                    wrap(&mut line, &mut used, &mut fresh);
                    fresh = false;
                }
                line.push(Span::styled(c.to_string(), style));
                used += cw;
            }
        }
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Greedy word wrap to `width` columns; words longer than a line are cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split_whitespace() {
            let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= width {
                line.push_str(word);
                used = w;
                continue;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

/// How many columns `text` takes on a terminal.
pub fn width_of(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` cut to `width` columns, the cut marked with `…` (the text as it is when it fits).
pub fn ellipsize(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `line` cut to `width` columns, the cut marked with `…` in the style of the span it
/// falls in (the line as it is when it fits).
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let style = line.style;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = width_of(&span.content);
        if used + w < width {
            used += w;
            spans.push(span);
            continue;
        }
        let cut = ellipsize(&format!("{}…", span.content), width - used);
        spans.push(Span::styled(cut, span.style));
        break;
    }
    if spans.is_empty() && width > 0 {
        spans.push(Span::raw("…"));
    }
    Line::from(spans).style(style)
}

#[cfg(test)]
mod tests {
    use super::{Line, Span, ellipsize, fit_line, wrap};

    #[test]
    fn long_links_wrap_under_their_text() {
        let spans = vec![
            Span::raw("  → "),
            Span::raw("website-data (US, *)"),
            Span::raw("  ⇄ EEA → US, * (collection, not a transfer)"),
        ];
        let lines: Vec<String> = super::wrap_spans(spans, 40, 4)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines,
            [
                "  → website-data (US, *)  ⇄ EEA → US, *",
                "    (collection, not a transfer)"
            ]
        );
    }

    #[test]
    fn a_cut_line_keeps_its_styles_and_ends_in_an_ellipsis() {
        let line = Line::from(vec![Span::raw("EEA, US, * "), Span::raw("→ US")]);
        assert_eq!(fit_line(line.clone(), 20).to_string(), "EEA, US, * → US");
        assert_eq!(fit_line(line.clone(), 14).to_string(), "EEA, US, * → …");
        assert_eq!(fit_line(line.clone(), 11).to_string(), "EEA, US, *…");
        assert_eq!(fit_line(line, 1).to_string(), "…");
    }

    #[test]
    fn a_cut_is_marked() {
        assert_eq!(ellipsize("website-data", 20), "website-data");
        assert_eq!(ellipsize("website-data", 12), "website-data");
        assert_eq!(ellipsize("website-data", 8), "website…");
        assert_eq!(ellipsize("EEA → US", 6), "EEA →…");
        assert_eq!(ellipsize("ab", 1), "…");
        assert_eq!(ellipsize("ab", 0), "");
    }

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert_eq!(wrap("x", 0), vec!["x"]);
    }
}
