//! Data categories and purposes as dotted names (`contact.email` is inside `contact`).

use serde::{Deserialize, Serialize};

/// A taxonomy file, `Taxonomy(categories: [...], purposes: [...])`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    #[serde(default)]
    pub categories: Vec<Term>,
    #[serde(default)]
    pub purposes: Vec<Term>,
}

/// One named entry of a taxonomy.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// `Some(false)`: data that no longer relates to an identifiable person (aggregated,
    /// anonymised; GDPR Recital 26). `None` inherits the parent's; a top-level name is
    /// personal unless it says otherwise.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "flag",
        serialize_with = "flag_out"
    )]
    pub personal: Option<bool>,
}

/// Writes `personal` as the plain boolean [`flag`] reads.
fn flag_out<S: serde::Serializer>(value: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(value.unwrap_or(true))
}

/// `personal: false` is written as a plain boolean (an omitted field inherits).
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    bool::deserialize(d).map(Some)
}

impl Taxonomy {
    /// The categories that say `personal` themselves, by name.
    pub fn personal_marks(&self) -> std::collections::HashMap<&str, bool> {
        self.categories
            .iter()
            .filter_map(|t| t.personal.map(|p| (t.name.as_str(), p)))
            .collect()
    }
}

/// Whether the category `name` is personal data, given the taxonomy's marks
/// ([`Taxonomy::personal_marks`]): the nearest of itself and its dotted ancestors that
/// says `personal` decides; none says: it is.
pub fn is_personal_by(marks: &std::collections::HashMap<&str, bool>, name: &str) -> bool {
    if marks.is_empty() {
        return true;
    }
    let mut current = Some(name);
    while let Some(n) = current {
        if let Some(&p) = marks.get(n) {
            return p;
        }
        current = parent(n);
    }
    true
}

/// `true` when `name` equals `ancestor` or lies below it (`contact.email` in `contact`).
pub fn is_within(name: &str, ancestor: &str) -> bool {
    name == ancestor
        || (name.len() > ancestor.len()
            && name.starts_with(ancestor)
            && name.as_bytes()[ancestor.len()] == b'.')
}

/// Whether two names overlap: one lies within the other (`contact`, `contact.email`).
pub fn overlaps(a: &str, b: &str) -> bool {
    is_within(a, b) || is_within(b, a)
}

/// The narrower of two overlapping names (`contact.email` of `contact` and
/// `contact.email`); `None` when they do not overlap.
pub fn narrower<'a>(a: &'a str, b: &'a str) -> Option<&'a str> {
    if is_within(a, b) {
        Some(a)
    } else if is_within(b, a) {
        Some(b)
    } else {
        None
    }
}

/// The parent of a dotted name (`contact` for `contact.email`).
pub fn parent(name: &str) -> Option<&str> {
    name.rfind('.').map(|i| &name[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_and_the_narrower_name() {
        assert!(overlaps("contact", "contact.email") && overlaps("contact.email", "contact"));
        assert!(!overlaps("contact", "contacts") && !overlaps("device", "contact"));
        assert_eq!(narrower("contact", "contact.email"), Some("contact.email"));
        assert_eq!(narrower("contact.email", "contact"), Some("contact.email"));
        assert_eq!(narrower("usage", "usage"), Some("usage"));
        assert_eq!(narrower("usage", "device"), None);
    }

    #[test]
    fn within_respects_segment_boundaries() {
        assert!(is_within("contact.email", "contact"));
        assert!(is_within("contact", "contact"));
        assert!(!is_within("contacts", "contact"));
        assert!(!is_within("contact", "contact.email"));
        assert_eq!(parent("a.b.c"), Some("a.b"));
        assert_eq!(parent("a"), None);
    }
}
