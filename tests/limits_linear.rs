//! Linear time in the inventory for `import fides`, every export and `timeline` (issue
//! 18): inputs where one list scanned per item (quadratic work) takes minutes, run
//! against a deadline. A star — one store sending to 30,000 recipients, as a hub
//! system with a 30,000-long egress — through every export, the Fides export imported
//! back, a manifest whose one system has 20,000 privacy declarations each naming its
//! sender, a 40 KB dotted category key, and `timeline` of a 10,000-flow star.
//! (Timings live in BENCHMARKS.md; this only catches work that grows with the square.)

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longest any one command may take here (debug build): linear work takes a few
/// seconds, quadratic minutes.
const DEADLINE: Duration = Duration::from_secs(90);

/// Runs flowmap with `args`, killed at [`DEADLINE`]: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    // Outputs go to files: a full pipe would stall the child.
    let outputs = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (outputs.path().join("stdout"), outputs.path().join("stderr"));
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("flowmap"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::from(std::fs::File::create(&stdout).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(&stderr).unwrap()))
        .spawn()
        .unwrap();
    let start = Instant::now();
    let out = std::thread::spawn(move || {
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return Some(status);
            }
            if start.elapsed() > DEADLINE {
                let _ = child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    })
    .join()
    .unwrap();
    let status = out.unwrap_or_else(|| panic!("{args:?} ran past {DEADLINE:?}: quadratic work?"));
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    (status.code().unwrap_or(-1), read(&stdout), read(&stderr))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// One store `hub` fed by a source, sending to `n` recipients.
fn star(n: usize) -> String {
    let mut recipients = String::new();
    let mut flows = String::from(
        "Flow(from: \"web\", to: \"hub\", data: [\"contact.email\"], purposes: [\"service.operation\"]),\n",
    );
    for i in 0..n {
        recipients += &format!(
            "Recipient(id: \"r{i}\", name: \"R{i}\", kind: Partner, located: [\"US\"], certifications: [\"DPF\"]),\n"
        );
        flows += &format!(
            "Flow(from: \"hub\", to: \"r{i}\", data: [\"contact.email\", \"contact.name\"], purposes: [\"service.operation\"], mechanism: Some(Dpf)),\n"
        );
    }
    format!(
        "Inventory(name: \"star\", established: [\"DE\"], as_of: Some(\"2024-01-01\"),\n\
         sources: [Source(id: \"web\", name: \"W\", located: [\"DE\"], collects: [\"contact.email\"])],\n\
         stores: [Store(id: \"hub\", name: \"Hub\", located: [\"DE\"], retention: Some(\"1y\"), safeguards: [\"x\"])],\n\
         recipients: [\n{recipients}],\nflows: [\n{flows}])\n"
    )
}

#[test]
fn every_export_of_a_30000_flow_star_and_its_import_are_linear() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), star(30_000)).unwrap();
    for format in [
        "dot",
        "mermaid",
        "json",
        "ropa-csv",
        "ropa-ico",
        "ropa-xlsx",
    ] {
        let out = dir.path().join(format!("out.{format}"));
        let (code, _, stderr) = run(&["export", "--format", format, "-o", s(&out), s(dir.path())]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(std::fs::metadata(&out).unwrap().len() > 1000, "{format}");
    }
    let fides = dir.path().join("fides");
    let (code, _, stderr) = run(&[
        "export",
        "--format",
        "fides",
        "-o",
        s(&fides),
        s(dir.path()),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let back = dir.path().join("back.ron");
    let (code, stdout, stderr) = run(&["import", "fides", s(&fides), "-o", s(&back)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("30000 recipients, 30001 flows"), "{stdout}");
}

#[test]
fn a_system_with_20000_declarations_imports_in_linear_time() {
    // Every sender names the hub in its egress; the hub has one declaration per sender,
    // naming it in `ingress`. Matching each flow against every declaration is 4·10^8.
    let n = 20_000;
    let mut text = String::from(
        "system:\n  - fides_key: hub\n    system_type: Service\n    privacy_declarations:\n",
    );
    for i in 0..n {
        text += &format!(
            "      - data_categories: [user.contact.email]\n        data_use: essential.service\n        data_subjects: [customer]\n        ingress: [s{i}]\n"
        );
    }
    for i in 0..n {
        text += &format!(
            "  - fides_key: s{i}\n    system_type: Service\n    egress: [{{fides_key: hub, type: system}}]\n    privacy_declarations: []\n"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let manifests = dir.path().join("in");
    std::fs::create_dir(&manifests).unwrap();
    std::fs::write(manifests.join("systems.yml"), text).unwrap();
    let (code, stdout, stderr) = run(&[
        "import",
        "fides",
        s(&manifests),
        "-o",
        s(&dir.path().join("i.ron")),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("20000 flows"), "{stdout}");
}

#[test]
fn a_40_kb_dotted_category_key_is_refused_not_expanded() {
    let key = vec!["a"; 20_000].join(".");
    let dir = tempfile::tempdir().unwrap();
    let manifests = dir.path().join("in");
    std::fs::create_dir(&manifests).unwrap();
    std::fs::write(
        manifests.join("system.yml"),
        format!(
            "system:\n  - fides_key: app\n    system_type: Service\n    privacy_declarations:\n      - data_categories: [{key}]\n        data_use: essential.service\n        data_subjects: []\n"
        ),
    )
    .unwrap();
    let (code, _, stderr) = run(&[
        "import",
        "fides",
        s(&manifests),
        "-o",
        s(&dir.path().join("i.ron")),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("system.yml:5:") && stderr.contains("at most 200 characters and 16 levels"),
        "{stderr}"
    );
    assert!(stderr.len() < 2000, "{} bytes", stderr.len());
}

#[test]
fn timeline_of_a_10000_flow_star_is_linear() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), star(10_000)).unwrap();
    let (code, stdout, stderr) = run(&["timeline", "--format", "json", s(dir.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.len() > 1000);
}
