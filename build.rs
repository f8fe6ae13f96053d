//! Marks the tests that need an outside program which this machine lacks, so that
//! `cargo test` lists them as ignored with what they need instead of passing them
//! quietly (as cargo's own test suite does with `#[cargo_test(requires = "git")]`).
//!
//! For each program missing here, a cfg `flowmap_no_<program>` is set; the tests carry
//! `#[cfg_attr(flowmap_no_dot, ignore = "needs Graphviz `dot` ...")]`. Under `CI=true`
//! no cfg is set: every test runs, and one whose program is missing fails
//! (`tests/support/mod.rs`). The probe runs when this script is built: after installing
//! a program, `touch build.rs` (or change PATH or FLOWMAP_PYTHON) to run it again. The
//! product itself does not use these cfgs.

use std::process::Command;

/// (cfg, how to tell the program is there).
const PROGRAMS: &[(&str, &[&str])] = &[
    ("flowmap_no_dot", &["dot", "-V"]),
    ("flowmap_no_tmux", &["tmux", "-V"]),
    ("flowmap_no_man", &["man", "--version"]),
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=FLOWMAP_PYTHON");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    for (cfg, probe) in PROGRAMS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if !ci && !runs(probe) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
    println!("cargo::rustc-check-cfg=cfg(flowmap_no_fideslang)");
    let python = std::env::var("FLOWMAP_PYTHON").unwrap_or_else(|_| "python3".to_string());
    if !ci && !runs(&[&python, "-c", "import fideslang, yaml"]) {
        println!("cargo::rustc-cfg=flowmap_no_fideslang");
    }
}

/// Whether `command` runs and exits 0.
fn runs(command: &[&str]) -> bool {
    Command::new(command[0])
        .args(&command[1..])
        .output()
        .is_ok_and(|o| o.status.success())
}
