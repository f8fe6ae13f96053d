//! A streaming, pretty-printing JSON writer for the reports: the bytes
//! `serde_json::to_string_pretty` writes (two-space indent, `": "`, `[]` and `{}` when
//! empty), then [`crate::sanitize::json`]'s escapes for characters a terminal would act
//! on, written as values come, with no document tree in memory. Keys are written in the
//! order the caller gives them.

use std::fmt;
use std::io::{self, Write};

/// Writes one JSON document to `out`, value by value.
pub struct JsonOut<'w, W: Write + ?Sized> {
    out: &'w mut W,
    depth: usize,
    /// Whether the open container has no member yet.
    empty: bool,
}

impl<'w, W: Write + ?Sized> JsonOut<'w, W> {
    /// A writer at the start of a document.
    pub fn new(out: &'w mut W) -> Self {
        JsonOut {
            out,
            depth: 0,
            empty: true,
        }
    }

    /// Starts an object (as a value: after [`Self::key`] or [`Self::item`], or at the top).
    pub fn begin_object(&mut self) -> io::Result<()> {
        self.begin(b"{")
    }

    /// Ends the open object.
    pub fn end_object(&mut self) -> io::Result<()> {
        self.end(b"}")
    }

    /// Starts an array.
    pub fn begin_array(&mut self) -> io::Result<()> {
        self.begin(b"[")
    }

    /// Ends the open array.
    pub fn end_array(&mut self) -> io::Result<()> {
        self.end(b"]")
    }

    /// Starts the next member of the open object: its key, then the value's place.
    pub fn key(&mut self, key: &str) -> io::Result<()> {
        self.next_member()?;
        string(self.out, key)?;
        self.out.write_all(b": ")
    }

    /// Starts the next element of the open array.
    pub fn item(&mut self) -> io::Result<()> {
        self.next_member()
    }

    /// A string value.
    pub fn str(&mut self, text: &str) -> io::Result<()> {
        string(self.out, text)
    }

    /// A string value made of what `value` displays, escaped as it is written.
    pub fn display(&mut self, value: impl fmt::Display) -> io::Result<()> {
        self.out.write_all(b"\"")?;
        display_into(self.out, value)?;
        self.out.write_all(b"\"")
    }

    /// A string value made of pieces, escaped as they are written (no joined copy).
    pub fn str_parts(&mut self, parts: &[&dyn fmt::Display]) -> io::Result<()> {
        self.out.write_all(b"\"")?;
        for part in parts {
            display_into(self.out, part)?;
        }
        self.out.write_all(b"\"")
    }

    /// A number.
    pub fn number(&mut self, n: usize) -> io::Result<()> {
        write!(self.out, "{n}")
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) -> io::Result<()> {
        self.out.write_all(if b { b"true" } else { b"false" })
    }

    /// `null`.
    pub fn null(&mut self) -> io::Result<()> {
        self.out.write_all(b"null")
    }

    /// `key: "text"`.
    pub fn field_str(&mut self, key: &str, text: &str) -> io::Result<()> {
        self.key(key)?;
        self.str(text)
    }

    /// `key: n`.
    pub fn field_number(&mut self, key: &str, n: usize) -> io::Result<()> {
        self.key(key)?;
        self.number(n)
    }

    /// Ends the document with a line break.
    pub fn finish(self) -> io::Result<()> {
        self.out.write_all(b"\n")
    }

    fn begin(&mut self, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.empty = true;
        self.out.write_all(open)
    }

    fn end(&mut self, close: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if !self.empty {
            self.out.write_all(b"\n")?;
            self.indent()?;
        }
        // The enclosing container now holds this one.
        self.empty = false;
        self.out.write_all(close)
    }

    fn next_member(&mut self) -> io::Result<()> {
        self.out
            .write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        self.indent()
    }

    fn indent(&mut self) -> io::Result<()> {
        const SPACES: &[u8; 32] = b"                                ";
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            self.out.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }
}

/// Writes `text` as a JSON string: serde_json's escapes (`"`, `\`, control characters
/// below U+0020), then `\uXXXX` for the other characters [`crate::sanitize::is_hazard`]
/// names (DEL, C1 controls, bidi controls).
pub fn string<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    escaped(out, text)?;
    out.write_all(b"\"")
}

/// The inside of a JSON string, escaped as [`string`] does.
pub fn escaped<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    let bytes = text.as_bytes();
    // Printable ASCII other than `"` and `\` is written as it is: runs of it at once.
    let plain = |b: u8| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\';
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        if plain(bytes[at]) {
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("at a character boundary");
        let len = c.len_utf8();
        let short: Option<&[u8]> = match c {
            '"' => Some(b"\\\""),
            '\\' => Some(b"\\\\"),
            '\u{8}' => Some(b"\\b"),
            '\u{c}' => Some(b"\\f"),
            '\n' => Some(b"\\n"),
            '\r' => Some(b"\\r"),
            '\t' => Some(b"\\t"),
            _ => None,
        };
        let hex = (c as u32) < 0x20 || crate::sanitize::is_hazard(c);
        if short.is_some() || hex {
            out.write_all(&bytes[start..at])?;
            match short {
                Some(escape) => out.write_all(escape)?,
                None => write!(out, "\\u{:04x}", c as u32)?,
            }
            start = at + len;
        }
        at += len;
    }
    out.write_all(&bytes[start..])
}

/// Writes what `value` displays, escaped for the inside of a JSON string.
fn display_into<W: Write + ?Sized>(out: &mut W, value: impl fmt::Display) -> io::Result<()> {
    let mut adapter = Escaping { out, error: None };
    match fmt::write(&mut adapter, format_args!("{value}")) {
        Ok(()) => Ok(()),
        Err(fmt::Error) => Err(adapter
            .error
            .unwrap_or_else(|| io::Error::other("a value could not be displayed"))),
    }
}

/// `fmt::Write` into an `io::Write`, escaping for a JSON string; keeps the I/O error.
struct Escaping<'a, W: Write + ?Sized> {
    out: &'a mut W,
    error: Option<io::Error>,
}

impl<W: Write + ?Sized> fmt::Write for Escaping<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escaped(self.out, s).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_json and the hazard escapes make of `value`, for comparison.
    fn reference(value: &serde_json::Value) -> String {
        crate::sanitize::json(serde_json::to_string_pretty(value).unwrap())
    }

    #[test]
    fn strings_escape_as_serde_json_then_the_hazards() {
        for text in [
            "plain",
            "quote \" backslash \\ slash /",
            "\u{0}\u{1}\u{8}\u{c}\n\r\t\u{1f}",
            "del \u{7f} c1 \u{85}\u{9b} bidi \u{202e}\u{2066} ok é 漢 🦀",
            "",
        ] {
            let mut out = Vec::new();
            string(&mut out, text).unwrap();
            let expected = reference(&serde_json::Value::String(text.into()));
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
        }
    }

    #[test]
    fn nesting_matches_pretty_printing() {
        let mut out = Vec::new();
        let mut j = JsonOut::new(&mut out);
        j.begin_object().unwrap();
        j.key("a").unwrap();
        j.begin_array().unwrap();
        j.end_array().unwrap();
        j.key("b").unwrap();
        j.begin_array().unwrap();
        j.item().unwrap();
        j.begin_object().unwrap();
        j.field_number("n", 1).unwrap();
        j.key("o").unwrap();
        j.begin_object().unwrap();
        j.end_object().unwrap();
        j.key("s").unwrap();
        j.display(format_args!("x{}", "\"y\"")).unwrap();
        j.end_object().unwrap();
        j.item().unwrap();
        j.null().unwrap();
        j.end_array().unwrap();
        j.key("t").unwrap();
        j.bool(true).unwrap();
        j.end_object().unwrap();
        j.finish().unwrap();
        // serde_json's default map orders keys; these already are in order.
        let value =
            serde_json::json!({"a": [], "b": [{"n": 1, "o": {}, "s": "x\"y\""}, null], "t": true});
        assert_eq!(String::from_utf8(out).unwrap(), reference(&value) + "\n");
    }
}
