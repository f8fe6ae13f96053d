//! The table between Fideslang's data categories and uses and flowmap's taxonomy, read
//! from the built-in taxonomy's descriptions (each names its Fideslang counterparts,
//! e.g. "(DPV EmailAddress; Fideslang user.contact.email)"), so the two never drift.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::{Taxonomy, Term};

const BUILTIN: &str = include_str!("../../../inventory/taxonomy.ron");

/// Both directions for one kind of term (categories, or purposes/uses).
#[derive(Debug, Default)]
pub struct Mapping {
    /// Fideslang key → flowmap name (the first flowmap term that names it).
    pub from_fides: HashMap<String, String>,
    /// flowmap name → Fideslang key (the first counterpart its description names).
    pub to_fides: HashMap<String, String>,
}

/// The built-in taxonomy and its Fideslang table.
#[derive(Debug)]
pub struct Table {
    pub builtin: Taxonomy,
    pub categories: Mapping,
    pub purposes: Mapping,
}

/// The table, built once.
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let builtin: Taxonomy = ron::from_str(BUILTIN).expect("the built-in taxonomy parses");
        Table {
            categories: mapping(&builtin.categories),
            purposes: mapping(&builtin.purposes),
            builtin,
        }
    })
}

fn mapping(terms: &[Term]) -> Mapping {
    let mut m = Mapping::default();
    for term in terms {
        for key in fideslang_keys(&term.description) {
            m.from_fides
                .entry(key.clone())
                .or_insert_with(|| term.name.clone());
            m.to_fides.entry(term.name.clone()).or_insert(key);
        }
    }
    m
}

/// The Fideslang keys a description names: the words after "Fideslang " up to the
/// closing parenthesis or semicolon, split on commas.
pub fn fideslang_keys(description: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = description;
    while let Some(i) = rest.find("Fideslang ") {
        rest = &rest[i + "Fideslang ".len()..];
        let end = rest.find([')', ';']).unwrap_or(rest.len());
        for key in rest[..end].split(',') {
            let key = key.trim().trim_end_matches('.');
            if !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
            {
                keys.push(key.to_string());
            }
        }
        rest = &rest[end..];
    }
    keys
}

/// A flowmap taxonomy name for any text: lowercase dotted segments of `[a-z0-9_]`.
pub fn to_name(key: &str) -> String {
    let segments: Vec<String> = key
        .split('.')
        .map(|s| {
            s.chars()
                .map(|c| {
                    let c = c.to_ascii_lowercase();
                    if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() {
        "unnamed".to_string()
    } else {
        segments.join(".")
    }
}

/// The flowmap category for a Fideslang category key: the table's, else the key with
/// `user.` dropped (as the built-in taxonomy drops it), made a name.
pub fn category_from_fides(key: &str) -> String {
    match table().categories.from_fides.get(key) {
        Some(name) => name.clone(),
        None => to_name(key.strip_prefix("user.").unwrap_or(key)),
    }
}

/// The flowmap purpose for a Fideslang data use key.
pub fn purpose_from_fides(key: &str) -> String {
    match table().purposes.from_fides.get(key) {
        Some(name) => name.clone(),
        None => to_name(key),
    }
}

/// The Fideslang category key for a flowmap category: the table's counterpart, else
/// `user.<name>` (declared as a taxonomy extension by the export).
pub fn category_to_fides(name: &str) -> String {
    match table().categories.to_fides.get(name) {
        Some(key) => key.clone(),
        None => format!("user.{name}"),
    }
}

/// The Fideslang data use key for a flowmap purpose: the counterpart, else the name.
pub fn purpose_to_fides(name: &str) -> String {
    match table().purposes.to_fides.get(name) {
        Some(key) => key.clone(),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_name_their_counterparts() {
        assert_eq!(
            fideslang_keys("An email address (DPV EmailAddress; Fideslang user.contact.email)."),
            ["user.contact.email"]
        );
        assert_eq!(category_from_fides("user.contact.email"), "contact.email");
        assert_eq!(category_to_fides("contact.email"), "user.contact.email");
        assert_eq!(purpose_from_fides("marketing.advertising"), "advertising");
        assert_eq!(category_from_fides("user.Custom<x>"), "custom_x_");
    }
}
