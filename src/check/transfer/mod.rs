//! Transfer rules FM201–FM209, read as the EDPB reads the law (Guidelines 05/2021): a flow
//! is a transfer under a regime (EU, UK, CH) when its exporter is subject to that regime,
//! it discloses the data to another entity, and that importer is outside the regime's
//! area on `as_of`. [`analysis`] decides what each flow is; this module turns that into
//! findings whose messages walk the three criteria and whose `section` names the act in
//! force on the day (Directive 95/46/EC before 2018-05-25, the GDPR after; the UK GDPR;
//! the FADP of 1992, then the revised FADP).

pub mod analysis;
pub mod cover;
mod findings;
pub mod holders;
pub mod judged;
pub mod places;
mod prepared;
mod regime_day;
pub mod sentences;
pub mod spread;
pub mod words;

use super::{CheckOptions, Finding, Rule};
use crate::graph::FlowGraph;
use crate::load::Step::Field;
use crate::model::law::{Act, Article, RegimeCode};
use crate::model::{Date, Jurisdictions};

pub use analysis::{
    Analysis, FirstBasis, FirstTransfer, FlowLaw, NotTransfer, Onward, Subject, Transfer, Verdict,
    analyse,
};
use findings::flow_findings;
pub use findings::{Fired, describe_transfer, fired, route, why_not_words};
use words::{area, places};

/// Appends the transfer findings of `graph` to `out`; returns notices for the report.
pub fn check(graph: &FlowGraph, options: &CheckOptions, out: &mut Vec<Finding>) -> Vec<String> {
    let analysis = analyse(graph, options.as_of);
    let notices = inventory_findings(graph, &analysis, out);
    flows_findings(graph, analysis.on, 0, &analysis.flows, out);
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

/// The findings of flows `start..` from their `laws` (FM201–FM205, FM208, FM209), so
/// that two threads can share the work; owned laws are freed as soon as they are worded.
pub fn flows_findings<L: std::borrow::Borrow<FlowLaw>>(
    graph: &FlowGraph,
    on: Date,
    start: usize,
    laws: impl IntoIterator<Item = L>,
    out: &mut Vec<Finding>,
) {
    for (k, law) in laws.into_iter().enumerate() {
        flow_findings(graph, on, start + k, law.borrow(), out);
    }
}

/// At least as many findings as [`flows_findings`] makes of flows `start..` (it may
/// make fewer: a verdict that the day's words leave unsaid), so that its list is sized
/// once instead of doubling.
pub fn flows_findings_bound(graph: &FlowGraph, on: Date, start: usize, laws: &[FlowLaw]) -> usize {
    let mut all = Vec::new();
    let mut count = 0;
    for (k, law) in laws.iter().enumerate() {
        let transfers: Vec<&Transfer> = law.transfers.iter().collect();
        let onward: Vec<&Onward> = law.onward.iter().collect();
        all.clear();
        fired(
            graph,
            start + k,
            on,
            &transfers,
            &onward,
            law.not_transfer.as_ref(),
            &mut all,
        );
        count += all.len();
    }
    count
}

/// FM206 and FM207, and the notices on reach.
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
    let place_of_establishment = if inv.established.is_empty() {
        "nowhere".to_string()
    } else {
        format!("in {}", places(&inv.established))
    };
    for &(regime, act) in &analysis.offline_only {
        notices.push(format!(
            "{controller} collects from people in {} only offline (paper, phone, in person): under {} that is no use of equipment situated there ({}), so it does not reach {controller} and needs no representative there",
            area(regime),
            act.name(),
            words::reach_article(act)
        ));
    }
    for &(regime, act) in &analysis.reach {
        let area_words = area(regime);
        let reaches = match act {
            Act::Fadp1992 => String::new(),
            _ => format!(
                "; so {} reaches it ({})",
                words::the_act(act),
                words::reach_article(act)
            ),
        };
        notices.push(format!(
            "{controller} is established {place_of_establishment}, outside {area_words}, and collects from people there: {}{reaches}",
            words::reach_test(act, on),
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
        let code = regime.area_code();
        let location = if file.text.contains("representatives") {
            file.locate(&[Field("representatives")])
        } else {
            file.locate(&[Field("established")])
        };
        let duty = match act {
            Act::Directive => format!(
                "Art. 4(2) wants a representative established there (in each Member State concerned; flowmap asks for one in {area_words}): add \"{code}\" to `representatives`"
            ),
            _ => format!(
                "it names no representative there ({}): add \"{code}\" to `representatives`",
                act.cite(Article::Representative)
            ),
        };
        out.push(
            Finding::new(
                Rule::FM207,
                code,
                format!(
                    "{controller} is established {place_of_establishment}, outside {area_words}, yet collects from people there: {}; so {} reaches it ({}); {duty}",
                    words::reach_test(act, on),
                    words::the_act(act),
                    words::reach_article(act),
                ),
                location,
            )
            .resting_on(act.cite(Article::Representative)),
        );
    }
}
