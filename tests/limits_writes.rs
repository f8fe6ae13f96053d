//! Nothing lost when a write hits a limit. Every file flowmap writes (`flowmap export -o`,
//! the TUI's DOT export) goes through `export::write_atomic`: into a temporary file beside
//! the target, synced, then renamed over it. These tests make real writes fail halfway —
//! the file-size limit (`ulimit -f`) standing in for a full disk, a rename that cannot
//! happen, and the process killed mid-write — and check that the old file is intact and,
//! where flowmap lives to clean up, that no temporary file is left behind.

use std::path::Path;

use assert_cmd::Command;

const OLD: &str = "old content, which must survive\n";

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `sh -c SCRIPT` with the flowmap binary as `$1` and the output file as `$2`: (exit
/// status, stderr).
fn shell(script: &str, output: &Path) -> (std::process::ExitStatus, String) {
    let flowmap = assert_cmd::cargo::cargo_bin("flowmap");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(&flowmap)
        .arg(output)
        .output()
        .unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.dot");
    std::fs::write(&target, OLD).unwrap();
    // Files may grow to one block (512 or 1024 bytes); the DOT export is ~20 KB, so the
    // write fails partway (EFBIG, as on a full disk). SIGXFSZ is ignored so that flowmap
    // sees the error rather than being killed by it.
    let (status, stderr) = shell(
        r#"trap '' XFSZ; ulimit -f 1 && exec "$1" export --format dot -o "$2""#,
        &target,
    );
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("could not write") && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), OLD);
    assert_eq!(names(dir.path()), ["map.dot"], "no temporary file left");

    // The same export without the limit replaces the file whole.
    let (status, stderr) = shell(r#"exec "$1" export --format dot -o "$2""#, &target);
    assert!(status.success(), "{stderr}");
    let new = std::fs::read_to_string(&target).unwrap();
    assert!(
        new.starts_with("digraph flowmap {") && new.ends_with("}\n"),
        "{new}"
    );
    assert_eq!(names(dir.path()), ["map.dot"]);
}

#[test]
fn a_process_killed_mid_write_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("record.csv");
    std::fs::write(&target, OLD).unwrap();
    // Without the trap, exceeding the file-size limit kills flowmap (SIGXFSZ) in the
    // middle of writing: nothing runs after that, as with a power cut or `kill -9`.
    let (status, stderr) = shell(
        r#"ulimit -f 1 && exec "$1" export --format ropa-csv -o "$2""#,
        &target,
    );
    use std::os::unix::process::ExitStatusExt;
    assert!(status.signal().is_some(), "killed: {status:?} {stderr}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        OLD,
        "the target is untouched: the partial write went to a temporary file"
    );
    // What is left besides it is the hidden, partial temporary file the kill interrupted.
    let names = names(dir.path());
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].starts_with(".record.csv.") && names[0].ends_with(".tmp"),
        "{names:?}"
    );
}

#[test]
fn a_rename_that_fails_leaves_the_target_and_no_temporary_file() {
    // The target is a folder with something in it: the temporary file is written and
    // synced, then the rename over the folder fails.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.dot");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.txt"), OLD).unwrap();
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["export", "--format", "mermaid", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("could not write"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(target.join("inside.txt")).unwrap(),
        OLD
    );
    assert_eq!(names(dir.path()), ["map.dot"], "no temporary file left");

    // The library function, directly: the same outcome, and an error to report.
    let error = flowmap::export::write_atomic(&target, b"new").unwrap_err();
    assert!(!error.to_string().is_empty());
    assert_eq!(names(dir.path()), ["map.dot"]);
    assert_eq!(names(&target), ["inside.txt"]);
}

#[test]
fn write_atomic_replaces_whole_files_and_keeps_concurrent_temporaries_apart() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    std::fs::write(&target, OLD).unwrap();
    // A stale temporary file of an earlier, killed run with our process id is not
    // overwritten or renamed into place: the next free name is used.
    let stale = dir
        .path()
        .join(format!(".out.json.{}.0.tmp", std::process::id()));
    std::fs::write(&stale, "stale").unwrap();
    flowmap::export::write_atomic(&target, b"{\"new\": true}\n").unwrap();
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "{\"new\": true}\n"
    );
    assert_eq!(std::fs::read_to_string(&stale).unwrap(), "stale");
    let mut expected = vec![
        ".out.json.".to_string() + &std::process::id().to_string() + ".0.tmp",
        "out.json".to_string(),
    ];
    expected.sort();
    assert_eq!(names(dir.path()), expected);
}
