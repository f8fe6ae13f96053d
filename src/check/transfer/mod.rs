//! Transfer rules FM201–FM209, read as the EDPB reads the law (Guidelines 05/2021): a flow
//! is a transfer under a regime (EU, UK, CH) when its exporter is subject to that regime,
//! it discloses the data to another entity, and that importer is outside the regime's
//! area on `as_of`. [`analysis`] decides what each flow is; this module turns that into
//! findings whose messages walk the three criteria and whose `section` names the act in
//! force on the day (Directive 95/46/EC before 2018-05-25, the GDPR after; the UK GDPR;
//! the FADP of 1992, then the revised FADP).

pub mod analysis;
pub mod cover;
pub mod holders;
pub mod places;
pub mod spread;

use super::{CheckOptions, Finding, Rule};
use crate::graph::FlowGraph;
use crate::load::Step::{Field, Index};
use crate::model::law::{Act, Article, RegimeCode};
use crate::model::{Date, Jurisdictions, Mechanism};

pub use analysis::{Analysis, FlowLaw, NotTransfer, Onward, Subject, Transfer, Verdict, analyse};
use holders::Role;

/// The day from which a transfer on clauses or BCRs needs an impact assessment (FM209):
/// CJEU C-311/18 was delivered on 2020-07-16 and binds from that day.
pub const SCHREMS_II: Date = match Date::new(2020, 7, 16) {
    Some(day) => day,
    None => panic!("2020-07-16 is a date"),
};

/// Appends the transfer findings of `graph` to `out`; returns notices for the report.
pub fn check(graph: &FlowGraph, options: &CheckOptions, out: &mut Vec<Finding>) -> Vec<String> {
    let analysis = analyse(graph, options.as_of);
    let notices = inventory_findings(graph, &analysis, out);
    flows_findings(graph, &analysis, 0..analysis.flows.len(), out);
    notices
}

/// The findings about the inventory as a whole (FM206, FM207) and the notices.
pub fn inventory_findings(
    graph: &FlowGraph,
    analysis: &Analysis,
    out: &mut Vec<Finding>,
) -> Vec<String> {
    let mut notices = Vec::new();
    established(graph, analysis, out, &mut notices);
    if analysis.relied_on_israel {
        notices.push(
            "Israel's adequacy decision (2011/61/EU) covers automated international transfers only: flowmap treats `IL` as adequate".into(),
        );
    }
    notices
}

/// The findings of the flows in `range` (FM201–FM205, FM208, FM209), so that two threads
/// can share the work.
pub fn flows_findings(
    graph: &FlowGraph,
    analysis: &Analysis,
    range: std::ops::Range<usize>,
    out: &mut Vec<Finding>,
) {
    for i in range {
        flow_findings(graph, analysis, i, &analysis.flows[i], out);
    }
}

/// FM206 and FM207, and the notice on reach.
fn established(
    graph: &FlowGraph,
    analysis: &Analysis,
    out: &mut Vec<Finding>,
    notices: &mut Vec<String>,
) {
    let inv = graph.inventory();
    let file = &graph.loaded().inventory_file;
    let table = Jurisdictions::builtin();
    let on = analysis.on;
    let controller = analysis::controller_name(graph);
    if inv.established.is_empty() {
        let act = table.act_on(RegimeCode::EU, on).unwrap_or(Act::Gdpr);
        out.push(
            Finding::new(
                Rule::FM206,
                "established",
                format!(
                    "the inventory does not say where {controller} is established (`established: []`): flowmap takes it to be established nowhere, subject to a regime only through its reach; set `established` (e.g. [\"US\"])"
                ),
                file.locate(&[Field("established")]),
            )
            .resting_on(format!(
                "{}, {}",
                act.cite(Article::Establishment),
                act.cite(Article::Reach).replace(act.name(), "").trim()
            )),
        );
    }
    for &(regime, act) in &analysis.reach {
        let area = regime.area_code();
        notices.push(format!(
            "{controller} is established outside the {} regime's area and collects from people there: flowmap assumes that means offering them goods or services or monitoring them, so {} reaches it ({})",
            regime,
            act.name(),
            act.cite(Article::Reach)
        ));
        if regime == RegimeCode::CH {
            // The Swiss duty (revised FADP Art. 14) holds only when four conditions do.
            continue;
        }
        let named = inv
            .representatives
            .iter()
            .any(|r| table.in_area(regime, r, on));
        if named {
            continue;
        }
        let place = if inv.established.is_empty() {
            "nowhere".to_string()
        } else {
            format!("in {}", inv.established.join(", "))
        };
        let location = if file.text.contains("representatives") {
            file.locate(&[Field("representatives")])
        } else {
            file.locate(&[Field("established")])
        };
        out.push(
            Finding::new(
                Rule::FM207,
                area,
                format!(
                    "{controller} is established {place}, outside the {area}, yet collects from people there, so {} reaches it ({}); it names no representative there: add \"{area}\" to `representatives`",
                    act.name(),
                    act.cite(Article::Reach),
                ),
                location,
            )
            .resting_on(act.cite(Article::Representative)),
        );
    }
}

fn flow_findings(
    graph: &FlowGraph,
    analysis: &Analysis,
    i: usize,
    law: &FlowLaw,
    out: &mut Vec<Finding>,
) {
    let file = &graph.loaded().inventory_file;
    let flow = graph.flow(i);
    let id = graph.flow_id(i);
    let on = analysis.on;
    let entry = || file.locate_entry(&[Field("flows"), Index(i)]);
    let mechanism_at = || file.locate(&[Field("flows"), Index(i), Field("mechanism")]);

    for t in &law.transfers {
        out.push(
            Finding::new(Rule::FM201, id, describe_transfer(t, on), entry())
                .resting_on(t.act.cite(Article::Transfers)),
        );
        let uncovered = t.uncovered.join(", ");
        let restricted = format!(
            "restricted transfer under {} ({}): {} → {} in {uncovered}, which no adequacy decision of {} law covers on {on}",
            t.regime,
            t.act.name(),
            t.exporter,
            t.importer,
            t.regime
        );
        match (&t.verdict, t.mechanism) {
            (Verdict::NoMechanism, _) => out.push(
                Finding::new(
                    Rule::FM202,
                    id,
                    format!(
                        "{restricted}, and the flow names no transfer mechanism: set `mechanism` (e.g. `Some(Scc)`), or keep the data inside the area"
                    ),
                    entry(),
                )
                .resting_on(safeguards_law(t.act)),
            ),
            (Verdict::NotCovered { why, law }, _) => out.push(
                Finding::new(
                    Rule::FM204,
                    id,
                    format!("{restricted}; {why}"),
                    mechanism_at(),
                )
                .resting_on(law.clone()),
            ),
            (Verdict::Derogation { law }, Some(m)) => {
                let extra = if m == Mechanism::CompellingLegitimateInterests {
                    "; Art. 49(1) second subparagraph also demands that you inform the supervisory authority and the data subject of the transfer, and record the assessment (Art. 30(1)(e))"
                } else {
                    ""
                };
                out.push(
                    Finding::new(
                        Rule::FM203,
                        id,
                        format!(
                            "{restricted}; it rests on `{m}`, a derogation ({law}) meant for occasional transfers, not a routine flow: use standard clauses, BCRs or an adequacy decision{extra}"
                        ),
                        mechanism_at(),
                    )
                    .resting_on(derogation_law(t.act, law, on)),
                );
            }
            (Verdict::Covered { law }, Some(m)) if m.needs_assessment() && on >= SCHREMS_II => {
                out.push(
                    Finding::new(
                        Rule::FM209,
                        id,
                        format!(
                            "{restricted}; `{m}` covers it ({law}), and since Schrems II the exporter must assess the law and practice of {uncovered} and add supplementary measures where needed: record a transfer impact assessment"
                        ),
                        mechanism_at(),
                    )
                    .resting_on(format!(
                        "{law}; CJEU C-311/18; EDPB Recommendations 01/2020"
                    )),
                );
            }
            _ => {}
        }
    }

    for o in &law.onward {
        let categories: Vec<String> = o.categories.iter().map(|c| format!("`{c}`")).collect();
        let first_item = flow
            .data
            .iter()
            .position(|d| {
                o.categories
                    .iter()
                    .any(|c| crate::model::taxonomy::is_within(c, d))
            })
            .unwrap_or(0);
        if graph.is_cross_border(i) {
            out.push(
                Finding::new(
                    Rule::FM201,
                    id,
                    format!(
                        "onward transfer of {} data: {} → {} in {} (see FM205); crosses a border ({})",
                        o.regime,
                        o.exporter,
                        o.importer,
                        o.outside.join(", "),
                        route(graph, i)
                    ),
                    entry(),
                )
                .resting_on(format!("{} (onward transfers)", o.act.cite(Article::Transfers))),
            );
        }
        out.push(
            Finding::new(
                Rule::FM205,
                id,
                format!(
                    "onward transfer of {} data: {} was exported under {} law, and {} (not subject to it) passes it on to {} in {}: the first transfer's safeguards must travel with it (the 2021 SCCs' Clause 8.7, the DPF's Onward Transfer Principle)",
                    o.regime,
                    categories.join(", "),
                    o.regime,
                    o.exporter,
                    o.importer,
                    o.outside.join(", ")
                ),
                file.locate(&[Field("flows"), Index(i), Field("data"), Index(first_item)]),
            )
            .resting_on(format!("{} (onward transfers)", o.act.cite(Article::Transfers))),
        );
    }

    if let Some(why) = &law.not_transfer
        && graph.is_cross_border(i)
        && *why != NotTransfer::Unjudged
    {
        let (reason, section) = why_not_words(graph, why);
        let to = graph
            .ends(i)
            .map(|(_, to)| to.located.join(", "))
            .unwrap_or_default();
        out.push(
            Finding::new(
                Rule::FM201,
                id,
                format!(
                    "crosses a border ({}); {reason}; the data then sits in {to}: weigh access by public authorities there as a security risk (EDPB Guidelines 05/2021, §3)",
                    route(graph, i)
                ),
                entry(),
            )
            .resting_on(section),
        );
    }

    // FM208: a mechanism on a flow that is no restricted transfer, in force nowhere.
    if let Some(m) = flow.mechanism
        && graph.places_judgeable(i)
        && !law.transfers.iter().any(Transfer::restricted)
        && !cover::in_force_somewhere(m, on)
    {
        out.push(
            Finding::new(
                Rule::FM208,
                id,
                format!(
                    "the flow names `{m}`, which was in force under no regime on {on}: the flow is not a restricted transfer, so it needs no mechanism; update or remove it (the inventory is stale)"
                ),
                mechanism_at(),
            )
            .resting_on(last_law_of(m)),
        );
    }
}

/// FM201's words for a transfer: who exports and why it is subject, who imports, where,
/// and what covers it.
pub fn describe_transfer(t: &Transfer, on: Date) -> String {
    let area = t.regime.area_code();
    let why = match (t.subject, t.exporter_role) {
        (Subject::Established, _) => {
            format!(
                "established in the {area}, {}",
                t.act.cite(Article::Establishment)
            )
        }
        (Subject::Reach, _)
            if t.exporter.starts_with('`') && t.exporter_role == Role::Processor =>
        {
            format!(
                "a processor for a controller that reaches into the {area}, {}; EDPB Guidelines 3/2018",
                t.act.cite(Article::Reach)
            )
        }
        (Subject::Reach, Role::Controller) if t.exporter.starts_with('`') => format!(
            "collects in the {area} itself, {}",
            t.act.cite(Article::Reach)
        ),
        (Subject::Reach, _) => format!(
            "established outside the {area}, collects from people there: {}",
            t.act.cite(Article::Reach)
        ),
    };
    let verdict = match &t.verdict {
        Verdict::Adequate => format!(
            "not restricted: {} covers it on {on}",
            t.adequacy.join("; ")
        ),
        other => {
            let what = match (other, t.mechanism) {
                (Verdict::Covered { law }, Some(m)) => format!("rests on `{m}` ({law})"),
                (Verdict::Derogation { law }, Some(m)) => {
                    format!("rests on `{m}`, a derogation ({law})")
                }
                (Verdict::NotCovered { .. }, Some(m)) => {
                    format!("`{m}` does not cover it (FM204)")
                }
                _ => "names no mechanism (FM202)".into(),
            };
            format!(
                "restricted, no adequacy for {} on {on}; {what}",
                t.uncovered.join(", ")
            )
        }
    };
    format!(
        "transfer under {} ({}): {} ({}, {why}) → {} ({}) in {}; {verdict}",
        t.regime,
        t.act.name(),
        t.exporter,
        t.exporter_role.word(),
        t.importer,
        t.importer_role.word(),
        t.outside.join(", "),
    )
}

/// Why a flow is no transfer, in words, and what that rests on.
pub fn why_not_words(graph: &FlowGraph, why: &NotTransfer) -> (String, String) {
    let guidelines = "EDPB Guidelines 05/2021".to_string();
    match why {
        NotTransfer::Collection => (
            format!(
                "collection by the controller, not a transfer: the data subjects hand their own data to {} (EDPB Guidelines 05/2021, Example 1)",
                analysis::controller_name(graph)
            ),
            guidelines,
        ),
        NotTransfer::SameEntity(name) => (
            format!("same entity, not a transfer: {name} holds both ends"),
            guidelines,
        ),
        NotTransfer::NotSubject(exporter) => (
            format!(
                "not a transfer: its exporter {exporter} is subject to none of the EU, UK or Swiss transfer rules for this data"
            ),
            guidelines,
        ),
        NotTransfer::ImporterInside(regimes) => {
            let names: Vec<String> = regimes
                .iter()
                .map(|r| format!("{r} ({})", r.area_code()))
                .collect();
            (
                format!(
                    "not a transfer: the importer is inside the area of {} law, to which the exporter is subject",
                    names.join(", ")
                ),
                guidelines,
            )
        }
        NotTransfer::Bridge { law } => (
            format!(
                "not a transfer: under the EU–UK bridge ({law}) a flow to the UK is no transfer to a third country, and no onward transfer follows from it"
            ),
            law.clone(),
        ),
        NotTransfer::Unjudged => ("not judged (an unknown node or place)".into(), guidelines),
    }
}

/// "EEA, US → US, *": where the data leaves from and goes to.
pub fn route(graph: &FlowGraph, i: usize) -> String {
    format!(
        "{} → {}",
        graph.foreign_origins(i).join(", "),
        graph.cross_border_destinations(i).join(", ")
    )
}

fn safeguards_law(act: Act) -> String {
    match act {
        Act::Directive => "Directive 95/46/EC Art. 25(1), Art. 26".into(),
        Act::Gdpr | Act::UkGdpr => format!("{} Art. 44, Art. 46", act.name()),
        Act::Fadp1992 => "FADP (1992) Art. 6".into(),
        Act::Fadp => "FADP Art. 16".into(),
    }
}

/// A derogation's law, with the guidance that reads derogations restrictively.
fn derogation_law(act: Act, law: &str, on: Date) -> String {
    let wp114 = Date::new(2005, 11, 25).is_some_and(|d| on >= d);
    match act {
        Act::Gdpr => format!("{law}; EDPB Guidelines 2/2018"),
        Act::Directive if wp114 => format!("{law}; WP29 WP114"),
        _ => law.to_string(),
    }
}

/// The law of a mechanism's most recent window under any regime.
fn last_law_of(m: Mechanism) -> String {
    let table = Jurisdictions::builtin();
    let m = if m == Mechanism::Scc {
        Mechanism::Scc2021
    } else {
        m
    };
    RegimeCode::ALL
        .into_iter()
        .flat_map(|r| table.windows(m, r))
        .max_by_key(|w| (w.until, w.from))
        .map_or_else(|| format!("`{m}`"), |w| w.law.clone())
}
