//! Mapping the resources read to an inventory: kinds from the graph, flows from egress
//! and ingress, placeholders and the checklist for what Fides cannot say.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::super::model::{DataFlow, Dataset, Organization, System, TaxonomyTerm};
use super::super::ron_out::Notes;
use super::super::taxonomy::{category_from_fides, purpose_from_fides, table};
use super::super::{FlowmapMeta, OrganizationMeta, Unique};
use super::summary::{Summary, mechanism_from_fides};
use super::{From, Imported, UNKNOWN_LOCATION, to_id};
use crate::interop::yaml::YamlError;
use crate::model::{Flow, Inventory, Name, Operator, Recipient, RecipientKind, Source, Store};

#[derive(Default)]
pub(super) struct Mapper {
    pub(super) notes: Notes,
    /// Category and purpose names used that the built-in taxonomy lacks, with a description.
    pub(super) new_categories: BTreeMap<String, String>,
    pub(super) new_purposes: BTreeMap<String, String>,
    pub(super) checklist: Vec<String>,
    /// The generated taxonomy's file name, beside the inventory.
    pub(super) taxonomy_name: String,
}

pub(super) fn flowmap_meta<T>(meta: &Option<super::super::model::Meta<T>>) -> Option<&T> {
    meta.as_ref().and_then(|m| m.flowmap.as_ref())
}

impl Mapper {
    /// A mapper whose generated taxonomy is called `taxonomy_name`.
    pub(super) fn new(taxonomy_name: String) -> Mapper {
        Mapper {
            taxonomy_name,
            ..Mapper::default()
        }
    }

    fn category(&mut self, key: &str, described: &HashMap<String, String>) -> String {
        let name = category_from_fides(key);
        if !table().builtin.categories.iter().any(|t| t.name == name) {
            let description = described.get(key).cloned().unwrap_or_else(|| {
                format!("The Fides data category {key} (imported; no flowmap counterpart).")
            });
            self.new_categories
                .entry(name.clone())
                .or_insert(description);
        }
        name
    }

    fn purpose(&mut self, key: &str, described: &HashMap<String, String>) -> String {
        let name = purpose_from_fides(key);
        if !table().builtin.purposes.iter().any(|t| t.name == name) {
            let description = described.get(key).cloned().unwrap_or_else(|| {
                format!("The Fides data use {key} (imported; no flowmap counterpart).")
            });
            self.new_purposes.entry(name.clone()).or_insert(description);
        }
        name
    }

    pub(super) fn map(
        mut self,
        mut systems: Vec<From<System>>,
        datasets: Vec<From<Dataset>>,
        organizations: Vec<From<Organization>>,
        categories: Vec<From<TaxonomyTerm>>,
        uses: Vec<From<TaxonomyTerm>>,
    ) -> Result<Imported, YamlError> {
        let mut metas: Vec<Option<FlowmapMeta>> = systems
            .iter_mut()
            .map(|s| s.item.meta.take().and_then(|m| m.flowmap))
            .collect();
        let describe = |terms: &[From<TaxonomyTerm>]| -> HashMap<String, String> {
            terms
                .iter()
                .map(|t| {
                    let text = t
                        .item
                        .description
                        .clone()
                        .or_else(|| t.item.name.clone())
                        .unwrap_or_default();
                    let text = if text.trim().is_empty() {
                        format!("The Fides term {} (imported).", t.item.fides_key)
                    } else {
                        text.replace('\n', " ")
                    };
                    (t.item.fides_key.clone(), text)
                })
                .collect()
        };
        let cat_text = describe(&categories);
        let use_text = describe(&uses);
        // Taxonomy extensions are kept even when no flow uses them.
        for t in &categories {
            self.category(&t.item.fides_key, &cat_text);
        }
        for t in &uses {
            self.purpose(&t.item.fides_key, &use_text);
        }

        let org = organizations.first().map(|o| &o.item);
        let org_meta: Option<OrganizationMeta> = org.and_then(|o| flowmap_meta(&o.meta)).cloned();

        let mut inv = Inventory {
            name: org
                .and_then(|o| o.name.clone())
                .unwrap_or_else(|| "Imported from Fides".to_string()),
            controller: org.and_then(|o| {
                o.controller
                    .as_ref()
                    .map(|c| c.name.clone())
                    .filter(|n| !n.is_empty())
                    .or_else(|| o.name.clone())
            }),
            established: Vec::new(),
            representatives: Vec::new(),
            policy: None,
            taxonomy: None,
            as_of: None,
            sources: Vec::new(),
            stores: Vec::new(),
            recipients: Vec::new(),
            flows: Vec::new(),
        };
        let mut meta_flows: Vec<(usize, Flow)> = Vec::new();
        if let Some(m) = &org_meta {
            let h = &m.inventory;
            inv.name = h.name.clone();
            inv.controller = h.controller.clone();
            inv.established = h.established.clone();
            inv.representatives = h.representatives.clone();
            inv.policy = h.policy.clone();
            inv.taxonomy = h.taxonomy.clone();
            inv.as_of = h.as_of;
            inv.sources = m.sources.clone();
            meta_flows.extend(m.flows.iter().map(|f| (f.index, f.flow.clone())));
        }

        // Which system holds each dataset.
        let mut holder: HashMap<&str, &str> = HashMap::new();
        for s in &systems {
            let refs = s.item.dataset_references.iter().chain(
                s.item
                    .privacy_declarations
                    .iter()
                    .flat_map(|d| d.dataset_references.iter().flatten()),
            );
            for r in refs {
                holder
                    .entry(r.as_str())
                    .or_insert(s.item.fides_key.as_str());
            }
        }
        for d in &datasets {
            if !holder.contains_key(d.item.fides_key.as_str()) {
                self.checklist.push(format!(
                    "the dataset `{}` ({}) is held by no system: it is not in the map",
                    d.item.fides_key,
                    d.file.display()
                ));
            }
        }

        let holders: std::collections::HashSet<&str> = holder.values().copied().collect();
        let id_of: HashMap<&str, String> = systems
            .iter()
            .map(|s| (s.item.fides_key.as_str(), to_id(&s.item.fides_key)))
            .collect();
        // Edges from egress and ingress, each pair of ends once, in declaration order.
        let by_key: HashMap<&str, &System> = systems
            .iter()
            .map(|s| (s.item.fides_key.as_str(), &s.item))
            .collect();
        let mut edges: Vec<((String, String), Unique)> = Vec::new();
        let mut edge_index: HashMap<(String, String), usize> = HashMap::new();
        let mut dangling: Vec<String> = Vec::new();
        let mut add_edge = |from: &str, to: &str, data: &Option<Vec<String>>| {
            let key = (from.to_string(), to.to_string());
            let i = *edge_index.entry(key.clone()).or_insert_with(|| {
                edges.push((key, Unique::default()));
                edges.len() - 1
            });
            edges[i].1.extend(data.iter().flatten());
        };
        let resolve = |flow: &DataFlow, dangling: &mut Vec<String>, here: &str| -> Option<String> {
            let target = match flow.kind.as_str() {
                "user" => return Some("user".to_string()),
                "dataset" => holder.get(flow.fides_key.as_str()).map(|s| s.to_string()),
                _ => by_key
                    .contains_key(flow.fides_key.as_str())
                    .then(|| flow.fides_key.clone()),
            };
            if target.is_none() {
                dangling.push(format!("`{}` ({} of `{here}`)", flow.fides_key, flow.kind));
            }
            target
        };
        for s in &systems {
            let sys = &s.item;
            let here = sys.fides_key.as_str();
            for e in sys.egress.iter().flatten() {
                if let Some(to) = resolve(e, &mut dangling, here)
                    && to != "user"
                    && to != here
                {
                    add_edge(here, &to, &e.data_categories);
                }
            }
            for i in sys.ingress.iter().flatten() {
                if let Some(from) = resolve(i, &mut dangling, here)
                    && from != here
                {
                    add_edge(&from, here, &i.data_categories);
                }
            }
        }
        if !dangling.is_empty() {
            self.checklist.push(format!(
                "{} data flows name no system or held dataset, and are left out: {}",
                dangling.len(),
                dangling.join(", ")
            ));
        }

        // A system's kind follows from its place in the graph: one that holds a dataset
        // or declares a responsibility is a store, and so is one that sends data into a
        // store (a recipient cannot), and so on upstream.
        let mut senders: HashMap<&str, Vec<&str>> = HashMap::new();
        for ((from, to), _) in &edges {
            if from != "user" {
                senders.entry(to.as_str()).or_default().push(from.as_str());
            }
        }
        let has_meta: std::collections::HashSet<&str> = systems
            .iter()
            .zip(&metas)
            .filter(|(_, m)| m.is_some())
            .map(|(s, _)| s.item.fides_key.as_str())
            .collect();
        let mut store_keys: std::collections::HashSet<&str> = systems
            .iter()
            .map(|s| &s.item)
            .filter(|s| holders.contains(s.fides_key.as_str()) || !s.responsibility.is_empty())
            .map(|s| s.fides_key.as_str())
            .collect();
        // Why each inferred store is one: the store it sends into.
        let mut inferred: HashMap<&str, &str> = HashMap::new();
        let mut queue: Vec<&str> = store_keys.iter().copied().collect();
        queue.sort_unstable();
        while let Some(store) = queue.pop() {
            for &from in senders.get(store).map(Vec::as_slice).unwrap_or_default() {
                if !has_meta.contains(from) && store_keys.insert(from) {
                    inferred.insert(from, store);
                    queue.push(from);
                }
            }
        }

        let mut described: BTreeSet<String> = BTreeSet::new();
        let mut stores: Vec<(usize, Store)> = Vec::new();
        let mut recipients: Vec<(usize, Recipient)> = Vec::new();
        let mut no_location = 0usize;
        let mut no_kind = 0usize;
        let mut no_certs = 0usize;
        let mut no_inferred: Vec<String> = Vec::new();
        for (n, s) in systems.iter().enumerate() {
            let sys = &s.item;
            let id = id_of[sys.fides_key.as_str()].clone();
            if let Some(meta) = metas[n].take() {
                if let Some(store) = meta.store {
                    stores.push((meta.index, store));
                } else if let Some(recipient) = meta.recipient {
                    recipients.push((meta.index, recipient));
                }
                meta_flows.extend(meta.flows.into_iter().map(|f| (f.index, f.flow)));
                described.insert(sys.fides_key.clone());
                continue;
            }
            if id != sys.fides_key {
                self.notes
                    .add(&id, "id", format!("Fides key `{}`", sys.fides_key));
            }
            let name = sys.name.clone().unwrap_or_else(|| sys.fides_key.clone());
            let is_store = store_keys.contains(sys.fides_key.as_str());
            let location_note =
                "placeholder: Fides does not say where a system is: set `located` (e.g. [\"US\"])";
            self.notes.add(&id, "located", location_note);
            no_location += 1;
            let index = 1_000_000 + n;
            if let Some(into) = inferred.get(sys.fides_key.as_str()) {
                self.notes.add(
                    &id,
                    "operator",
                    format!(
                        "inferred: a store, since it sends data into the store `{}` (Fides does not say): check `operator`",
                        to_id(into)
                    ),
                );
                no_inferred.push(format!("`{id}` (into `{}`)", to_id(into)));
            }
            if is_store {
                let operator = if sys.joint_controller_info.is_some() {
                    Operator::JointController
                } else if sys.responsibility.iter().any(|r| r == "Controller") {
                    Operator::Controller
                } else if sys.responsibility.iter().any(|r| r.contains("Processor")) {
                    Operator::Processor
                } else {
                    Operator::Controller
                };
                let mut retention = Unique::default();
                retention.extend(
                    sys.privacy_declarations
                        .iter()
                        .filter_map(|d| d.retention_period.as_ref()),
                );
                let retention = retention.list;
                if operator != Operator::Controller {
                    self.notes.add(
                        &id,
                        "certifications",
                        "placeholder: Fides does not list certifications: add any (\"DPF\", ...)",
                    );
                    no_certs += 1;
                }
                stores.push((
                    index,
                    Store {
                        id: id.into(),
                        name: name.into(),
                        located: vec![UNKNOWN_LOCATION.into()],
                        operator,
                        entity: sys.legal_name.clone(),
                        certifications: Vec::new(),
                        retention: (!retention.is_empty()).then(|| retention.join("; ")),
                        safeguards: sys
                            .data_security_practices
                            .iter()
                            .filter(|s| !s.trim().is_empty())
                            .cloned()
                            .collect(),
                    },
                ));
            } else {
                self.notes.add(
                    &id,
                    "kind",
                    "placeholder: Fides does not say what kind of recipient this is: check `kind`",
                );
                self.notes.add(
                    &id,
                    "certifications",
                    "placeholder: Fides does not list certifications: add any (\"DPF\", ...)",
                );
                no_kind += 1;
                no_certs += 1;
                recipients.push((
                    index,
                    Recipient {
                        id: id.into(),
                        name: name.into(),
                        kind: RecipientKind::ServiceProvider,
                        located: vec![UNKNOWN_LOCATION.into()],
                        entity: sys.legal_name.clone(),
                        certifications: Vec::new(),
                    },
                ));
            }
        }
        stores.sort_by_key(|(i, _)| *i);
        recipients.sort_by_key(|(i, _)| *i);
        inv.stores = stores.into_iter().map(|(_, s)| s).collect();
        inv.recipients = recipients.into_iter().map(|(_, r)| r).collect();

        // The user source.
        let mut new_flows: Vec<Flow> = Vec::new();
        let mut no_purpose = 0usize;
        let mut no_data = 0usize;
        // (receiver, sender) → the receiver's declarations naming the sender in `ingress`.
        let mut naming: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for s in &systems {
            for (d, decl) in s.item.privacy_declarations.iter().enumerate() {
                for from in decl.ingress.iter().flatten() {
                    let list = naming
                        .entry((s.item.fides_key.as_str(), from.as_str()))
                        .or_default();
                    if list.last() != Some(&d) {
                        list.push(d);
                    }
                }
            }
        }
        let mut whole: HashMap<&str, Summary> = HashMap::new();
        for ((from, to), data) in edges {
            if described.contains(&from) && described.contains(&to) {
                continue; // the flow is in the meta of its end
            }
            if from == "user" && described.contains(&to) {
                continue;
            }
            let receiver = by_key[to.as_str()];
            // The receiver's declarations that name the sender in their ingress, else
            // all of them; each set summarised once (linear in the manifests).
            let named = naming.get(&(to.as_str(), from.as_str()));
            let named_summary;
            let summary = match named {
                Some(list) => {
                    named_summary =
                        Summary::of(list.iter().map(|&d| &receiver.privacy_declarations[d]));
                    &named_summary
                }
                None => whole
                    .entry(receiver.fides_key.as_str())
                    .or_insert_with(|| Summary::of(receiver.privacy_declarations.iter())),
            };
            let mut data_keys = data.list;
            if data_keys.is_empty() {
                data_keys = summary.categories.clone();
            }
            let basis = summary.basis;
            let uses = summary.uses.clone();
            // Else what the sender declares; else Fides' root category, marked: a flow
            // carries some data (FM006).
            if data_keys.is_empty()
                && let Some(sender) = by_key.get(from.as_str())
            {
                data_keys = whole
                    .entry(sender.fides_key.as_str())
                    .or_insert_with(|| Summary::of(sender.privacy_declarations.iter()))
                    .categories
                    .clone();
            }
            if data_keys.is_empty() {
                data_keys.push("user".to_string());
                self.notes.add(
                    &format!("flow#{}", meta_flows.len() + new_flows.len()),
                    "data",
                    "placeholder: Fides says neither end's data categories: set `data`",
                );
                no_data += 1;
            }
            let mut data = Unique::default();
            for k in &data_keys {
                data.push(self.category(k, &cat_text));
            }
            let data = data.list;
            let mut purposes = Unique::default();
            for u in &uses {
                purposes.push(self.purpose(u, &use_text));
            }
            let purposes = purposes.list;
            if purposes.is_empty() {
                no_purpose += 1;
            }
            // A transfer basis is the sender's, for what it hands to a third party or a
            // processor: not for the controller's own systems.
            let to_third = receiver.responsibility.iter().all(|r| r != "Controller")
                && !holders.contains(to.as_str());
            let sender = by_key.get(from.as_str()).filter(|_| to_third);
            let mechanism = sender.and_then(|s| {
                s.legal_basis_for_transfers
                    .iter()
                    .find_map(|m| mechanism_from_fides(m))
            });
            let from_id = if from == "user" {
                "user".to_string()
            } else {
                to_id(&from)
            };
            new_flows.push(Flow {
                id: None,
                from: from_id.into(),
                to: to_id(&to).into(),
                data: data.into_iter().map(Name::from).collect(),
                purposes: purposes.into_iter().map(Name::from).collect(),
                basis,
                mechanism,
                policy: Vec::new(),
            });
        }
        meta_flows.sort_by_key(|(i, _)| *i);
        inv.flows = meta_flows.into_iter().map(|(_, f)| f).collect();
        let first_new = inv.flows.len();
        inv.flows.extend(new_flows);

        let user_edges = inv.flows[first_new..].iter().any(|f| f.from == "user");
        let by_id: HashMap<&str, &System> = systems
            .iter()
            .map(|s| (id_of[s.item.fides_key.as_str()].as_str(), &s.item))
            .collect();
        if user_edges && !inv.sources.iter().any(|s| s.id == "user") {
            let mut subjects = Unique::default();
            let mut collects = Unique::default();
            let mut receivers = std::collections::HashSet::new();
            for f in inv.flows.iter().filter(|f| f.from == "user") {
                collects.extend(&f.data);
                if receivers.insert(f.to.as_str())
                    && let Some(sys) = by_id.get(f.to.as_str())
                {
                    for d in &sys.privacy_declarations {
                        subjects.extend(&d.data_subjects);
                    }
                }
            }
            let (subjects, collects) = (subjects.list, collects.list);
            self.notes
                .add("user", "id", "Fides: an ingress of `type: user`");
            self.notes.add(
                "user",
                "located",
                "placeholder: Fides does not say where users are: set `located`",
            );
            self.notes.add(
                "user",
                "minors",
                "placeholder: Fides does not say whether users may be children: check `minors`",
            );
            inv.sources.push(Source {
                id: "user".into(),
                name: "User".into(),
                subjects: subjects.into_iter().map(Name::from).collect(),
                located: vec![UNKNOWN_LOCATION.into()],
                channel: Default::default(),
                collects: collects.into_iter().map(Name::from).collect(),
                minors: false,
            });
        }

        for i in first_new..inv.flows.len() {
            self.notes.add(&format!("flow#{i}"), "policy", "placeholder: Fides has no privacy policy sections: cite the sections that disclose this flow");
        }

        let counts = Counts {
            location: no_location,
            inferred: no_inferred,
            kind: no_kind,
            certs: no_certs,
            data: no_data,
            purpose: no_purpose,
        };
        Ok(self.finish(inv, counts, org_meta.is_some(), first_new))
    }
}

/// How many of each placeholder or inference the mapping wrote.
pub(super) struct Counts {
    pub location: usize,
    /// The systems written as stores because they send into one: `` `id` (into `store`) ``.
    pub inferred: Vec<String>,
    pub kind: usize,
    pub certs: usize,
    pub data: usize,
    pub purpose: usize,
}
