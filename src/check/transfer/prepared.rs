//! What the transfer analysis of an inventory does not owe to the date ([`Prepared`]):
//! who holds each node, the numbered categories, each flow's ends, what is personal and
//! where data collected in an area goes; and the act-wide readings every date shares.

use std::cell::RefCell;
use std::rc::Rc;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

use crate::graph::FlowGraph;
use crate::model::law::{Act, RegimeCode};

use super::holders::{Holder, Holders, Role};
use super::judged::{Onward, Transfer};
use super::spread::{Catalogue, Held};

/// The name flowmap gives the controller in messages.
pub fn controller_name(graph: &FlowGraph) -> String {
    graph
        .inventory()
        .controller
        .clone()
        .unwrap_or_else(|| "the controller".into())
}

/// Whether an act treats an international organisation as outside its area wherever it
/// sits (GDPR and UK GDPR Arts. 4(26), 44; revised FADP Art. 16(1)); the Directive and
/// the 1992 FADP knew third countries only and judge it by its locations.
pub fn organisations_outside(act: Act) -> bool {
    matches!(act, Act::Gdpr | Act::UkGdpr | Act::Fadp)
}

/// Whether the act's reach needs equipment in the area (Directive 95/46/EC Art. 4(1)(c)),
/// so that only an `Online` source brings it.
pub fn reach_needs_equipment(act: Act) -> bool {
    act == Act::Directive
}

/// Who discloses flow `f → t`: the holder of `f`, except that the data subjects' flow to
/// anyone but the controller, and a processor's flow to another controller, are the
/// controller's disclosures (C-40/17 *Fashion ID*; GDPR Art. 28(3)(a), Art. 29). `None`
/// for a collection (the subjects hand their data to the controller).
pub(super) fn exporter_holder(holders: &Holders, f: NodeIndex, t: NodeIndex) -> Option<Holder> {
    let (from, to) = (holders.holder(f.index()), holders.holder(t.index()));
    match from {
        Holder::SUBJECTS if to == Holder::CONTROLLER => None,
        Holder::SUBJECTS => Some(Holder::CONTROLLER),
        _ if holders.role(f.index()) == Role::Processor
            && holders.role(t.index()) == Role::Controller
            && to != Holder::CONTROLLER =>
        {
            Some(Holder::CONTROLLER)
        }
        other => Some(other),
    }
}

/// What a regime makes of the inventory on one date: its transfers and onward
/// transfers (by flow index, in flow order), the flows it left inside its area or
/// bridged, and whether the controller reaches into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegimeLaw {
    pub regime: RegimeCode,
    pub act: Act,
    pub transfers: Vec<(usize, Transfer)>,
    pub onward: Vec<(usize, Onward)>,
    /// Flows whose exporter was subject but whose importer was inside the area.
    pub inside: Vec<usize>,
    /// Flows the EU–UK bridge kept from being transfers, with its law.
    pub bridge: Vec<(usize, String)>,
    /// The controller is subject only through its reach into the area.
    pub reach: bool,
    /// The controller collects in the area only offline, where that brings no reach.
    pub offline_only: bool,
    /// Israel's adequacy decision was relied on.
    pub israel: bool,
}

/// What the transfer analysis of an inventory does not owe to the date: who holds each
/// node, the numbered categories, each flow's ends and whether it carries personal
/// data. Made once, then asked for each regime on each date ([`Prepared::regime`]).
pub struct Prepared<'g> {
    pub(super) graph: &'g FlowGraph,
    pub(super) holders: Holders,
    pub(super) catalogue: Catalogue<'g>,
    pub(super) ends: Vec<Option<(NodeIndex, NodeIndex)>>,
    pub(super) not_personal: Vec<bool>,
    pub(super) controller: String,
    /// Data from an area, by the (sorted) nodes that collect there: the same sources
    /// give the same spread on every date (time travel asks again and again).
    areas: RefCell<FxHashMap<Vec<u32>, Rc<AreaData>>>,
}

/// Where data collected in an area goes: what each node received straight from a
/// source there, and what reached it at all.
pub(super) struct AreaData {
    /// Some source there handed data over.
    pub(super) any: bool,
    pub(super) direct: Held,
    pub(super) from_area: Held,
}

impl<'g> Prepared<'g> {
    /// The date-free part of the analysis of `graph`.
    pub fn new(graph: &'g FlowGraph) -> Prepared<'g> {
        let inv = graph.inventory();
        let g = graph.graph();
        // Each flow's ends as graph nodes (the graph keeps the first node of a duplicated
        // id). A flow touching an unknown place (FM005) is not judged: it has no ends here.
        let mut ends: Vec<Option<(NodeIndex, NodeIndex)>> = vec![None; inv.flows.len()];
        for edge in g.edge_references() {
            let i = *edge.weight();
            if graph.places_judgeable(i) {
                ends[i] = Some((edge.source(), edge.target()));
            }
        }
        let catalogue = Catalogue::of(graph);
        // A flow that carries data, none of it personal, is not judged by the transfer
        // rules.
        let not_personal = (0..inv.flows.len())
            .map(|i| !inv.flows[i].data.is_empty() && catalogue.flow(i).is_empty())
            .collect();
        Prepared {
            graph,
            holders: Holders::of(graph),
            catalogue,
            ends,
            not_personal,
            controller: controller_name(graph),
            areas: RefCell::default(),
        }
    }

    /// The spread of data from the sources `collecting` (node indices, sorted), made once.
    pub(super) fn area_data(
        &self,
        collecting: Vec<u32>,
        make: impl FnOnce(&[u32]) -> AreaData,
    ) -> Rc<AreaData> {
        if let Some(known) = self.areas.borrow().get(&collecting) {
            return known.clone();
        }
        let data = Rc::new(make(&collecting));
        self.areas.borrow_mut().insert(collecting, data.clone());
        data
    }

    /// The flow's ends as graph nodes, when it can be judged.
    pub fn ends(&self, i: usize) -> Option<(NodeIndex, NodeIndex)> {
        self.ends[i]
    }
}
