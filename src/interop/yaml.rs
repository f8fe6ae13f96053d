//! YAML for untrusted files (Fides manifests): a size limit, no anchors or aliases, and
//! errors that name the file, line and column.
//!
//! The crate is `serde_norway` (README, design notes): a maintained fork of the archived
//! `serde_yaml`. Its deserializer already bounds alias expansion; this reader goes
//! further and rejects anchors and aliases outright, since no Fides manifest needs them
//! and a billion-laughs file should fail on its first line, not after a while.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::load::max_file_bytes;

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
    pub fn new(file: &Path, position: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        YamlError {
            file: file.to_path_buf(),
            position,
            message: message.into(),
        }
    }
}

/// Reads `path` as text, refusing files over [`max_file_bytes`] before reading them.
pub fn read_text(path: &Path) -> Result<String, YamlError> {
    let limit = max_file_bytes().map_err(|e| YamlError::new(path, None, e))?;
    let meta = std::fs::metadata(path)
        .map_err(|e| YamlError::new(path, None, format!("could not read: {e}")))?;
    // A FIFO or a device could block or never end: only regular files are read.
    if !meta.is_file() {
        return Err(YamlError::new(
            path,
            None,
            "not a regular file (a folder, device or FIFO): remove it from the manifests' folder",
        ));
    }
    if meta.len() > limit {
        return Err(YamlError::new(
            path,
            Some((1, 1)),
            format!(
                "the file is {} bytes, over the limit of {limit} (set FLOWMAP_MAX_FILE_BYTES to raise it)",
                meta.len()
            ),
        ));
    }
    // Read at most one byte past the limit, whatever the metadata said.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(&mut std::io::Read::take(f, limit + 1), &mut bytes)
        })
        .map_err(|e| YamlError::new(path, None, format!("could not read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(YamlError::new(
            path,
            Some((1, 1)),
            "the file grew over the size limit while it was read",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.len()
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        YamlError::new(path, Some((line, column)), "not UTF-8 text")
    })
}

/// Parses `text` (read from `path`) as one YAML document of type `T`.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, YamlError> {
    if let Some((line, column, what)) = find_anchor_or_alias(text) {
        return Err(YamlError::new(
            path,
            Some((line, column)),
            format!(
                "YAML {what} are not accepted in manifests (they can expand without bound): write the value out"
            ),
        ));
    }
    serde_norway::from_str(text).map_err(|e| {
        let position = e.location().map(|l| (l.line(), l.column()));
        // The crate's message ends with its own "at line L column C"; keep only the cause.
        let message = e.to_string();
        let message = match message.find(" at line ") {
            Some(i) if position.is_some() => message[..i].to_string(),
            _ => message,
        };
        YamlError::new(
            path,
            position,
            format!("not valid YAML for a Fides manifest: {message}"),
        )
    })
}

/// The first anchor (`&name`) or alias (`*name`) outside comments, quoted strings and
/// block scalars: 1-based line and column, and which it is.
pub fn find_anchor_or_alias(text: &str) -> Option<(usize, usize, &'static str)> {
    // Indentation of the line that opened a block scalar (`|` or `>`); lines indented
    // deeper belong to it.
    let mut block: Option<usize> = None;
    let mut quote: Option<char> = None;
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(open) = block {
            if line.trim().is_empty() || indent > open {
                continue;
            }
            block = None;
        }
        // Most lines hold none of the characters that matter: skip them unscanned.
        if quote.is_none()
            && !line
                .bytes()
                .any(|b| matches!(b, b'&' | b'*' | b'\'' | b'"' | b'|' | b'>'))
        {
            continue;
        }
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut prev = ' ';
        let mut last_token = ' ';
        for (k, &(i, c)) in chars.iter().enumerate() {
            match quote {
                Some('\'') => {
                    if c == '\'' {
                        quote = None;
                    }
                }
                Some(_) => {
                    if c == '"' && prev != '\\' {
                        quote = None;
                    }
                }
                None => {
                    let at_token = matches!(prev, ' ' | '\t' | '[' | '{' | ',') || k == 0;
                    match c {
                        '#' if matches!(prev, ' ' | '\t') || k == 0 => break,
                        '\'' | '"' if at_token => quote = Some(c),
                        '&' | '*' if at_token => {
                            let next = chars.get(k + 1).map(|&(_, c)| c);
                            if next.is_some_and(|c| !c.is_whitespace() && !",[]{}".contains(c)) {
                                let what = if c == '&' { "anchors" } else { "aliases" };
                                return Some((n + 1, line[..i].chars().count() + 1, what));
                            }
                        }
                        '|' | '>' if matches!(last_token, ':' | '-') || (k == 0) => {
                            let rest = line[i + 1..].trim();
                            let rest = rest.split('#').next().unwrap_or("").trim();
                            if rest
                                .chars()
                                .all(|c| c.is_ascii_digit() || c == '+' || c == '-')
                            {
                                block = Some(indent);
                            }
                        }
                        _ => {}
                    }
                    if !c.is_whitespace() {
                        last_token = c;
                    }
                }
            }
            prev = c;
        }
        // Plain multi-line quoted strings continue; single-quoted ones too.
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_aliases_are_found_outside_strings_and_comments() {
        assert_eq!(
            find_anchor_or_alias("a: &x 1\nb: *x\n"),
            Some((1, 4, "anchors"))
        );
        assert_eq!(
            find_anchor_or_alias("a: [1, *x]\n"),
            Some((1, 8, "aliases"))
        );
        assert_eq!(find_anchor_or_alias("a: 'not &x'\nb: \"*y\" # *z\n"), None);
        assert_eq!(
            find_anchor_or_alias("a: |\n  *not an alias\nb: 2 * 3\n"),
            None
        );
        assert_eq!(find_anchor_or_alias("a: b&c\nd: e*f\n"), None);
    }
}
