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
}

/// `true` when `name` equals `ancestor` or lies below it (`contact.email` in `contact`).
pub fn is_within(name: &str, ancestor: &str) -> bool {
    name == ancestor
        || (name.len() > ancestor.len()
            && name.starts_with(ancestor)
            && name.as_bytes()[ancestor.len()] == b'.')
}

/// The parent of a dotted name (`contact` for `contact.email`).
pub fn parent(name: &str) -> Option<&str> {
    name.rfind('.').map(|i| &name[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

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
