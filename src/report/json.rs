//! The JSON report: `{"findings": [...], "summary": {...}}` (DESIGN.md), plus `notices`.

use std::io::Write;

use serde::Serialize;

use super::Shown;
use super::json_out::JsonOut;
use crate::check::{Finding, Report, Severity};
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

/// The report as one pretty-printed JSON object (every finding).
pub fn report_to_string(report: &Report) -> String {
    let mut out = Vec::new();
    write_report(&mut out, report, Shown::ALL).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Streams the report as one pretty-printed JSON object: the findings `shown` lets
/// through, the summary of every finding (what decides the exit code) and the notices.
/// Characters a terminal would act on that JSON may carry raw (DEL, C1 controls, bidi
/// overrides) are written as `\uXXXX` escapes. Give it a buffered writer.
pub fn write_report<W: Write + ?Sized>(
    out: &mut W,
    report: &Report,
    shown: Shown,
) -> std::io::Result<()> {
    let mut json = JsonOut::new(out);
    json.begin_object()?;
    json.key("findings")?;
    json.begin_array()?;
    for finding in report.findings.iter().filter(|f| shown.includes(f)) {
        json.item()?;
        write_finding(&mut json, finding)?;
    }
    json.end_array()?;
    let summary = report.summary();
    json.key("summary")?;
    json.begin_object()?;
    json.field_number("errors", summary.errors)?;
    json.field_number("warnings", summary.warnings)?;
    json.field_number("infos", summary.infos)?;
    json.field_number("waived", summary.waived)?;
    json.end_object()?;
    json.key("notices")?;
    json.begin_array()?;
    for notice in &report.notices {
        json.item()?;
        json.str(notice)?;
    }
    json.end_array()?;
    json.end_object()?;
    json.finish()
}

/// One finding, the fields in [`JsonFinding`]'s order.
fn write_finding<W: Write + ?Sized>(json: &mut JsonOut<'_, W>, f: &Finding) -> std::io::Result<()> {
    json.begin_object()?;
    json.field_str("rule", f.rule.id())?;
    json.field_str("severity", severity(f.severity()))?;
    json.field_str("subject", &f.subject)?;
    json.field_str("message", &f.message)?;
    json.field_str("file", &f.location.file)?;
    json.field_number("line", f.location.line)?;
    json.field_number("column", f.location.column)?;
    json.key("section")?;
    match &f.section {
        Some(section) => json.display(section)?,
        None => json.null()?,
    }
    json.key("waived")?;
    json.bool(f.waived)?;
    json.end_object()
}

/// A severity as JSON names it.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
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
