//! The end of an import: the checklist of what to fill in by hand, the generated
//! taxonomy, and the inventory written as commented RON.

use std::collections::BTreeMap;

use super::super::ron_out;
use super::super::taxonomy::table;
use super::map::Mapper;
use super::{Imported, UNKNOWN_LOCATION};
use crate::model::{Inventory, Term};

use super::map::Counts;

impl Mapper {
    /// The import of `inv`: its checklist (from `counts`; `from_flowmap` when the
    /// organization carried flowmap's own facts), the generated taxonomy, the RON text.
    /// `first_new` is the first flow the mapping made (not read from `meta.flowmap`).
    pub(super) fn finish(
        mut self,
        mut inv: Inventory,
        counts: Counts,
        from_flowmap: bool,
        first_new: usize,
    ) -> Imported {
        // Checklist.
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let mut checklist = Vec::new();
        if counts.location > 0 {
            checklist.push(format!(
                "{} no location: set `located`",
                plural(counts.location, "system has", "systems have")
            ));
        }
        if inv
            .sources
            .iter()
            .any(|s| s.id == "user" && s.located == [UNKNOWN_LOCATION])
        {
            checklist.push(
                "the `user` source has no location: set `located` (and check `minors`)".to_string(),
            );
        }
        if !counts.inferred.is_empty() {
            let n = counts.inferred.len();
            checklist.push(format!(
                "{} no dataset but {} data into a store, so {} written as a store (a recipient cannot send into a store): {}; check `operator`",
                plural(n, "system holds", "systems hold"),
                if n == 1 { "sends" } else { "send" },
                if n == 1 { "it is" } else { "they are" },
                crate::text::first_and_more(&counts.inferred, 10, str::to_string),
            ));
        }
        if counts.kind > 0 {
            checklist.push(format!(
                "{} no kind (ServiceProvider is written): check `kind`",
                plural(counts.kind, "recipient has", "recipients have")
            ));
        }
        if counts.certs > 0 {
            checklist.push(format!(
                "{} no certifications listed: add any (\"DPF\", ...) to `certifications`",
                plural(
                    counts.certs,
                    "processor or recipient has",
                    "processors and recipients have"
                )
            ));
        }
        if !from_flowmap {
            self.notes.add("", "established", "placeholder: Fides does not say where the controller is established: set `established` (e.g. [\"US\"])");
            checklist
                .push("the controller's establishment is unknown: set `established`".to_string());
            let flows = inv.flows.len() - first_new;
            if flows > 0 {
                self.notes.add(
                    "",
                    "policy",
                    "placeholder: Fides has no privacy policy: name a policy file here",
                );
                checklist.push(format!("{} no policy section: write a policy file, name it in `policy`, and cite its sections in each flow's `policy`", plural(flows, "flow cites", "flows cite")));
            }
        } else {
            if let Some(p) = &inv.policy {
                checklist.push(format!(
                    "the inventory names the policy file `{p}`: put it beside the output"
                ));
            }
            if let Some(t) = &inv.taxonomy {
                checklist.push(format!(
                    "the inventory names the taxonomy file `{t}`: put it beside the output"
                ));
            }
        }
        if counts.data > 0 {
            checklist.push(format!(
                "{} no data category on either end (`user` is written): set `data`",
                plural(counts.data, "flow has", "flows have")
            ));
        }
        if counts.purpose > 0 {
            checklist.push(format!(
                "{} no purpose (the receiving system has no privacy declaration): set `purposes`",
                plural(counts.purpose, "flow has", "flows have")
            ));
        }
        checklist.extend(std::mem::take(&mut self.checklist));

        // The generated taxonomy.
        let taxonomy_text = if (self.new_categories.is_empty() && self.new_purposes.is_empty())
            || inv.taxonomy.is_some()
        {
            None
        } else {
            let mut tax = table().builtin.clone();
            extend(&mut tax.categories, &self.new_categories, "data category");
            extend(&mut tax.purposes, &self.new_purposes, "data use");
            inv.taxonomy = Some(self.taxonomy_name.clone());
            self.notes.add(
                "",
                "taxonomy",
                "generated: the built-in taxonomy and the Fides keys it lacks",
            );
            checklist.push(format!(
                "{} added to the generated taxonomy {}: describe {} there",
                plural(
                    self.new_categories.len() + self.new_purposes.len(),
                    "Fides key not in flowmap's taxonomy is",
                    "Fides keys not in flowmap's taxonomy are"
                ),
                self.taxonomy_name,
                if self.new_categories.len() + self.new_purposes.len() == 1 {
                    "it"
                } else {
                    "them"
                }
            ));
            Some(ron_out::taxonomy(
                &tax,
                "// flowmap's built-in taxonomy, and the Fides categories and uses it lacks (written by `flowmap import fides`).\n",
            ))
        };

        let header = "// Written by `flowmap import fides`. Lines marked \"placeholder\" say what Fides\n// cannot: fill them in, then run `flowmap check`.\n";
        let ron = ron_out::inventory(&inv, &self.notes, header);
        Imported {
            inventory: inv,
            ron,
            taxonomy: taxonomy_text,
            checklist,
            manifests: Vec::new(),
        }
    }
}

/// Appends `new` terms to `terms`, with any missing parents, parents first.
fn extend(terms: &mut Vec<Term>, new: &BTreeMap<String, String>, what: &str) {
    let have: std::collections::HashSet<String> = terms.iter().map(|t| t.name.clone()).collect();
    let mut all: BTreeMap<String, String> = new.clone();
    for name in new.keys() {
        let mut p = name.as_str();
        while let Some(i) = p.rfind('.') {
            p = &p[..i];
            if !have.contains(p) {
                all.entry(p.to_string())
                    .or_insert_with(|| format!("A group of imported Fides {what}s ({p})."));
            }
        }
    }
    for (name, description) in all {
        if !have.contains(&name) {
            terms.push(Term {
                name,
                description,
                personal: None,
            });
        }
    }
}
