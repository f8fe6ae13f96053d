//! The JSON report: `{"findings": [...], "summary": {...}}` (DESIGN.md), plus `notices`.

use std::io::Write as _;

use serde::Serialize;

use crate::check::{Finding, Report, Severity, Summary};
use crate::load::LoadError;

/// One finding as JSON.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub subject: &'a str,
    pub message: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub section: Option<String>,
    pub waived: bool,
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
    summary: Summary,
    notices: &'a [String],
}

/// The report as one pretty-printed JSON object.
pub fn report_to_string(report: &Report) -> String {
    let mut out = Vec::new();
    write_report(report, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the report as one pretty-printed JSON object, streamed: a large report is
/// never held in memory twice. Characters a terminal would act on that JSON may carry
/// raw (C1 controls, bidi overrides) are written as `\uXXXX` escapes on the way.
pub fn write_report(report: &Report, out: impl std::io::Write) -> std::io::Result<()> {
    let json = JsonReport {
        findings: report.findings.iter().map(JsonFinding::from).collect(),
        summary: report.summary(),
        notices: &report.notices,
    };
    let mut writer = HazardEscaper(std::io::BufWriter::with_capacity(1 << 16, out));
    serde_json::to_writer_pretty(&mut writer, &json).map_err(std::io::Error::other)?;
    writer.0.write_all(b"\n")?;
    std::io::Write::flush(&mut writer.0)
}

/// Passes JSON text through, escaping the characters [`crate::sanitize::json`] escapes.
/// serde_json writes whole string fragments, so every chunk is valid UTF-8 on its own.
struct HazardEscaper<W: std::io::Write>(W);

impl<W: std::io::Write> std::io::Write for HazardEscaper<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Plain ASCII (below DEL) holds nothing to escape: the common case, passed as is.
        if buf.iter().all(|&b| b < 0x7f) {
            self.0.write_all(buf)?;
            return Ok(buf.len());
        }
        let escaped = match std::str::from_utf8(buf) {
            Ok(text) => crate::sanitize::json(text.to_string()),
            Err(_) => return self.0.write(buf),
        };
        self.0.write_all(escaped.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// A load error as the same JSON shape: FM001 (or a read error, rule `null`) is the only
/// finding.
pub fn load_error_to_string(error: &LoadError) -> String {
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
    crate::sanitize::json(serde_json::to_string_pretty(&value).expect("JSON value serialises"))
        + "\n"
}
