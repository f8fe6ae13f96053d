//! Whether a jurisdiction and law table is consistent (a unit test holds the shipped one
//! to it).

use std::collections::HashSet;

use super::{ANYWHERE, Jurisdictions};
use crate::model::law::RegimeCode;

impl Jurisdictions {
    /// Problems that make the table inconsistent: duplicate or malformed codes, members,
    /// aliases and adequacy places that are not known codes, a window that ends before it
    /// starts, a regime without acts. Empty when the table is sound.
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
            for m in &r.members {
                if !self.is_country(&m.code) {
                    problems.push(format!(
                        "region `{}` lists unknown country `{}`",
                        r.code, m.code
                    ));
                }
                if let (Some(from), Some(until)) = (m.from, m.until)
                    && until < from
                {
                    problems.push(format!(
                        "region `{}`: `{}` leaves before it joins",
                        r.code, m.code
                    ));
                }
            }
            for inc in &r.includes {
                if !self.is_region(inc) {
                    problems.push(format!(
                        "region `{}` includes unknown region `{inc}`",
                        r.code
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
            if !self.is_country(&a.country) && !self.is_region(&a.country) {
                problems.push(format!("adequacy for unknown place `{}`", a.country));
            }
            if a.until.is_some_and(|until| until < a.from) {
                problems.push(format!(
                    "{} adequacy for `{}` ends before it starts",
                    a.regime, a.country
                ));
            }
        }
        for w in &self.mechanisms {
            if w.until.is_some_and(|until| until < w.from) {
                problems.push(format!(
                    "{} window of {} ends before it starts",
                    w.regime, w.mechanism
                ));
            }
        }
        for code in RegimeCode::ALL {
            match self.regime(code) {
                None => problems.push(format!("regime {code} is missing")),
                Some(r) if r.laws.is_empty() => problems.push(format!("regime {code} has no act")),
                Some(_) => {}
            }
        }
        for b in &self.bridges {
            if b.until < b.from || !self.is_country(&b.place) {
                problems.push(format!(
                    "bridge of {} to `{}` is malformed",
                    b.regime, b.place
                ));
            }
        }
        problems
    }
}
