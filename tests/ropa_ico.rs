//! The Article 30 record in the regulator's layout: `export --format ropa-ico` (CSV with
//! the UK ICO controller template's columns) and `export --format ropa-xlsx` (a workbook),
//! read back as their users' tools read them — the CSV by a CSV reader, the workbook by a
//! real xlsx reader (`calamine`) and, for the frozen pane calamine does not expose, from
//! the sheet's XML inside the zip.

use std::io::Read;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};

/// The template's heading row (sheet `Template`, columns A–AD), after the controller /
/// DPO / representative block.
const TEMPLATE: [&str; 30] = [
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
];

const BLOCK: [&str; 3] = [
    "Name and contact details of the controller",
    "Name and contact details of the data protection officer (if applicable)",
    "Name and contact details of the representative (if applicable)",
];

/// flowmap's own columns after the template's.
const OWN: [&str; 2] = [
    "flowmap: activity (the flow out of the source)",
    "flowmap: note",
];

/// The whole header row.
fn header() -> Vec<&'static str> {
    BLOCK.iter().chain(&TEMPLATE).chain(&OWN).copied().collect()
}

/// The column of the activity's id.
const ACTIVITY: usize = 33;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `flowmap export ARGS` → (exit code, stdout, stderr).
fn export(args: &[&str]) -> (i32, Vec<u8>, String) {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        output.stdout,
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The processing activities flowmap's own record (`ropa-csv`) lists, by id.
fn activities(args: &[&str]) -> Vec<String> {
    let (code, csv, err) = export(&[args, &["--format", "ropa-csv"][..]].concat());
    assert_eq!(code, 0, "{err}");
    csv_rows(&csv).1.into_iter().map(|r| r[0].clone()).collect()
}

fn no_formula(cell: &str) {
    assert!(
        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
        "a cell starts a formula: {cell:?}"
    );
}

#[test]
fn the_header_is_the_contact_block_then_the_template_in_order() {
    let (code, csv, err) = export(&["--format", "ropa-ico"]);
    assert_eq!(code, 0, "{err}");
    let (found, _) = csv_rows(&csv);
    assert_eq!(found, header());
}

#[test]
fn one_row_per_activity_with_what_flowmap_knows_and_empty_cells_for_the_rest() {
    let (_, csv, _) = export(&["--format", "ropa-ico"]);
    let (header, rows) = csv_rows(&csv);
    let ids: Vec<String> = rows.iter().map(|r| r[ACTIVITY].clone()).collect();
    assert_eq!(
        ids,
        activities(&[]),
        "the same activities as ropa-csv, in order"
    );
    assert!(!rows.is_empty());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows {
        assert_eq!(row.len(), 35);
        assert_eq!(row[0], "Confluent, Inc.");
        assert_eq!(
            row[column("Business function")],
            "",
            "left for the user: the inventory does not say which part of the business"
        );
        assert!(!row[column("Article 6 lawful basis for processing personal data")].is_empty());
        for never in [
            "Name and contact details of the data protection officer (if applicable)",
            "Link to contract with processor",
            "Data Protection Impact Assessment required?",
            "Link to Data Protection Impact Assessment",
            "Has a personal data breach occurred?",
            "Link to record of personal data breach",
        ] {
            assert_eq!(row[column(never)], "", "{never} is left for people to fill");
        }
    }
    assert!(!rows[0][column("Purpose of processing")].is_empty());
    assert!(!rows[0][column("Categories of personal data")].is_empty());
    assert!(!rows[0][column("The source of the personal data (if applicable)")].is_empty());
    assert!(!rows[0][column("Location of personal data")].is_empty());
    // The 2015 Confluent record on its own date: transfers to the US resting on consent
    // (a derogation of Directive Art. 26(1)(a)) are third-country transfers with their
    // mechanism; none is an "exceptional" transfer of GDPR Art. 49(1) second subparagraph.
    let third = column(TEMPLATE[7]);
    let exceptional = column(TEMPLATE[8]);
    assert!(
        rows[0][third].contains("United States (US)"),
        "{}",
        rows[0][third]
    );
    assert!(
        rows.iter()
            .any(|r| r[third].contains("Consent, derogation")),
        "derogations are in the transfers column"
    );
    assert!(rows.iter().all(|r| r[exceptional].is_empty()));
}

#[test]
fn no_cell_starts_a_formula_in_the_csv() {
    let (code, csv, err) = export(&[&fixture("hostile"), "--format", "ropa-ico"]);
    assert_eq!(code, 0, "{err}");
    let (_, rows) = csv_rows(&csv);
    assert_eq!(rows.len(), activities(&[&fixture("hostile")]).len());
    for cell in rows.iter().flatten() {
        no_formula(cell);
    }
    assert_eq!(rows[0][0], "'=HYPERLINK(\"http://x\")");
}

/// Writes the workbook of `args` into a temporary folder; returns the folder and path.
fn workbook(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.xlsx");
    let out = path.to_str().unwrap();
    let (code, stdout, err) = export(&[args, &["--format", "ropa-xlsx", "-o", out][..]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty(), "nothing on standard output");
    (dir, path)
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("every cell is text, not {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The XML of a worksheet inside the xlsx zip (`xl/worksheets/sheetN.xml`).
fn sheet_xml(path: &Path, n: usize) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_workbook_reads_back_with_its_sheets_header_pane_and_rows() {
    let (_dir, path) = workbook(&[]);
    let book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Record of processing activities", "Transfers"]
    );

    let record = sheet(&path, "Record of processing activities");
    assert_eq!(record[0], header(), "the header row");
    let ids: Vec<&str> = record[1..].iter().map(|r| r[ACTIVITY].as_str()).collect();
    assert_eq!(ids, activities(&[]), "one row per processing activity");
    // The same cells as the CSV.
    let (_, csv, _) = export(&["--format", "ropa-ico"]);
    let (_, rows) = csv_rows(&csv);
    for (sheet_row, csv_row) in record[1..].iter().zip(&rows) {
        let mut sheet_row = sheet_row.clone();
        sheet_row.resize(35, String::new());
        assert_eq!(&sheet_row, csv_row);
    }

    let transfers = sheet(&path, "Transfers");
    assert_eq!(
        transfers[0],
        [
            "Flow",
            "Regime",
            "Exporter",
            "Importer",
            "Countries outside the area",
            "Mechanism",
            "Verdict",
            "Law",
            "Judged on"
        ]
    );
    assert!(transfers.len() > 1, "the Confluent map has transfers");
    assert!(
        transfers[1..]
            .iter()
            .any(|r| r[4].contains("United States (US)") && r[6] == "derogation"),
        "{transfers:?}"
    );
    assert!(
        transfers[1..].iter().all(|r| r[8] == "2015-11-08"),
        "judged on as_of"
    );

    for n in [1, 2] {
        let xml = sheet_xml(&path, n);
        let pane = xml.find("<pane ").expect("a pane");
        let pane = &xml[pane..pane + xml[pane..].find("/>").unwrap()];
        assert!(pane.contains(r#"state="frozen""#), "{pane}");
        assert!(pane.contains(r#"ySplit="1""#), "the header row: {pane}");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "filters on");
        assert!(xml.contains("<col "), "column widths set");
        assert!(!xml.contains("<f>"), "no formula anywhere");
    }
}

#[test]
fn the_workbook_of_hostile_text_has_no_cell_starting_a_formula() {
    let (_dir, path) = workbook(&[&fixture("hostile")]);
    let record = sheet(&path, "Record of processing activities");
    assert_eq!(record.len() - 1, activities(&[&fixture("hostile")]).len());
    let transfers = sheet(&path, "Transfers");
    for cell in record.iter().chain(&transfers).flatten() {
        no_formula(cell);
    }
    assert_eq!(record[1][0], "'=HYPERLINK(\"http://x\")");
}

#[test]
fn the_workbook_is_never_written_to_standard_output() {
    let (code, stdout, err) = export(&["--format", "ropa-xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(stdout.is_empty());
    assert!(err.contains("-o FILE"), "{err}");
}

#[test]
fn a_workbook_that_cannot_be_written_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("record.xlsx");
    let (code, _, err) = export(&["--format", "ropa-xlsx", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_international_organisation_fills_the_transfers_column_under_the_gdpr() {
    // GDPR Art. 30(1)(e): transfers "to a third country or an international organisation";
    // under the GDPR an organisation in Munich is one (Arts. 4(26), 44).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("inventory.ron"),
        r#"Inventory(
    name: "t",
    established: ["DE"],
    sources: [Source(id: "web", name: "W", located: ["DE"], collects: ["contact.email"])],
    recipients: [Recipient(id: "org", name: "Org", kind: InternationalOrganisation, located: ["DE"])],
    flows: [Flow(from: "web", to: "org", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Consent))],
)"#,
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let column = |as_of: &str| {
        let (code, out, err) = export(&[path, "--format", "ropa-ico", "--as-of", as_of]);
        assert_eq!(code, 0, "{err}");
        let (header, rows) = csv_rows(&out);
        let k = header
            .iter()
            .position(|h| h.starts_with("Names of third countries or international organisations"))
            .unwrap();
        rows[0][k].clone()
    };
    assert_eq!(
        column("2024-01-01"),
        "EU → Org (international organisation, in Germany (DE)): no mechanism, restricted"
    );
    // Under the Directive, which knew third countries only, Munich is inside the EEA.
    assert_eq!(column("2018-05-24"), "");
}
