//! Writes an inventory (and a taxonomy) as RON text by hand, so that a line can carry a
//! comment: the Fides key an id came from, or a placeholder to fill in.

use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;

use crate::model::{Inventory, Taxonomy};

/// Comments for lines of the written inventory: `(owner, field)` → text, where the owner
/// is a node id, `flow#N` for the N-th flow (from 0), or `""` for the inventory itself.
#[derive(Debug, Default, Clone)]
pub struct Notes(pub HashMap<(String, &'static str), String>);

impl Notes {
    pub fn add(&mut self, owner: &str, field: &'static str, text: impl Into<String>) {
        self.0.insert((owner.to_string(), field), text.into());
    }

    fn get(&self, owner: &str, field: &'static str) -> Option<&str> {
        self.0.get(&(owner.to_string(), field)).map(String::as_str)
    }
}

fn ron<T: Serialize + ?Sized>(value: &T) -> String {
    ron::to_string(value).expect("model values serialise as RON")
}

struct Out<'n> {
    text: String,
    notes: &'n Notes,
}

impl Out<'_> {
    fn field(&mut self, indent: usize, owner: &str, name: &'static str, value: String) {
        let pad = " ".repeat(indent);
        let _ = write!(self.text, "{pad}{name}: {value},");
        if let Some(note) = self.notes.get(owner, name) {
            let note = note.replace('\n', " ");
            let _ = write!(self.text, " // {note}");
        }
        self.text.push('\n');
    }
}

/// The inventory as RON, with `header` (already commented lines) on top.
pub fn inventory(inv: &Inventory, notes: &Notes, header: &str) -> String {
    let mut o = Out {
        text: String::with_capacity(256 + inv.flows.len() * 200),
        notes,
    };
    o.text.push_str(header);
    o.text.push_str("Inventory(\n");
    o.field(4, "", "name", ron(&inv.name));
    o.field(4, "", "controller", ron(&inv.controller));
    o.field(4, "", "established", ron(&inv.established));
    o.field(4, "", "representatives", ron(&inv.representatives));
    o.field(4, "", "policy", ron(&inv.policy));
    o.field(4, "", "taxonomy", ron(&inv.taxonomy));
    o.field(4, "", "as_of", ron(&inv.as_of));
    o.text.push_str("    sources: [\n");
    for s in &inv.sources {
        o.text.push_str("        (\n");
        o.field(12, &s.id, "id", ron(&s.id));
        o.field(12, &s.id, "name", ron(&s.name));
        o.field(12, &s.id, "subjects", ron(&s.subjects));
        o.field(12, &s.id, "located", ron(&s.located));
        o.field(12, &s.id, "channel", ron(&s.channel));
        o.field(12, &s.id, "collects", ron(&s.collects));
        o.field(12, &s.id, "minors", ron(&s.minors));
        o.text.push_str("        ),\n");
    }
    o.text.push_str("    ],\n    stores: [\n");
    for s in &inv.stores {
        o.text.push_str("        (\n");
        o.field(12, &s.id, "id", ron(&s.id));
        o.field(12, &s.id, "name", ron(&s.name));
        o.field(12, &s.id, "located", ron(&s.located));
        o.field(12, &s.id, "operator", ron(&s.operator));
        o.field(12, &s.id, "entity", ron(&s.entity));
        o.field(12, &s.id, "certifications", ron(&s.certifications));
        o.field(12, &s.id, "retention", ron(&s.retention));
        o.field(12, &s.id, "safeguards", ron(&s.safeguards));
        o.text.push_str("        ),\n");
    }
    o.text.push_str("    ],\n    recipients: [\n");
    for r in &inv.recipients {
        o.text.push_str("        (\n");
        o.field(12, &r.id, "id", ron(&r.id));
        o.field(12, &r.id, "name", ron(&r.name));
        o.field(12, &r.id, "kind", ron(&r.kind));
        o.field(12, &r.id, "located", ron(&r.located));
        o.field(12, &r.id, "entity", ron(&r.entity));
        o.field(12, &r.id, "certifications", ron(&r.certifications));
        o.text.push_str("        ),\n");
    }
    o.text.push_str("    ],\n    flows: [\n");
    for (i, f) in inv.flows.iter().enumerate() {
        let owner = format!("flow#{i}");
        o.text.push_str("        (\n");
        o.field(12, &owner, "id", ron(&f.id));
        o.field(12, &owner, "from", ron(&f.from));
        o.field(12, &owner, "to", ron(&f.to));
        o.field(12, &owner, "data", ron(&f.data));
        o.field(12, &owner, "purposes", ron(&f.purposes));
        o.field(12, &owner, "basis", ron(&f.basis));
        o.field(12, &owner, "mechanism", ron(&f.mechanism));
        o.field(12, &owner, "policy", ron(&f.policy));
        o.text.push_str("        ),\n");
    }
    o.text.push_str("    ],\n)\n");
    o.text
}

/// A taxonomy as RON, one term a line.
pub fn taxonomy(tax: &Taxonomy, header: &str) -> String {
    let mut text = String::from(header);
    text.push_str("Taxonomy(\n    categories: [\n");
    for t in &tax.categories {
        let _ = writeln!(
            text,
            "        (name: {}, description: {}),",
            ron(&t.name),
            ron(&t.description)
        );
    }
    text.push_str("    ],\n    purposes: [\n");
    for t in &tax.purposes {
        let _ = writeln!(
            text,
            "        (name: {}, description: {}),",
            ron(&t.name),
            ron(&t.description)
        );
    }
    text.push_str("    ],\n)\n");
    text
}
