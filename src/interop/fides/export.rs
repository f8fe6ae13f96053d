//! `flowmap export --format fides`: the inventory as Fides manifests.
//!
//! Stores and recipients become systems (stores with a dataset and a `responsibility`),
//! each flow an egress on its sender and an ingress on its receiver (`type: user` from a
//! source), the purposes of the flows into a system its privacy declarations, and
//! `does_international_transfers` / `legal_basis_for_transfers` come from the transfer
//! analysis on the graph's date. Every flowmap fact is also kept in `meta.flowmap`, so
//! that `import fides` of the export gives back the same inventory.

use std::collections::HashMap;
use std::path::Path;

use super::model::{
    ContactDetails, DataFlow, Dataset, Manifest, Meta, Organization, PrivacyDeclaration, System,
    TaxonomyTerm,
};
use super::taxonomy::{category_to_fides, purpose_to_fides, table};
use super::{FlowmapMeta, Header, IndexedFlow, OrganizationMeta, Unique};
use crate::FlowGraph;
use crate::model::{Basis, Mechanism, Operator};

/// The file names and YAML texts of the export.
pub fn export(graph: &FlowGraph) -> Result<Vec<(&'static str, String)>, String> {
    let inv = graph.inventory();
    let analysis = crate::check::transfer::analyse(graph, graph.as_of());
    let taxonomy = &graph.loaded().taxonomy;
    let sources: HashMap<&str, usize> = inv
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let system_ids: std::collections::HashSet<&str> = inv
        .stores
        .iter()
        .map(|s| s.id.as_str())
        .chain(inv.recipients.iter().map(|r| r.id.as_str()))
        .collect();
    let is_system = |id: &str| system_ids.contains(id);
    let mut incoming: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut outgoing: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut orphans = Vec::new();
    for (i, f) in inv.flows.iter().enumerate() {
        if is_system(&f.to) {
            incoming.entry(f.to.as_str()).or_default().push(i);
        } else {
            orphans.push(IndexedFlow {
                index: i,
                flow: f.clone(),
            });
        }
        outgoing.entry(f.from.as_str()).or_default().push(i);
    }
    let cats = |data: &[crate::model::Name]| -> Vec<String> {
        let mut out = Unique::default();
        for d in data {
            out.push(category_to_fides(d));
        }
        out.list
    };

    let mut systems = Vec::new();
    let mut datasets = Vec::new();
    let nodes = inv
        .stores
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.id.as_str(), s.name.as_str(), true))
        .chain(
            inv.recipients
                .iter()
                .enumerate()
                .map(|(i, r)| (i, r.id.as_str(), r.name.as_str(), false)),
        );
    // Fides keys are unique: a repeated id (FM002) gets a suffix no id can have; the
    // node's own id is in its meta.
    let mut used: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (index, id, name, is_store) in nodes {
        let key = if used.insert(id) {
            id.to_string()
        } else {
            format!("{id}<{}>", index + 1)
        };
        let ins = incoming.get(id).map(Vec::as_slice).unwrap_or(&[]);
        let outs = outgoing.get(id).map(Vec::as_slice).unwrap_or(&[]);
        // Egress: one data flow per receiver, the union of what the flows carry.
        let mut egress = Flows::default();
        for &i in outs {
            let f = &inv.flows[i];
            let kind = if sources.contains_key(f.to.as_str()) {
                "user"
            } else {
                "system"
            };
            let key = if kind == "user" {
                "user".to_string()
            } else {
                f.to.to_string()
            };
            egress.merge(key, kind, cats(&f.data));
        }
        let mut ingress = Flows::default();
        let mut subjects = Unique::default();
        let mut sources_in = std::collections::HashSet::new();
        for &i in ins {
            let f = &inv.flows[i];
            match sources.get(f.from.as_str()) {
                Some(&s) => {
                    ingress.merge("user".to_string(), "user", cats(&f.data));
                    if sources_in.insert(s) {
                        for subject in &inv.sources[s].subjects {
                            subjects.push(subject.to_string());
                        }
                    }
                }
                None => ingress.merge(f.from.to_string(), "system", cats(&f.data)),
            }
        }
        // One privacy declaration per purpose of the flows in.
        let subjects = subjects.list;
        let mut declarations: Vec<PrivacyDeclaration> = Vec::new();
        let mut declaration_at: HashMap<&str, usize> = HashMap::new();
        let mut declared: Vec<Unique> = Vec::new();
        let retention = if is_store {
            inv.stores[index].retention.clone()
        } else {
            None
        };
        for &i in ins {
            let f = &inv.flows[i];
            let flow_cats = cats(&f.data);
            for p in &f.purposes {
                let at = match declaration_at.get(p.as_str()) {
                    Some(&at) => at,
                    None => {
                        let use_key = purpose_to_fides(p);
                        declaration_at.insert(p.as_str(), declarations.len());
                        declared.push(Unique::default());
                        declarations.push(PrivacyDeclaration {
                            name: Some(p.to_string()),
                            data_use: use_key,
                            data_subjects: subjects.clone(),
                            retention_period: retention.clone(),
                            dataset_references: is_store.then(|| vec![key.clone()]),
                            ..Default::default()
                        });
                        declarations.len() - 1
                    }
                };
                let d = &mut declarations[at];
                for c in &flow_cats {
                    declared[at].push(c.clone());
                }
                if d.legal_basis_for_processing.is_none() {
                    d.legal_basis_for_processing = f.basis.map(|b| basis_to_fides(b).to_string());
                }
            }
        }
        for (d, cats) in declarations.iter_mut().zip(declared) {
            d.data_categories = cats.list;
        }
        // Transfers this system makes, from the analysis on the graph's date.
        let mut transfers = false;
        let mut bases: Vec<String> = Vec::new();
        for &i in outs {
            for t in &analysis.flows[i].transfers {
                transfers = true;
                if t.restricted()
                    && let Some(m) = t.mechanism
                {
                    let b = mechanism_to_fides(m).to_string();
                    if !bases.contains(&b) {
                        bases.push(b);
                    }
                }
            }
        }
        // A repeated id's flows are kept once, with its first node.
        let ins_meta = if key == id { ins } else { &[] };
        let flows: Vec<IndexedFlow> = ins_meta
            .iter()
            .map(|&i| IndexedFlow {
                index: i,
                flow: inv.flows[i].clone(),
            })
            .collect();
        let mut meta = FlowmapMeta {
            index,
            flows,
            ..Default::default()
        };
        let mut system = System {
            fides_key: key.clone(),
            name: Some(name.to_string()),
            egress: egress.into_list(),
            ingress: ingress.into_list(),
            privacy_declarations: declarations,
            does_international_transfers: transfers,
            legal_basis_for_transfers: bases,
            ..Default::default()
        };
        if is_store {
            let store = &inv.stores[index];
            system.system_type = "Service".to_string();
            system.dataset_references = vec![key.clone()];
            system.responsibility = vec![
                match store.operator {
                    Operator::Processor => "Processor",
                    Operator::Controller | Operator::JointController => "Controller",
                }
                .to_string(),
            ];
            if store.operator == Operator::JointController {
                system.joint_controller_info = Some("a joint controller (flowmap)".to_string());
            }
            if !store.safeguards.is_empty() {
                system.data_security_practices = Some(store.safeguards.join("; "));
            }
            system.legal_name = store.entity.clone();
            let mut unique = Unique::default();
            for &i in ins {
                for c in cats(&inv.flows[i].data) {
                    unique.push(c);
                }
            }
            let data = unique.list;
            datasets.push(Dataset {
                fides_key: key.clone(),
                name: Some(name.to_string()),
                description: Some(format!("The data kept in {name} (flowmap store `{id}`).")),
                data_categories: (!data.is_empty()).then_some(data),
                ..Default::default()
            });
            meta.store = Some(store.clone());
        } else {
            let recipient = &inv.recipients[index];
            system.system_type = "Third Party".to_string();
            system.legal_name = recipient.entity.clone();
            meta.recipient = Some(recipient.clone());
        }
        system.meta = Some(Meta {
            flowmap: Some(meta),
        });
        systems.push(system);
    }

    let org_meta = OrganizationMeta {
        inventory: Header {
            name: inv.name.clone(),
            controller: inv.controller.clone(),
            established: inv.established.clone(),
            representatives: inv.representatives.clone(),
            policy: inv.policy.clone(),
            taxonomy: inv.taxonomy.clone(),
            as_of: inv.as_of,
        },
        sources: inv.sources.clone(),
        flows: orphans,
    };
    let organization = Organization {
        fides_key: "default_organization".to_string(),
        name: Some(inv.name.clone()),
        description: None,
        controller: inv.controller.clone().map(|name| ContactDetails {
            name,
            ..Default::default()
        }),
        meta: Some(Meta {
            flowmap: Some(org_meta),
        }),
    };

    // Taxonomy extensions: the inventory taxonomy's terms with no Fideslang counterpart.
    let t = table();
    let ext = |name: &str, key: String, description: &str| TaxonomyTerm {
        parent_key: key.rfind('.').map(|i| key[..i].to_string()),
        fides_key: key,
        name: Some(name.to_string()),
        description: Some(description.to_string()),
    };
    let mut data_category: Vec<TaxonomyTerm> = Vec::new();
    let mut parents_needed: Vec<String> = Vec::new();
    for term in &taxonomy.categories {
        if !t.categories.to_fides.contains_key(&term.name) {
            let key = category_to_fides(&term.name);
            data_category.push(ext(&term.name, key, &term.description));
        }
    }
    for c in &data_category {
        if let Some(p) = &c.parent_key
            && p == "user"
            && !parents_needed.contains(p)
        {
            parents_needed.push(p.clone());
        }
    }
    let mut data_use: Vec<TaxonomyTerm> = Vec::new();
    for term in &taxonomy.purposes {
        if !t.purposes.to_fides.contains_key(&term.name) {
            data_use.push(ext(
                &term.name,
                purpose_to_fides(&term.name),
                &term.description,
            ));
        }
    }

    let yaml = |m: &Manifest| {
        crate::interop::yaml::to_string(m).map_err(|e| format!("could not write YAML: {e}"))
    };
    let with_header = |text: String| format!("{HEADER}{text}");
    Ok(vec![
        (
            "systems.yml",
            with_header(yaml(&Manifest {
                system: systems,
                ..Default::default()
            })?),
        ),
        (
            "datasets.yml",
            with_header(yaml(&Manifest {
                dataset: datasets,
                ..Default::default()
            })?),
        ),
        (
            "organization.yml",
            with_header(yaml(&Manifest {
                organization: vec![organization],
                ..Default::default()
            })?),
        ),
        (
            "taxonomy.yml",
            with_header(yaml(&Manifest {
                data_category,
                data_use,
                ..Default::default()
            })?),
        ),
    ])
}

/// A system's egress or ingress: one data flow per other end, found by key.
#[derive(Default)]
struct Flows {
    list: Vec<DataFlow>,
    at: HashMap<String, usize>,
    /// The categories already in each data flow.
    seen: Vec<std::collections::HashSet<String>>,
}

impl Flows {
    /// Adds `data` to the data flow with `key`, made on first use.
    fn merge(&mut self, key: String, kind: &str, data: Vec<String>) {
        let at = *self.at.entry(key.clone()).or_insert_with(|| {
            self.list.push(DataFlow {
                fides_key: key,
                kind: kind.to_string(),
                data_categories: Some(Vec::new()),
            });
            self.seen.push(Default::default());
            self.list.len() - 1
        });
        let existing = self.list[at].data_categories.get_or_insert_with(Vec::new);
        for c in data {
            if self.seen[at].insert(c.clone()) {
                existing.push(c);
            }
        }
    }

    fn into_list(self) -> Option<Vec<DataFlow>> {
        (!self.list.is_empty()).then_some(self.list)
    }
}

/// fideslang's `LegalBasisForProcessingEnum` values.
pub fn basis_to_fides(b: Basis) -> &'static str {
    match b {
        Basis::Consent => "Consent",
        Basis::Contract => "Contract",
        Basis::LegalObligation => "Legal obligations",
        Basis::VitalInterests => "Vital interests",
        Basis::PublicTask => "Public interest",
        Basis::LegitimateInterests => "Legitimate interests",
    }
}

/// fideslang's `LegalBasisForTransfersEnum` values.
pub fn mechanism_to_fides(m: Mechanism) -> &'static str {
    match m {
        Mechanism::Adequacy => "Adequacy Decision",
        Mechanism::Scc
        | Mechanism::Scc2010
        | Mechanism::Scc2021
        | Mechanism::UkAddendum
        | Mechanism::Idta => "SCCs",
        Mechanism::Bcr => "BCRs",
        _ => "Other",
    }
}

/// The header every exported manifest starts with.
pub const HEADER: &str = "# Written by `flowmap export --format fides` (fideslang 3.x). `meta.flowmap` keeps\n# what Fides cannot say, so `flowmap import fides` gives the inventory back.\n";

/// Writes the export's files as the folder `dir`, as a whole
/// ([`crate::export::write_dir_atomic`]). A folder that holds anything but an earlier
/// export's files (another file, a manifest flowmap did not write) is refused: the
/// folder is replaced as a whole, and those would be lost.
pub fn write_dir(dir: &Path, files: &[(&'static str, String)]) -> std::io::Result<()> {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let ours = files.iter().any(|(n, _)| name == *n)
                && entry.file_type().is_ok_and(|t| t.is_file())
                && std::fs::read(entry.path()).is_ok_and(|b| b.starts_with(HEADER.as_bytes()));
            if !ours {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "{} holds {}, which an earlier `export --format fides` did not write: \
                         the folder is replaced as a whole, so name a new or empty folder",
                        dir.display(),
                        entry.path().display()
                    ),
                ));
            }
        }
    }
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    crate::export::write_dir_atomic(dir, &files)
}
