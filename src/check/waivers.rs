//! Waivers: accepted findings that must not fail the build, each with a reason and an
//! optional expiry date.
//!
//! A waivers file is a RON list:
//! `[(rule: "FM203", subject: "web-forms->crm", reason: "...", expires: Some("2027-06-30"))]`.
//! A waiver covers every finding with its rule and subject. One that has expired (its
//! `expires` date is before today — a real-world deadline, not `as_of`) waives nothing
//! and is FM401; one that matches no finding is FM402.

use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Finding, Rule};
use crate::load::Step::{Field, Index};
use crate::load::{LoadError, SourceFile, read_file};
use crate::model::Date;

/// One waiver.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id it waives, e.g. `FM203`.
    pub rule: String,
    /// The node, flow or section id it waives the rule for.
    pub subject: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// The last day the waiver holds; `None`: no expiry.
    #[serde(default)]
    pub expires: Option<Date>,
}

/// A loaded waivers file.
#[derive(Debug, Clone)]
pub struct Waivers {
    pub waivers: Vec<Waiver>,
    pub file: SourceFile,
}

impl Waivers {
    /// Reads a waivers file (FM001 when it is not one).
    pub fn load(path: &Path) -> Result<Waivers, LoadError> {
        let (waivers, file) = read_file::<Vec<Waiver>>(path, "waivers")?;
        Ok(Waivers { waivers, file })
    }

    /// FM210 for each waiver that is in force on `today` and expires within `days` after
    /// it (`flowmap check --horizon DAYS`).
    pub fn expiring(&self, today: Date, days: u32) -> Vec<Finding> {
        let horizon = today.plus_days(days);
        self.waivers
            .iter()
            .enumerate()
            .filter_map(|(j, waiver)| {
                let expires = waiver.expires.filter(|&e| e >= today && e < horizon)?;
                Some(Finding::new(
                    Rule::FM210,
                    &waiver.subject,
                    format!(
                        "the waiver of {} for `{}` expires on {expires}, within the {days}-day horizon: from {} the finding fails the build again; fix it, or renew the waiver",
                        waiver.rule,
                        waiver.subject,
                        expires.succ()
                    ),
                    self.file.locate(&[Index(j), Field("expires")]),
                ))
            })
            .collect()
    }

    /// What each waiver does on `today` to findings known by their (rule, subject):
    /// the positions it waives, or why it waives nothing (expired: FM401; matches
    /// nothing: FM402). Looked up in an index, so many waivers cost no more than a few.
    pub fn outcomes<'a>(
        &self,
        findings: impl Iterator<Item = (&'a str, &'a str)>,
        today: Date,
    ) -> Vec<Outcome> {
        let mut index: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
        for (k, key) in findings.enumerate() {
            index.entry(key).or_default().push(k);
        }
        self.waivers
            .iter()
            .map(|waiver| {
                if let Some(expires) = waiver.expires.filter(|&e| e < today) {
                    return Outcome::Expired(expires);
                }
                match index.get(&(waiver.rule.as_str(), waiver.subject.as_str())) {
                    Some(positions) => Outcome::Waives(positions.clone()),
                    None => Outcome::MatchesNothing,
                }
            })
            .collect()
    }

    /// Marks the findings the waivers cover, and appends FM401/FM402 for waivers that
    /// have expired by `today` or match nothing.
    pub fn apply(&self, findings: &mut Vec<Finding>, today: Date) {
        let outcomes = self.outcomes(
            findings.iter().map(|f| (f.rule.id(), f.subject.as_str())),
            today,
        );
        let mut own = Vec::new();
        for (j, (waiver, outcome)) in self.waivers.iter().zip(outcomes).enumerate() {
            match outcome {
                Outcome::Expired(expires) => own.push(Finding::new(
                    Rule::FM401,
                    &waiver.subject,
                    format!(
                        "the waiver of {} for `{}` expired on {expires}: fix the finding, or renew the waiver with a new `expires` date",
                        waiver.rule, waiver.subject
                    ),
                    self.file.locate(&[Index(j), Field("expires")]),
                )),
                Outcome::Waives(positions) => {
                    for k in positions {
                        findings[k].waived = true;
                        findings[k].waiver_reason = Some(waiver.reason.clone());
                    }
                }
                Outcome::MatchesNothing => {
                    let why = if Rule::from_id(&waiver.rule).is_none() {
                        format!("there is no rule `{}`", waiver.rule)
                    } else {
                        format!(
                            "no {} finding has the subject `{}`",
                            waiver.rule, waiver.subject
                        )
                    };
                    own.push(Finding::new(
                        Rule::FM402,
                        &waiver.subject,
                        format!("the waiver matches nothing ({why}): remove it, or fix its `rule` or `subject`"),
                        self.file.locate_entry(&[Index(j)]),
                    ));
                }
            }
        }
        findings.extend(own);
    }
}

/// What one waiver does on a day ([`Waivers::outcomes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It expired on that day: it waives nothing (FM401).
    Expired(Date),
    /// It waives the findings at these positions.
    Waives(Vec<usize>),
    /// It matches no finding (FM402).
    MatchesNothing,
}
