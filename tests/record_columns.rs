//! The Article 30 record's columns hold what their headings ask (read back with the csv
//! reader and, for the workbook, calamine and the workbook's own XML):
//! - the workbook's Transfers sheet gives every transfer the law it rests on, the failing
//!   ones included, as the JSON export does;
//! - "Safeguards for exceptional transfers" holds only the transfers of GDPR Art. 49(1)
//!   second subparagraph (compelling legitimate interests), other mechanisms are in the
//!   transfers column;
//! - "Business function", which the inventory cannot fill, is empty with a note;
//! - a record judged before 2018-05-25 says that its layout is the GDPR's.

mod support;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use support::{Case, flowmap_run};

const EXCEPTIONAL: &str = "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)";
const THIRD: &str = "Names of third countries or international organisations that personal data are transferred to (if applicable)";

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

/// The notes on the record sheet (`xl/comments1.xml`), as text.
fn notes(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/comments1.xml")
        .expect("the record sheet has notes")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn workbook(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.xlsx");
    let mut all = vec![
        "export",
        "--format",
        "ropa-xlsx",
        "-o",
        path.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let (code, _, err) = flowmap_run(&all);
    assert_eq!(code, 0, "{err}");
    (dir, path)
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn the_transfers_sheet_gives_every_transfer_its_law_as_the_json_does() {
    let (_dir, path) = workbook(&[]);
    let transfers = sheet(&path, "Transfers");
    let (_, json, _) = flowmap_run(&["export", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut failing = 0;
    for row in &transfers[1..] {
        assert!(!row[7].is_empty(), "Law is filled: {row:?}");
        if row[6] == "onward transfer (FM205)" {
            continue;
        }
        let flow = json["flows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == row[0].as_str())
            .unwrap();
        let law = flow["transfers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["regime"] == row[1].as_str())
            .unwrap()["law"]
            .as_str()
            .unwrap();
        assert_eq!(row[7], law, "{row:?}");
        failing += usize::from(row[6].starts_with("no mechanism"));
    }
    assert_eq!(
        failing, 14,
        "the seven transfers with no mechanism, under EU and Swiss law, are among them"
    );
}

/// An EU shop in 2024 with two transfers to the United States: one on compelling
/// legitimate interests (to `vendor`), one on consent (into a processor's data centre).
fn two_derogations(as_of: &str) -> tempfile::TempDir {
    let case = Case {
        recipient_located: r#"["US"]"#,
        mechanism: "Some(CompellingLegitimateInterests)",
        stores: r#"Store(id: "dc", name: "US data centre", located: ["US"], operator: Processor, retention: Some("1 year"), safeguards: ["encryption"]),"#,
        flows: r#"
        Flow(from: "web", to: "dc", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract), mechanism: Some(Consent), policy: ["s1"]),"#,
        ..Case::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let inventory = case.inventory().replace("2024-01-01", as_of);
    std::fs::write(dir.path().join("inventory.ron"), inventory).unwrap();
    std::fs::write(dir.path().join("policy.ron"), case.policy()).unwrap();
    dir
}

#[test]
fn only_compelling_legitimate_interests_are_exceptional_transfers() {
    let dir = two_derogations("2024-01-01");
    let inventory = dir.path().join("inventory.ron");
    let (code, csv, err) = flowmap_run(&[
        "export",
        inventory.to_str().unwrap(),
        "--format",
        "ropa-ico",
    ]);
    assert_eq!(code, 0, "{err}");
    let (header, rows) = csv_rows(&csv);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let activity = column("flowmap: activity (the flow out of the source)");
    let row = |id: &str| rows.iter().find(|r| r[activity] == id).unwrap();
    let vendor = row("web->vendor");
    assert!(
        vendor[column(EXCEPTIONAL)].contains("compelling legitimate interests")
            && vendor[column(EXCEPTIONAL)].contains("Art. 30(1)(e)"),
        "{:?}",
        vendor[column(EXCEPTIONAL)]
    );
    let dc = row("web->dc");
    assert_eq!(
        dc[column(EXCEPTIONAL)],
        "",
        "consent is not Art. 49(1) second subparagraph"
    );
    assert!(
        dc[column(THIRD)].contains("Consent, derogation"),
        "{:?}",
        dc[column(THIRD)]
    );
    assert_eq!(dc[column("flowmap: note")], "", "2024: no note");
}

#[test]
fn a_record_judged_before_the_gdpr_says_its_layout_is_the_gdprs() {
    for format in ["ropa-ico", "ropa-csv"] {
        let (code, csv, err) = flowmap_run(&["export", "--format", format]);
        assert_eq!(code, 0, "{err}");
        let (header, rows) = csv_rows(&csv);
        let note = header.iter().position(|h| h.ends_with("note")).unwrap();
        assert!(
            rows.iter()
                .all(|r| r[note].contains("before the GDPR applied (2018-05-25)")
                    && r[note].contains("Directive 95/46/EC")),
            "{format}: {:?}",
            rows[0][note]
        );
        let (_, later, _) = flowmap_run(&["export", "--format", format, "--as-of", "2019-01-01"]);
        let (_, rows) = csv_rows(&later);
        assert!(rows.iter().all(|r| r[note].is_empty()), "{format} in 2019");
    }
}

#[test]
fn the_workbook_notes_what_it_leaves_to_the_user_and_the_era() {
    let (_dir, path) = workbook(&[]);
    let record = sheet(&path, "Record of processing activities");
    let business = record[0]
        .iter()
        .position(|h| h == "Business function")
        .unwrap();
    assert!(
        record[1..]
            .iter()
            .all(|r| r.get(business).is_none_or(String::is_empty))
    );
    let xml = notes(&path);
    assert!(
        xml.contains("Left for you: the part of the organisation"),
        "{xml}"
    );
    assert!(xml.contains("compelling legitimate interests"), "{xml}");
    assert!(xml.contains("before the GDPR applied"), "{xml}");
    let (_dir, path) = workbook(&["--as-of", "2019-01-01"]);
    assert!(!notes(&path).contains("before the GDPR applied"));
}
