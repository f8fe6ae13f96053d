//! The command line's interface, pinned: `--help` of flowmap and of every subcommand, as
//! cargo-deny pins its CLI, so that a change to an option or its words shows in review.

use assert_cmd::Command;

fn help(args: &[&str]) -> String {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?} --help");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!("help", help(&[]));
}

#[test]
fn every_subcommand_has_its_help_pinned() {
    for sub in ["check", "export", "trace", "diff", "explain", "taxonomy"] {
        insta::assert_snapshot!(format!("help_{sub}"), help(&[sub]));
    }
}

#[test]
fn install_commands_have_their_help_pinned() {
    for sub in ["completions", "man"] {
        insta::assert_snapshot!(format!("help_{sub}"), help(&[sub]));
    }
}
