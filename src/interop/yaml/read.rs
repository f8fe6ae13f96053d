//! Reading: the file within the size limit, then one YAML document through serde-saphyr
//! with an alias budget decided from the parser's events.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::YamlError;
use crate::load::max_file_bytes;

/// The most events aliases may replay in one file, however large it is.
pub const ALIAS_CAP: usize = 1_000_000;

/// How many events the aliases of a `len`-byte file may replay: as many as the file has
/// bytes (every node takes at least a byte to write, so aliases add at most about as
/// many nodes as could be written in the file's size), at least 10,000 so that small
/// hand-written files may share freely, and never more than [`ALIAS_CAP`]. An alias bomb
/// meets the budget after replaying that many events, at the alias that crossed it: time
/// and memory stay within a small multiple of the file's.
pub fn alias_budget(len: usize) -> usize {
    len.clamp(10_000, ALIAS_CAP)
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
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(
                &mut std::io::Read::take(f, limit.saturating_add(1)),
                &mut bytes,
            )
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

/// Parses `text` (read from `path`) as one YAML document of type `T`. Anchors and
/// aliases are accepted, YAML 1.1 merge keys too; the events aliases replay are counted
/// against [`alias_budget`] and an alias that crosses it is an error at its position.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, YamlError> {
    let budget = serde_saphyr::budget! {
        // The file's size bounds what it writes; these bound nothing more.
        max_reader_input_bytes: None,
        max_events: usize::MAX,
        max_aliases: usize::MAX,
        max_anchors: usize::MAX,
        max_nodes: usize::MAX,
        max_total_scalar_bytes: usize::MAX,
        max_recorded_anchor_events: usize::MAX,
        max_recorded_anchor_bytes: usize::MAX,
        // PyYAML's `yaml.dump` writes one anchor for a value shared by many resources:
        // many aliases per anchor are ordinary. The replay budget is what bounds them.
        enforce_alias_anchor_ratio: false,
        max_documents: 1,
    };
    let replay = alias_budget(text.len());
    let options = serde_saphyr::options! {
        budget: budget,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: replay,
        },
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let position = e
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| (l.line() as usize, l.column().max(1) as usize));
        YamlError::new(path, position, describe(&e.to_string(), replay))
    })
}

/// The crate's message without its own "line L column C:" prefix, in flowmap's words.
fn describe(message: &str, replay: usize) -> String {
    let message = message.trim_start_matches("error: ");
    let message = match message.strip_prefix("line ") {
        Some(rest) => match rest.find(": ") {
            Some(i) if rest[..i].split(" column ").count() == 2 => &rest[i + 2..],
            _ => message,
        },
        None => message,
    };
    let first = message.lines().next().unwrap_or_default();
    if first.starts_with("alias replay limit exceeded") {
        format!(
            "the aliases expand this file past {replay} replayed nodes, its budget (as many as the \
             file has bytes, at least 10000, at most {ALIAS_CAP}): an alias bomb? Write the values out"
        )
    } else {
        format!("not valid YAML for a Fides manifest: {first}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_grows_with_the_file_within_its_floor_and_cap() {
        assert_eq!(alias_budget(0), 10_000);
        assert_eq!(alias_budget(50_000), 50_000);
        assert_eq!(alias_budget(usize::MAX), ALIAS_CAP);
    }

    #[test]
    fn prefixes_are_dropped() {
        assert_eq!(
            describe(
                "line 3 column 29: alias replay limit exceeded: total_replayed_events=11 > 10",
                10
            )
            .split(" (")
            .next(),
            Some("the aliases expand this file past 10 replayed nodes, its budget")
        );
        assert_eq!(
            describe("line 1 column 2: unknown field `x`", 10),
            "not valid YAML for a Fides manifest: unknown field `x`"
        );
    }
}
