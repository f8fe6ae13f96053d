//! The inventory: sources, stores, recipients and the flows between them.

use serde::{Deserialize, Deserializer, Serialize};

use super::law::Certification;
use super::{Date, Name};

/// One inventory file, `Inventory(...)`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    /// Human name of the inventory (e.g. "Confluent website").
    pub name: String,
    /// The controller the record is kept for.
    #[serde(default)]
    pub controller: Option<String>,
    /// Where the controller is established (jurisdiction codes); empty is FM206.
    #[serde(default)]
    pub established: Vec<Name>,
    /// Areas where the controller has named a representative (`EEA`, `GB`, `CH`).
    #[serde(default)]
    pub representatives: Vec<Name>,
    /// Path of the policy file, relative to the inventory file. `None` skips policy rules.
    #[serde(default)]
    pub policy: Option<String>,
    /// Path of a taxonomy file; `None` uses the built-in taxonomy.
    #[serde(default)]
    pub taxonomy: Option<String>,
    /// Date the transfer rules are judged at (overridden by `--as-of`).
    #[serde(default)]
    pub as_of: Option<Date>,
    #[serde(default, deserialize_with = "shrunk")]
    pub sources: Vec<Source>,
    #[serde(default, deserialize_with = "shrunk")]
    pub stores: Vec<Store>,
    #[serde(default, deserialize_with = "shrunk")]
    pub recipients: Vec<Recipient>,
    #[serde(default, deserialize_with = "shrunk")]
    pub flows: Vec<Flow>,
}

/// Where personal data is collected.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Name,
    pub name: Name,
    /// Categories of data subjects (e.g. "visitor").
    #[serde(default, deserialize_with = "shrunk")]
    pub subjects: Vec<Name>,
    /// Where the data subjects are.
    #[serde(deserialize_with = "shrunk")]
    pub located: Vec<Name>,
    /// How the data is collected: on the person's device (a website or app, the default)
    /// or offline (paper, phone, in person). Under Directive 95/46/EC only an `Online`
    /// source is equipment in the area (Art. 4(1)(c); WP29 WP56).
    #[serde(default)]
    pub channel: Channel,
    /// Data categories collected here.
    #[serde(default, deserialize_with = "shrunk")]
    pub collects: Vec<Name>,
    /// May subjects be children?
    #[serde(default)]
    pub minors: bool,
}

/// Where personal data is kept.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub id: Name,
    pub name: Name,
    #[serde(deserialize_with = "shrunk")]
    pub located: Vec<Name>,
    /// Who operates the store; the controller itself unless said otherwise.
    #[serde(default)]
    pub operator: Operator,
    /// The legal person holding the store: nodes that share an entity are one holder.
    #[serde(default)]
    pub entity: Option<String>,
    /// The processor's certifications (`"DPF"`, ...), as for recipients.
    #[serde(default)]
    pub certifications: Vec<Certification>,
    /// Retention period in words; `None` is FM301.
    #[serde(default)]
    pub retention: Option<String>,
    /// Security measures (Art. 32); empty is FM302.
    #[serde(default, deserialize_with = "shrunk")]
    pub safeguards: Vec<String>,
}

/// Whom personal data is handed to.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub id: Name,
    pub name: Name,
    pub kind: RecipientKind,
    #[serde(deserialize_with = "shrunk")]
    pub located: Vec<Name>,
    /// The legal person behind the recipient: nodes that share an entity are one holder.
    #[serde(default)]
    pub entity: Option<String>,
    /// Certifications: "SafeHarbor", "PrivacyShield", "DPF", "DPF-UK", "DPF-CH".
    #[serde(default)]
    pub certifications: Vec<Certification>,
}

/// A movement of personal data from one node to another.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Explicit id; the default is `<from>-><to>`.
    #[serde(default)]
    pub id: Option<Name>,
    pub from: Name,
    pub to: Name,
    #[serde(default, deserialize_with = "shrunk")]
    pub data: Vec<Name>,
    #[serde(default, deserialize_with = "shrunk")]
    pub purposes: Vec<Name>,
    #[serde(default)]
    pub basis: Option<Basis>,
    #[serde(default)]
    pub mechanism: Option<Mechanism>,
    /// Ids of the policy sections that disclose this flow.
    #[serde(default, deserialize_with = "shrunk")]
    pub policy: Vec<Name>,
}

/// How a source collects its data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Channel {
    /// A website or app on the person's device, with its cookies and scripts.
    #[default]
    Online,
    /// Paper forms, a phone call, in person.
    Offline,
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
    /// A body under public international law (GDPR Art. 4(26)).
    InternationalOrganisation,
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

/// A transfer mechanism (DESIGN.md, "Transfers"): what a flow rests on when it is a
/// restricted transfer. Which regime knows which, and when, is data
/// (`inventory/jurisdictions.ron`, `mechanisms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Mechanism {
    /// An adequacy decision covers the importer (naming it is optional).
    Adequacy,
    /// The regime's standard clauses in force on the day.
    Scc,
    /// The old EU standard clauses (2001/497, 2004/915, 2002/16, 2010/87).
    Scc2010,
    /// The 2021 EU standard clauses (Decision (EU) 2021/914).
    Scc2021,
    /// The UK Addendum to the 2021 EU clauses.
    UkAddendum,
    /// The UK International Data Transfer Agreement.
    Idta,
    /// Binding corporate rules (within the group).
    Bcr,
    /// An approved code of conduct (GDPR Art. 46(2)(e)).
    CodeOfConduct,
    /// An approved certification mechanism (GDPR Art. 46(2)(f)).
    Certification,
    /// Clauses authorised by a supervisory authority.
    AdHocClauses,
    /// EU–US (or Swiss–US) Safe Harbor.
    SafeHarbor,
    /// EU–US (or Swiss–US) Privacy Shield.
    PrivacyShield,
    /// The Data Privacy Framework (EU–US, UK Extension, Swiss–US).
    Dpf,
    /// Derogation: the data subject's consent.
    Consent,
    /// Derogation: necessary for a contract with or in the interest of the data subject.
    ContractNecessity,
    /// Derogation: important reasons of public interest.
    PublicInterest,
    /// Derogation: legal claims.
    LegalClaims,
    /// Derogation: vital interests.
    VitalInterests,
    /// Derogation: a transfer from a public register.
    PublicRegister,
    /// Derogation: compelling legitimate interests (GDPR Art. 49(1) second subparagraph).
    CompellingLegitimateInterests,
}

impl Mechanism {
    /// Whether the mechanism is a derogation (FM203).
    pub fn is_derogation(self) -> bool {
        matches!(
            self,
            Mechanism::Consent
                | Mechanism::ContractNecessity
                | Mechanism::PublicInterest
                | Mechanism::LegalClaims
                | Mechanism::VitalInterests
                | Mechanism::PublicRegister
                | Mechanism::CompellingLegitimateInterests
        )
    }

    /// Whether a restricted transfer covered by it needs a transfer impact assessment
    /// after CJEU C-311/18 (FM209): clauses and binding rules, not frameworks or adequacy.
    pub fn needs_assessment(self) -> bool {
        matches!(
            self,
            Mechanism::Scc
                | Mechanism::Scc2010
                | Mechanism::Scc2021
                | Mechanism::UkAddendum
                | Mechanism::Idta
                | Mechanism::Bcr
                | Mechanism::AdHocClauses
        )
    }
}

/// Deserialises a list and hands back its spare capacity. ron grows a list by doubling
/// from four slots, so a flow's one or two categories held four, and 100,000 flows a
/// list of 131,072: a fifth of the model's memory at that size, given back here as each
/// list is read (the freed tails are reused by the strings parsed next).
fn shrunk<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(d)?;
    list.shrink_to_fit();
    Ok(list)
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
display_as_debug!(Operator, RecipientKind, Basis, Mechanism, Channel);
