//! Watching the inventory, policy and taxonomy files (notify). The folders that hold them
//! are watched, not the files, so an editor that saves by writing a new file and renaming
//! it over the old one is still seen; events for other files in those folders are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// A watch on a set of files; [`Watcher::changed`] says whether any changed since asked.
pub struct Watcher {
    inner: Option<RecommendedWatcher>,
    files: Arc<Mutex<Vec<PathBuf>>>,
    dirs: Vec<PathBuf>,
    rx: Receiver<()>,
    tx: Sender<()>,
}

fn absolute(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

impl Watcher {
    /// A watcher watching nothing yet.
    pub fn new() -> Watcher {
        let (tx, rx) = channel();
        Watcher {
            inner: None,
            files: Arc::new(Mutex::new(Vec::new())),
            dirs: Vec::new(),
            rx,
            tx,
        }
    }

    /// Watches exactly `files` (none: stops watching).
    pub fn watch(&mut self, files: &[PathBuf]) -> Result<(), String> {
        let files: Vec<PathBuf> = files.iter().map(|f| absolute(f)).collect();
        let mut dirs: Vec<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        if let Ok(mut shared) = self.files.lock() {
            *shared = files;
        }
        if self.inner.is_none() && !dirs.is_empty() {
            let tx = self.tx.clone();
            let files = Arc::clone(&self.files);
            let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                let Ok(event) = res else { return };
                if matches!(event.kind, EventKind::Access(_)) {
                    return;
                }
                let Ok(files) = files.lock() else { return };
                if event.paths.iter().any(|p| files.iter().any(|f| f == p)) {
                    let _ = tx.send(());
                }
            })
            .map_err(|e| e.to_string())?;
            self.inner = Some(watcher);
        }
        let Some(watcher) = self.inner.as_mut() else {
            return Ok(());
        };
        for dir in &self.dirs {
            if !dirs.contains(dir) {
                let _ = watcher.unwatch(dir);
            }
        }
        let mut result = Ok(());
        for dir in &dirs {
            if !self.dirs.contains(dir)
                && let Err(e) = watcher.watch(dir, RecursiveMode::NonRecursive)
            {
                result = Err(format!("{}: {e}", dir.display()));
            }
        }
        self.dirs = dirs;
        result
    }

    /// Whether a watched file changed since the last call.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.rx.try_recv().is_ok() {
            any = true;
        }
        any
    }
}
