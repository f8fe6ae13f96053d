//! The inventory: sources, stores, recipients and the flows between them.

use serde::{Deserialize, Serialize};

use super::Date;

/// One inventory file, `Inventory(...)`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    /// Human name of the inventory (e.g. "Confluent website").
    pub name: String,
    /// The controller the record is kept for.
    #[serde(default)]
    pub controller: Option<String>,
    /// Path of the policy file, relative to the inventory file. `None` skips policy rules.
    #[serde(default)]
    pub policy: Option<String>,
    /// Path of a taxonomy file; `None` uses the built-in taxonomy.
    #[serde(default)]
    pub taxonomy: Option<String>,
    /// Date the transfer rules are judged at (overridden by `--as-of`).
    #[serde(default)]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub stores: Vec<Store>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    #[serde(default)]
    pub flows: Vec<Flow>,
}

/// Where personal data is collected.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub name: String,
    /// Categories of data subjects (e.g. "visitor").
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Where the data subjects are.
    pub located: Vec<String>,
    /// Data categories collected here.
    #[serde(default)]
    pub collects: Vec<String>,
    /// May subjects be children?
    #[serde(default)]
    pub minors: bool,
}

/// Where personal data is kept.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub id: String,
    pub name: String,
    pub located: Vec<String>,
    /// Who operates the store; the controller itself unless said otherwise.
    #[serde(default)]
    pub operator: Operator,
    /// Retention period in words; `None` is FM301.
    #[serde(default)]
    pub retention: Option<String>,
    /// Security measures (Art. 32); empty is FM302.
    #[serde(default)]
    pub safeguards: Vec<String>,
}

/// Whom personal data is handed to.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub id: String,
    pub name: String,
    pub kind: RecipientKind,
    pub located: Vec<String>,
    /// Certifications such as "DPF" (EU-US Data Privacy Framework).
    #[serde(default)]
    pub certifications: Vec<String>,
}

/// A movement of personal data from one node to another.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Explicit id; the default is `<from>-><to>`.
    #[serde(default)]
    pub id: Option<String>,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub data: Vec<String>,
    #[serde(default)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub basis: Option<Basis>,
    #[serde(default)]
    pub mechanism: Option<Mechanism>,
    /// Ids of the policy sections that disclose this flow.
    #[serde(default)]
    pub policy: Vec<String>,
}

impl Flow {
    /// The flow's id: the explicit one, or `<from>-><to>`.
    pub fn resolved_id(&self) -> String {
        match &self.id {
            Some(id) => id.clone(),
            None => format!("{}->{}", self.from, self.to),
        }
    }
}

/// Who runs a store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Operator {
    #[default]
    Controller,
    Processor,
    JointController,
}

/// The kind of a recipient; policy sections disclose sharing by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum RecipientKind {
    Affiliate,
    ServiceProvider,
    Partner,
    AdNetwork,
    SocialNetwork,
    Analytics,
    Acquirer,
    Authority,
    Public,
}

/// GDPR Art. 6 legal basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Basis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}

/// GDPR Chapter V transfer mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Mechanism {
    Adequacy,
    Scc,
    Bcr,
    Dpf,
    Consent,
    ContractNecessity,
    SafeHarbor,
    PrivacyShield,
}

macro_rules! display_as_debug {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(self, f)
            }
        }
    )*};
}
display_as_debug!(Operator, RecipientKind, Basis, Mechanism);
