//! One loaded text file: its name, text, line starts and the positions of its values.

use std::sync::Arc;

use super::spans::{SpanTree, Step};
use crate::diag::{Location, Span};

/// One loaded text file and where its values are.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to users.
    pub name: Arc<str>,
    /// The file's text.
    pub text: String,
    pub(super) spans: SpanTree,
    pub(super) line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps text that has been parsed, scanning it for value positions.
    pub fn new(name: impl Into<Arc<str>>, text: String) -> SourceFile {
        let spans = SpanTree::scan(&text);
        let line_starts = line_starts(&text);
        SourceFile {
            name: name.into(),
            text,
            spans,
            line_starts,
        }
    }

    /// Wraps text without scanning it for value positions (lines and columns only).
    pub fn without_spans(name: impl Into<Arc<str>>, text: String) -> SourceFile {
        let line_starts = line_starts(&text);
        SourceFile {
            name: name.into(),
            text,
            spans: SpanTree::default(),
            line_starts,
        }
    }

    /// The location of the value at `path` (or its nearest recorded ancestor).
    pub fn locate(&self, path: &[Step<'_>]) -> Location {
        self.location_of(self.spans.span(&self.text, path))
    }

    /// The location of the entry at `path`, narrowed to its head (`Store` in
    /// `Store(...)`), so a caret marks the entry rather than all of it.
    pub fn locate_entry(&self, path: &[Step<'_>]) -> Location {
        let mut location = self.locate(path);
        let rest = self
            .text
            .get(location.span.start..location.span.end)
            .unwrap_or("");
        let head = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
            .count();
        location.span.end = location.span.start + head.max(rest.len().min(1));
        location
    }

    /// The location of a field's name in the struct at `path`, else of the struct.
    pub fn locate_key(&self, path: &[Step<'_>], field: &str) -> Location {
        match self.spans.field_key(&self.text, path, field) {
            Some(span) => self.location_of(span),
            None => self.locate_entry(path),
        }
    }

    /// Line and column of a byte span's start.
    pub fn location_of(&self, span: Span) -> Location {
        let (line, column) = self.line_col(span.start);
        Location {
            file: self.name.clone(),
            line,
            column,
            span,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// Byte offset of a 1-based line and character column.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
    }
}

pub(super) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}
