//! The law as dated data: the transfer regimes (EU, UK, CH), the act in force in each on
//! a date, the EU–UK bridge, and the window, roles and importer scope of every transfer
//! mechanism per regime. The rows live in `inventory/jurisdictions.ron` beside the
//! adequacy lists (see [`super::jurisdiction`]); every row names its source there.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Date, Mechanism};

/// The first day flowmap knows any law for: Directive 95/46/EC bound companies only
/// through the Member States' laws, due by 1998-10-24 (Art. 32(1)), so flowmap's law
/// starts the day after. Earlier `as_of` dates are refused.
pub const EARLIEST: Date = match Date::new(1998, 10, 25) {
    Some(day) => day,
    None => panic!("1998-10-25 is a date"),
};

/// Why flowmap's law starts on [`EARLIEST`], for messages that refuse an earlier date.
pub const EARLIEST_WHY: &str =
    "the Member States' laws under Directive 95/46/EC were due by 1998-10-24 (Art. 32(1))";

/// A transfer regime: a body of law that restricts transfers out of its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum RegimeCode {
    /// Directive 95/46/EC, then the GDPR; the area is the EEA.
    EU,
    /// The UK GDPR and the DPA 2018, from 2021-01-01; the area is `GB`.
    UK,
    /// The Swiss FADP (1992, then revised from 2023-09-01); the area is `CH`.
    CH,
}

impl RegimeCode {
    /// Every regime, in the order findings list them.
    pub const ALL: [RegimeCode; 3] = [RegimeCode::EU, RegimeCode::UK, RegimeCode::CH];

    /// The code a `representatives` list uses for the regime's area (`EEA`, `GB`, `CH`).
    pub fn area_code(self) -> &'static str {
        match self {
            RegimeCode::EU => "EEA",
            RegimeCode::UK => "GB",
            RegimeCode::CH => "CH",
        }
    }
}

impl fmt::Display for RegimeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// One regime: its area, the first day flowmap applies it, and its acts over time.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    pub code: RegimeCode,
    pub name: String,
    /// Region or country codes that make up the area (judged by membership on the day).
    pub area: Vec<String>,
    /// First day the regime exists (the UK's from 2021-01-01).
    pub from: Date,
    /// The acts in force, one window each.
    pub laws: Vec<Law>,
}

/// An act in force in a regime between two days.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    pub act: Act,
    pub from: Date,
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub note: String,
    pub source: String,
}

/// The acts flowmap cites, each with the articles the rules rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Act {
    /// Directive 95/46/EC.
    Directive,
    /// Regulation (EU) 2016/679.
    Gdpr,
    /// The UK GDPR.
    UkGdpr,
    /// The Swiss FADP of 1992.
    Fadp1992,
    /// The revised Swiss FADP of 2020, in force from 2023-09-01.
    Fadp,
}

/// What a finding can rest on in an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    /// The general principle for transfers (GDPR Art. 44).
    Transfers,
    /// Adequacy (GDPR Art. 45).
    Adequacy,
    /// Appropriate safeguards (GDPR Art. 46).
    Safeguards,
    /// Establishment in the area (GDPR Art. 3(1)).
    Establishment,
    /// Reach into the area from outside (GDPR Art. 3(2)).
    Reach,
    /// The representative's duty (GDPR Art. 27).
    Representative,
}

impl Act {
    /// The act's short name (`GDPR`, `Directive 95/46/EC`).
    pub fn name(self) -> &'static str {
        match self {
            Act::Directive => "Directive 95/46/EC",
            Act::Gdpr => "GDPR",
            Act::UkGdpr => "UK GDPR",
            Act::Fadp1992 => "FADP (1992)",
            Act::Fadp => "FADP",
        }
    }

    /// `"<act> Art. N"` for what a finding rests on.
    pub fn cite(self, article: Article) -> String {
        use Act::*;
        use Article::*;
        let number = match (self, article) {
            (Directive, Transfers) => "Art. 25(1)",
            (Directive, Adequacy) => "Art. 25(6)",
            (Directive, Safeguards) => "Art. 26(2)",
            (Directive, Establishment) => "Art. 4(1)(a)",
            (Directive, Reach) => "Art. 4(1)(c)",
            (Directive, Representative) => "Art. 4(2)",
            (Gdpr | UkGdpr, Transfers) => "Art. 44",
            (Gdpr | UkGdpr, Adequacy) => "Art. 45",
            (Gdpr | UkGdpr, Safeguards) => "Art. 46",
            (Gdpr | UkGdpr, Establishment) => "Art. 3(1)",
            (Gdpr | UkGdpr, Reach) => "Art. 3(2)",
            (Gdpr | UkGdpr, Representative) => "Art. 27",
            (Fadp1992, Transfers | Adequacy | Safeguards) => "Art. 6",
            // The 1992 FADP has no article on its territorial scope and no representative.
            (Fadp1992, Establishment | Reach | Representative) => return self.name().to_string(),
            (Fadp, Transfers | Adequacy) => "Art. 16(1)",
            (Fadp, Safeguards) => "Art. 16(2)",
            (Fadp, Establishment | Reach) => "Art. 3(1)",
            (Fadp, Representative) => "Art. 14",
        };
        format!("{} {number}", self.name())
    }
}

/// The EU–UK bridge: flows to an importer in `place` between the two days are not
/// transfers to a third country under `regime`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bridge {
    pub regime: RegimeCode,
    pub place: String,
    pub from: Date,
    pub until: Date,
    /// What flowmap cites for it (`TCA Art. FINPROV.10A`).
    pub law: String,
    #[serde(default)]
    pub note: String,
    pub source: String,
}

/// Guidance or a judgment that a message may cite, with the day it exists from: a message
/// cites it only from that day, and says "as … later put it" when it applies the reading
/// to an earlier date (DESIGN.md, "Cite only what exists on `as_of`").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// What flowmap calls it (`Wp56`, `EdpbTransfers`).
    pub key: GuidanceKey,
    /// How a message cites it (`WP29 WP56`).
    pub cite: String,
    /// Who wrote it, for "as … later put it" (`the Article 29 Working Party`).
    pub by: String,
    /// The day it was adopted or delivered.
    pub from: Date,
    pub source: String,
}

/// The guidance and judgments flowmap's messages cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum GuidanceKey {
    /// WP29 WP56 (2002): cookies and scripts on the person's device are equipment.
    Wp56,
    /// WP29 WP114 (2005): the Directive's derogations read restrictively.
    Wp114,
    /// WP29 WP179 (2010): applicable law; a processor's equipment in the area.
    Wp179,
    /// EDPB Guidelines 2/2018: the GDPR's derogations.
    EdpbDerogations,
    /// EDPB Guidelines 3/2018: territorial scope.
    EdpbScope,
    /// EDPB Recommendations 01/2020: supplementary measures.
    EdpbMeasures,
    /// EDPB Guidelines 05/2021: what a transfer is.
    EdpbTransfers,
    /// CJEU C-40/17 Fashion ID: who directs the data there.
    FashionId,
    /// CJEU C-311/18 Schrems II: transfer impact assessments.
    SchremsII,
    /// The FDPIC's policy paper of 2020-09-08: the Swiss impact assessment.
    FdpicPaper2020,
    /// Retained EU Law (Revocation and Reform) Act 2023 s. 5: from 2024-01-01 retained EU
    /// case law (C-311/18 among it) is "assimilated case law" in the United Kingdom.
    UkAssimilatedLaw,
}

/// When, between whom and to whom a mechanism covers a restricted transfer in a regime.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub mechanism: Mechanism,
    pub regime: RegimeCode,
    pub from: Date,
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub roles: Roles,
    #[serde(default)]
    pub importer: ImporterScope,
    /// The instrument or article the window rests on, cited in findings.
    pub law: String,
    #[serde(default)]
    pub note: String,
    pub source: String,
}

impl Window {
    /// Whether the window is open on `on` (both ends inclusive).
    pub fn open_on(&self, on: Date) -> bool {
        self.from <= on && self.until.is_none_or(|last| on <= last)
    }
}

/// The exporter's and importer's roles a window covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Roles {
    #[default]
    Any,
    ControllerToController,
    ControllerToProcessor,
}

/// Which importers a window covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum ImporterScope {
    #[default]
    Any,
    /// A US importer holding this certification.
    Certified(Certification),
    /// An importer in the controller's group (an `Affiliate` recipient).
    Group,
}

/// A certification an importer may hold, written as a string in RON (`"DPF-UK"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(try_from = "String", into = "String")]
pub enum Certification {
    /// EU–US (and Swiss–US) Safe Harbor.
    SafeHarbor,
    /// EU–US (and Swiss–US) Privacy Shield.
    PrivacyShield,
    /// EU–US Data Privacy Framework.
    Dpf,
    /// The UK Extension to the DPF.
    DpfUk,
    /// The Swiss–US DPF.
    DpfCh,
}

impl Certification {
    /// Every certification, in the order they are suggested.
    pub const ALL: [Certification; 5] = [
        Certification::SafeHarbor,
        Certification::PrivacyShield,
        Certification::Dpf,
        Certification::DpfUk,
        Certification::DpfCh,
    ];

    /// The name an inventory writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Certification::SafeHarbor => "SafeHarbor",
            Certification::PrivacyShield => "PrivacyShield",
            Certification::Dpf => "DPF",
            Certification::DpfUk => "DPF-UK",
            Certification::DpfCh => "DPF-CH",
        }
    }
}

impl fmt::Display for Certification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Certification {
    type Error = String;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        if let Some(known) = Certification::ALL.into_iter().find(|c| c.as_str() == name) {
            return Ok(known);
        }
        let names = Certification::ALL.map(Certification::as_str);
        let nearest = crate::suggest::nearest(&name, names).or_else(|| {
            names
                .into_iter()
                .find(|n| n.eq_ignore_ascii_case(name.trim()))
        });
        Err(format!(
            "unknown certification `{}`{}; flowmap knows {}",
            crate::sanitize::terminal(&name),
            crate::suggest::did_you_mean(nearest),
            names.map(|n| format!("\"{n}\"")).join(", ")
        ))
    }
}

impl From<Certification> for String {
    fn from(c: Certification) -> String {
        c.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certifications_round_trip_and_suggest() {
        for c in Certification::ALL {
            assert_eq!(Certification::try_from(c.as_str().to_string()), Ok(c));
        }
        let err = Certification::try_from("DPF-Uk".to_string()).unwrap_err();
        assert!(err.contains("did you mean `DPF-UK`"), "{err}");
        let err = Certification::try_from("Safe Harbour".to_string()).unwrap_err();
        assert!(err.contains("`SafeHarbor`"), "{err}");
    }

    #[test]
    fn acts_cite_their_articles() {
        assert_eq!(Act::Gdpr.cite(Article::Transfers), "GDPR Art. 44");
        assert_eq!(
            Act::Directive.cite(Article::Reach),
            "Directive 95/46/EC Art. 4(1)(c)"
        );
        assert_eq!(Act::Fadp1992.cite(Article::Transfers), "FADP (1992) Art. 6");
        assert_eq!(Act::Fadp.cite(Article::Adequacy), "FADP Art. 16(1)");
    }
}
