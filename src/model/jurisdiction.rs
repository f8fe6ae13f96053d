//! The jurisdiction table: ISO 3166-1 country codes, the regions `EU` and `EEA`, the EU
//! adequacy decisions and the US self-certification frameworks (Safe Harbor, Privacy
//! Shield, Data Privacy Framework).
//!
//! The table is data, shipped as `inventory/jurisdictions.ron` and compiled into the
//! binary; [`Jurisdictions::builtin`] parses it once. Every query goes through an index
//! built on first use, so lookups are hash lookups.
//!
//! Dates are inclusive at both ends: `from` is the first day a decision, framework or
//! membership is valid, `until` the last. Safe Harbor (`until: 2015-10-06`) is valid on
//! 2015-10-06 and invalid on 2015-10-07.

use std::collections::HashSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Date, Mechanism};

/// The shipped table, embedded at compile time.
const BUILTIN_RON: &str = include_str!("../../inventory/jurisdictions.ron");

/// The code that stands for "anywhere else" in a `located` list.
pub const ANYWHERE: &str = "*";

/// The name [`Jurisdictions::name`] gives to [`ANYWHERE`].
const ANYWHERE_NAME: &str = "anywhere else";

/// A jurisdiction table, `Jurisdictions(countries: [...], regions: [...], ...)`.
///
/// Treat it as read-only: the lookup index is built on the first query and is not
/// refreshed if the public fields change afterwards.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdictions {
    /// Every officially assigned ISO 3166-1 alpha-2 code.
    pub countries: Vec<Country>,
    /// Regions that may stand in a `located` list (`EU`, `EEA`).
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Non-ISO codes people write (`UK`, `EL`), offered as suggestions only.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// EU adequacy decisions, one row per country and validity window.
    #[serde(default)]
    pub adequacy: Vec<Adequacy>,
    /// US self-certification frameworks and their validity windows.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
    #[serde(skip)]
    index: OnceLock<Index>,
}

impl PartialEq for Jurisdictions {
    fn eq(&self, other: &Self) -> bool {
        self.countries == other.countries
            && self.regions == other.regions
            && self.aliases == other.aliases
            && self.adequacy == other.adequacy
            && self.frameworks == other.frameworks
    }
}

/// One ISO 3166-1 country (or territory with its own code).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case (`DE`).
    pub code: String,
    /// ISO 3166-1 alpha-3 code (`DEU`), used for suggestions.
    pub alpha3: String,
    /// ISO English short name (`Korea, Republic of`).
    pub name: String,
    /// A commoner English name where the ISO one is formal (`South Korea`).
    #[serde(default)]
    pub common_name: Option<String>,
}

/// A group of countries that counts as one place (`EU`, `EEA`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The region's code (`EEA`).
    pub code: String,
    pub name: String,
    /// Current members (ISO codes).
    pub members: Vec<String>,
    /// When current members joined; a member not listed here counts as always inside.
    #[serde(default)]
    pub joined: Vec<Joined>,
    /// States that have left, with the last day they counted as inside.
    #[serde(default)]
    pub former_members: Vec<Former>,
    /// Where the membership comes from.
    #[serde(default)]
    pub source: String,
}

/// The day a current member of a region joined it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Joined {
    pub code: String,
    /// First day inside the region.
    pub from: Date,
    #[serde(default)]
    pub note: String,
}

/// A state that was a member of a region and left it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Former {
    pub code: String,
    /// Last day inside the region (inclusive).
    pub until: Date,
    #[serde(default)]
    pub note: String,
}

/// A code people write that is not an ISO code (`UK` for `GB`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The non-ISO code, upper case.
    pub alias: String,
    /// The ISO code it means.
    pub code: String,
    #[serde(default)]
    pub note: String,
}

/// An EU adequacy decision (GDPR Art. 45(3)) and the window it is in force.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Adequacy {
    /// ISO code of the country the decision covers.
    pub country: String,
    pub name: String,
    /// The decision, e.g. "Commission Decision 2000/518/EC".
    pub decision: String,
    /// First day in force.
    pub from: Date,
    /// Last day in force (inclusive); `None`: still in force.
    #[serde(default)]
    pub until: Option<Date>,
    pub scope: AdequacyScope,
    /// Caveats, including when a day is approximate.
    #[serde(default)]
    pub note: String,
    pub source: String,
}

impl Adequacy {
    /// Whether the decision is in force on `on` (`from <= on <= until`).
    pub fn valid_on(&self, on: Date) -> bool {
        within(self.from, self.until, on)
    }
}

/// Which recipients in a country an adequacy decision covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum AdequacyScope {
    /// Every recipient in the country.
    Full,
    /// Only private-sector organisations under the country's private-sector law
    /// (Canada: PIPEDA; Japan: APPI business operators); not public authorities.
    Commercial,
    /// Only recipients that hold this certification (`Certified("DPF")` for the US).
    Certified(String),
}

/// A US self-certification framework used as a transfer mechanism, with its window.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The mechanism a flow names to rest on it.
    pub mechanism: Mechanism,
    pub name: String,
    /// The Commission decision behind it.
    pub decision: String,
    /// First day valid.
    pub from: Date,
    /// Last day valid (inclusive); `None`: still valid.
    #[serde(default)]
    pub until: Option<Date>,
    /// What ended it (a CJEU judgment), if it has ended.
    #[serde(default)]
    pub ended_by: Option<String>,
    /// The certification a recipient needs for the framework to cover it (`DPF`).
    #[serde(default)]
    pub certification: Option<String>,
    #[serde(default)]
    pub note: String,
    pub source: String,
}

impl Framework {
    /// Whether the framework is valid on `on` (`from <= on <= until`).
    pub fn valid_on(&self, on: Date) -> bool {
        within(self.from, self.until, on)
    }
}

fn within(from: Date, until: Option<Date>, on: Date) -> bool {
    from <= on && until.is_none_or(|last| on <= last)
}

/// Lookup tables built from a [`Jurisdictions`] on first use.
#[derive(Debug, Clone, Default)]
struct Index {
    /// ISO code → position in `countries`.
    countries: HashMap<String, usize>,
    /// Region code → its membership.
    regions: HashMap<String, RegionIndex>,
    /// Country code → positions in `adequacy`.
    adequacy: HashMap<String, Vec<usize>>,
    /// Mechanism → position in `frameworks`.
    frameworks: HashMap<Mechanism, usize>,
    /// Upper-case alias or alpha-3 code → ISO code.
    aliases: HashMap<String, String>,
    /// Lower-case country or region name → code.
    names: HashMap<String, String>,
}

#[derive(Debug, Clone, Default)]
struct RegionIndex {
    position: usize,
    members: FxHashSet<String>,
    joined: HashMap<String, Date>,
    former: HashMap<String, Date>,
}

impl Index {
    fn build(j: &Jurisdictions) -> Index {
        let mut index = Index::default();
        for (i, c) in j.countries.iter().enumerate() {
            index.countries.insert(c.code.clone(), i);
        }
        for (i, r) in j.regions.iter().enumerate() {
            let region = RegionIndex {
                position: i,
                members: r.members.iter().cloned().collect(),
                joined: r.joined.iter().map(|m| (m.code.clone(), m.from)).collect(),
                former: r
                    .former_members
                    .iter()
                    .map(|m| (m.code.clone(), m.until))
                    .collect(),
            };
            index.regions.insert(r.code.clone(), region);
        }
        for (i, a) in j.adequacy.iter().enumerate() {
            index.adequacy.entry(a.country.clone()).or_default().push(i);
        }
        for (i, f) in j.frameworks.iter().enumerate() {
            index.frameworks.entry(f.mechanism).or_insert(i);
        }
        for c in &j.countries {
            index
                .aliases
                .entry(c.alpha3.to_uppercase())
                .or_insert_with(|| c.code.clone());
        }
        for a in &j.aliases {
            index.aliases.insert(a.alias.to_uppercase(), a.code.clone());
        }
        let names = j
            .countries
            .iter()
            .flat_map(|c| {
                std::iter::once(&c.name)
                    .chain(&c.common_name)
                    .map(move |n| (n, &c.code))
            })
            .chain(j.regions.iter().map(|r| (&r.name, &r.code)));
        for (name, code) in names {
            index
                .names
                .entry(name.to_lowercase())
                .or_insert_with(|| code.clone());
        }
        index
    }
}

impl Jurisdictions {
    /// The table shipped with flowmap (`inventory/jurisdictions.ron`), parsed and indexed
    /// once per process.
    ///
    /// # Panics
    /// Only if the shipped file is broken, which a unit test rules out.
    pub fn builtin() -> &'static Jurisdictions {
        static BUILTIN: OnceLock<Jurisdictions> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let table = Jurisdictions::from_ron(BUILTIN_RON)
                .unwrap_or_else(|e| panic!("inventory/jurisdictions.ron is broken: {e}"));
            table.index();
            table
        })
    }

    /// Parses a jurisdiction table from RON text.
    pub fn from_ron(text: &str) -> Result<Jurisdictions, ron::error::SpannedError> {
        ron::from_str(text)
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(self))
    }

    /// Whether `code` may stand in a `located` list: an ISO code, a region code (`EEA`,
    /// `EU`) or `*`. Case-sensitive: codes are upper case.
    pub fn is_known(&self, code: &str) -> bool {
        code == ANYWHERE || self.is_country(code) || self.is_region(code)
    }

    /// Whether `code` is an ISO 3166-1 alpha-2 code in the table.
    pub fn is_country(&self, code: &str) -> bool {
        self.index().countries.contains_key(code)
    }

    /// Whether `code` is a region (`EU`, `EEA`).
    pub fn is_region(&self, code: &str) -> bool {
        self.index().regions.contains_key(code)
    }

    /// The country with this ISO code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.index()
            .countries
            .get(code)
            .map(|&i| &self.countries[i])
    }

    /// The region with this code.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.index()
            .regions
            .get(code)
            .map(|r| &self.regions[r.position])
    }

    /// The name of a country or region, and "anywhere else" for `*`.
    pub fn name(&self, code: &str) -> Option<&str> {
        if code == ANYWHERE {
            return Some(ANYWHERE_NAME);
        }
        self.country(code)
            .map(|c| c.name.as_str())
            .or_else(|| self.region(code).map(|r| r.name.as_str()))
    }

    /// The nearest known code for an unknown one, for FM005's message: the same code in
    /// upper case (`us` → `US`), then an alias or ISO alpha-3 code (`UK` → `GB`, `EL` →
    /// `GR`, `DEU` → `DE`), then a country or region whose name matches ignoring case
    /// (`Germany` → `DE`). `None` when nothing matches, or when `code` is already known.
    pub fn suggest(&self, code: &str) -> Option<String> {
        if self.is_known(code) {
            return None;
        }
        let trimmed = code.trim();
        let upper = trimmed.to_uppercase();
        if self.is_known(&upper) {
            return Some(upper);
        }
        let index = self.index();
        if let Some(iso) = index.aliases.get(&upper) {
            return Some(iso.clone());
        }
        index.names.get(&trimmed.to_lowercase()).cloned()
    }

    /// Whether `country` is a member of `region`: on the date `on` when given (honouring
    /// `joined` and `former_members`), else currently. `country` must be a country code;
    /// a region is never a member of a region (see [`Jurisdictions::same_place`]).
    pub fn region_contains(&self, region: &str, country: &str, on: Option<Date>) -> bool {
        let Some(r) = self.index().regions.get(region) else {
            return false;
        };
        match on {
            None => r.members.contains(country),
            Some(day) if r.members.contains(country) => {
                r.joined.get(country).is_none_or(|&from| from <= day)
            }
            Some(day) => r.former.get(country).is_some_and(|&until| day <= until),
        }
    }

    /// Whether two codes are the same place (current membership): equal codes; a region
    /// and a country inside it (`DE`, `EEA`); two regions one of which contains the other
    /// (`EU`, `EEA`). `*` is the same place only as `*`. A country outside a region is not
    /// the same place as it even when a larger region holds both (`NO` is not `EU`).
    pub fn same_place(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        if a == ANYWHERE || b == ANYWHERE {
            return false;
        }
        let regions = &self.index().regions;
        match (regions.get(a), regions.get(b)) {
            (Some(ra), Some(rb)) => {
                ra.members.is_subset(&rb.members) || rb.members.is_subset(&ra.members)
            }
            (Some(ra), None) => ra.members.contains(b),
            (None, Some(rb)) => rb.members.contains(a),
            (None, None) => false,
        }
    }

    /// Whether `code` was inside the EEA on `on`: the region `EEA` or `EU` itself, or a
    /// country that was a member of either on that date (the UK up to 2020-12-31).
    pub fn in_eea(&self, code: &str, on: Date) -> bool {
        code == "EEA"
            || code == "EU"
            || self.region_contains("EEA", code, Some(on))
            || self.region_contains("EU", code, Some(on))
    }

    /// All adequacy decisions recorded for `country`, whatever their window.
    pub fn adequacy_for<'a>(&'a self, country: &str) -> impl Iterator<Item = &'a Adequacy> + 'a {
        let rows = self
            .index()
            .adequacy
            .get(country)
            .map(Vec::as_slice)
            .unwrap_or_default();
        rows.iter().map(|&i| &self.adequacy[i])
    }

    /// The adequacy decision for `country` in force on `on` (`from <= on <= until`).
    /// Check its [`Adequacy::scope`]: the US and Canada are covered only in part.
    pub fn adequacy_on(&self, country: &str, on: Date) -> Option<&Adequacy> {
        self.adequacy_for(country).find(|a| a.valid_on(on))
    }

    /// The framework behind a mechanism (`SafeHarbor`, `PrivacyShield`, `Dpf`); `None` for
    /// mechanisms that are not frameworks (SCCs, BCRs, derogations, adequacy).
    pub fn framework(&self, mechanism: Mechanism) -> Option<&Framework> {
        self.index()
            .frameworks
            .get(&mechanism)
            .map(|&i| &self.frameworks[i])
    }

    /// Problems that make the table inconsistent: duplicate or malformed codes, region
    /// members, aliases and adequacy countries that are not country codes, a framework
    /// listed twice, a window that ends before it starts. Empty when the table is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for c in &self.countries {
            let well_formed = c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase());
            if !well_formed {
                problems.push(format!(
                    "country code `{}` is not two upper-case letters",
                    c.code
                ));
            }
            if !seen.insert(c.code.as_str()) {
                problems.push(format!("country `{}` is listed twice", c.code));
            }
        }
        for r in &self.regions {
            if !seen.insert(r.code.as_str()) || r.code == ANYWHERE {
                problems.push(format!("region `{}` reuses a code", r.code));
            }
            let members = r.members.iter();
            let others = r
                .joined
                .iter()
                .map(|j| &j.code)
                .chain(r.former_members.iter().map(|f| &f.code));
            for code in members.chain(others) {
                if !self.is_country(code) {
                    problems.push(format!(
                        "region `{}` lists unknown country `{code}`",
                        r.code
                    ));
                }
            }
            for j in &r.joined {
                if !r.members.contains(&j.code) {
                    problems.push(format!(
                        "region `{}`: `{}` joined but is no member",
                        r.code, j.code
                    ));
                }
            }
            for f in &r.former_members {
                if r.members.contains(&f.code) {
                    problems.push(format!(
                        "region `{}`: `{}` is member and former",
                        r.code, f.code
                    ));
                }
            }
        }
        for a in &self.aliases {
            if self.is_known(&a.alias) || !self.is_country(&a.code) {
                problems.push(format!(
                    "alias `{}` → `{}` is not an alias of a country",
                    a.alias, a.code
                ));
            }
        }
        for a in &self.adequacy {
            if !self.is_country(&a.country) {
                problems.push(format!("adequacy for unknown country `{}`", a.country));
            }
            if a.until.is_some_and(|until| until < a.from) {
                problems.push(format!(
                    "adequacy for `{}` ends before it starts",
                    a.country
                ));
            }
        }
        let mut mechanisms = HashSet::new();
        for f in &self.frameworks {
            if !mechanisms.insert(f.mechanism) {
                problems.push(format!("framework {} is listed twice", f.mechanism));
            }
            if f.until.is_some_and(|until| until < f.from) {
                problems.push(format!("framework {} ends before it starts", f.mechanism));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn j() -> &'static Jurisdictions {
        Jurisdictions::builtin()
    }

    #[test]
    fn shipped_table_parses_and_is_consistent() {
        let table = Jurisdictions::from_ron(BUILTIN_RON).expect("jurisdictions.ron parses");
        assert_eq!(&table, j());
        assert_eq!(j().problems(), Vec::<String>::new());
    }

    #[test]
    fn all_249_iso_codes_unique() {
        assert_eq!(j().countries.len(), 249);
        let codes: HashSet<_> = j().countries.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes.len(), 249);
        let alpha3: HashSet<_> = j().countries.iter().map(|c| c.alpha3.as_str()).collect();
        assert_eq!(alpha3.len(), 249);
        for c in &j().countries {
            assert!(
                !j().is_region(&c.alpha3),
                "{} clashes with a region",
                c.alpha3
            );
        }
    }

    #[test]
    fn members_and_adequacy_countries_are_known_codes() {
        for r in &j().regions {
            for m in &r.members {
                assert!(j().is_country(m), "{} member {m}", r.code);
            }
            for f in &r.former_members {
                assert!(j().is_country(&f.code), "{} former {}", r.code, f.code);
            }
        }
        for a in &j().adequacy {
            assert!(j().is_country(&a.country), "adequacy {}", a.country);
        }
    }

    #[test]
    fn region_sizes() {
        assert_eq!(j().region("EEA").unwrap().members.len(), 30);
        assert_eq!(j().region("EU").unwrap().members.len(), 27);
        for m in &j().region("EU").unwrap().members {
            assert!(
                j().region_contains("EEA", m, None),
                "EU member {m} not in EEA"
            );
        }
        for efta in ["IS", "LI", "NO"] {
            assert!(j().region_contains("EEA", efta, None));
            assert!(!j().region_contains("EU", efta, None));
        }
        assert!(j().region_contains("EU", "GR", None));
        assert!(!j().is_known("EL"));
    }

    #[test]
    fn known_codes_and_names() {
        for code in ["US", "DE", "GB", "EEA", "EU", "*"] {
            assert!(j().is_known(code), "{code}");
        }
        for code in ["us", "UK", "EL", "XX", "", "Eu"] {
            assert!(!j().is_known(code), "{code}");
        }
        assert_eq!(j().name("*"), Some("anywhere else"));
        assert_eq!(j().name("EEA"), Some("European Economic Area"));
        assert_eq!(j().name("DE"), Some("Germany"));
        assert_eq!(j().name("UK"), None);
        assert!(j().is_region("EU") && !j().is_region("DE") && !j().is_region("*"));
    }

    #[test]
    fn same_place_cases() {
        assert!(j().same_place("DE", "EEA"));
        assert!(j().same_place("EEA", "DE"));
        assert!(j().same_place("DE", "EU"));
        assert!(j().same_place("EEA", "EU"));
        assert!(j().same_place("EU", "EEA"));
        assert!(j().same_place("NO", "EEA"));
        assert!(!j().same_place("NO", "EU"));
        assert!(j().same_place("*", "*"));
        assert!(j().same_place("US", "US"));
        assert!(!j().same_place("US", "*"));
        assert!(!j().same_place("*", "US"));
        assert!(!j().same_place("EEA", "*"));
        assert!(!j().same_place("DE", "FR"));
        assert!(!j().same_place("GB", "EU"), "current membership only");
        assert!(!j().same_place("US", "EEA"));
    }

    #[test]
    fn framework_windows() {
        let sh = j().framework(Mechanism::SafeHarbor).unwrap();
        assert!(sh.valid_on(day("2015-10-06")));
        assert!(!sh.valid_on(day("2015-10-07")));
        assert!(sh.valid_on(day("2015-07-08")));
        assert!(!sh.valid_on(day("2015-11-08")));
        let ps = j().framework(Mechanism::PrivacyShield).unwrap();
        assert!(!ps.valid_on(day("2016-07-11")));
        assert!(ps.valid_on(day("2016-07-12")));
        assert!(ps.valid_on(day("2020-07-16")));
        assert!(!ps.valid_on(day("2020-07-17")));
        let dpf = j().framework(Mechanism::Dpf).unwrap();
        assert!(!dpf.valid_on(day("2023-07-09")));
        assert!(dpf.valid_on(day("2023-07-10")));
        assert!(dpf.valid_on(day("2099-01-01")));
        assert_eq!(dpf.certification.as_deref(), Some("DPF"));
        assert!(j().framework(Mechanism::Scc).is_none());
        assert!(j().framework(Mechanism::Consent).is_none());
    }

    #[test]
    fn adequacy_windows_and_scopes() {
        let us = j().adequacy_on("US", day("2023-07-10")).unwrap();
        assert_eq!(us.scope, AdequacyScope::Certified("DPF".into()));
        assert!(j().adequacy_on("US", day("2023-07-09")).is_none());
        assert!(j().adequacy_on("US", day("2015-11-08")).is_none());
        assert_eq!(
            j().adequacy_on("CA", day("2015-11-08")).unwrap().scope,
            AdequacyScope::Commercial
        );
        assert_eq!(
            j().adequacy_on("CH", day("2015-11-08")).unwrap().scope,
            AdequacyScope::Full
        );
        assert!(j().adequacy_on("GB", day("2021-06-27")).is_none());
        assert!(j().adequacy_on("GB", day("2021-06-28")).is_some());
        assert!(j().adequacy_on("GB", day("2031-12-27")).is_some());
        assert!(j().adequacy_on("GB", day("2031-12-28")).is_none());
        assert!(j().adequacy_on("BR", day("2026-01-25")).is_none());
        assert!(j().adequacy_on("BR", day("2026-01-26")).is_some());
        assert!(j().adequacy_on("CN", day("2026-01-26")).is_none());
        assert!(j().adequacy_on("EEA", day("2026-01-26")).is_none());
        let with_codes = [
            "CH", "CA", "AR", "GG", "IM", "JE", "FO", "AD", "IL", "UY", "NZ", "JP",
        ];
        for code in with_codes.into_iter().chain(["GB", "KR", "US", "BR"]) {
            assert_eq!(j().adequacy_for(code).count(), 1, "{code}");
        }
        assert_eq!(j().adequacy.len(), 16);
    }

    #[test]
    fn membership_over_time() {
        assert!(j().region_contains("EU", "GB", Some(day("2015-11-08"))));
        assert!(j().region_contains("EU", "GB", Some(day("2020-12-31"))));
        assert!(!j().region_contains("EU", "GB", Some(day("2021-01-01"))));
        assert!(!j().region_contains("EU", "GB", None));
        assert!(j().in_eea("GB", day("2015-11-08")));
        assert!(!j().in_eea("GB", day("2021-01-01")));
        assert!(!j().region_contains("EU", "HR", Some(day("2013-06-30"))));
        assert!(j().region_contains("EU", "HR", Some(day("2013-07-01"))));
        assert!(j().region_contains("EEA", "HR", Some(day("2013-07-01"))));
        assert!(!j().region_contains("EU", "PL", Some(day("2004-04-30"))));
        assert!(j().region_contains("EU", "DE", Some(day("2000-01-01"))));
        assert!(j().in_eea("NO", day("2015-11-08")));
        assert!(j().in_eea("EEA", day("2015-11-08")));
        assert!(j().in_eea("EU", day("2015-11-08")));
        assert!(!j().in_eea("US", day("2015-11-08")));
        assert!(!j().in_eea("*", day("2015-11-08")));
        assert!(!j().region_contains("EEA", "EU", None));
        assert!(!j().region_contains("XX", "DE", None));
    }

    #[test]
    fn suggestions() {
        let s = |code: &str| j().suggest(code);
        assert_eq!(s("us").as_deref(), Some("US"));
        assert_eq!(s("eea").as_deref(), Some("EEA"));
        assert_eq!(s(" de ").as_deref(), Some("DE"));
        assert_eq!(s("UK").as_deref(), Some("GB"));
        assert_eq!(s("uk").as_deref(), Some("GB"));
        assert_eq!(s("EL").as_deref(), Some("GR"));
        assert_eq!(s("DEU").as_deref(), Some("DE"));
        assert_eq!(s("USA").as_deref(), Some("US"));
        assert_eq!(s("Germany").as_deref(), Some("DE"));
        assert_eq!(s("united kingdom").as_deref(), Some("GB"));
        assert_eq!(s("South Korea").as_deref(), Some("KR"));
        assert_eq!(s("European Union").as_deref(), Some("EU"));
        assert_eq!(s("Atlantis"), None);
        assert_eq!(s("XX"), None);
        assert_eq!(s("US"), None, "known codes need no suggestion");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let text = r#"Jurisdictions(countries: [Country(code: "DE", alpha3: "DEU", name: "Germany", capital: "Berlin")])"#;
        assert!(Jurisdictions::from_ron(text).is_err());
    }

    #[test]
    fn a_small_table_indexes_itself() {
        let text = r#"Jurisdictions(
            countries: [Country(code: "DE", alpha3: "DEU", name: "Germany")],
            regions: [Region(code: "EU", name: "European Union", members: ["DE"])],
        )"#;
        let table = Jurisdictions::from_ron(text).unwrap();
        assert!(table.same_place("DE", "EU"));
        assert!(table.in_eea("DE", day("2015-11-08")));
        assert!(table.framework(Mechanism::Dpf).is_none());
        assert_eq!(table.problems(), Vec::<String>::new());
    }
}
