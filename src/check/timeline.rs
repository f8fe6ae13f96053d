//! Time travel: every date on which some verdict can change (a milestone of the law
//! table: an adequacy decision, framework or clause set that starts or ends, a
//! membership change, a regime or act that begins, the bridge), and what an inventory's
//! transfers are between two milestones. The law is constant between milestones, so a
//! span is judged once, not day by day.

use crate::graph::FlowGraph;
use crate::model::law::{EARLIEST, RegimeCode};
use crate::model::{Date, Jurisdictions};

use super::Rule;
use super::dated::{Engine, verdict_parts};
use super::transfer::FlowLaw;
use super::{CheckOptions, Severity};
use crate::model::law::GuidanceKey;

/// A day on which the law changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub date: Date,
    /// What happens, in a few words ("Schrems I (C-362/14): EU-US Safe Harbor ends").
    pub event: String,
    /// The regime whose law changes, when one does.
    pub regime: Option<RegimeCode>,
    /// Where the row of the law table comes from.
    pub source: String,
}

/// Every milestone of the law table from 1998-10-25 on, sorted by date (several events
/// of one day are each listed).
pub fn milestones() -> Vec<Milestone> {
    let table = Jurisdictions::builtin();
    let mut out: Vec<Milestone> = Vec::new();
    let mut push = |date: Date, event: String, regime: Option<RegimeCode>, source: &str| {
        if date >= EARLIEST {
            out.push(Milestone {
                date,
                event,
                regime,
                source: source.to_string(),
            });
        }
    };
    for regime in &table.regimes {
        for law in &regime.laws {
            push(
                law.from,
                format!("{} applies ({} regime)", law.act.name(), regime.code),
                Some(regime.code),
                &law.source,
            );
        }
    }
    for region in &table.regions {
        for m in &region.members {
            let name = table.name(&m.code).unwrap_or(&m.code);
            if let Some(from) = m.from {
                push(
                    from,
                    format!("{} ({}) joins the {}", name, m.code, region.code),
                    Some(RegimeCode::EU),
                    &m.source,
                );
            }
            if let Some(until) = m.until {
                push(
                    until.succ(),
                    format!("{} ({}) leaves the {}", name, m.code, region.code),
                    Some(RegimeCode::EU),
                    &m.source,
                );
            }
        }
    }
    // A row that ends the day before another of the same kind begins (the same
    // decision's place under a new list, a mechanism's next act) is one continuing
    // window: its boundary changes the law cited, not a verdict, and is not listed. A
    // window that opens with its regime is listed with the regime.
    let regime_start = |code: RegimeCode| table.regime(code).map(|r| r.from);
    for a in &table.adequacy {
        let same = |o: &&crate::model::jurisdiction::Adequacy| {
            o.regime == a.regime && o.country == a.country && o.scope == a.scope
        };
        let continues_before = table
            .adequacy
            .iter()
            .filter(same)
            .any(|o| o.until.is_some_and(|u| u.succ() == a.from));
        if !continues_before && Some(a.from) != regime_start(a.regime) {
            push(
                a.from,
                format!("{} adequacy: {} ({})", a.regime, a.name, a.decision),
                Some(a.regime),
                &a.source,
            );
        }
        if let Some(until) = a.until {
            let continues_after = table
                .adequacy
                .iter()
                .filter(same)
                .any(|o| o.from == until.succ());
            if !continues_after {
                let why = a
                    .ended_by
                    .as_deref()
                    .map_or(String::new(), |e| format!("{e}: "));
                push(
                    until.succ(),
                    format!("{why}{} adequacy ends: {}", a.regime, a.name),
                    Some(a.regime),
                    &a.source,
                );
            }
        }
    }
    for w in &table.mechanisms {
        let same = |o: &&crate::model::law::Window| {
            o.regime == w.regime && o.mechanism == w.mechanism && o.roles == w.roles
        };
        let continues_before = table
            .mechanisms
            .iter()
            .filter(same)
            .any(|o| o.until.is_some_and(|u| u.succ() == w.from));
        if !continues_before && Some(w.from) != regime_start(w.regime) {
            push(
                w.from,
                format!("{} `{}` from: {}", w.regime, w.mechanism, w.law),
                Some(w.regime),
                &w.source,
            );
        }
        if let Some(until) = w.until {
            let continues_after = table
                .mechanisms
                .iter()
                .filter(same)
                .any(|o| o.from == until.succ());
            if !continues_after {
                push(
                    until.succ(),
                    format!("{} `{}` ends: {}", w.regime, w.mechanism, w.law),
                    Some(w.regime),
                    &w.source,
                );
            }
        }
    }
    for b in &table.bridges {
        push(
            b.from,
            format!("{} bridge to {} ({})", b.regime, b.place, b.law),
            Some(b.regime),
            &b.source,
        );
        push(
            b.until.succ(),
            format!("{} bridge to {} ends", b.regime, b.place),
            Some(b.regime),
            &b.source,
        );
    }
    for (key, event, regime) in [
        (
            GuidanceKey::SchremsII,
            "Schrems II (C-311/18): transfers on clauses need an impact assessment",
            RegimeCode::EU,
        ),
        (
            GuidanceKey::FdpicPaper2020,
            "FDPIC policy paper: Swiss transfers on clauses need an impact assessment",
            RegimeCode::CH,
        ),
    ] {
        if let Some(g) = table.guidance(key) {
            push(g.from, event.into(), Some(regime), &g.source);
        }
    }
    out.sort_by(|a, b| (a.date, &a.event).cmp(&(b.date, &b.event)));
    out.dedup_by(|a, b| a.date == b.date && a.event == b.event);
    out
}

/// The milestones of an inventory's own waivers: the day after each `expires`, from
/// which the waiver waives nothing.
pub fn waiver_milestones(waivers: &super::waivers::Waivers) -> Vec<Milestone> {
    let source = waivers.file.name.to_string();
    waivers
        .waivers
        .iter()
        .filter_map(|w| {
            let expires = w.expires?;
            Some(Milestone {
                date: expires.succ(),
                event: format!(
                    "the waiver of {} for `{}` has expired (it ran until {expires})",
                    w.rule, w.subject
                ),
                regime: None,
                source: source.clone(),
            })
        })
        .collect()
}

/// The distinct milestone dates in `from..=to`, with `from` itself first.
pub fn dates_in(milestones: &[Milestone], from: Date, to: Date) -> Vec<Date> {
    let mut dates = vec![from];
    dates.extend(
        milestones
            .iter()
            .map(|m| m.date)
            .filter(|&d| d > from && d <= to),
    );
    dates.dedup();
    dates
}

/// A flow's verdict between two days (both inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub from: Date,
    pub until: Date,
    /// The verdict in words: "EU transfer, covered by `Scc` (FM209) + UK …", or "not a
    /// transfer".
    pub verdict: String,
    /// The worst severity of its transfer findings (none when it is fine).
    pub worst: Option<Severity>,
}

/// A flow's verdict in words, and the worst transfer finding it brings.
pub fn verdict_of(law: &FlowLaw, on: Date) -> (String, Option<Severity>) {
    verdict_parts(law.transfers.iter(), law.onward.iter(), on)
}

/// For each flow, its verdict as spans over `from..=to`: judged once per milestone
/// interval, adjacent equal verdicts merged.
pub fn flow_spans(graph: &FlowGraph, dates: &[Date], to: Date) -> Vec<Vec<Span>> {
    let mut engine = Engine::new(graph);
    let mut spans = Spans::new(graph);
    for (k, &day) in dates.iter().enumerate() {
        let until = until(dates, k, to);
        if engine.step(day) || k == 0 {
            engine.each_verdict(day, |i, verdict, worst| {
                spans.add(i, verdict, worst, day, until);
            });
        } else {
            spans.extend(until);
        }
    }
    spans.0
}

/// The last day of the interval that starts at `dates[k]`.
fn until(dates: &[Date], k: usize, to: Date) -> Date {
    dates.get(k + 1).map_or(to, |next| next.pred())
}

/// Each flow's spans, grown interval by interval.
struct Spans(Vec<Vec<Span>>);

impl Spans {
    fn new(graph: &FlowGraph) -> Spans {
        Spans(vec![Vec::new(); graph.inventory().flows.len()])
    }

    /// Adds the interval `day..=until` to flow `i`, with its verdict on `day`: the last
    /// span grows when the verdict is the same (the words are copied only when not).
    fn add(&mut self, i: usize, verdict: &str, worst: Option<Severity>, day: Date, until: Date) {
        match self.0[i].last_mut() {
            Some(last) if last.verdict == verdict => last.until = until,
            _ => self.0[i].push(Span {
                from: day,
                until,
                verdict: verdict.to_string(),
                worst,
            }),
        }
    }

    /// Extends every flow's last span to `until` (the verdicts did not change).
    fn extend(&mut self, until: Date) {
        for flow in &mut self.0 {
            if let Some(last) = flow.last_mut() {
                last.until = until;
            }
        }
    }
}

/// The whole inventory on one day: its errors and warnings (unwaived; waivers are
/// judged against today, not here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub date: Date,
    pub errors: usize,
    pub warnings: usize,
}

/// An inventory over `dates`: each flow's spans up to `to`, and the errors and warnings
/// on each date, with `waivers` applied as they stand on that day (a waiver that has
/// expired by then waives nothing and is FM401, as `check` says of it on that day). One
/// check a date: the spans are read from the check's own transfer analysis.
pub fn over_time(
    graph: &FlowGraph,
    dates: &[Date],
    to: Date,
    waivers: Option<&super::waivers::Waivers>,
) -> (Vec<Vec<Span>>, Vec<Counts>) {
    over_time_reporting(graph, dates, to, waivers, &|_| {})
}

/// [`over_time`], calling `on_judged(k)` after each date, `k` of them done (the TUI's
/// progress gauge).
pub fn over_time_reporting(
    graph: &FlowGraph,
    dates: &[Date],
    to: Date,
    waivers: Option<&super::waivers::Waivers>,
    on_judged: &dyn Fn(usize),
) -> (Vec<Vec<Span>>, Vec<Counts>) {
    let mut engine = Engine::new(graph);
    let mut spans = Spans::new(graph);
    let mut counts = Vec::with_capacity(dates.len());
    // The other rules' findings, per membership epoch (see `super::other_findings` and
    // `Engine::membership`).
    let mut others: Option<(super::dated::Membership, Vec<(Rule, String)>)> = None;
    let mut transfer_keys: Vec<(Rule, std::borrow::Cow<'_, str>)> = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    let mut judged = graph.clone();
    for (k, &day) in dates.iter().enumerate() {
        let epoch = engine.membership(day);
        let new_epoch = others.as_ref().is_none_or(|(e, _)| *e != epoch);
        if new_epoch {
            judged = graph.clone().judged_on(Some(day));
            let findings = super::other_findings(&judged, &CheckOptions { as_of: day });
            others = Some((epoch, super::dated::keys(&findings)));
        }
        let until = until(dates, k, to);
        let changed = engine.step(day) || new_epoch;
        if changed {
            transfer_keys = engine.judged(&judged, day, |i, verdict, worst| {
                spans.add(i, verdict, worst, day, until);
            });
        } else {
            spans.extend(until);
        }
        // Without waivers nothing but the law moves the counts.
        let (errors, warnings) = match last {
            Some(same) if !changed && waivers.is_none() => same,
            _ => {
                let base = others
                    .as_ref()
                    .map(|(_, keys)| keys.as_slice())
                    .unwrap_or_default();
                let all: Vec<(Rule, &str)> = base
                    .iter()
                    .map(|(rule, subject)| (*rule, subject.as_str()))
                    .chain(
                        transfer_keys
                            .iter()
                            .map(|(rule, subject)| (*rule, subject.as_ref())),
                    )
                    .collect();
                super::dated::tally(&all, waivers, day)
            }
        };
        last = Some((errors, warnings));
        counts.push(Counts {
            date: day,
            errors,
            warnings,
        });
        on_judged(k + 1);
    }
    (spans.0, counts)
}

/// FM210 for each flow whose transfer verdict is worse on some milestone within `days`
/// after `as_of` than on `as_of` itself (`flowmap check --horizon DAYS`): the first such
/// day, and what happens on it.
pub fn horizon(graph: &FlowGraph, as_of: Date, days: u32) -> Vec<super::Finding> {
    use crate::load::Step::{Field, Index};
    let all = milestones();
    let end = as_of.plus_days(days);
    let mut engine = Engine::new(graph);
    engine.step(as_of);
    let mut worst_now: Vec<Option<Severity>> = Vec::new();
    engine.each_verdict(as_of, |_, _, worst| worst_now.push(worst));
    let mut out = Vec::new();
    let file = &graph.loaded().inventory_file;
    for day in dates_in(&all, as_of, end).into_iter().skip(1) {
        if !engine.step(day) {
            continue;
        }
        engine.each_verdict(day, |i, verdict, worst| {
            if worst > worst_now[i] {
                let events: Vec<&str> = all
                    .iter()
                    .filter(|m| m.date == day)
                    .map(|m| m.event.as_str())
                    .collect();
                out.push(super::Finding::new(
                    super::Rule::FM210,
                    graph.flow_id(i),
                    format!(
                        "on {day}, within the {days}-day horizon, this flow becomes: {verdict} ({}); act before then",
                        events.join("; ")
                    ),
                    file.locate_entry(&[Field("flows"), Index(i)]),
                ).resting_on(events.first().map_or_else(String::new, |e| e.to_string())));
                // One warning per flow: the first day it gets worse.
                worst_now[i] = Some(Severity::Error);
            }
        });
    }
    out
}
