//! What each flow is in law on a date: for every regime, whether it is a transfer
//! (exporter subject to the regime, another entity importing, the importer outside the
//! area), restricted or not, what covers it, or an onward transfer; and, for a flow that
//! is none of these, why not. The rules (FM201–FM209), the TUI's Transfers tab, the JSON
//! export, the Art. 30 record and `trace` all read this one analysis.

use petgraph::graph::NodeIndex;

use crate::graph::FlowGraph;
use crate::model::Date;
use crate::model::law::RegimeCode;

use super::holders::Holders;

pub use super::judged::{
    Analysis, FirstBasis, FirstTransfer, FlowLaw, NotTransfer, Onward, Subject, Transfer, Verdict,
    Via,
};
use super::prepared::exporter_holder;
pub use super::prepared::{
    Prepared, RegimeLaw, controller_name, organisations_outside, reach_needs_equipment,
};

impl Prepared<'_> {
    /// The whole analysis on `on` from each regime's law that day (in regime order).
    pub fn combine(&self, on: Date, laws: Vec<RegimeLaw>) -> Analysis {
        let n = self.graph.inventory().flows.len();
        let mut flows: Vec<FlowLaw> = vec![FlowLaw::default(); n];
        let mut inside_for: Vec<Vec<RegimeCode>> = vec![Vec::new(); n];
        let mut bridge_for: Vec<Option<String>> = vec![None; n];
        let mut reach = Vec::new();
        let mut offline_only = Vec::new();
        let mut relied_on_israel = false;
        // Each flow's lists made to their exact length: most flows hold one or two
        // transfers, which a growing list would keep in room for four.
        let mut counts = vec![(0usize, 0usize); n];
        for law in &laws {
            law.transfers.iter().for_each(|(i, _)| counts[*i].0 += 1);
            law.onward.iter().for_each(|(i, _)| counts[*i].1 += 1);
        }
        for (flow, (transfers, onward)) in flows.iter_mut().zip(counts) {
            flow.transfers.reserve_exact(transfers);
            flow.onward.reserve_exact(onward);
        }
        for law in laws {
            if law.reach {
                reach.push((law.regime, law.act));
            }
            if law.offline_only {
                offline_only.push((law.regime, law.act));
            }
            relied_on_israel |= law.israel;
            for i in law.inside {
                inside_for[i].push(law.regime);
            }
            for (i, bridge) in law.bridge {
                bridge_for[i] = Some(bridge);
            }
            for (i, t) in law.transfers {
                flows[i].transfers.push(t);
            }
            for (i, o) in law.onward {
                flows[i].onward.push(o);
            }
        }
        for (i, law) in flows.iter_mut().enumerate() {
            if law.transfers.is_empty() && law.onward.is_empty() {
                law.not_transfer = Some(if self.not_personal[i] && self.ends[i].is_some() {
                    NotTransfer::NotPersonal
                } else {
                    why_not(
                        self.graph,
                        &self.holders,
                        self.ends[i],
                        (&inside_for[i], &bridge_for[i]),
                        &self.controller,
                    )
                });
            }
        }
        Analysis {
            on,
            flows,
            reach,
            offline_only,
            relied_on_israel,
        }
    }
}

/// Analyses every flow of `graph` on `on`.
pub fn analyse(graph: &FlowGraph, on: Date) -> Analysis {
    let prepared = Prepared::new(graph);
    let laws = RegimeCode::ALL
        .into_iter()
        .filter_map(|regime| prepared.regime(regime, on))
        .collect();
    prepared.combine(on, laws)
}

/// Why a flow that is no transfer and no onward transfer is not one.
fn why_not(
    graph: &FlowGraph,
    holders: &Holders,
    ends: Option<(NodeIndex, NodeIndex)>,
    (inside, bridge): (&[RegimeCode], &Option<String>),
    controller: &str,
) -> NotTransfer {
    let Some((f, t)) = ends else {
        return NotTransfer::Unjudged;
    };
    let to = holders.holder(t.index());
    let Some(from) = exporter_holder(holders, f, t) else {
        return NotTransfer::Collection;
    };
    if from == to {
        let name = holders.entity_name(from).unwrap_or(controller).to_string();
        return NotTransfer::SameEntity(name);
    }
    if let Some(law) = bridge {
        return NotTransfer::Bridge { law: law.clone() };
    }
    if !inside.is_empty() {
        return NotTransfer::ImporterInside(inside.to_vec());
    }
    let exporter = match holders.entity_name(from) {
        None => controller.to_string(),
        Some(_) => format!("`{}`", graph.view(graph.graph()[f]).id),
    };
    NotTransfer::NotSubject(exporter)
}
