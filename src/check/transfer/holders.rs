//! Who holds each node, and in which role (DESIGN.md, "Who holds what").
//!
//! A source is the data subjects and holds nothing. A store is held by the controller
//! when its `operator` is `Controller`, else by its own legal person (its `entity`, or
//! the store itself); a recipient by its `entity`, or itself. A node whose `entity` is
//! the entity of a controller-operated store is the controller too. A `Processor` store
//! and a `ServiceProvider` recipient are processors; every other holder is a controller.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::graph::{FlowGraph, NodeKind, NodeRef};
use crate::model::law::Certification;
use crate::model::{Operator, RecipientKind};

/// Who holds a node: the data subjects (a source), the controller, or another legal
/// person (its `entity`, or the node's id), interned as a small number so that holders
/// compare as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holder(u32);

impl Holder {
    /// The data subjects (a source): nobody discloses what they hand over themselves.
    pub const SUBJECTS: Holder = Holder(0);
    /// The controller the inventory is kept for.
    pub const CONTROLLER: Holder = Holder(1);
}

/// A holder's role, which the standard clauses depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Controller,
    Processor,
}

impl Role {
    /// "controller" or "processor".
    pub fn word(self) -> &'static str {
        match self {
            Role::Controller => "controller",
            Role::Processor => "processor",
        }
    }
}

/// The holder and role of every node, indexed by petgraph node index.
#[derive(Debug, Clone)]
pub struct Holders {
    holders: Vec<Holder>,
    roles: Vec<Role>,
    /// The name of each entity holder, by its number minus 2.
    names: Vec<String>,
}

impl Holders {
    /// Works out who holds each node of `graph`.
    pub fn of(graph: &FlowGraph) -> Holders {
        let inv = graph.inventory();
        let controller_entities: FxHashSet<&str> = inv
            .stores
            .iter()
            .filter(|s| s.operator == Operator::Controller)
            .filter_map(|s| s.entity.as_deref())
            .collect();
        let g = graph.graph();
        let mut holders = Vec::with_capacity(g.node_count());
        let mut roles = Vec::with_capacity(g.node_count());
        let mut names: Vec<String> = Vec::new();
        let mut numbers: FxHashMap<&str, Holder> = FxHashMap::default();
        let mut entity = |name| intern(name, &controller_entities, &mut numbers, &mut names);
        for &node in g.node_weights() {
            let (holder, role) = match node.kind {
                NodeKind::Source => (Holder::SUBJECTS, Role::Controller),
                NodeKind::Store => {
                    let store = &inv.stores[node.index];
                    let own = entity_or_id(store.entity.as_deref(), &store.id);
                    match store.operator {
                        Operator::Controller => (Holder::CONTROLLER, Role::Controller),
                        Operator::JointController => (entity(own), Role::Controller),
                        Operator::Processor => (entity(own), Role::Processor),
                    }
                }
                NodeKind::Recipient => {
                    let r = &inv.recipients[node.index];
                    let role = if r.kind == RecipientKind::ServiceProvider {
                        Role::Processor
                    } else {
                        Role::Controller
                    };
                    (entity(entity_or_id(r.entity.as_deref(), &r.id)), role)
                }
            };
            holders.push(holder);
            roles.push(role);
        }
        Holders {
            holders,
            roles,
            names,
        }
    }

    /// Who holds the node at petgraph index `n`.
    pub fn holder(&self, n: usize) -> Holder {
        self.holders[n]
    }

    /// The role of the node at petgraph index `n`.
    pub fn role(&self, n: usize) -> Role {
        self.roles[n]
    }

    /// The entity's name, for a holder that is neither the subjects nor the controller.
    pub fn entity_name(&self, holder: Holder) -> Option<&str> {
        let k = holder.0.checked_sub(2)?;
        self.names.get(k as usize).map(String::as_str)
    }
}

/// The number of the legal person `name`: the controller's when a controller-operated
/// store names it, else one number per distinct name.
fn intern<'a>(
    name: &'a str,
    controller_entities: &FxHashSet<&str>,
    numbers: &mut FxHashMap<&'a str, Holder>,
    names: &mut Vec<String>,
) -> Holder {
    if controller_entities.contains(name) {
        return Holder::CONTROLLER;
    }
    *numbers.entry(name).or_insert_with(|| {
        names.push(name.to_string());
        Holder(names.len() as u32 + 1)
    })
}

fn entity_or_id<'a>(entity: Option<&'a str>, id: &'a str) -> &'a str {
    entity.unwrap_or(id)
}
/// The certifications of a node (stores and recipients have them; sources none).
pub fn certifications(graph: &FlowGraph, node: NodeRef) -> &[Certification] {
    let inv = graph.inventory();
    match node.kind {
        NodeKind::Source => &[],
        NodeKind::Store => &inv.stores[node.index].certifications,
        NodeKind::Recipient => &inv.recipients[node.index].certifications,
    }
}

/// The recipient kind of a node, when it is a recipient.
pub fn recipient_kind(graph: &FlowGraph, node: NodeRef) -> Option<RecipientKind> {
    (node.kind == NodeKind::Recipient).then(|| graph.inventory().recipients[node.index].kind)
}
