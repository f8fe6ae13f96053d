//! The TUI's house, as `src/tui/screen.rs` describes it: the screens and everything
//! below them depend on the data they show (a `Ctx`), never on the `App`, the tab table,
//! `update` or the drawing code above them. A check over the source text (outside
//! `#[cfg(test)]` blocks), so an import that closes the old circle again fails here with
//! the file and line.

use std::path::{Path, PathBuf};

/// The files above the screens: the state, the table of tabs, what changes the state,
/// what draws it, and the runtime. Everything else in `src/tui` sits below them.
const ABOVE: &[&str] = &[
    "mod.rs",
    "app.rs",
    "tabs.rs",
    "action.rs",
    "keymap",
    "layout.rs",
    "view.rs",
    "help.rs",
    "worker.rs",
    "update",
];

/// How a file below would name one above.
const UPWARD: &[&str] = &[
    "super::app",
    "crate::tui::app",
    "crate::tui::App",
    "super::tabs",
    "crate::tui::tabs",
    "crate::tui::Tab",
    "super::update",
    "crate::tui::update",
    "super::view",
    "crate::tui::view",
    "super::layout",
    "crate::tui::layout",
    "super::keymap",
    "crate::tui::keymap",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn screens_and_what_they_read_never_name_the_app() {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = Vec::new();
    sources(&tui, &mut files);
    let mut below = 0;
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&tui).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        if ABOVE.contains(&first) {
            continue;
        }
        below += 1;
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for up in UPWARD {
                if line.contains(up) {
                    wrong.push(format!(
                        "src/tui/{}:{}: {}",
                        rel.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        below >= 20,
        "the screens and their helpers are found: {below}"
    );
    assert!(
        wrong.is_empty(),
        "files below the screens name one above them:\n{}",
        wrong.join("\n")
    );
}
