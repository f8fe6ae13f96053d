//! The jurisdiction and law table: ISO 3166-1 country codes, the regions `EU` and `EEA`
//! with every member's dates, and the law of transfers as dated data (regimes, adequacy
//! lists, the EU–UK bridge, mechanism windows; types in [`super::law`]).
//!
//! The table is data, shipped as `inventory/jurisdictions.ron` and compiled into the
//! binary; [`Jurisdictions::builtin`] parses it once. Every query goes through an index
//! built on first use, so lookups are hash lookups.
//!
//! Dates are inclusive at both ends: `from` is the first day a membership, decision or
//! mechanism counts, `until` the last. Safe Harbor (`until: 2015-10-05`) covers
//! 2015-10-05 and nothing on 2015-10-06, the day C-362/14 was delivered.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::law::{Act, Bridge, Certification, Guidance, GuidanceKey, Regime, RegimeCode, Window};
use super::{Date, Mechanism};

/// The shipped table, embedded at compile time.
const BUILTIN_RON: &str = include_str!("../../../inventory/jurisdictions.ron");

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
    /// The transfer regimes (EU, UK, CH) with their areas and acts over time.
    #[serde(default)]
    pub regimes: Vec<Regime>,
    /// Days on which a place outside a regime's area is not a third country for it.
    #[serde(default)]
    pub bridges: Vec<Bridge>,
    /// Every regime's adequacy decisions, one row per place and window.
    #[serde(default)]
    pub adequacy: Vec<Adequacy>,
    /// When and for whom each mechanism covers a restricted transfer, per regime.
    #[serde(default)]
    pub mechanisms: Vec<Window>,
    /// Guidance and judgments messages cite, each with the day it exists from.
    #[serde(default)]
    pub guidance: Vec<Guidance>,
    #[serde(skip)]
    index: OnceLock<Index>,
}

impl PartialEq for Jurisdictions {
    fn eq(&self, other: &Self) -> bool {
        self.countries == other.countries
            && self.regions == other.regions
            && self.aliases == other.aliases
            && self.regimes == other.regimes
            && self.bridges == other.bridges
            && self.adequacy == other.adequacy
            && self.mechanisms == other.mechanisms
            && self.guidance == other.guidance
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

/// A group of places that counts as one place (`EU`, `EEA`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The region's code (`EEA`).
    pub code: String,
    pub name: String,
    /// Regions whose members are inside this one too (the EEA includes the EU).
    #[serde(default)]
    pub includes: Vec<String>,
    /// Every place that is or was inside, with its dates.
    pub members: Vec<Member>,
    /// Where the membership comes from.
    #[serde(default)]
    pub source: String,
}

/// A place inside a region between two days.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// ISO code.
    pub code: String,
    /// A member state (`true`) or a territory with its own code inside it (`false`).
    #[serde(default = "yes")]
    pub state: bool,
    /// First day inside; `None`: inside on every day flowmap judges.
    #[serde(default)]
    pub from: Option<Date>,
    /// Last day inside (inclusive); `None`: still inside.
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: String,
}

fn yes() -> bool {
    true
}

impl Member {
    /// Whether the place is inside on `on`.
    pub fn inside_on(&self, on: Date) -> bool {
        self.from.is_none_or(|first| first <= on) && self.until.is_none_or(|last| on <= last)
    }
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

/// An adequacy decision of a regime and the window it is in force.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Adequacy {
    /// The regime whose decision it is.
    pub regime: RegimeCode,
    /// ISO code of the place it covers, or a region code (every place inside it).
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
    /// What ended it (a judgment, an assessment), if it has ended that way.
    #[serde(default)]
    pub ended_by: Option<String>,
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

/// Which importers in a place an adequacy decision covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum AdequacyScope {
    /// Every importer in the place.
    Full,
    /// Only private-sector organisations under the country's private-sector law
    /// (Canada: PIPEDA; Japan: APPI business operators); not `Authority` or `Public`.
    Commercial,
    /// Only importers that hold this certification (the US frameworks).
    Certified(Certification),
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
    /// (regime, place or region code) → positions in `adequacy`.
    adequacy: HashMap<(RegimeCode, String), Vec<usize>>,
    /// (mechanism, regime) → positions in `mechanisms`.
    windows: HashMap<(Mechanism, RegimeCode), Vec<usize>>,
    /// Upper-case alias or alpha-3 code → ISO code.
    aliases: HashMap<String, String>,
    /// Lower-case country or region name → code.
    names: HashMap<String, String>,
}

/// A membership's first and last day (`None`: open at that end).
type Span = (Option<Date>, Option<Date>);

#[derive(Debug, Clone, Default)]
struct RegionIndex {
    position: usize,
    /// Every code ever inside (its own members and those of included regions).
    ever: FxHashSet<String>,
    /// Code → its membership windows (own and included regions').
    windows: HashMap<String, Vec<Span>>,
}

impl Index {
    fn build(j: &Jurisdictions) -> Index {
        let mut index = Index::default();
        for (i, c) in j.countries.iter().enumerate() {
            index.countries.insert(c.code.clone(), i);
        }
        for (i, r) in j.regions.iter().enumerate() {
            let mut region = RegionIndex {
                position: i,
                ..RegionIndex::default()
            };
            let included = r
                .includes
                .iter()
                .filter_map(|code| j.regions.iter().find(|o| &o.code == code));
            for m in std::iter::once(r).chain(included).flat_map(|r| &r.members) {
                region.ever.insert(m.code.clone());
                region
                    .windows
                    .entry(m.code.clone())
                    .or_default()
                    .push((m.from, m.until));
            }
            index.regions.insert(r.code.clone(), region);
        }
        for (i, a) in j.adequacy.iter().enumerate() {
            index
                .adequacy
                .entry((a.regime, a.country.clone()))
                .or_default()
                .push(i);
        }
        for (i, w) in j.mechanisms.iter().enumerate() {
            index
                .windows
                .entry((w.mechanism, w.regime))
                .or_default()
                .push(i);
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

    /// The member states of `region` on `on` (territories not counted).
    pub fn member_states(&self, region: &str, on: Date) -> Vec<&str> {
        let Some(r) = self.region(region) else {
            return Vec::new();
        };
        let included = r
            .includes
            .iter()
            .filter_map(|code| self.region(code))
            .flat_map(|r| &r.members);
        r.members
            .iter()
            .chain(included)
            .filter(|m| m.state && m.inside_on(on))
            .map(|m| m.code.as_str())
            .collect()
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

    /// Whether the place `code` is inside `region` on `on`: a country or territory that
    /// is a member that day (or a member of a region it includes). A region is never a
    /// member of a region (see [`Jurisdictions::same_place`]).
    pub fn region_contains(&self, region: &str, code: &str, on: Date) -> bool {
        self.index()
            .regions
            .get(region)
            .and_then(|r| r.windows.get(code))
            .is_some_and(|windows| {
                windows.iter().any(|&(from, until)| {
                    from.is_none_or(|first| first <= on) && until.is_none_or(|last| on <= last)
                })
            })
    }

    /// Whether two codes are the same place on `on`: equal codes; a region and a place
    /// inside it that day (`DE`, `EEA`); two regions one of which includes the other
    /// (`EU`, `EEA` are one place). `*` is the same place only as `*`. A country outside
    /// a region is not the same place as it even when a larger region holds both (`NO`
    /// is not `EU`).
    pub fn same_place(&self, a: &str, b: &str, on: Date) -> bool {
        if a == b {
            return true;
        }
        if a == ANYWHERE || b == ANYWHERE {
            return false;
        }
        let regions = &self.index().regions;
        match (regions.get(a), regions.get(b)) {
            (Some(ra), Some(rb)) => ra.ever.is_subset(&rb.ever) || rb.ever.is_subset(&ra.ever),
            (Some(_), None) => self.region_contains(a, b, on),
            (None, Some(_)) => self.region_contains(b, a, on),
            (None, None) => false,
        }
    }

    /// Whether `code` was inside the EEA on `on`: the region `EEA` or `EU` itself, or a
    /// place inside either that day (the UK and Gibraltar up to 2020-12-31).
    pub fn in_eea(&self, code: &str, on: Date) -> bool {
        code == "EEA"
            || code == "EU"
            || self.region_contains("EEA", code, on)
            || self.region_contains("EU", code, on)
    }

    /// The regime with this code.
    pub fn regime(&self, code: RegimeCode) -> Option<&Regime> {
        self.regimes.iter().find(|r| r.code == code)
    }

    /// The act in force in `regime` on `on`; `None` before the regime exists.
    pub fn act_on(&self, regime: RegimeCode, on: Date) -> Option<Act> {
        let r = self.regime(regime)?;
        r.laws
            .iter()
            .find(|l| within(l.from, l.until, on))
            .map(|l| l.act)
    }

    /// Whether `code` lies inside `regime`'s area on `on` (never before the regime
    /// exists; `*` never).
    pub fn in_area(&self, regime: RegimeCode, code: &str, on: Date) -> bool {
        let Some(r) = self.regime(regime) else {
            return false;
        };
        r.from <= on && r.area.iter().any(|area| self.same_place(area, code, on))
    }

    /// The bridge under which a flow into `place` is no transfer for `regime` on `on`.
    pub fn bridge(&self, regime: RegimeCode, place: &str, on: Date) -> Option<&Bridge> {
        self.bridges
            .iter()
            .find(|b| b.regime == regime && b.place == place && b.from <= on && on <= b.until)
    }

    /// Every adequacy decision of `regime` that names `place` itself, whatever its window.
    pub fn adequacy_for<'a>(
        &'a self,
        regime: RegimeCode,
        place: &str,
    ) -> impl Iterator<Item = &'a Adequacy> + 'a {
        let rows = self
            .index()
            .adequacy
            .get(&(regime, place.to_string()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        rows.iter().map(|&i| &self.adequacy[i])
    }

    /// The adequacy decisions of `regime` in force on `on` for `place`: those naming it,
    /// and those naming a region it is inside that day (the UK's row for the EEA covers
    /// `DE`). Check each [`Adequacy::scope`].
    pub fn adequacy_on(&self, regime: RegimeCode, place: &str, on: Date) -> Vec<&Adequacy> {
        let mut rows: Vec<&Adequacy> = self
            .adequacy_for(regime, place)
            .filter(|a| a.valid_on(on))
            .collect();
        for region in &self.regions {
            if self.same_place(&region.code, place, on) && region.code != place {
                rows.extend(
                    self.adequacy_for(regime, &region.code)
                        .filter(|a| a.valid_on(on)),
                );
            }
        }
        rows
    }

    /// The windows of `mechanism` under `regime`, open or not; empty when the regime
    /// does not know the mechanism.
    pub fn guidance(&self, key: GuidanceKey) -> Option<&Guidance> {
        self.guidance.iter().find(|g| g.key == key)
    }

    /// The mechanism's windows under `regime` (any order).
    pub fn windows(&self, mechanism: Mechanism, regime: RegimeCode) -> Vec<&Window> {
        self.index()
            .windows
            .get(&(mechanism, regime))
            .map(|rows| rows.iter().map(|&i| &self.mechanisms[i]).collect())
            .unwrap_or_default()
    }
}

mod problems;
#[cfg(test)]
mod tests;
