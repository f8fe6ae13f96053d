//! What the transfer analysis decides about each flow, as data: transfers with their
//! verdicts, onward transfers, why a flow is neither, and the whole analysis on a date.
//! [`super::analysis`] fills them; the rules, the TUI, the exports and `trace` read them.

use crate::model::law::{Act, RegimeCode};
use crate::model::{Date, Mechanism, Name, RecipientKind};

use super::holders::Role;

/// Why the exporter is subject to a regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// It is established in the area (GDPR Art. 3(1)).
    Established,
    /// It reaches into the area from outside (GDPR Art. 3(2)): the controller collecting
    /// there, its processor, or a recipient that collects there itself.
    Reach,
}

/// Whether a transfer needs a mechanism, and what the named one does for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// An adequacy decision covers the importer: not restricted.
    Adequate,
    /// Restricted, covered by a safeguard (`law` is what it rests on).
    Covered { law: String },
    /// Restricted, resting on a derogation (FM203).
    Derogation { law: String },
    /// Restricted, no mechanism named (FM202).
    NoMechanism,
    /// Restricted, the named mechanism does not cover it (FM204).
    NotCovered { why: String, law: String },
}

impl Verdict {
    /// One word for tables and JSON: `adequate`, `covered`, `derogation`, `no mechanism`,
    /// `not covered`.
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Adequate => "adequate",
            Verdict::Covered { .. } => "covered",
            Verdict::Derogation { .. } => "derogation",
            Verdict::NoMechanism => "no mechanism",
            Verdict::NotCovered { .. } => "not covered",
        }
    }

    /// Whether the verdict is a finding at error level (FM202, FM204).
    pub fn is_error(&self) -> bool {
        matches!(self, Verdict::NoMechanism | Verdict::NotCovered { .. })
    }
}

/// One flow that is a transfer under one regime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub regime: RegimeCode,
    /// The act in force for the regime on the day.
    pub act: Act,
    /// Who discloses: the controller's name, or a node's holder.
    pub exporter: Name,
    pub exporter_role: Role,
    pub subject: Subject,
    /// Who receives: the `to` node's holder.
    pub importer: Name,
    pub importer_role: Role,
    /// The importer's recipient kind, when it is a recipient.
    pub importer_kind: Option<RecipientKind>,
    /// Whether the controller is established inside the regime's area (a processor's
    /// provision under the Directive depends on it).
    pub controller_inside: bool,
    /// Whether the GDPR itself reaches the importer's processing (Art. 3(2)), so that the
    /// 2021 clauses do not serve it (Decision (EU) 2021/914 Recital 7).
    pub importer_under_gdpr: bool,
    /// How the exporter came to disclose: from its own node, by directing the data
    /// subjects' data to another, or through its processor.
    pub via: Via,
    /// The importer's locations outside the area.
    pub outside: Vec<Name>,
    /// Of those, the ones no adequacy decision covers (restricted when not empty).
    pub uncovered: Vec<Name>,
    /// The adequacy decisions that cover the covered ones.
    pub adequacy: Vec<String>,
    /// The categories the transfer carries under the regime.
    pub categories: Vec<Name>,
    pub mechanism: Option<Mechanism>,
    pub verdict: Verdict,
}

/// How the exporter of a transfer discloses the data (DESIGN.md, "Who discloses").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// From a node it holds.
    Own,
    /// The controller directs the data subjects' data from a source to another holder
    /// (CJEU C-40/17 *Fashion ID*).
    Directed,
    /// The controller's processor passes the data to another controller on its
    /// instructions (GDPR Art. 28(3)(a), Art. 29).
    Processor,
}

/// What a first transfer rested on, for the onward-transfer term FM205 names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FirstTransfer {
    pub basis: FirstBasis,
    pub exporter_role: Role,
    pub importer_role: Role,
}

/// What a first transfer rested on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FirstBasis {
    /// An adequacy decision covered the importer: a US framework's (the mechanism named
    /// after it), or another.
    Adequacy(Option<Mechanism>),
    /// A mechanism covered it (a safeguard or a derogation).
    Mechanism(Mechanism),
    /// Nothing did (no mechanism, or one that does not cover it).
    Nothing,
}

impl Transfer {
    /// Whether no adequacy decision covers the importer everywhere it is outside.
    pub fn restricted(&self) -> bool {
        !self.uncovered.is_empty()
    }
}

/// A flow that passes on data exported under a regime, by an exporter not subject to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onward {
    pub regime: RegimeCode,
    pub act: Act,
    pub exporter: Name,
    pub importer: Name,
    pub outside: Vec<Name>,
    /// The categories exported under the regime that it passes on.
    pub categories: Vec<Name>,
    /// What the first transfers whose data reach it rested on (sorted, each once).
    pub first: Vec<FirstTransfer>,
}

/// Why a flow is no transfer under any regime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotTransfer {
    /// The data subjects hand their data to the controller (Guidelines 05/2021, Ex. 1).
    Collection,
    /// Both ends are held by one legal person.
    SameEntity(String),
    /// The exporter is subject to no regime for this data.
    NotSubject(String),
    /// The importer is inside the area of every regime the exporter is subject to.
    ImporterInside(Vec<RegimeCode>),
    /// The EU–UK bridge: not a transfer to a third country.
    Bridge { law: String },
    /// The flow carries only data that is no longer personal (`personal: false`,
    /// GDPR Recital 26).
    NotPersonal,
    /// The flow cannot be judged (an unknown node or jurisdiction code).
    Unjudged,
}

/// The law of one flow on the day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowLaw {
    pub transfers: Vec<Transfer>,
    pub onward: Vec<Onward>,
    /// Set when the flow is neither a transfer nor an onward transfer.
    pub not_transfer: Option<NotTransfer>,
}

/// The transfer analysis of a whole inventory on one date.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub on: Date,
    /// Per flow, in inventory order.
    pub flows: Vec<FlowLaw>,
    /// Regimes the controller is subject to only through reach (it collects from people
    /// in the area while established outside it), with the act in force.
    pub reach: Vec<(RegimeCode, Act)>,
    /// Regimes whose area the controller collects in only through offline sources under
    /// an act whose reach needs equipment there (Directive 95/46/EC Art. 4(1)(c)): no
    /// reach, said in a notice.
    pub offline_only: Vec<(RegimeCode, Act)>,
    /// Whether an adequacy decision with a caveat flowmap does not model was relied on
    /// (Israel: automated transfers only).
    pub relied_on_israel: bool,
}
