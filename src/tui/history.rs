//! Time travel for the UI: the law's milestones (the same for every inventory), an
//! inventory's verdicts and counts on each of them ([`History`], computed once per load),
//! and an inventory judged again on another date ([`judge`]). The Timeline tab lists the
//! milestones, the Transfers tab shows a flow's own spans, and `<`, `>`, `=` and `Enter`
//! on a milestone move the date every tab is judged on.
//!
//! Both computations re-judge the whole inventory, once per date; on an inventory of more
//! than [`SYNC_FLOWS`] flows they run on the runtime's workers ([`super::worker`]), so a
//! key is never kept waiting.

use std::sync::{Arc, LazyLock};

use super::data::Data;
use super::listing::Hays;
use crate::check::timeline::{self, Counts, Milestone, Span};
use crate::check::{self, CheckOptions};
use crate::graph::FlowGraph;
use crate::model::Date;
use crate::model::law::EARLIEST;

/// Inventories with at most this many flows are judged on another date, and their
/// history computed, at once in `update`; larger ones on a worker thread.
pub const SYNC_FLOWS: usize = 5_000;

/// The law's milestones from 1998-10-25 to today: the Timeline tab's rows.
#[derive(Debug)]
pub struct Milestones {
    /// Sorted by date; several events of one day are each a row.
    pub rows: Vec<Milestone>,
    /// Their distinct dates, oldest first (the first is 1998-10-25).
    pub dates: Vec<Date>,
    /// What the filter matches, row by row.
    pub hays: Hays,
}

static MILESTONES: LazyLock<Milestones> = LazyLock::new(|| {
    let today = Date::today();
    let mut rows = timeline::milestones();
    rows.retain(|m| m.date <= today);
    let dates = timeline::dates_in(&rows, EARLIEST, today);
    let mut hays = Hays::default();
    for m in &rows {
        let regime = m.regime.map(|r| r.to_string()).unwrap_or_default();
        let date = m.date.to_string();
        hays.push(
            [date.as_str(), &regime]
                .into_iter()
                .chain(m.event.split_whitespace())
                .chain(m.source.split_whitespace()),
        );
    }
    Milestones { rows, dates, hays }
});

/// The law's milestones up to today (computed once per process).
pub fn milestones() -> &'static Milestones {
    &MILESTONES
}

impl Milestones {
    /// The position of a milestone date in [`Milestones::dates`].
    pub fn date_index(&self, day: Date) -> Option<usize> {
        self.dates.binary_search(&day).ok()
    }

    /// The milestone date in force on `day`: the last one on or before it.
    pub fn in_force(&self, day: Date) -> Option<Date> {
        let k = self.dates.partition_point(|&d| d <= day);
        k.checked_sub(1).map(|k| self.dates[k])
    }

    /// The nearest milestone date before `day` (`forward` false) or after it (true).
    pub fn next(&self, day: Date, forward: bool) -> Option<Date> {
        if forward {
            self.dates.iter().copied().find(|&d| d > day)
        } else {
            self.dates.iter().rev().copied().find(|&d| d < day)
        }
    }

    /// The events of one day.
    pub fn on(&self, day: Date) -> impl Iterator<Item = &Milestone> {
        let start = self.rows.partition_point(|m| m.date < day);
        self.rows[start..].iter().take_while(move |m| m.date == day)
    }

    /// What happens on `day` in a line, when it is a milestone: the weightiest event (a
    /// regime's law that applies, an adequacy decision that ends, a membership change…)
    /// and how many more there are.
    pub fn headline(&self, day: Date) -> Option<String> {
        let weight = |m: &Milestone| {
            let e = &m.event;
            if e.contains(" applies (") {
                0
            } else if e.contains("adequacy ends") {
                1
            } else if e.contains(" joins the ") || e.contains(" leaves the ") {
                2
            } else if e.contains("adequacy:") {
                3
            } else {
                4
            }
        };
        let events: Vec<&Milestone> = self.on(day).collect();
        let first = events.iter().min_by_key(|m| weight(m))?;
        Some(match events.len() {
            1 => first.event.clone(),
            n => format!("{} (+{} more)", first.event, n - 1),
        })
    }
}

/// An inventory over time: its errors and warnings on each milestone date, and each
/// flow's verdict as spans between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The load it belongs to ([`crate::tui::App::loads`]).
    pub loads: u64,
    /// On each of [`Milestones::dates`].
    pub counts: Vec<Counts>,
    /// Per flow, its verdicts from 1998-10-25 to today.
    pub spans: Vec<Vec<Span>>,
    /// Per milestone date, the flows whose verdict changes on it (none on the first).
    pub changed: Vec<Vec<usize>>,
    /// The last day of the spans (today).
    pub to: Date,
}

/// Computes the history of a graph (of load `loads`): each milestone date judged once.
pub fn history(graph: &FlowGraph, loads: u64) -> History {
    let all = milestones();
    let to = Date::today();
    let (spans, counts) = timeline::over_time(graph, &all.dates, to, None);
    let mut changed = vec![Vec::new(); all.dates.len()];
    for (i, flow) in spans.iter().enumerate() {
        for span in flow.iter().skip(1) {
            if let Some(k) = all.date_index(span.from) {
                changed[k].push(i);
            }
        }
    }
    History {
        loads,
        counts,
        spans,
        changed,
        to,
    }
}

/// Everything the UI shows, judged again on `day` (the graph reused, not reloaded).
pub fn judge(graph: &FlowGraph, day: Date) -> Data {
    let graph = graph.clone().judged_on(Some(day));
    let report = check::run(&graph, &CheckOptions { as_of: day });
    Data::with_report(graph, report, day)
}

/// What the status line says while the worker judges on `day`.
pub fn judging_words(day: Date) -> String {
    format!("Judging on {day}… (a large inventory: the keys keep working)")
}

/// An inventory judged on another date by the worker.
#[derive(Clone)]
pub struct Judged {
    /// The data it was judged from ([`crate::tui::App::generation`]).
    pub generation: u64,
    /// The date it is judged on.
    pub on: Date,
    pub data: Arc<Data>,
}

impl Judged {
    /// The data, taken out (or built again from its report in the rare case the action
    /// was cloned).
    pub fn into_data(self) -> Data {
        Arc::try_unwrap(self.data).unwrap_or_else(|data| {
            Data::with_report(Arc::clone(&data.graph), data.report.clone(), data.as_of)
        })
    }
}

impl PartialEq for Judged {
    fn eq(&self, other: &Judged) -> bool {
        self.generation == other.generation
            && self.on == other.on
            && Arc::ptr_eq(&self.data, &other.data)
    }
}

impl Eq for Judged {}

impl std::fmt::Debug for Judged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Judged")
            .field("generation", &self.generation)
            .field("on", &self.on)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn milestones_step_and_name_their_days() {
        let all = milestones();
        assert_eq!(all.dates[0], EARLIEST);
        assert!(all.dates.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(all.hays.len(), all.rows.len());
        assert_eq!(
            all.next(d("2015-11-08"), false),
            Some(d("2015-10-22")),
            "the Swiss end of Safe Harbor"
        );
        assert_eq!(all.next(d("2015-10-05"), true), Some(d("2015-10-06")));
        assert_eq!(all.next(EARLIEST, false), None);
        assert_eq!(all.in_force(d("2015-11-08")), Some(d("2015-10-22")));
        assert_eq!(all.in_force(d("1990-01-01")), None);
        let schrems = all.headline(d("2015-10-06")).unwrap();
        assert!(schrems.contains("Schrems I"), "{schrems}");
        assert!(schrems.ends_with("(+1 more)"), "{schrems}");
        let gdpr = all.headline(d("2018-05-25")).unwrap();
        assert!(gdpr.starts_with("GDPR applies"), "{gdpr}");
        assert_eq!(all.headline(d("2015-11-08")), None);
    }
}
