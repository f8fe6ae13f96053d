//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`) that
//! annotate the offending line in a pull request. Waived findings become notices.

use std::io::{self, Write};

use super::Shown;
use crate::check::{Finding, Report, Severity};
use crate::load::LoadError;

/// A command's message: control characters shown as escapes, `%` escaped.
fn escape_data(text: &str) -> String {
    let mut out = Vec::new();
    Escaped::data(&mut out)
        .text(text)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// Escapes a command property (also `:` and `,`).
fn escape_property(text: &str) -> String {
    let mut out = Vec::new();
    Escaped::property(&mut out)
        .text(text)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// Writes user text into a workflow command as it goes: control characters (which
/// would end or forge a command) as visible `\u{…}` escapes
/// ([`crate::sanitize::terminal`]), then the command escapes (`%`, CR, LF; in a
/// property also `:` and `,`).
struct Escaped<'a, W: Write + ?Sized> {
    out: &'a mut W,
    property: bool,
}

impl<'a, W: Write + ?Sized> Escaped<'a, W> {
    fn data(out: &'a mut W) -> Self {
        Escaped {
            out,
            property: false,
        }
    }

    fn property(out: &'a mut W) -> Self {
        Escaped {
            out,
            property: true,
        }
    }

    /// Writes `text`, escaped; returns itself for the next piece.
    fn text(self, text: &str) -> io::Result<Self> {
        let bytes = text.as_bytes();
        let property = self.property;
        // Printable ASCII that is not `%` (nor `:` or `,` in a property) passes as it is.
        let plain = |b: u8| {
            (0x20..0x7f).contains(&b) && b != b'%' && !(property && (b == b':' || b == b','))
        };
        let mut start = 0;
        let mut at = 0;
        while at < bytes.len() {
            if plain(bytes[at]) {
                at += 1;
                continue;
            }
            let c = text[at..].chars().next().expect("at a character boundary");
            let len = c.len_utf8();
            let special = matches!(c, '%' | ':' | ',') || crate::sanitize::is_hazard(c);
            if special {
                self.out.write_all(&bytes[start..at])?;
                match c {
                    '%' => self.out.write_all(b"%25")?,
                    ':' => self.out.write_all(b"%3A")?,
                    ',' => self.out.write_all(b"%2C")?,
                    c => write!(self.out, "\\u{{{:x}}}", c as u32)?,
                }
                start = at + len;
            }
            at += len;
        }
        self.out.write_all(&bytes[start..])?;
        Ok(self)
    }

    /// Writes what `value` displays, escaped.
    fn display(self, value: &dyn std::fmt::Display) -> io::Result<Self> {
        let text = value.to_string();
        self.text(&text)
    }
}

/// Writes one finding's command line.
fn write_line<W: Write + ?Sized>(out: &mut W, finding: &Finding) -> io::Result<()> {
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
    write!(out, "::{command} file=")?;
    Escaped::property(out).text(file)?;
    write!(
        out,
        ",line={},col={},title=",
        finding.location.line, finding.location.column
    )?;
    Escaped::property(out)
        .text(finding.rule.id())?
        .text(" ")?
        .text(finding.rule.info().title)?;
    out.write_all(b"::")?;
    let mut message = Escaped::data(out)
        .text(&finding.message)?
        .text(" (")?
        .text(&finding.subject)?
        .text(")")?;
    if let Some(section) = &finding.section {
        message = message.text(" [rests on: ")?.display(section)?.text("]")?;
    }
    if finding.waived {
        message
            .text(" [waived: ")?
            .text(finding.waiver_reason.as_deref().unwrap_or(""))?
            .text("]")?;
    }
    out.write_all(b"\n")
}

/// A file that could not be loaded, as one `::error` command: titled FM001 when the file
/// is not valid RON or not what it should be, untitled by any rule when it could not be
/// read at all.
pub fn load_error_to_string(error: &LoadError) -> String {
    match error.as_finding() {
        Some(finding) => {
            let mut out = Vec::new();
            write_line(&mut out, &finding).expect("writing to memory cannot fail");
            String::from_utf8(out).expect("commands are UTF-8")
        }
        None => {
            let place = error.place();
            let file = place.file.strip_prefix("./").unwrap_or(&place.file);
            format!(
                "::error file={},line={},col={},title={}::{}\n",
                escape_property(file),
                place.line,
                place.column,
                escape_property("flowmap could not read a file"),
                escape_data(&error.full_message()),
            )
        }
    }
}

/// The report as workflow commands, one line per finding (every finding).
pub fn report_to_string(report: &Report) -> String {
    let mut out = Vec::new();
    write_report(&mut out, report, Shown::ALL).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("commands are UTF-8")
}

/// Streams the report as workflow commands, one line per finding `shown` lets through.
/// Give it a buffered writer.
pub fn write_report<W: Write + ?Sized>(
    out: &mut W,
    report: &Report,
    shown: Shown,
) -> io::Result<()> {
    for finding in report.findings.iter().filter(|f| shown.includes(f)) {
        write_line(out, finding)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_break_nothing() {
        assert_eq!(escape_data("50%\nnext:a,b"), "50%25\\u{a}next:a,b");
        assert_eq!(escape_property("a:b,c\u{1b}"), "a%3Ab%2Cc\\u{1b}");
    }
}
