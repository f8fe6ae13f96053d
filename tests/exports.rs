//! Exports as users meet them: every DOT the tests produce goes through the real
//! Graphviz `dot` and must render without a warning; the Confluent DOT, Mermaid and CSV
//! are pinned as golden files; hostile names stay inert in every format; the JSON and
//! the Art. 30 record say what each flow is in transfer law on `--as-of`.

mod support;

use assert_cmd::Command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `flowmap export ARGS` → (exit code, stdout, stderr).
fn export(args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Node names in `dot -Tplain` output.
fn plain_nodes(plain: &str) -> Vec<String> {
    plain
        .lines()
        .filter(|l| l.starts_with("node "))
        .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
        .collect()
}

#[test]
fn confluent_dot_is_golden() {
    let (code, dot, _) = export(&["--format", "dot"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("confluent_dot", dot);
    // Deterministic: same input, same bytes.
    assert_eq!(export(&["--format", "dot"]).1, dot);
}

#[test]
fn dot_marks_cross_border_edges_in_the_label_and_the_style() {
    let (_, dot, _) = export(&["--format", "dot"]);
    let edge = dot
        .lines()
        .find(|l| l.contains("\"n:web-forms\" -> \"n:website-data\""))
        .unwrap();
    assert!(edge.contains("label=\"⇄ "), "marked in the label: {edge}");
    assert!(
        edge.contains("color=\"red\"") && edge.contains("bold"),
        "{edge}"
    );
    assert!(
        !edge.contains("dashed") && !edge.contains("! FM"),
        "a collection by the controller is no transfer, and has no finding: {edge}"
    );
    let failing = dot
        .lines()
        .find(|l| l.contains("\"n:website-data\" -> \"n:partners\""))
        .unwrap();
    assert!(
        failing.contains("dashed") && failing.contains("FM202"),
        "edges with findings: {failing}"
    );
    let internal = dot
        .lines()
        .find(|l| l.contains("\"n:website-data\" -> \"n:affiliates\""))
        .unwrap();
    assert!(
        !internal.contains("⇄") && !internal.contains("red"),
        "{internal}"
    );
    assert!(dot.contains("shape=cylinder"), "stores are cylinders");
    assert!(dot.contains("rankdir=LR"));
    assert!(dot.contains("cluster_legend"));
    assert!(dot.contains("label=\"European Economic Area, United States, anywhere else\""));
}

#[test]
fn dot_options_narrow_the_map() {
    let (_, whole, _) = export(&["--format", "dot"]);
    let (_, cross, _) = export(&["--format", "dot", "--cross-border"]);
    assert!(whole.contains("\"n:service-providers\" ["));
    assert!(
        !cross.contains("\"n:service-providers\" ["),
        "internal-only recipients drop out"
    );
    assert!(cross.contains("\"n:partners\" ["));
    let (_, focus, _) = export(&["--format", "dot", "--focus", "ad-networks", "--depth", "1"]);
    let nodes: Vec<&str> = focus
        .lines()
        .filter(|l| l.trim_start().starts_with("\"n:"))
        .filter(|l| !l.contains("->"))
        .collect();
    assert_eq!(nodes.len(), 2, "ad-networks and cookies: {nodes:?}");
    let (_, two, _) = export(&["--format", "dot", "--focus", "ad-networks", "--depth", "2"]);
    assert!(
        two.contains("\"n:website-data\" ["),
        "two hops reach the store"
    );
    let (_, category, _) = export(&["--format", "dot", "--category", "location.precise"]);
    assert!(category.contains("\"n:mobile-devices\" ["));
    assert!(!category.contains("\"n:web-beacons\" ["));
    let (code, _, err) = export(&["--format", "dot", "--focus", "ad-network"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `ad-networks`"), "{err}");
}

#[test]
fn confluent_mermaid_and_csv_are_golden() {
    let (_, mermaid, _) = export(&["--format", "mermaid"]);
    assert!(mermaid.starts_with("flowchart LR\n"));
    insta::assert_snapshot!("confluent_mermaid", mermaid);
    let (_, csv, _) = export(&["--format", "ropa-csv"]);
    insta::assert_snapshot!("confluent_ropa_csv", csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 14);
    assert_eq!(&headers[13], "note");
    assert_eq!(&headers[7], "categories of recipients");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 14, "one row per flow out of a source");
    let web = rows
        .iter()
        .find(|r| &r[0] == "web-forms->website-data")
        .unwrap();
    assert_eq!(&web[1], "Confluent, Inc.");
    assert_eq!(&web[4], "Consent");
    // Transfers in law on the inventory's date, not border crossings: the collection
    // into Confluent's US store is none; its disclosures of EU visitors' data are.
    assert!(
        web[8].contains(
            "EU → Companies owned by or under common ownership with Confluent in United States (US), anywhere else (*): Consent, derogation"
        ),
        "{}",
        &web[8]
    );
    assert!(
        web[8].contains("EU → Partners and other third parties whose information visitors may enjoy in anywhere else (*): no mechanism, restricted"),
        "{}",
        &web[8]
    );
    assert!(!web[8].contains("Confluent website data"), "{}", &web[8]);
    assert!(web[9].contains("not stated"), "{}", &web[9]);
    assert!(
        web[7].contains("Partner: "),
        "downstream recipients: {}",
        &web[7]
    );
}

#[test]
fn json_export_has_nodes_flows_and_findings() {
    let (_, out, _) = export(&["--format", "json", "--cross-border"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["inventory"], "Confluent website");
    assert_eq!(json["as_of"], "2015-11-08");
    let flows = json["flows"].as_array().unwrap();
    assert_eq!(flows.len(), 19);
    assert!(flows.iter().all(|f| f["cross_border"] == true));
    let first = &flows[0];
    for key in [
        "id",
        "from",
        "to",
        "data",
        "purposes",
        "basis",
        "mechanism",
        "policy",
        "cross_border",
        "cross_border_to",
        "transfers",
        "onward",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    let node = &json["nodes"][0];
    for key in ["id", "kind", "name", "located"] {
        assert!(node.get(key).is_some(), "{key}");
    }
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "FM203")
    );
}

#[test]
fn hostile_names_stay_inert_in_every_export() {
    let path = fixture("hostile");
    let (code, dot, _) = export(&[&path, "--format", "dot"]);
    assert_eq!(code, 0);
    assert!(!dot.contains('\u{1b}') && !dot.contains('\u{7}') && !dot.contains('\u{202e}'));

    let (_, mermaid, _) = export(&[&path, "--format", "mermaid"]);
    assert!(!mermaid.contains('\u{1b}') && !mermaid.contains('\u{202e}'));
    let statements: Vec<&str> = mermaid.lines().collect();
    assert_eq!(
        statements.len(),
        1 + 5 * 3 + 1 + 4 + 4,
        "no injected line:\n{mermaid}"
    );
    for line in &statements[1..] {
        let line = line.trim();
        let known = ["subgraph j", "end", "n", "linkStyle "]
            .iter()
            .any(|p| line.starts_with(p));
        assert!(known, "unexpected statement: {line}");
        // Quotes only delimit labels: an even number, none escaped into the text.
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        assert!(!line.contains('<') || line.contains("<br/>"), "{line}");
        assert!(!line.contains("<script"), "{line}");
    }

    let (_, csv, _) = export(&[&path, "--format", "ropa-csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell: {cell:?}"
            );
        }
    }
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://x\")");
    assert!(rows[0][5].starts_with("'=1+1"), "{}", &rows[0][5]);

    let (_, json, _) = export(&[&path, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
    assert_eq!(
        value["nodes"][0]["name"],
        "Quote \" and brace } and ]; \"injected\" [shape=box]"
    );
    assert!(!json.contains('\u{1b}'), "JSON escapes control characters");
}

#[test]
fn output_files_are_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.dot");
    std::fs::write(&out, "old content").unwrap();
    let target = out.to_str().unwrap();
    // A failing export leaves the old file as it was.
    let (code, _, err) = export(&["--format", "dot", "--focus", "nobody", "-o", target]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old content");
    // A successful one replaces it whole, and leaves no temporary file behind.
    let (code, _, _) = export(&["--format", "dot", "-o", target]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("digraph flowmap {")
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // Into a folder that does not exist: exit 2, nothing written.
    let missing = dir.path().join("no/such/folder/map.dot");
    let (code, _, err) = export(&["--format", "dot", "-o", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("could not write"), "{err}");
}

#[test]
fn aggregated_dot_collapses_nodes_into_groups() {
    let (code, dot, _) = export(&["--format", "dot", "--aggregate", "kind"]);
    assert_eq!(code, 0);
    assert!(dot.contains("label=\"sources\\n(10 nodes)\""), "{dot}");
    assert!(
        dot.contains("label=\"recipients: AdNetwork\\n(1 node)\""),
        "{dot}"
    );
    // The edge counts add up to the inventory's 21 flows.
    let total: usize = dot
        .lines()
        .filter(|l| l.contains(" -> "))
        .map(|l| {
            let label = l.split("label=\"").nth(1).unwrap();
            label.split(' ').next().unwrap().parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(total, 21);
    let sources_to_store = dot
        .lines()
        .find(|l| l.contains("\"g0\" -> \"g1\""))
        .unwrap();
    assert!(
        sources_to_store.contains("10 flows, ⇄ 10 cross-border"),
        "{sources_to_store}"
    );
    let (_, by_place, _) = export(&["--format", "dot", "--aggregate", "jurisdiction"]);
    assert!(by_place.contains("European Economic Area, United States, anywhere else\\n(10 nodes)"));
    let (code, _, err) = export(&["--format", "json", "--aggregate", "kind"]);
    assert_eq!(code, 2);
    assert!(err.contains("--format dot only"), "{err}");
}

/// Writes `text` as `inventory.ron` in a fresh folder; returns the folder and its path.
fn inventory(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), text).unwrap();
    let path = dir.path().to_str().unwrap().to_string();
    (dir, path)
}

/// A controller established in DE; a web form in `source` collects into its store in
/// `store`, which discloses to a `Partner` in the US certified `certifications` on
/// `mechanism`.
fn transfer_inventory(source: &str, store: &str, certifications: &str, mechanism: &str) -> String {
    format!(
        r#"Inventory(
    name: "Transfers",
    controller: Some("Acme GmbH"),
    established: ["DE"],
    as_of: Some("2024-01-01"),
    sources: [Source(id: "web", name: "Web form", located: ["{source}"], collects: ["contact.email"])],
    stores: [Store(id: "crm", name: "CRM", located: ["{store}"], retention: Some("1y"), safeguards: ["encryption"])],
    recipients: [
        Recipient(id: "partner", name: "Partner Inc", kind: Partner, located: ["US"], certifications: {certifications}),
    ],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract)),
        Flow(from: "crm", to: "partner", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract), mechanism: {mechanism}),
    ],
)"#
    )
}

/// The JSON export's flow with this id.
fn json_flow(json: &serde_json::Value, id: &str) -> serde_json::Value {
    json["flows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no flow {id}: {json:#}"))
        .clone()
}

#[test]
fn json_export_gives_each_flow_its_transfers() {
    let (_dir, path) = inventory(&transfer_inventory("DE", "DE", "[]", "None"));
    let (code, out, err) = export(&[&path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["as_of"], "2024-01-01");
    let disclosure = json_flow(&json, "crm->partner");
    assert_eq!(
        disclosure["transfers"],
        serde_json::json!([{
            "regime": "EU",
            "exporter": "Acme GmbH",
            "importer": "partner",
            "restricted": true,
            "mechanism": null,
            "verdict": "no mechanism",
            "law": "GDPR Art. 44",
        }])
    );
    assert_eq!(disclosure["onward"], serde_json::json!([]));
    // The existing fields stay.
    assert_eq!(disclosure["cross_border"], true);
    assert_eq!(disclosure["cross_border_to"], serde_json::json!(["US"]));
    let collection = json_flow(&json, "web->crm");
    assert_eq!(collection["transfers"], serde_json::json!([]));
    assert_eq!(collection["onward"], serde_json::json!([]));

    // On a day the Directive was in force, the verdict rests on it.
    let (_, out, _) = export(&[&path, "--format", "json", "--as-of", "2015-11-08"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["as_of"], "2015-11-08", "the date judged on");
    let t = &json_flow(&json, "crm->partner")["transfers"][0];
    assert_eq!(t["law"], "Directive 95/46/EC Art. 25(1)", "{t}");
    assert_eq!(t["verdict"], "no mechanism");
}

#[test]
fn json_export_a_collection_across_a_border_is_no_transfer() {
    // The data subjects in DE hand their data straight to the controller's store in the
    // US: it crosses a border, but it is a collection (EDPB Guidelines 05/2021, Ex. 1).
    let (_dir, path) = inventory(&transfer_inventory("DE", "US", "[]", "Some(Scc)"));
    let (_, out, _) = export(&[&path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let collection = json_flow(&json, "web->crm");
    assert_eq!(collection["cross_border"], true);
    assert_eq!(collection["transfers"], serde_json::json!([]));
    // The store in the US discloses EU data to a US partner: a transfer still, though it
    // crosses no border the eye sees; the clauses cover it.
    let disclosure = json_flow(&json, "crm->partner");
    assert_eq!(disclosure["cross_border"], false);
    let transfers = disclosure["transfers"].as_array().unwrap();
    assert_eq!(transfers.len(), 1, "{disclosure:#}");
    assert_eq!(transfers[0]["regime"], "EU");
    assert_eq!(transfers[0]["restricted"], true);
    assert_eq!(transfers[0]["mechanism"], "Scc");
    assert_eq!(transfers[0]["verdict"], "covered");
    assert!(
        transfers[0]["law"].as_str().unwrap().contains("2021/914"),
        "the 2021 clauses' decision: {}",
        transfers[0]["law"]
    );
}

#[test]
fn json_export_lists_onward_transfers() {
    let text = transfer_inventory("DE", "DE", "[]", "Some(Scc)")
        .replace(
            "    recipients: [",
            "    recipients: [\n        Recipient(id: \"sub\", name: \"Sub Inc\", kind: ServiceProvider, located: [\"US\"]),",
        )
        .replace(
            "kind: Partner",
            "kind: ServiceProvider",
        )
        .replace(
            "    flows: [",
            "    flows: [\n        Flow(from: \"partner\", to: \"sub\", data: [\"contact.email\"], purposes: [\"service.operation\"]),",
        );
    let (_dir, path) = inventory(&text);
    let (code, out, err) = export(&[&path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let onward = json_flow(&json, "partner->sub");
    assert_eq!(onward["transfers"], serde_json::json!([]));
    assert_eq!(
        onward["onward"],
        serde_json::json!([{
            "regime": "EU",
            "exporter": "partner",
            "importer": "sub",
            "outside": ["US"],
            "categories": ["contact.email"],
            "law": "GDPR Art. 44",
        }])
    );
    assert_eq!(
        json_flow(&json, "crm->partner")["onward"],
        serde_json::json!([])
    );
}

/// The "third countries and safeguards" cell of the record's only activity.
fn third_countries(csv: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        &reader.headers().unwrap()[8],
        "third countries and safeguards"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    rows[0][8].to_string()
}

#[test]
fn ropa_csv_lists_transfers_in_law_on_the_day_asked() {
    let text = transfer_inventory("DE", "DE", r#"["SafeHarbor"]"#, "Some(SafeHarbor)");
    let (_dir, path) = inventory(&text);
    // Safe Harbor covers the certified importer up to 2015-10-05 (Decision 2000/520/EC)...
    let (code, csv, err) = export(&[&path, "--format", "ropa-csv", "--as-of", "2015-10-05"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        third_countries(&csv),
        "EU → Partner Inc in United States (US): SafeHarbor, adequate"
    );
    // ...and nothing from 2015-10-06 (CJEU C-362/14).
    let (_, csv, _) = export(&[&path, "--format", "ropa-csv", "--as-of", "2015-10-06"]);
    assert_eq!(
        third_countries(&csv),
        "EU → Partner Inc in United States (US): SafeHarbor, not covered"
    );
    // Without --as-of: the inventory's date (2024-01-01).
    let (_, csv, _) = export(&[&path, "--format", "ropa-csv"]);
    assert_eq!(
        third_countries(&csv),
        "EU → Partner Inc in United States (US): SafeHarbor, not covered"
    );
    // No mechanism at all.
    let (_dir, path) = inventory(&transfer_inventory("DE", "DE", "[]", "None"));
    let (_, csv, _) = export(&[&path, "--format", "ropa-csv"]);
    assert_eq!(
        third_countries(&csv),
        "EU → Partner Inc in United States (US): no mechanism, restricted"
    );
}

#[test]
fn ropa_csv_leaves_out_a_collection_that_crosses_a_border() {
    // The only cross-border flow is the collection into the controller's US store; the
    // partner is in the US too, but the controller is established in DE: a transfer.
    let text = transfer_inventory("DE", "US", "[]", "Some(Scc)");
    let (_dir, path) = inventory(&text);
    let (_, csv, _) = export(&[&path, "--format", "ropa-csv"]);
    assert_eq!(
        third_countries(&csv),
        "EU → Partner Inc in United States (US): Scc, covered"
    );
    // Without the disclosure, nothing is transferred: the cell is empty though the
    // data leaves DE.
    let collection_only = text.replace(
        r#"        Flow(from: "crm", to: "partner", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract), mechanism: Some(Scc)),
"#,
        "",
    );
    assert_ne!(collection_only, text);
    let (_dir, path) = inventory(&collection_only);
    let (_, csv, _) = export(&[&path, "--format", "ropa-csv"]);
    assert_eq!(third_countries(&csv), "");
}

/// Every map the tests above look at, rendered by the real Graphviz: accepted without a
/// warning, and the hostile inventory's map has exactly its own nodes and edges.
#[test]
#[cfg_attr(
    flowmap_no_dot,
    ignore = "needs Graphviz `dot` (apt-get install graphviz; missing when the tests were built)"
)]
fn every_dot_map_renders_with_graphviz() {
    let variants: &[&[&str]] = &[
        &[],
        &["--cross-border"],
        &["--focus", "ad-networks", "--depth", "1"],
        &["--focus", "ad-networks", "--depth", "2"],
        &["--category", "location.precise"],
        &["--aggregate", "kind"],
        &["--aggregate", "jurisdiction"],
    ];
    for extra in variants {
        let mut args = vec!["--format", "dot"];
        args.extend_from_slice(extra);
        let (code, dot, _) = export(&args);
        assert_eq!(code, 0, "{args:?}");
        let svg = support::graphviz(&dot, "svg").expect("dot is installed");
        assert!(svg.contains("<svg"), "{args:?} renders");
    }
    let (_, whole, _) = export(&["--format", "dot"]);
    let svg = support::graphviz(&whole, "svg").unwrap();
    assert!(svg.contains("cluster"), "jurisdiction clusters");

    let (_, dot, _) = export(&[&fixture("hostile"), "--format", "dot"]);
    let plain = support::graphviz(&dot, "plain").unwrap();
    let mut nodes = plain_nodes(&plain);
    nodes.sort();
    let mut expected: Vec<String> = ["bidi", "cluster", "escapes", "html", "newlines", "quotes"]
        .iter()
        .map(|id| format!("\"n:{id}\""))
        .chain(
            ["other", "recipient", "source", "store"]
                .iter()
                .map(|l| format!("\"legend:{l}\"")),
        )
        .collect();
    expected.sort();
    assert_eq!(nodes, expected, "no injected node");
    assert_eq!(
        plain.lines().filter(|l| l.starts_with("edge ")).count(),
        4 + 4,
        "no injected edge (4 flows, 4 in the legend)"
    );
    support::graphviz(&dot, "svg").unwrap();
}

/// The default map of the shipped inventory prints on A4 landscape (842 × 595 pt) at a
/// scale that keeps its 9–10 pt text readable, and ties each edge label to its edge.
#[test]
#[cfg_attr(
    flowmap_no_dot,
    ignore = "needs Graphviz `dot` (apt-get install graphviz; missing when the tests were built)"
)]
fn the_default_map_fits_a4_landscape_with_labels_tied_to_their_edges() {
    let (code, dot, _) = export(&["--format", "dot"]);
    assert_eq!(code, 0);
    let svg = support::graphviz(&dot, "svg").expect("dot is installed");
    let size = |attribute: &str| -> f64 {
        let start = svg.find("<svg width=\"").unwrap();
        let tag = &svg[start..start + svg[start..].find('>').unwrap()];
        let value = tag.split(&format!("{attribute}=\"")).nth(1).unwrap();
        value.split("pt\"").next().unwrap().parse().unwrap()
    };
    let (width, height) = (size("width"), size("height"));
    assert!(
        width <= 842.0 && height <= 595.0,
        "A4 landscape is 842 × 595 pt; the map is {width} × {height}"
    );
    // `-Tplain` starts `graph SCALE WIDTH HEIGHT`: the scale the page size imposed.
    let plain = support::graphviz(&dot, "plain").unwrap();
    let scale: f64 = plain.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(scale >= 0.6, "text is printed at {scale} of its size");
    assert!(
        dot.contains("decorate=true"),
        "labels are tied to their edges"
    );
    // No label line is longer than a wrapped list of categories and its `+N more`.
    for line in dot.lines().filter(|l| l.contains("\" -> \"n:")) {
        let label = line
            .split("label=\"")
            .nth(1)
            .unwrap()
            .split("\", ")
            .next()
            .unwrap();
        for part in label
            .split("\\n")
            .filter(|p| !p.contains('!') && !p.contains('⚖'))
        {
            assert!(part.chars().count() <= 40, "{part:?} in {line}");
        }
    }
}
