//! Who holds each node, and in which role (DESIGN.md, "Who holds what").
//!
//! A source is the data subjects and holds nothing. A store is held by the controller
//! when its `operator` is `Controller`, else by its own legal person (its `entity`, or
//! the store itself); a recipient by its `entity`, or itself. A node whose `entity` is
//! the entity of a controller-operated store is the controller too. A `Processor` store
//! and a `ServiceProvider` recipient are processors; every other holder is a controller.

use rustc_hash::FxHashSet;

use crate::graph::{FlowGraph, NodeKind, NodeRef};
use crate::model::law::Certification;
use crate::model::{Operator, RecipientKind};

/// Who holds a node.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Holder {
    /// The data subjects (a source): nobody discloses what they hand over themselves.
    Subjects,
    /// The controller the inventory is kept for.
    Controller,
    /// Another legal person: the `entity` it names, or the node's id.
    Entity(String),
}

/// A holder's role, which the standard clauses depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// The holder, role and importer facts of every node, indexed by petgraph node index.
#[derive(Debug, Clone)]
pub struct Holders {
    holders: Vec<Holder>,
    roles: Vec<Role>,
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
        for &node in g.node_weights() {
            let (holder, role) = match node.kind {
                NodeKind::Source => (Holder::Subjects, Role::Controller),
                NodeKind::Store => {
                    let store = &inv.stores[node.index];
                    let own = || entity_or_id(store.entity.as_deref(), &store.id);
                    match store.operator {
                        Operator::Controller => (Holder::Controller, Role::Controller),
                        Operator::JointController => (own(), Role::Controller),
                        Operator::Processor => (own(), Role::Processor),
                    }
                }
                NodeKind::Recipient => {
                    let r = &inv.recipients[node.index];
                    let role = if r.kind == RecipientKind::ServiceProvider {
                        Role::Processor
                    } else {
                        Role::Controller
                    };
                    (entity_or_id(r.entity.as_deref(), &r.id), role)
                }
            };
            let holder = match holder {
                Holder::Entity(e) if controller_entities.contains(e.as_str()) => Holder::Controller,
                other => other,
            };
            holders.push(holder);
            roles.push(role);
        }
        Holders { holders, roles }
    }

    /// Who holds the node at petgraph index `n`.
    pub fn holder(&self, n: usize) -> &Holder {
        &self.holders[n]
    }

    /// The role of the node at petgraph index `n`.
    pub fn role(&self, n: usize) -> Role {
        self.roles[n]
    }
}

fn entity_or_id(entity: Option<&str>, id: &str) -> Holder {
    Holder::Entity(entity.unwrap_or(id).to_string())
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
