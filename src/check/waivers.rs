//! Waivers: accepted findings that must not fail the build, each with a reason and an
//! optional expiry date.
//!
//! A waivers file is a RON list:
//! `[(rule: "FM203", subject: "web-forms->crm", reason: "...", expires: Some("2027-06-30"))]`.
//! A waiver covers every finding with its rule and subject. One that has expired (its
//! `expires` date is before today — a real-world deadline, not `as_of`) waives nothing
//! and is FM401; one that matches no finding is FM402.

use std::path::Path;

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

    /// Marks the findings the waivers cover, and appends FM401/FM402 for waivers that
    /// have expired by `today` or match nothing.
    pub fn apply(&self, findings: &mut Vec<Finding>, today: Date) {
        let mut own = Vec::new();
        for (j, waiver) in self.waivers.iter().enumerate() {
            let location = self.file.locate_entry(&[Index(j)]);
            if let Some(expires) = waiver.expires.filter(|&e| e < today) {
                own.push(
                    Finding::new(
                        Rule::FM401,
                        &waiver.subject,
                        format!(
                            "the waiver of {} for `{}` expired on {expires}: fix the finding, or renew the waiver with a new `expires` date",
                            waiver.rule, waiver.subject
                        ),
                        self.file.locate(&[Index(j), Field("expires")]),
                    ),
                );
                continue;
            }
            let mut matched = false;
            for finding in findings.iter_mut() {
                if finding.rule.id() == waiver.rule && finding.subject == waiver.subject {
                    finding.waived = true;
                    finding.waiver_reason = Some(waiver.reason.clone());
                    matched = true;
                }
            }
            if !matched {
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
                    location,
                ));
            }
        }
        findings.extend(own);
    }
}
