//! No PATH given: every command that reads an inventory reads `./inventory.ron` when the
//! current folder holds one, and otherwise the built-in demo with a notice on standard
//! error (a CI job with a forgotten path must never go green or red on the demo).

mod support;

use assert_cmd::Command;

const NOTICE: &str =
    "no PATH given and no ./inventory.ron here: this is the built-in Confluent 2015 demo";

/// Runs `flowmap args` (piped, no colour) in `dir`: exit code, stdout, stderr.
fn run_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("flowmap")
        .unwrap()
        .current_dir(dir)
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

/// A folder holding, as `inventory.ron`, the clean fixture with its mail service moved
/// to the United States (a transfer, `crm->mailer`, with no mechanism).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/check/clean.ron"
    );
    let text = std::fs::read_to_string(fixture).unwrap();
    let moved = text.replace(r#"located: ["FR"]"#, r#"located: ["US"]"#);
    assert_ne!(text, moved);
    std::fs::write(dir.path().join("inventory.ron"), moved).unwrap();
    dir
}

/// Each command with no PATH, and what in its output shows which inventory it read:
/// (arguments, text only the project's inventory gives, text only the demo gives).
const COMMANDS: &[(&[&str], &str, &str)] = &[
    (&["check"], "crm->mailer", "<built-in>/confluent-2015"),
    (&[], "crm->mailer", "<built-in>/confluent-2015"),
    (
        &["timeline", "--format", "json"],
        "crm->mailer",
        "cookies->ad-networks",
    ),
    (&["export", "--format", "json"], "Clean shop", "Confluent"),
    (&["trace", "--category", "contact"], "signup", "web-forms"),
];

#[test]
fn a_folder_with_inventory_ron_is_read_without_a_notice() {
    let dir = project();
    for (args, own, demo) in COMMANDS {
        let (code, out, err) = run_in(dir.path(), args);
        assert!(code < 2, "{args:?} ran: {err}");
        assert!(out.contains(own), "{args:?} read ./inventory.ron:\n{out}");
        assert!(
            !out.contains(demo),
            "{args:?} did not read the demo:\n{out}"
        );
        assert!(!err.contains(NOTICE), "{args:?} printed no notice: {err}");
    }
}

#[test]
fn a_folder_without_it_gets_the_demo_and_a_notice_saying_how_to_run_the_command_on_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    for (args, own, demo) in COMMANDS {
        let (code, out, err) = run_in(dir.path(), args);
        assert!(code < 2, "{args:?} ran: {err}");
        assert!(out.contains(demo), "{args:?} read the demo:\n{out}");
        assert!(!out.contains(own), "{args:?}:\n{out}");
        assert!(
            err.contains(NOTICE),
            "{args:?} said it reads the demo: {err}"
        );
        // Piped, bare `flowmap` prints the check report: its hint is `flowmap check`.
        let command = args.first().copied().unwrap_or("check");
        let hint = format!("flowmap {command} path/to/inventory.ron");
        assert!(
            err.contains(&hint),
            "{args:?} said how to run it on one's own ({hint}): {err}"
        );
    }
}

#[test]
fn an_inventory_ron_that_does_not_load_is_reported_not_replaced_by_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), "Inventory(name: ").unwrap();
    let (code, out, err) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("inventory.ron:1:"), "{err}");
    assert!(!err.contains(NOTICE), "{err}");
}

#[test]
fn a_given_path_is_read_even_where_inventory_ron_exists() {
    let dir = project();
    let other = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/check/clean.ron"
    );
    let (code, out, _) = run_in(dir.path(), &["check", other]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("crm->mailer"), "{out}");
}

/// The screen of `flowmap` (no PATH) run on a real terminal in tmux, in `dir`, once it
/// shows `wanted` (at most ten seconds).
fn tui_screen_in(dir: &std::path::Path, name: &str, wanted: &str) -> String {
    let socket = format!("flowmap-default-{name}-{}", std::process::id());
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap()
    };
    let script = format!(
        "cd '{}' && '{}'; sleep 30",
        dir.display(),
        env!("CARGO_BIN_EXE_flowmap")
    );
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "120",
        "-y",
        "30",
        &script,
    ]);
    assert!(started.status.success(), "tmux new-session");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut screen = String::new();
    while std::time::Instant::now() < deadline && !screen.contains(wanted) {
        std::thread::sleep(std::time::Duration::from_millis(100));
        screen =
            String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned();
    }
    tmux(&["send-keys", "-t", "t", "q"]);
    tmux(&["kill-server"]);
    screen
}

#[test]
#[cfg_attr(
    flowmap_no_tmux,
    ignore = "needs tmux (apt-get install tmux; missing when the tests were built)"
)]
fn the_terminal_ui_opens_inventory_ron_of_the_current_folder() {
    assert!(support::require_tool("tmux", "tmux"));
    let dir = project();
    let screen = tui_screen_in(dir.path(), "own", "Clean shop");
    assert!(
        screen.contains("Clean shop"),
        "the UI shows ./inventory.ron:\n{screen}"
    );
    let empty = tempfile::tempdir().unwrap();
    let screen = tui_screen_in(empty.path(), "demo", "Confluent website");
    assert!(
        screen.contains("Confluent website"),
        "else the demo:\n{screen}"
    );
}
