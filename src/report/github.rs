//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`) that
//! annotate the offending line in a pull request. Waived findings become notices.

use crate::check::{Finding, Report, Severity};
use crate::load::LoadError;

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
    crate::sanitize::terminal(text).into_owned()
}

/// A file that could not be loaded, as one `::error` command: titled FM001 when the file
/// is not valid RON or not what it should be, untitled by any rule when it could not be
/// read at all.
pub fn load_error_to_string(error: &LoadError) -> String {
    match error.as_finding() {
        Some(finding) => line(&finding) + "\n",
        None => {
            let place = error.place();
            let file = place.file.strip_prefix("./").unwrap_or(&place.file);
            format!(
                "::error file={},line={},col={},title={}::{}\n",
                escape_property(&sanitize(file)),
                place.line,
                place.column,
                escape_property("flowmap could not read a file"),
                escape_data(&sanitize(&error.full_message())),
            )
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_break_nothing() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
