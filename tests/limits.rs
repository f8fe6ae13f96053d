//! Limits: what flowmap refuses to read, and that refusing never hangs. A file over the
//! size limit (256 MiB, or `FLOWMAP_MAX_FILE_BYTES`), nesting deeper than ron's recursion
//! limit in any file and any value position, and a policy or taxonomy path that names the
//! inventory itself, a folder, a device, a FIFO or a symlink loop: each is exit 2 with a
//! message naming the file — within seconds, never a hang.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// Longest any refusal may take. A hang (a FIFO read, a device read to the end) overruns
/// it and fails the test instead of stalling the suite.
const PATIENCE: Duration = Duration::from_secs(20);

/// A small valid inventory with a policy (about 600 bytes).
const INVENTORY: &str = r#"Inventory(
    name: "Limits",
    policy: Some("policy.ron"),
    as_of: Some("2024-01-01"),
    sources: [
        Source(id: "web", name: "Web form", located: ["DE"], collects: ["contact.email"]),
    ],
    stores: [
        Store(id: "crm", name: "CRM", located: ["DE"], retention: Some("1 year"),
              safeguards: ["encryption-at-rest"]),
    ],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"],
             basis: Some(Contract), policy: ["s1"]),
    ],
)
"#;

const POLICY: &str = r#"Policy(
    title: "Limits policy",
    sections: [
        Section(id: "s1", title: "All", collects: ["contact"], purposes: ["service"],
                locations: ["DE"]),
    ],
)
"#;

/// A folder holding the inventory and its policy.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), INVENTORY).unwrap();
    std::fs::write(dir.path().join("policy.ron"), POLICY).unwrap();
    dir
}

/// `flowmap check PATH` with `env`, bounded by [`PATIENCE`]: (exit code, stderr).
fn check(path: &Path, env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut command = Command::cargo_bin("flowmap").unwrap();
    command
        .arg("check")
        .arg(path)
        .env("NO_COLOR", "1")
        .env_remove("FLOWMAP_MAX_FILE_BYTES")
        .timeout(PATIENCE);
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stderr)
}

/// Refused: exit 2 (a killed, timed-out run has no exit code) with `expect` in the message.
fn refused(path: &Path, env: &[(&str, &str)], expect: &[&str]) -> String {
    let (code, stderr) = check(path, env);
    assert_eq!(
        code,
        Some(2),
        "exit 2, within {PATIENCE:?} (None: it hung and was killed): {stderr}"
    );
    for e in expect {
        assert!(stderr.contains(e), "`{e}` in:\n{stderr}");
    }
    stderr
}

/// Points the inventory's `field` (policy or taxonomy) at `target`.
fn point(dir: &Path, field: &str, target: &str) {
    let text = INVENTORY.replace(
        "    policy: Some(\"policy.ron\"),\n",
        &format!("    {field}: Some({target:?}),\n"),
    );
    std::fs::write(dir.join("inventory.ron"), text).unwrap();
}

#[test]
fn an_inventory_over_the_size_limit_is_refused_with_the_limit_named() {
    let dir = folder();
    let size = INVENTORY.len();
    // Under the default limit it loads (exit 0: it breaks no rule).
    let (code, stderr) = check(dir.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    // Under a limit smaller than the file: refused, saying how big, what the limit is,
    // and how to raise it.
    let stderr = refused(
        dir.path(),
        &[("FLOWMAP_MAX_FILE_BYTES", "100")],
        &[
            "cannot read the inventory file",
            &format!("it is {size} bytes, over the limit of 100 bytes"),
            "FLOWMAP_MAX_FILE_BYTES",
        ],
    );
    assert!(stderr.contains("inventory.ron"), "{stderr}");
    // A limit the inventory fits but its policy does not: the policy is refused, at the
    // `policy:` field that names it.
    assert!(size > POLICY.len());
    std::fs::write(
        dir.path().join("policy.ron"),
        POLICY.to_string() + &" ".repeat(size),
    )
    .unwrap();
    let stderr = refused(
        dir.path(),
        &[("FLOWMAP_MAX_FILE_BYTES", &(size + 1).to_string())],
        &["cannot read the policy file", "over the limit"],
    );
    assert!(stderr.contains("inventory.ron:3:13"), "{stderr}");
    // Exactly at the limit is allowed.
    std::fs::write(dir.path().join("policy.ron"), POLICY).unwrap();
    let (code, stderr) = check(dir.path(), &[("FLOWMAP_MAX_FILE_BYTES", &size.to_string())]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn the_limit_applies_to_the_waivers_file_too() {
    let dir = folder();
    let waivers = dir.path().join("waivers.ron");
    std::fs::write(&waivers, "[]\n".to_string() + &" ".repeat(2000)).unwrap();
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .arg("check")
        .arg(dir.path())
        .arg("--waivers")
        .arg(&waivers)
        .env("FLOWMAP_MAX_FILE_BYTES", "1000")
        .timeout(PATIENCE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read the waivers file") && stderr.contains("over the limit"),
        "{stderr}"
    );
}

#[test]
fn a_limit_that_is_not_a_number_is_an_error_not_ignored() {
    let dir = folder();
    for bad in ["lots", "-1", "1e9", "256MiB"] {
        refused(
            dir.path(),
            &[("FLOWMAP_MAX_FILE_BYTES", bad)],
            &["FLOWMAP_MAX_FILE_BYTES", bad, "not a number of bytes"],
        );
    }
}

#[test]
fn the_default_limit_is_256_mib() {
    // A sparse file one byte over 256 MiB: refused from its size, before a byte is read.
    let dir = folder();
    let file = std::fs::File::create(dir.path().join("inventory.ron")).unwrap();
    file.set_len(256 * 1024 * 1024 + 1).unwrap();
    drop(file);
    refused(
        dir.path(),
        &[],
        &["it is 268435457 bytes, over the limit of 268435456 bytes"],
    );
    assert_eq!(flowmap::load::MAX_FILE_BYTES, 256 * 1024 * 1024);
}

#[test]
fn nesting_deeper_than_the_recursion_limit_is_refused_in_every_position() {
    let dir = tempfile::tempdir().unwrap();
    let deep = |open: &str, inner: &str, close: &str| {
        format!("{}{inner}{}", open.repeat(100_000), close.repeat(100_000))
    };
    let cases = [
        // A value position of every kind: a string field, an option, a list of strings,
        // a list of structs, a tuple, a map.
        (
            "name",
            format!("Inventory(name: {})", deep("[", "\"x\"", "]")),
        ),
        (
            "controller",
            format!(
                "Inventory(name: \"x\", controller: {})",
                deep("Some(", "\"x\"", ")")
            ),
        ),
        (
            "located",
            format!(
                "Inventory(name: \"x\", sources: [Source(id: \"a\", name: \"a\", located: {})])",
                deep("[", "", "]")
            ),
        ),
        (
            "flows",
            format!("Inventory(name: \"x\", flows: [{}])", deep("(", "", ")")),
        ),
        (
            "map",
            format!(
                "Inventory(name: \"x\", stores: {})",
                deep("{\"k\":", "1", "}")
            ),
        ),
        // Unclosed: the parser must stop at the limit, not walk to the end.
        (
            "unclosed",
            format!("Inventory(name: \"x\", flows: {}", "[(".repeat(100_000)),
        ),
    ];
    for (what, text) in cases {
        std::fs::write(dir.path().join("inventory.ron"), text).unwrap();
        let stderr = refused(dir.path(), &[], &["error[FM001]", "inventory.ron:1:"]);
        assert!(
            stderr.lines().all(|l| l.chars().count() < 200),
            "{what}: long lines are cut: {stderr}"
        );
    }
    // In the policy and the taxonomy files too.
    let dir = folder();
    std::fs::write(
        dir.path().join("policy.ron"),
        format!("Policy(title: {})", deep("[", "\"x\"", "]")),
    )
    .unwrap();
    refused(dir.path(), &[], &["error[FM001]", "policy.ron:1:"]);
    std::fs::write(dir.path().join("policy.ron"), POLICY).unwrap();
    std::fs::write(
        dir.path().join("inventory.ron"),
        INVENTORY.replace("as_of:", "taxonomy: Some(\"tax.ron\"),\n    as_of:"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tax.ron"),
        format!(
            "Taxonomy(categories: [(name: \"a\", description: {})])",
            deep("Some(", "\"x\"", ")")
        ),
    )
    .unwrap();
    refused(dir.path(), &[], &["error[FM001]", "tax.ron:1:"]);
}

#[test]
fn a_policy_or_taxonomy_naming_the_inventory_itself_is_an_error() {
    let dir = folder();
    for field in ["policy", "taxonomy"] {
        point(dir.path(), field, "inventory.ron");
        let expect = if field == "policy" {
            "Policy"
        } else {
            "Taxonomy"
        };
        let stderr = refused(
            dir.path(),
            &[],
            &[
                "error[FM001]",
                &format!("Expected struct `{expect}` but found `Inventory`"),
            ],
        );
        assert!(stderr.contains("inventory.ron:1:1"), "{stderr}");
    }
}

#[test]
fn a_policy_or_taxonomy_naming_a_folder_a_device_or_a_symlink_loop_is_an_error() {
    let dir = folder();
    std::os::unix::fs::symlink("loop.ron", dir.path().join("loop.ron")).unwrap();
    for field in ["policy", "taxonomy"] {
        for (target, expect) in [
            (".", "it is a folder, not a file"),
            ("..", "it is a folder, not a file"),
            ("/dev/zero", "not a regular file"),
            ("/dev/null", "not a regular file"),
            ("loop.ron", "cannot read"),
        ] {
            point(dir.path(), field, target);
            let stderr = refused(
                dir.path(),
                &[],
                &[&format!("cannot read the {field} file"), expect],
            );
            assert!(
                stderr.contains(&format!("fix the `{field}:` field")),
                "{stderr}"
            );
        }
    }
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = folder();
    let fifo = dir.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // As the policy, as the taxonomy, as the inventory itself, and as the waivers file.
    for field in ["policy", "taxonomy"] {
        point(dir.path(), field, "pipe.ron");
        refused(
            dir.path(),
            &[],
            &[
                &format!("cannot read the {field} file"),
                "not a regular file",
            ],
        );
    }
    refused(
        &fifo,
        &[],
        &["cannot read the inventory file", "not a regular file"],
    );
    std::fs::write(dir.path().join("inventory.ron"), INVENTORY).unwrap();
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .arg("check")
        .arg(dir.path())
        .arg("--waivers")
        .arg(&fifo)
        .timeout(PATIENCE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn a_device_as_the_inventory_is_refused() {
    refused(
        Path::new("/dev/zero"),
        &[],
        &[
            "cannot read the inventory file `/dev/zero`",
            "not a regular file",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// The shape of the graph: no size of graph may overflow the stack, and nothing may take
// time or memory that grows faster than the inventory (but for the output it prints).

/// A store in the chain.
fn store(id: &str) -> String {
    format!(
        "Store(id: \"{id}\", name: \"{id}\", located: [\"DE\"], retention: Some(\"1y\"), safeguards: [\"x\"]),\n"
    )
}

/// A flow of contact e-mail addresses.
fn flow(from: &str, to: &str) -> String {
    format!(
        "Flow(from: \"{from}\", to: \"{to}\", data: [\"contact.email\"], purposes: [\"service.operation\"], basis: Some(Contract)),\n"
    )
}

/// `sources` sources all flowing into the head of a chain of `length` stores.
fn chain(sources: usize, length: usize) -> String {
    let mut out =
        String::from("Inventory(name: \"chain\", as_of: Some(\"2024-01-01\"),\nsources: [\n");
    for s in 0..sources {
        out += &format!(
            "Source(id: \"s{s}\", name: \"s\", located: [\"DE\"], collects: [\"contact.email\"]),\n"
        );
    }
    out += "],\nstores: [\n";
    for i in 0..length {
        out += &store(&format!("n{i}"));
    }
    out += "],\nflows: [\n";
    for s in 0..sources {
        out += &flow(&format!("s{s}"), "n0");
    }
    for i in 1..length {
        out += &flow(&format!("n{}", i - 1), &format!("n{i}"));
    }
    out + "],\n)\n"
}

/// A source, then `layers` layers of two stores, every store flowing to both of the next
/// layer: 2^layers paths from a 25 KB file.
fn layers(layers: usize) -> String {
    let mut stores = String::new();
    let mut flows = String::new();
    let mut previous = vec!["s".to_string()];
    for l in 0..layers {
        let current = vec![format!("l{l}a"), format!("l{l}b")];
        for c in &current {
            stores += &store(c);
            for p in &previous {
                flows += &flow(p, c);
            }
        }
        previous = current;
    }
    format!(
        "Inventory(name: \"layers\", as_of: Some(\"2024-01-01\"),\nsources: [Source(id: \"s\", name: \"s\", located: [\"DE\"], collects: [\"contact.email\"])],\nstores: [\n{stores}],\nflows: [\n{flows}],\n)\n"
    )
}

/// `flowmap ARGS` bounded by [`PATIENCE`]: (exit code, stdout, stderr).
fn flowmap(args: &[&str], path: &Path) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(args)
        .arg(path)
        .env("NO_COLOR", "1")
        .timeout(PATIENCE)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_long_chain_is_traced_without_overflowing_the_stack() {
    // 30,000 hops: a recursive walk overflows the main thread's stack long before.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), chain(1, 30_000)).unwrap();
    for args in [
        &["trace", "--from", "s0"][..],
        &["trace", "--category", "contact"][..],
    ] {
        let (code, stdout, stderr) = flowmap(args, dir.path());
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(
            stdout.starts_with("1 path of data"),
            "{}",
            &stdout[..200.min(stdout.len())]
        );
        assert_eq!(stdout.lines().filter(|l| l.contains("→ n")).count(), 30_000);
        assert!(stdout.contains("→ n29999 (store; DE)"));
    }
}

#[test]
fn exponentially_many_paths_are_cut_off_not_enumerated() {
    // 2^40 paths: listing them all would never end (and exhaust memory long before).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), layers(40)).unwrap();
    let limit = flowmap::graph::MAX_PATHS;
    for args in [
        &["trace", "--from", "s"][..],
        &["trace", "--category", "contact.email"][..],
    ] {
        let (code, stdout, stderr) = flowmap(args, dir.path());
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        let first = stdout.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("{limit} paths")) && first.contains("there may be more"),
            "says it stopped: {first}"
        );
        let listed = stdout
            .lines()
            .filter(|l| l.trim_start().starts_with(char::is_numeric) && l.contains(". s ("))
            .count();
        assert_eq!(listed, limit);
    }
    // The rest of flowmap is not affected by the number of paths.
    for args in [&["check"][..], &["export", "--format", "ropa-csv"][..]] {
        let (code, _, stderr) = flowmap(args, dir.path());
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {stderr}");
    }
}

#[test]
fn many_sources_into_a_long_chain_take_linear_time_in_every_export() {
    // 200 sources into 20,000 stores: work quadratic in the graph (a list scanned for
    // every flow) takes minutes; linear takes a second or two.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), chain(200, 20_000)).unwrap();
    for format in ["dot", "mermaid", "json"] {
        let (code, stdout, stderr) = flowmap(&["export", "--format", format], dir.path());
        assert_eq!(code, Some(0), "{format}: {stderr}");
        assert!(stdout.len() > 20_000, "{format}");
    }
    let (code, _, stderr) = flowmap(&["check"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    // The Article 30 record lists, for each activity, every store downstream: its output
    // (and work) is sources × stores, so it is run on 20 sources.
    std::fs::write(dir.path().join("inventory.ron"), chain(20, 20_000)).unwrap();
    let (code, stdout, stderr) = flowmap(&["export", "--format", "ropa-csv"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.lines().count(), 1 + 20);
}

/// `count` stores, and `count` flows from them to nodes that do not exist (FM003 each).
fn dangling(count: usize) -> String {
    let mut stores = String::new();
    let mut flows = String::new();
    for i in 0..count {
        stores += &store(&format!("node{i}"));
        flows += &flow(&format!("node{i}"), &format!("nodx{i}"));
    }
    format!(
        "Inventory(name: \"dangling\", as_of: Some(\"2024-01-01\"),\nstores: [\n{stores}],\nflows: [\n{flows}],\n)\n"
    )
}

#[test]
fn did_you_mean_costs_no_more_than_the_inventory() {
    let dir = tempfile::tempdir().unwrap();
    // 10,000 references to unknown nodes among 10,000 nodes: comparing each with every
    // id is 10^8 edit distances.
    std::fs::write(dir.path().join("inventory.ron"), dangling(10_000)).unwrap();
    let (code, stdout, stderr) = flowmap(&["check", "--format", "json"], dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let fm003: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "FM003")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(fm003.len(), 10_000);
    // The first ones still get a suggestion.
    assert!(fm003[0].contains("(did you mean `node0`?)"), "{}", fm003[0]);

    // One 200,000-character id and a reference one letter off: a full edit distance
    // would be 4·10^10 steps.
    let long = "a".repeat(200_000);
    std::fs::write(
        dir.path().join("inventory.ron"),
        format!(
            "Inventory(name: \"long\", stores: [{}], flows: [{}])",
            store(&long),
            flow(&long, &format!("{long}b"))
        ),
    )
    .unwrap();
    let (code, _, stderr) = flowmap(&["check"], dir.path());
    assert_eq!(code, Some(1), "{stderr}");

    // 20,000 categories a 20,000-category taxonomy lacks.
    let count = 20_000;
    let mut categories = String::from("(name: \"c\", description: \"\"),\n");
    let mut flows = String::new();
    for i in 0..count {
        categories += &format!("(name: \"c.n{i}\", description: \"\"),\n");
        flows +=
            &format!("Flow(id: Some(\"f{i}\"), from: \"web\", to: \"crm\", data: [\"c.x{i}\"]),\n");
    }
    std::fs::write(
        dir.path().join("taxonomy.ron"),
        format!("Taxonomy(categories: [\n{categories}], purposes: [])"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("inventory.ron"),
        format!(
            "Inventory(name: \"many\", taxonomy: Some(\"taxonomy.ron\"),\nsources: [Source(id: \"web\", name: \"w\", located: [\"DE\"])],\nstores: [{}],\nflows: [\n{flows}])",
            store("crm")
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = flowmap(&["check", "--format", "json"], dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let fm004 = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "FM004")
        .count();
    assert_eq!(fm004, count);
}
