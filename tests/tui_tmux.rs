//! Real-terminal smoke tests: the built `flowmap` binary in tmux. Start on the shipped
//! inventory, switch tabs, step through time, follow a flow, filter, resize, quit with
//! `q`; the exit status is 0 and the terminal is left as it was (no raw mode, no mouse
//! reporting, no alternate screen). Also: live reload of a changed file, and a load error
//! on a tty.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_flowmap");

/// The shipped inventory as the UI counts it, so the checks follow its edits.
fn shipped() -> flowmap::tui::data::Data {
    flowmap::tui::data::Data::load(&flowmap::Origin::Builtin, None).unwrap()
}

/// One tmux server (its own socket, so tests run in parallel) with one session.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// Runs `args` in a `w`×`h` pane; when it ends, its exit status and `stty -a` are
    /// written to files and the pane stays open.
    fn start(name: &str, w: u16, h: u16, cwd: &Path, args: &str) -> Tmux {
        Tmux::start_env(name, w, h, cwd, "", args)
    }

    /// As [`Tmux::start`], with `env` (`NAME=value …`) set for the program.
    fn start_env(name: &str, w: u16, h: u16, cwd: &Path, env: &str, args: &str) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let socket = format!("flowmap-{name}-{}", std::process::id());
        let exit = dir.path().join("exit");
        let stty = dir.path().join("stty");
        let script = format!(
            "cd '{}' && env {env} '{BIN}' {args}; echo EXIT=$? > '{}'; stty -a > '{}'; sleep 60",
            cwd.display(),
            exit.display(),
            stty.display()
        );
        let tmux = Tmux { socket, dir };
        let status = tmux
            .cmd()
            .args([
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ])
            .arg(script)
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session");
        tmux
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket, "-f", "/dev/null"]);
        cmd
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its attributes and colours as escape sequences.
    fn screen_with_styles(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-e", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format variable of the pane (`#{alternate_on}`, `#{mouse_any_flag}`).
    fn format(&self, f: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", f])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = self
                .cmd()
                .args(["send-keys", "-t", "t", key])
                .status()
                .unwrap();
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn text(&self, text: &str) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t", "-l", text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn resize(&self, w: u16, h: u16) {
        let status = self
            .cmd()
            .args([
                "resize-window",
                "-t",
                "t",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits until the screen shows every one of `texts`; panics with the screen if not.
    fn wait_for(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("the screen never showed {texts:?}:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn file(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join(name)).ok()
    }

    /// Waits for the program to end; its exit line and `stty -a`.
    fn wait_exit(&self) -> (String, String) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let (Some(exit), Some(stty)) = (self.file("exit"), self.file("stty"))
                && !stty.is_empty()
            {
                return (exit.trim().to_string(), stty);
            }
            if Instant::now() > deadline {
                panic!("flowmap did not exit:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// `stty -a` shows a cooked terminal: canonical mode and echo on (not `-icanon`, `-echo`).
fn assert_cooked(stty: &str) {
    let words: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(words.contains(&flag), "`{flag}` is off after exit:\n{stty}");
        assert!(
            !words.contains(&format!("-{flag}").as_str()),
            "`-{flag}` after exit:\n{stty}"
        );
    }
}

#[test]
#[cfg_attr(
    flowmap_no_tmux,
    ignore = "needs tmux (apt-get install tmux; missing when the tests were built)"
)]
fn browse_follow_filter_resize_and_quit() {
    if !support::require_tool("tmux", "tmux") {
        return;
    }
    let cwd = tempfile::tempdir().unwrap();
    let t = Tmux::start("smoke", 120, 40, cwd.path(), "");
    let screen = t.wait_for(&["[1 Nodes]", "web-forms", "? help"]);
    let data = shipped();
    let recipients = data.graph.inventory().recipients.len();
    assert!(
        screen.contains(&format!(
            "Nodes: 10 sources, 1 stores, {recipients} recipients"
        )),
        "{screen}"
    );
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "the UI runs on the alternate screen"
    );
    assert_eq!(
        t.format("#{mouse_any_flag}"),
        "1",
        "mouse reporting is on while it runs"
    );

    // Tabs by number and by bracket.
    t.keys(&["2"]);
    t.wait_for(&["[2 Flows]", "sorted by inventory order"]);
    t.keys(&["]"]);
    t.wait_for(&["[3 Transfers]", "⚖", "Transfer under EU"]);
    t.keys(&["4"]);
    t.wait_for(&["[4 Findings]", "FM105"]);

    // The Timeline tab; a step through time to the next milestone, and back.
    t.keys(&["7"]);
    t.wait_for(&[
        "[7 Timeline]",
        "Milestones of the law",
        "Errors ● and warnings ○",
    ]);
    t.keys(&[">"]);
    t.wait_for(&["as of 2016-07-12: ", "Privacy Shield"]);
    t.keys(&["="]);
    t.wait_for(&["Confluent website · as of 2015-11-08"]);

    // Follow a flow to its other end, and back.
    t.keys(&["2", "j", "Enter"]);
    let screen = t.wait_for(&["[1 Nodes]", "website-data (store)"]);
    let out = data.graph.flows_out("website-data").len();
    assert!(
        screen.contains(&format!("Outgoing flows ({out})")),
        "{screen}"
    );
    t.keys(&["BSpace"]);
    t.wait_for(&["[2 Flows]", "Flow communications->website-data"]);

    // Filter the flows: fuzzy, narrowing as typed, with the count.
    t.keys(&["/"]);
    t.text("ad-net");
    let all = data.flows.len();
    let crossing = data.flows.iter().filter(|f| f.cross).count();
    let screen = t.wait_for(&["Filter: ad-net", &format!("1 of {all}")]);
    assert!(screen.contains("ad-networks"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for(&[&format!("· {all} ━")]);

    // Help, then the cross-border toggle.
    t.keys(&["?"]);
    t.wait_for(&["Keys", "go to a tab"]);
    t.keys(&["Escape", "c"]);
    t.wait_for(&["⇄ only", &format!("{crossing} of {all}")]);

    // Resizes: smaller, tiny, too small, back.
    t.resize(80, 24);
    t.wait_for(&["[2 Flows]", &format!("⇄ only · {crossing} of {all} ━")]);
    t.resize(20, 5);
    t.wait_for(&["[2 Flows]"]);
    t.resize(12, 3);
    t.wait_for(&["Terminal"]);
    t.resize(100, 30);
    t.wait_for(&["[2 Flows]", "sorted by"]);

    t.keys(&["q"]);
    let (exit, stty) = t.wait_exit();
    assert_eq!(exit, "EXIT=0");
    assert_cooked(&stty);
    assert_eq!(t.format("#{alternate_on}"), "0", "the main screen is back");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse reporting is off");
    assert_eq!(t.format("#{cursor_flag}"), "1", "the cursor is visible");
}

/// Under NO_COLOR the screen has bold and reverse video but no colour at all; without it,
/// the markers are tinted.
#[test]
#[cfg_attr(
    flowmap_no_tmux,
    ignore = "needs tmux (apt-get install tmux; missing when the tests were built)"
)]
fn no_color_means_no_colour() {
    if !support::require_tool("tmux", "tmux") {
        return;
    }
    let cwd = tempfile::tempdir().unwrap();
    // Any non-empty value turns colour off (no-color.org), `0` included.
    for (name, env, coloured) in [
        ("plain", "NO_COLOR=1", false),
        ("zero", "NO_COLOR=0", false),
        ("color", "NO_COLOR=", true),
    ] {
        let t = Tmux::start_env(name, 120, 40, cwd.path(), env, "");
        t.wait_for(&["web-forms"]);
        t.keys(&["2"]);
        t.wait_for(&["[2 Flows]"]);
        let styled = t.screen_with_styles();
        assert_eq!(has_colour(&styled), coloured, "{env}:\n{styled}");
        assert!(
            styled.contains("\u{1b}["),
            "bold and reverse are still used"
        );
        t.keys(&["q"]);
        let (exit, _) = t.wait_exit();
        assert_eq!(exit, "EXIT=0");
    }
}

/// Whether SGR sequences in `styled` set a foreground or background colour.
fn has_colour(styled: &str) -> bool {
    styled.split('\u{1b}').skip(1).any(|seq| {
        let Some(params) = seq.strip_prefix('[') else {
            return false;
        };
        let params = params.split('m').next().unwrap_or("");
        params.split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        })
    })
}

#[test]
#[cfg_attr(
    flowmap_no_tmux,
    ignore = "needs tmux (apt-get install tmux; missing when the tests were built)"
)]
fn a_changed_file_reloads_and_a_broken_one_keeps_the_last_good_graph() {
    if !support::require_tool("tmux", "tmux") {
        return;
    }
    let inv = tempfile::tempdir().unwrap();
    let good = include_str!("../inventory/confluent-2015/inventory.ron");
    std::fs::write(inv.path().join("inventory.ron"), good).unwrap();
    std::fs::write(
        inv.path().join("policy.ron"),
        include_str!("../inventory/confluent-2015/policy.ron"),
    )
    .unwrap();
    let t = Tmux::start("reload", 120, 40, inv.path(), "inventory.ron");
    t.wait_for(&["web-forms", "? help"]);

    // Break the file the way an editor would save it: a new file renamed over the old.
    let broken = good.replacen("flows: [", "flows: [ oops", 1);
    let tmp = inv.path().join(".inventory.ron.swp");
    std::fs::write(&tmp, &broken).unwrap();
    std::fs::rename(&tmp, inv.path().join("inventory.ron")).unwrap();
    let screen = t.wait_for(&["Reload failed", "inventory.ron:"]);
    assert!(
        screen.contains("web-forms"),
        "the last good graph stays:\n{screen}"
    );

    // Fix it, renaming a node: reloaded by itself.
    std::fs::write(
        inv.path().join("inventory.ron"),
        good.replace("id: \"web-forms\"", "id: \"contact-forms\"")
            .replace("from: \"web-forms\"", "from: \"contact-forms\""),
    )
    .unwrap();
    t.wait_for(&["A file changed on disk: reloaded", "contact-forms"]);

    // r reloads by hand.
    t.keys(&["r"]);
    let flows = shipped().flows.len();
    t.wait_for(&[&format!("Reloaded: {flows} flows")]);
    t.keys(&["q"]);
    let (exit, stty) = t.wait_exit();
    assert_eq!(exit, "EXIT=0");
    assert_cooked(&stty);
}

#[test]
#[cfg_attr(
    flowmap_no_tmux,
    ignore = "needs tmux (apt-get install tmux; missing when the tests were built)"
)]
fn an_inventory_that_does_not_load_exits_2_before_touching_the_terminal() {
    if !support::require_tool("tmux", "tmux") {
        return;
    }
    let cwd = tempfile::tempdir().unwrap();
    std::fs::write(cwd.path().join("bad.ron"), "Inventory(\n  name: 3,\n)\n").unwrap();
    let t = Tmux::start("bad", 100, 30, cwd.path(), "bad.ron");
    let (exit, stty) = t.wait_exit();
    assert_eq!(exit, "EXIT=2");
    assert_cooked(&stty);
    let screen = t.screen();
    assert!(screen.contains("bad.ron:2:"), "{screen}");
    assert_eq!(t.format("#{alternate_on}"), "0");
}
