//! Which inventory a command reads when no PATH is given: `./inventory.ron` when the
//! current folder holds one (a CI job or a project folder must never be judged on the
//! demo by accident), else the Confluent 2015 demo built into the binary — with a notice
//! on standard error that says so and how to run the command on one's own.

use std::path::{Path, PathBuf};

use flowmap::load::Origin;

/// The file looked for in the current folder when no PATH is given.
pub(crate) const DEFAULT_FILE: &str = "inventory.ron";

/// The notice printed when no PATH is given and the current folder holds no inventory:
/// how to run `command` (`check`, `timeline`, …; `None`: bare `flowmap`) on one's own.
pub(crate) fn demo_notice(command: Option<&str>) -> String {
    let run = match command {
        Some(command) => format!("flowmap {command}"),
        None => "flowmap".to_string(),
    };
    format!(
        "note: no PATH given and no ./inventory.ron here: this is the built-in Confluent 2015 demo, \
not your inventory.
      To read your own, run `{run} path/to/inventory.ron` (a file, or a folder holding \
inventory.ron), or run it in the folder that holds inventory.ron."
    )
}

/// The inventory `command` reads: `path` when given; else `./inventory.ron` when it
/// exists; else the built-in demo, after printing [`demo_notice`] on standard error.
pub(crate) fn origin(path: &Option<PathBuf>, command: Option<&str>) -> Origin {
    let resolved = resolve(path.as_deref(), Path::new("."));
    if resolved == Origin::Builtin {
        eprintln!("{}", demo_notice(command));
    }
    resolved
}

/// [`origin`] without the notice, looking for the default file in `cwd`.
fn resolve(path: Option<&Path>, cwd: &Path) -> Origin {
    match path {
        Some(path) => Origin::Path(path.to_path_buf()),
        None if cwd.join(DEFAULT_FILE).is_file() => Origin::Path(PathBuf::from(DEFAULT_FILE)),
        None => Origin::Builtin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_path_wins_over_the_current_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DEFAULT_FILE), "").unwrap();
        assert_eq!(
            resolve(Some(Path::new("other.ron")), dir.path()),
            Origin::Path("other.ron".into())
        );
    }

    #[test]
    fn a_folder_named_inventory_ron_is_not_an_inventory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(DEFAULT_FILE)).unwrap();
        assert_eq!(resolve(None, dir.path()), Origin::Builtin);
    }
}
