//! Each transfer finding of a flow in words ([`super::fired`] says which): what the
//! transfer is, what it rests on, why a flow is none, and the law each rests on, from
//! the dated vocabulary of [`super::words`] and [`super::sentences`].

use super::judged::{FlowLaw, NotTransfer, Onward, Transfer, Verdict};
use super::{analysis, cover, sentences, words};
use crate::check::{Finding, Rule};
use crate::graph::FlowGraph;
use crate::load::Step::{Field, Index};
use crate::model::law::{Act, Article, GuidanceKey, RegimeCode};
use crate::model::{Date, Jurisdictions, Mechanism, RecipientKind};
use words::{area, per, places};

/// The sentence that opens every finding on a restricted transfer.
fn restricted_words(t: &Transfer, on: Date) -> String {
    let head = format!(
        "restricted transfer under {} ({}): {} → {}",
        t.regime,
        t.act.name(),
        t.exporter,
        t.importer
    );
    if t.importer_kind == Some(RecipientKind::InternationalOrganisation)
        && analysis::organisations_outside(t.act)
    {
        return format!(
            "{head}, an international organisation: outside {} wherever it sits, and no adequacy decision of {} law covers it ({} Art. 44; Art. 4(26))",
            area(t.regime),
            t.regime,
            t.act.name()
        );
    }
    let where_ = places(&t.uncovered);
    if t.act == Act::Fadp1992 {
        return format!(
            "{head} in {where_}, which the FDPIC's list as flowmap models it (the EEA states and the Swiss–US frameworks) does not cover on {on}"
        );
    }
    format!(
        "{head} in {where_}, which no adequacy decision of {} law covers on {on}",
        t.regime
    )
}

/// One transfer finding a flow brings, before its words: which rule, about what.
#[derive(Debug, Clone, Copy)]
pub enum Fired<'a> {
    /// FM201: the transfer.
    Transfer(&'a Transfer),
    /// FM202, FM203, FM204 or FM209: what the transfer rests on.
    Verdict(&'a Transfer, Rule),
    /// FM201: an onward transfer that crosses a border.
    OnwardListed(&'a Onward),
    /// FM205: the onward transfer.
    Onward(&'a Onward),
    /// FM201: a cross-border flow that is no transfer.
    NotTransfer(&'a NotTransfer),
    /// FM208: a mechanism in force nowhere on a flow that needs none.
    Stale(Mechanism),
}

impl Fired<'_> {
    /// The rule it is a finding of.
    pub fn rule(&self) -> Rule {
        match self {
            Fired::Transfer(_) | Fired::OnwardListed(_) | Fired::NotTransfer(_) => Rule::FM201,
            Fired::Verdict(_, rule) => *rule,
            Fired::Onward(_) => Rule::FM205,
            Fired::Stale(_) => Rule::FM208,
        }
    }
}

/// The transfer findings of flow `i` on `on`, in report order, from its transfers and
/// onward transfers under every regime (and why it is none, when it is none). The check
/// words each one ([`flows_findings`]); time travel counts them without words.
pub fn fired<'a>(
    graph: &FlowGraph,
    i: usize,
    on: Date,
    transfers: &[&'a Transfer],
    onward: &[&'a Onward],
    not_transfer: Option<&'a NotTransfer>,
    out: &mut Vec<Fired<'a>>,
) {
    for &t in transfers {
        out.push(Fired::Transfer(t));
        let verdict = match (&t.verdict, t.mechanism) {
            (Verdict::NoMechanism, _) => Some(Rule::FM202),
            (Verdict::NotCovered { .. }, _) => Some(Rule::FM204),
            (Verdict::Derogation { .. }, Some(_)) => Some(Rule::FM203),
            (Verdict::Covered { .. }, Some(m)) if words::assessment_due(t.regime, m, on) => {
                Some(Rule::FM209)
            }
            _ => None,
        };
        if let Some(rule) = verdict {
            out.push(Fired::Verdict(t, rule));
        }
    }
    for &o in onward {
        if graph.is_cross_border(i) {
            out.push(Fired::OnwardListed(o));
        }
        out.push(Fired::Onward(o));
    }
    if let Some(why) = not_transfer
        && graph.is_cross_border(i)
        && *why != NotTransfer::Unjudged
    {
        out.push(Fired::NotTransfer(why));
    }
    if let Some(m) = graph.flow(i).mechanism
        && graph.places_judgeable(i)
        && !transfers.iter().any(|t| t.restricted())
        && !cover::in_force_somewhere(m, on)
    {
        out.push(Fired::Stale(m));
    }
}

pub(super) fn flow_findings(
    graph: &FlowGraph,
    on: Date,
    i: usize,
    law: &FlowLaw,
    out: &mut Vec<Finding>,
) {
    let file = &graph.loaded().inventory_file;
    let flow = graph.flow(i);
    let id = graph.flow_id(i);
    let entry = || file.locate_entry(&[Field("flows"), Index(i)]);
    let mechanism_at = || file.locate(&[Field("flows"), Index(i), Field("mechanism")]);
    let transfers: Vec<&Transfer> = law.transfers.iter().collect();
    let onward: Vec<&Onward> = law.onward.iter().collect();
    let mut all = Vec::new();
    fired(
        graph,
        i,
        on,
        &transfers,
        &onward,
        law.not_transfer.as_ref(),
        &mut all,
    );
    for item in all {
        let finding = match item {
            Fired::Transfer(t) => Finding::new(Rule::FM201, id, describe_transfer(t, on), entry())
                .resting_on(t.act.cite(Article::Transfers)),
            Fired::Verdict(t, Rule::FM202) => {
                let swiss_list = if t.act == Act::Fadp1992 {
                    "; the FDPIC's list of that time is not in flowmap's law table: check it, and if it lists the country, waive this finding with its entry as the reason; else "
                } else {
                    ", and the flow names no transfer mechanism: "
                };
                Finding::new(
                    Rule::FM202,
                    id,
                    format!(
                        "{}{swiss_list}{}",
                        restricted_words(t, on),
                        sentences::suggestion(t, on)
                    ),
                    entry(),
                )
                .resting_on(safeguards_law(t))
            }
            Fired::Verdict(t, Rule::FM204) => {
                let Verdict::NotCovered { why, law } = &t.verdict else {
                    continue;
                };
                Finding::new(
                    Rule::FM204,
                    id,
                    format!("{}; {why}", restricted_words(t, on)),
                    mechanism_at(),
                )
                .resting_on(law.clone())
            }
            Fired::Verdict(t, Rule::FM203) => {
                let (Verdict::Derogation { law }, Some(m)) = (&t.verdict, t.mechanism) else {
                    continue;
                };
                let guidance = words::derogation_guidance(t.act, on);
                let read = match &guidance {
                    Some(g) => format!("read restrictively ({g})"),
                    None => "read restrictively".to_string(),
                };
                Finding::new(
                    Rule::FM203,
                    id,
                    format!(
                        "{}; it rests on `{m}`, a derogation ({law}): an exception, {read}, not a basis for routine or systematic flows; {}: use an adequacy decision or appropriate safeguards where the flow is regular",
                        restricted_words(t, on),
                        words::derogation_conditions(m, t.act, on)
                    ),
                    mechanism_at(),
                )
                .resting_on(match guidance {
                    Some(g) => format!("{law}; {g}"),
                    None => law.clone(),
                })
            }
            Fired::Verdict(t, _) => {
                let (Verdict::Covered { law }, Some(m)) = (&t.verdict, t.mechanism) else {
                    continue;
                };
                let (what, section) = sentences::assessment_words(t, m, law, on);
                Finding::new(
                    Rule::FM209,
                    id,
                    format!("{}; {what}", restricted_words(t, on)),
                    mechanism_at(),
                )
                .resting_on(section)
            }
            Fired::OnwardListed(o) => Finding::new(
                Rule::FM201,
                id,
                format!(
                    "onward transfer of {} data: {} → {} in {} (see FM205); crosses a border ({})",
                    o.regime,
                    o.exporter,
                    o.importer,
                    places(&o.outside),
                    route(graph, i)
                ),
                entry(),
            )
            .resting_on(format!("{} (onward transfers)", o.act.cite(Article::Transfers))),
            Fired::Onward(o) => {
                let categories: Vec<String> =
                    o.categories.iter().map(|c| format!("`{c}`")).collect();
                let first_item = flow
                    .data
                    .iter()
                    .position(|d| {
                        o.categories
                            .iter()
                            .any(|c| crate::model::taxonomy::is_within(c, d))
                    })
                    .unwrap_or(0);
                Finding::new(
                    Rule::FM205,
                    id,
                    format!(
                        "onward transfer of {} data: {} was exported under {} law, and {} (not subject to it) passes it on to {} in {}, which no adequacy decision of {} law covers: {}",
                        o.regime,
                        categories.join(", "),
                        o.regime,
                        o.exporter,
                        o.importer,
                        places(&o.outside),
                        o.regime,
                        onward_duty(o, on)
                    ),
                    file.locate(&[Field("flows"), Index(i), Field("data"), Index(first_item)]),
                )
                .resting_on(format!("{} (onward transfers)", o.act.cite(Article::Transfers)))
            }
            Fired::NotTransfer(why) => {
                let (reason, section) = why_not_words(graph, why, on);
                let to = graph
                    .ends(i)
                    .map(|(_, to)| to.located.to_vec())
                    .unwrap_or_default();
                let tail = if *why == NotTransfer::NotPersonal {
                    String::new()
                } else {
                    format!(
                        "; the data then sits in {}: weigh access by public authorities there as a security risk ({})",
                        places(&to),
                        per(GuidanceKey::EdpbTransfers, ", §3", on)
                    )
                };
                Finding::new(
                    Rule::FM201,
                    id,
                    format!("crosses a border ({}); {reason}{tail}", route(graph, i)),
                    entry(),
                )
                .resting_on(section)
            }
            Fired::Stale(m) => Finding::new(
                Rule::FM208,
                id,
                format!(
                    "the flow names `{m}`, which was in force under no regime on {on}: the flow is not a restricted transfer, so it needs no mechanism; update or remove it (the inventory is stale)"
                ),
                mechanism_at(),
            )
            .resting_on(last_law_of(m)),
        };
        out.push(finding);
    }
}

/// What FM205 asks of an onward transfer: the first transfers' onward terms.
fn onward_duty(o: &Onward, on: Date) -> String {
    let mut terms: Vec<String> = o
        .first
        .iter()
        .filter_map(|f| sentences::onward_term(f, on))
        .collect();
    terms.sort();
    terms.dedup();
    if terms.is_empty() {
        "the first transfer rested on no safeguard with an onward-transfer term (no mechanism, or a derogation): nothing binds the importer for what it passes on, so give this flow safeguards of its own or stop it".into()
    } else {
        format!(
            "the first transfer's safeguards must travel with it ({})",
            terms.join("; ")
        )
    }
}

/// FM201's words for a transfer: who exports and why it is subject, who imports, where,
/// and what covers it.
pub fn describe_transfer(t: &Transfer, on: Date) -> String {
    let why = sentences::subject_words(t, on);
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
            let no_adequacy = if t.importer_kind == Some(RecipientKind::InternationalOrganisation)
                && analysis::organisations_outside(t.act)
            {
                "an international organisation, which no adequacy decision covers".to_string()
            } else {
                format!("no adequacy for {} on {on}", places(&t.uncovered))
            };
            format!("restricted, {no_adequacy}; {what}")
        }
    };
    format!(
        "transfer under {} ({}): {} ({}, {why}{}) → {} ({}) in {}; {verdict}",
        t.regime,
        t.act.name(),
        t.exporter,
        t.exporter_role.word(),
        sentences::via_words(t, on),
        t.importer,
        t.importer_role.word(),
        places(&t.outside),
    )
}

/// Why a flow is no transfer, in words, and what that rests on on `on`.
pub fn why_not_words(graph: &FlowGraph, why: &NotTransfer, on: Date) -> (String, String) {
    let guidelines =
        words::cite_on(GuidanceKey::EdpbTransfers, on).unwrap_or_else(|| words::law_of_the_day(on));
    match why {
        NotTransfer::Collection => (
            format!(
                "collection by the controller, not a transfer: the data subjects hand their own data to {} ({})",
                analysis::controller_name(graph),
                per(GuidanceKey::EdpbTransfers, ", Example 1", on)
            ),
            guidelines,
        ),
        NotTransfer::SameEntity(name) => (
            format!("same entity, not a transfer: {name} holds both ends"),
            guidelines,
        ),
        NotTransfer::NotSubject(exporter) => (
            format!(
                "not a transfer: its exporter {exporter} is subject to none of {} transfer rules for this data",
                words::regimes_on(on)
            ),
            guidelines,
        ),
        NotTransfer::ImporterInside(regimes) => {
            let names: Vec<String> = regimes
                .iter()
                .map(|r| format!("{}, the area of {r} law", area(*r)))
                .collect();
            (
                format!(
                    "not a transfer: the importer is inside {}, to which the exporter is subject",
                    names.join("; and inside ")
                ),
                guidelines,
            )
        }
        NotTransfer::Bridge { law } => (
            format!(
                "not a transfer: under the EU–UK bridge ({law}) a flow to the United Kingdom is no transfer to a third country, and no onward transfer follows from it"
            ),
            law.clone(),
        ),
        NotTransfer::NotPersonal => {
            let act = Jurisdictions::builtin()
                .act_on(RegimeCode::EU, on)
                .unwrap_or(Act::Gdpr);
            let recital = format!("{} Recital 26", act.name());
            (
                format!(
                    "carries no personal data: its categories are marked `personal: false` in the taxonomy (aggregated or anonymised, no longer relating to an identifiable person: {recital}), so the transfer rules do not judge it"
                ),
                recital,
            )
        }
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

/// What FM202 rests on: the act's rule on safeguards (and Art. 48 for an authority).
fn safeguards_law(t: &Transfer) -> String {
    let authority = t.importer_kind == Some(RecipientKind::Authority);
    match t.act {
        Act::Directive => "Directive 95/46/EC Art. 25(1), Art. 26".into(),
        Act::Gdpr | Act::UkGdpr if authority => {
            format!("{} Art. 48, Art. 49(1)(d)(e)", t.act.name())
        }
        Act::Gdpr | Act::UkGdpr => format!("{} Art. 44, Art. 46", t.act.name()),
        Act::Fadp1992 => "FADP (1992) Art. 6".into(),
        Act::Fadp => "FADP Art. 16".into(),
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

#[cfg(test)]
mod tests {
    use super::words::place;

    #[test]
    fn places_read_as_people_say_them() {
        assert_eq!(place("GB"), "the United Kingdom");
        assert_eq!(place("CH"), "Switzerland");
        assert_eq!(place("US"), "the United States");
        assert_eq!(place("EEA"), "the EEA");
        assert_eq!(place("*"), "places not named (`*`)");
    }
}
