//! The Article 30(1) record in the layout of the UK Information Commissioner's Office
//! "Documentation template for controllers" (`gdpr-documentation-controller-template.xlsx`,
//! published with the ICO's guidance "Documentation", ico.org.uk, under
//! for-organisations/uk-gdpr-guidance-and-resources/accountability-and-governance/).
//!
//! The template's sheet opens with the controller's contact block (the organisation, the
//! data protection officer, the representative: Art. 30(1)(a)) and then, on its heading
//! row, thirty columns A to AD. [`COLUMNS`] is that block as three leading columns,
//! followed by the thirty headings verbatim and in the template's order. The headings
//! were taken from the template's transcriptions where this was built (a study of
//! regulators' record templates quoting sheet `Template`, row 9, columns A–AD, and an
//! open-source form that copies the template field by field); both agree word for word.
//!
//! One row per processing activity, built by [`super::ropa_csv::activities`], the same
//! activities and cells as `ropa-csv`:
//!
//! | template column | filled from |
//! | --- | --- |
//! | controller | the inventory's `controller` |
//! | data protection officer | — (flowmap records no DPO) |
//! | representative | the areas in `representatives` (`named in: EEA; GB`) |
//! | Business function | — left for the user: which part of the organisation runs the activity (Marketing, HR …) is not in the inventory |
//! | Purpose of processing | the flow's purposes |
//! | Categories of individuals | the source's `subjects` |
//! | Categories of personal data | the flow's data categories |
//! | Categories of recipients | the recipients reached downstream, by kind |
//! | Names of third countries … | the transfers in law on the judged date, each with its mechanism and verdict (as `ropa-csv`) |
//! | Safeguards for exceptional transfers … | only the transfers resting on compelling legitimate interests (GDPR Art. 49(1) second subparagraph), whose suitable safeguards Art. 30(1)(e) asks to document: the cell says so ([`super::record`]) |
//! | Retention schedule | the stores' `retention` |
//! | … security measures | the stores' `safeguards` |
//! | Article 6 lawful basis … | the flow's `basis` |
//! | The source of the personal data | the source's name |
//! | Location of personal data | the stores' locations |
//!
//! After the template's thirty columns flowmap adds two of its own: the activity (the flow
//! out of the source, `from->to`, to find the row's origin in the inventory) and a note
//! (for a record judged before 2018-05-25: the layout is the GDPR's; the Directive had no
//! Article 30 record — [`super::record::era_note`]).
//!
//! Every other column (joint controller, processor contracts, Article 9 condition,
//! legitimate interests, rights, automated decisions, consent records, DPIA, breaches,
//! the DPA 2018 Schedule 1 block) is present and left empty: flowmap does not know it,
//! and invents nothing. Cells go through [`super::ropa_csv::cell`]: none starts a formula.

use super::ExportOptions;
use super::ropa_csv::{Activity, activities, cell};
use crate::check::transfer::{Analysis, analyse};
use crate::graph::FlowGraph;

/// The header row: the contact block, the template's thirty headings, then flowmap's two.
pub const COLUMNS: [&str; 35] = [
    "Name and contact details of the controller",
    "Name and contact details of the data protection officer (if applicable)",
    "Name and contact details of the representative (if applicable)",
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?",
    "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule 1 Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
    "flowmap: activity (the flow out of the source)",
    "flowmap: note",
];

/// The column of "Business function", left for the user.
pub const BUSINESS_FUNCTION: usize = 3;
/// The column of "Safeguards for exceptional transfers …".
pub const EXCEPTIONAL: usize = 11;

/// The representative cell: the areas where the controller names one.
fn representative(graph: &FlowGraph) -> String {
    let areas = &graph.inventory().representatives;
    if areas.is_empty() {
        String::new()
    } else {
        format!("named in: {}", areas.join("; "))
    }
}

/// Lays out one activity in [`COLUMNS`] order (cells not yet neutralised).
fn row(activity: Activity, representative: &str) -> [String; 35] {
    let empty = String::new;
    [
        activity.controller,
        empty(),
        representative.to_string(),
        empty(),
        activity.purposes,
        empty(),
        activity.subjects,
        activity.data,
        activity.recipients,
        empty(),
        activity.transfers,
        activity.exceptional,
        activity.retention,
        activity.security,
        activity.basis,
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        activity.source,
        empty(),
        activity.storage,
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        activity.id,
        activity.note,
    ]
}

/// Calls `each` with the row of every processing activity, each cell neutralised by
/// [`cell`], in [`COLUMNS`] order.
pub fn rows<E>(
    graph: &FlowGraph,
    analysis: &Analysis,
    options: &ExportOptions,
    mut each: impl FnMut([String; 35]) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<String>,
{
    let representative = representative(graph);
    activities(graph, analysis, options, |activity| {
        each(row(activity, &representative).map(|c| cell(&c)))
    })
}

/// Renders the record as CSV: the header row, then one row per processing activity.
pub fn render(graph: &FlowGraph, options: &ExportOptions) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| e.to_string();
    writer.write_record(COLUMNS).map_err(io)?;
    let analysis = analyse(graph, graph.as_of());
    rows(graph, &analysis, options, |row| {
        writer.write_record(&row).map_err(io)
    })?;
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
