//! The human report: each finding as a diagnostic that quotes the offending line with a
//! caret (codespan-reporting's layout, written by `report::diagnostic`), then the
//! notices, the per-rule summary and the summary line. Colour only when asked for; every
//! piece of user text is neutralised for the terminal first, and long lines are cut to a
//! window around the caret (`report::excerpt`) so a minified or binary file cannot
//! flood the screen.

use std::borrow::Cow;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as DiagSeverity};
use codespan_reporting::files::Error as FilesError;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Config};

use super::diagnostic::{self, Note, Snippet};
use super::excerpt::{Excerpt, LastExcerpt, Names, file_of, plain_line};
use super::{Shown, rule_table};
use crate::check::{Finding, Report, Severity};
use crate::diag::RestsOn;
use crate::load::{LoadError, LoadErrorKind, Location, SourceFile};
use crate::sanitize::terminal;

/// Whether to colour: on a terminal (or when `CLICOLOR_FORCE` is set to something other
/// than `0`), never under `NO_COLOR` ([`crate::text::no_color`]).
pub fn color_choice(is_terminal: bool) -> ColorChoice {
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    if crate::text::no_color() {
        ColorChoice::Never
    } else if is_terminal || set("CLICOLOR_FORCE") {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    }
}

fn severity(severity: Severity) -> DiagSeverity {
    match severity {
        Severity::Error => DiagSeverity::Error,
        Severity::Warning => DiagSeverity::Warning,
        Severity::Info => DiagSeverity::Note,
    }
}

/// Emits `diagnostic`, quoting `location` in whichever of `files` holds it; without a
/// location (or a file) the diagnostic is written with no quote.
fn emit<W: WriteColor>(
    out: &mut W,
    files: &[&SourceFile],
    last: &mut LastExcerpt,
    location: Option<&Location>,
    label: &str,
    diagnostic: Diagnostic<()>,
) -> io::Result<()> {
    let config = Config::default();
    let file = location.and_then(|l| file_of(files, l));
    let result = match (file, location) {
        (Some(index), Some(location)) => {
            let (excerpt, caret) = last.get(files, index, location);
            let diagnostic =
                diagnostic.with_labels(vec![Label::primary((), caret.clone()).with_message(label)]);
            term::emit_to_write_style(out, &config, excerpt, &diagnostic)
        }
        _ => {
            let mut diagnostic = diagnostic;
            if let Some(location) = location {
                diagnostic.message = format!(
                    "{}: {}",
                    terminal(&location.to_string()),
                    diagnostic.message
                );
            }
            let none = Excerpt {
                name: String::new(),
                line_text: String::new(),
                line: 0,
                column: 0,
            };
            term::emit_to_write_style(out, &config, &none, &diagnostic)
        }
    };
    result.map_err(|e| match e {
        FilesError::Io(io) => io,
        other => io::Error::other(other.to_string()),
    })
}

/// Writes a check report, every finding, to any colour-aware writer
/// (`termcolor::NoColor` for plain text, `Ansi` for colour).
pub fn render_report<W: WriteColor>(
    out: &mut W,
    report: &Report,
    files: &[&SourceFile],
) -> io::Result<()> {
    render(out, report, files, Shown::ALL)
}

/// Streams a check report: each finding `shown` lets through as a diagnostic, the
/// notices, the per-rule summary of those findings, how many were left out, and the
/// summary line of every finding last. Give it a buffered writer.
pub fn render<W: WriteColor>(
    out: &mut W,
    report: &Report,
    files: &[&SourceFile],
    shown: Shown,
) -> io::Result<()> {
    let mut last = LastExcerpt::default();
    let mut names = Names::default();
    let mut scratch = String::new();
    for finding in report.findings.iter().filter(|f| shown.includes(f)) {
        let Some(index) = file_of(files, &finding.location) else {
            // No file to quote from: codespan-reporting writes it unquoted.
            emit(
                out,
                files,
                &mut last,
                Some(&finding.location),
                finding.rule.info().title,
                finding_diagnostic(finding),
            )?;
            continue;
        };
        let snippet = match plain_line(files[index], &finding.location, &mut scratch) {
            Some(caret) => Snippet {
                name: names.get(files, index),
                line: finding.location.line,
                column: finding.location.column,
                text: &scratch,
                caret,
            },
            None => {
                let (excerpt, caret) = last.get(files, index, &finding.location);
                Snippet {
                    name: &excerpt.name,
                    line: excerpt.line,
                    column: excerpt.column,
                    text: &excerpt.line_text,
                    caret: caret.clone(),
                }
            }
        };
        let (notes, n) = finding_notes(finding);
        diagnostic::write(
            out,
            finding.severity(),
            finding.rule.id(),
            &terminal(&finding.message),
            &snippet,
            finding.rule.info().title,
            &notes[..n],
        )?;
    }
    for notice in &report.notices {
        writeln!(out, "notice: {}", terminal(notice))?;
    }
    rule_table::write(out, &report.findings, shown, !report.notices.is_empty())?;
    writeln!(out, "{}", summary_line(report))
}

/// `flowmap: 1 error, 2 warnings, 0 infos (0 waived)`.
pub fn summary_line(report: &Report) -> String {
    let s = report.summary();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "flowmap: {} error{}, {} warning{}, {} info{} ({} waived)",
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.infos,
        plural(s.infos),
        s.waived
    )
}

/// The notes under a finding: its subject, what it rests on, its waiver.
fn finding_notes(finding: &Finding) -> ([Note<'_>; 3], usize) {
    let mut notes: [Note<'_>; 3] = Default::default();
    notes[0] = Note {
        label: "subject: ",
        text: terminal(&finding.subject),
        after: "",
    };
    let mut n = 1;
    if let Some(section) = &finding.section {
        let text = match section {
            RestsOn::Law(law) => terminal(law),
            other => Cow::Owned(terminal(&other.to_string()).into_owned()),
        };
        notes[n] = Note {
            label: "rests on: ",
            text,
            after: "",
        };
        n += 1;
    }
    if finding.waived {
        notes[n] = Note {
            label: "waived: ",
            text: terminal(finding.waiver_reason.as_deref().unwrap_or("")),
            after: " (does not fail the run)",
        };
        n += 1;
    }
    (notes, n)
}

fn finding_diagnostic(finding: &Finding) -> Diagnostic<()> {
    let (notes, n) = finding_notes(finding);
    Diagnostic::new(severity(finding.severity()))
        .with_code(finding.rule.id())
        .with_message(terminal(&finding.message).into_owned())
        .with_notes(notes[..n].iter().map(Note::joined).collect())
}

/// Writes a load error (FM001, or a file that could not be read) to standard error.
pub fn write_load_error(error: &LoadError, color: ColorChoice) -> io::Result<()> {
    let out = StandardStream::stderr(color);
    let mut lock = out.lock();
    render_load_error(&mut lock, error)?;
    lock.flush()
}

/// Writes a load error to any colour-aware writer: what [`write_load_error`] prints.
pub fn render_load_error<W: WriteColor>(out: &mut W, error: &LoadError) -> io::Result<()> {
    let mut diagnostic = Diagnostic::error().with_message(terminal(&error.message).into_owned());
    if error.kind == LoadErrorKind::Invalid {
        diagnostic = diagnostic.with_code("FM001");
    }
    if let Some(hint) = &error.hint {
        diagnostic = diagnostic.with_notes(vec![format!("help: {}", terminal(hint))]);
    }
    let files: Vec<&SourceFile> = error.files.iter().collect();
    let mut last = LastExcerpt::default();
    emit(
        out,
        &files,
        &mut last,
        error.location.as_deref(),
        "here",
        diagnostic,
    )
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use codespan_reporting::term::termcolor::{Ansi, NoColor};

    use super::*;

    /// The fast renderer writes the bytes codespan-reporting writes, in colour and not.
    #[test]
    fn findings_render_as_codespan_reporting_renders_them() {
        let notes = [
            Note {
                label: "subject: ",
                text: "a->b".into(),
                after: "",
            },
            Note {
                label: "waived: ",
                text: "accepted".into(),
                after: " (does not fail the run)",
            },
        ];
        let joined: Vec<String> = notes.iter().map(Note::joined).collect();
        let cases: &[(&str, Range<usize>, usize)] = &[
            ("        Flow(from: \"a\", to: \"b\"),", 8..12, 43),
            ("\tto:\t\"ad-networks\",", 5..18, 7),
            ("  name: \"漢字 café\", x", 9..17, 120),
            ("end of line", 11..11, 1),
            ("", 0..0, 9999),
            ("…long \u{FFFD} line\u{301} cut…", 4..11, 100_000),
            ("caret past the end", 30..31, 5),
            ("…é to: \"ad-networks\", x: 1…", 10..23, 77),
            ("…é to: \"ad-networks\"", 10..40, 77),
            ("ab…", 2..5, 3),
        ];
        for (text, caret, line) in cases {
            for severity in [Severity::Error, Severity::Warning, Severity::Info] {
                let excerpt = Excerpt {
                    name: "dir/inventory.ron".into(),
                    line_text: text.to_string(),
                    line: *line,
                    column: caret.start + 1,
                };
                let label = "a flow sends data";
                let diagnostic = Diagnostic::new(super::severity(severity))
                    .with_code("FM105")
                    .with_message("the message")
                    .with_notes(joined.clone())
                    .with_labels(vec![Label::primary((), caret.clone()).with_message(label)]);
                let snippet = Snippet {
                    name: &excerpt.name,
                    line: excerpt.line,
                    column: excerpt.column,
                    text: &excerpt.line_text,
                    caret: caret.clone(),
                };
                let mut theirs = Ansi::new(Vec::new());
                term::emit_to_write_style(&mut theirs, &Config::default(), &excerpt, &diagnostic)
                    .unwrap();
                let mut ours = Ansi::new(Vec::new());
                diagnostic::write(
                    &mut ours,
                    severity,
                    "FM105",
                    "the message",
                    &snippet,
                    label,
                    &notes,
                )
                .unwrap();
                assert_eq!(
                    String::from_utf8(ours.into_inner()).unwrap(),
                    String::from_utf8(theirs.into_inner()).unwrap(),
                    "{text:?} {caret:?}"
                );
                let mut theirs = NoColor::new(Vec::new());
                term::emit_to_write_style(&mut theirs, &Config::default(), &excerpt, &diagnostic)
                    .unwrap();
                let mut ours = NoColor::new(Vec::new());
                diagnostic::write(
                    &mut ours,
                    severity,
                    "FM105",
                    "the message",
                    &snippet,
                    label,
                    &notes,
                )
                .unwrap();
                assert_eq!(ours.into_inner(), theirs.into_inner(), "{text:?} {caret:?}");
            }
        }
    }
}
