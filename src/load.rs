//! Reading inventory, policy and taxonomy files: RON parsing with positions, path
//! resolution, and the built-in Confluent inventory and default taxonomy.

pub mod spans;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::model::taxonomy::parent;
use crate::model::{Inventory, Policy, Taxonomy};
pub use spans::{Span, SpanTree, Step};

/// Files larger than this are refused instead of read (256 MiB), unless
/// [`MAX_FILE_BYTES_VAR`] sets another limit.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The environment variable that sets the size limit, in bytes (`FLOWMAP_MAX_FILE_BYTES`).
pub const MAX_FILE_BYTES_VAR: &str = "FLOWMAP_MAX_FILE_BYTES";

/// The size limit in force: [`MAX_FILE_BYTES_VAR`] when set (and not empty), else
/// [`MAX_FILE_BYTES`]. A value that is not a number of bytes is an error, not ignored.
pub fn max_file_bytes() -> Result<u64, String> {
    match std::env::var(MAX_FILE_BYTES_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(MAX_FILE_BYTES),
        Ok(value) if value.trim().is_empty() => Ok(MAX_FILE_BYTES),
        Ok(value) => value.trim().parse().map_err(|_| {
            format!(
                "{MAX_FILE_BYTES_VAR} is `{}`, not a number of bytes (e.g. 1048576)",
                crate::sanitize::terminal(&value)
            )
        }),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(format!("{MAX_FILE_BYTES_VAR} is not a number of bytes"))
        }
    }
}

/// The folder name of the inventory built into the binary.
pub const BUILTIN_NAME: &str = "<built-in>/confluent-2015";

const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "inventory.ron",
        include_str!("../inventory/confluent-2015/inventory.ron"),
    ),
    (
        "policy.ron",
        include_str!("../inventory/confluent-2015/policy.ron"),
    ),
];

const DEFAULT_TAXONOMY: &str = include_str!("../inventory/taxonomy.ron");
const DEFAULT_TAXONOMY_NAME: &str = "<built-in>/taxonomy.ron";

/// One loaded text file and where its values are.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to users.
    pub name: Arc<str>,
    /// The file's text.
    pub text: String,
    spans: SpanTree,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (columns count characters) plus the byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: Arc<str>,
    pub line: usize,
    pub column: usize,
    pub span: Span,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl SourceFile {
    /// Wraps text that has been parsed, scanning it for value positions.
    pub fn new(name: impl Into<Arc<str>>, text: String) -> SourceFile {
        let spans = SpanTree::scan(&text);
        let line_starts = line_starts(&text);
        SourceFile {
            name: name.into(),
            text,
            spans,
            line_starts,
        }
    }

    /// Wraps text without scanning it for value positions (lines and columns only).
    pub fn without_spans(name: impl Into<Arc<str>>, text: String) -> SourceFile {
        let line_starts = line_starts(&text);
        SourceFile {
            name: name.into(),
            text,
            spans: SpanTree::default(),
            line_starts,
        }
    }

    /// The location of the value at `path` (or its nearest recorded ancestor).
    pub fn locate(&self, path: &[Step<'_>]) -> Location {
        self.location_of(self.spans.span(&self.text, path))
    }

    /// The location of the entry at `path`, narrowed to its head (`Store` in
    /// `Store(...)`), so a caret marks the entry rather than all of it.
    pub fn locate_entry(&self, path: &[Step<'_>]) -> Location {
        let mut location = self.locate(path);
        let rest = self
            .text
            .get(location.span.start..location.span.end)
            .unwrap_or("");
        let head = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
            .count();
        location.span.end = location.span.start + head.max(rest.len().min(1));
        location
    }

    /// The location of a field's name in the struct at `path`, else of the struct.
    pub fn locate_key(&self, path: &[Step<'_>], field: &str) -> Location {
        match self.spans.field_key(&self.text, path, field) {
            Some(span) => self.location_of(span),
            None => self.locate_entry(path),
        }
    }

    /// Line and column of a byte span's start.
    pub fn location_of(&self, span: Span) -> Location {
        let (line, column) = self.line_col(span.start);
        Location {
            file: self.name.clone(),
            line,
            column,
            span,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// Byte offset of a 1-based line and character column.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Why loading stopped. Every variant means "could not run" (exit 2).
#[derive(Debug, Clone)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// Where, when the problem is inside a file.
    pub location: Option<Box<Location>>,
    /// The files read so far (for quoting the offending line).
    pub files: Vec<SourceFile>,
}

/// The two ways loading fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// A file could not be read (missing, a folder, too large, a device).
    Read,
    /// FM001: a file is not valid RON or not an inventory, policy or taxonomy.
    Invalid,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// The error as an FM001 finding (for machine formats); a file that could not be read
    /// is placed at line 1 of the path.
    pub fn as_finding(&self) -> crate::check::Finding {
        let location = self
            .location
            .as_deref()
            .cloned()
            .unwrap_or_else(|| Location {
                file: Arc::from(self.path_hint()),
                line: 1,
                column: 1,
                span: Span::default(),
            });
        let message = match &self.hint {
            Some(hint) => format!("{} ({hint})", self.message),
            None => self.message.clone(),
        };
        let subject = location.file.to_string();
        crate::check::Finding::new(crate::check::Rule::FM001, subject, message, location)
    }

    fn path_hint(&self) -> String {
        self.message
            .split('`')
            .nth(1)
            .map_or_else(|| "inventory.ron".to_string(), str::to_string)
    }
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
        Origin::Builtin => load_with(&Builtin, Path::new("inventory.ron")),
        Origin::Path(path) => {
            let path = if path.is_dir() {
                path.join("inventory.ron")
            } else {
                path.clone()
            };
            load_with(&Disk, &path)
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
    load_with(&store, Path::new(inventory))
}

struct Memory(Vec<(String, String)>);

impl FileStore for Memory {
    fn read(&self, path: &Path) -> Result<(String, Vec<u8>), String> {
        let key = path.to_string_lossy();
        self.0
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(name, text)| (name.clone(), text.as_bytes().to_vec()))
            .ok_or_else(|| "no such file among the files in memory".into())
    }
}

/// Reads named files; the disk, or the files built into the binary.
trait FileStore {
    fn read(&self, path: &Path) -> Result<(String, Vec<u8>), String>;
}

struct Disk;

impl FileStore for Disk {
    fn read(&self, path: &Path) -> Result<(String, Vec<u8>), String> {
        let name = path.display().to_string();
        let limit = max_file_bytes()?;
        // Look before opening: opening a FIFO waits for a writer, which may never come.
        let kind = |meta: &std::fs::Metadata| -> Result<(), String> {
            if meta.is_dir() {
                return Err("it is a folder, not a file".into());
            }
            if !meta.is_file() {
                return Err("it is not a regular file (a device, pipe or socket)".into());
            }
            if meta.len() > limit {
                return Err(format!(
                    "it is {} bytes, over the limit of {limit} bytes (set {MAX_FILE_BYTES_VAR} to raise it)",
                    meta.len()
                ));
            }
            Ok(())
        };
        kind(&std::fs::metadata(path).map_err(|e| io_reason(&e))?)?;
        let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
        let meta = file.metadata().map_err(|e| io_reason(&e))?;
        kind(&meta)?;
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io_reason(&e))?;
        if bytes.len() as u64 > limit {
            return Err(format!(
                "it grew over the limit of {limit} bytes while read (set {MAX_FILE_BYTES_VAR} to raise it)"
            ));
        }
        Ok((name, bytes))
    }
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

struct Builtin;

impl FileStore for Builtin {
    fn read(&self, path: &Path) -> Result<(String, Vec<u8>), String> {
        let key = path.to_string_lossy();
        BUILTIN_FILES
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(name, text)| (format!("{BUILTIN_NAME}/{name}"), text.as_bytes().to_vec()))
            .ok_or_else(|| "no such file among the built-in inventory's files".into())
    }
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
    read_ron::<T>(&Disk, path, what, None, &[])
}

/// Reads and parses one file; `referrer` is where another file names it.
fn read_ron<T: DeserializeOwned>(
    store: &dyn FileStore,
    path: &Path,
    what: &str,
    referrer: Option<Location>,
    files: &[&SourceFile],
) -> Result<(T, SourceFile), LoadError> {
    let (name, bytes) = store.read(path).map_err(|reason| LoadError {
        kind: LoadErrorKind::Read,
        message: format!("cannot read the {what} file `{}`: {reason}", path.display()),
        hint: Some(match &referrer {
            Some(_) => format!(
                "the path is relative to the inventory file; fix the `{what}:` field or create the file"
            ),
            None if what == "inventory" => {
                "pass an inventory file, or a folder that holds inventory.ron".into()
            }
            None => format!("pass the path of a {what} file"),
        }),
        location: referrer.clone().map(Box::new),
        files: owned(files),
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = SourceFile::without_spans(name.as_str(), text);
            let lossy_offset = String::from_utf8_lossy(&bytes[..valid]).len();
            let location = file.location_of(Span {
                start: lossy_offset,
                end: lossy_offset,
            });
            let mut files = owned(files);
            files.push(file);
            return Err(LoadError {
                kind: LoadErrorKind::Invalid,
                message: format!("the {what} file is not UTF-8 text (invalid byte {valid})"),
                hint: Some("save the file as UTF-8".into()),
                location: Some(Box::new(location)),
                files,
            });
        }
    };
    if text.len() < PARALLEL_SCAN_BYTES {
        let value = parse_ron::<T>(&name, &text, what, files)?;
        return Ok((value, SourceFile::new(name, text)));
    }
    // ron parses while a second thread records where the values are: the two passes are
    // independent, so on a machine with two cores the positions cost no time.
    let (value, spans, lines) = std::thread::scope(|scope| {
        let scan = scope.spawn(|| (SpanTree::scan(&text), line_starts(&text)));
        let value = parse_ron::<T>(&name, &text, what, files);
        match scan.join() {
            Ok((spans, lines)) => (value, spans, lines),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let value = value?;
    let file = SourceFile {
        name: name.into(),
        text,
        spans,
        line_starts: lines,
    };
    Ok((value, file))
}

/// Files at least this large are scanned for positions on a second thread.
const PARALLEL_SCAN_BYTES: usize = 256 * 1024;

fn parse_ron<T: DeserializeOwned>(
    name: &str,
    text: &str,
    what: &str,
    files: &[&SourceFile],
) -> Result<T, LoadError> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    options.from_str::<T>(text).map_err(|error| {
        let file = SourceFile::without_spans(name, text.to_string());
        let start = file.offset_of(error.span.start.line, error.span.start.col);
        let end = file
            .offset_of(error.span.end.line, error.span.end.col)
            .max(start);
        let location = file.location_of(Span { start, end });
        let mut files = owned(files);
        files.push(file);
        LoadError {
            kind: LoadErrorKind::Invalid,
            message: format!(
                "not a valid {what} file: {}",
                describe_ron_error(&error.code)
            ),
            hint: Some(ron_hint(&error.code, what)),
            location: Some(Box::new(location)),
            files,
        }
    })
}

fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "values are nested too deeply (more than 128 levels)".into()
        }
        other => other.to_string(),
    }
}

fn ron_hint(code: &ron::Error, what: &str) -> String {
    let (top, article) = match what {
        "inventory" => ("Inventory(", "an"),
        "policy" => ("Policy(", "a"),
        "waivers" => (
            "[(rule: \"FM203\", subject: \"...\", reason: \"...\", expires: None),",
            "a",
        ),
        _ => ("Taxonomy(", "a"),
    };
    match code {
        ron::Error::NoSuchStructField { found, .. } if found == "entity" => {
            "only stores and recipients have an `entity`: a source is the data subjects and holds nothing".into()
        }
        ron::Error::NoSuchStructField { .. } => {
            "remove the field or fix its spelling; DESIGN.md lists the fields".into()
        }
        ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => match crate::suggest::nearest(found, expected.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        },
        ron::Error::MissingStructField { .. } => "add the field".into(),
        ron::Error::Eof => format!("the file ends early; {article} {what} file is one `{top}...)`"),
        ron::Error::ExpectedDifferentStructName { .. } | ron::Error::ExpectedNamedStructLike(_) => {
            format!("{article} {what} file holds one `{top}...)`")
        }
        _ => "see the RON syntax at the position shown".into(),
    }
}

/// Whether `id` matches `[a-z0-9][a-z0-9._-]*` (DESIGN.md's form of a node id).
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && bytes.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

/// Explicit flow ids may also use the `<from>-><to>` form.
fn is_valid_flow_id(id: &str) -> bool {
    match id.split_once("->") {
        Some((from, to)) => is_valid_id(from) && is_valid_id(to),
        None => is_valid_id(id),
    }
}

fn bad_id(
    file: &SourceFile,
    files: &[&SourceFile],
    path: &[Step<'_>],
    id: &str,
    what: &str,
) -> LoadError {
    LoadError {
        kind: LoadErrorKind::Invalid,
        message: format!("not a valid {what} id: `{id}`"),
        hint: Some(
            "ids start with a-z or 0-9 and hold only a-z, 0-9, `.`, `_` and `-` (e.g. \"web-forms\")".into(),
        ),
        location: Some(Box::new(file.locate(path))),
        files: owned(files),
    }
}

/// Every node id, and every explicit flow id, is of the form DESIGN.md gives.
fn validate_ids(
    inventory: &Inventory,
    file: &SourceFile,
    files: &[&SourceFile],
) -> Result<(), LoadError> {
    let lists: [(&str, Vec<&String>); 3] = [
        ("sources", inventory.sources.iter().map(|n| &n.id).collect()),
        ("stores", inventory.stores.iter().map(|n| &n.id).collect()),
        (
            "recipients",
            inventory.recipients.iter().map(|n| &n.id).collect(),
        ),
    ];
    for (list, ids) in &lists {
        for (i, id) in ids.iter().enumerate() {
            if !is_valid_id(id) {
                let path = [Step::Field(list), Step::Index(i), Step::Field("id")];
                return Err(bad_id(file, files, &path, id, "node"));
            }
        }
    }
    for (i, flow) in inventory.flows.iter().enumerate() {
        if let Some(id) = flow.id.as_deref().filter(|id| !is_valid_flow_id(id)) {
            let path = [Step::Field("flows"), Step::Index(i), Step::Field("id")];
            return Err(bad_id(file, files, &path, id, "flow"));
        }
    }
    Ok(())
}

/// An `as_of` before the first law flowmap knows cannot be judged.
fn validate_as_of(inventory: &Inventory, file: &SourceFile) -> Result<(), LoadError> {
    let earliest = crate::model::law::EARLIEST;
    match inventory.as_of {
        Some(day) if day < earliest => Err(LoadError {
            kind: LoadErrorKind::Invalid,
            message: format!(
                "not a valid inventory file: `as_of` is {day}, but flowmap knows no law before {earliest} (Directive 95/46/EC)"
            ),
            hint: Some(format!(
                "set `as_of` to {earliest} or later, or remove it to judge on today"
            )),
            location: Some(Box::new(file.locate(&[Step::Field("as_of")]))),
            files: owned(&[file]),
        }),
        _ => Ok(()),
    }
}

fn validate_section_ids(
    policy: &Policy,
    file: &SourceFile,
    files: &[&SourceFile],
) -> Result<(), LoadError> {
    for (i, section) in policy.sections.iter().enumerate() {
        if !is_valid_id(&section.id) {
            let path = [Step::Field("sections"), Step::Index(i), Step::Field("id")];
            return Err(bad_id(file, files, &path, &section.id, "section"));
        }
    }
    Ok(())
}

/// The taxonomy's own rules: well-formed dotted names, listed once, parents listed.
fn validate_taxonomy(
    taxonomy: &Taxonomy,
    file: &SourceFile,
    files: &[&SourceFile],
) -> Result<(), LoadError> {
    for (list, terms) in [
        ("categories", &taxonomy.categories),
        ("purposes", &taxonomy.purposes),
    ] {
        let mut seen = std::collections::HashSet::new();
        for (i, term) in terms.iter().enumerate() {
            let fail = |message: String, hint: &str| LoadError {
                kind: LoadErrorKind::Invalid,
                message,
                hint: Some(hint.into()),
                location: Some(Box::new(file.locate(&[
                    Step::Field(list),
                    Step::Index(i),
                    Step::Field("name"),
                ]))),
                files: owned(files),
            };
            let well_formed = !term.name.is_empty()
                && term.name.split('.').all(|seg| {
                    !seg.is_empty()
                        && seg
                            .bytes()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
                });
            if !well_formed {
                return Err(fail(
                    format!(
                        "not a valid taxonomy file: `{}` is not a dotted name",
                        term.name
                    ),
                    "use lower-case segments of a-z, 0-9 and _ joined by dots",
                ));
            }
            if !seen.insert(term.name.as_str()) {
                return Err(fail(
                    format!(
                        "not a valid taxonomy file: `{}` is listed twice in {list}",
                        term.name
                    ),
                    "list each name once",
                ));
            }
        }
        for (i, term) in terms.iter().enumerate() {
            if let Some(p) = parent(&term.name).filter(|p| !seen.contains(p)) {
                return Err(LoadError {
                    kind: LoadErrorKind::Invalid,
                    message: format!(
                        "not a valid taxonomy file: `{}` has no parent `{p}` in {list}",
                        term.name
                    ),
                    hint: Some(format!(
                        "add `(name: \"{p}\", description: \"...\")` to {list}"
                    )),
                    location: Some(Box::new(file.locate(&[
                        Step::Field(list),
                        Step::Index(i),
                        Step::Field("name"),
                    ]))),
                    files: owned(files),
                });
            }
        }
    }
    Ok(())
}
