//! A filterable, scrollable list of rows: the query, the rows that match (in the list's
//! own order), the selection and the first visible row.
//!
//! Filtering is fuzzy and ignores case (nucleo-matcher, one fuzzy atom per word, no
//! special syntax). Each word must match within one field of a row (an id, a data
//! category, a purpose…), not scattered across all of them, or a few letters would
//! match nearly every row. It keeps the list's order rather than ranking by score: a
//! table sorted by a column stays sorted. When a query extends the previous one, only the
//! rows that matched before are matched again (a longer query can only match fewer
//! rows), so typing stays fast on 100,000 rows.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

/// What the filter matches a row against: its fields, in one string.
#[derive(Debug, Clone, Default)]
pub struct Hay {
    text: Utf32String,
    /// Where each field starts and ends (in characters), pairwise.
    cuts: Box<[u32]>,
}

impl Hay {
    /// The fields of a row.
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a str>) -> Hay {
        let mut text = String::new();
        let mut cuts = Vec::new();
        let mut at = 0u32;
        for field in fields {
            if field.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
                at += 1;
            }
            text.push_str(field);
            let len = field.chars().count() as u32;
            cuts.push(at);
            cuts.push(at + len);
            at += len;
        }
        Hay {
            text: Utf32String::from(text.as_str()),
            cuts: cuts.into_boxed_slice(),
        }
    }

    /// Whether every word of `pattern` matches within some field.
    pub fn matches(&self, pattern: &Pattern, matcher: &mut Matcher) -> bool {
        let whole = self.text.slice(..);
        pattern.atoms.iter().all(|atom| {
            // The whole string first: most rows fail here, in one call.
            atom.score(whole, matcher).is_some()
                && self.cuts.chunks_exact(2).any(|c| {
                    atom.score(whole.slice(c[0] as usize..c[1] as usize), matcher)
                        .is_some()
                })
        })
    }
}

/// The fuzzy matcher and its scratch memory, reused across keystrokes.
pub struct Fuzzy {
    matcher: Matcher,
}

impl std::fmt::Debug for Fuzzy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fuzzy")
    }
}

impl Default for Fuzzy {
    fn default() -> Fuzzy {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
        }
    }
}

/// One list's filter and selection.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// What the user typed after `/`.
    pub query: String,
    /// The query `shown` was computed for.
    applied: String,
    /// The rows that match, in display order (row numbers of the tab's rows).
    pub shown: Vec<u32>,
    /// How many rows there are before the query (after toggles).
    pub total: usize,
    /// Position of the selection in `shown`.
    pub selected: usize,
    /// Position in `shown` of the first visible row.
    pub offset: usize,
}

impl Listing {
    /// A list showing every row of `base`.
    pub fn new(base: Vec<u32>) -> Listing {
        Listing {
            total: base.len(),
            shown: base,
            ..Listing::default()
        }
    }

    /// The selected row, if the list is not empty.
    pub fn selected_row(&self) -> Option<u32> {
        self.shown.get(self.selected).copied()
    }

    /// Whether a filter narrows the list.
    pub fn is_filtered(&self) -> bool {
        !self.query.is_empty()
    }

    /// Selects `row` if it is shown; returns whether it is.
    pub fn select_row(&mut self, row: u32) -> bool {
        match self.shown.iter().position(|&r| r == row) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    /// Moves the selection by `delta` rows, within the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects the last row.
    pub fn bottom(&mut self) {
        self.selected = self.shown.len().saturating_sub(1);
    }

    /// Recomputes `shown` from `base` (the rows before filtering, in display order) and
    /// the query. `base_changed` says `base` is not what the last call saw (a toggle or
    /// a new sort), which rules out narrowing the previous matches. The selection stays
    /// on the same row when it still matches, else goes to the first match.
    pub fn refilter<'h>(
        &mut self,
        base: &[u32],
        base_changed: bool,
        hay: impl Fn(u32) -> &'h Hay,
        fuzzy: &mut Fuzzy,
    ) {
        let keep = self.selected_row();
        self.total = base.len();
        if self.query.trim().is_empty() {
            self.shown = base.to_vec();
        } else {
            let pattern = Pattern::new(
                &self.query,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            );
            // A trailing backslash escapes what comes next, so "a\" + " " is not
            // narrower than "a\": start again from the base then.
            let narrows = !base_changed
                && !self.applied.trim().is_empty()
                && self.query.starts_with(&self.applied)
                && !self.applied.ends_with('\\');
            let from: &[u32] = if narrows { &self.shown } else { base };
            let matcher = &mut fuzzy.matcher;
            let shown: Vec<u32> = from
                .iter()
                .copied()
                .filter(|&row| hay(row).matches(&pattern, matcher))
                .collect();
            self.shown = shown;
        }
        self.applied.clone_from(&self.query);
        self.selected = 0;
        if let Some(row) = keep {
            self.select_row(row);
        }
        self.offset = self.offset.min(self.selected);
    }
}

/// The first visible position so that `selected` is on screen in `height` rows, moving
/// `offset` as little as possible.
pub fn keep_visible(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return selected.min(len.saturating_sub(1));
    }
    let mut offset = offset.min(len.saturating_sub(height));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    fn list(words: &[&str]) -> (Vec<Hay>, Listing) {
        let hays = words.iter().map(|w| Hay::new(w.split(' '))).collect();
        (hays, Listing::new((0..words.len() as u32).collect()))
    }

    #[test]
    fn narrows_and_widens() {
        let (hays, mut l) = list(&[
            "web-forms",
            "crm",
            "Ad-Networks",
            "website-data",
            "a d n e t",
        ]);
        let base: Vec<u32> = (0..5).collect();
        let mut fuzzy = Fuzzy::default();
        let mut typed = |l: &mut Listing, q: &str| {
            l.query = q.into();
            l.refilter(&base, false, |r| &hays[r as usize], &mut fuzzy);
            l.shown.clone()
        };
        assert_eq!(typed(&mut l, "w"), vec![0, 2, 3]);
        assert_eq!(typed(&mut l, "web"), vec![0, 3]);
        assert_eq!(typed(&mut l, "web d"), vec![3]);
        assert_eq!(typed(&mut l, "we"), vec![0, 2, 3]);
        assert_eq!(typed(&mut l, "AD-N"), vec![2]);
        // Letters scattered over several fields do not match.
        assert_eq!(typed(&mut l, "adnet"), vec![2]);
        assert_eq!(typed(&mut l, "a t"), vec![2, 3, 4]);
        assert_eq!(typed(&mut l, ""), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn keeps_selection_visible() {
        assert_eq!(keep_visible(0, 5, 3, 10), 3);
        assert_eq!(keep_visible(4, 2, 3, 10), 2);
        assert_eq!(keep_visible(9, 9, 3, 10), 7);
        assert_eq!(keep_visible(0, 0, 0, 0), 0);
    }
}
