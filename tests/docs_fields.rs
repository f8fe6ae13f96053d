//! `docs/` describes every field the loader accepts: for each kind of entry, a field
//! that does not exist is slipped in, and the loader's own list of the fields there
//! (the hint of its FM001) is held against the page — a field added to the model
//! without its row in `docs/` fails here. Enum values likewise, from the loader's
//! "use one of" / "did you mean" lists where it gives them.

use flowmap::load::load_in_memory;

/// The fields the loader lists when `inventory` (with `policy.ron` and `taxonomy.ron`
/// beside it) has an unknown field.
fn fields(files: &[(&str, &str)]) -> Vec<String> {
    let error = load_in_memory(files, "inventory.ron").expect_err("an unknown field");
    let hint = error.hint.expect("a hint");
    let list = hint
        .split("The fields here: ")
        .nth(1)
        .unwrap_or_else(|| panic!("the hint lists the fields: {hint}"));
    let list = list.split(" (docs/").next().unwrap();
    list.split(", ").map(str::to_string).collect()
}

const INVENTORY: &str = r#"Inventory(name: "x", policy: Some("policy.ron"), taxonomy: Some("taxonomy.ron"),
    sources: [Source(id: "s", name: "S", located: ["DE"], collects: ["a"])],
    stores: [Store(id: "d", name: "D", located: ["DE"])],
    recipients: [Recipient(id: "r", name: "R", kind: Partner, located: ["DE"])],
    flows: [Flow(from: "s", to: "d", data: ["a"])],
)"#;
const POLICY: &str = r#"Policy(title: "P", sections: [Section(id: "s1", title: "T")])"#;
const TAXONOMY: &str = r#"Taxonomy(categories: [(name: "a")], purposes: [(name: "p")])"#;

fn assert_documented(page: &str, text: &str, what: &str, fields: &[String]) {
    assert!(fields.len() > 1, "{what}: {fields:?}");
    for field in fields {
        assert!(
            text.contains(&format!("| `{field}` |")),
            "docs/{page} has no row for `{what}.{field}`"
        );
    }
}

#[test]
fn every_field_of_the_inventory_policy_and_taxonomy_has_its_row() {
    let inventory_page = include_str!("../docs/inventory.md");
    let cases: [(&str, &str, &str); 5] = [
        ("Inventory", "Inventory(", "Inventory(bogus: 1, "),
        ("Source", "Source(", "Source(bogus: 1, "),
        ("Store", "Store(", "Store(bogus: 1, "),
        ("Recipient", "Recipient(", "Recipient(bogus: 1, "),
        ("Flow", "Flow(", "Flow(bogus: 1, "),
    ];
    for (what, from, to) in cases {
        let inventory = INVENTORY.replacen(from, to, 1);
        let found = fields(&[
            ("inventory.ron", &inventory),
            ("policy.ron", POLICY),
            ("taxonomy.ron", TAXONOMY),
        ]);
        assert_documented("inventory.md", inventory_page, what, &found);
    }
    let policy_page = include_str!("../docs/policy.md");
    for (what, from, to) in [
        ("Policy", "Policy(", "Policy(bogus: 1, "),
        ("Section", "Section(", "Section(bogus: 1, "),
    ] {
        let policy = POLICY.replacen(from, to, 1);
        let found = fields(&[
            ("inventory.ron", INVENTORY),
            ("policy.ron", &policy),
            ("taxonomy.ron", TAXONOMY),
        ]);
        assert_documented("policy.md", policy_page, what, &found);
    }
    let taxonomy_page = include_str!("../docs/taxonomy.md");
    for (what, from, to) in [
        ("Taxonomy", "Taxonomy(", "Taxonomy(bogus: 1, "),
        ("term", "(name: \"a\")", "(bogus: 1, name: \"a\")"),
    ] {
        let taxonomy = TAXONOMY.replacen(from, to, 1);
        let found = fields(&[
            ("inventory.ron", INVENTORY),
            ("policy.ron", POLICY),
            ("taxonomy.ron", &taxonomy),
        ]);
        assert_documented("taxonomy.md", taxonomy_page, what, &found);
    }
}

#[test]
fn every_field_of_a_waiver_has_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("waivers.ron");
    std::fs::write(
        &path,
        r#"[(rule: "FM301", subject: "x", reason: "y", bogus: 1)]"#,
    )
    .unwrap();
    let error = flowmap::check::waivers::Waivers::load(&path).expect_err("an unknown field");
    let hint = error.hint.expect("a hint");
    let list = hint.split("The fields here: ").nth(1).unwrap();
    let found: Vec<String> = list
        .split(" (docs/")
        .next()
        .unwrap()
        .split(", ")
        .map(str::to_string)
        .collect();
    assert!(hint.contains("docs/waivers.md"), "{hint}");
    assert_documented(
        "waivers.md",
        include_str!("../docs/waivers.md"),
        "waiver",
        &found,
    );
}

#[test]
fn every_value_of_kind_operator_basis_and_mechanism_is_named() {
    let page = include_str!("../docs/inventory.md");
    for (what, from, to) in [
        ("kind", "kind: Partner", "kind: Qqqqqqqqqqqq"),
        (
            "operator",
            "Store(id: \"d\",",
            "Store(operator: Qqqqqqqqqqqq, id: \"d\",",
        ),
        ("basis", "Flow(from", "Flow(basis: Some(Qqqqqqqqqqqq), from"),
        (
            "mechanism",
            "Flow(from",
            "Flow(mechanism: Some(Qqqqqqqqqqqq), from",
        ),
    ] {
        let inventory = INVENTORY.replacen(from, to, 1);
        let error = load_in_memory(
            &[
                ("inventory.ron", &inventory),
                ("policy.ron", POLICY),
                ("taxonomy.ron", TAXONOMY),
            ],
            "inventory.ron",
        )
        .expect_err("an unknown value");
        let hint = error.hint.expect("a hint");
        let values = hint
            .strip_prefix("use one of: ")
            .unwrap_or_else(|| panic!("{what}: {hint}"));
        for value in values.split(", ") {
            assert!(
                page.contains(&format!("`{value}`")),
                "docs/inventory.md names {what} `{value}`"
            );
        }
    }
}
