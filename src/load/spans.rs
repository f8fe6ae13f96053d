//! Positions of values inside a RON file.
//!
//! ron reports line and column for parse errors but not where a value that parsed well
//! came from. flowmap needs that for every finding, so after ron has accepted a file we
//! walk the same text once more with a small structural scanner (strings, comments,
//! brackets, field names) and record where each struct field and list element starts.
//! The scanner only ever runs on text ron has already accepted, so it can stay lenient:
//! on anything unexpected it stops recording, and lookups fall back to the nearest
//! enclosing value that was recorded. It never panics and never nests deeper than
//! [`MAX_DEPTH`].

/// Deeper nesting than this is not recorded (ron's own limit is 128).
pub const MAX_DEPTH: usize = 256;

pub use crate::diag::Span;

/// One recorded value: its span, the span of its field name (for struct fields) and
/// its direct children, which sit contiguously in [`SpanTree::children`].
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    start: u32,
    end: u32,
    key_start: u32,
    key_end: u32,
    first_child: u32,
    child_count: u32,
    /// Its children were not recorded (it lies at [`SHALLOW_DEPTH`]); a lookup below it
    /// scans its text again.
    pruned: bool,
}

/// How deep [`SpanTree::scan`] records values: the root (0), its fields (1) and the
/// entries of its lists (2) — a flow, a section. Deeper values are found on demand by
/// scanning their entry again, which keeps the tree at one node per entry instead of one
/// per value (at 100,000 flows, about 40 MB less).
pub const SHALLOW_DEPTH: usize = 2;

/// Where a lookup ended.
struct Reached {
    span: Span,
    key: Option<Span>,
    /// Every step of the path was found.
    complete: bool,
}

/// A node index meaning "not recorded".
const NONE: usize = usize::MAX;

impl Node {
    fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }

    fn key(&self) -> Option<Span> {
        (self.key_end > self.key_start).then_some(Span {
            start: self.key_start as usize,
            end: self.key_end as usize,
        })
    }
}

/// Where every field and element of a RON document starts and ends: a flat arena of
/// 24-byte nodes (files are at most 4 GiB; the loader refuses far less).
#[derive(Debug, Clone, Default)]
pub struct SpanTree {
    nodes: Vec<Node>,
    children: Vec<u32>,
}

/// A step of a path into a document: a struct field or a list element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

impl SpanTree {
    /// Scans `text` (which ron has already parsed) and records the spans of the values
    /// down to [`SHALLOW_DEPTH`]; lookups below reach deeper on demand.
    pub fn scan(text: &str) -> SpanTree {
        let mut scanner = Scanner::new(text, 0, SHALLOW_DEPTH);
        scanner.skip_trivia();
        while scanner.src.get(scanner.pos..scanner.pos + 2) == Some(b"#!") {
            scanner.skip_attribute();
            scanner.skip_trivia();
        }
        scanner.value(0, None);
        scanner.finish()
    }

    /// Records every value inside the one value that starts at `start` (its root node).
    fn scan_value(text: &str, start: usize) -> SpanTree {
        let mut scanner = Scanner::new(text, start, MAX_DEPTH);
        scanner.value(0, None);
        scanner.finish()
    }

    /// Follows `path` as far as it was recorded, scanning a pruned entry again when the
    /// path goes below it; returns the deepest value reached.
    fn walk(&self, text: &str, path: &[Step<'_>]) -> Option<Reached> {
        let mut node = self.nodes.first()?;
        for (k, step) in path.iter().enumerate() {
            if node.pruned {
                return SpanTree::scan_value(text, node.start as usize).walk(text, &path[k..]);
            }
            match self.child(text, node, *step) {
                Some(child) => node = child,
                None => {
                    return Some(Reached {
                        span: node.span(),
                        key: node.key(),
                        complete: false,
                    });
                }
            }
        }
        Some(Reached {
            span: node.span(),
            key: node.key(),
            complete: true,
        })
    }

    /// The span of the value at `path` in `text` (the text that was scanned), or of the
    /// deepest ancestor that was recorded; the start of the file if nothing was.
    pub fn span(&self, text: &str, path: &[Step<'_>]) -> Span {
        self.walk(text, path).map(|r| r.span).unwrap_or_default()
    }

    /// The span of the value at `path`, only when every step of it was recorded.
    pub fn exact(&self, text: &str, path: &[Step<'_>]) -> Option<Span> {
        self.walk(text, path).filter(|r| r.complete).map(|r| r.span)
    }

    /// The span of a field's *name* (`located` in `located: [...]`) in the struct at `path`.
    pub fn field_key(&self, text: &str, path: &[Step<'_>], field: &str) -> Option<Span> {
        let mut full = path.to_vec();
        full.push(Step::Field(field));
        self.walk(text, &full)
            .filter(|r| r.complete)
            .and_then(|r| r.key)
    }

    fn child(&self, text: &str, node: &Node, step: Step<'_>) -> Option<&Node> {
        let first = node.first_child as usize;
        let ids = self
            .children
            .get(first..first + node.child_count as usize)?;
        let index = match step {
            Step::Field(name) => ids.iter().copied().find(|&c| {
                self.nodes[c as usize]
                    .key()
                    .is_some_and(|k| text.get(k.start..k.end) == Some(name))
            })?,
            Step::Index(i) => *ids.get(i)?,
        };
        self.nodes.get(index as usize)
    }
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    /// Values deeper than this are scanned but not recorded.
    record_depth: usize,
    nodes: Vec<Node>,
    children: Vec<u32>,
    /// Children of the compounds being scanned, innermost last.
    pending: Vec<u32>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, pos: usize, record_depth: usize) -> Scanner<'a> {
        Scanner {
            src: text.as_bytes(),
            pos,
            record_depth,
            nodes: Vec::new(),
            children: Vec::new(),
            pending: Vec::new(),
        }
    }

    fn finish(mut self) -> SpanTree {
        self.nodes.shrink_to_fit();
        self.children.shrink_to_fit();
        SpanTree {
            nodes: self.nodes,
            children: self.children,
        }
    }

    /// Records `child` as an element of the compound being scanned (when recorded).
    fn push_child(&mut self, child: usize) {
        if child != NONE {
            self.pending.push(child as u32);
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn new_node(&mut self, start: usize, key: Option<Span>) -> usize {
        let key = key.unwrap_or_default();
        self.nodes.push(Node {
            start: start as u32,
            end: start as u32,
            key_start: key.start as u32,
            key_end: key.end as u32,
            ..Node::default()
        });
        self.nodes.len() - 1
    }

    /// Scans one value starting at the current position (`key`: its field name, for a
    /// struct field); returns its node index.
    fn value(&mut self, depth: usize, key: Option<Span>) -> usize {
        let start = self.pos;
        let id = if depth <= self.record_depth {
            self.new_node(start, key)
        } else {
            NONE
        };
        if id != NONE && depth == self.record_depth {
            self.nodes[id].pruned = true;
        }
        if depth > MAX_DEPTH {
            self.pos = self.src.len();
            return id;
        }
        match self.peek() {
            Some(b'(') => self.compound(id, b')', depth),
            Some(b'[') => self.compound(id, b']', depth),
            Some(b'{') => self.compound(id, b'}', depth),
            Some(b'"') => self.string(),
            Some(b'\'') => self.char_literal(),
            Some(b'r') if matches!(self.src.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.pos += 1;
                self.raw_string();
            }
            Some(b'b') if self.src.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string();
            }
            Some(b'b') if self.src.get(self.pos + 1) == Some(&b'\'') => {
                self.pos += 1;
                self.char_literal();
            }
            Some(c) if is_ident_char(c) || c == b'-' || c == b'+' || c == b'.' => {
                self.word();
                // A named struct, tuple struct or enum variant with content: `Name(...)`.
                let after_name = self.pos;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.compound(id, b')', depth);
                } else {
                    self.pos = after_name;
                }
            }
            _ => {}
        }
        if id != NONE {
            self.nodes[id].end = self.pos as u32;
        }
        id
    }

    /// Scans `(...)`, `[...]` or `{...}` into node `id`: struct fields, or elements.
    fn compound(&mut self, id: usize, close: u8, depth: usize) {
        self.pos += 1;
        let mark = self.pending.len();
        self.compound_children(close, depth);
        if id == NONE {
            return;
        }
        let first = self.children.len();
        self.children
            .extend(self.pending.drain(mark..).filter(|&c| c != NONE as u32));
        self.nodes[id].first_child = first as u32;
        self.nodes[id].child_count = (self.children.len() - first) as u32;
    }

    fn compound_children(&mut self, close: u8, depth: usize) {
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.pos;
            if close == b')'
                && let Some(key) = self.field_name()
            {
                self.skip_trivia();
                let child = self.value(depth + 1, Some(key));
                self.push_child(child);
                if self.pos == before {
                    return;
                }
                continue;
            }
            let child = self.value(depth + 1, None);
            if close == b'}' {
                // A map entry `key: value`: record the value as the element.
                self.skip_trivia();
                if self.peek() == Some(b':') {
                    self.pos += 1;
                    self.skip_trivia();
                    let value = self.value(depth + 1, None);
                    self.push_child(value);
                    continue;
                }
            }
            self.push_child(child);
            if self.pos == before {
                // Nothing consumed: not RON we understand. Stop recording.
                self.pos = self.src.len();
                return;
            }
        }
    }

    /// `name:` at the current position (but not `name::`); consumes it and the colon.
    fn field_name(&mut self) -> Option<Span> {
        let start = self.pos;
        let mut p = start;
        if self.src.get(p..p + 2) == Some(b"r#") {
            p += 2;
        }
        let name_start = p;
        while self.src.get(p).is_some_and(|&c| is_ident_char(c)) {
            p += 1;
        }
        if p == name_start || self.src[name_start].is_ascii_digit() {
            return None;
        }
        let name = Span {
            start: name_start,
            end: p,
        };
        self.pos = p;
        self.skip_trivia();
        if self.peek() == Some(b':') && self.src.get(self.pos + 1) != Some(&b':') {
            self.pos += 1;
            Some(name)
        } else {
            self.pos = start;
            None
        }
    }

    fn word(&mut self) {
        while self
            .peek()
            .is_some_and(|c| is_ident_char(c) || matches!(c, b'.' | b'-' | b'+' | b'#'))
        {
            self.pos += 1;
        }
    }

    fn string(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    fn char_literal(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'\'' => return,
                _ => {}
            }
        }
    }

    /// After the `r`: `#*"..."#*`.
    fn raw_string(&mut self) {
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek() != Some(b'"') {
            return;
        }
        self.pos += 1;
        while self.pos < self.src.len() {
            let closes = self.src[self.pos] == b'"'
                && self.src.len() > self.pos + hashes
                && self.src[self.pos + 1..=self.pos + hashes]
                    .iter()
                    .all(|&c| c == b'#');
            if closes {
                self.pos += 1 + hashes;
                return;
            }
            self.pos += 1;
        }
    }

    fn skip_attribute(&mut self) {
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b']' {
                return;
            }
        }
    }

    /// Skips whitespace, `// line` and nested `/* block */` comments.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.src.get(self.pos + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.pos += 2;
                    let mut level = 1usize;
                    while level > 0 && self.pos < self.src.len() {
                        match (self.src[self.pos], self.src.get(self.pos + 1)) {
                            (b'/', Some(b'*')) => {
                                level += 1;
                                self.pos += 2;
                            }
                            (b'*', Some(b'/')) => {
                                level -= 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => return,
            }
        }
    }
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::*;

    fn at<'t>(text: &'t str, path: &[Step<'_>]) -> &'t str {
        let span = SpanTree::scan(text).span(text, path);
        &text[span.start..span.end]
    }

    #[test]
    fn finds_fields_and_elements() {
        let text = r##"#![enable(implicit_some)]
// a comment with "quotes" and ( brackets
Inventory(
    name: "x, y: (z)",
    sources: [
        Source(id: "a", located: ["EEA", "US"]), /* nested /* comment */ ) */
        Source(id: r#"b"#, located: []),
    ],
    as_of: Some("2015-11-08"),
    map: { "k": [1, 2], "j": Unit },
)"##;
        assert_eq!(at(text, &[Field("name")]), r#""x, y: (z)""#);
        assert_eq!(
            at(
                text,
                &[Field("sources"), Index(0), Field("located"), Index(1)]
            ),
            r#""US""#
        );
        assert_eq!(
            at(text, &[Field("sources"), Index(1), Field("id")]),
            "r#\"b\"#"
        );
        assert_eq!(at(text, &[Field("as_of")]), r#"Some("2015-11-08")"#);
        assert_eq!(at(text, &[Field("as_of"), Index(0)]), r#""2015-11-08""#);
        assert_eq!(at(text, &[Field("map"), Index(1)]), "Unit");
        assert!(at(text, &[Field("sources"), Index(0)]).starts_with("Source(id: \"a\""));
    }

    #[test]
    fn missing_steps_fall_back_to_the_nearest_ancestor() {
        let text = "(flows: [(from: \"a\", data: [])])";
        assert_eq!(
            at(text, &[Field("flows"), Index(0), Field("data"), Index(3)]),
            "[]"
        );
        assert_eq!(at(text, &[Field("nope")]), text);
        let tree = SpanTree::scan(text);
        assert!(tree.exact(text, &[Field("nope")]).is_none());
        let key = tree
            .field_key(text, &[Field("flows"), Index(0)], "data")
            .unwrap();
        assert_eq!(&text[key.start..key.end], "data");
    }

    #[test]
    fn survives_garbage_and_deep_nesting() {
        for text in [
            "",
            "(",
            "((((",
            "\"unterminated",
            "r#\"x",
            "/* open",
            "(a: ",
            "[,,,]",
            ")))",
        ] {
            let tree = SpanTree::scan(text);
            let _ = tree.span(text, &[Field("a"), Index(0)]);
        }
        let deep = "[".repeat(100_000);
        let tree = SpanTree::scan(&deep);
        assert_eq!(tree.span(&deep, &[Index(0)]).start, 1);
    }
}
