//! When `flowmap check` (or any command that loads an inventory) is given a Fides
//! manifest, or a folder of them, the error says so and suggests `flowmap import fides`.

use std::path::Path;

use super::{LoadError, LoadErrorKind};

/// The top-level keys of a Fides manifest.
const FIDES_KEYS: [&str; 7] = [
    "system:",
    "dataset:",
    "organization:",
    "data_category:",
    "data_use:",
    "data_subject:",
    "policy:",
];

/// Whether `text` reads as a Fides manifest: its first line that is not blank, a
/// comment or a document marker starts with a Fides resource key.
fn looks_like_manifest(text: &str) -> bool {
    text.lines()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| FIDES_KEYS.iter().any(|k| l.starts_with(k)))
}

/// The first `*.yml`/`*.yaml` file in `dir`, if any.
fn first_manifest(dir: &Path) -> Option<String> {
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        (name.ends_with(".yml") || name.ends_with(".yaml")).then_some(name)
    })
}

/// Rewrites `error` (loading `given`, a file or folder) when `given` is a Fides manifest
/// or a folder of them without `inventory.ron`.
pub(super) fn explain(given: &Path, mut error: LoadError) -> LoadError {
    let import = |dir: &Path| {
        format!(
            "import it first: `flowmap import fides {} -o inventory.ron`, then check inventory.ron",
            crate::sanitize::terminal(&dir.display().to_string())
        )
    };
    if given.is_dir() {
        if error.kind == LoadErrorKind::Read
            && !given.join("inventory.ron").exists()
            && let Some(name) = first_manifest(given)
        {
            error.message = format!(
                "{} holds no inventory.ron but YAML files ({name}): Fides manifests?",
                given.display()
            );
            error.hint = Some(import(given));
        }
        return error;
    }
    let inventory_text = error
        .files
        .iter()
        .find(|f| *f.name == *error.path)
        .map(|f| f.text.as_str());
    let yaml_name = given.extension().is_some_and(|e| e == "yml" || e == "yaml");
    if error.kind == LoadErrorKind::Invalid
        && *error.path == *given.display().to_string()
        && (yaml_name || inventory_text.is_some_and(looks_like_manifest))
    {
        error.message = format!(
            "{} is a Fides manifest (YAML), not a flowmap inventory",
            given.display()
        );
        let dir = match given.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        error.hint = Some(import(dir));
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_are_recognised_by_their_first_key() {
        assert!(looks_like_manifest(
            "# a comment\n---\nsystem:\n  - fides_key: a\n"
        ));
        assert!(looks_like_manifest("dataset: []\n"));
        assert!(!looks_like_manifest("Inventory(\n    name: \"x\",\n)\n"));
    }
}
