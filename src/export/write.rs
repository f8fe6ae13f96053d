//! Writing output files so that nothing is lost: a file is written whole beside its
//! target and renamed over it ([`write_atomic`]), a folder of files is built beside its
//! target and swapped in as a whole ([`write_dir_atomic`]), and neither replaces
//! anything but a regular file (or a folder) — never a device, a FIFO or a socket, and
//! never one of the command's own inputs ([`same_file`]).

use std::io::Write;
use std::path::{Path, PathBuf};

fn refused(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, message)
}

/// Where a write to `path` lands: `path` itself, or the regular file a symbolic link
/// leads to (so the link stays a link), and the permissions of the file it replaces.
/// A folder, a device, a FIFO, a socket or a link to nothing is refused: flowmap writes
/// only regular files (use `-o -` for standard output and redirect it).
fn target(path: &Path) -> std::io::Result<(PathBuf, Option<std::fs::Permissions>)> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((path.to_path_buf(), None));
        }
        Err(e) => return Err(e),
    };
    let meta = if link.file_type().is_symlink() {
        std::fs::metadata(path).map_err(|_| {
            refused(format!(
                "{} is a symbolic link to nothing: flowmap writes only regular files",
                path.display()
            ))
        })?
    } else {
        link.clone()
    };
    if meta.is_dir() {
        return Err(refused(format!(
            "{} is a folder, not a file",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(refused(format!(
            "{} is not a regular file (a device, FIFO or socket): flowmap writes only regular \
             files; use `-o -` for standard output and redirect it",
            path.display()
        )));
    }
    let resolved = if link.file_type().is_symlink() {
        std::fs::canonicalize(path)?
    } else {
        path.to_path_buf()
    };
    Ok((resolved, Some(meta.permissions())))
}

/// A new, empty temporary entry `.NAME.PID.N.tmp` beside `path`, made by `make`.
fn beside<T>(
    path: &Path,
    mut make: impl FnMut(&Path) -> std::io::Result<T>,
) -> std::io::Result<(PathBuf, T)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let mut attempt = 0u32;
    loop {
        let candidate = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match make(&candidate) {
            Ok(made) => return Ok((candidate, made)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(e) => return Err(e),
        }
    }
}

fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder, synced,
/// then renamed over `path` (over the file a symbolic link leads to, keeping the link).
/// The file keeps the permissions of the one it replaces. A folder, device, FIFO, socket
/// or dangling link at `path` is refused before anything is written. On any error the
/// old file (if any) is left untouched and the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (path, permissions) = target(path)?;
    let (tmp_path, mut file) = beside(&path, create_new)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| match &permissions {
            Some(p) => file.set_permissions(p.clone()),
            None => Ok(()),
        })
        .and_then(|()| file.sync_all());
    drop(file);
    let result = written.and_then(|()| std::fs::rename(&tmp_path, &path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp_path);
    }
    result
}

/// Writes `files` (name, text) as the folder `dir`, as a whole: into a new folder
/// beside it, each file synced, then swapped in for `dir` (the old folder is renamed
/// aside, the new one renamed in, the old one removed). A failure before the swap
/// leaves `dir` as it was and no temporary folder; if the second rename fails the old
/// folder is put back.
pub fn write_dir_atomic(dir: &Path, files: &[(&str, &[u8])]) -> std::io::Result<()> {
    let dir = match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(dir)?,
        _ => dir.to_path_buf(),
    };
    let existed = match std::fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => {
            return Err(refused(format!(
                "{} is not a folder: name a folder for the manifests",
                dir.display()
            )));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    let (tmp, ()) = beside(&dir, |p| std::fs::create_dir(p))?;
    // The new folder keeps the old one's permissions.
    let kept = match std::fs::metadata(&dir) {
        Ok(meta) if existed => std::fs::set_permissions(&tmp, meta.permissions()),
        _ => Ok(()),
    };
    let filled = kept.and_then(|()| {
        files.iter().try_for_each(|(name, bytes)| {
            let mut file = create_new(&tmp.join(name))?;
            file.write_all(bytes)?;
            file.sync_all()
        })
    });
    let swapped = filled.and_then(|()| {
        if !existed {
            return std::fs::rename(&tmp, &dir);
        }
        let (old, ()) = beside(&dir, |p| {
            if p.exists() {
                Err(std::io::ErrorKind::AlreadyExists.into())
            } else {
                Ok(())
            }
        })?;
        std::fs::rename(&dir, &old)?;
        if let Err(e) = std::fs::rename(&tmp, &dir) {
            let _ = std::fs::rename(&old, &dir);
            return Err(e);
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    });
    if swapped.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    swapped
}

/// Whether `a` and `b` are the same file on disk (the same device and inode, through
/// any links), as far as both exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                x.dev() == y.dev() && x.ino() == y.ino()
            }
            #[cfg(not(unix))]
            {
                let _ = (x, y);
                std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
            }
        }
        _ => false,
    }
}

/// Refuses `output` when it is one of `inputs`: writing it would destroy what was read.
pub fn refuse_input(output: &Path, inputs: &[PathBuf]) -> Result<(), String> {
    match inputs.iter().find(|i| same_file(output, i)) {
        Some(input) => Err(format!(
            "the output {} is the input {}: writing it would replace what was read; name another file",
            output.display(),
            input.display()
        )),
        None => Ok(()),
    }
}
