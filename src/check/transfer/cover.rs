//! Whether a named mechanism covers a restricted transfer under a regime on a date, and
//! if not, why (DESIGN.md's mechanism table; the windows are data in
//! `inventory/jurisdictions.ron`).

use crate::model::law::{Act, Certification, ImporterScope, RegimeCode, Roles, Window};
use crate::model::{Date, Jurisdictions, Mechanism, RecipientKind};

use super::holders::Role;
use super::words;
use crate::model::law::GuidanceKey;

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
    pub uncovered: &'a [crate::model::Name],
    /// Why the GDPR itself applies to the importer's processing, if it does.
    pub importer_under_gdpr: Option<UnderGdpr>,
}

/// Why the GDPR applies to an importer outside the EEA (Art. 3(2)), so that the 2021
/// clauses, made for importers it does not reach, do not serve it (Decision (EU)
/// 2021/914 Art. 1(1), Recital 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnderGdpr {
    /// A processor of a controller established outside the EEA whose processing reaches
    /// into it (EDPB Guidelines 3/2018).
    ProcessorOfReachingController,
    /// A controller that itself collects from people in the EEA.
    CollectsItself,
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
        Mechanism::Scc2021 | Mechanism::Scc
            if regime == RegimeCode::EU
                && parties.on >= words::clauses_2021_from()
                && parties.importer_under_gdpr.is_some() =>
        {
            importer_under_gdpr(mechanism, parties)
        }
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

/// FM204 for the 2021 clauses when the GDPR itself reaches the importer: Decision (EU)
/// 2021/914 serves only importers whose processing it does not (Art. 1(1), Recital 7).
fn importer_under_gdpr(mechanism: Mechanism, p: &Parties<'_>) -> Cover {
    let why_gdpr = match p.importer_under_gdpr {
        Some(UnderGdpr::ProcessorOfReachingController) => format!(
            "`{}` is a processor for a controller established outside the EEA whose processing the GDPR reaches (Art. 3(2); {}), so the GDPR applies to its processing too",
            p.importer_id,
            words::per(GuidanceKey::EdpbScope, "", p.on)
        ),
        _ => format!(
            "`{}` collects from people in the EEA itself, so the GDPR applies to its processing (Art. 3(2))",
            p.importer_id
        ),
    };
    let tailored = match words::cite_on(GuidanceKey::EdpbTransfers, p.on) {
        Some(g) => format!(" ({g}, §3)"),
        None => String::new(),
    };
    Cover::NotCovered {
        why: format!(
            "{why_gdpr}; the 2021 standard clauses (`{mechanism}`) serve only importers whose processing is not subject to the GDPR (Decision (EU) 2021/914 Art. 1(1), Recital 7): what is left are safeguards tailored to what the GDPR does not already impose{tailored}, e.g. `AdHocClauses` once a supervisory authority has authorised them"
        ),
        law: "Commission Implementing Decision (EU) 2021/914 Art. 1(1), Recital 7".into(),
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
            None if w.mechanism == Mechanism::Scc2021 => {
                return Cover::Covered {
                    law: format!(
                        "{}, {}",
                        w.law,
                        words::module(parties.exporter_role, parties.importer_role)
                    ),
                };
            }
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
            let module = words::module(p.exporter_role, p.importer_role);
            let instead = match p.regime {
                RegimeCode::UK if p.on >= Date::new(2022, 3, 21).unwrap_or(p.on) => {
                    format!("use `UkAddendum` (with the 2021 clauses' {module}) or `Idta`")
                }
                RegimeCode::EU if p.on >= words::clauses_2021_from() => {
                    format!("use `Scc2021` ({module})")
                }
                RegimeCode::CH if p.on >= Date::new(2021, 8, 27).unwrap_or(p.on) => {
                    format!("use `Scc2021` ({module}, as the FDPIC recognises it)")
                }
                _ => "no standard clauses existed for a processor exporter on that date: use `AdHocClauses` authorised by a supervisory authority, or let the controller export the data itself".into(),
            };
            return Some(format!(
                "`{m}` has no clauses for a processor exporter (the old sets cover controller → controller and controller → processor only): {instead}"
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
                .map(crate::model::Name::as_str)
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
