//! SARIF 2.1.0 output, as GitHub code scanning reads it: one rule per rule id with its
//! help text, one result per finding with its physical location, waived findings as
//! suppressions.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Shown;
use super::json_out::JsonOut;
use crate::check::{Finding, Report, Rule, Severity};
use crate::diag::Location;
use crate::load::LoadError;

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
fn uri(file: &str) -> Cow<'_, str> {
    let path = file.strip_prefix("./").unwrap_or(file);
    if !path.contains([' ', '%', '#', '?']) {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// What one SARIF result reports: a finding, or a file that could not be read at all
/// (no rule, no subject).
enum Item<'a> {
    Finding(&'a Finding),
    Unreadable { message: String, place: Location },
}

/// The report as a SARIF 2.1.0 log (every finding).
pub fn report_to_string(report: &Report) -> String {
    let mut out = Vec::new();
    write_report(&mut out, report, Shown::ALL).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("SARIF is UTF-8")
}

/// Streams the report as a SARIF 2.1.0 log: every rule in the driver, one result per
/// finding `shown` lets through. Give it a buffered writer.
pub fn write_report<W: Write + ?Sized>(
    out: &mut W,
    report: &Report,
    shown: Shown,
) -> io::Result<()> {
    let findings = report.findings.iter().filter(|f| shown.includes(f));
    write_log(out, findings.map(Item::Finding))
}

/// A file that could not be loaded, as a SARIF log of one error: FM001 when the file is
/// not valid RON or not what it should be, no rule when it could not be read at all.
pub fn load_error_to_string(error: &LoadError) -> String {
    let finding = error.as_finding();
    let item = match &finding {
        Some(finding) => Item::Finding(finding),
        None => Item::Unreadable {
            message: error.full_message(),
            place: error.place(),
        },
    };
    let mut out = Vec::new();
    write_log(&mut out, std::iter::once(item)).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("SARIF is UTF-8")
}

/// The log around `results`, its keys in the order serde_json's map sorts them (the
/// bytes the log had when it was built as a `serde_json::Value`).
fn write_log<'a, W: Write + ?Sized>(
    out: &mut W,
    results: impl Iterator<Item = Item<'a>>,
) -> io::Result<()> {
    let mut json = JsonOut::new(out);
    json.begin_object()?;
    json.field_str("$schema", "https://json.schemastore.org/sarif-2.1.0.json")?;
    json.key("runs")?;
    json.begin_array()?;
    json.item()?;
    json.begin_object()?;
    json.field_str("columnKind", "unicodeCodePoints")?;
    json.key("results")?;
    json.begin_array()?;
    for item in results {
        json.item()?;
        match item {
            Item::Finding(finding) => write_result(&mut json, finding)?,
            Item::Unreadable { message, place } => write_unreadable(&mut json, &message, &place)?,
        }
    }
    json.end_array()?;
    json.key("tool")?;
    json.begin_object()?;
    json.key("driver")?;
    json.begin_object()?;
    json.field_str("name", "flowmap")?;
    json.key("rules")?;
    json.begin_array()?;
    for &rule in Rule::ALL {
        json.item()?;
        write_rule(&mut json, rule)?;
    }
    json.end_array()?;
    json.field_str("version", env!("CARGO_PKG_VERSION"))?;
    json.end_object()?;
    json.end_object()?;
    json.end_object()?;
    json.end_array()?;
    json.field_str("version", "2.1.0")?;
    json.end_object()?;
    json.finish()
}

/// `key: {"text": text}`.
fn text_field<W: Write + ?Sized>(
    json: &mut JsonOut<'_, W>,
    key: &str,
    text: &str,
) -> io::Result<()> {
    json.key(key)?;
    json.begin_object()?;
    json.field_str("text", text)?;
    json.end_object()
}

fn write_rule<W: Write + ?Sized>(json: &mut JsonOut<'_, W>, rule: Rule) -> io::Result<()> {
    let info = rule.info();
    json.begin_object()?;
    json.key("defaultConfiguration")?;
    json.begin_object()?;
    json.field_str("level", level(info.severity))?;
    json.end_object()?;
    text_field(json, "fullDescription", info.help)?;
    json.key("help")?;
    json.begin_object()?;
    json.key("markdown")?;
    json.str_parts(&[&"**", &info.id, &"**: ", &info.title, &"\n\n", &info.help])?;
    json.field_str("text", info.help)?;
    json.end_object()?;
    json.field_str("id", info.id)?;
    json.field_str("name", info.id)?;
    text_field(json, "shortDescription", info.title)?;
    json.end_object()
}

/// `"physicalLocation": {"artifactLocation": {"uri"}, "region": {…}}`.
fn physical<W: Write + ?Sized>(json: &mut JsonOut<'_, W>, place: &Location) -> io::Result<()> {
    json.key("physicalLocation")?;
    json.begin_object()?;
    json.key("artifactLocation")?;
    json.begin_object()?;
    json.field_str("uri", &uri(&place.file))?;
    json.end_object()?;
    json.key("region")?;
    json.begin_object()?;
    json.field_number("startColumn", place.column)?;
    json.field_number("startLine", place.line)?;
    json.end_object()?;
    json.end_object()
}

fn write_result<W: Write + ?Sized>(json: &mut JsonOut<'_, W>, finding: &Finding) -> io::Result<()> {
    let index = Rule::ALL
        .iter()
        .position(|&r| r == finding.rule)
        .unwrap_or(0);
    json.begin_object()?;
    json.field_str("level", level(finding.severity()))?;
    json.key("locations")?;
    json.begin_array()?;
    json.item()?;
    json.begin_object()?;
    json.key("logicalLocations")?;
    json.begin_array()?;
    json.item()?;
    json.begin_object()?;
    json.field_str("kind", "object")?;
    json.field_str("name", &finding.subject)?;
    json.end_object()?;
    json.end_array()?;
    physical(json, &finding.location)?;
    json.end_object()?;
    json.end_array()?;
    json.key("message")?;
    json.begin_object()?;
    json.key("text")?;
    match &finding.section {
        Some(section) => json.str_parts(&[&finding.message, &" (rests on: ", section, &")"])?,
        None => json.str(&finding.message)?,
    }
    json.end_object()?;
    json.key("partialFingerprints")?;
    json.begin_object()?;
    json.key("flowmap/v1")?;
    json.str_parts(&[&finding.rule.id(), &":", &finding.subject])?;
    json.end_object()?;
    json.field_str("ruleId", finding.rule.id())?;
    json.field_number("ruleIndex", index)?;
    if finding.waived {
        json.key("suppressions")?;
        json.begin_array()?;
        json.item()?;
        json.begin_object()?;
        json.field_str(
            "justification",
            finding.waiver_reason.as_deref().unwrap_or_default(),
        )?;
        json.field_str("kind", "external")?;
        json.field_str("status", "accepted")?;
        json.end_object()?;
        json.end_array()?;
    }
    json.end_object()
}

fn write_unreadable<W: Write + ?Sized>(
    json: &mut JsonOut<'_, W>,
    message: &str,
    place: &Location,
) -> io::Result<()> {
    json.begin_object()?;
    json.field_str("level", "error")?;
    json.key("locations")?;
    json.begin_array()?;
    json.item()?;
    json.begin_object()?;
    physical(json, place)?;
    json.end_object()?;
    json.end_array()?;
    text_field(json, "message", message)?;
    json.end_object()
}
