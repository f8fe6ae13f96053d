//! A filterable, scrollable list of rows: the query, the rows that match (in the list's
//! own order), the selection and the first visible row.
//!
//! The filter matches what a row shows on screen (a node's group, id and places, not
//! its name, which only its detail shows), so that a match can be seen. One exception,
//! kept on purpose: a flow also matches its own id, mechanism and route, which the
//! Findings and Transfers tabs name it by and its detail (under the table) shows.
//! Filtering is fuzzy and ignores case (nucleo-matcher, one fuzzy atom per word, no
//! special syntax). Each word must match within one field of a row (an id, a data
//! category, a purpose…), not scattered across all of them, or a few letters would
//! match nearly every row. It keeps the list's order rather than ranking by score: a
//! table sorted by a column stays sorted. When a query extends the previous one, only the
//! rows that matched before are matched again (a longer query can only match fewer
//! rows), so typing stays fast on 100,000 rows.

#[cfg(test)]
use nucleo_matcher::Utf32String;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// What the filter matches, for every row of a list: each row's fields, all in one
/// buffer (a filter keystroke on 100,000 rows then reads memory in order).
#[derive(Debug, Clone, Default)]
pub struct Hays {
    text: String,
    /// Row `r`'s fields are `cuts[rows[r]..rows[r + 1]]`, as (start, end) byte pairs.
    rows: Vec<u32>,
    cuts: Vec<u32>,
    /// Whether row `r` is all ASCII (then only the fast path is needed).
    ascii: Vec<bool>,
}

impl Hays {
    /// Adds a row: its fields (empty ones are skipped).
    pub fn push<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        if self.rows.is_empty() {
            self.rows.push(0);
        }
        let mut ascii = true;
        for field in fields {
            ascii &= field.is_ascii();
            if field.is_empty() {
                continue;
            }
            self.cuts.push(self.text.len() as u32);
            // Lower case (ASCII letters only: the fast path compares bytes; nucleo, for
            // the rest, ignores case anyway).
            self.text
                .extend(field.chars().map(|c| c.to_ascii_lowercase()));
            self.cuts.push(self.text.len() as u32);
        }
        self.rows.push(self.cuts.len() as u32);
        self.ascii.push(ascii);
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `row`'s cuts, and all its fields as one string (they are adjacent).
    fn row(&self, row: u32) -> (&[u32], &str) {
        let r = row as usize;
        let (a, b) = match (self.rows.get(r), self.rows.get(r + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        let cuts = &self.cuts[a..b];
        let all = match (cuts.first(), cuts.last()) {
            (Some(&start), Some(&end)) => &self.text[start as usize..end as usize],
            _ => "",
        };
        (cuts, all)
    }

    /// Whether every word of the query matches within some field of `row`.
    pub fn matches(&self, row: u32, query: &Query, fuzzy: &mut Fuzzy) -> bool {
        let (cuts, all) = self.row(row);
        let field = |c: &[u32]| &self.text[c[0] as usize..c[1] as usize];
        if let Some(needles) = &query.ascii
            && self.ascii.get(row as usize) == Some(&true)
        {
            // Not in the whole row, in no field either: most rows stop there.
            return needles.iter().all(|n| {
                is_subsequence(n, all.as_bytes())
                    && cuts
                        .chunks_exact(2)
                        .any(|c| is_subsequence(n, field(c).as_bytes()))
            });
        }
        query.pattern.atoms.iter().enumerate().all(|(k, atom)| {
            let needle = query.ascii.as_ref().map(|n| n[k].as_slice());
            cuts.chunks_exact(2).any(|c| {
                let field = field(c);
                match needle {
                    Some(n) if field.is_ascii() => is_subsequence(n, field.as_bytes()),
                    _ => {
                        let hay = Utf32Str::new(field, &mut fuzzy.chars);
                        atom.score(hay, &mut fuzzy.matcher).is_some()
                    }
                }
            })
        })
    }
}

/// A query, parsed once per keystroke.
pub struct Query {
    pattern: Pattern,
    /// Its words as lower-case ASCII, when they all are (the fast path).
    ascii: Option<Vec<Vec<u8>>>,
}

impl Query {
    /// One fuzzy, case-insensitive word per whitespace-separated word of `text`.
    pub fn new(text: &str) -> Query {
        let pattern = Pattern::new(
            text,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let ascii = ascii_needles(&pattern);
        Query { pattern, ascii }
    }
}

/// The words of a pattern as lower-case ASCII bytes, when they are all ASCII.
fn ascii_needles(pattern: &Pattern) -> Option<Vec<Vec<u8>>> {
    pattern
        .atoms
        .iter()
        .map(|atom| match atom.needle_text() {
            Utf32Str::Ascii(bytes) => Some(bytes.to_ascii_lowercase()),
            Utf32Str::Unicode(chars) => chars
                .iter()
                .map(|&c| c.is_ascii().then(|| c.to_ascii_lowercase() as u8))
                .collect(),
        })
        .collect()
}

/// The fast path of a fuzzy match on lower-case ASCII text: the needle's letters appear
/// in order. For a fuzzy atom this is exactly when nucleo finds a match (nucleo
/// then scores it; the filter only needs the yes or no).
fn is_subsequence(needle: &[u8], mut hay: &[u8]) -> bool {
    for &n in needle {
        match hay.iter().position(|&b| b == n) {
            Some(i) => hay = &hay[i + 1..],
            None => return false,
        }
    }
    true
}

/// The fuzzy matcher and its scratch memory, reused across keystrokes.
pub struct Fuzzy {
    matcher: Matcher,
    chars: Vec<char>,
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
            chars: Vec::new(),
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
    pub fn refilter(&mut self, base: &[u32], base_changed: bool, hays: &Hays, fuzzy: &mut Fuzzy) {
        let keep = self.selected_row();
        self.total = base.len();
        if self.query.trim().is_empty() {
            self.shown = base.to_vec();
        } else {
            let query = Query::new(&self.query);
            // A trailing backslash escapes what comes next, so "a\" + " " is not
            // narrower than "a\": start again from the base then.
            let narrows = !base_changed
                && !self.applied.trim().is_empty()
                && self.query.starts_with(&self.applied)
                && !self.applied.ends_with('\\');
            let from: &[u32] = if narrows { &self.shown } else { base };
            self.shown = filter_rows(from, hays, &query, fuzzy);
        }
        self.applied.clone_from(&self.query);
        self.selected = 0;
        if let Some(row) = keep {
            self.select_row(row);
        }
        self.offset = self.offset.min(self.selected);
    }
}

/// Lists this long are filtered on every core (each takes a contiguous part, so the
/// order is kept).
const PARALLEL_ROWS: usize = 20_000;

/// The rows of `from` that match, in order.
fn filter_rows(from: &[u32], hays: &Hays, query: &Query, fuzzy: &mut Fuzzy) -> Vec<u32> {
    let cores = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    if cores < 2 || from.len() < PARALLEL_ROWS {
        return from
            .iter()
            .copied()
            .filter(|&row| hays.matches(row, query, fuzzy))
            .collect();
    }
    let chunk = from.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let parts: Vec<_> = from
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut fuzzy = Fuzzy::default();
                    part.iter()
                        .copied()
                        .filter(|&row| hays.matches(row, query, &mut fuzzy))
                        .collect::<Vec<u32>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_default())
            .collect()
    })
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
    fn list(words: &[&str]) -> (Hays, Listing) {
        let mut hays = Hays::default();
        for w in words {
            hays.push(w.split(' '));
        }
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
            l.refilter(&base, false, &hays, &mut fuzzy);
            l.shown.clone()
        };
        assert_eq!(typed(&mut l, "w"), vec![0, 2, 3]);
        assert_eq!(typed(&mut l, "web"), vec![0, 3]);
        assert_eq!(typed(&mut l, "web d"), vec![3]);
        assert_eq!(typed(&mut l, "we"), vec![0, 3]);
        assert_eq!(typed(&mut l, "wo"), vec![0, 2]);
        assert_eq!(typed(&mut l, "AD-N"), vec![2]);
        // Letters scattered over several fields do not match.
        assert_eq!(typed(&mut l, "adnet"), vec![2]);
        assert_eq!(typed(&mut l, "a t"), vec![2, 3, 4]);
        assert_eq!(typed(&mut l, ""), vec![0, 1, 2, 3, 4]);
    }

    /// The ASCII fast path says yes exactly when nucleo finds a fuzzy match.
    #[test]
    fn fast_path_agrees_with_nucleo() {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let hays = [
            "web-forms",
            "Ad-Networks",
            "contact.email",
            "a",
            "",
            "aaa",
            "FM203",
            "x.y_z",
            "usage.pages_viewed",
            "EEA",
            "service.operation",
        ];
        let needles = [
            "a", "ad", "adn", "web", "WEB", "em", "aaaa", "fm2", "x_z", "ee", "zz", "s.o", "-n",
        ];
        for hay in hays {
            let text = Utf32String::from(hay);
            let Utf32Str::Ascii(bytes) = text.slice(..) else {
                panic!()
            };
            for needle in needles {
                let pattern = Pattern::new(
                    needle,
                    CaseMatching::Ignore,
                    Normalization::Smart,
                    AtomKind::Fuzzy,
                );
                let nucleo = pattern.score(text.slice(..), &mut matcher).is_some();
                let fast = ascii_needles(&pattern)
                    .unwrap()
                    .iter()
                    .all(|n| is_subsequence(n, &bytes.to_ascii_lowercase()));
                assert_eq!(fast, nucleo, "{needle:?} in {hay:?}");
            }
        }
    }

    #[test]
    fn parallel_filtering_keeps_order_and_agrees() {
        let mut hays = Hays::default();
        for i in 0..(PARALLEL_ROWS * 2 + 7) {
            hays.push([
                format!("flow-{i}").as_str(),
                &format!("vendor-{}", i % 7),
                "Zürich",
            ]);
        }
        let all: Vec<u32> = (0..hays.len() as u32).collect();
        let mut fuzzy = Fuzzy::default();
        for q in ["vendor-3", "v3", "zur", "ZÜR", "flow-1 v6", "nothing"] {
            let query = Query::new(q);
            let sequential: Vec<u32> = all
                .iter()
                .copied()
                .filter(|&r| hays.matches(r, &query, &mut fuzzy))
                .collect();
            assert_eq!(
                filter_rows(&all, &hays, &query, &mut fuzzy),
                sequential,
                "{q}"
            );
        }
        assert_eq!(
            filter_rows(&all, &hays, &Query::new("zur"), &mut fuzzy).len(),
            all.len()
        );
    }

    #[test]
    fn keeps_selection_visible() {
        assert_eq!(keep_visible(0, 5, 3, 10), 3);
        assert_eq!(keep_visible(4, 2, 3, 10), 2);
        assert_eq!(keep_visible(9, 9, 3, 10), 7);
        assert_eq!(keep_visible(0, 0, 0, 0), 0);
    }
}
