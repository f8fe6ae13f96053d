//! A report that cannot be written to the end: a writer that fails mid-stream returns the
//! error in every format (no panic); the binary exits quietly when the reader closes
//! the pipe (`flowmap check | head`) and exits 2 with a message when the disk is full.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

use codespan_reporting::term::termcolor::NoColor;
use flowmap::check::{self, CheckOptions, Report};
use flowmap::report::{Shown, github, human, json, sarif};
use flowmap::synth::{Params, generate};
use flowmap::{FlowGraph, load};

/// A writer that takes `left` bytes, then fails as a full disk does.
struct FailAfter {
    left: usize,
}

impl Write for FailAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

const FORMATS: &[&str] = &["json", "sarif", "github", "human"];

/// Writes `report` in `format` into `out`.
fn write(format: &str, out: &mut dyn Write, graph: &FlowGraph, report: &Report) -> io::Result<()> {
    match format {
        "json" => json::write_report(out, report, Shown::ALL),
        "sarif" => sarif::write_report(out, report, Shown::ALL),
        "github" => github::write_report(out, report, Shown::ALL),
        "human" => human::render(
            &mut NoColor::new(out),
            report,
            &graph.loaded().files(),
            Shown::ALL,
        ),
        other => unreachable!("{other}"),
    }
}

#[test]
fn a_writer_that_fails_mid_stream_is_an_error_in_every_format() {
    let synth = generate(&Params::for_flows(400, 7));
    let loaded = load::load_in_memory(&synth.files(), "inventory.ron").unwrap();
    let graph = FlowGraph::new(loaded);
    let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
    for format in FORMATS {
        let mut whole = Vec::new();
        write(format, &mut whole, &graph, &report).unwrap();
        assert!(whole.len() > 10_000, "{format}: a report worth cutting");
        for left in [0, 1, 77, 4096, whole.len() / 2, whole.len() - 1] {
            let mut out = FailAfter { left };
            let error = write(format, &mut out, &graph, &report)
                .expect_err(&format!("{format}: a write that fails after {left} bytes"));
            assert_eq!(
                error.kind(),
                io::ErrorKind::StorageFull,
                "{format}: {error}"
            );
        }
        let mut exact = FailAfter { left: whole.len() };
        write(format, &mut exact, &graph, &report).expect("exactly enough room");
    }
}

/// A synthetic inventory whose report is far larger than a pipe's buffer.
fn big_inventory() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in generate(&Params::for_flows(3000, 7)).files() {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn flowmap() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flowmap"));
    command.env("NO_COLOR", "1");
    command
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_report_quietly() {
    let dir = big_inventory();
    for format in FORMATS {
        let mut child = flowmap()
            .arg("check")
            .arg(dir.path())
            .args(["--format", format, "--min-severity", "info"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 100];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout); // `| head -c 100`
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.is_empty(),
            "{format}: a closed pipe is no error: {stderr}"
        );
        // The generator plants errors: exit 1, as if the report had been read whole.
        assert_eq!(output.status.code(), Some(1), "{format}");
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_is_exit_2_with_a_message() {
    let dir = big_inventory();
    for format in FORMATS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full exists on Linux");
        let output = flowmap()
            .arg("check")
            .arg(dir.path())
            .args(["--format", format, "--min-severity", "info"])
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.starts_with("error: could not write the report: ")
                && stderr.contains("No space left on device")
                && !stderr.contains("panicked"),
            "{format}: {stderr}"
        );
    }
}
