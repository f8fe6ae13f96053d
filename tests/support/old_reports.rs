//! The report writers as they were before they streamed (commit 5443c02), kept verbatim
//! as a reference: `tests/report_stream.rs` holds today's streamed JSON, SARIF and GitHub
//! output to these bytes on every case, whatever the messages say.

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
        flowmap::sanitize::json(serde_json::to_string_pretty(&log).expect("SARIF serialises"))
            + "\n"
    }
}

pub mod github {
    use super::*;

    /// Escapes a command's message (`%`, CR, LF).
    fn escape_data(text: &str) -> String {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }

    /// Escapes a command property (also `:` and `,`).
    fn escape_property(text: &str) -> String {
        escape_data(text).replace(':', "%3A").replace(',', "%2C")
    }

    fn line(finding: &Finding) -> String {
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
    fn sanitize(text: &str) -> String {
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
