//! Time travel without re-checking: one inventory judged on many dates, each date doing
//! only the work it can change.
//!
//! - What no date changes is prepared once ([`Prepared`]: who holds each node, the
//!   numbered categories, each flow's ends).
//! - A regime's law on a date depends only on that date's facts about the inventory's
//!   own places and mechanisms: the act in force, which places lie inside the area, the
//!   bridge, the adequacy rows and mechanism windows in force, and the days from which
//!   the 2021 clauses and the impact assessment apply. Those facts are the regime's
//!   [`Key`]; a regime is judged again only on a date where its key changes — a handful
//!   of times over the law's 45 milestones for a real inventory, whatever its size.
//! - The other rules' findings change only where membership of the EU or EEA does
//!   ([`Engine::membership`]): once per such epoch.
//! - Counts come from the transfer findings' rules and subjects ([`fired`]), not from
//!   their words, so a date whose law changed costs a pass over the flows, and a date
//!   whose law did not costs nothing but the waivers.
//!
//! `tests/timeline.rs` holds this to a full `check --as-of` on every milestone, over
//! random inventories: the same verdicts, the same counts.

use std::borrow::Cow;
use std::fmt::Write;

use crate::graph::FlowGraph;
use crate::model::law::{Act, RegimeCode};
use crate::model::{Date, Jurisdictions, Mechanism, Name};

use super::transfer::analysis::{Prepared, RegimeLaw};
use super::transfer::words::{assessment, clauses_2021_from, since};
use super::transfer::{Analysis, NotTransfer, Onward, Transfer, Verdict, cover, fired, words};
use super::{Finding, Rule, Severity};

/// Per place of an inventory (sorted), whether it lies inside the EU and the EEA on a
/// date: two dates with the same answer judge every place alike (what is cross-border,
/// what the policy must disclose), so the rules other than the transfer rules give the
/// same findings.
pub type Membership = Vec<(bool, bool)>;

/// The facts of one date that a regime's law on the inventory depends on.
type Key = Vec<usize>;

/// A separator between the lists of a [`Key`].
const END: usize = usize::MAX;

/// An inventory judged date after date.
pub struct Engine<'g> {
    graph: &'g FlowGraph,
    prepared: Prepared<'g>,
    /// Every place the inventory names (nodes, `established`), sorted, once each.
    places: Vec<&'g str>,
    /// Every mechanism a flow names, `Scc` also as the sets it stands for.
    mechanisms: Vec<Mechanism>,
    /// Per regime (in [`RegimeCode::ALL`] order): the key it was last judged on, and its
    /// law then.
    regimes: Vec<Option<(Key, Option<RegimeLaw>)>>,
    /// Which of [`Engine::mechanisms`] were in force somewhere (FM208), last date.
    in_force: Vec<bool>,
}

impl<'g> Engine<'g> {
    /// Prepares `graph` for judging on many dates.
    pub fn new(graph: &'g FlowGraph) -> Engine<'g> {
        let inv = graph.inventory();
        let mut places: Vec<&str> = graph
            .graph()
            .node_weights()
            .flat_map(|&n| graph.view(n).located.iter().map(Name::as_str))
            .chain(inv.established.iter().map(Name::as_str))
            .collect();
        places.sort_unstable();
        places.dedup();
        let mut mechanisms: Vec<Mechanism> = inv
            .flows
            .iter()
            .filter_map(|f| f.mechanism)
            .flat_map(|m| match m {
                Mechanism::Scc => vec![Mechanism::Scc, Mechanism::Scc2021, Mechanism::Scc2010],
                other => vec![other],
            })
            .collect();
        mechanisms.sort_unstable();
        mechanisms.dedup();
        Engine {
            graph,
            prepared: Prepared::new(graph),
            places,
            mechanisms,
            regimes: vec![None; RegimeCode::ALL.len()],
            in_force: Vec::new(),
        }
    }

    /// Judges `day`: each regime whose key changed since the last date is judged again.
    /// Returns whether anything a verdict or a transfer finding depends on changed.
    pub fn step(&mut self, day: Date) -> bool {
        let mut changed = false;
        for (k, regime) in RegimeCode::ALL.into_iter().enumerate() {
            let key = self.key(regime, day);
            if self.regimes[k]
                .as_ref()
                .is_some_and(|(last, _)| *last == key)
            {
                continue;
            }
            let law = self.prepared.regime(regime, day);
            self.regimes[k] = Some((key, law));
            changed = true;
        }
        let in_force: Vec<bool> = self
            .mechanisms
            .iter()
            .map(|&m| cover::in_force_somewhere(m, day))
            .collect();
        if in_force != self.in_force {
            self.in_force = in_force;
            changed = true;
        }
        changed
    }

    /// Which of the inventory's places lie inside the EU and the EEA on `day`.
    pub fn membership(&self, day: Date) -> Membership {
        let table = Jurisdictions::builtin();
        self.places
            .iter()
            .map(|&c| {
                (
                    table.region_contains("EU", c, day),
                    table.region_contains("EEA", c, day),
                )
            })
            .collect()
    }

    /// The facts of `day` that `regime`'s law on this inventory depends on.
    fn key(&self, regime: RegimeCode, day: Date) -> Key {
        let table = Jurisdictions::builtin();
        let mut key: Key = Vec::with_capacity(self.places.len() * 4 + 8);
        key.push(table.act_on(regime, day).map_or(END, act_number));
        for &code in &self.places {
            key.push(usize::from(table.in_area(regime, code, day)));
            key.push(
                table
                    .bridge(regime, code, day)
                    .map_or(0, |b| std::ptr::from_ref(b) as usize),
            );
            key.extend(
                table
                    .adequacy_on(regime, code, day)
                    .into_iter()
                    .map(|a| std::ptr::from_ref(a) as usize),
            );
            key.push(END);
        }
        for &m in &self.mechanisms {
            key.extend(
                table
                    .windows(m, regime)
                    .into_iter()
                    .filter(|w| w.open_on(day))
                    .map(|w| std::ptr::from_ref(w) as usize),
            );
            key.push(END);
        }
        key.push(usize::from(day >= clauses_2021_from()));
        key.push(usize::from(day >= since(assessment(regime))));
        key
    }

    /// The regimes' laws on the last date judged, in regime order.
    fn laws(&self) -> impl Iterator<Item = &RegimeLaw> {
        self.regimes
            .iter()
            .filter_map(|r| r.as_ref().and_then(|(_, law)| law.as_ref()))
    }

    /// Each flow's transfers and onward transfers under every regime on the last date.
    fn per_flow(&self) -> (ByFlow<'_, Transfer>, ByFlow<'_, Onward>) {
        let n = self.graph.inventory().flows.len();
        let transfers = self
            .laws()
            .flat_map(|law| law.transfers.iter().map(|(i, t)| (*i, t)));
        let onward = self
            .laws()
            .flat_map(|law| law.onward.iter().map(|(i, o)| (*i, o)));
        (ByFlow::new(n, transfers), ByFlow::new(n, onward))
    }

    /// Each flow's verdict in words and its worst transfer finding on `day` (the last
    /// date judged), as [`verdict_parts`] gives them, one flow at a time:
    /// `f(flow, verdict, worst)`. The words are written into one reused string, so a
    /// caller that keeps only the verdicts that changed allocates for those alone.
    pub fn each_verdict(&self, day: Date, f: impl FnMut(usize, &str, Option<Severity>)) {
        let (transfers, onward) = self.per_flow();
        each_verdict(&transfers, &onward, day, f);
    }

    /// [`Engine::each_verdict`], and returns the transfer findings as (rule, subject) in no
    /// particular order: the flows' (by [`fired`]) and the inventory's (FM206, FM207).
    /// `judged` is the graph judged on `day` (what is cross-border).
    pub fn judged(
        &self,
        judged: &FlowGraph,
        day: Date,
        each: impl FnMut(usize, &str, Option<Severity>),
    ) -> Vec<(Rule, Cow<'g, str>)> {
        let (transfers, onward) = self.per_flow();
        each_verdict(&transfers, &onward, day, each);
        self.keys_of(&transfers, &onward, judged, day)
    }

    fn keys_of(
        &self,
        transfers: &ByFlow<'_, Transfer>,
        onward: &ByFlow<'_, Onward>,
        judged: &FlowGraph,
        day: Date,
    ) -> Vec<(Rule, Cow<'g, str>)> {
        let mut out = Vec::new();
        let mut all = Vec::new();
        for i in 0..transfers.flows() {
            let (transfers, onward) = (transfers.of(i), onward.of(i));
            // Which reason a flow is no transfer does not change the rule it brings, only
            // its words: any reason but "cannot be judged" stands for them all here.
            let none = (transfers.is_empty() && onward.is_empty()).then(|| {
                if self.prepared.ends(i).is_some() {
                    &NotTransfer::Collection
                } else {
                    &NotTransfer::Unjudged
                }
            });
            all.clear();
            fired(judged, i, day, transfers, onward, none, &mut all);
            let subject = self.graph.flow_id(i);
            out.extend(all.iter().map(|f| (f.rule(), Cow::Borrowed(subject))));
        }
        let mut inventory = Vec::new();
        super::transfer::inventory_findings(judged, &self.summary(day), &mut inventory);
        out.extend(
            inventory
                .into_iter()
                .map(|f| (f.rule, Cow::Owned(f.subject))),
        );
        out
    }

    /// The analysis's inventory-wide facts on the last date (no flows).
    fn summary(&self, day: Date) -> Analysis {
        let mut reach = Vec::new();
        let mut offline_only = Vec::new();
        let mut relied_on_israel = false;
        for law in self.laws() {
            if law.reach {
                reach.push((law.regime, law.act));
            }
            if law.offline_only {
                offline_only.push((law.regime, law.act));
            }
            relied_on_israel |= law.israel;
        }
        Analysis {
            on: day,
            flows: Vec::new(),
            reach,
            offline_only,
            relied_on_israel,
        }
    }
}

/// Each flow's verdict in words and worst finding, from its transfers and onward
/// transfers.
fn each_verdict(
    transfers: &ByFlow<'_, Transfer>,
    onward: &ByFlow<'_, Onward>,
    day: Date,
    mut f: impl FnMut(usize, &str, Option<Severity>),
) {
    let mut text = String::new();
    for i in 0..transfers.flows() {
        let (t, o) = (transfers.of(i), onward.of(i));
        let worst = write_verdict(&mut text, t.iter().copied(), o.iter().copied(), day);
        f(i, &text, worst);
    }
}

/// Items grouped by flow in one list (no list per flow: at 100,000 flows and 45 dates
/// those were millions of small allocations): flow `i`'s are
/// `items[starts[i]..starts[i + 1]]`, in the order they came.
struct ByFlow<'a, T> {
    items: Vec<&'a T>,
    starts: Vec<usize>,
}

impl<'a, T> ByFlow<'a, T> {
    /// Groups `pairs` (flow, item) of `n` flows.
    fn new(n: usize, pairs: impl Iterator<Item = (usize, &'a T)>) -> ByFlow<'a, T> {
        let mut pairs: Vec<(usize, &T)> = pairs.collect();
        // Stable: each flow's items keep their order (regime by regime).
        pairs.sort_by_key(|&(i, _)| i);
        let mut starts = vec![0; n + 1];
        for &(i, _) in &pairs {
            starts[i + 1] += 1;
        }
        for k in 0..n {
            starts[k + 1] += starts[k];
        }
        ByFlow {
            items: pairs.into_iter().map(|(_, item)| item).collect(),
            starts,
        }
    }

    /// How many flows.
    fn flows(&self) -> usize {
        self.starts.len() - 1
    }

    /// Flow `i`'s items.
    fn of(&self, i: usize) -> &[&'a T] {
        &self.items[self.starts[i]..self.starts[i + 1]]
    }
}

/// [`super::timeline::verdict_of`] from a flow's transfers and onward transfers under every regime.
pub fn verdict_parts<'a>(
    transfers: impl Iterator<Item = &'a Transfer>,
    onward: impl Iterator<Item = &'a Onward>,
    on: Date,
) -> (String, Option<Severity>) {
    let mut text = String::new();
    let worst = write_verdict(&mut text, transfers, onward, on);
    (text, worst)
}

/// [`verdict_parts`] written into `text` (cleared first), returning the worst severity.
fn write_verdict<'a>(
    text: &mut String,
    transfers: impl Iterator<Item = &'a Transfer>,
    onward: impl Iterator<Item = &'a Onward>,
    on: Date,
) -> Option<Severity> {
    text.clear();
    let mut worst: Option<Severity> = None;
    let mut worse = |s: Severity| worst = Some(worst.map_or(s, |w| w.max(s)));
    let next = |text: &mut String| {
        if !text.is_empty() {
            text.push_str(" + ");
        }
    };
    for t in transfers {
        next(text);
        let mechanism = MechanismWord(t.mechanism);
        let regime = t.regime;
        let _ = match &t.verdict {
            Verdict::Adequate => write!(text, "{regime} transfer, adequate"),
            Verdict::Covered { .. } => {
                let assess = t
                    .mechanism
                    .is_some_and(|m| words::assessment_due(t.regime, m, on));
                if assess {
                    worse(Severity::Info);
                }
                write!(
                    text,
                    "{regime} transfer, covered by{mechanism}{}",
                    if assess { " (FM209)" } else { "" }
                )
            }
            Verdict::Derogation { .. } => {
                worse(Severity::Warning);
                write!(
                    text,
                    "{regime} transfer on the derogation{mechanism} (FM203)"
                )
            }
            Verdict::NoMechanism => {
                worse(Severity::Error);
                write!(text, "{regime} transfer, no mechanism (FM202)")
            }
            Verdict::NotCovered { .. } => {
                worse(Severity::Error);
                write!(
                    text,
                    "{regime} transfer,{mechanism} does not cover it (FM204)"
                )
            }
        };
    }
    for o in onward {
        worse(Severity::Warning);
        next(text);
        let _ = write!(text, "onward transfer of {} data (FM205)", o.regime);
    }
    if text.is_empty() {
        text.push_str("not a transfer");
    }
    worst
}

/// `` `Scc` `` after a space, or nothing: the mechanism a verdict names.
struct MechanismWord(Option<Mechanism>);

impl std::fmt::Display for MechanismWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(m) => write!(f, " `{m}`"),
            None => Ok(()),
        }
    }
}

/// An act as a number, for a [`Key`].
fn act_number(act: Act) -> usize {
    act as usize
}

/// Errors and warnings among `findings` (rule, subject, severity) once `waivers` stand
/// as they do on `day`: a waived finding does not count; FM401 and FM402 do.
pub fn tally(
    findings: &[(Rule, &str)],
    waivers: Option<&super::waivers::Waivers>,
    day: Date,
) -> (usize, usize) {
    let mut waived = vec![false; findings.len()];
    let mut own_warnings = 0;
    if let Some(waivers) = waivers {
        let outcomes = waivers.outcomes(findings.iter().map(|(r, s)| (r.id(), *s)), day);
        for outcome in outcomes {
            match outcome {
                super::waivers::Outcome::Waives(positions) => {
                    for k in positions {
                        waived[k] = true;
                    }
                }
                _ => own_warnings += 1,
            }
        }
    }
    let (mut errors, mut warnings) = (0, own_warnings);
    for ((rule, _), waived) in findings.iter().zip(waived) {
        if waived {
            continue;
        }
        match rule.severity() {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => {}
        }
    }
    (errors, warnings)
}

/// The (rule, subject) of findings, for [`tally`].
pub fn keys(findings: &[Finding]) -> Vec<(Rule, String)> {
    findings
        .iter()
        .map(|f| (f.rule, f.subject.clone()))
        .collect()
}
