//! The places of an inventory judged for one regime on one day: whether each lies inside
//! the regime's area, and which adequacy decisions are in force for it — computed once
//! per distinct code, since an inventory names few places and many nodes.

use rustc_hash::FxHashMap;

use crate::graph::FlowGraph;
use crate::model::jurisdiction::Adequacy;
use crate::model::law::RegimeCode;
use crate::model::{Date, Jurisdictions, Name};

/// The places of an inventory judged for one regime on one day: inside its area or not,
/// and the adequacy decisions in force for each, computed once per distinct code.
pub struct Places<'a> {
    inside: FxHashMap<&'a str, bool>,
    adequacy: FxHashMap<&'a str, Vec<&'static Adequacy>>,
}

impl<'a> Places<'a> {
    /// Judges every place `graph` names (and `established`) for `regime` on `on`.
    pub fn new(graph: &'a FlowGraph, regime: RegimeCode, on: Date) -> Places<'a> {
        let table = Jurisdictions::builtin();
        let codes = graph
            .graph()
            .node_weights()
            .flat_map(|&n| graph.view(n).located.iter())
            .chain(&graph.inventory().established)
            .map(Name::as_str);
        let mut inside = FxHashMap::default();
        let mut adequacy = FxHashMap::default();
        for code in codes {
            inside
                .entry(code)
                .or_insert_with(|| table.in_area(regime, code, on));
            adequacy
                .entry(code)
                .or_insert_with(|| table.adequacy_on(regime, code, on));
        }
        Places { inside, adequacy }
    }

    /// Whether `code` lies inside the regime's area.
    pub fn inside(&self, code: &str) -> bool {
        self.inside.get(code).copied().unwrap_or(false)
    }

    /// The adequacy decisions in force for `code` (check each one's scope).
    pub fn adequacy(&self, code: &str) -> &[&'static Adequacy] {
        self.adequacy
            .get(code)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}
