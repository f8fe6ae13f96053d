//! What each subcommand does: load, judge, write — and how it ended ([`Outcome`]) or why it
//! could not run (an `anyhow` error with its context; a file that could not be loaded as
//! [`LoadFailure`], reported in the command's format).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use clap::CommandFactory;

use super::args::*;
use super::origin::origin;

use codespan_reporting::term::termcolor::{Ansi, ColorChoice, NoColor};
use flowmap::FlowGraph;
use flowmap::check::waivers::Waivers;
use flowmap::check::{self, CheckOptions, Report, Severity};
use flowmap::export::{self, ExportOptions, Focus};
use flowmap::load::LoadError;
use flowmap::load::{self, Origin};
use flowmap::model::Date;
use flowmap::report::{github, human, json, sarif};
use flowmap::trace::{self, TraceFrom};

/// How a command ended when it could run: clean (exit 0) or with findings at or above
/// its threshold (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
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
pub(crate) struct LoadFailure {
    pub(crate) error: LoadError,
    pub(crate) format: Format,
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for LoadFailure {}

/// Loads `origin`, or fails with the error reported in `format`.
pub(crate) fn load_as(origin: &Origin, format: Format) -> anyhow::Result<load::Loaded> {
    load::load(origin).map_err(|error| LoadFailure { error, format }.into())
}

/// `flowmap [PATH]` on a terminal: the terminal UI. An inventory that does not load is
/// reported as `check` reports it (exit 2), before the terminal is touched.
pub(crate) fn tui_command(path: Option<PathBuf>, as_of: Option<Date>) -> anyhow::Result<Outcome> {
    match flowmap::tui::run(origin(&path, None), as_of) {
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

pub(crate) fn check_command(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let loaded = load_as(&origin(&args.path, Some("check")), args.format)?;
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
    let mut report = check::run_to_print(&graph, &options);
    let mut files = graph.loaded().files();
    if let Some(days) = args.horizon {
        report
            .findings
            .extend(check::timeline::horizon(&graph, options.as_of, days));
        if let Some(waivers) = &waivers {
            report
                .findings
                .extend(waivers.expiring(Date::today(), days));
        }
        check::sort(&mut report.findings, &graph);
    }
    if let Some(waivers) = &waivers {
        waivers.apply(&mut report.findings, Date::today());
        files.push(&waivers.file);
    }
    let shown = args.shown();
    let written = super::output::to_stdout(|out| match args.format {
        Format::Json => json::write_report(out, &report, shown),
        Format::Sarif => sarif::write_report(out, &report, shown),
        Format::Github => github::write_report(out, &report, shown),
        Format::Human => match human::color_choice(std::io::stdout().is_terminal()) {
            ColorChoice::Never => human::render(&mut NoColor::new(out), &report, &files, shown),
            _ => human::render(&mut Ansi::new(out), &report, &files, shown),
        },
    });
    unless_broken_pipe(written).context("could not write the report")?;
    let outcome = Outcome::from_failing(failing(&report, args.deny));
    // The process ends next: skip freeing a large graph piece by piece (the OS reclaims it
    // at once; at 100k flows the drop alone took a tenth of the run).
    drop(files);
    std::mem::forget(report);
    std::mem::forget(graph);
    Ok(outcome)
}

pub(crate) fn write_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// A reader that closed the pipe early (`| head`) is no failure.
pub(crate) fn unless_broken_pipe(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Reports a file that could not be loaded, in the requested format.
pub(crate) fn report_load_failure(error: &LoadError, format: Format) {
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

pub(crate) fn export_command(args: &ExportArgs) -> anyhow::Result<Outcome> {
    let loaded = load_as(&origin(&args.path, Some("export")), Format::Human)?;
    let graph = FlowGraph::new(loaded).judged_on(args.as_of);
    if args.format == ExportFormat::Fides {
        return export_fides(args, &graph);
    }
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
        ExportFormat::RopaIco => export::ropa_ico::render(&graph, &options),
        ExportFormat::RopaXlsx => {
            return write_workbook(args.output.as_deref(), &graph, &report, &options);
        }
        ExportFormat::Fides => unreachable!("exported above"),
    };
    let text = rendered.map_err(anyhow::Error::msg)?;
    match output_file(args.output.as_deref(), &graph)? {
        Some(path) => export::write_atomic(path, text.as_bytes())
            .with_context(|| format!("could not write {} (nothing was changed)", path.display()))?,
        None => unless_broken_pipe(write_stdout(&text))
            .context("could not write standard output (nothing was changed)")?,
    }
    Ok(Outcome::Clean)
}

/// The file `-o` names: `None` for standard output (no `-o`, or `-o -`); an error when it
/// is one of the files the inventory was loaded from.
fn output_file<'a>(
    output: Option<&'a std::path::Path>,
    graph: &FlowGraph,
) -> anyhow::Result<Option<&'a std::path::Path>> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(None);
    };
    let inputs: Vec<PathBuf> = graph
        .loaded()
        .files()
        .iter()
        .map(|f| PathBuf::from(&*f.name))
        .collect();
    export::write::refuse_input(path, &inputs).map_err(anyhow::Error::msg)?;
    Ok(Some(path))
}

/// `export --format fides`: the whole inventory, into the folder `-o` names or as one
/// YAML stream (a document per file) on standard output.
pub(crate) fn export_fides(args: &ExportArgs, graph: &FlowGraph) -> anyhow::Result<Outcome> {
    if args.cross_border
        || args.focus.is_some()
        || args.category.is_some()
        || args.aggregate.is_some()
    {
        anyhow::bail!(
            "--format fides exports the whole inventory: drop --cross-border, --focus, --category and --aggregate"
        );
    }
    let files = flowmap::interop::fides::export(graph).map_err(anyhow::Error::msg)?;
    match args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(dir) => flowmap::interop::fides::write_dir(dir, &files).with_context(|| {
            format!(
                "could not write the manifests into {} (nothing was changed)",
                dir.display()
            )
        })?,
        None => {
            let text: String = files
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join("---\n");
            unless_broken_pipe(write_stdout(&text))
                .context("could not write standard output (nothing was changed)")?
        }
    }
    Ok(Outcome::Clean)
}

/// `import fides DIR -o FILE`: writes the inventory (nothing on failure) and prints the
/// checklist of placeholders.
pub(crate) fn import_fides_command(args: &ImportFidesArgs) -> anyhow::Result<Outcome> {
    if args.output.as_os_str() == "-" {
        anyhow::bail!(
            "import fides writes an inventory file (and may write a taxonomy beside it): name it with -o FILE"
        );
    }
    let imported = flowmap::interop::fides::import_dir(&args.dir, &args.output)?;
    if let Some(manifest) = imported
        .manifests
        .iter()
        .find(|m| export::write::same_file(&args.output, m))
    {
        anyhow::bail!(
            "the output {} is the manifest {}: name another file",
            args.output.display(),
            manifest.display()
        );
    }
    flowmap::interop::fides::import::write(&imported, &args.output, args.force).with_context(
        || {
            format!(
                "could not write {} (nothing was changed)",
                args.output.display()
            )
        },
    )?;
    let mut text = format!(
        "wrote {} ({} sources, {} stores, {} recipients, {} flows)\n",
        flowmap::sanitize::terminal(&args.output.display().to_string()),
        imported.inventory.sources.len(),
        imported.inventory.stores.len(),
        imported.inventory.recipients.len(),
        imported.inventory.flows.len()
    );
    if !imported.checklist.is_empty() {
        text.push_str("to do (each is a commented placeholder in the file):\n");
        for item in &imported.checklist {
            text.push_str(&format!("  - {}\n", flowmap::sanitize::terminal(item)));
        }
    }
    unless_broken_pipe(write_stdout(&text)).context("could not write the checklist")?;
    Ok(Outcome::Clean)
}

pub(crate) fn trace_command(args: &TraceArgs) -> anyhow::Result<Outcome> {
    let loaded = load_as(&origin(&args.path, Some("trace")), Format::Human)?;
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

pub(crate) fn diff_command(args: &DiffArgs) -> anyhow::Result<Outcome> {
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

pub(crate) fn timeline_command(args: &TimelineArgs) -> anyhow::Result<Outcome> {
    use flowmap::check::timeline;
    use flowmap::report::timeline as render;
    let from = args.from.unwrap_or(flowmap::model::law::EARLIEST);
    let to = args.to.unwrap_or_else(Date::today);
    if from > to {
        anyhow::bail!("`--from {from}` is after `--to {to}`: give a range that runs forward");
    }
    let loaded = load_as(&origin(&args.path, Some("timeline")), Format::Human)?;
    let graph = FlowGraph::new(loaded);
    let only = match &args.flow {
        None => None,
        Some(id) => {
            let found = (0..graph.inventory().flows.len()).find(|&i| graph.flow_id(i) == id);
            let ids = (0..graph.inventory().flows.len()).map(|i| graph.flow_id(i));
            Some(found.ok_or_else(|| {
                anyhow::anyhow!(
                    "no flow has the id `{id}`{}",
                    flowmap::suggest::did_you_mean(flowmap::suggest::nearest(id, ids))
                )
            })?)
        }
    };
    let waivers = args
        .waivers
        .as_deref()
        .map(Waivers::load)
        .transpose()
        .map_err(|error| LoadFailure {
            error,
            format: Format::Human,
        })?;
    let mut all = timeline::milestones();
    if let Some(waivers) = &waivers {
        all.extend(timeline::waiver_milestones(waivers));
        all.sort_by(|a, b| (a.date, &a.event).cmp(&(b.date, &b.event)));
    }
    let dates = timeline::dates_in(&all, from, to);
    let (spans, counts) = timeline::over_time(&graph, &dates, to, waivers.as_ref());
    let view = render::Timeline {
        from,
        to,
        milestones: all
            .iter()
            .filter(|m| m.date >= from && m.date <= to)
            .collect(),
        counts,
        flows: render::flows_to_show(&graph, spans, only),
    };
    let text = match args.format {
        DiffFormat::Human => render::render_human(&view),
        DiffFormat::Markdown => render::render_markdown(&view),
        DiffFormat::Json => render::render_json(&view),
    };
    unless_broken_pipe(write_stdout(&text)).context("could not write the timeline")?;
    Ok(Outcome::Clean)
}

/// `flowmap completions SHELL`: the completion script, generated from these definitions.
pub(crate) fn completions_command(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "flowmap", &mut script);
    let script = String::from_utf8(script).context("the completion script is not UTF-8")?;
    unless_broken_pipe(write_stdout(&script)).context("could not write standard output")?;
    Ok(Outcome::Clean)
}

/// `export --format ropa-xlsx`: a binary workbook, written atomically to `-o FILE` only —
/// never to a terminal or a pipe (exit 2).
pub(crate) fn write_workbook(
    output: Option<&std::path::Path>,
    graph: &FlowGraph,
    report: &Report,
    options: &ExportOptions,
) -> anyhow::Result<Outcome> {
    let Some(path) = output else {
        anyhow::bail!(
            "--format ropa-xlsx writes a binary Excel workbook, not text: name the file with \
             -o FILE (e.g. `-o record.xlsx`); nothing was written"
        );
    };
    let Some(path) = output_file(Some(path), graph)? else {
        anyhow::bail!(
            "--format ropa-xlsx writes a binary Excel workbook, not text: name a file with -o FILE, \
             not standard output; nothing was written"
        );
    };
    let bytes = export::ropa_xlsx::render(graph, report, options).map_err(anyhow::Error::msg)?;
    export::write_atomic(path, &bytes)
        .with_context(|| format!("could not write {} (nothing was changed)", path.display()))?;
    Ok(Outcome::Clean)
}

/// Whether an unwaived finding is at or above the threshold (`--deny warnings`: warnings
/// too).
pub(crate) fn failing(report: &Report, deny: Option<Deny>) -> bool {
    let threshold = match deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    report.findings.iter().any(|f| f.fails_at(threshold))
}
