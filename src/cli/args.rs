//! The command line's arguments: every subcommand, option and format, as clap derives
//! them (the `--help` text is their doc comments; `tests/cli_help.rs` pins it).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use flowmap::model::Date;

pub(crate) const EXAMPLES: &str = "\
Examples:
  flowmap                                   ./inventory.ron, else the built-in demo
  flowmap check inventory/                  a folder holding inventory.ron
  flowmap check my.ron --deny warnings      fail on warnings too
  flowmap check my.ron --format json        machine-readable findings
  flowmap explain FM202                     what a rule checks, why, and how to fix it

Exit codes: 0 clean, 1 findings at or above the threshold, 2 could not run.";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  flowmap completions bash > ~/.local/share/bash-completion/completions/flowmap
  mkdir -p ~/.zfunc && flowmap completions zsh > ~/.zfunc/_flowmap";

const MAN_EXAMPLES: &str = "\
Examples:
  mkdir -p ~/.local/share/man/man1
  flowmap man > ~/.local/share/man/man1/flowmap.1
  flowmap man export > ~/.local/share/man/man1/flowmap-export.1
  flowmap man | man -l -";

/// Map where personal data goes, and check it against your privacy policy and transfer law.
#[derive(Debug, Parser)]
#[command(name = "flowmap", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    /// An inventory file, or a folder holding inventory.ron (default: ./inventory.ron when
    /// it exists, else the built-in Confluent 2015 demo, with a notice). On a terminal
    /// this opens the terminal UI; piped, it prints the check report.
    pub(crate) path: Option<PathBuf>,
    /// Judge transfers at this date (YYYY-MM-DD) in the UI or the printed report;
    /// default: the inventory's `as_of`, else today.
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    pub(crate) as_of: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate an inventory against its policy, transfer law and the record rules.
    Check(CheckArgs),
    /// Every transfer's verdict across the law's milestones, and the errors and warnings
    /// on each milestone.
    Timeline(TimelineArgs),
    /// Export the map: Graphviz DOT, Mermaid, JSON, Fides manifests, or the Article 30
    /// record (CSV, the ICO template as CSV or an Excel workbook).
    Export(ExportArgs),
    /// Every path that data takes, hop by hop, marking each border crossing and each
    /// transfer (its regime and verdict).
    Trace(TraceArgs),
    /// What changed between two inventories: nodes, flows, findings, cross-border routes.
    /// Exits 1 when NEW adds an error finding.
    Diff(DiffArgs),
    /// Print a shell's completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the man page (roff), generated from the same definitions as --help.
    #[command(after_help = MAN_EXAMPLES)]
    Man(ManArgs),
    /// Write an inventory from another tool's files (Fides manifests).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Explain a rule: what it checks, why, the law, an example that fires it and its fix
    /// (the text of docs/rules/RULE.md). With no RULE, list every rule.
    Explain(ExplainArgs),
    /// Print the built-in data categories and purposes (the names `data`, `collects` and
    /// `purposes` may use).
    Taxonomy(TaxonomyArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A rule id, e.g. FM202.
    pub(crate) rule: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct TaxonomyArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = TaxonomyFormat::Table)]
    pub(crate) format: TaxonomyFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TaxonomyFormat {
    /// Names, indented by depth, with their descriptions.
    Table,
    /// The taxonomy file itself (a start for your own).
    Ron,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportCommand {
    /// Ethyca Fides manifests (fideslang 3.x): every *.yml/*.yaml under DIR. Prints a
    /// checklist of what Fides cannot say (written as commented placeholders).
    Fides(ImportFidesArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ImportFidesArgs {
    /// The folder holding the manifests.
    pub(crate) dir: PathBuf,
    /// The inventory to write (atomically). A generated taxonomy goes beside it, named
    /// after it (`inventory.ron` → `inventory.taxonomy.ron`). An existing file is
    /// replaced only when it holds what this import writes, or with --force.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        default_value = "inventory.ron"
    )]
    pub(crate) output: PathBuf,
    /// Replace an existing output (and its generated taxonomy) that differs from what
    /// this import writes — e.g. an inventory edited since the last import.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    /// An inventory file, or a folder holding inventory.ron (default: ./inventory.ron when
    /// it exists, else the built-in demo, with a notice).
    pub(crate) path: Option<PathBuf>,
    /// Only this flow's spans.
    #[arg(long, value_name = "ID")]
    pub(crate) flow: Option<String>,
    /// The first day (default: 1998-10-25, when the Member States' laws under Directive 95/46/EC were due).
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    pub(crate) from: Option<Date>,
    /// The last day (default: today).
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    pub(crate) to: Option<Date>,
    /// Waivers to count with: each applies as it stands on each day, and its expiry is a
    /// milestone.
    #[arg(long, value_name = "FILE")]
    pub(crate) waivers: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub(crate) format: DiffFormat,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The inventory before (a file, or a folder holding inventory.ron).
    pub(crate) old: PathBuf,
    /// The inventory after.
    pub(crate) new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub(crate) format: DiffFormat,
    /// Judge both at this date (default: each inventory's `as_of`, else today).
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    pub(crate) as_of: Option<Date>,
}

/// The output formats of `flowmap check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
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
pub(crate) enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["category", "from"])))]
pub(crate) struct TraceArgs {
    /// An inventory file, or a folder holding inventory.ron (default: ./inventory.ron when
    /// it exists, else the built-in demo, with a notice).
    pub(crate) path: Option<PathBuf>,
    /// Trace a data category (and the categories inside it) from every source.
    #[arg(long, value_name = "NAME")]
    pub(crate) category: Option<String>,
    /// Trace everything leaving this node.
    #[arg(long, value_name = "ID")]
    pub(crate) from: Option<String>,
    /// Judge which hops are transfers at this date (YYYY-MM-DD); default: the
    /// inventory's `as_of`, else today.
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    pub(crate) as_of: Option<Date>,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// An inventory file, or a folder holding inventory.ron (default: ./inventory.ron when
    /// it exists, else the built-in demo, with a notice).
    pub(crate) path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Dot)]
    pub(crate) format: ExportFormat,
    /// Only the flows that cross a border, and their ends (a transfer in law that crosses
    /// no border is left out: see the Transfers tab or `--format json`).
    #[arg(long)]
    pub(crate) cross_border: bool,
    /// Only the neighbourhood of this node.
    #[arg(long, value_name = "ID")]
    pub(crate) focus: Option<String>,
    /// With --focus: how many flows away from the node to include.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    pub(crate) depth: usize,
    /// Only flows that carry this data category (or a category inside it).
    #[arg(long, value_name = "NAME")]
    pub(crate) category: Option<String>,
    /// DOT only: collapse nodes into one per group (jurisdiction, or kind) with flow
    /// counts and the union of categories — for maps too big to draw node by node.
    #[arg(long, value_enum, value_name = "BY")]
    pub(crate) aggregate: Option<AggregateBy>,
    /// Write to FILE (atomically; `-` for standard output) instead of standard output.
    /// Only a regular file is replaced, keeping its permissions, and never an input.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Judge findings (dashed edges), transfers (JSON, the workbook's Transfers sheet) and
    /// the record's third countries and safeguards (ropa-csv, ropa-ico, ropa-xlsx) at this
    /// date (YYYY-MM-DD); default: the inventory's `as_of`, else today.
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    pub(crate) as_of: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AggregateBy {
    /// One node per set of jurisdictions.
    Jurisdiction,
    /// One node per kind (sources, stores, recipients by kind).
    Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// Graphviz DOT (`| dot -Tsvg > map.svg`).
    Dot,
    /// A Mermaid `flowchart LR` for Markdown.
    Mermaid,
    /// Nodes, flows and findings as JSON.
    Json,
    /// The GDPR Article 30 record of processing activities as CSV.
    RopaCsv,
    /// The Article 30 record as CSV in the UK ICO controller template's columns.
    RopaIco,
    /// The Article 30 record as an Excel workbook (needs -o FILE): the ICO template's
    /// columns, and a sheet of the transfers.
    RopaXlsx,
    /// Fides manifests (fideslang 3.x): with -o, a folder of systems.yml, datasets.yml,
    /// organization.yml and taxonomy.yml; else those files as one YAML stream.
    Fides,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// An inventory file, or a folder holding inventory.ron (default: ./inventory.ron when
    /// it exists, else the built-in demo, with a notice).
    pub(crate) path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Also fail (exit 1) on findings of this severity.
    #[arg(long, value_enum)]
    pub(crate) deny: Option<Deny>,
    /// Judge transfer rules at this date (YYYY-MM-DD); default: the inventory's `as_of`, else today.
    #[arg(long, value_name = "DATE", value_parser = law_date)]
    pub(crate) as_of: Option<Date>,
    /// A RON list of accepted findings: `[(rule: "FM203", subject: "a->b", reason: "...", expires: Some("2027-06-30"))]`.
    #[arg(long, value_name = "FILE")]
    pub(crate) waivers: Option<PathBuf>,
    /// Look ahead: warn (FM210) of each transfer whose verdict gets worse within DAYS
    /// after the as-of date, and of each waiver that expires within DAYS of today.
    #[arg(long, value_name = "DAYS")]
    pub(crate) horizon: Option<u32>,
    /// Print only findings of this severity or worse (default: info; warning for
    /// `--format github`, whose notices would crowd out the errors). What is printed
    /// only: the summary still counts, and the exit code still weighs, every finding.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub(crate) min_severity: Option<MinSeverity>,
}

/// The least severe findings a report prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MinSeverity {
    /// Every finding.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

impl CheckArgs {
    /// Which findings the report prints.
    pub(crate) fn shown(&self) -> flowmap::report::Shown {
        use flowmap::check::Severity;
        let min = match (self.min_severity, self.format) {
            (Some(MinSeverity::Info), _) => Severity::Info,
            (Some(MinSeverity::Warning), _) => Severity::Warning,
            (Some(MinSeverity::Error), _) => Severity::Error,
            (None, Format::Github) => Severity::Warning,
            (None, _) => Severity::Info,
        };
        flowmap::report::Shown { min }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    /// Warnings fail the run as errors do.
    Warnings,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Print this subcommand's page, flowmap-SUBCOMMAND(1), instead of flowmap(1).
    pub(crate) subcommand: Option<String>,
}

/// Parses `--as-of`: a calendar date no earlier than the first law flowmap knows.
pub(crate) fn law_date(text: &str) -> Result<Date, String> {
    let day: Date = text.parse()?;
    if day < flowmap::model::law::EARLIEST {
        return Err(format!(
            "flowmap knows no law before {}: {}; give a date from {} on",
            flowmap::model::law::EARLIEST,
            flowmap::model::law::EARLIEST_WHY,
            flowmap::model::law::EARLIEST
        ));
    }
    Ok(day)
}
