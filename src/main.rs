//! The `flowmap` command line: parse arguments, call the library, map outcomes to exit
//! codes (0 clean, 1 findings at or above the threshold, 2 could not run).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use flowmap::FlowGraph;
use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions, Report, Severity};
use flowmap::export::{self, ExportOptions, Focus};
use flowmap::load::LoadError;
use flowmap::load::{self, Origin};
use flowmap::model::Date;
use flowmap::report::{github, human, json, sarif};
use flowmap::trace::{self, TraceFrom};

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
    /// Confluent 2015 inventory). On a terminal this opens the terminal UI; piped, it
    /// prints the check report.
    path: Option<PathBuf>,
    /// Judge transfers at this date (YYYY-MM-DD) in the UI or the printed report;
    /// default: the inventory's `as_of`, else today.
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    as_of: Option<Date>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate an inventory against its policy, transfer law and the record rules.
    Check(CheckArgs),
    /// Export the map: Graphviz DOT, Mermaid, JSON, or the Article 30 record as CSV.
    Export(ExportArgs),
    /// Every path that data takes, hop by hop, marking each border crossing and each
    /// transfer (its regime and verdict).
    Trace(TraceArgs),
    /// What changed between two inventories: nodes, flows, findings, cross-border routes.
    /// Exits 1 when NEW adds an error finding.
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The inventory before (a file, or a folder holding inventory.ron).
    old: PathBuf,
    /// The inventory after.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Judge both at this date (default: each inventory's `as_of`, else today).
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    as_of: Option<Date>,
}

/// The output formats of `flowmap check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Coloured on a terminal, with the offending line quoted.
    Human,
    /// One JSON object: findings and summary.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands that annotate the offending lines.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["category", "from"])))]
struct TraceArgs {
    /// An inventory file, or a folder holding inventory.ron (default: the shipped inventory).
    path: Option<PathBuf>,
    /// Trace a data category (and the categories inside it) from every source.
    #[arg(long, value_name = "NAME")]
    category: Option<String>,
    /// Trace everything leaving this node.
    #[arg(long, value_name = "ID")]
    from: Option<String>,
    /// Judge which hops are transfers at this date (YYYY-MM-DD); default: the
    /// inventory's `as_of`, else today.
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    as_of: Option<Date>,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// An inventory file, or a folder holding inventory.ron (default: the shipped inventory).
    path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Dot)]
    format: ExportFormat,
    /// Only the flows that cross a border, and their ends (a transfer in law that crosses
    /// no border is left out: see the Transfers tab or `--format json`).
    #[arg(long)]
    cross_border: bool,
    /// Only the neighbourhood of this node.
    #[arg(long, value_name = "ID")]
    focus: Option<String>,
    /// With --focus: how many flows away from the node to include.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    depth: usize,
    /// Only flows that carry this data category (or a category inside it).
    #[arg(long, value_name = "NAME")]
    category: Option<String>,
    /// DOT only: collapse nodes into one per group (jurisdiction, or kind) with flow
    /// counts and the union of categories — for maps too big to draw node by node.
    #[arg(long, value_enum, value_name = "BY")]
    aggregate: Option<AggregateBy>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Judge findings (dashed edges), transfers (JSON) and the record's third countries
    /// and safeguards (ropa-csv) at this date (YYYY-MM-DD); default: the inventory's
    /// `as_of`, else today.
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    as_of: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AggregateBy {
    /// One node per set of jurisdictions.
    Jurisdiction,
    /// One node per kind (sources, stores, recipients by kind).
    Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// Graphviz DOT (`| dot -Tsvg > map.svg`).
    Dot,
    /// A Mermaid `flowchart LR` for Markdown.
    Mermaid,
    /// Nodes, flows and findings as JSON.
    Json,
    /// The GDPR Article 30 record of processing activities as CSV.
    RopaCsv,
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
    #[arg(long, value_name = "DATE", value_parser = law_date)]
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

/// How a command ended when it could run: clean (exit 0) or with findings at or above
/// its threshold (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Clean,
    Findings,
}

impl Outcome {
    fn from_failing(failing: bool) -> Outcome {
        if failing {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }
}

/// A file that could not be loaded, to be reported in the format the command writes.
#[derive(Debug)]
struct LoadFailure {
    error: LoadError,
    format: Format,
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for LoadFailure {}

/// Loads `origin`, or fails with the error reported in `format`.
fn load_as(origin: &Origin, format: Format) -> anyhow::Result<load::Loaded> {
    load::load(origin).map_err(|error| LoadFailure { error, format }.into())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => check_command(&args),
        Some(Command::Export(args)) => export_command(&args),
        Some(Command::Trace(args)) => trace_command(&args),
        Some(Command::Diff(args)) => diff_command(&args),
        None if std::io::stdout().is_terminal() => tui_command(cli.path, cli.as_of),
        // Piped, `flowmap [PATH]` prints the report; browsing is not a gate: findings
        // exit 0.
        None => check_command(&CheckArgs {
            path: cli.path,
            format: Format::Human,
            deny: None,
            as_of: cli.as_of,
            waivers: None,
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

/// `flowmap [PATH]` on a terminal: the terminal UI. An inventory that does not load is
/// reported as `check` reports it (exit 2), before the terminal is touched.
fn tui_command(path: Option<PathBuf>, as_of: Option<Date>) -> anyhow::Result<Outcome> {
    match flowmap::tui::run(origin(&path), as_of) {
        Ok(()) => Ok(Outcome::Clean),
        Err(flowmap::tui::RunError::Load(error)) => Err(LoadFailure {
            error,
            format: Format::Human,
        }
        .into()),
        Err(flowmap::tui::RunError::Io(error)) => {
            Err(anyhow::Error::new(error).context("the terminal UI could not run"))
        }
    }
}

fn origin(path: &Option<PathBuf>) -> Origin {
    match path {
        Some(path) => Origin::Path(path.clone()),
        None => Origin::Builtin,
    }
}

fn check_command(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let loaded = load_as(&origin(&args.path), args.format)?;
    let waivers = args
        .waivers
        .as_deref()
        .map(Waivers::load)
        .transpose()
        .map_err(|error| LoadFailure {
            error,
            format: args.format,
        })?;
    let graph = FlowGraph::new(loaded).judged_on(args.as_of);
    let options = CheckOptions::resolve(&graph, args.as_of);
    let mut report = check::run(&graph, &options);
    let mut files = graph.loaded().files();
    if let Some(waivers) = &waivers {
        waivers.apply(&mut report.findings, Date::today());
        files.push(&waivers.file);
    }
    let written = match args.format {
        Format::Json => json::write_report(&report, std::io::stdout().lock()),
        Format::Sarif => write_stdout(&sarif::report_to_string(&report)),
        Format::Github => write_stdout(&github::report_to_string(&report)),
        Format::Human => {
            let color = human::color_choice(std::io::stdout().is_terminal());
            human::write_report(&report, &files, color)
        }
    };
    unless_broken_pipe(written).context("could not write the report")?;
    let outcome = Outcome::from_failing(failing(&report, args.deny));
    // The process ends next: skip freeing a large graph piece by piece (the OS reclaims it
    // at once; at 100k flows the drop alone took a tenth of the run).
    drop(files);
    std::mem::forget(report);
    std::mem::forget(graph);
    Ok(outcome)
}

fn write_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// A reader that closed the pipe early (`| head`) is no failure.
fn unless_broken_pipe(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Reports a file that could not be loaded, in the requested format.
fn report_load_failure(error: &LoadError, format: Format) {
    let written = match format {
        Format::Json => write_stdout(&json::load_error_to_string(error)),
        Format::Sarif => write_stdout(&sarif::load_error_to_string(error)),
        Format::Github => write_stdout(&github::load_error_to_string(error)),
        Format::Human => {
            let color = human::color_choice(std::io::stderr().is_terminal());
            human::write_load_error(error, color)
        }
    };
    if written.is_err() {
        eprintln!("error: {}", flowmap::sanitize::terminal(&error.to_string()));
    }
}

fn export_command(args: &ExportArgs) -> anyhow::Result<Outcome> {
    let loaded = load_as(&origin(&args.path), Format::Human)?;
    let graph = FlowGraph::new(loaded).judged_on(args.as_of);
    let report = check::run(&graph, &CheckOptions::resolve(&graph, args.as_of));
    let options = ExportOptions {
        cross_border_only: args.cross_border,
        focus: args.focus.clone().map(|id| Focus {
            id,
            depth: args.depth,
        }),
        category: args.category.clone(),
        flows: None,
    };
    let rendered = match args.format {
        ExportFormat::Dot => match args.aggregate {
            None => export::dot::render(&graph, &report, &options),
            Some(by) => {
                let by = match by {
                    AggregateBy::Jurisdiction => export::dot::Aggregate::Jurisdiction,
                    AggregateBy::Kind => export::dot::Aggregate::Kind,
                };
                export::dot::render_aggregated(&graph, &report, &options, by)
            }
        },
        _ if args.aggregate.is_some() => {
            Err("--aggregate works with --format dot only".to_string())
        }
        ExportFormat::Mermaid => export::mermaid::render(&graph, &report, &options),
        ExportFormat::Json => export::json::render(&graph, &report, &options),
        ExportFormat::RopaCsv => export::ropa_csv::render(&graph, &options),
    };
    let text = rendered.map_err(anyhow::Error::msg)?;
    match &args.output {
        Some(path) => export::write_atomic(path, text.as_bytes())
            .with_context(|| format!("could not write {} (nothing was changed)", path.display()))?,
        None => unless_broken_pipe(write_stdout(&text))
            .context("could not write standard output (nothing was changed)")?,
    }
    Ok(Outcome::Clean)
}

fn trace_command(args: &TraceArgs) -> anyhow::Result<Outcome> {
    let loaded = load_as(&origin(&args.path), Format::Human)?;
    let graph = FlowGraph::new(loaded).judged_on(args.as_of);
    let what = match (&args.category, &args.from) {
        (Some(category), _) => TraceFrom::Category(category.clone()),
        (None, Some(id)) => TraceFrom::Node(id.clone()),
        (None, None) => unreachable!("clap requires --category or --from"),
    };
    let paths = trace::paths(&graph, &what).map_err(anyhow::Error::msg)?;
    unless_broken_pipe(write_stdout(&trace::render(&graph, &what, &paths)))
        .context("could not write the trace")?;
    Ok(Outcome::Clean)
}

fn diff_command(args: &DiffArgs) -> anyhow::Result<Outcome> {
    let mut checked = Vec::new();
    for path in [&args.old, &args.new] {
        let loaded = load_as(&Origin::Path(path.clone()), Format::Human)?;
        let graph = FlowGraph::new(loaded).judged_on(args.as_of);
        let report = check::run(&graph, &CheckOptions::resolve(&graph, args.as_of));
        checked.push((graph, report));
    }
    let (old, new) = (&checked[0], &checked[1]);
    let diff = flowmap::diff::diff((&old.0, &old.1), (&new.0, &new.1));
    let text = match args.format {
        DiffFormat::Human => flowmap::diff::render_human(&diff),
        DiffFormat::Markdown => flowmap::diff::render_markdown(&diff),
        DiffFormat::Json => flowmap::diff::render_json(&diff),
    };
    unless_broken_pipe(write_stdout(&text)).context("could not write the diff")?;
    Ok(Outcome::from_failing(diff.adds_errors()))
}

/// Whether an unwaived finding is at or above the threshold (`--deny warnings`: warnings
/// too).
fn failing(report: &Report, deny: Option<Deny>) -> bool {
    let threshold = match deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    report.findings.iter().any(|f| f.fails_at(threshold))
}

/// Parses `--as-of`: a calendar date no earlier than the first law flowmap knows.
fn law_date(text: &str) -> Result<Date, String> {
    let day: Date = text.parse()?;
    if day < flowmap::model::law::EARLIEST {
        return Err(format!(
            "flowmap knows no law before {} (Directive 95/46/EC): give a date from {} on",
            flowmap::model::law::EARLIEST,
            flowmap::model::law::EARLIEST
        ));
    }
    Ok(day)
}
