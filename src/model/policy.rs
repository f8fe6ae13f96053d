//! The organisation's published privacy policy, section by section.

use serde::{Deserialize, Serialize};

use super::{Date, Mechanism, RecipientKind};

/// A policy file, `Policy(...)`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub effective: Option<Date>,
    /// The policy says it does not knowingly collect from children below this age.
    #[serde(default)]
    pub children_min_age: Option<u32>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// One section of the policy and what it discloses.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    #[serde(default)]
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub quote: String,
    /// Data categories it discloses (a category covers its dotted children).
    #[serde(default)]
    pub collects: Vec<String>,
    #[serde(default)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub shares_with: Vec<RecipientKind>,
    /// Jurisdictions it discloses storage in or transfer to.
    #[serde(default)]
    pub locations: Vec<String>,
    #[serde(default)]
    pub mechanisms: Vec<Mechanism>,
}
