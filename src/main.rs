//! The `flowmap` command line: parse arguments, call the library, map outcomes to exit
//! codes (0 clean, 1 findings at or above the threshold, 2 could not run).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use flowmap::FlowGraph;
use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions, Report, Severity};
use flowmap::load::LoadError;
use flowmap::load::{self, Origin};
use flowmap::model::Date;
use flowmap::report::{Format, github, human, json, sarif};

const EXAMPLES: &str = "\
Examples:
  flowmap                                   the shipped Confluent 2015 inventory
  flowmap check inventory/                  a folder holding inventory.ron
  flowmap check my.ron --deny warnings      fail on warnings too
  flowmap check my.ron --format json        machine-readable findings

Exit codes: 0 clean, 1 findings at or above the threshold, 2 could not run.";

/// Map where personal data goes, and check it against your privacy policy and transfer law.
#[derive(Debug, Parser)]
#[command(name = "flowmap", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// An inventory file, or a folder holding inventory.ron (default: the shipped
    /// Confluent 2015 inventory). Until the terminal UI lands this prints its check report.
    path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate an inventory against its policy, transfer law and the record rules.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// An inventory file, or a folder holding inventory.ron (default: the shipped inventory).
    path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also fail (exit 1) on findings of this severity.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Judge transfer rules at this date (YYYY-MM-DD); default: the inventory's `as_of`, else today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// A RON list of accepted findings: `[(rule: "FM203", subject: "a->b", reason: "...", expires: Some("2027-06-30"))]`.
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the run as errors do.
    Warnings,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (args, browsing) = match cli.command {
        Some(Command::Check(args)) => (args, false),
        None => (
            CheckArgs {
                path: cli.path,
                format: Format::Human,
                deny: None,
                as_of: None,
                waivers: None,
            },
            true,
        ),
    };
    // Browsing the report (what the TUI will replace) is not a gate: findings exit 0.
    match check_command(&args) {
        1 if browsing => ExitCode::SUCCESS,
        code => ExitCode::from(code),
    }
}

fn origin(path: &Option<PathBuf>) -> Origin {
    match path {
        Some(path) => Origin::Path(path.clone()),
        None => Origin::Builtin,
    }
}

fn check_command(args: &CheckArgs) -> u8 {
    let loaded = match load::load(&origin(&args.path)) {
        Ok(loaded) => loaded,
        Err(error) => return load_failure(&error, args.format),
    };
    let waivers = match args.waivers.as_deref().map(Waivers::load).transpose() {
        Ok(waivers) => waivers,
        Err(error) => return load_failure(&error, args.format),
    };
    let graph = FlowGraph::new(loaded);
    let options = CheckOptions::resolve(&graph, args.as_of);
    let mut report = check::run(&graph, &options);
    let mut files = graph.loaded().files();
    if let Some(waivers) = &waivers {
        waivers.apply(&mut report.findings, Date::today());
        files.push(&waivers.file);
    }
    let written = match args.format {
        Format::Json => write_stdout(&json::report_to_string(&report)),
        Format::Sarif => write_stdout(&sarif::report_to_string(&report)),
        Format::Github => write_stdout(&github::report_to_string(&report)),
        Format::Human => {
            let color = human::color_choice(std::io::stdout().is_terminal());
            human::write_report(&report, &files, color)
        }
    };
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: could not write the report: {error}");
        return 2;
    }
    exit_code(&report, args.deny)
}

fn write_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Reports a file that could not be loaded, in the requested format; exit 2.
fn load_failure(error: &LoadError, format: Format) -> u8 {
    let as_report = || Report {
        findings: vec![error.as_finding()],
        notices: Vec::new(),
    };
    let written = match format {
        Format::Json => write_stdout(&json::load_error_to_string(error)),
        Format::Sarif => write_stdout(&sarif::report_to_string(&as_report())),
        Format::Github => write_stdout(&github::report_to_string(&as_report())),
        Format::Human => {
            let color = human::color_choice(std::io::stderr().is_terminal());
            human::write_load_error(error, color)
        }
    };
    if written.is_err() {
        eprintln!("error: {error}");
    }
    2
}

/// 1 when an unwaived finding is at or above the threshold, else 0.
fn exit_code(report: &Report, deny: Option<Deny>) -> u8 {
    let threshold = match deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    let failing = report
        .findings
        .iter()
        .any(|f| !f.waived && f.severity() >= threshold);
    u8::from(failing)
}
