//! SARIF 2.1.0 output, as GitHub code scanning reads it: one rule per rule id with its
//! help text, one result per finding with its physical location, waived findings as
//! suppressions.

use serde_json::{Value, json};

use crate::check::{Finding, Report, Rule, Severity};
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
fn uri(file: &str) -> String {
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

fn result(finding: &Finding) -> Value {
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

/// A file that could not be loaded, as a SARIF log of one error: FM001 when the file is
/// not valid RON or not what it should be, no rule when it could not be read at all.
pub fn load_error_to_string(error: &LoadError) -> String {
    let result = match error.as_finding() {
        Some(finding) => result(&finding),
        None => {
            let place = error.place();
            json!({
                "level": "error",
                "message": {"text": error.full_message()},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&place.file)},
                        "region": {"startLine": place.line, "startColumn": place.column},
                    },
                }],
            })
        }
    };
    log(vec![result])
}

fn log(results: Vec<Value>) -> String {
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
    crate::sanitize::json(serde_json::to_string_pretty(&log).expect("SARIF serialises")) + "\n"
}
