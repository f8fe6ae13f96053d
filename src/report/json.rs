//! The JSON report: `{"findings": [...], "summary": {...}}` (DESIGN.md), plus `notices`.

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
    pub section: Option<&'a str>,
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
            section: f.section.as_deref(),
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
    let json = JsonReport {
        findings: report.findings.iter().map(JsonFinding::from).collect(),
        summary: report.summary(),
        notices: &report.notices,
    };
    crate::sanitize::json(serde_json::to_string_pretty(&json).expect("findings serialise")) + "\n"
}

/// A load error as the same JSON shape: FM001 (or a read error, rule `null`) is the only
/// finding.
pub fn load_error_to_string(error: &LoadError) -> String {
    let location = error.location.as_deref();
    let message = match &error.hint {
        Some(hint) => format!("{} ({hint})", error.message),
        None => error.message.clone(),
    };
    let rule = match error.kind {
        crate::load::LoadErrorKind::Invalid => Some("FM001"),
        crate::load::LoadErrorKind::Read => None,
    };
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
