//! RON text to the model: ron parses while (for large files) a second thread records
//! where the values are; a parse error keeps ron's position and gets a hint.

use std::path::Path;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::files::FileStore;
use super::source::line_starts;
use super::spans::SpanTree;
use super::{LoadError, LoadErrorKind, Location, SourceFile, Span, owned};

/// Reads and parses one file; `referrer` is where another file names it.
pub(super) fn read_ron<T: DeserializeOwned>(
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
        path: std::sync::Arc::from(path.display().to_string()),
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = SourceFile::without_spans(name.as_str(), text);
            let path = file.name.clone();
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
                path,
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

pub(super) fn parse_ron<T: DeserializeOwned>(
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
        let path = file.name.clone();
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
            path,
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

/// The page of flowmap's `docs/` folder that describes a kind of file.
fn doc_page(what: &str) -> &'static str {
    match what {
        "policy" => "policy",
        "taxonomy" => "taxonomy",
        "waivers" => "waivers",
        _ => "inventory",
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
        ron::Error::NoSuchStructField {
            expected, found, ..
        } => {
            let fields = format!(
                "The fields here: {} (docs/{}.md in flowmap's repository describes each)",
                expected.join(", "),
                doc_page(what)
            );
            match crate::suggest::nearest(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? {fields}"),
                None => format!("remove the field or fix its spelling. {fields}"),
            }
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
