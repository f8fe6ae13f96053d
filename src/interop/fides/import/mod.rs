//! `flowmap import fides DIR`: Fides manifests to a flowmap inventory.
//!
//! Systems become stores (holding a dataset, or with a `responsibility`) or recipients;
//! an ingress of `type: user` becomes the source `user`; egress and ingress become flows,
//! one per pair of ends however many times it is declared. What Fides cannot say is
//! written as a placeholder with a comment and listed in [`Imported::checklist`]. A
//! system or organization carrying `meta.flowmap` (written by `export --format fides`)
//! gives back the flowmap facts kept there.

mod checks;
mod finish;
mod map;
mod summary;

use std::path::{Path, PathBuf};

use super::model::{Dataset, Manifest, Organization, System, TaxonomyTerm};
use crate::interop::yaml::{self, YamlError};
use crate::model::Inventory;
use checks::{Files, check_keys, check_term_keys, keyed, manifest_paths};
use map::{Mapper, flowmap_meta};

pub use checks::{MAX_TERM_KEY_CHARS, MAX_TERM_KEY_LEVELS};

/// The placeholder for a location Fides cannot give: not a jurisdiction code, so
/// `flowmap check` reports each one (FM005) at its line.
pub const UNKNOWN_LOCATION: &str = "??";

/// What an import produced.
#[derive(Debug, Clone)]
pub struct Imported {
    pub inventory: Inventory,
    /// The inventory as RON, placeholders commented.
    pub ron: String,
    /// A generated `taxonomy.ron` when categories or uses have no flowmap counterpart.
    pub taxonomy: Option<String>,
    /// What to fill in by hand, one line each.
    pub checklist: Vec<String>,
    /// The manifest files read.
    pub manifests: Vec<PathBuf>,
}

/// One resource and the file it came from.
struct From<T> {
    file: PathBuf,
    text_index: usize,
    item: T,
}

/// A flowmap id for a Fides key: lower case, anything else but `.`, `_`, `-` made `-`,
/// leading punctuation dropped.
pub fn to_id(key: &str) -> String {
    let mapped: String = key
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = mapped
        .trim_start_matches(['.', '_', '-'])
        .trim_end_matches('-');
    if trimmed.is_empty() {
        "system".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The name of the taxonomy an import to `out` generates beside it: `out`'s name with
/// `.ron` dropped and `.taxonomy.ron` added (`inventory.ron` → `inventory.taxonomy.ron`),
/// so it is never `out` itself, whatever `out` is called.
pub fn taxonomy_name_for(out: &Path) -> String {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "inventory.ron".into());
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    format!("{stem}.taxonomy.ron")
}

/// Reads every manifest under `dir` and maps it, for an inventory to be written as
/// `out` (which names the generated taxonomy, [`taxonomy_name_for`]).
pub fn import_dir(dir: &Path, out: &Path) -> Result<Imported, YamlError> {
    if !dir.is_dir() {
        return Err(YamlError::new(
            dir,
            None,
            "not a folder: give the folder that holds the Fides manifests",
        ));
    }
    let paths = manifest_paths(dir)?;
    if paths.is_empty() {
        return Err(YamlError::new(dir, None, "holds no *.yml or *.yaml file"));
    }
    let mut files = Files { texts: Vec::new() };
    let mut systems: Vec<From<System>> = Vec::new();
    let mut datasets: Vec<From<Dataset>> = Vec::new();
    let mut organizations: Vec<From<Organization>> = Vec::new();
    let mut categories: Vec<From<TaxonomyTerm>> = Vec::new();
    let mut uses: Vec<From<TaxonomyTerm>> = Vec::new();
    let mut subjects: Vec<From<TaxonomyTerm>> = Vec::new();
    // The size limit holds for the manifests together, not only for each one.
    let limit = crate::load::max_file_bytes().map_err(|e| YamlError::new(dir, None, e))?;
    let mut total: u64 = 0;
    for path in &paths {
        let text = yaml::read_text(path)?;
        total = total.saturating_add(text.len() as u64);
        if total > limit {
            return Err(YamlError::new(
                path,
                None,
                format!(
                    "the manifests under {} come to more than the limit of {limit} bytes together \
                     (set FLOWMAP_MAX_FILE_BYTES to raise it)",
                    dir.display()
                ),
            ));
        }
        // An empty file (or one holding only comments) declares nothing.
        let manifest: Manifest = if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---")
        {
            Manifest::default()
        } else {
            yaml::parse(path, &text)?
        };
        check_term_keys(path, &text, &manifest)?;
        let index = files.texts.len();
        files.texts.push(text);
        fn wrap<T>(list: Vec<T>, file: &Path, text_index: usize) -> impl Iterator<Item = From<T>> {
            list.into_iter().map(move |item| From {
                file: file.to_path_buf(),
                text_index,
                item,
            })
        }
        systems.extend(wrap(manifest.system, path, index));
        datasets.extend(wrap(manifest.dataset, path, index));
        organizations.extend(wrap(manifest.organization, path, index));
        categories.extend(wrap(manifest.data_category, path, index));
        uses.extend(wrap(manifest.data_use, path, index));
        subjects.extend(wrap(manifest.data_subject, path, index));
    }
    // A system exported by flowmap (with `meta.flowmap`) keeps its id there: its key
    // need only be unique; any other system's key becomes its id.
    check_keys(
        &files,
        "system",
        systems.iter().map(|s| {
            let id = if flowmap_meta(&s.item.meta).is_some() {
                s.item.fides_key.clone()
            } else {
                to_id(&s.item.fides_key)
            };
            (&s.file, s.text_index, s.item.fides_key.as_str(), id)
        }),
    )?;
    // The other resources keep their keys as they are.
    check_keys(
        &files,
        "dataset",
        datasets
            .iter()
            .map(|s| keyed(&s.file, s.text_index, &s.item.fides_key)),
    )?;
    for (what, list) in [("data_category", &categories), ("data_use", &uses)] {
        check_keys(
            &files,
            what,
            list.iter()
                .map(|s| keyed(&s.file, s.text_index, &s.item.fides_key)),
        )?;
    }
    check_keys(
        &files,
        "organization",
        organizations
            .iter()
            .map(|s| keyed(&s.file, s.text_index, &s.item.fides_key)),
    )?;
    // Data subjects are free text in flowmap: declarations' keys are used as written, so
    // the `data_subject` resources are read (and checked as YAML) but not needed.
    drop(subjects);
    let mapper = Mapper::new(taxonomy_name_for(out));
    let mut imported = mapper.map(systems, datasets, organizations, categories, uses)?;
    imported.manifests = paths;
    Ok(imported)
}

/// Writes the import: `out`, then the generated taxonomy beside it
/// ([`taxonomy_name_for`]), each atomically. An existing file that differs from what
/// this import writes (an inventory edited since, or any other file) is replaced only
/// with `force`; nothing is written when either is refused.
pub fn write(imported: &Imported, out: &Path, force: bool) -> std::io::Result<()> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let taxonomy = imported
        .taxonomy
        .as_ref()
        .map(|text| (dir.join(taxonomy_name_for(out)), text));
    let mut writes = vec![(out.to_path_buf(), &imported.ron)];
    writes.extend(taxonomy);
    for (path, text) in &writes {
        let Ok(meta) = std::fs::metadata(path) else {
            continue; // nothing there yet (a dangling link is refused by the writer)
        };
        let refuse = |why: String| Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, why));
        if !meta.is_file() {
            return refuse(format!(
                "{} is not a regular file (a folder, device or FIFO): name a file",
                path.display()
            ));
        }
        if !force && std::fs::read(path).map_or(true, |old| old != text.as_bytes()) {
            return refuse(format!(
                "{} exists and differs from what this import writes (edited since?): \
                 give --force to replace it, or another -o",
                path.display()
            ));
        }
    }
    for (path, text) in &writes {
        crate::export::write_atomic(path, text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::is_valid_id;

    #[test]
    fn keys_become_ids() {
        assert_eq!(to_id("Customer_DB"), "customer_db");
        assert_eq!(to_id("<instance>"), "instance");
        assert_eq!(to_id("a.b-c"), "a.b-c");
        assert!(is_valid_id(&to_id("__X y")));
    }
}
