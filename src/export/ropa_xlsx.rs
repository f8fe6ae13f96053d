//! The Article 30 record as an Excel workbook (`.xlsx`, written by `rust_xlsxwriter`),
//! for the people who keep it in a spreadsheet:
//!
//! - sheet `Record of processing activities`: the columns of [`super::ropa_ico`] (the
//!   ICO controller template's, the contact block first), one row per processing
//!   activity; the header row frozen, an autofilter over every column, each column's
//!   width set from its contents, long cells wrapped;
//! - sheet `Transfers`: one row per transfer in law of the selected flows on the date the
//!   graph is judged on (`--as-of`, else the inventory's `as_of`, else today), from the
//!   report's transfer analysis ([`crate::check::Report::law`]): the flow, the regime,
//!   exporter, importer, the importer's countries outside the regime's area, the
//!   mechanism, the verdict and the law it rests on (for a transfer that names no
//!   mechanism, the general transfer article it fails, as the JSON export says); then the
//!   onward transfers (FM205), with the act's transfer article.
//!
//! The record sheet's headings carry notes where flowmap leaves a column to the user
//! ("Business function"), where a column holds less than one might expect ("Safeguards
//! for exceptional transfers": only compelling legitimate interests), and, for a record
//! judged before 2018-05-25, on the first heading: the layout is the GDPR's.
//!
//! Every cell is written as text (never as a formula) and goes through
//! [`super::ropa_csv::cell`] as the CSV does: none starts with `=`, `+`, `-` or `@`. A cell
//! longer than Excel's limit (32,767 characters) is cut, and says so.

use rust_xlsxwriter::{Format, FormatAlign, Note, Workbook, Worksheet, XlsxError};

use super::ropa_csv::cell;
use super::{ExportOptions, record, ropa_ico, select};
use crate::check::Report;
use crate::check::transfer::Verdict;
use crate::graph::FlowGraph;
use crate::model::Jurisdictions;
use crate::model::law::Article;

/// The record sheet's name (Excel allows 31 characters).
pub const RECORD_SHEET: &str = "Record of processing activities";
/// The transfers sheet's name.
pub const TRANSFERS_SHEET: &str = "Transfers";
/// The transfers sheet's header row.
pub const TRANSFER_COLUMNS: [&str; 9] = [
    "Flow",
    "Regime",
    "Exporter",
    "Importer",
    "Countries outside the area",
    "Mechanism",
    "Verdict",
    "Law",
    "Judged on",
];

/// Excel's limit on the characters of one cell.
const MAX_CELL: usize = 32_767;
/// Column widths, in characters.
const MIN_WIDTH: usize = 12;
const MAX_WIDTH: usize = 60;

/// Renders the workbook's bytes.
pub fn render(
    graph: &FlowGraph,
    report: &Report,
    options: &ExportOptions,
) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(0xD9E1F2);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name(RECORD_SHEET).map_err(xlsx)?;
    let mut table = Table::new(sheet, &ropa_ico::COLUMNS, &header)?;
    let analysis = report.law(graph);
    for (column, text) in header_notes(record::era_note(analysis.on)) {
        table.note(column, &text)?;
    }
    ropa_ico::rows(graph, &analysis, options, |row| table.row(&row, &body))?;
    table.finish()?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(TRANSFERS_SHEET).map_err(xlsx)?;
    let mut table = Table::new(sheet, &TRANSFER_COLUMNS, &header)?;
    for row in transfer_rows(graph, report, options)? {
        table.row(&row.map(|c| cell(&c)), &body)?;
    }
    table.finish()?;

    workbook.save_to_buffer().map_err(xlsx)
}

fn xlsx(error: XlsxError) -> String {
    format!("could not build the workbook: {error}")
}

/// One sheet being filled: a header row, then rows, with each column's widest line kept
/// to size the columns at the end.
struct Table<'w> {
    sheet: &'w mut Worksheet,
    widths: Vec<usize>,
    next: u32,
}

impl<'w> Table<'w> {
    fn new(sheet: &'w mut Worksheet, columns: &[&str], header: &Format) -> Result<Self, String> {
        for (c, name) in columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *name, header)
                .map_err(xlsx)?;
        }
        // Long headings wrap onto up to five lines of a column at most MAX_WIDTH wide.
        let widths = columns
            .iter()
            .map(|name| name.chars().count().div_ceil(4))
            .collect();
        Ok(Table {
            sheet,
            widths,
            next: 1,
        })
    }

    fn row(&mut self, cells: &[String], format: &Format) -> Result<(), String> {
        for (c, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let text = fit(text);
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            self.widths[c] = self.widths[c].max(widest);
            self.sheet
                .write_string_with_format(self.next, c as u16, text.as_ref(), format)
                .map_err(xlsx)?;
        }
        self.next += 1;
        Ok(())
    }

    /// A note (a comment Excel shows on hover) on the header of `column`.
    fn note(&mut self, column: usize, text: &str) -> Result<(), String> {
        let note = Note::new(text).set_author("flowmap");
        self.sheet
            .insert_note(0, column as u16, &note)
            .map(|_| ())
            .map_err(xlsx)
    }

    /// Freezes the header row, puts a filter on every column and sets the widths.
    fn finish(self) -> Result<(), String> {
        let last = self.widths.len() as u16 - 1;
        self.sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        self.sheet
            .autofilter(0, 0, self.next.saturating_sub(1).max(1), last)
            .map_err(xlsx)?;
        self.sheet.set_row_height(0, 75).map_err(xlsx)?;
        for (c, width) in self.widths.iter().enumerate() {
            let width = (*width).clamp(MIN_WIDTH, MAX_WIDTH) + 2;
            self.sheet
                .set_column_width(c as u16, width as f64)
                .map_err(xlsx)?;
        }
        Ok(())
    }
}

/// The notes on the record sheet's headings: what flowmap leaves for the user, what
/// the exceptional-transfers column holds, and (before 2018-05-25) what the layout means.
fn header_notes(era: Option<String>) -> Vec<(usize, String)> {
    let mut notes = vec![
        (
            ropa_ico::BUSINESS_FUNCTION,
            "Left for you: the part of the organisation that runs this activity (e.g. \
             Marketing, HR). The inventory does not say; the last columns name the flow the \
             row was built from."
                .to_string(),
        ),
        (
            ropa_ico::EXCEPTIONAL,
            "Only transfers resting on compelling legitimate interests (GDPR Art. 49(1) \
             second subparagraph): document the suitable safeguards you assessed \
             (Art. 30(1)(e)). Every other transfer, with its mechanism, is in the previous \
             column and on the Transfers sheet."
                .to_string(),
        ),
    ];
    if let Some(era) = era {
        notes.push((0, era));
    }
    notes
}

/// A cell cut to Excel's limit, saying it was cut.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_CELL {
        return text.into();
    }
    let total = text.chars().count();
    if total <= MAX_CELL {
        return text.into();
    }
    let keep = MAX_CELL - 100;
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(&format!(
        " … (cut: {} more characters; `--format ropa-ico` has the whole cell)",
        total - keep
    ));
    cut.into()
}

/// The transfers sheet's rows (not yet neutralised), selected flows in inventory order.
fn transfer_rows(
    graph: &FlowGraph,
    report: &Report,
    options: &ExportOptions,
) -> Result<Vec<[String; 9]>, String> {
    let selection = select(graph, options)?;
    let analysis = report.law(graph);
    let on = analysis.on.to_string();
    let mut rows = Vec::new();
    for &i in &selection.flows {
        let Some(law) = analysis.flows.get(i) else {
            continue;
        };
        let flow = graph.flow_id(i).to_string();
        for t in &law.transfers {
            let verdict = match &t.verdict {
                Verdict::NoMechanism => "no mechanism, restricted".to_string(),
                Verdict::NotCovered { why, .. } => format!("not covered: {why}"),
                other => other.word().to_string(),
            };
            let law = record::transfer_law(t);
            rows.push([
                flow.clone(),
                t.regime.to_string(),
                t.exporter.replace('`', ""),
                t.importer.replace('`', ""),
                places(&t.outside),
                t.mechanism
                    .map_or_else(|| "none".to_string(), |m| m.to_string()),
                verdict,
                law,
                on.clone(),
            ]);
        }
        for o in &law.onward {
            rows.push([
                flow.clone(),
                o.regime.to_string(),
                o.exporter.replace('`', ""),
                o.importer.replace('`', ""),
                places(&o.outside),
                String::new(),
                "onward transfer (FM205)".to_string(),
                o.act.cite(Article::Transfers),
                on.clone(),
            ]);
        }
    }
    Ok(rows)
}

/// `United States (US); anywhere else (*)`.
fn places(codes: &[impl AsRef<str>]) -> String {
    let table = Jurisdictions::builtin();
    codes
        .iter()
        .map(AsRef::as_ref)
        .map(|code| format!("{} ({code})", table.name(code).unwrap_or(code)))
        .collect::<Vec<_>>()
        .join("; ")
}
