//! The fideslang 3.x resources flowmap reads and writes, as serde types. Fields flowmap
//! does not use are ignored on reading (as Fides' own models ignore extra keys) and
//! left out on writing.

use serde::{Deserialize, Serialize};

use super::{FlowmapMeta, OrganizationMeta};

/// One manifest file: resources under their top-level keys. Fides merges the lists of
/// every file under a directory.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Manifest {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub system: Vec<System>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dataset: Vec<Dataset>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organization: Vec<Organization>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_category: Vec<TaxonomyTerm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_use: Vec<TaxonomyTerm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_subject: Vec<TaxonomyTerm>,
    /// Fides policies (rules over categories, uses and subjects): read and not used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policy: Vec<Opaque>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct System {
    pub fides_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_fides_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub system_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress: Option<Vec<DataFlow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Vec<DataFlow>>,
    pub privacy_declarations: Vec<PrivacyDeclaration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dataset_references: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsibility: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint_controller_info: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_security_practices: Option<String>,
    pub does_international_transfers: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legal_basis_for_transfers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta<FlowmapMeta>>,
}

/// A resource's `meta`: flowmap reads and writes only its `flowmap` key (other keys are
/// the user's, and ignored), typed so that a large export needs no generic YAML tree.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Meta<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flowmap: Option<T>,
}

impl<T> Default for Meta<T> {
    fn default() -> Self {
        Meta { flowmap: None }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PrivacyDeclaration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub data_categories: Vec<String>,
    pub data_use: String,
    pub data_subjects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset_references: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_basis_for_processing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_period: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DataFlow {
    pub fides_key: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_categories: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Dataset {
    pub fides_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_fides_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_categories: Option<Vec<String>>,
    pub collections: Vec<Opaque>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Organization {
    pub fides_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<ContactDetails>,
    /// Not a fideslang field (Fides ignores extra keys on an organization): flowmap
    /// keeps the inventory's own facts here so that an export imports back unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta<OrganizationMeta>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ContactDetails {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// A data category, data use or data subject.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TaxonomyTerm {
    pub fides_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_key: Option<String>,
}

/// A value flowmap reads past without keeping (a Fides policy, a dataset's collections):
/// it is still parsed, so it must be valid YAML within the alias budget. Written as `null`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opaque;

impl<'de> Deserialize<'de> for Opaque {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Opaque, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Opaque)
    }
}

impl Serialize for Opaque {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}
