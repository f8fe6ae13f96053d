//! Builds small inventories for rule tests: one source, one recipient and one flow
//! between them, every field overridable, with a policy that discloses everything
//! unless a test narrows it. Near-identical pairs then differ in one field.

#![allow(dead_code)]

use std::io::Write;

use flowmap::check::{self, CheckOptions, Finding};
use flowmap::model::Date;
use flowmap::{FlowGraph, Origin};

/// One test inventory.
#[derive(Clone)]
pub struct Case {
    pub source_located: &'static str,
    pub minors: bool,
    pub recipient_kind: &'static str,
    pub recipient_located: &'static str,
    pub certifications: &'static str,
    pub data: &'static str,
    pub purposes: &'static str,
    pub mechanism: &'static str,
    pub cites: &'static str,
    /// Extra nodes (RON entries of `stores`).
    pub stores: &'static str,
    /// Extra flows (RON entries of `flows`).
    pub flows: &'static str,
    pub section_collects: &'static str,
    pub section_purposes: &'static str,
    pub section_shares: &'static str,
    pub section_locations: &'static str,
    pub section_mechanisms: &'static str,
    /// Extra sections.
    pub sections: &'static str,
    pub children_min_age: &'static str,
    pub as_of: &'static str,
    /// Where the controller is established (`established`).
    pub established: &'static str,
}

impl Default for Case {
    fn default() -> Case {
        Case {
            source_located: r#"["DE"]"#,
            minors: false,
            recipient_kind: "ServiceProvider",
            recipient_located: r#"["DE"]"#,
            certifications: "[]",
            data: r#"["contact.email"]"#,
            purposes: r#"["service.operation"]"#,
            mechanism: "None",
            cites: r#"["s1"]"#,
            stores: "",
            flows: "",
            section_collects: r#"["contact"]"#,
            section_purposes: r#"["service"]"#,
            section_shares: "[Affiliate, ServiceProvider, Partner, AdNetwork, SocialNetwork, Analytics, Acquirer, Authority, Public]",
            section_locations: r#"["*"]"#,
            section_mechanisms: "[Adequacy, Scc, Bcr, Dpf, Consent, ContractNecessity, SafeHarbor, PrivacyShield]",
            sections: "",
            children_min_age: "None",
            as_of: "2024-01-01",
            established: r#"["DE"]"#,
        }
    }
}

impl Case {
    pub fn inventory(&self) -> String {
        format!(
            r#"Inventory(
    name: "Rule test",
    established: {established},
    policy: Some("policy.ron"),
    as_of: Some("{as_of}"),
    sources: [
        Source(id: "web", name: "Web form", located: {src}, collects: ["contact.email"], minors: {minors}),
    ],
    stores: [{stores}],
    recipients: [
        Recipient(id: "vendor", name: "Vendor", kind: {kind}, located: {dst}, certifications: {certs}),
    ],
    flows: [
        Flow(
            from: "web",
            to: "vendor",
            data: {data},
            purposes: {purposes},
            basis: Some(Contract),
            mechanism: {mechanism},
            policy: {cites},
        ),{flows}
    ],
)
"#,
            as_of = self.as_of,
            established = self.established,
            src = self.source_located,
            minors = self.minors,
            stores = self.stores,
            kind = self.recipient_kind,
            dst = self.recipient_located,
            certs = self.certifications,
            data = self.data,
            purposes = self.purposes,
            mechanism = self.mechanism,
            cites = self.cites,
            flows = self.flows,
        )
    }

    pub fn policy(&self) -> String {
        format!(
            r#"Policy(
    title: "Test policy",
    children_min_age: {age},
    sections: [
        Section(
            id: "s1",
            number: "1",
            title: "Everything",
            quote: "We do what the inventory says.",
            collects: {collects},
            purposes: {purposes},
            shares_with: {shares},
            locations: {locations},
            mechanisms: {mechanisms},
        ),{sections}
    ],
)
"#,
            age = self.children_min_age,
            collects = self.section_collects,
            purposes = self.section_purposes,
            shares = self.section_shares,
            locations = self.section_locations,
            mechanisms = self.section_mechanisms,
            sections = self.sections,
        )
    }

    /// Every finding, as `RULE subject`.
    pub fn findings(&self) -> Vec<String> {
        self.run()
            .iter()
            .map(|f| format!("{} {}", f.rule, f.subject))
            .collect()
    }

    /// Only the findings of `rule`, as `RULE subject`.
    pub fn fired(&self, rule: &str) -> Vec<String> {
        self.findings()
            .into_iter()
            .filter(|f| f.starts_with(rule))
            .collect()
    }

    /// The findings themselves.
    pub fn run(&self) -> Vec<Finding> {
        self.run_at(None)
    }

    /// The findings with `--as-of` given.
    pub fn run_at(&self, as_of: Option<&str>) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("inventory.ron"), self.inventory()).unwrap();
        std::fs::write(dir.path().join("policy.ron"), self.policy()).unwrap();
        let loaded = flowmap::load(&Origin::Path(dir.path().to_path_buf()))
            .unwrap_or_else(|e| panic!("test inventory loads: {e}\n{}", self.inventory()));
        let as_of = as_of.map(|d| d.parse::<Date>().unwrap());
        let graph = FlowGraph::new(loaded).judged_on(as_of);
        check::run(&graph, &CheckOptions::resolve(&graph, as_of)).findings
    }
}

/// Whether an outside program (`dot`, `tmux`, `man`) is on the PATH. A test that needs
/// one also carries `#[cfg_attr(flowmap_no_<program>, ignore = "needs …")]` (`build.rs`
/// sets the cfg where the program is missing), so `cargo test` lists it as ignored with
/// its reason; run anyway (`--include-ignored`) it says so loudly here and is skipped.
/// Missing under `CI=true` (where `.ci/run` installs it) the test fails.
pub fn require_tool(name: &str, package: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "`{name}` is not installed, and under CI=true every test must run (.ci/run installs {package})"
            );
        }
        eprintln!(
            "\n!!! SKIPPED: `{name}` is not installed; `apt-get install {package}` to run this test !!!\n"
        );
    }
    found
}

/// Runs `dot -T<format>` on `source`; asserts exit 0 and no warning; returns stdout.
pub fn graphviz(source: &str, format: &str) -> Option<String> {
    if !require_tool("dot", "graphviz") {
        return None;
    }
    let mut child = std::process::Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot failed: {stderr}\n{source}");
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}");
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Runs the `flowmap` binary with `args` (no colour): its exit code, standard output
/// and standard error.
pub fn flowmap_run(args: &[&str]) -> (i32, String, String) {
    let output = assert_cmd::Command::cargo_bin("flowmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The Python that has `fideslang` (FLOWMAP_PYTHON, else `python3`), or `None` after a
/// loud skip (a failure under CI=true).
pub fn fideslang_python() -> Option<String> {
    let python = std::env::var("FLOWMAP_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = std::process::Command::new(&python)
        .args(["-c", "import fideslang, yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "`{python}` cannot import fideslang, and under CI=true every test must run (.ci/run installs it in a virtual environment and sets FLOWMAP_PYTHON)"
            );
        }
        eprintln!(
            "\n!!! SKIPPED: `{python}` cannot import fideslang; `python3 -m venv v && v/bin/pip install fideslang` and set FLOWMAP_PYTHON=v/bin/python to run this test !!!\n"
        );
        return None;
    }
    Some(python)
}
