//! How the Flows table is sorted and narrowed besides the filter (`s`, `S`, `c`, `f`),
//! and its rows in that order. State of its own, so that the app holds it and the Flows
//! screen reads it without either knowing the other.

use super::data::Data;

/// The columns the table sorts by, in the order `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Inventory,
    From,
    To,
    Data,
    Purposes,
    CrossBorder,
    Findings,
}

impl SortColumn {
    /// The next column.
    pub fn next(self) -> SortColumn {
        use SortColumn::*;
        match self {
            Inventory => From,
            From => To,
            To => Data,
            Data => Purposes,
            Purposes => CrossBorder,
            CrossBorder => Findings,
            Findings => Inventory,
        }
    }

    /// Its name in the table's title.
    pub fn word(self) -> &'static str {
        match self {
            SortColumn::Inventory => "inventory order",
            SortColumn::From => "from",
            SortColumn::To => "to",
            SortColumn::Data => "data",
            SortColumn::Purposes => "purposes",
            SortColumn::CrossBorder => "⇄ first",
            SortColumn::Findings => "most ! first",
        }
    }
}

/// How the table is sorted and narrowed (besides the filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowView {
    pub sort: SortColumn,
    pub reverse: bool,
    /// Only cross-border flows.
    pub cross_only: bool,
    /// Only flows with unwaived errors or warnings.
    pub failing_only: bool,
}

impl Default for FlowView {
    fn default() -> FlowView {
        FlowView {
            sort: SortColumn::Inventory,
            reverse: false,
            cross_only: false,
            failing_only: false,
        }
    }
}

impl FlowView {
    /// The view in words, for the status line after `s`, `S`, `c` or `f`.
    pub fn words(self) -> String {
        let mut parts = vec![format!("sorted by {}", self.sort.word())];
        if self.reverse {
            parts.push("reversed".into());
        }
        if self.cross_only {
            parts.push("only ⇄ cross-border (c: all)".into());
        }
        if self.failing_only {
            parts.push("only ! failing (f: all)".into());
        }
        format!("Flows: {}", parts.join(", "))
    }
}

/// The table's rows before filtering: toggles applied, then sorted (stably, so ties stay
/// in inventory order).
pub fn flow_base(data: &Data, view: FlowView) -> Vec<u32> {
    let rows = &data.flows;
    let mut base: Vec<u32> = (0..rows.len() as u32)
        .filter(|&i| {
            let r = &rows[i as usize];
            (!view.cross_only || r.cross) && (!view.failing_only || r.issues > 0)
        })
        .collect();
    let row = |i: &u32| &rows[*i as usize];
    match view.sort {
        SortColumn::Inventory => {}
        SortColumn::From => base.sort_by(|a, b| row(a).from.cmp(&row(b).from)),
        SortColumn::To => base.sort_by(|a, b| row(a).to.cmp(&row(b).to)),
        SortColumn::Data => base.sort_by(|a, b| row(a).data.cmp(&row(b).data)),
        SortColumn::Purposes => base.sort_by(|a, b| row(a).purposes.cmp(&row(b).purposes)),
        SortColumn::CrossBorder => base.sort_by_key(|i| !row(i).cross),
        SortColumn::Findings => base.sort_by_key(|i| std::cmp::Reverse(row(i).issues)),
    }
    if view.reverse {
        base.reverse();
    }
    base
}
