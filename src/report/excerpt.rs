//! The one line a diagnostic quotes: found in its file, neutralised for the terminal,
//! and cut to a window around the caret so a minified or binary file cannot flood the
//! screen. A printable ASCII line is windowed into a reused buffer; any other line is
//! made into an [`Excerpt`] (which codespan-reporting can also read, for load errors),
//! and the last one is kept for the next finding at the same place.

use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use crate::load::{Location, SourceFile};
use crate::sanitize::{source_char, terminal};

/// Characters of a quoted line shown before and after the caret, at most.
const WINDOW_BEFORE: usize = 60;
const WINDOW_AFTER: usize = 100;

/// The characters `from..to` of a line of `len` characters that a diagnostic shows, for
/// a caret at character `col`: the whole line when it is short, else a window around
/// the caret. The one place the window is decided, for
/// every line.
fn window(len: usize, col: usize) -> (usize, usize) {
    if len <= WINDOW_BEFORE + WINDOW_AFTER {
        (0, len)
    } else {
        // At most WINDOW_BEFORE + WINDOW_AFTER characters, however long the caret:
        // a megabyte-long value is marked, not quoted whole (SECURITY.md).
        let from = col.saturating_sub(WINDOW_BEFORE);
        (from, (col + WINDOW_AFTER).min(len))
    }
}

/// The one line a diagnostic quotes: neutralised, windowed around the caret, and
/// reporting the real line and column of the file it came from.
pub(super) struct Excerpt {
    pub name: String,
    pub line_text: String,
    pub line: usize,
    pub column: usize,
}

impl Excerpt {
    /// The excerpt for `location` in `file` and the byte range of the caret in it.
    pub fn new(file: &SourceFile, location: &Location) -> (Excerpt, Range<usize>) {
        let line: Vec<char> = line_of(file, location).chars().collect();
        let caret_chars = caret_chars(file, location);
        let col = location.column.saturating_sub(1).min(line.len());
        let (from, to) = window(line.len(), col);
        let mut text = String::new();
        if from > 0 {
            text.push('…');
        }
        let shown = source_char;
        text.extend(line[from..col].iter().map(|&c| shown(c)));
        let caret_start = text.len();
        let caret_end_col = (col + caret_chars).min(to);
        text.extend(line[col..caret_end_col].iter().map(|&c| shown(c)));
        let caret_end = text.len();
        text.extend(line[caret_end_col..to].iter().map(|&c| shown(c)));
        if to < line.len() {
            text.push('…');
        }
        let excerpt = Excerpt {
            name: terminal(&file.name).into_owned(),
            line_text: text,
            line: location.line,
            column: location.column,
        };
        (excerpt, caret_start..caret_end)
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.line_text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn column_number(&'a self, (): (), _line: usize, _byte: usize) -> Result<usize, FilesError> {
        Ok(self.column)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match line_index {
            0 => Ok(0..self.line_text.len()),
            _ => Err(FilesError::LineTooLarge {
                given: line_index,
                max: 0,
            }),
        }
    }
}

/// The last excerpt made, kept for the next finding at the same place (several rules
/// often fire on one entry): the source line is neutralised and windowed once.
#[derive(Default)]
pub(super) struct LastExcerpt {
    key: Option<(usize, Location)>,
    excerpt: Option<(Excerpt, Range<usize>)>,
}

impl LastExcerpt {
    /// The excerpt of `location` in `files[index]`, made or reused.
    pub fn get(
        &mut self,
        files: &[&SourceFile],
        index: usize,
        location: &Location,
    ) -> &(Excerpt, Range<usize>) {
        let key = (index, location.clone());
        if self.key.as_ref() != Some(&key) || self.excerpt.is_none() {
            self.excerpt = Some(Excerpt::new(files[index], location));
            self.key = Some(key);
        }
        self.excerpt.as_ref().expect("made above")
    }
}

/// The line `location` starts on, without its line ending.
fn line_of<'f>(file: &'f SourceFile, location: &Location) -> &'f str {
    let rest = &file.text[file.offset_of(location.line, 1)..];
    rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r')
}

/// How many characters the caret covers: the located value's, up to its line's end; at
/// least one.
fn caret_chars(file: &SourceFile, location: &Location) -> usize {
    file.text
        .get(location.span.start..location.span.end)
        .map_or(1, |s| s.chars().take_while(|&c| c != '\n').count().max(1))
}

/// The quoted line of `location` in `file` when it is printable ASCII (nothing to
/// neutralise, a column a byte), written into `scratch` and windowed as
/// [`Excerpt::new`] windows it; the caret's byte range in it. `None` for other lines.
pub(super) fn plain_line(
    file: &SourceFile,
    location: &Location,
    scratch: &mut String,
) -> Option<Range<usize>> {
    let line = line_of(file, location);
    if !line.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    let caret_chars = caret_chars(file, location);
    let col = location.column.saturating_sub(1).min(line.len());
    let (from, to) = window(line.len(), col);
    let caret_end = (col + caret_chars).min(to);
    scratch.clear();
    if from > 0 {
        scratch.push('…');
    }
    scratch.push_str(&line[from..col]);
    let caret = scratch.len()..scratch.len() + (caret_end - col);
    scratch.push_str(&line[col..to]);
    if to < line.len() {
        scratch.push('…');
    }
    Some(caret)
}

/// Each file's name as a terminal may show it, made once.
#[derive(Default)]
pub(super) struct Names(Vec<Option<String>>);

impl Names {
    pub fn get(&mut self, files: &[&SourceFile], index: usize) -> &str {
        if self.0.len() < files.len() {
            self.0.resize(files.len(), None);
        }
        self.0[index].get_or_insert_with(|| terminal(&files[index].name).into_owned())
    }
}

/// Which of `files` holds `location`.
pub(super) fn file_of(files: &[&SourceFile], location: &Location) -> Option<usize> {
    files
        .iter()
        .position(|f| std::sync::Arc::ptr_eq(&f.name, &location.file) || f.name == location.file)
}
