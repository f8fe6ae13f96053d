//! Writing YAML that every reader reads back as written: serde values become a small
//! tree ([`Node`]), emitted in block style. A string is written plain only when it is
//! plainly a string to YAML 1.1 (PyYAML, which Fides uses) and 1.2 alike — a letter
//! first, then letters, digits, spaces and `_ . - / ( )`, and not a word such as `no`,
//! `on` or `null`; anything else is double-quoted, with control characters, bidi
//! controls and the other characters [`crate::sanitize::is_hazard`] names as `\u`
//! escapes, so no raw control reaches the file.

use std::fmt::Write as _;

use serde::Serialize;
use serde::ser;

/// `value` as a YAML document.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let node = value.serialize(Tree).map_err(|e| e.0)?;
    let mut out = String::new();
    match &node {
        Node::Map(entries) if !entries.is_empty() => map(&mut out, entries, 0),
        Node::Seq(items) if !items.is_empty() => seq(&mut out, items, 0),
        other => {
            inline(&mut out, other);
            out.push('\n');
        }
    }
    Ok(out)
}

/// A serde value, keys in the order they were serialised.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// A number, as its digits.
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// Whether `s` may be written without quotes: see the module's documentation.
pub fn plain_ok(s: &str) -> bool {
    const WORDS: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    let Some(first) = s.chars().next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && !s.ends_with(' ')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" _.-/()".contains(&b))
        && !WORDS.contains(&s.to_ascii_lowercase().as_str())
}

/// `s` as a YAML scalar: plain when [`plain_ok`], else double-quoted and escaped.
pub fn scalar(out: &mut String, s: &str) {
    if plain_ok(s) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if crate::sanitize::is_hazard(c)
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn inline(out: &mut String, node: &Node) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Number(n) => out.push_str(n),
        Node::Str(s) => scalar(out, s),
        Node::Seq(_) => out.push_str("[]"),
        Node::Map(_) => out.push_str("{}"),
    }
}

fn is_block(node: &Node) -> bool {
    matches!(node, Node::Seq(v) if !v.is_empty()) || matches!(node, Node::Map(v) if !v.is_empty())
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn map(out: &mut String, entries: &[(String, Node)], at: usize) {
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            indent(out, at);
        }
        scalar(out, key);
        out.push(':');
        value_after(out, value, at + 2);
    }
}

fn seq(out: &mut String, items: &[Node], at: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            indent(out, at);
        }
        out.push_str("- ");
        match item {
            Node::Map(entries) if !entries.is_empty() => map(out, entries, at + 2),
            Node::Seq(inner) if !inner.is_empty() => seq(out, inner, at + 2),
            other => {
                inline(out, other);
                out.push('\n');
            }
        }
    }
}

/// The value after `key:`, its block (if any) indented by `at`.
fn value_after(out: &mut String, value: &Node, at: usize) {
    if is_block(value) {
        out.push('\n');
        indent(out, at);
        match value {
            Node::Map(entries) => map(out, entries, at),
            Node::Seq(items) => seq(out, items, at),
            _ => unreachable!("is_block"),
        }
    } else {
        out.push(' ');
        inline(out, value);
        out.push('\n');
    }
}

/// Why a value could not become YAML.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// The serializer that builds a [`Node`].
struct Tree;

/// A sequence or tuple being built.
struct SeqBuilder(Vec<Node>, Option<&'static str>);

/// A map or struct being built.
struct MapBuilder(Vec<(String, Node)>, Option<String>, Option<&'static str>);

fn wrap(variant: Option<&'static str>, node: Node) -> Node {
    match variant {
        Some(v) => Node::Map(vec![(v.to_string(), node)]),
        None => node,
    }
}

macro_rules! number {
    ($($name:ident: $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result<Node, Error> {
            Ok(Node::Number(v.to_string()))
        }
    )*};
}

impl ser::Serializer for Tree {
    type Ok = Node;
    type Error = Error;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = SeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = MapBuilder;

    number!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_f32(self, v: f32) -> Result<Node, Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, Error> {
        Ok(Node::Number(if v.is_finite() {
            format!("{v:?}")
        } else if v.is_nan() {
            ".nan".into()
        } else if v > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        }))
    }
    fn serialize_bool(self, v: bool) -> Result<Node, Error> {
        Ok(Node::Bool(v))
    }
    fn serialize_char(self, v: char) -> Result<Node, Error> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, Error> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Node, Error> {
        Ok(Node::Seq(
            v.iter().map(|b| Node::Number(b.to_string())).collect(),
        ))
    }
    fn serialize_none(self) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Node, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, Error> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<Node, Error> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Node, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<Node, Error> {
        Ok(wrap(Some(variant), v.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, Error> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0)), None))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, Error> {
        Ok(SeqBuilder(Vec::with_capacity(len), Some(variant)))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, Error> {
        Ok(MapBuilder(Vec::with_capacity(len.unwrap_or(0)), None, None))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<MapBuilder, Error> {
        Ok(MapBuilder(Vec::with_capacity(len), None, Some(variant)))
    }
}

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.0.push(v.serialize(Tree)?);
        Ok(())
    }
    fn finish(self) -> Result<Node, Error> {
        Ok(wrap(self.1, Node::Seq(self.0)))
    }
}

macro_rules! seq_like {
    ($($trait:ident: $method:ident),*) => {$(
        impl ser::$trait for SeqBuilder {
            type Ok = Node;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                self.push(v)
            }
            fn end(self) -> Result<Node, Error> {
                self.finish()
            }
        }
    )*};
}

seq_like!(SerializeSeq: serialize_element, SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field, SerializeTupleVariant: serialize_field);

impl MapBuilder {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<(), Error> {
        self.0.push((key.to_string(), v.serialize(Tree)?));
        Ok(())
    }
    fn finish(self) -> Result<Node, Error> {
        Ok(wrap(self.2, Node::Map(self.0)))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.1 = Some(match key.serialize(Tree)? {
            Node::Str(s) | Node::Number(s) => s,
            Node::Bool(b) => b.to_string(),
            _ => return Err(Error("a map key that is not text".into())),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self.1.take().unwrap_or_default();
        self.field(&key, v)
    }
    fn end(self) -> Result<Node, Error> {
        self.finish()
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(key, v)
    }
    fn end(self) -> Result<Node, Error> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for MapBuilder {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(key, v)
    }
    fn end(self) -> Result<Node, Error> {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_words_dates_and_numbers_are_quoted() {
        for s in [
            "no",
            "Yes",
            "ON",
            "off",
            "y",
            "null",
            "2024-01-01",
            "1.0",
            "0x1f",
            "",
            " a",
            "a ",
            "-",
            "~",
        ] {
            assert!(!plain_ok(s), "{s:?}");
        }
        for s in ["Cookie House", "user.contact.email", "a-b_c/d (e)"] {
            assert!(plain_ok(s), "{s:?}");
        }
    }

    #[test]
    fn hazards_are_escaped_in_double_quotes() {
        let mut out = String::new();
        scalar(&mut out, "a\u{202e}b\u{1b}\"\\\n");
        assert_eq!(out, r#""a\u202Eb\u001B\"\\\n""#);
    }

    #[test]
    fn blocks_nest() {
        #[derive(Serialize)]
        struct S {
            a: Vec<Vec<u8>>,
            b: Vec<(u8, String)>,
            c: Option<Vec<u8>>,
        }
        let text = to_string(&S {
            a: vec![vec![1, 2], vec![]],
            b: vec![(1, "x: y".into())],
            c: Some(vec![]),
        })
        .unwrap();
        assert_eq!(
            text,
            "a:\n  - - 1\n    - 2\n  - []\nb:\n  - - 1\n    - \"x: y\"\nc: []\n"
        );
    }
}
