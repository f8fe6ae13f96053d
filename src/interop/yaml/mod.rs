//! YAML for untrusted files (Fides manifests): a size limit, aliases within a budget,
//! YAML written so that every reader reads back the same strings, and errors that name
//! the file, line and column.
//!
//! The crate is `serde-saphyr` (README, design notes): a streaming deserializer over a
//! YAML 1.2 event parser, made for untrusted input. Anchors and aliases are decided from
//! the parser's own events, never from the text: an alias replays the events of its
//! anchor, and the replayed events are counted against [`alias_budget`]. Writing goes
//! through [`write`], flowmap's own emitter, which quotes every scalar a YAML 1.1 or 1.2
//! reader could take for something else and escapes control and bidi characters.

mod read;
pub mod write;

use std::fmt;
use std::path::{Path, PathBuf};

pub use read::{ALIAS_CAP, alias_budget, parse, read_text};
pub use write::to_string;

/// A YAML file that could not be read: where, and why. Always "could not run" (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub file: PathBuf,
    /// 1-based line and column, when the error has a position.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.file.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for YamlError {}

impl YamlError {
    /// An error at `position` of `file`; the message is cut to
    /// [`crate::text::MAX_QUOTE`] characters where it quotes the file.
    pub fn new(file: &Path, position: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        YamlError {
            file: file.to_path_buf(),
            position,
            message: crate::text::clip_quoted(&message.into()),
        }
    }
}
