//! Why loading stopped: a file that cannot be read, or one that is not what it should be
//! (FM001). Either way flowmap could not run (exit 2).

use std::fmt;
use std::sync::Arc;

use super::SourceFile;
use crate::diag::{Finding, Location, Rule, Span};

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
    /// The file the error is about, as shown to users.
    pub path: Arc<str>,
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
    /// FM001 in `file` at `path` (a value's place in it), quoting the `files` read so far.
    pub(super) fn invalid_at(
        file: &SourceFile,
        path: &[super::Step<'_>],
        message: String,
        hint: String,
        files: Vec<SourceFile>,
    ) -> LoadError {
        LoadError {
            kind: LoadErrorKind::Invalid,
            message,
            hint: Some(hint),
            location: Some(Box::new(file.locate(path))),
            files,
            path: file.name.clone(),
        }
    }

    /// The rule the error is, in every format: FM001 when a file is not valid RON or not
    /// what it should be; none when a file cannot be read at all, which is no rule's
    /// finding (DESIGN.md keeps FM001 for files that are not valid RON or not an
    /// inventory). Either way flowmap exits 2.
    pub fn rule(&self) -> Option<Rule> {
        match self.kind {
            LoadErrorKind::Invalid => Some(Rule::FM001),
            LoadErrorKind::Read => None,
        }
    }

    /// Where to point: the position inside a file, else line 1 of the file's path.
    pub fn place(&self) -> Location {
        self.location
            .as_deref()
            .cloned()
            .unwrap_or_else(|| Location {
                file: self.path.clone(),
                line: 1,
                column: 1,
                span: Span::default(),
            })
    }

    /// The error with every value its message and hint quote cut to
    /// [`crate::text::MAX_QUOTE`] characters (SECURITY.md): every error leaving the
    /// loader passes here.
    pub fn clipped(mut self) -> LoadError {
        self.message = crate::text::clip_quoted(&self.message);
        self.hint = self.hint.map(|h| crate::text::clip_quoted(&h));
        self
    }

    /// The message with its hint, as the machine formats print it.
    pub fn full_message(&self) -> String {
        match &self.hint {
            Some(hint) => format!("{} ({hint})", self.message),
            None => self.message.clone(),
        }
    }

    /// The error as an FM001 finding, for the formats that list findings; `None` for a
    /// file that could not be read.
    pub fn as_finding(&self) -> Option<Finding> {
        let rule = self.rule()?;
        let location = self.place();
        let subject = location.file.to_string();
        Some(Finding::new(rule, subject, self.full_message(), location))
    }
}
