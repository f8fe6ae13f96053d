//! The sentences about one judged transfer: why its exporter is subject, how it
//! discloses, what it could rest on, its onward term and its impact assessment — each
//! built from the dated vocabulary of [`super::words`], so that a sentence names only
//! what exists on its date.

use crate::model::law::{Act, Article, GuidanceKey, RegimeCode};
use crate::model::{Date, Mechanism, RecipientKind};

use super::analysis::{FirstBasis, FirstTransfer, Subject, Transfer, Via};
use super::holders::Role;
use super::words::{
    area, authority_advice, cite_on, clauses_2021_from, module, old_sets, per, places,
    reach_article, since,
};

/// Why the exporter of `t` is subject to its regime, in words, with the provision.
pub fn subject_words(t: &Transfer, on: Date) -> String {
    let area = area(t.regime);
    let own = !t.exporter.starts_with('`');
    match (t.subject, t.exporter_role) {
        (Subject::Established, Role::Processor) => match t.act {
            Act::Directive if t.controller_inside => format!(
                "a processor in {area} working for a controller established there, {}",
                t.act.cite(Article::Establishment)
            ),
            Act::Directive => format!(
                "a processor in {area} whose equipment the controller established outside it uses, {} ({})",
                t.act.cite(Article::Reach),
                per(GuidanceKey::Wp179, "", on)
            ),
            _ => format!(
                "a processor established in {area}, {}",
                t.act.cite(Article::Establishment)
            ),
        },
        (Subject::Established, _) => match t.act {
            Act::Fadp1992 => format!("established in {area}, {}", t.act.name()),
            _ => format!(
                "established in {area}, {}",
                t.act.cite(Article::Establishment)
            ),
        },
        (Subject::Reach, Role::Processor) => match t.act {
            Act::Gdpr | Act::UkGdpr => format!(
                "a processor for a controller that reaches into {area}, {} ({})",
                reach_article(t.act),
                per(GuidanceKey::EdpbScope, "", on)
            ),
            _ => format!(
                "a processor for a controller that {} reaches, {}",
                t.act.name(),
                reach_article(t.act)
            ),
        },
        (Subject::Reach, _) if !own => format!(
            "collects in {area} itself, straight from the people there: {}",
            reach_article(t.act)
        ),
        (Subject::Reach, _) if t.act == Act::Fadp1992 => format!(
            "established outside {area}, collects from people there: the FADP of 1992 has no article on its territorial scope, and flowmap applies it to data collected in {area}"
        ),
        (Subject::Reach, _) => format!(
            "established outside {area}, collects from people there: {}",
            reach_article(t.act)
        ),
    }
}

/// How the controller discloses when it does not send from its own node: `; it directs
/// the data there …` or `; its processor passes it on …`, with the reading's source as
/// of `on`.
pub fn via_words(t: &Transfer, on: Date) -> String {
    match t.via {
        Via::Own => String::new(),
        Via::Directed => format!(
            "; it directs the data subjects' data to the importer from its own site or app ({})",
            per(GuidanceKey::FashionId, "", on)
        ),
        Via::Processor => {
            let law = match t.act {
                Act::Gdpr | Act::UkGdpr => format!(" ({} Art. 28(3)(a), Art. 29)", t.act.name()),
                Act::Directive => " (Directive 95/46/EC Art. 17(3))".to_string(),
                Act::Fadp => " (FADP Art. 9)".to_string(),
                Act::Fadp1992 => String::new(),
            };
            format!("; its processor passes the data on, on its instructions{law}")
        }
    }
}

/// What a flow that needs a mechanism could name, on the day and for the roles.
pub fn suggestion(t: &Transfer, on: Date) -> String {
    if t.importer_kind == Some(RecipientKind::Authority) {
        return authority_advice(t.act);
    }
    let (e, i) = (t.exporter_role, t.importer_role);
    let day = |y, m, d| Date::new(y, m, d).unwrap_or(on);
    let clauses = match t.regime {
        RegimeCode::EU if on >= clauses_2021_from() && t.importer_under_gdpr => Some(
            "`Some(AdHocClauses)` once a supervisory authority has authorised them: the 2021 clauses do not serve an importer the GDPR itself reaches (Decision (EU) 2021/914 Art. 1(1), Recital 7)"
                .to_string(),
        ),
        RegimeCode::EU if on >= clauses_2021_from() => {
            Some(format!("`Some(Scc2021)` ({})", module(e, i)))
        }
        // The FDPIC recognised the 2021 clauses from 2021-08-27 (and the old sets only
        // until 2022-12-31).
        RegimeCode::CH if on >= day(2021, 8, 27) => Some(format!(
            "`Some(Scc2021)` ({}, as the FDPIC recognises them)",
            module(e, i)
        )),
        RegimeCode::EU | RegimeCode::CH => {
            old_sets(e, i, on).map(|sets| format!("`Some(Scc2010)` ({sets})"))
        }
        RegimeCode::UK if on >= day(2022, 3, 21) => {
            Some("`Some(Idta)` or `Some(UkAddendum)`".into())
        }
        RegimeCode::UK => old_sets(e, i, on).map(|sets| format!("`Some(Scc2010)` ({sets})")),
    };
    match clauses {
        Some(c) => format!("set `mechanism` (e.g. {c}), or keep the data inside the area"),
        None if e == Role::Processor => "no standard clauses existed for a processor exporter on that date: name `AdHocClauses` authorised by a supervisory authority, or let the controller export the data itself".into(),
        None => "no standard clauses existed on that date: name `AdHocClauses` authorised by a supervisory authority, or keep the data inside the area".into(),
    }
}

/// The onward-transfer term of what a first transfer rested on (DESIGN.md, "Modules and
/// clauses by role and date"), or `None` when it carries none.
pub fn onward_term(first: &FirstTransfer, on: Date) -> Option<String> {
    let (e, i) = (first.exporter_role, first.importer_role);
    let clauses_2021 = |what: &str| -> Option<String> {
        match (e, i) {
            (Role::Processor, Role::Controller) => None,
            (Role::Controller, Role::Controller) => Some(format!("{what} Module One Clause 8.7")),
            _ => Some(format!("{what} {} Clause 8.8 (and Clause 9)", module(e, i))),
        }
    };
    match first.basis {
        FirstBasis::Adequacy(Some(framework)) => onward_term(
            &FirstTransfer {
                basis: FirstBasis::Mechanism(framework),
                ..*first
            },
            on,
        ),
        FirstBasis::Adequacy(None) => {
            Some("the adequacy decision's own terms for onward transfers".into())
        }
        FirstBasis::Nothing => None,
        FirstBasis::Mechanism(m) => match m {
            Mechanism::Scc2021 => clauses_2021("the 2021 clauses'"),
            Mechanism::Scc if on >= clauses_2021_from() => clauses_2021("the 2021 clauses'"),
            Mechanism::UkAddendum => clauses_2021("the 2021 clauses' (with the UK Addendum)"),
            Mechanism::Scc | Mechanism::Scc2010 => old_sets(e, i, on)
                .map(|sets| format!("the onward-transfer terms of the clauses of {sets}")),
            Mechanism::Idta => Some("the IDTA's terms on transferring the data on".into()),
            Mechanism::SafeHarbor => Some("Safe Harbor's Onward Transfer Principle".into()),
            Mechanism::PrivacyShield => {
                Some("the Privacy Shield's Accountability for Onward Transfer Principle".into())
            }
            Mechanism::Dpf => Some("the DPF's Accountability for Onward Transfer Principle".into()),
            Mechanism::Bcr => {
                Some("the binding corporate rules' terms for transfers outside the group".into())
            }
            Mechanism::CodeOfConduct | Mechanism::Certification => {
                Some("the importer's binding commitments under it".into())
            }
            Mechanism::AdHocClauses => Some("the authorised clauses' onward-transfer terms".into()),
            Mechanism::Adequacy => {
                Some("the adequacy decision's own terms for onward transfers".into())
            }
            _ => None,
        },
    }
}

/// FM209's sentence and its `section`.
pub fn assessment_words(t: &Transfer, m: Mechanism, law: &str, on: Date) -> (String, String) {
    let where_ = places(&t.uncovered);
    let (since_words, section) = match t.regime {
        RegimeCode::CH => (
            "since the FDPIC's policy paper of 8 September 2020".to_string(),
            format!("{law}; FDPIC policy paper of 8 September 2020"),
        ),
        RegimeCode::UK => (
            // Retained EU case law (European Union (Withdrawal) Act 2018 s. 6) became
            // "assimilated" case law on the law table's day (`UkAssimilatedLaw`).
            if on >= since(GuidanceKey::UkAssimilatedLaw) {
                "under CJEU C-311/18 (Schrems II), kept in UK law as assimilated case law"
            } else {
                "under CJEU C-311/18 (Schrems II), kept in UK law as retained EU case law"
            }
            .to_string(),
            format!("{law}; CJEU C-311/18"),
        ),
        RegimeCode::EU => {
            let mut section = format!("{law}; CJEU C-311/18");
            if let Some(rec) = cite_on(GuidanceKey::EdpbMeasures, on) {
                section.push_str(&format!("; {rec}"));
            }
            ("since Schrems II (CJEU C-311/18)".to_string(), section)
        }
    };
    (
        format!(
            "`{m}` covers it ({law}), and {since_words} the exporter must assess the law and practice of {where_} and add supplementary measures where needed: record a transfer impact assessment"
        ),
        section,
    )
}
