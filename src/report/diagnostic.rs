//! One finding as a rich diagnostic, written straight into the writer: the bytes
//! codespan-reporting's `term::emit` writes (default config, default styles) for what a
//! finding always is — one quoted line, one primary label, one-line notes — without its
//! general machinery (per-character formatting, label tables), which made the human
//! report three times the cost of the JSON one on large reports. A test renders the
//! same diagnostics through codespan-reporting, in plain text and in colour, and
//! compares the bytes.
//!
//! ```text
//! error[FM202]: restricted transfer under EU …
//!     ┌─ inventory.ron:586:9
//!     │
//! 586 │         Flow(
//!     │         ^^^^ a restricted transfer that names no mechanism
//!     │
//!     = subject: cookies->ad-networks
//!
//! ```

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use unicode_width::UnicodeWidthChar;

use crate::check::Severity;

/// Columns a tab stands for, as codespan-reporting's default config has it.
const TAB_WIDTH: usize = 4;

/// The quoted line of a diagnostic.
pub(super) struct Snippet<'a> {
    /// The file's name as shown.
    pub name: &'a str,
    pub line: usize,
    pub column: usize,
    /// The line's text, neutralised (no line break in it).
    pub text: &'a str,
    /// The byte range the caret marks in `text`.
    pub caret: Range<usize>,
}

/// One line of note under the snippet: `label`, `text` (neutralised: no line break in
/// it) and `after`, written as they are.
#[derive(Default)]
pub(super) struct Note<'a> {
    pub label: &'static str,
    pub text: Cow<'a, str>,
    pub after: &'static str,
}

impl Note<'_> {
    /// The note as one string (for codespan-reporting).
    pub fn joined(&self) -> String {
        format!("{}{}{}", self.label, self.text, self.after)
    }
}

/// The colours of codespan-reporting's default styles.
struct Styles {
    header: ColorSpec,
    header_message: ColorSpec,
    label: ColorSpec,
    cyan: ColorSpec,
}

impl Styles {
    fn of(severity: Severity) -> Styles {
        let colour = match severity {
            Severity::Error => Color::Red,
            Severity::Warning => Color::Yellow,
            Severity::Info => Color::Green,
        };
        let mut header_message = ColorSpec::new();
        header_message.set_bold(true).set_intense(true);
        let mut header = header_message.clone();
        header.set_fg(Some(colour));
        let mut label = ColorSpec::new();
        label.set_fg(Some(colour));
        let mut cyan = ColorSpec::new();
        cyan.set_fg(Some(Color::Cyan));
        Styles {
            header,
            header_message,
            label,
            cyan,
        }
    }
}

/// How codespan-reporting names a severity (info is a note).
fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Writes one diagnostic: header, quoted line with its caret and label, notes, and the
/// blank line that ends it.
pub(super) fn write<W: WriteColor + ?Sized>(
    out: &mut W,
    severity: Severity,
    code: &str,
    message: &str,
    snippet: &Snippet<'_>,
    label: &str,
    notes: &[Note<'_>],
) -> io::Result<()> {
    let styles = Styles::of(severity);
    // Header: `error[FM202]: message`.
    out.set_color(&styles.header)?;
    write!(out, "{}[{code}]", severity_name(severity))?;
    out.set_color(&styles.header_message)?;
    write!(out, ": {message}")?;
    out.reset()?;
    out.write_all(b"\n")?;
    let padding = snippet.line.max(1).ilog10() as usize + 1;
    let gutter = |out: &mut W| write!(out, "{:padding$} ", "");
    let border = |out: &mut W, text: &str| -> io::Result<()> {
        out.set_color(&styles.cyan)?;
        out.write_all(text.as_bytes())?;
        out.reset()
    };
    // `┌─ file:line:column`, then an empty gutter line.
    gutter(out)?;
    border(out, "┌─")?;
    writeln!(out, " {}:{}:{}", snippet.name, snippet.line, snippet.column)?;
    gutter(out)?;
    border(out, "│")?;
    out.write_all(b"\n")?;
    // The line, its labelled characters coloured.
    out.set_color(&styles.cyan)?;
    write!(out, "{:>padding$}", snippet.line)?;
    out.reset()?;
    out.write_all(b" ")?;
    border(out, "│")?;
    out.write_all(b" ")?;
    // codespan-reporting trims these from a quoted line.
    let text = snippet.text.trim_end_matches(['\n', '\r', '\0']);
    let start = snippet.caret.start;
    let end = snippet.caret.end.max(start + 1);
    // One column a character (no tab, nothing wide or zero-width): the line and its
    // carets are a few runs each.
    let plain = start <= text.len()
        && text.is_char_boundary(start)
        && text.chars().all(|c| match c {
            '\t' => false,
            ' '..='~' => true,
            c => c.width() == Some(1),
        });
    if plain {
        let bytes = text.as_bytes();
        // The characters under the label: a start inside one marks it all.
        let marked_end = (end.min(text.len())..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let marked = start..marked_end;
        out.write_all(&bytes[..marked.start])?;
        if !marked.is_empty() {
            out.set_color(&styles.label)?;
            out.write_all(&bytes[marked.clone()])?;
            out.reset()?;
        }
        out.write_all(&bytes[marked.end..])?;
    } else {
        line_by_char(out, &styles, text, start..end)?;
    }
    out.write_all(b"\n")?;
    // The carets under the label (a place past the line's end can carry one), then the
    // label's text.
    gutter(out)?;
    border(out, "│")?;
    out.write_all(b" ")?;
    if plain {
        let before = text[..start].chars().count();
        let under = text[start..]
            .char_indices()
            .take_while(|&(i, _)| start + i < end)
            .count()
            + usize::from(end > text.len());
        spaces(out, before)?;
        out.set_color(&styles.label)?;
        repeat(out, b'^', under)?;
        out.reset()?;
    } else {
        carets_by_char(out, &styles, text, start..end)?;
    }
    out.write_all(b" ")?;
    out.set_color(&styles.label)?;
    out.write_all(label.as_bytes())?;
    out.reset()?;
    out.write_all(b"\n")?;
    // The notes, each after an empty gutter line and a `=`.
    if !notes.is_empty() {
        gutter(out)?;
        border(out, "│")?;
        out.write_all(b"\n")?;
    }
    for note in notes {
        gutter(out)?;
        out.set_color(&styles.cyan)?;
        out.write_all(b"=")?;
        out.reset()?;
        out.write_all(b" ")?;
        out.write_all(note.label.as_bytes())?;
        out.write_all(note.text.as_bytes())?;
        out.write_all(note.after.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"\n")
}

/// Whether the character at byte `at`, `len` bytes long, is under the label.
fn labelled(label: &Range<usize>, at: usize, len: usize) -> bool {
    at.max(label.start) < (at + len).min(label.end)
}

/// The quoted line character by character: tabs to the next stop, the labelled
/// characters coloured.
fn line_by_char<W: WriteColor + ?Sized>(
    out: &mut W,
    styles: &Styles,
    text: &str,
    label: Range<usize>,
) -> io::Result<()> {
    let mut in_label = false;
    let mut column = 0;
    for (at, c) in text.char_indices() {
        let width = char_width(c, column);
        column += width;
        let is = labelled(&label, at, c.len_utf8());
        if is != in_label {
            if is {
                out.set_color(&styles.label)?;
            } else {
                out.reset()?;
            }
            in_label = is;
        }
        if c == '\t' {
            spaces(out, width)?;
        } else {
            let mut buf = [0; 4];
            out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
        }
    }
    if in_label {
        out.reset()?;
    }
    Ok(())
}

/// The carets under the label, as wide as the characters above them; the place past
/// the line's end counts as one column.
fn carets_by_char<W: WriteColor + ?Sized>(
    out: &mut W,
    styles: &Styles,
    text: &str,
    label: Range<usize>,
) -> io::Result<()> {
    let mut in_label = false;
    let mut column = 0;
    let places = text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')));
    for (at, c) in places {
        let width = if at == text.len() {
            1
        } else {
            char_width(c, column)
        };
        column += width;
        if at >= label.end {
            break;
        }
        let is = labelled(&label, at, c.len_utf8());
        if is && !in_label {
            out.set_color(&styles.label)?;
            in_label = true;
        }
        repeat(out, if is { b'^' } else { b' ' }, width)?;
    }
    if in_label {
        out.reset()?;
    }
    Ok(())
}

/// Columns a character takes at `column` (tabs to the next stop).
fn char_width(c: char, column: usize) -> usize {
    match c {
        '\t' => TAB_WIDTH - column % TAB_WIDTH,
        c => c.width().unwrap_or(0),
    }
}

fn spaces<W: Write + ?Sized>(out: &mut W, n: usize) -> io::Result<()> {
    repeat(out, b' ', n)
}

/// `byte`, `n` times.
fn repeat<W: Write + ?Sized>(out: &mut W, byte: u8, n: usize) -> io::Result<()> {
    let run = [byte; 64];
    let mut left = n;
    while left > 0 {
        let now = left.min(run.len());
        out.write_all(&run[..now])?;
        left -= now;
    }
    Ok(())
}
