//! Whether a named mechanism covers a restricted transfer under a regime on a date, and
//! if not, why (DESIGN.md's mechanism table; the windows are data in
//! `inventory/jurisdictions.ron`).

use crate::model::law::{Act, Certification, ImporterScope, RegimeCode, Roles, Window};
use crate::model::{Date, Jurisdictions, Mechanism, RecipientKind};

use super::holders::Role;

/// The facts about one restricted transfer that a mechanism's cover depends on.
#[derive(Debug, Clone)]
pub struct Parties<'a> {
    pub regime: RegimeCode,
    pub on: Date,
    pub exporter_role: Role,
    pub importer_role: Role,
    pub importer_id: &'a str,
    pub importer_kind: Option<RecipientKind>,
    pub importer_certifications: &'a [Certification],
    /// The importer's locations that no adequacy decision covers.
    pub uncovered: &'a [String],
}

/// What a mechanism does for a restricted transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cover {
    /// It covers the transfer; `law` is what it rests on.
    Covered { law: String },
    /// It does not; `why` says what is wrong and what to do, `law` what it rests on.
    NotCovered { why: String, law: String },
}

/// Whether `mechanism` covers the transfer described by `parties`.
pub fn cover(mechanism: Mechanism, parties: &Parties<'_>, act: Act) -> Cover {
    let table = Jurisdictions::builtin();
    let regime = parties.regime;
    match mechanism {
        Mechanism::Adequacy => Cover::NotCovered {
            why: format!(
                "the flow rests on `Adequacy`, but no adequacy decision of {regime} law covered `{}` in {} on {}: name the mechanism it really rests on",
                parties.importer_id,
                parties.uncovered.join(", "),
                parties.on
            ),
            law: act.cite(crate::model::law::Article::Adequacy),
        },
        Mechanism::Scc => {
            // The regime's clauses in force that day: the 2021 set where it covers, else
            // the old sets.
            let newer = windows_cover(Mechanism::Scc2021, parties, table);
            if matches!(newer, Cover::Covered { .. }) {
                return newer;
            }
            match windows_cover(Mechanism::Scc2010, parties, table) {
                covered @ Cover::Covered { .. } => covered,
                Cover::NotCovered { why, law } => Cover::NotCovered {
                    why: match regime {
                        RegimeCode::UK if parties.on > uk_old_clauses_end() => {
                            "`Scc` under UK law meant the old EU clauses, which covered UK transfers only until 2024-03-21, and the 2021 EU clauses need the UK Addendum: name `UkAddendum` or `Idta`".to_string()
                        }
                        _ => format!("`Scc` (the standard clauses of {regime} law on {}): {why}", parties.on),
                    },
                    law,
                },
            }
        }
        other => windows_cover(other, parties, table),
    }
}

fn uk_old_clauses_end() -> Date {
    Date::new(2024, 3, 21).unwrap_or(crate::model::law::EARLIEST)
}

/// Cover by the windows of `mechanism` under the regime of `parties`.
fn windows_cover(mechanism: Mechanism, parties: &Parties<'_>, table: &Jurisdictions) -> Cover {
    let regime = parties.regime;
    let windows = table.windows(mechanism, regime);
    if windows.is_empty() {
        return Cover::NotCovered {
            why: unknown_here(mechanism, regime),
            law: format!("{regime} law"),
        };
    }
    let open: Vec<&Window> = windows
        .iter()
        .copied()
        .filter(|w| w.open_on(parties.on))
        .collect();
    if open.is_empty() {
        return Cover::NotCovered {
            why: format!(
                "`{mechanism}` did not cover {regime} transfers on {}: {}; use a mechanism valid on that date",
                parties.on,
                describe_windows(&windows)
            ),
            law: closest(&windows, parties.on).law.clone(),
        };
    }
    let mut last_problem = None;
    for w in &open {
        match problem(w, parties) {
            None => {
                return Cover::Covered { law: w.law.clone() };
            }
            Some(why) => last_problem = Some((why, w.law.clone())),
        }
    }
    let (why, law) = last_problem.unwrap_or_default();
    Cover::NotCovered { why, law }
}

/// What keeps an open window from covering these parties, if anything.
fn problem(w: &Window, p: &Parties<'_>) -> Option<String> {
    let m = w.mechanism;
    match w.roles {
        Roles::Any => {}
        Roles::ControllerToController | Roles::ControllerToProcessor
            if p.exporter_role == Role::Processor =>
        {
            return Some(format!(
                "`{m}` has no clauses for a processor exporter (the old sets cover controller → controller and controller → processor only): use `Scc2021` (Module Three){}",
                if p.regime == RegimeCode::UK {
                    " with the UK Addendum, or the IDTA"
                } else {
                    ""
                }
            ));
        }
        Roles::ControllerToController if p.importer_role != Role::Controller => {
            return Some(format!(
                "`{m}` controller → controller clauses ({}) do not fit an importer that is a processor",
                w.law
            ));
        }
        Roles::ControllerToProcessor if p.importer_role != Role::Processor => {
            return Some(format!(
                "`{m}` controller → processor clauses ({}) do not fit an importer that is a controller",
                w.law
            ));
        }
        _ => {}
    }
    match &w.importer {
        ImporterScope::Any => None,
        ImporterScope::Group => {
            (p.importer_kind != Some(RecipientKind::Affiliate)).then(|| {
                format!(
                    "`{m}` binds only the controller's group, and `{}` is not in it (only `Affiliate` recipients are): use SCCs for it",
                    p.importer_id
                )
            })
        }
        ImporterScope::Certified(c) => {
            let elsewhere: Vec<&str> = p
                .uncovered
                .iter()
                .map(String::as_str)
                .filter(|l| *l != "US")
                .collect();
            if !elsewhere.is_empty() {
                Some(format!(
                    "`{m}` covers importers in the US only, but `{}` is also in {}: use another mechanism for the rest",
                    p.importer_id,
                    elsewhere.join(", ")
                ))
            } else if !p.importer_certifications.contains(c) {
                Some(format!(
                    "`{m}` covers only organisations certified under it, and `{}` does not list \"{c}\" in `certifications`: certify it, or use another mechanism",
                    p.importer_id
                ))
            } else {
                None
            }
        }
    }
}

fn unknown_here(mechanism: Mechanism, regime: RegimeCode) -> String {
    let hint = match (mechanism, regime) {
        (Mechanism::Scc2021, RegimeCode::UK) => {
            "the 2021 EU clauses work for UK transfers only with the UK Addendum: name `UkAddendum`"
        }
        (Mechanism::UkAddendum | Mechanism::Idta, _) => {
            "it is a UK instrument: for this regime name `Scc`, `Scc2021` or another of its mechanisms"
        }
        (Mechanism::SafeHarbor | Mechanism::PrivacyShield, RegimeCode::UK) => {
            "the UK never had it (the UK regime begins on 2021-01-01): name `Dpf` for a `DPF-UK` importer, or `Idta`"
        }
        (Mechanism::CompellingLegitimateInterests, RegimeCode::CH) => {
            "the FADP has no such derogation: name a mechanism of FADP Arts. 16-17"
        }
        _ => "name a mechanism that regime knows",
    };
    format!("{regime} law does not know `{mechanism}` as a transfer mechanism: {hint}")
}

fn describe_windows(windows: &[&Window]) -> String {
    let mut spans: Vec<String> = windows
        .iter()
        .map(|w| match w.until {
            Some(until) => format!("{} … {}", w.from, until),
            None => format!("from {}", w.from),
        })
        .collect();
    spans.sort();
    spans.dedup();
    let ended = windows
        .iter()
        .find_map(|w| (!w.note.is_empty() && w.until.is_some()).then_some(w.note.as_str()));
    let mut text = format!("it covers {}", spans.join(", "));
    if let Some(note) = ended {
        text.push_str(&format!(" ({})", note.trim_end_matches('.')));
    }
    text
}

/// The window nearest to `on` (the last one that ended, else the first to come).
fn closest<'a>(windows: &[&'a Window], on: Date) -> &'a Window {
    windows
        .iter()
        .copied()
        .filter(|w| w.from <= on)
        .max_by_key(|w| w.until)
        .or_else(|| windows.iter().copied().min_by_key(|w| w.from))
        .unwrap_or(windows[0])
}

/// Whether `mechanism` is in force under some regime on `on` (FM208 when not).
pub fn in_force_somewhere(mechanism: Mechanism, on: Date) -> bool {
    let table = Jurisdictions::builtin();
    match mechanism {
        Mechanism::Adequacy => true,
        Mechanism::Scc => {
            in_force_somewhere(Mechanism::Scc2021, on) || in_force_somewhere(Mechanism::Scc2010, on)
        }
        m => RegimeCode::ALL.into_iter().any(|r| {
            table.act_on(r, on).is_some() && table.windows(m, r).iter().any(|w| w.open_on(on))
        }),
    }
}
