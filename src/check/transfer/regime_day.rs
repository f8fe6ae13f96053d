//! One regime on one date ([`Prepared::regime`]): whether the controller reaches into
//! the area, which flows are transfers under the regime and what covers each, and which
//! pass the data exported under it on (onward transfers).

use std::rc::Rc;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashSet;

use crate::graph::{NodeKind, NodeRef};
use crate::model::jurisdiction::{ANYWHERE, AdequacyScope};
use crate::model::law::{Act, Certification, RegimeCode};
use crate::model::{Channel, Date, Flow, Jurisdictions, Mechanism, Name, RecipientKind};

use super::cover::{Cover, Parties, UnderGdpr, cover};
use super::holders::{Holder, Role, certifications, recipient_kind};
use super::judged::{FirstBasis, FirstTransfer, Onward, Subject, Transfer, Verdict, Via};
use super::places::Places;
use super::prepared::{
    AreaData, Prepared, RegimeLaw, exporter_holder, organisations_outside, reach_needs_equipment,
};
use super::spread::{Category, Held, spread};

impl Prepared<'_> {
    /// What `regime` makes of the inventory on `on`; `None` before the regime exists.
    pub fn regime(&self, regime: RegimeCode, on: Date) -> Option<RegimeLaw> {
        RegimeDay::new(self, regime, on).map(|day| day.judge())
    }
}

/// What every flow is judged by under one regime on one date.
pub(super) struct RegimeDay<'p, 'g> {
    prepared: &'p Prepared<'g>,
    regime: RegimeCode,
    on: Date,
    act: Act,
    table: &'static Jurisdictions,
    /// Each distinct place judged once: an inventory names few places.
    places: Places<'g>,
    /// The act holds international organisations outside its area wherever they sit.
    orgs_outside: bool,
    /// Per node: some place of it lies inside the area (never an organisation's, when
    /// the act holds them outside).
    node_inside: Vec<bool>,
    established_inside: bool,
}

/// The data a regime's transfers export: each first transfer's importer, category and
/// terms, and which flows' exporters the regime reached (they make no onward transfer).
struct Exported {
    seeds: Vec<(NodeIndex, Category, FirstTransfer)>,
    exporter_subject: Vec<bool>,
}

impl<'p, 'g> RegimeDay<'p, 'g> {
    /// `regime` on `on`; `None` before the regime exists.
    pub(super) fn new(prepared: &'p Prepared<'g>, regime: RegimeCode, on: Date) -> Option<Self> {
        let graph = prepared.graph;
        let table = Jurisdictions::builtin();
        let act = table.act_on(regime, on)?;
        let mut day = RegimeDay {
            prepared,
            regime,
            on,
            act,
            table,
            places: Places::new(graph, regime, on),
            orgs_outside: organisations_outside(act),
            node_inside: Vec::new(),
            established_inside: false,
        };
        let g = graph.graph();
        day.node_inside = g
            .node_indices()
            .map(|n| {
                !(day.orgs_outside && day.organisation(n))
                    && graph.view(g[n]).located.iter().any(|l| day.inside(l))
            })
            .collect();
        day.established_inside = graph.inventory().established.iter().any(|l| day.inside(l));
        Some(day)
    }

    /// The regime's law on the inventory that day.
    pub(super) fn judge(&self) -> RegimeLaw {
        let mut law = RegimeLaw {
            regime: self.regime,
            act: self.act,
            transfers: Vec::new(),
            onward: Vec::new(),
            inside: Vec::new(),
            bridge: Vec::new(),
            reach: false,
            offline_only: false,
            israel: false,
        };
        let area = self.area();
        self.reach(&area, &mut law);
        let exported = self.transfers(&area, &mut law);
        self.onward(&exported, &mut law);
        law
    }

    fn inside(&self, code: &str) -> bool {
        self.places.inside(code)
    }

    fn organisation(&self, n: NodeIndex) -> bool {
        let graph = self.prepared.graph;
        recipient_kind(graph, graph.graph()[n]) == Some(RecipientKind::InternationalOrganisation)
    }

    /// A source collects in the area when a place of it lies inside or is `*` (people
    /// anywhere).
    fn collects_in_area(&self, n: NodeIndex) -> bool {
        let graph = self.prepared.graph;
        let node = graph.graph()[n];
        node.kind == NodeKind::Source
            && graph
                .view(node)
                .located
                .iter()
                .any(|l| self.inside(l) || l == ANYWHERE)
    }

    /// A source that collects in the area in a way that brings the regime: under the
    /// Directive only through equipment there (an online source).
    fn collects_here(&self, n: NodeIndex) -> bool {
        let graph = self.prepared.graph;
        self.collects_in_area(n)
            && (graph.inventory().sources[graph.graph()[n].index].channel == Channel::Online
                || !reach_needs_equipment(self.act))
    }

    /// Data from the area: what the sources that collect here hand over, followed
    /// everywhere. It depends only on which sources those are, so it is spread once per
    /// answer ([`Prepared::area_data`]).
    fn area(&self) -> Rc<AreaData> {
        let p = self.prepared;
        let g = p.graph.graph();
        let collecting: Vec<u32> = g
            .node_indices()
            .filter(|&n| self.collects_here(n))
            .map(|n| n.index() as u32)
            .collect();
        p.area_data(collecting, |collecting| {
            let seeds: Vec<(NodeIndex, Category)> = g
                .edge_references()
                .filter(|e| {
                    p.ends[*e.weight()].is_some()
                        && collecting
                            .binary_search(&(e.source().index() as u32))
                            .is_ok()
                })
                .flat_map(|e| {
                    p.catalogue
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
                from_area: spread(p.graph, &p.catalogue, seeds.iter().copied(), |_| true),
                direct,
            }
        })
    }

    /// Whether a controller established outside reaches into the area, or collects
    /// there only offline (which brings no reach under the Directive).
    fn reach(&self, area: &AreaData, law: &mut RegimeLaw) {
        if self.established_inside {
            return;
        }
        let p = self.prepared;
        if area.any {
            law.reach = true;
        } else if p.graph.graph().edge_references().any(|e| {
            self.collects_in_area(e.source())
                && p.ends[*e.weight()].is_some()
                && !p.catalogue.flow(*e.weight()).is_empty()
        }) {
            law.offline_only = true;
        }
    }

    /// The importer's places outside the area (all of them for an organisation the act
    /// holds outside; none the EU–UK bridge covers), and whether it is such an
    /// organisation.
    fn outside(&self, t: NodeIndex) -> (Vec<Name>, bool) {
        let graph = self.prepared.graph;
        let to_organisation = self.orgs_outside && self.organisation(t);
        let outside = graph
            .view(graph.graph()[t])
            .located
            .iter()
            .filter(|l| {
                to_organisation
                    || (!self.inside(l) && self.table.bridge(self.regime, l, self.on).is_none())
            })
            .cloned()
            .collect();
        (outside, to_organisation)
    }

    /// Whether the exporter of flow `i` (`f → …`) is subject to the regime, and how.
    fn subject(
        &self,
        i: usize,
        f: NodeIndex,
        exporter: Holder,
        regime_data: &[Category],
        direct: &Held,
    ) -> Option<Subject> {
        let p = self.prepared;
        if exporter == Holder::CONTROLLER {
            return if self.established_inside {
                Some(Subject::Established)
            } else if !regime_data.is_empty() {
                Some(Subject::Reach)
            } else {
                None
            };
        }
        if self.organisation(f) {
            // An organisation is never an exporter subject to a regime.
            return None;
        }
        if self.node_inside[f.index()] {
            return Some(Subject::Established);
        }
        let reaches = !regime_data.is_empty()
            && reaches_in(
                p.holders.role(f.index()),
                p.graph.graph()[f].kind,
                self.established_inside,
                || !p.catalogue.carried(i, &direct[f.index()]).is_empty(),
            );
        reaches.then_some(Subject::Reach)
    }

    /// Whether the GDPR itself reaches the importer's processing, so that Decision
    /// 2021/914 does not serve it (Art. 1(1), Recital 7).
    fn importer_under_gdpr(
        &self,
        importer_role: Role,
        importer: Holder,
        regime_data: &[Category],
        received_from_area: bool,
        to_organisation: bool,
    ) -> Option<UnderGdpr> {
        if self.act != Act::Gdpr || to_organisation {
            return None;
        }
        if importer_role == Role::Processor && !self.established_inside && !regime_data.is_empty() {
            Some(UnderGdpr::ProcessorOfReachingController)
        } else if importer_role == Role::Controller
            && importer != Holder::CONTROLLER
            && received_from_area
        {
            Some(UnderGdpr::CollectsItself)
        } else {
            None
        }
    }

    /// The verdict on the transfer of `flow` between `parties` (adequate when no place
    /// of the importer is left uncovered).
    fn verdict(&self, flow: &Flow, parties: &Parties<'_>) -> Verdict {
        if parties.uncovered.is_empty() {
            return Verdict::Adequate;
        }
        let Some(m) = flow.mechanism else {
            return Verdict::NoMechanism;
        };
        match cover(m, parties, self.act) {
            Cover::Covered { law } if m.is_derogation() => Verdict::Derogation { law },
            Cover::Covered { law } => Verdict::Covered { law },
            Cover::NotCovered { why, law } => Verdict::NotCovered { why, law },
        }
    }

    /// The regime's transfers: flows whose exporter it reaches, to another entity, with
    /// the importer outside the area.
    fn transfers(&self, area: &AreaData, law: &mut RegimeLaw) -> Exported {
        let p = self.prepared;
        let (graph, holders, catalogue) = (p.graph, &p.holders, &p.catalogue);
        let inv = graph.inventory();
        let g = graph.graph();
        let (direct, from_area) = (&area.direct, &area.from_area);
        let mut exported = Exported {
            seeds: Vec::new(),
            exporter_subject: vec![false; inv.flows.len()],
        };
        for i in 0..inv.flows.len() {
            let Some((f, t)) = p.ends[i] else { continue };
            if p.not_personal[i] {
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
            let regime_data: Vec<Category> = if self.collects_here(f) {
                catalogue.flow(i).to_vec()
            } else {
                catalogue.carried(i, &from_area[f.index()])
            };
            let Some(subject) = self.subject(i, f, exporter, &regime_data, direct) else {
                continue;
            };
            exported.exporter_subject[i] = true;
            let (outside, to_organisation) = self.outside(t);
            if outside.is_empty() {
                law.inside.push(i);
                if let Some(b) = graph
                    .view(to_node)
                    .located
                    .iter()
                    .find_map(|l| self.table.bridge(self.regime, l, self.on))
                {
                    law.bridge.push((i, b.law.clone()));
                }
                continue;
            }
            let kind = recipient_kind(graph, to_node);
            let certs = certifications(graph, to_node);
            let (uncovered, adequacy, israel, framework) =
                judge_adequacy(&self.places, &outside, kind, certs, to_organisation);
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
            let importer_under_gdpr = self.importer_under_gdpr(
                importer_role,
                to_holder,
                &regime_data,
                !direct[t.index()].is_empty(),
                to_organisation,
            );
            let parties = Parties {
                regime: self.regime,
                on: self.on,
                exporter_role,
                importer_role,
                importer_id: graph.view(to_node).id,
                importer_kind: kind,
                importer_certifications: certs,
                uncovered: &uncovered,
                importer_under_gdpr,
            };
            let verdict = self.verdict(flow, &parties);
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
                exported
                    .seeds
                    .extend(categories.iter().map(|&c| (t, c, first)));
            }
            law.transfers.push((
                i,
                Transfer {
                    regime: self.regime,
                    act: self.act,
                    exporter: party(p, exporter, from_node),
                    exporter_role,
                    subject,
                    importer: party(p, to_holder, to_node),
                    importer_role,
                    importer_kind: kind,
                    controller_inside: self.established_inside,
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
        exported
    }

    /// Onward transfers: data exported under the regime, passed on by an exporter not
    /// subject to it, to another entity than the controller, outside the area, in a place
    /// no adequacy decision of the regime covers for that importer.
    fn onward(&self, exported: &Exported, law: &mut RegimeLaw) {
        let p = self.prepared;
        let (graph, holders, catalogue) = (p.graph, &p.holders, &p.catalogue);
        let g = graph.graph();
        let seeds = &exported.seeds;
        let passes = |i: usize| {
            p.ends[i].is_some_and(|(_, t)| holders.holder(t.index()) != Holder::CONTROLLER)
        };
        let carried = spread(
            graph,
            catalogue,
            seeds.iter().map(|&(t, c, _)| (t, c)),
            passes,
        );
        let mut firsts: Vec<FirstTransfer> = seeds.iter().map(|s| s.2).collect();
        firsts.sort_unstable();
        firsts.dedup();
        // Which first transfers' data reach each node (a few kinds: one reachability each).
        let reached: Vec<Vec<bool>> = firsts
            .iter()
            .map(|first| {
                let starts = seeds.iter().filter(|s| s.2 == *first).map(|s| s.0);
                reachable(graph, starts, passes)
            })
            .collect();
        for i in 0..graph.inventory().flows.len() {
            let Some((f, t)) = p.ends[i] else { continue };
            if exported.exporter_subject[i] || p.not_personal[i] {
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
            let categories = catalogue.carried(i, &carried[f.index()]);
            if categories.is_empty() {
                continue;
            }
            let (outside, to_organisation) = self.outside(t);
            if outside.is_empty() {
                continue;
            }
            let kind = recipient_kind(graph, g[t]);
            let certs = certifications(graph, g[t]);
            let (uncovered, ..) =
                judge_adequacy(&self.places, &outside, kind, certs, to_organisation);
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
                    regime: self.regime,
                    act: self.act,
                    exporter: party(p, from_holder, g[f]),
                    importer: party(p, to_holder, g[t]),
                    outside: uncovered,
                    categories: catalogue.names_of(&categories),
                    first,
                },
            ));
        }
    }
}

/// The adequacy decisions covering an importer's outside places: the places none covers,
/// the decisions that cover the rest, whether Israel's was relied on, and the framework
/// a certified importer relied on.
fn judge_adequacy(
    places: &Places<'_>,
    outside: &[Name],
    kind: Option<RecipientKind>,
    certs: &[Certification],
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

/// The nodes reachable from `starts` along flows for which `passes` holds.
fn reachable(
    graph: &crate::graph::FlowGraph,
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
fn party(p: &Prepared<'_>, holder: Holder, node: NodeRef) -> Name {
    let id = p.graph.view(node).id;
    match p.holders.entity_name(holder) {
        _ if holder == Holder::CONTROLLER => Name::from(p.controller.as_str()),
        Some(entity) if entity != id => compact_str::format_compact!("`{id}` ({entity})"),
        _ => compact_str::format_compact!("`{id}`"),
    }
}
