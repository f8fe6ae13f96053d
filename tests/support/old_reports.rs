//! The report writers as they were before they streamed (commit 5443c02), kept verbatim
//! as a reference: `tests/report_stream.rs` holds today's streamed JSON, SARIF, GitHub
//! and human output to these bytes on every case, whatever the messages say.

#![allow(dead_code)]

use flowmap::check::{Finding, Report, Rule, Severity};
use serde::Serialize;
use serde_json::{Value, json};

pub mod json_report {
    use super::*;

    #[derive(Debug, Serialize)]
    struct JsonFinding<'a> {
        rule: &'a str,
        severity: Severity,
        subject: &'a str,
        message: &'a str,
        file: &'a str,
        line: usize,
        column: usize,
        section: Option<String>,
        waived: bool,
    }

    impl<'a> From<&'a Finding> for JsonFinding<'a> {
        fn from(f: &'a Finding) -> JsonFinding<'a> {
            JsonFinding {
                rule: f.rule.id(),
                severity: f.severity(),
                subject: &f.subject,
                message: &f.message,
                file: &f.location.file,
                line: f.location.line,
                column: f.location.column,
                section: f.section.as_ref().map(ToString::to_string),
                waived: f.waived,
            }
        }
    }

    #[derive(Serialize)]
    struct JsonReport<'a> {
        findings: Vec<JsonFinding<'a>>,
        summary: flowmap::diag::Summary,
        notices: &'a [String],
    }

    /// The old JSON report: serde's pretty printer, then the hazard escapes.
    pub fn report_to_string(report: &Report) -> String {
        let json = JsonReport {
            findings: report.findings.iter().map(JsonFinding::from).collect(),
            summary: report.summary(),
            notices: &report.notices,
        };
        flowmap::sanitize::json(serde_json::to_string_pretty(&json).unwrap()) + "\n"
    }
}

pub mod sarif {
    use super::*;
    /// The SARIF level of a severity.
    fn level(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        }
    }

    /// A file name as a SARIF artifact URI: relative paths stay relative (to the working
    /// directory, where code scanning resolves them); the built-in files keep their name.
    pub fn uri(file: &str) -> String {
        let path = file.strip_prefix("./").unwrap_or(file);
        path.chars()
            .flat_map(|c| match c {
                ' ' => "%20".chars().collect::<Vec<_>>(),
                '%' => "%25".chars().collect(),
                '#' => "%23".chars().collect(),
                '?' => "%3F".chars().collect(),
                c => vec![c],
            })
            .collect()
    }

    fn rule(rule: Rule) -> Value {
        let info = rule.info();
        json!({
            "id": info.id,
            "name": info.id,
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": info.help},
            "help": {"text": info.help, "markdown": format!("**{}**: {}\n\n{}", info.id, info.title, info.help)},
            "defaultConfiguration": {"level": level(info.severity)},
        })
    }

    pub fn result(finding: &Finding) -> Value {
        let index = Rule::ALL
            .iter()
            .position(|&r| r == finding.rule)
            .unwrap_or(0);
        let mut message = finding.message.clone();
        if let Some(section) = &finding.section {
            message.push_str(&format!(" (rests on: {section})"));
        }
        let mut value = json!({
            "ruleId": finding.rule.id(),
            "ruleIndex": index,
            "level": level(finding.severity()),
            "message": {"text": message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&finding.location.file)},
                    "region": {
                        "startLine": finding.location.line,
                        "startColumn": finding.location.column,
                    },
                },
                "logicalLocations": [{"name": finding.subject, "kind": "object"}],
            }],
            "partialFingerprints": {"flowmap/v1": format!("{}:{}", finding.rule.id(), finding.subject)},
        });
        if finding.waived {
            value["suppressions"] = json!([{
                "kind": "external",
                "status": "accepted",
                "justification": finding.waiver_reason.clone().unwrap_or_default(),
            }]);
        }
        value
    }

    /// The report as a SARIF 2.1.0 log.
    pub fn report_to_string(report: &Report) -> String {
        log(report.findings.iter().map(result).collect())
    }

    pub fn log(results: Vec<Value>) -> String {
        let log = json!({
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{
                "tool": {"driver": {
                    "name": "flowmap",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": Rule::ALL.iter().map(|&r| rule(r)).collect::<Vec<_>>(),
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        flowmap::sanitize::json(serde_json::to_string_pretty(&log).expect("SARIF serialises"))
            + "\n"
    }
}

pub mod github {
    use super::*;

    /// Escapes a command's message (`%`, CR, LF).
    pub fn escape_data(text: &str) -> String {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }

    /// Escapes a command property (also `:` and `,`).
    pub fn escape_property(text: &str) -> String {
        escape_data(text).replace(':', "%3A").replace(',', "%2C")
    }

    pub fn line(finding: &Finding) -> String {
        let command = match (finding.waived, finding.severity()) {
            (true, _) | (false, Severity::Info) => "notice",
            (false, Severity::Warning) => "warning",
            (false, Severity::Error) => "error",
        };
        let file = finding
            .location
            .file
            .strip_prefix("./")
            .unwrap_or(&finding.location.file);
        let mut message = format!("{} ({})", finding.message, finding.subject);
        if let Some(section) = &finding.section {
            message.push_str(&format!(" [rests on: {section}]"));
        }
        if finding.waived {
            message.push_str(&format!(
                " [waived: {}]",
                finding.waiver_reason.as_deref().unwrap_or("")
            ));
        }
        format!(
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&sanitize(file)),
            finding.location.line,
            finding.location.column,
            escape_property(&format!(
                "{} {}",
                finding.rule.id(),
                finding.rule.info().title
            )),
            escape_data(&sanitize(&message)),
        )
    }

    /// Control characters would end or forge a command: show them as escapes.
    pub fn sanitize(text: &str) -> String {
        flowmap::sanitize::terminal(text).into_owned()
    }

    /// The report as workflow commands, one line per finding.
    pub fn report_to_string(report: &Report) -> String {
        let mut out = String::new();
        for finding in &report.findings {
            out.push_str(&line(finding));
            out.push('\n');
        }
        out
    }
}

pub mod human {
    use super::*;
    use std::io;
    use std::ops::Range;

    use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as DiagSeverity};
    use codespan_reporting::files::{Error as FilesError, Files};
    use codespan_reporting::term::termcolor::WriteColor;
    use codespan_reporting::term::{self, Config};
    use flowmap::load::{Location, SourceFile};
    use flowmap::sanitize::{source_char, terminal};

    const WINDOW_BEFORE: usize = 60;
    const WINDOW_AFTER: usize = 100;

    /// The one line a diagnostic quotes: neutralised, windowed around the caret, and
    /// reporting the real line and column of the file it came from.
    struct Excerpt {
        name: String,
        line_text: String,
        line: usize,
        column: usize,
    }

    impl Excerpt {
        /// The excerpt for `location` in `file` and the byte range of the caret in it.
        fn new(file: &SourceFile, location: &Location) -> (Excerpt, Range<usize>) {
            let start = file.offset_of(location.line, 1);
            let end = file.text[start..]
                .find('\n')
                .map_or(file.text.len(), |i| start + i);
            let line: Vec<char> = file.text[start..end]
                .trim_end_matches('\r')
                .chars()
                .collect();
            let caret_chars = file
                .text
                .get(location.span.start..location.span.end)
                .map_or(1, |s| s.chars().take_while(|&c| c != '\n').count().max(1));
            let col = location.column.saturating_sub(1).min(line.len());
            let (from, to) = if line.len() <= WINDOW_BEFORE + WINDOW_AFTER {
                (0, line.len())
            } else {
                let from = col.saturating_sub(WINDOW_BEFORE);
                // Issue 18's bound, merged before the writers streamed.
                (from, (col + WINDOW_AFTER).min(line.len()))
            };
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

        fn column_number(
            &'a self,
            (): (),
            _line: usize,
            _byte: usize,
        ) -> Result<usize, FilesError> {
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
        location: Option<&Location>,
        label: &str,
        diagnostic: Diagnostic<()>,
    ) -> io::Result<()> {
        let config = Config::default();
        let file = location.and_then(|l| files.iter().find(|f| f.name == l.file));
        let result = match (file, location) {
            (Some(file), Some(location)) => {
                let (excerpt, caret) = Excerpt::new(file, location);
                let diagnostic =
                    diagnostic.with_labels(vec![Label::primary((), caret).with_message(label)]);
                term::emit_to_write_style(out, &config, &excerpt, &diagnostic)
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

    /// Writes a check report to any colour-aware writer: what [`write_report`] prints, for
    /// tests and callers that capture it (`termcolor::NoColor` for plain text, `Ansi` for
    /// colour).
    pub fn render_report<W: WriteColor>(
        out: &mut W,
        report: &Report,
        files: &[&SourceFile],
    ) -> io::Result<()> {
        for finding in &report.findings {
            let diagnostic = finding_diagnostic(finding);
            emit(
                out,
                files,
                Some(&finding.location),
                finding.rule.info().title,
                diagnostic,
            )?;
        }
        for notice in &report.notices {
            writeln!(out, "notice: {}", terminal(notice))?;
        }
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

    fn finding_diagnostic(finding: &Finding) -> Diagnostic<()> {
        let mut notes = vec![format!("subject: {}", terminal(&finding.subject))];
        if let Some(section) = &finding.section {
            notes.push(format!("rests on: {}", terminal(&section.to_string())));
        }
        if finding.waived {
            let reason = finding.waiver_reason.as_deref().unwrap_or("");
            notes.push(format!(
                "waived: {} (does not fail the run)",
                terminal(reason)
            ));
        }
        Diagnostic::new(severity(finding.severity()))
            .with_code(finding.rule.id())
            .with_message(terminal(&finding.message).into_owned())
            .with_notes(notes)
    }
}

/// The old writers' forms of a file that could not be loaded.
pub mod load_errors {
    use super::*;
    use flowmap::load::LoadError;

    /// A load error as the same JSON shape: FM001 (or a read error, rule `null`) is the only
    /// finding.
    pub fn json(error: &LoadError) -> String {
        let location = error.location.as_deref();
        let message = error.full_message();
        let rule = error.rule().map(|r| r.id());
        let value = serde_json::json!({
            "findings": [{
                "rule": rule,
                "severity": "error",
                "subject": location.map(|l| l.file.to_string()),
                "message": message,
                "file": location.map(|l| l.file.to_string()),
                "line": location.map(|l| l.line),
                "column": location.map(|l| l.column),
                "section": null,
                "waived": false,
            }],
            "summary": {"errors": 1, "warnings": 0, "infos": 0, "waived": 0},
            "notices": [],
        });
        flowmap::sanitize::json(
            serde_json::to_string_pretty(&value).expect("JSON value serialises"),
        ) + "\n"
    }

    /// A file that could not be loaded, as a SARIF log of one error: FM001 when the file is
    /// not valid RON or not what it should be, no rule when it could not be read at all.
    pub fn sarif(error: &LoadError) -> String {
        let result = match error.as_finding() {
            Some(finding) => super::sarif::result(&finding),
            None => {
                let place = error.place();
                json!({
                    "level": "error",
                    "message": {"text": error.full_message()},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": super::sarif::uri(&place.file)},
                            "region": {"startLine": place.line, "startColumn": place.column},
                        },
                    }],
                })
            }
        };
        super::sarif::log(vec![result])
    }

    /// A file that could not be loaded, as one `::error` command: titled FM001 when the file
    /// is not valid RON or not what it should be, untitled by any rule when it could not be
    /// read at all.
    pub fn github(error: &LoadError) -> String {
        match error.as_finding() {
            Some(finding) => super::github::line(&finding) + "\n",
            None => {
                let place = error.place();
                let file = place.file.strip_prefix("./").unwrap_or(&place.file);
                format!(
                    "::error file={},line={},col={},title={}::{}\n",
                    super::github::escape_property(&super::github::sanitize(file)),
                    place.line,
                    place.column,
                    super::github::escape_property("flowmap could not read a file"),
                    super::github::escape_data(&super::github::sanitize(&error.full_message())),
                )
            }
        }
    }
}
