//! The binary describes itself: `flowmap explain [RULE]` (every rule's long explanation,
//! as `rustc --explain` and `ruff rule` do) and `flowmap taxonomy` (the built-in data
//! categories and purposes, as a table or as RON).

use std::fmt::Write;

use anyhow::Context;

use super::args::{ExplainArgs, TaxonomyArgs, TaxonomyFormat};
use super::commands::{Outcome, unless_broken_pipe, write_stdout};
use flowmap::Rule;

/// `flowmap explain RULE`: the rule's explanation; with no RULE, every rule in a line.
pub(crate) fn explain_command(args: &ExplainArgs) -> anyhow::Result<Outcome> {
    let text = match &args.rule {
        None => rule_list(),
        Some(id) => {
            let wanted = id.trim().to_ascii_uppercase();
            let Some(rule) = Rule::from_id(&wanted) else {
                // `nearest` lowers the unknown name only: compare in lower case.
                let ids: Vec<String> = Rule::ALL.iter().map(|r| r.id().to_lowercase()).collect();
                let near = flowmap::suggest::nearest(&wanted, ids.iter().map(String::as_str))
                    .map(str::to_uppercase);
                anyhow::bail!(
                    "flowmap has no rule `{id}`{}; `flowmap explain` lists every rule",
                    flowmap::suggest::did_you_mean(near.as_deref())
                );
            };
            rule.explanation()
                .with_context(|| format!("{rule} has no explanation (a bug: please report it)"))?
                .to_string()
        }
    };
    unless_broken_pipe(write_stdout(&text)).context("could not write standard output")?;
    Ok(Outcome::Clean)
}

/// Every rule: id, severity, title.
fn rule_list() -> String {
    let mut out = String::new();
    for rule in Rule::ALL {
        let info = rule.info();
        let severity = info.severity.to_string();
        let _ = writeln!(out, "{}  {severity:<7}  {}", info.id, info.title);
    }
    out.push_str("\n`flowmap explain FM202` explains one: what it checks, why, the law, an example and its fix.\n");
    out
}

/// `flowmap taxonomy`: the built-in categories and purposes.
pub(crate) fn taxonomy_command(args: &TaxonomyArgs) -> anyhow::Result<Outcome> {
    let text = match args.format {
        TaxonomyFormat::Ron => flowmap::load::DEFAULT_TAXONOMY.to_string(),
        TaxonomyFormat::Table => taxonomy_table(&flowmap::load::default_taxonomy()),
    };
    unless_broken_pipe(write_stdout(&text)).context("could not write standard output")?;
    Ok(Outcome::Clean)
}

/// Two tables, categories then purposes: each name (indented by its depth) and its
/// description.
fn taxonomy_table(taxonomy: &flowmap::model::Taxonomy) -> String {
    let mut out = String::new();
    for (title, terms) in [
        ("Data categories", &taxonomy.categories),
        ("Purposes", &taxonomy.purposes),
    ] {
        let width = terms
            .iter()
            .map(|t| t.name.chars().count() + 2 * t.name.matches('.').count())
            .max()
            .unwrap_or(0);
        let _ = writeln!(out, "{title} ({}):", terms.len());
        for term in terms {
            let name = format!(
                "{}{}",
                "  ".repeat(term.name.matches('.').count()),
                term.name
            );
            let mark = if term.personal == Some(false) {
                "[not personal data: the transfer rules skip it] "
            } else {
                ""
            };
            let _ = writeln!(out, "  {name:<width$}  {mark}{}", term.description);
        }
        out.push('\n');
    }
    out.push_str(
        "A category covers the names below it (`contact` covers `contact.email`). Your own \
         taxonomy: `taxonomy: Some(\"taxonomy.ron\")` in the inventory; \
         `flowmap taxonomy --format ron > taxonomy.ron` starts one (docs/taxonomy.md).\n",
    );
    out
}
