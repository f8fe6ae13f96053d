//! What each flow is in law on a date: for every regime, whether it is a transfer
//! (exporter subject to the regime, another entity importing, the importer outside the
//! area), restricted or not, what covers it, or an onward transfer; and, for a flow that
//! is none of these, why not. The rules (FM201–FM209), the TUI's Transfers tab, the JSON
//! export, the Art. 30 record and `trace` all read this one analysis.

use std::cell::RefCell;
use std::rc::Rc;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::graph::{FlowGraph, NodeKind, NodeRef};
use crate::model::jurisdiction::ANYWHERE;
use crate::model::jurisdiction::AdequacyScope;
use crate::model::law::Certification;
use crate::model::law::{Act, RegimeCode};
use crate::model::{Channel, Date, Jurisdictions, Mechanism, Name, RecipientKind};

use super::cover::{Cover, Parties, UnderGdpr, cover};
use super::holders::{Holder, Holders, Role, certifications, recipient_kind};
use super::places::Places;
use super::spread::{Catalogue, Category, Held, spread};

pub use super::judged::{
    Analysis, FirstBasis, FirstTransfer, FlowLaw, NotTransfer, Onward, Subject, Transfer, Verdict,
    Via,
};

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
fn exporter_holder(holders: &Holders, f: NodeIndex, t: NodeIndex) -> Option<Holder> {
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

/// The adequacy decisions covering an importer's outside places: the places none covers,
/// the decisions that cover the rest, and whether Israel's was relied on.
fn judge_adequacy(
    places: &Places<'_>,
    outside: &[Name],
    kind: Option<RecipientKind>,
    certs: &[crate::model::law::Certification],
    never: bool,
) -> (Vec<Name>, Vec<String>, bool, Option<Mechanism>) {
    let mut uncovered = Vec::new();
    let mut adequacy = Vec::new();
    let mut israel = false;
    let mut framework = None;
    for place in outside {
        let decision = (!never)
            .then(|| {
                places
                    .adequacy(place)
                    .iter()
                    .copied()
                    .find(|a| match &a.scope {
                        AdequacyScope::Full => true,
                        AdequacyScope::Commercial => {
                            !matches!(kind, Some(RecipientKind::Authority | RecipientKind::Public))
                        }
                        AdequacyScope::Certified(c) => certs.contains(c),
                    })
            })
            .flatten();
        match decision {
            Some(a) => {
                israel |= place == "IL";
                if let AdequacyScope::Certified(c) = &a.scope {
                    framework = Some(match c {
                        Certification::SafeHarbor => Mechanism::SafeHarbor,
                        Certification::PrivacyShield => Mechanism::PrivacyShield,
                        _ => Mechanism::Dpf,
                    });
                }
                if !adequacy.contains(&a.decision) {
                    adequacy.push(a.decision.clone());
                }
            }
            None => uncovered.push(place.clone()),
        }
    }
    (uncovered, adequacy, israel, framework)
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
    graph: &'g FlowGraph,
    holders: Holders,
    catalogue: Catalogue<'g>,
    ends: Vec<Option<(NodeIndex, NodeIndex)>>,
    not_personal: Vec<bool>,
    controller: String,
    /// Data from an area, by the (sorted) nodes that collect there: the same sources
    /// give the same spread on every date (time travel asks again and again).
    areas: RefCell<FxHashMap<Vec<u32>, Rc<AreaData>>>,
}

/// Where data collected in an area goes: what each node received straight from a
/// source there, and what reached it at all.
struct AreaData {
    /// Some source there handed data over.
    any: bool,
    direct: Held,
    from_area: Held,
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
    fn area_data(
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

    /// What `regime` makes of the inventory on `on`; `None` before the regime exists.
    pub fn regime(&self, regime: RegimeCode, on: Date) -> Option<RegimeLaw> {
        let graph = self.graph;
        let inv = graph.inventory();
        let table = Jurisdictions::builtin();
        let g = graph.graph();
        let (holders, catalogue, ends, not_personal, controller) = (
            &self.holders,
            &self.catalogue,
            &self.ends,
            &self.not_personal,
            &self.controller,
        );
        let organisation = |n: NodeIndex| {
            recipient_kind(graph, g[n]) == Some(RecipientKind::InternationalOrganisation)
        };
        let act = table.act_on(regime, on)?;
        let mut law = RegimeLaw {
            regime,
            act,
            transfers: Vec::new(),
            onward: Vec::new(),
            inside: Vec::new(),
            bridge: Vec::new(),
            reach: false,
            offline_only: false,
            israel: false,
        };
        let orgs_outside = organisations_outside(act);
        // Each distinct place is judged once per regime: an inventory names few places.
        let places = Places::new(graph, regime, on);
        let inside = |code: &str| places.inside(code);
        let node_inside: Vec<bool> = g
            .node_indices()
            .map(|n| {
                !(orgs_outside && organisation(n))
                    && graph.view(g[n]).located.iter().any(|l| inside(l))
            })
            .collect();
        let established_inside = inv.established.iter().any(|l| inside(l));
        // A source collects in the area when a place of it lies inside or is `*` (people
        // anywhere); under the Directive only through equipment there (an online source).
        let collects_in_area = |n: NodeIndex| {
            g[n].kind == NodeKind::Source
                && graph
                    .view(g[n])
                    .located
                    .iter()
                    .any(|l| inside(l) || l == ANYWHERE)
        };
        let online = |n: NodeIndex| {
            inv.sources[g[n].index].channel == Channel::Online || !reach_needs_equipment(act)
        };
        let collects_here = |n: NodeIndex| collects_in_area(n) && online(n);

        // Data from the area: what in-area sources hand over, followed everywhere. It
        // depends only on which sources collect here, so it is spread once per answer.
        let collecting: Vec<u32> = g
            .node_indices()
            .filter(|&n| collects_here(n))
            .map(|n| n.index() as u32)
            .collect();
        let area = self.area_data(collecting, |collecting| {
            let seeds: Vec<(NodeIndex, Category)> = g
                .edge_references()
                .filter(|e| {
                    ends[*e.weight()].is_some()
                        && collecting
                            .binary_search(&(e.source().index() as u32))
                            .is_ok()
                })
                .flat_map(|e| {
                    catalogue
                        .flow(*e.weight())
                        .iter()
                        .map(move |&c| (e.target(), c))
                })
                .collect();
            let mut direct: Held = vec![FxHashSet::default(); g.node_count()];
            for &(t, c) in &seeds {
                direct[t.index()].insert(c);
            }
            AreaData {
                any: !seeds.is_empty(),
                from_area: spread(graph, catalogue, seeds.iter().copied(), |_| true),
                direct,
            }
        });
        let (direct, from_area) = (&area.direct, &area.from_area);
        if !established_inside {
            if area.any {
                law.reach = true;
            } else if g.edge_references().any(|e| {
                collects_in_area(e.source())
                    && ends[*e.weight()].is_some()
                    && !catalogue.flow(*e.weight()).is_empty()
            }) {
                law.offline_only = true;
            }
        }

        // Transfers.
        let mut exported_seeds: Vec<(NodeIndex, Category, FirstTransfer)> = Vec::new();
        let mut exporter_subject: Vec<bool> = vec![false; inv.flows.len()];
        for i in 0..inv.flows.len() {
            let Some((f, t)) = ends[i] else { continue };
            if not_personal[i] {
                continue;
            }
            let flow = &inv.flows[i];
            let (from_node, to_node) = (g[f], g[t]);
            let to_holder = holders.holder(t.index());
            let Some(exporter) = exporter_holder(holders, f, t) else {
                continue;
            };
            if exporter == to_holder {
                continue;
            }
            let is_controller = exporter == Holder::CONTROLLER;
            let via = match holders.holder(f.index()) {
                Holder::SUBJECTS => Via::Directed,
                h if h != exporter => Via::Processor,
                _ => Via::Own,
            };
            let regime_data: Vec<Category> = if collects_here(f) {
                catalogue.flow(i).to_vec()
            } else {
                catalogue.carried(i, &from_area[f.index()])
            };
            let subject = if is_controller {
                if established_inside {
                    Some(Subject::Established)
                } else if !regime_data.is_empty() {
                    Some(Subject::Reach)
                } else {
                    None
                }
            } else if organisation(f) {
                // An organisation is never an exporter subject to a regime.
                None
            } else if node_inside[f.index()] {
                Some(Subject::Established)
            } else if regime_data.is_empty() {
                None
            } else if reaches_in(
                holders.role(f.index()),
                from_node.kind,
                established_inside,
                || !catalogue.carried(i, &direct[f.index()]).is_empty(),
            ) {
                Some(Subject::Reach)
            } else {
                None
            };
            let Some(subject) = subject else { continue };
            exporter_subject[i] = true;
            let to_view = graph.view(to_node);
            let to_organisation = orgs_outside && organisation(t);
            let bridged = |l: &str| table.bridge(regime, l, on).is_some();
            let outside: Vec<Name> = to_view
                .located
                .iter()
                .filter(|l| to_organisation || (!inside(l) && !bridged(l)))
                .map(|l| Name::from(l.as_str()))
                .collect();
            if outside.is_empty() {
                law.inside.push(i);
                if let Some(b) = to_view
                    .located
                    .iter()
                    .find_map(|l| table.bridge(regime, l, on))
                {
                    law.bridge.push((i, b.law.clone()));
                }
                continue;
            }
            let kind = recipient_kind(graph, to_node);
            let certs = certifications(graph, to_node);
            let (uncovered, adequacy, israel, framework) =
                judge_adequacy(&places, &outside, kind, certs, to_organisation);
            law.israel |= israel;
            let categories: Vec<Category> = match subject {
                Subject::Established => catalogue.flow(i).to_vec(),
                Subject::Reach => regime_data.clone(),
            };
            let exporter_role = if is_controller {
                Role::Controller
            } else {
                holders.role(f.index())
            };
            let importer_role = holders.role(t.index());
            // Decision 2021/914 serves only importers whose processing the GDPR does not
            // reach (Art. 1(1), Recital 7).
            let importer_under_gdpr = if act == Act::Gdpr && !to_organisation {
                if importer_role == Role::Processor
                    && !established_inside
                    && !regime_data.is_empty()
                {
                    Some(UnderGdpr::ProcessorOfReachingController)
                } else if importer_role == Role::Controller
                    && to_holder != Holder::CONTROLLER
                    && !direct[t.index()].is_empty()
                {
                    Some(UnderGdpr::CollectsItself)
                } else {
                    None
                }
            } else {
                None
            };
            let verdict = if uncovered.is_empty() {
                Verdict::Adequate
            } else {
                match flow.mechanism {
                    None => Verdict::NoMechanism,
                    Some(m) => {
                        let parties = Parties {
                            regime,
                            on,
                            exporter_role,
                            importer_role,
                            importer_id: to_view.id,
                            importer_kind: kind,
                            importer_certifications: certs,
                            uncovered: &uncovered,
                            importer_under_gdpr,
                        };
                        match cover(m, &parties, act) {
                            Cover::Covered { law } if m.is_derogation() => {
                                Verdict::Derogation { law }
                            }
                            Cover::Covered { law } => Verdict::Covered { law },
                            Cover::NotCovered { why, law } => Verdict::NotCovered { why, law },
                        }
                    }
                }
            };
            if to_holder != Holder::CONTROLLER {
                let first = FirstTransfer {
                    basis: match (&verdict, flow.mechanism) {
                        (Verdict::Adequate, _) => FirstBasis::Adequacy(framework),
                        (Verdict::Covered { .. } | Verdict::Derogation { .. }, Some(m)) => {
                            FirstBasis::Mechanism(m)
                        }
                        _ => FirstBasis::Nothing,
                    },
                    exporter_role,
                    importer_role,
                };
                exported_seeds.extend(categories.iter().map(|&c| (t, c, first)));
            }
            law.transfers.push((
                i,
                Transfer {
                    regime,
                    act,
                    exporter: party(graph, holders, exporter, from_node, controller),
                    exporter_role,
                    subject,
                    importer: party(graph, holders, to_holder, to_node, controller),
                    importer_role,
                    importer_kind: kind,
                    controller_inside: established_inside,
                    importer_under_gdpr: importer_under_gdpr.is_some(),
                    via,
                    outside,
                    uncovered,
                    adequacy,
                    categories: catalogue.names_of(&categories),
                    mechanism: flow.mechanism,
                    verdict,
                },
            ));
        }

        // Onward transfers: data exported under the regime, passed on by an exporter not
        // subject to it, to another entity than the controller, outside the area, in a
        // place no adequacy decision of the regime covers for that importer.
        let passes = |i: usize| {
            ends[i].is_some_and(|(_, t)| holders.holder(t.index()) != Holder::CONTROLLER)
        };
        let exported = spread(
            graph,
            catalogue,
            exported_seeds.iter().map(|&(t, c, _)| (t, c)),
            passes,
        );
        let mut firsts: Vec<FirstTransfer> = exported_seeds.iter().map(|s| s.2).collect();
        firsts.sort_unstable();
        firsts.dedup();
        // Which first transfers' data reach each node (a few kinds: one reachability each).
        let reached: Vec<Vec<bool>> = firsts
            .iter()
            .map(|first| {
                let starts = exported_seeds.iter().filter(|s| s.2 == *first).map(|s| s.0);
                reachable(graph, starts, passes)
            })
            .collect();
        for i in 0..inv.flows.len() {
            let Some((f, t)) = ends[i] else { continue };
            if exporter_subject[i] || not_personal[i] {
                continue;
            }
            let Some(from_holder) = exporter_holder(holders, f, t) else {
                continue;
            };
            let to_holder = holders.holder(t.index());
            if from_holder == Holder::SUBJECTS
                || to_holder == Holder::CONTROLLER
                || from_holder == to_holder
            {
                continue;
            }
            let categories = catalogue.carried(i, &exported[f.index()]);
            if categories.is_empty() {
                continue;
            }
            let to_view = graph.view(g[t]);
            let to_organisation = orgs_outside && organisation(t);
            let outside: Vec<Name> = to_view
                .located
                .iter()
                .filter(|l| {
                    to_organisation || (!inside(l) && table.bridge(regime, l, on).is_none())
                })
                .map(|l| Name::from(l.as_str()))
                .collect();
            if outside.is_empty() {
                continue;
            }
            let kind = recipient_kind(graph, g[t]);
            let certs = certifications(graph, g[t]);
            let (uncovered, ..) = judge_adequacy(&places, &outside, kind, certs, to_organisation);
            if uncovered.is_empty() {
                continue;
            }
            let first = firsts
                .iter()
                .zip(&reached)
                .filter(|(_, r)| r[f.index()])
                .map(|(k, _)| *k)
                .collect();
            law.onward.push((
                i,
                Onward {
                    regime,
                    act,
                    exporter: party(graph, holders, from_holder, g[f], controller),
                    importer: party(graph, holders, to_holder, g[t], controller),
                    outside: uncovered,
                    categories: catalogue.names_of(&categories),
                    first,
                },
            ));
        }
        Some(law)
    }

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

/// The nodes reachable from `starts` along flows for which `passes` holds.
fn reachable(
    graph: &FlowGraph,
    starts: impl Iterator<Item = NodeIndex>,
    passes: impl Fn(usize) -> bool,
) -> Vec<bool> {
    let g = graph.graph();
    let mut seen = vec![false; g.node_count()];
    let mut stack: Vec<NodeIndex> = Vec::new();
    for s in starts {
        if !seen[s.index()] {
            seen[s.index()] = true;
            stack.push(s);
        }
    }
    while let Some(n) = stack.pop() {
        for e in g.edges_directed(n, petgraph::Direction::Outgoing) {
            if passes(*e.weight()) && !seen[e.target().index()] {
                seen[e.target().index()] = true;
                stack.push(e.target());
            }
        }
    }
    seen
}

/// Whether a processor or recipient outside the area, carrying data from it, reaches
/// into it: a processor of a controller established outside (EDPB Guidelines 3/2018),
/// or a recipient that collected the data there itself, straight from a source (GDPR
/// Art. 3(2)(b): its own cookie on the controller's site).
fn reaches_in(
    role: Role,
    kind: NodeKind,
    controller_established_inside: bool,
    collected_there: impl Fn() -> bool,
) -> bool {
    match role {
        Role::Processor => !controller_established_inside,
        Role::Controller => kind == NodeKind::Recipient && collected_there(),
    }
}

/// How a holder is named in messages: the controller's name, or `id` (and its entity).
fn party(
    graph: &FlowGraph,
    holders: &Holders,
    holder: Holder,
    node: NodeRef,
    controller: &str,
) -> Name {
    let id = graph.view(node).id;
    match holders.entity_name(holder) {
        _ if holder == Holder::CONTROLLER => Name::from(controller),
        Some(entity) if entity != id => compact_str::format_compact!("`{id}` ({entity})"),
        _ => compact_str::format_compact!("`{id}`"),
    }
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
