//! The `flowmap` command line: parse arguments, call the library, map outcomes to exit
//! codes (0 clean, 1 findings at or above the threshold, 2 could not run).

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use cli::args::{CheckArgs, Cli, Command, Format, ImportCommand};
use cli::commands::*;
use cli::man::man_command;
use cli::reference::{explain_command, taxonomy_command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => check_command(&args),
        Some(Command::Export(args)) => export_command(&args),
        Some(Command::Trace(args)) => trace_command(&args),
        Some(Command::Diff(args)) => diff_command(&args),
        Some(Command::Completions(args)) => completions_command(&args),
        Some(Command::Man(args)) => man_command(&args),
        Some(Command::Import(ImportCommand::Fides(args))) => import_fides_command(&args),
        Some(Command::Timeline(args)) => timeline_command(&args),
        Some(Command::Explain(args)) => explain_command(&args),
        Some(Command::Taxonomy(args)) => taxonomy_command(&args),
        None if std::io::stdout().is_terminal() => tui_command(cli.path, cli.as_of),
        // Piped, `flowmap [PATH]` prints the report; browsing is not a gate: findings
        // exit 0.
        None => check_command(&CheckArgs {
            path: cli.path,
            format: Format::Human,
            deny: None,
            as_of: cli.as_of,
            waivers: None,
            horizon: None,
            min_severity: None,
        })
        .map(|_| Outcome::Clean),
    };
    exit(result)
}

/// The one place outcomes and errors become exit codes: 0 clean, 1 findings at or above
/// the threshold, 2 could not run (the error is reported first; a file that could not
/// be loaded in the format the command writes).
fn exit(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(error) => {
            match error.downcast_ref::<LoadFailure>() {
                Some(failure) => report_load_failure(&failure.error, failure.format),
                None => eprintln!(
                    "error: {}",
                    flowmap::sanitize::terminal(&format!("{error:#}"))
                ),
            }
            ExitCode::from(2)
        }
    }
}
