//! The per-rule summary that closes the human report (as clippy's and ruff's do): one
//! row per rule that fired among the printed findings — its id, severity, how many,
//! and what it checks — most severe first, then most frequent; then, when
//! `--min-severity` left findings out, how many.

use std::io::{self, Write};

use super::Shown;
use crate::check::{Finding, Rule};

/// One row: a rule and how many of the printed findings it made.
struct Row {
    rule: Rule,
    count: usize,
    waived: usize,
}

/// The rows for the findings `shown` lets through, in the order they are printed.
fn rows(findings: &[Finding], shown: Shown) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for finding in findings.iter().filter(|f| shown.includes(f)) {
        let row = match rows.iter_mut().find(|r| r.rule == finding.rule) {
            Some(row) => row,
            None => {
                rows.push(Row {
                    rule: finding.rule,
                    count: 0,
                    waived: 0,
                });
                rows.last_mut().expect("pushed above")
            }
        };
        row.count += 1;
        row.waived += usize::from(finding.waived);
    }
    rows.sort_by(|a, b| {
        (b.rule.severity(), b.count, a.rule.id()).cmp(&(a.rule.severity(), a.count, b.rule.id()))
    });
    rows
}

/// Writes the table (nothing when no finding is printed) and the line on what
/// `--min-severity` left out.
/// `after_notices`: the report's last lines were notices (a diagnostic ends with a blank
/// line of its own; notices do not).
pub fn write<W: Write + ?Sized>(
    out: &mut W,
    findings: &[Finding],
    shown: Shown,
    after_notices: bool,
) -> io::Result<()> {
    let rows = rows(findings, shown);
    if !rows.is_empty() {
        let width = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1)
            .max("count".len());
        if after_notices {
            writeln!(out)?;
        }
        writeln!(out, "rule   severity  {:>width$}  what it checks", "count")?;
        for row in &rows {
            let waived = match row.waived {
                0 => String::new(),
                n => format!(" ({n} waived)"),
            };
            writeln!(
                out,
                "{:<6} {:<8}  {:>width$}  {}{waived}",
                row.rule.id(),
                row.rule.severity().to_string(),
                row.count,
                row.rule.info().title,
            )?;
        }
    }
    let hidden = shown.hidden(findings);
    let mut parts = Vec::new();
    for (n, word) in [
        (hidden.errors, "error"),
        (hidden.warnings, "warning"),
        (hidden.infos, "info"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
        }
    }
    if !parts.is_empty() {
        writeln!(
            out,
            "not shown (below --min-severity {}): {}",
            shown.min,
            parts.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;
    use crate::diag::{Location, Span};

    fn finding(rule: Rule, waived: bool) -> Finding {
        let location = Location {
            file: "f.ron".into(),
            line: 1,
            column: 1,
            span: Span::default(),
        };
        let mut f = Finding::new(rule, "s", "m", location);
        f.waived = waived;
        f
    }

    #[test]
    fn most_severe_then_most_frequent_and_what_was_left_out() {
        let findings = vec![
            finding(Rule::FM201, false),
            finding(Rule::FM301, false),
            finding(Rule::FM201, false),
            finding(Rule::FM202, true),
            finding(Rule::FM302, false),
            finding(Rule::FM302, false),
        ];
        let mut all = Vec::new();
        write(&mut all, &findings, Shown::ALL, false).unwrap();
        let all = String::from_utf8(all).unwrap();
        let ids: Vec<&str> = all.lines().skip(1).map(|l| &l[..5]).collect();
        assert_eq!(ids, ["FM202", "FM302", "FM301", "FM201"], "{all}");
        assert!(
            all.contains(
                "FM202  error         1  a restricted transfer that names no mechanism (1 waived)"
            ),
            "{all}"
        );
        assert!(
            all.contains("FM201  info          2  a cross-border flow or a transfer\n"),
            "{all}"
        );
        let mut warnings = Vec::new();
        let shown = Shown {
            min: Severity::Warning,
        };
        write(&mut warnings, &findings, shown, false).unwrap();
        let warnings = String::from_utf8(warnings).unwrap();
        assert!(!warnings.contains("FM201  "), "{warnings}");
        assert!(
            warnings.ends_with("not shown (below --min-severity warning): 2 infos\n"),
            "{warnings}"
        );
    }
}
