//! The tabs and the one table that maps each to its [`Screen`]. The view, the state and
//! `update` ask the current tab's screen instead of matching on tabs.
//!
//! Adding a tab: a variant of [`Tab`], a file with a type that implements [`Screen`], and
//! its row in `SCREENS` (the key map, the tab bar and the help follow from them).

use super::screen::Screen;
use super::{findings, flows, nodes, policy, timeline, trace, transfers};

/// The tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Nodes,
    Flows,
    Transfers,
    Findings,
    Policy,
    Trace,
    Timeline,
}

/// Each tab's screen, in [`Tab::ALL`] order.
const SCREENS: [&dyn Screen; Tab::COUNT] = [
    &nodes::NodesTab,
    &flows::FlowsTab,
    &transfers::TransfersTab,
    &findings::FindingsTab,
    &policy::PolicyTab,
    &trace::TraceTab,
    &timeline::TimelineTab,
];

impl Tab {
    /// How many tabs there are.
    pub const COUNT: usize = 7;

    /// Every tab, left to right.
    pub const ALL: [Tab; Tab::COUNT] = [
        Tab::Nodes,
        Tab::Flows,
        Tab::Transfers,
        Tab::Findings,
        Tab::Policy,
        Tab::Trace,
        Tab::Timeline,
    ];

    /// Position from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// What the tab shows and how.
    pub fn screen(self) -> &'static dyn Screen {
        SCREENS[self.index()]
    }

    /// The tab's name.
    pub fn title(self) -> &'static str {
        self.screen().name()
    }

    /// The tab `step` places to the right (wrapping).
    pub fn shifted(self, step: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::data::Data;

    #[test]
    fn the_table_has_one_screen_per_tab_in_order() {
        let names: Vec<&str> = Tab::ALL.iter().map(|t| t.title()).collect();
        assert_eq!(
            names,
            [
                "Nodes",
                "Flows",
                "Transfers",
                "Findings",
                "Policy",
                "Trace",
                "Timeline"
            ]
        );
        for (i, tab) in Tab::ALL.into_iter().enumerate() {
            assert_eq!(tab.index(), i);
            assert_eq!(tab.shifted(Tab::COUNT as isize), tab);
        }
    }

    /// A tab's row count is its filter's: one haystack per row.
    #[test]
    fn every_row_has_a_haystack() {
        let data = Data::load(&crate::load::Origin::Builtin, None).unwrap();
        let rows = [
            data.nodes.len(),
            data.flows.len(),
            data.transfers.len(),
            data.findings.len(),
            data.sections.len(),
            data.picks.len(),
            crate::tui::history::milestones().rows.len(),
        ];
        for (tab, rows) in Tab::ALL.into_iter().zip(rows) {
            assert!(rows > 0, "{tab:?}");
            assert_eq!(tab.screen().row_count(&data), rows, "{tab:?}");
        }
    }
}
