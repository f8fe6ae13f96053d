//! The `flowmap` command line: parse arguments, call the library, map outcomes to exit
//! codes (0 clean, 1 findings at or above the threshold, 2 could not run).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use flowmap::FlowGraph;
use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions, Report, Severity};
use flowmap::export::{self, ExportOptions, Focus};
use flowmap::load::LoadError;
use flowmap::load::{self, Origin};
use flowmap::model::Date;
use flowmap::report::{Format, github, human, json, sarif};
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (args, browsing) = match cli.command {
        Some(Command::Check(args)) => (args, false),
        Some(Command::Export(args)) => return ExitCode::from(export_command(&args)),
        Some(Command::Trace(args)) => return ExitCode::from(trace_command(&args)),
        Some(Command::Diff(args)) => return ExitCode::from(diff_command(&args)),
        None if std::io::stdout().is_terminal() => return tui_command(cli.path, cli.as_of),
        None => (
            CheckArgs {
                path: cli.path,
                format: Format::Human,
                deny: None,
                as_of: cli.as_of,
                waivers: None,
            },
            true,
        ),
    };
    // Piped, `flowmap [PATH]` prints the report; browsing is not a gate: findings exit 0.
    match check_command(&args) {
        1 if browsing => ExitCode::SUCCESS,
        code => ExitCode::from(code),
    }
}

/// `flowmap [PATH]` on a terminal: the terminal UI. An inventory that does not load is
/// reported as `check` reports it (exit 2), before the terminal is touched.
fn tui_command(path: Option<PathBuf>, as_of: Option<Date>) -> ExitCode {
    match flowmap::tui::run(origin(&path), as_of) {
        Ok(()) => ExitCode::SUCCESS,
        Err(flowmap::tui::RunError::Load(error)) => {
            ExitCode::from(load_failure(&error, Format::Human))
        }
        Err(flowmap::tui::RunError::Io(error)) => {
            eprintln!("error: the terminal UI could not run: {error}");
            ExitCode::from(2)
        }
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
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: could not write the report: {error}");
        return 2;
    }
    let code = exit_code(&report, args.deny);
    // The process ends next: skip freeing a large graph piece by piece (the OS reclaims it
    // at once; at 100k flows the drop alone took a tenth of the run).
    drop(files);
    std::mem::forget(report);
    std::mem::forget(graph);
    code
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
        analysis: None,
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
        eprintln!("error: {}", flowmap::sanitize::terminal(&error.to_string()));
    }
    2
}

fn export_command(args: &ExportArgs) -> u8 {
    let loaded = match load::load(&origin(&args.path)) {
        Ok(loaded) => loaded,
        Err(error) => return load_failure(&error, Format::Human),
    };
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
    let text = match rendered {
        Ok(text) => text,
        Err(message) => {
            eprintln!("error: {}", flowmap::sanitize::terminal(&message));
            return 2;
        }
    };
    let written = match &args.output {
        Some(path) => {
            export::write_atomic(path, text.as_bytes()).map_err(|e| (path.display().to_string(), e))
        }
        None => write_stdout(&text).map_err(|e| ("standard output".to_string(), e)),
    };
    match written {
        Ok(()) => 0,
        Err((_, e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err((target, e)) => {
            eprintln!("error: could not write {target}: {e} (nothing was changed)");
            2
        }
    }
}

fn trace_command(args: &TraceArgs) -> u8 {
    let loaded = match load::load(&origin(&args.path)) {
        Ok(loaded) => loaded,
        Err(error) => return load_failure(&error, Format::Human),
    };
    let graph = FlowGraph::new(loaded).judged_on(args.as_of);
    let what = match (&args.category, &args.from) {
        (Some(category), _) => TraceFrom::Category(category.clone()),
        (None, Some(id)) => TraceFrom::Node(id.clone()),
        (None, None) => unreachable!("clap requires --category or --from"),
    };
    match trace::paths(&graph, &what) {
        Ok(paths) => match write_stdout(&trace::render(&graph, &what, &paths)) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => 2,
            _ => 0,
        },
        Err(message) => {
            eprintln!("error: {}", flowmap::sanitize::terminal(&message));
            2
        }
    }
}

fn diff_command(args: &DiffArgs) -> u8 {
    let mut checked = Vec::new();
    for path in [&args.old, &args.new] {
        let loaded = match load::load(&Origin::Path(path.clone())) {
            Ok(loaded) => loaded,
            Err(error) => return load_failure(&error, Format::Human),
        };
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
    if let Err(e) = write_stdout(&text)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: could not write the diff: {e}");
        return 2;
    }
    u8::from(diff.adds_errors())
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
