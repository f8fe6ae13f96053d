//! `flowmap man [SUBCOMMAND]`: the man page (roff), generated from the same definitions
//! as `--help` by clap_mangen, except what a reader copies from: no hyphenation and no
//! justification (`inven‐ tory.ron` cannot be pasted), and each page's examples (its
//! after-help) kept verbatim in a no-fill block with real ASCII hyphens (`\-`), not
//! reflowed into a paragraph.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;

use super::args::{Cli, ManArgs};
use super::commands::{Outcome, unless_broken_pipe, write_stdout};

/// `flowmap man [SUBCOMMAND]`.
pub(crate) fn man_command(args: &ManArgs) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    command.build();
    if let Some(name) = &args.subcommand {
        let Some(sub) = command.find_subcommand(name).cloned() else {
            let names = command.get_subcommands().map(|c| c.get_name());
            anyhow::bail!(
                "flowmap has no subcommand `{name}`{}",
                flowmap::suggest::did_you_mean(flowmap::suggest::nearest(name, names))
            );
        };
        command = sub;
    }
    let page = render(command).context("could not render the man page")?;
    unless_broken_pipe(write_stdout(&page)).context("could not write standard output")?;
    Ok(Outcome::Clean)
}

/// The page of `command`: clap_mangen's sections, then its after-help verbatim.
fn render(command: clap::Command) -> std::io::Result<String> {
    let after = command.get_after_help().map(|s| s.to_string());
    let has_subcommands = command.has_subcommands();
    let has_arguments = command.get_arguments().any(|a| !a.is_hide_set());
    let has_version = command.get_version().is_some();
    let man = clap_mangen::Man::new(command);
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    // No hyphenation, no justification: names and paths stay whole and evenly spaced.
    page.write_all(b".nh\n.ad l\n")?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if has_arguments {
        man.render_options_section(&mut page)?;
    }
    if has_subcommands {
        man.render_subcommands_section(&mut page)?;
    }
    if let Some(after) = after {
        page.write_all(b".SH EXAMPLES\n.nf\n")?;
        for line in after.lines() {
            writeln!(page, "{}", roff_line(line))?;
        }
        page.write_all(b".fi\n")?;
    }
    if has_version {
        man.render_version_section(&mut page)?;
    }
    String::from_utf8(page).map_err(std::io::Error::other)
}

/// One line of text as roff prints it: backslashes and hyphens escaped, a leading
/// control character neutralised.
fn roff_line(line: &str) -> String {
    let escaped = line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_lines_keep_hyphens_and_cannot_issue_requests() {
        assert_eq!(roff_line("  --deny x"), "  \\-\\-deny x");
        assert_eq!(roff_line(".SH X"), "\\&.SH X");
        assert_eq!(roff_line("a\\b"), "a\\eb");
    }
}
