//! Where file bytes come from: the disk (regular files only, within a size limit), the
//! files built into the binary, or memory (tests, benchmarks, generators).

use std::io::Read;
use std::path::Path;

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
        include_str!("../../inventory/confluent-2015/inventory.ron"),
    ),
    (
        "policy.ron",
        include_str!("../../inventory/confluent-2015/policy.ron"),
    ),
];

pub(super) struct Memory(pub(super) Vec<(String, String)>);

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
pub(super) trait FileStore {
    fn read(&self, path: &Path) -> Result<(String, Vec<u8>), String>;
}

pub(super) struct Disk;

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
        file.take(limit.saturating_add(1))
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

pub(super) struct Builtin;

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
