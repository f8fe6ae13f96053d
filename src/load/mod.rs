//! Reading inventory, policy and taxonomy files: RON parsing with positions, path
//! resolution, and the built-in Confluent inventory and default taxonomy.
//!
//! - [`files`]: where file bytes come from (disk, the binary, memory) and the size limit;
//! - [`source`]: a loaded file's text, lines and value positions;
//! - [`parse`]: RON to the model, with the parser's position and a hint on failure;
//! - [`validate`]: what serde cannot check (id forms, `as_of`, the taxonomy's own rules);
//! - [`error`]: [`LoadError`], which always means "could not run" (exit 2).

mod error;
mod fides_hint;
mod files;
mod parse;
mod source;
pub mod spans;
mod validate;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use crate::diag::{Location, Span};
use crate::model::{Inventory, Policy, Taxonomy};
pub use error::{LoadError, LoadErrorKind};
pub use files::{BUILTIN_NAME, MAX_FILE_BYTES, MAX_FILE_BYTES_VAR, max_file_bytes};
use files::{Builtin, Disk, FileStore, Memory};
use parse::{parse_ron, read_ron};
pub use source::SourceFile;
pub use spans::{SpanTree, Step};
pub use validate::is_valid_id;
use validate::{validate_as_of, validate_ids, validate_section_ids, validate_taxonomy};

/// The built-in taxonomy's text (`flowmap taxonomy --format ron` prints it).
pub const DEFAULT_TAXONOMY: &str = include_str!("../../inventory/taxonomy.ron");
/// The name the built-in taxonomy's file has in diagnostics.
pub const DEFAULT_TAXONOMY_NAME: &str = "<built-in>/taxonomy.ron";

/// The built-in taxonomy, parsed.
pub fn default_taxonomy() -> Taxonomy {
    parse_ron::<Taxonomy>(DEFAULT_TAXONOMY_NAME, DEFAULT_TAXONOMY, "taxonomy", &[])
        .expect("the built-in taxonomy parses (tests/taxonomy.rs)")
}

/// Everything read for one inventory: the model and the files it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub inventory: Inventory,
    pub inventory_file: SourceFile,
    /// The policy and its file, when the inventory names one.
    pub policy: Option<(Policy, SourceFile)>,
    pub taxonomy: Taxonomy,
    pub taxonomy_file: SourceFile,
}

impl Loaded {
    /// All files, inventory first.
    pub fn files(&self) -> Vec<&SourceFile> {
        let mut files = vec![&self.inventory_file];
        if let Some((_, file)) = &self.policy {
            files.push(file);
        }
        files.push(&self.taxonomy_file);
        files
    }
}

/// Where the inventory comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file, or a folder holding `inventory.ron`.
    Path(PathBuf),
    /// The Confluent 2015 inventory built into the binary.
    Builtin,
}

/// Loads an inventory with its policy and taxonomy.
pub fn load(origin: &Origin) -> Result<Loaded, LoadError> {
    match origin {
        Origin::Builtin => {
            load_with(&Builtin, Path::new("inventory.ron")).map_err(LoadError::clipped)
        }
        Origin::Path(path) => {
            let file = if path.is_dir() {
                path.join("inventory.ron")
            } else {
                path.clone()
            };
            load_with(&Disk, &file).map_err(|e| fides_hint::explain(path, e).clipped())
        }
    }
}

/// Loads an inventory held in memory: `files` maps file names (as the inventory refers
/// to them, e.g. `policy.ron`) to their text; `inventory` names the inventory among them.
/// For tests, benchmarks and generators that never touch the disk.
pub fn load_in_memory(files: &[(&str, &str)], inventory: &str) -> Result<Loaded, LoadError> {
    let store = Memory(
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
    );
    load_with(&store, Path::new(inventory)).map_err(LoadError::clipped)
}

fn load_with(store: &dyn FileStore, inventory_path: &Path) -> Result<Loaded, LoadError> {
    let (inventory, inventory_file) =
        read_ron::<Inventory>(store, inventory_path, "inventory", None, &[])?;
    validate_ids(&inventory, &inventory_file, &[&inventory_file])?;
    validate_as_of(&inventory, &inventory_file)?;
    let base = inventory_path.parent().unwrap_or(Path::new(""));

    let policy = match &inventory.policy {
        None => None,
        Some(rel) => {
            let referrer = inventory_file.locate(&[Step::Field("policy")]);
            let read = &[&inventory_file];
            let (policy, file) =
                read_ron::<Policy>(store, &base.join(rel), "policy", Some(referrer), read)
                    .map_err(|e| unquoted_outside(e, rel, "policy"))?;
            validate_section_ids(&policy, &file, &[&inventory_file, &file])?;
            Some((policy, file))
        }
    };

    let mut read: Vec<&SourceFile> = vec![&inventory_file];
    if let Some((_, file)) = &policy {
        read.push(file);
    }
    let (taxonomy, taxonomy_file) = match &inventory.taxonomy {
        None => {
            let text = DEFAULT_TAXONOMY.to_string();
            let taxonomy = parse_ron::<Taxonomy>(DEFAULT_TAXONOMY_NAME, &text, "taxonomy", &read)?;
            (taxonomy, SourceFile::new(DEFAULT_TAXONOMY_NAME, text))
        }
        Some(rel) => {
            let referrer = inventory_file.locate(&[Step::Field("taxonomy")]);
            read_ron::<Taxonomy>(store, &base.join(rel), "taxonomy", Some(referrer), &read)
                .map_err(|e| unquoted_outside(e, rel, "taxonomy"))?
        }
    };
    read.push(&taxonomy_file);
    validate_taxonomy(&taxonomy, &taxonomy_file, &read)?;
    drop(read);

    Ok(Loaded {
        inventory,
        inventory_file,
        policy,
        taxonomy,
        taxonomy_file,
    })
}

/// An error in a file the inventory names outside its own folder (an absolute path, or
/// one through `..`) gives its position but quotes none of its text: such a path might
/// lead to a file that was never meant to be shown (`/proc/self/environ` in a CI log).
fn unquoted_outside(mut error: LoadError, rel: &str, what: &str) -> LoadError {
    let path = Path::new(rel);
    let outside = path.is_absolute()
        || path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if outside
        && error.kind == LoadErrorKind::Invalid
        && let Some(location) = &error.location
        && error.files.iter().any(|f| f.name == location.file)
    {
        let name = location.file.clone();
        error.files.retain(|f| f.name != name);
        // The parser's message may name what it found there; say only where.
        error.message = format!("not a valid {what} file");
        error.hint = Some(format!(
            "its text is not shown because it lies outside the inventory's folder; check that `{what}:` names the right file"
        ));
    }
    error
}

/// Copies of the files read so far, for an error to quote (only on the error path).
fn owned(files: &[&SourceFile]) -> Vec<SourceFile> {
    files.iter().map(|f| (*f).clone()).collect()
}

/// Reads and parses one file from disk that no inventory names (e.g. a waivers file);
/// `what` names its kind in messages.
pub fn read_file<T: DeserializeOwned>(
    path: &Path,
    what: &str,
) -> Result<(T, SourceFile), LoadError> {
    read_ron::<T>(&Disk, path, what, None, &[]).map_err(LoadError::clipped)
}
