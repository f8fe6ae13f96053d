//! Ethyca Fides manifests (fideslang 3.x) in and out: [`import`] maps a folder of
//! manifests to an inventory, [`export`] writes an inventory as manifests, keeping every
//! flowmap-only fact in `meta.flowmap` so that importing the export gives the inventory
//! back.

pub mod export;
pub mod import;
pub mod model;
pub mod ron_out;
pub mod taxonomy;

use serde::{Deserialize, Serialize};

use crate::model::{Date, Flow, Recipient, Source, Store};

pub use export::{export, write_dir};
pub use import::{Imported, import_dir};

/// `meta.flowmap` of an exported system: the node as flowmap has it, its place in the
/// inventory's list, and the flows into it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FlowmapMeta {
    pub index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<Store>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Recipient>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<IndexedFlow>,
}

/// A flow and its place in the inventory's list.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndexedFlow {
    pub index: usize,
    pub flow: Flow,
}

/// `meta.flowmap` of the exported organization: the inventory's own fields, its
/// sources, and flows that end at no system.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationMeta {
    pub inventory: Header,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<IndexedFlow>,
}

/// The inventory's fields other than its lists.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub name: String,
    #[serde(default)]
    pub controller: Option<String>,
    #[serde(default)]
    pub established: Vec<crate::model::Name>,
    #[serde(default)]
    pub representatives: Vec<crate::model::Name>,
    #[serde(default)]
    pub policy: Option<String>,
    #[serde(default)]
    pub taxonomy: Option<String>,
    #[serde(default)]
    pub as_of: Option<Date>,
}

/// Strings in order of first appearance, each once, in time linear in their number.
#[derive(Default)]
pub(crate) struct Unique {
    pub(crate) list: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Unique {
    pub(crate) fn push(&mut self, s: String) {
        if !self.seen.contains(&s) {
            self.seen.insert(s.clone());
            self.list.push(s);
        }
    }

    pub(crate) fn extend<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a (impl AsRef<str> + 'a)>,
    ) {
        for s in items {
            self.push(s.as_ref().to_string());
        }
    }
}
