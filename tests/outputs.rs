//! Files in and out that can be trusted (issue 18): `-o` replaces only a regular file
//! (through a link, keeping its permissions), never a device, FIFO or one of the
//! inputs, and `-o -` is standard output; the Fides folder export is swapped in whole;
//! `import fides` never clobbers an edited inventory without `--force`, and names its
//! taxonomy so that it cannot collide; dates are `YYYY-MM-DD` only; a load error quotes
//! at most 160 characters of a value; a huge size limit does not overflow; and `check`
//! on Fides manifests says what they are.

mod support;

use std::path::{Path, PathBuf};

use support::flowmap_run;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fides/demo")
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inventory/confluent-2015/inventory.ron")
}

fn run(args: &[&str]) -> (i32, String, String) {
    flowmap_run(args)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn dash_is_standard_output() {
    let (code, stdout, stderr) = run(&["export", "--format", "dot", "-o", "-", s(&shipped())]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("digraph"), "{stdout}");
    assert!(!Path::new("-").exists(), "a file named `-` was written");
}

#[test]
fn an_output_that_is_an_input_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inv.ron");
    std::fs::copy(shipped(), &inv).unwrap();
    std::fs::copy(
        shipped().with_file_name("policy.ron"),
        dir.path().join("policy.ron"),
    )
    .unwrap();
    let before = std::fs::read(&inv).unwrap();
    for out in [inv.clone(), dir.path().join("policy.ron")] {
        let (code, _, stderr) = run(&["export", "--format", "dot", "-o", s(&out), s(&inv)]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("is the input"), "{stderr}");
    }
    // Through a link too.
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&inv, &link).unwrap();
    let (code, _, stderr) = run(&["export", "--format", "json", "-o", s(&link), s(&inv)]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(std::fs::read(&inv).unwrap(), before);
}

#[test]
fn devices_and_fifos_are_refused_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let null_link = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
    for out in [fifo.clone(), null_link.clone(), PathBuf::from("/dev/null")] {
        let (code, _, stderr) = run(&["export", "--format", "dot", "-o", s(&out), s(&shipped())]);
        assert_eq!(code, 2, "{}: {stderr}", out.display());
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        std::fs::symlink_metadata(&null_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(
        names(dir.path()),
        ["null", "pipe"],
        "no temporary file left"
    );
}

#[test]
fn a_replaced_file_keeps_its_mode_and_a_link_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.dot");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("latest.dot");
    std::os::unix::fs::symlink(&out, &link).unwrap();
    let (code, _, stderr) = run(&["export", "--format", "dot", "-o", s(&link), s(&shipped())]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("digraph")
    );
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn the_fides_folder_is_replaced_whole_and_a_foreign_folder_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fides");
    let export = |out: &Path| run(&["export", "--format", "fides", "-o", s(out), s(&shipped())]);
    let (code, _, stderr) = export(&out);
    assert_eq!(code, 0, "{stderr}");
    let first = names(&out);
    assert_eq!(
        first,
        [
            "datasets.yml",
            "organization.yml",
            "systems.yml",
            "taxonomy.yml"
        ]
    );
    // Again over an earlier export: fine, and nothing left beside it.
    let (code, _, stderr) = export(&out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names(dir.path()), ["fides"]);
    // A folder with a file flowmap did not write is refused, untouched.
    std::fs::write(out.join("mine.yml"), "system: []\n").unwrap();
    let before: Vec<Vec<u8>> = names(&out)
        .iter()
        .map(|n| std::fs::read(out.join(n)).unwrap())
        .collect();
    let (code, _, stderr) = export(&out);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("mine.yml") && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    let after: Vec<Vec<u8>> = names(&out)
        .iter()
        .map(|n| std::fs::read(out.join(n)).unwrap())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_fides_export_that_fails_leaves_the_old_folder_whole() {
    // A real write failing halfway: files may grow to one block (`ulimit -f 1`, as on a
    // full disk; SIGXFSZ ignored so that flowmap sees the error). The old manifests stay
    // as they were, and no temporary folder is left.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fides");
    std::fs::create_dir(&out).unwrap();
    let old = "# Written by `flowmap export --format fides` (fideslang 3.x). `meta.flowmap` keeps\n# what Fides cannot say, so `flowmap import fides` gives the inventory back.\nsystem: []\n";
    std::fs::write(out.join("systems.yml"), old).unwrap();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 1 && exec "$0" export --format fides -o "$1" "$2""#)
        .arg(assert_cmd::cargo::cargo_bin("flowmap"))
        .arg(&out)
        .arg(shipped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert_eq!(status.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(names(&out), ["systems.yml"]);
    assert_eq!(
        std::fs::read_to_string(out.join("systems.yml")).unwrap(),
        old
    );
    assert_eq!(names(dir.path()), ["fides"], "no temporary folder left");
}

#[test]
fn write_dir_atomic_swaps_a_folder_in_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("set");
    flowmap::export::write_dir_atomic(&out, &[("a", b"1"), ("b", b"2")]).unwrap();
    flowmap::export::write_dir_atomic(&out, &[("a", b"3"), ("c", b"4")]).unwrap();
    assert_eq!(names(&out), ["a", "c"]);
    assert_eq!(std::fs::read(out.join("a")).unwrap(), b"3");
    // A file name that cannot be created fails the whole set: the old folder stays.
    let failed = flowmap::export::write_dir_atomic(&out, &[("a", b"5"), ("no/such", b"6")]);
    assert!(failed.is_err());
    assert_eq!(names(&out), ["a", "c"]);
    assert_eq!(std::fs::read(out.join("a")).unwrap(), b"3");
    assert_eq!(names(dir.path()), ["set"], "no temporary folder left");
}

#[test]
fn import_never_clobbers_an_edited_inventory_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("inventory.ron");
    let manifests = demo();
    let import = |extra: &[&str]| {
        let mut args = vec!["import", "fides", s(&manifests), "-o", s(&out)];
        args.extend(extra);
        run(&args)
    };
    let (code, _, stderr) = import(&[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        names(dir.path()),
        ["inventory.ron", "inventory.taxonomy.ron"]
    );
    // The same import again writes the same bytes: fine.
    let (code, _, stderr) = import(&[]);
    assert_eq!(code, 0, "{stderr}");
    // After the user's edits, a re-run is refused and the edits kept.
    let edited = std::fs::read_to_string(&out)
        .unwrap()
        .replace("\"??\"", "\"DE\"");
    std::fs::write(&out, &edited).unwrap();
    let (code, _, stderr) = import(&[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), edited);
    // An edited taxonomy too, even when the inventory is unchanged.
    let (code, _, _) = import(&["--force"]);
    assert_eq!(code, 0);
    let taxonomy = dir.path().join("inventory.taxonomy.ron");
    std::fs::write(&taxonomy, "// mine\n").unwrap();
    let (code, _, stderr) = import(&[]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(std::fs::read_to_string(&taxonomy).unwrap(), "// mine\n");
    let (code, _, stderr) = import(&["--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_ne!(std::fs::read_to_string(&taxonomy).unwrap(), "// mine\n");
}

#[test]
fn an_import_to_taxonomy_ron_does_not_name_itself_as_its_taxonomy() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("taxonomy.ron");
    let (code, _, stderr) = run(&["import", "fides", s(&demo()), "-o", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names(dir.path()), ["taxonomy.ron", "taxonomy.taxonomy.ron"]);
    let (code, _, stderr) = run(&["check", s(&out)]);
    assert!(code == 0 || code == 1, "{stderr}");
}

#[test]
fn dates_are_digits_only_everywhere() {
    for bad in ["2024-+1-+1", "+024-01-01", "2024-01-+1"] {
        let (code, _, stderr) = run(&["check", "--as-of", bad]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
    }
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(shipped())
        .unwrap()
        .replace("as_of: Some(\"2015-11-08\")", "as_of: Some(\"2015-+1-08\")");
    assert!(
        text.contains("2015-+1-08"),
        "the shipped inventory has an as_of"
    );
    std::fs::write(dir.path().join("inventory.ron"), text).unwrap();
    std::fs::copy(
        shipped().with_file_name("policy.ron"),
        dir.path().join("policy.ron"),
    )
    .unwrap();
    let (code, _, stderr) = run(&["check", s(dir.path())]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("2015-+1-08") && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
    let waivers = dir.path().join("waivers.ron");
    std::fs::write(
        &waivers,
        "[Waiver(rule: \"FM301\", subject: \"x\", reason: \"r\", expires: \"2030-+1-01\")]",
    )
    .unwrap();
    let (code, _, stderr) = run(&["check", "--waivers", s(&waivers)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("2030-+1-01"), "{stderr}");
}

#[test]
fn a_load_error_quotes_at_most_160_characters_of_a_value() {
    let dir = tempfile::tempdir().unwrap();
    let name = "C".repeat(1_000_000);
    std::fs::write(
        dir.path().join("inventory.ron"),
        format!(
            "Inventory(name: \"x\", stores: [Store(id: \"crm\", name: \"CRM\", located: [\"DE\"], \
             operator: Processor, certifications: [\"{name}\"])])"
        ),
    )
    .unwrap();
    for format in ["human", "json", "sarif", "github"] {
        let (code, stdout, stderr) = run(&["check", "--format", format, s(dir.path())]);
        assert_eq!(code, 2, "{format}");
        let longest = stdout
            .split(|c: char| c != 'C')
            .chain(stderr.split(|c: char| c != 'C'))
            .map(str::len)
            .max()
            .unwrap();
        assert!(
            longest <= 160,
            "{format}: {longest} characters of the value"
        );
        // SARIF lists every rule: some 35 KB whatever the error; a megabyte before.
        assert!(
            stdout.len() + stderr.len() < 50_000,
            "{format}: {} bytes",
            stdout.len() + stderr.len()
        );
    }
}

#[test]
fn the_largest_size_limit_does_not_overflow() {
    let max = u64::MAX.to_string();
    let out = assert_cmd::Command::cargo_bin("flowmap")
        .unwrap()
        .env("FLOWMAP_MAX_FILE_BYTES", &max)
        .args(["check", "--format", "json"])
        .arg(shipped())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"findings\""), "{stdout}");
    assert!(
        !stdout.contains("FM001"),
        "the inventory read as empty: {stdout}"
    );
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inventory.ron");
    let out = assert_cmd::Command::cargo_bin("flowmap")
        .unwrap()
        .env("FLOWMAP_MAX_FILE_BYTES", &max)
        .args(["import", "fides"])
        .arg(demo())
        .arg("-o")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let imported = flowmap::load::load(&flowmap::Origin::Path(inv)).unwrap();
    assert_eq!(imported.inventory.flows.len(), 5);
}

#[test]
fn check_on_fides_manifests_suggests_the_import() {
    let (code, _, stderr) = run(&["check", s(&demo())]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("Fides manifests?") && stderr.contains("flowmap import fides"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["check", s(&demo().join("system.yml"))]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is a Fides manifest (YAML), not a flowmap inventory")
            && stderr.contains("flowmap import fides"),
        "{stderr}"
    );
    assert!(!stderr.contains("Expected struct"), "{stderr}");
}

#[test]
fn an_import_over_one_of_its_manifests_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in names(&demo()) {
        std::fs::copy(demo().join(&name), dir.path().join(&name)).unwrap();
    }
    let manifest = dir.path().join("system.yml");
    let before = std::fs::read(&manifest).unwrap();
    let (code, _, stderr) = run(&[
        "import",
        "fides",
        s(dir.path()),
        "-o",
        s(&manifest),
        "--force",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is the manifest"), "{stderr}");
    assert_eq!(std::fs::read(&manifest).unwrap(), before);
}
