//! Installing like the tools flowmap sits beside: the completion scripts it prints are
//! valid shell (`bash -n`), and the man page it prints renders with `man -l` (skipped
//! loudly where `man` is missing; under `CI=true` a missing `man` fails).

mod support;

use std::io::Write;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;

fn flowmap(args: &[&str]) -> String {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs `program args` with `input` on standard input → (success, stdout, stderr).
fn run(program: &str, args: &[&str], input: &str) -> (bool, String, String) {
    let mut child = Process::new(program)
        .args(args)
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn bash_completions_are_valid_bash() {
    let script = flowmap(&["completions", "bash"]);
    assert!(script.contains("complete"), "{script}");
    for word in [
        "check",
        "export",
        "ropa-ico",
        "ropa-xlsx",
        "completions",
        "man",
        "explain",
        "taxonomy",
    ] {
        assert!(script.contains(word), "completes `{word}`");
    }
    if support::require_tool("bash", "bash") {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("flowmap.bash");
        std::fs::write(&path, &script).unwrap();
        let (ok, _, err) = run("bash", &["-n", path.to_str().unwrap()], "");
        assert!(ok, "bash -n rejects the completions: {err}");
    }
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = flowmap(&["completions", shell]);
        assert!(script.contains("flowmap"), "{shell}: {script}");
    }
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn there_is_a_man_page_per_subcommand() {
    let page = flowmap(&["man"]);
    assert!(page.contains(".TH flowmap 1"), "a section 1 page");
    let export = flowmap(&["man", "export"]);
    assert!(
        export.contains(".TH flowmap-export 1"),
        "a page per subcommand"
    );
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .args(["man", "exprot"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "an unknown subcommand");
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `export`"));
}

#[test]
#[cfg_attr(
    flowmap_no_man,
    ignore = "needs man (apt-get install man-db; missing when the tests were built)"
)]
fn the_man_page_renders_with_man() {
    assert!(support::require_tool("man", "man-db"));
    let (page, export) = (flowmap(&["man"]), flowmap(&["man", "export"]));
    let text = render(&page);
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS"] {
        assert!(text.contains(heading), "{heading} in:\n{text}");
    }
    for sub in ["check", "export", "completions", "man"] {
        assert!(text.contains(sub), "{sub} in:\n{text}");
    }
    let text = render(&export);
    for option in ["--format", "ropa-ico", "ropa-xlsx", "--output", "--as-of"] {
        assert!(text.contains(option), "{option} in:\n{text}");
    }
}

/// The examples read as `--help` prints them, line for line: not reflowed into a
/// paragraph, not hyphenated (`inven‐ tory.ron`), with hyphens a shell accepts.
#[test]
#[cfg_attr(
    flowmap_no_man,
    ignore = "needs man (apt-get install man-db; missing when the tests were built)"
)]
fn the_man_pages_examples_are_verbatim() {
    assert!(support::require_tool("man", "man-db"));
    for page in [&[][..], &["completions"], &["man"]] {
        let text = render(&flowmap(&[&["man"][..], page].concat()));
        let help = flowmap(&[page, &["--help"]].concat());
        let examples = help
            .split("Examples:\n")
            .nth(1)
            .expect("--help has examples");
        for line in examples.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                text.lines()
                    .any(|t| t.trim_end() == format!("       {line}").trim_end()),
                "{page:?}: `{line}` verbatim in:\n{text}"
            );
        }
        assert!(!text.contains('\u{2010}'), "no typographic hyphen: {text}");
        assert!(!text.contains("For  "), "no justified gaps: {text}");
    }
}

/// `man -l -` of a page, as plain text; fails on an error or a warning.
fn render(page: &str) -> String {
    let (ok, text, err) = run("man", &["-l", "-"], page);
    assert!(ok, "man -l failed: {err}");
    assert!(!err.contains("warning"), "man warned: {err}");
    // Bold and underline come out as overstrikes (`N\bN`): keep the last of each pair.
    text.chars().fold(String::new(), |mut plain, c| {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
        plain
    })
}

/// README's install lines, as a newcomer pastes them into a shell on a fresh machine
/// (an empty home: no `~/.zfunc`, no `~/.local/share/man/man1`), all work; `cargo
/// install` is left out (the binary under test stands in for it).
#[test]
fn the_readmes_install_lines_work_in_an_empty_home() {
    let readme = include_str!("../README.md");
    let block = readme
        .split("### Install\n\n```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("README has an Install block");
    let script: Vec<&str> = block
        .lines()
        .filter(|l| !l.starts_with("cargo install") && !l.trim_start().starts_with('#'))
        .collect();
    assert!(
        script.iter().any(|l| l.contains("flowmap man >")),
        "{block}"
    );
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("flowmap");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Process::new("sh")
        .args(["-e", "-c", &script.join("\n")])
        .env("HOME", home.path())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "README's install lines failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    for file in [
        ".local/share/bash-completion/completions/flowmap",
        ".zfunc/_flowmap",
        ".local/share/man/man1/flowmap.1",
        ".local/share/man/man1/flowmap-export.1",
    ] {
        let written = std::fs::read_to_string(home.path().join(file)).unwrap_or_default();
        assert!(!written.is_empty(), "{file} written");
    }
}
