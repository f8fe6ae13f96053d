//! Fides manifests in and out (`flowmap import fides`, `export --format fides`): a demo
//! project in Fides' documented shape imported and checked, the checklist against the
//! placeholders, round trips of the shipped and a synthetic inventory, hostile input
//! (malformed YAML, an oversized file, an alias bomb, colliding keys), and the export
//! validated by the `fideslang` Python package itself.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use flowmap::load::{Origin, load};
use flowmap::model::Inventory;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fides")
        .join(name)
}

fn flowmap() -> Command {
    let mut cmd = Command::cargo_bin("flowmap").expect("binary builds");
    cmd.env_remove("FLOWMAP_MAX_FILE_BYTES");
    cmd
}

/// Runs `import fides DIR -o OUT`: (exit code, stdout, stderr).
fn import(dir: &Path, out: &Path, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = flowmap();
    cmd.args(["import", "fides"]).arg(dir).arg("-o").arg(out);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn inventory_at(path: &Path) -> Inventory {
    match load(&Origin::Path(path.to_path_buf())) {
        Ok(loaded) => loaded.inventory,
        Err(e) => panic!("{} does not load: {e}", path.display()),
    }
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Imports the demo project into a new folder: (folder, stdout).
fn import_demo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = import(&fixture("demo"), &dir.path().join("inventory.ron"), &[]);
    assert_eq!(code, 0, "{stderr}");
    (dir, stdout)
}

#[test]
fn the_demo_project_imports_and_checks() {
    let (dir, _) = import_demo();
    assert_eq!(
        names(dir.path()),
        ["inventory.ron", "inventory.taxonomy.ron"]
    );
    let inv = inventory_at(dir.path());
    assert_eq!(inv.name, "Demo Organization");
    assert_eq!(inv.controller.as_deref(), Some("Demo Widgets Ltd"));
    let ids = |v: Vec<&str>| v.join(" ");
    assert_eq!(
        ids(inv.sources.iter().map(|s| s.id.as_str()).collect()),
        "user"
    );
    assert_eq!(inv.sources[0].subjects, ["customer"]);
    assert_eq!(
        ids(inv.stores.iter().map(|s| s.id.as_str()).collect()),
        "web_application app_database analytics_warehouse"
    );
    assert_eq!(
        ids(inv.recipients.iter().map(|s| s.id.as_str()).collect()),
        "payment_processor ad_network"
    );
    let db = &inv.stores[1];
    assert_eq!(
        db.retention.as_deref(),
        Some("3 years after the last order")
    );
    assert_eq!(db.safeguards, ["Encrypted at rest; access by role"]);
    let flow = |from: &str, to: &str| {
        let found: Vec<_> = inv
            .flows
            .iter()
            .filter(|f| f.from == from && f.to == to)
            .collect();
        assert_eq!(found.len(), 1, "{from}->{to}: {found:?}");
        found[0].clone()
    };
    let collect = flow("user", "web_application");
    assert_eq!(collect.purposes, ["service"]);
    assert_eq!(collect.basis, Some(flowmap::model::Basis::Contract));
    assert!(collect.data.iter().any(|d| d == "financial.payment_card"));
    let pay = flow("web_application", "payment_processor");
    assert_eq!(pay.mechanism, Some(flowmap::model::Mechanism::Scc));
    assert_eq!(flow("web_application", "app_database").mechanism, None);
    let ads = flow("analytics_warehouse", "ad_network");
    assert_eq!(ads.purposes, ["advertising.targeted", "loyalty_program"]);
    assert_eq!(ads.basis, Some(flowmap::model::Basis::Consent));
    assert_eq!(inv.flows.len(), 5);

    // The key that is no id keeps its original in a comment; the extensions are in the
    // generated taxonomy.
    let text = std::fs::read_to_string(dir.path().join("inventory.ron")).unwrap();
    assert!(
        text.contains("id: \"web_application\", // Fides key `Web_Application`"),
        "{text}"
    );
    let taxonomy = std::fs::read_to_string(dir.path().join("inventory.taxonomy.ron")).unwrap();
    assert!(taxonomy.contains("(name: \"loyalty_tier\", description: \"The tier of a customer in the loyalty programme.\")"));
    assert!(taxonomy.contains("(name: \"loyalty_program\""));

    // `flowmap check` reports each location placeholder (FM005) and the establishment
    // (FM206) at its line, and nothing about unknown categories or purposes.
    let out = flowmap()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let lines_of = |rule: &str| -> Vec<u64> {
        let mut l: Vec<u64> = findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| f["line"].as_u64().expect("a position"))
            .collect();
        l.sort();
        l
    };
    let placeholder_lines = |field: &str| -> Vec<u64> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| {
                l.trim_start().starts_with(&format!("{field}:")) && l.contains("// placeholder")
            })
            .map(|(n, _)| n as u64 + 1)
            .collect()
    };
    assert_eq!(lines_of("FM005"), placeholder_lines("located"));
    assert_eq!(placeholder_lines("located").len(), 6);
    assert_eq!(lines_of("FM206"), placeholder_lines("established"));
    assert!(
        lines_of("FM004").is_empty()
            && lines_of("FM003").is_empty()
            && lines_of("FM006").is_empty()
    );
}

#[test]
fn an_edge_declared_at_both_ends_is_one_flow() {
    let (dir, _) = import_demo();
    let inv = inventory_at(dir.path());
    let both: Vec<_> = inv
        .flows
        .iter()
        .filter(|f| f.from == "web_application" && f.to == "app_database")
        .collect();
    assert_eq!(both.len(), 1);
    // The categories of both declarations, once each.
    assert_eq!(
        both[0].data,
        ["contact.email", "contact.name", "loyalty_tier"]
    );
    // Declared at both ends, categories only at one.
    let second: Vec<_> = inv
        .flows
        .iter()
        .filter(|f| f.from == "app_database" && f.to == "analytics_warehouse")
        .collect();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].data, ["device.cookie_id"]);
}

#[test]
fn the_checklist_lists_exactly_the_placeholders() {
    let (dir, stdout) = import_demo();
    let text = std::fs::read_to_string(dir.path().join("inventory.ron")).unwrap();
    let placeholders = |field: &str, owner_lines: &dyn Fn(&str) -> bool| {
        text.lines()
            .filter(|l| {
                l.trim_start().starts_with(&format!("{field}:"))
                    && l.contains("// placeholder")
                    && owner_lines(l)
            })
            .count()
    };
    let any = |_: &str| true;
    let items: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  - "))
        .collect();
    let expected = [
        "5 systems have no location: set `located`",
        "the `user` source has no location: set `located` (and check `minors`)",
        "2 recipients have no kind (ServiceProvider is written): check `kind`",
        "2 processors and recipients have no certifications listed: add any (\"DPF\", ...) to `certifications`",
        "the controller's establishment is unknown: set `established`",
        "5 flows cite no policy section: write a policy file, name it in `policy`, and cite its sections in each flow's `policy`",
        "2 Fides keys not in flowmap's taxonomy are added to the generated taxonomy inventory.taxonomy.ron: describe them there",
    ];
    assert_eq!(items, expected, "{stdout}");
    // Each count is the number of placeholders of its field in the file.
    assert_eq!(placeholders("located", &any), 5 + 1);
    assert_eq!(placeholders("minors", &any), 1);
    assert_eq!(placeholders("kind", &any), 2);
    assert_eq!(placeholders("certifications", &any), 2);
    assert_eq!(placeholders("established", &any), 1);
    // One per flow, plus the inventory's own `policy: None`.
    assert_eq!(placeholders("policy", &any), 5 + 1);
    // And no other field has one.
    let fields = [
        "located",
        "minors",
        "kind",
        "certifications",
        "established",
        "policy",
    ];
    for line in text.lines().filter(|l| l.contains("// placeholder")) {
        let field = line.trim_start().split(':').next().unwrap();
        assert!(fields.contains(&field), "an unlisted placeholder: {line}");
    }
    // `flowmap check` on the result reports every placeholder (FM305) at its line, so
    // nothing is silently invented.
    let output = flowmap()
        .args(["check", dir.path().to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut reported: Vec<u64> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "FM305")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    reported.sort_unstable();
    let marked: Vec<u64> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("// placeholder") && !l.trim_start().starts_with("//"))
        .map(|(n, _)| n as u64 + 1)
        .collect();
    assert_eq!(reported, marked, "{json}");
    let kind = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "FM305" && f["message"].as_str().unwrap().contains("kind:"))
        .expect("the invented kind is reported");
    assert!(
        kind["subject"]
            .as_str()
            .is_some_and(|s| !s.contains("kind")),
        "{kind}"
    );
}

/// `export --format fides` of `inventory` into a folder, then `import fides` of it
/// beside `companions` (policy, taxonomy files the inventory names): the loaded models
/// are equal.
fn round_trip(inventory: &Path, companions: &[&Path]) {
    let work = tempfile::tempdir().unwrap();
    let manifests = work.path().join("fides");
    let out = flowmap()
        .args(["export", "--format", "fides", "-o"])
        .arg(&manifests)
        .arg(inventory)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        names(&manifests),
        [
            "datasets.yml",
            "organization.yml",
            "systems.yml",
            "taxonomy.yml"
        ]
    );
    let back = work.path().join("back");
    std::fs::create_dir(&back).unwrap();
    for c in companions {
        std::fs::copy(c, back.join(c.file_name().unwrap())).unwrap();
    }
    let (code, _, stderr) = import(&manifests, &back.join("inventory.ron"), &[]);
    assert_eq!(code, 0, "{stderr}");
    let before = inventory_at(inventory);
    let after = inventory_at(&back);
    same(&after, &before);
}

/// Asserts two inventories are equal, naming the first difference (the whole debug
/// output of a synthetic inventory is too long to read).
fn same(after: &Inventory, before: &Inventory) {
    fn first<T: PartialEq + std::fmt::Debug>(what: &str, a: &[T], b: &[T]) {
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert_eq!(x, y, "{what}[{i}] differs after the round trip");
        }
        assert_eq!(
            a.len(),
            b.len(),
            "{what}: a different number after the round trip"
        );
    }
    first("sources", &after.sources, &before.sources);
    first("stores", &after.stores, &before.stores);
    first("recipients", &after.recipients, &before.recipients);
    first("flows", &after.flows, &before.flows);
    assert_eq!(after, before);
}

#[test]
fn the_shipped_inventory_survives_a_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("inventory/confluent-2015");
    round_trip(&dir.join("inventory.ron"), &[&dir.join("policy.ron")]);
}

#[test]
fn a_synthetic_inventory_survives_a_round_trip() {
    let synth = flowmap::synth::generate(&flowmap::synth::Params::for_flows(400, 11));
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, text) in synth.files() {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let companions: Vec<&Path> = paths[1..].iter().map(PathBuf::as_path).collect();
    round_trip(&paths[0], &companions);
}

/// A hostile or broken project: exit 2, an error naming a file and position, and no
/// file written.
fn refused(dir: &Path, env: &[(&str, &str)], expect: &[&str]) {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("inventory.ron");
    let (code, stdout, stderr) = import(dir, &out, env);
    assert_eq!(code, 2, "stdout: {stdout}\nstderr: {stderr}");
    for e in expect {
        assert!(stderr.contains(e), "`{e}` not in: {stderr}");
    }
    assert!(
        names(work.path()).is_empty(),
        "left behind: {:?}",
        names(work.path())
    );
}

#[test]
fn malformed_yaml_is_refused_with_its_position() {
    refused(
        &fixture("malformed"),
        &[],
        &["malformed/system.yml:", "not valid YAML"],
    );
    // The position is the parser's: line and column after the file name.
    let (_, _, stderr) = import(&fixture("malformed"), Path::new("/nonexistent/x.ron"), &[]);
    let after = stderr.split("system.yml:").nth(1).unwrap();
    let mut parts = after.split(':');
    assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{stderr}");
    assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{stderr}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    refused(
        &fixture("demo"),
        &[("FLOWMAP_MAX_FILE_BYTES", "200")],
        &[".yml:1:1:", "over the limit of 200"],
    );
}

#[test]
fn an_alias_bomb_is_refused_at_the_alias_that_crosses_the_budget() {
    refused(
        &fixture("alias_bomb"),
        &[],
        &[
            "alias_bomb/system.yml:6:8:",
            "the aliases expand this file past 10000 replayed nodes",
        ],
    );
}

#[test]
fn keys_that_collide_are_refused_naming_both_files() {
    refused(
        &fixture("collision"),
        &[],
        &[
            "collision/b.yml:5:5:",
            "`Customer_DB` (in ",
            "collision/a.yml",
            "`customer_db` (in ",
            "both become the flowmap id `customer_db`",
        ],
    );
    refused(
        &fixture("duplicate"),
        &[],
        &[
            "duplicate/b.yml:2:5:",
            "the system `app` is declared twice",
            "duplicate/a.yml",
        ],
    );
}

/// Validates a folder of manifests with fideslang's own pydantic models, as Fides
/// merges them; panics with fideslang's message on failure.
fn validate_with_fideslang(python: &str, dir: &Path) {
    const SCRIPT: &str = r#"
import pathlib, sys, yaml
from fideslang.models import Taxonomy
merged = {}
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.y*ml")):
    for key, items in (yaml.safe_load(path.read_text()) or {}).items():
        merged.setdefault(key, []).extend(items)
taxonomy = Taxonomy.model_validate(merged)
print(len(taxonomy.system), len(taxonomy.dataset), len(taxonomy.organization))
"#;
    let out = std::process::Command::new(python)
        .args(["-c", SCRIPT])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "fideslang rejects {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[cfg_attr(
    flowmap_no_fideslang,
    ignore = "needs a Python with fideslang: set FLOWMAP_PYTHON (README, Tests; missing when the tests were built)"
)]
fn fideslang_accepts_the_export_and_the_demo_fixture() {
    let Some(python) = support::fideslang_python() else {
        return;
    };
    validate_with_fideslang(&python, &fixture("demo"));
    let work = tempfile::tempdir().unwrap();
    for (name, inventory) in [("confluent", None), ("demo", Some(fixture("demo")))] {
        let manifests = work.path().join(name);
        let mut cmd = flowmap();
        cmd.args(["export", "--format", "fides", "-o"])
            .arg(&manifests);
        if let Some(demo) = inventory {
            let imported = work.path().join("demo-inventory");
            std::fs::create_dir(&imported).unwrap();
            let (code, _, stderr) = import(&demo, &imported.join("inventory.ron"), &[]);
            assert_eq!(code, 0, "{stderr}");
            cmd.arg(&imported);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        validate_with_fideslang(&python, &manifests);
    }
}

/// Scale (release, `--ignored`): `export --format fides` of the 100,000-flow synthetic
/// inventory, and `import fides` of it back, each within 2x of bare serde-saphyr
/// (de)serialisation of the same manifests. Prints the figures for BENCHMARKS.md.
#[test]
#[ignore]
fn fides_at_scale_is_within_twice_bare_yaml() {
    use flowmap::interop::fides::model::Manifest;
    use std::time::Instant;
    let synth = flowmap::synth::generate(&flowmap::synth::Params::for_flows(100_000, 7));
    let loaded = flowmap::load::load_in_memory(&synth.files(), "inventory.ron").unwrap();
    let graph = flowmap::FlowGraph::new(loaded);
    let t = Instant::now();
    let files = flowmap::interop::fides::export(&graph).unwrap();
    let export = t.elapsed();
    let dir = tempfile::tempdir().unwrap();
    flowmap::interop::fides::write_dir(dir.path(), &files).unwrap();

    let t = Instant::now();
    let parsed: Vec<Manifest> = files
        .iter()
        .map(|(_, text)| serde_saphyr::from_str(text).unwrap())
        .collect();
    let bare_read = t.elapsed();
    let t = Instant::now();
    let bytes: usize = parsed
        .iter()
        .map(|m| serde_saphyr::to_string(m).unwrap().len())
        .sum();
    let bare_write = t.elapsed();

    let t = Instant::now();
    let imported =
        flowmap::interop::fides::import_dir(dir.path(), &dir.path().join("inventory.ron")).unwrap();
    let import = t.elapsed();
    assert_eq!(
        imported.inventory.flows.len(),
        graph.inventory().flows.len()
    );
    let systems = graph.inventory().stores.len() + graph.inventory().recipients.len();
    println!(
        "fides at scale: {systems} systems, {} flows, {bytes} bytes of YAML\n  export {export:?} (bare serialisation {bare_write:?})\n  import {import:?} (bare deserialisation {bare_read:?})",
        graph.inventory().flows.len()
    );
    assert!(
        export < bare_write * 2,
        "export {export:?} vs bare {bare_write:?}"
    );
    assert!(
        import < bare_read * 2,
        "import {import:?} vs bare {bare_read:?}"
    );
}

#[test]
fn a_fifo_among_the_manifests_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.yml"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("\n!!! SKIPPED: `mkfifo` is not available !!!\n");
        return;
    }
    refused(dir.path(), &[], &["pipe.yml", "not a regular file"]);
}
