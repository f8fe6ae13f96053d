//! Reading the manifests' folder and checking what the mapping relies on: every key
//! present and unique, no two becoming one id, data category keys within bounds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::super::model::Manifest;
use crate::interop::yaml::YamlError;

pub(super) struct Files {
    pub(super) texts: Vec<String>,
}

impl Files {
    /// The 1-based line and column of `fides_key: KEY` in file `index`, if found.
    pub(super) fn position_of(&self, index: usize, key: &str) -> Option<(usize, usize)> {
        let text = &self.texts[index];
        for (n, line) in text.lines().enumerate() {
            if let Some(i) = line.find("fides_key:") {
                let value = line[i + "fides_key:".len()..]
                    .trim()
                    .trim_matches(['"', '\'']);
                if value == key {
                    return Some((n + 1, i + 1));
                }
            }
        }
        None
    }
}

/// Every `*.yml`/`*.yaml` under `dir`, sorted; symbolic links to folders are not followed.
pub(super) fn manifest_paths(dir: &Path) -> Result<Vec<PathBuf>, YamlError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| YamlError::new(&d, None, format!("could not read the folder: {e}")))?;
        for entry in entries {
            let entry = entry
                .map_err(|e| YamlError::new(&d, None, format!("could not read the folder: {e}")))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| YamlError::new(&path, None, format!("could not read: {e}")))?;
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The longest data category or data use key imported, in characters, and the most
/// levels (`a.b.c` has three). fideslang's own keys have at most five levels; the bound
/// keeps the generated taxonomy (which lists every level) linear in the manifests.
pub const MAX_TERM_KEY_CHARS: usize = 200;
pub const MAX_TERM_KEY_LEVELS: usize = 16;

/// Refuses a data category or data use key over [`MAX_TERM_KEY_CHARS`] or
/// [`MAX_TERM_KEY_LEVELS`], at its first place in the file.
pub(super) fn check_term_keys(
    path: &Path,
    text: &str,
    manifest: &Manifest,
) -> Result<(), YamlError> {
    let declared = manifest.system.iter().flat_map(|s| {
        s.privacy_declarations
            .iter()
            .flat_map(|d| d.data_categories.iter().chain(std::iter::once(&d.data_use)))
            .chain(
                s.egress
                    .iter()
                    .chain(s.ingress.iter())
                    .flatten()
                    .flat_map(|f| f.data_categories.iter().flatten()),
            )
    });
    let terms = manifest
        .data_category
        .iter()
        .chain(&manifest.data_use)
        .map(|t| &t.fides_key);
    for key in declared.chain(terms) {
        let chars = key.chars().count();
        let levels = key.split('.').count();
        if chars > MAX_TERM_KEY_CHARS || levels > MAX_TERM_KEY_LEVELS {
            let position = text.find(key.as_str()).map(|at| {
                let before = &text[..at];
                let line = before.matches('\n').count() + 1;
                let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                    .chars()
                    .count()
                    + 1;
                (line, column)
            });
            return Err(YamlError::new(
                path,
                position,
                format!(
                    "a data category or use key of {chars} characters and {levels} levels: flowmap takes at most \
                     {MAX_TERM_KEY_CHARS} characters and {MAX_TERM_KEY_LEVELS} levels; shorten it"
                ),
            ));
        }
    }
    Ok(())
}

/// Every resource has a key; no key is declared twice; no two keys become the same
/// flowmap id (the fourth item). The error names both files.
/// A resource's place and key, its id being the key as written.
pub(super) fn keyed<'a>(
    file: &'a PathBuf,
    index: usize,
    key: &'a str,
) -> (&'a PathBuf, usize, &'a str, String) {
    (file, index, key, key.to_string())
}

pub(super) fn check_keys<'a>(
    files: &Files,
    what: &str,
    items: impl Iterator<Item = (&'a PathBuf, usize, &'a str, String)>,
) -> Result<(), YamlError> {
    let mut seen: HashMap<String, (&PathBuf, &str)> = HashMap::new();
    for (file, index, key, id) in items {
        if key.is_empty() {
            return Err(YamlError::new(
                file,
                None,
                format!("a {what} has no `fides_key`"),
            ));
        }
        if what == "system" && id == "user" {
            return Err(YamlError::new(
                file,
                files.position_of(index, key),
                format!(
                    "the {what} `{key}` would become the id `user`, which the user source takes: rename it"
                ),
            ));
        }
        if let Some((other_file, other_key)) = seen.get(&id) {
            let message = if *other_key == key {
                format!(
                    "the {what} `{key}` is declared twice: in {} and in {}",
                    other_file.display(),
                    file.display()
                )
            } else {
                format!(
                    "the {what} keys `{other_key}` (in {}) and `{key}` (in {}) both become the flowmap id `{id}`: rename one",
                    other_file.display(),
                    file.display()
                )
            };
            return Err(YamlError::new(file, files.position_of(index, key), message));
        }
        seen.insert(id, (file, key));
    }
    Ok(())
}
