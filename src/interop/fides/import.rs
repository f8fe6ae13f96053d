//! `flowmap import fides DIR`: Fides manifests to a flowmap inventory.
//!
//! Systems become stores (holding a dataset, or with a `responsibility`) or recipients;
//! an ingress of `type: user` becomes the source `user`; egress and ingress become flows,
//! one per pair of ends however many times it is declared. What Fides cannot say is
//! written as a placeholder with a comment and listed in [`Imported::checklist`]. A
//! system or organization carrying `meta.flowmap` (written by `export --format fides`)
//! gives back the flowmap facts kept there.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::model::{
    DataFlow, Dataset, Manifest, Organization, PrivacyDeclaration, System, TaxonomyTerm,
};
use super::ron_out::{self, Notes};
use super::taxonomy::{category_from_fides, purpose_from_fides, table};
use super::{FlowmapMeta, OrganizationMeta, Unique};
use crate::interop::yaml::{self, YamlError};
use crate::model::{
    Basis, Flow, Inventory, Mechanism, Operator, Recipient, RecipientKind, Source, Store, Term,
};

/// The placeholder for a location Fides cannot give: not a jurisdiction code, so
/// `flowmap check` reports each one (FM005) at its line.
pub const UNKNOWN_LOCATION: &str = "??";

/// What an import produced.
#[derive(Debug, Clone)]
pub struct Imported {
    pub inventory: Inventory,
    /// The inventory as RON, placeholders commented.
    pub ron: String,
    /// A generated `taxonomy.ron` when categories or uses have no flowmap counterpart.
    pub taxonomy: Option<String>,
    /// What to fill in by hand, one line each.
    pub checklist: Vec<String>,
    /// The manifest files read.
    pub manifests: Vec<PathBuf>,
}

/// One resource and the file it came from.
struct From<T> {
    file: PathBuf,
    text_index: usize,
    item: T,
}

struct Files {
    texts: Vec<String>,
}

impl Files {
    /// The 1-based line and column of `fides_key: KEY` in file `index`, if found.
    fn position_of(&self, index: usize, key: &str) -> Option<(usize, usize)> {
        let text = &self.texts[index];
        for (n, line) in text.lines().enumerate() {
            if let Some(i) = line.find("fides_key:") {
                let value = line[i + "fides_key:".len()..]
                    .trim()
                    .trim_matches(['"', '\'']);
                if value == key {
                    return Some((n + 1, i + 1));
                }
            }
        }
        None
    }
}

/// Every `*.yml`/`*.yaml` under `dir`, sorted; symbolic links to folders are not followed.
fn manifest_paths(dir: &Path) -> Result<Vec<PathBuf>, YamlError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| YamlError::new(&d, None, format!("could not read the folder: {e}")))?;
        for entry in entries {
            let entry = entry
                .map_err(|e| YamlError::new(&d, None, format!("could not read the folder: {e}")))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| YamlError::new(&path, None, format!("could not read: {e}")))?;
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A flowmap id for a Fides key: lower case, anything else but `.`, `_`, `-` made `-`,
/// leading punctuation dropped.
pub fn to_id(key: &str) -> String {
    let mapped: String = key
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = mapped
        .trim_start_matches(['.', '_', '-'])
        .trim_end_matches('-');
    if trimmed.is_empty() {
        "system".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The name of the taxonomy an import to `out` generates beside it: `out`'s name with
/// `.ron` dropped and `.taxonomy.ron` added (`inventory.ron` → `inventory.taxonomy.ron`),
/// so it is never `out` itself, whatever `out` is called.
pub fn taxonomy_name_for(out: &Path) -> String {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "inventory.ron".into());
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    format!("{stem}.taxonomy.ron")
}

/// Reads every manifest under `dir` and maps it, for an inventory to be written as
/// `out` (which names the generated taxonomy, [`taxonomy_name_for`]).
pub fn import_dir(dir: &Path, out: &Path) -> Result<Imported, YamlError> {
    if !dir.is_dir() {
        return Err(YamlError::new(
            dir,
            None,
            "not a folder: give the folder that holds the Fides manifests",
        ));
    }
    let paths = manifest_paths(dir)?;
    if paths.is_empty() {
        return Err(YamlError::new(dir, None, "holds no *.yml or *.yaml file"));
    }
    let mut files = Files { texts: Vec::new() };
    let mut systems: Vec<From<System>> = Vec::new();
    let mut datasets: Vec<From<Dataset>> = Vec::new();
    let mut organizations: Vec<From<Organization>> = Vec::new();
    let mut categories: Vec<From<TaxonomyTerm>> = Vec::new();
    let mut uses: Vec<From<TaxonomyTerm>> = Vec::new();
    let mut subjects: Vec<From<TaxonomyTerm>> = Vec::new();
    // The size limit holds for the manifests together, not only for each one.
    let limit = crate::load::max_file_bytes().map_err(|e| YamlError::new(dir, None, e))?;
    let mut total: u64 = 0;
    for path in &paths {
        let text = yaml::read_text(path)?;
        total = total.saturating_add(text.len() as u64);
        if total > limit {
            return Err(YamlError::new(
                path,
                None,
                format!(
                    "the manifests under {} come to more than the limit of {limit} bytes together \
                     (set FLOWMAP_MAX_FILE_BYTES to raise it)",
                    dir.display()
                ),
            ));
        }
        // An empty file (or one holding only comments) declares nothing.
        let manifest: Manifest = if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---")
        {
            Manifest::default()
        } else {
            yaml::parse(path, &text)?
        };
        check_term_keys(path, &text, &manifest)?;
        let index = files.texts.len();
        files.texts.push(text);
        fn wrap<T>(list: Vec<T>, file: &Path, text_index: usize) -> impl Iterator<Item = From<T>> {
            list.into_iter().map(move |item| From {
                file: file.to_path_buf(),
                text_index,
                item,
            })
        }
        systems.extend(wrap(manifest.system, path, index));
        datasets.extend(wrap(manifest.dataset, path, index));
        organizations.extend(wrap(manifest.organization, path, index));
        categories.extend(wrap(manifest.data_category, path, index));
        uses.extend(wrap(manifest.data_use, path, index));
        subjects.extend(wrap(manifest.data_subject, path, index));
    }
    // A system exported by flowmap (with `meta.flowmap`) keeps its id there: its key
    // need only be unique; any other system's key becomes its id.
    check_keys(
        &files,
        "system",
        systems.iter().map(|s| {
            let id = if flowmap_meta(&s.item.meta).is_some() {
                s.item.fides_key.clone()
            } else {
                to_id(&s.item.fides_key)
            };
            (&s.file, s.text_index, s.item.fides_key.as_str(), id)
        }),
    )?;
    // The other resources keep their keys as they are.
    check_keys(
        &files,
        "dataset",
        datasets
            .iter()
            .map(|s| keyed(&s.file, s.text_index, &s.item.fides_key)),
    )?;
    for (what, list) in [("data_category", &categories), ("data_use", &uses)] {
        check_keys(
            &files,
            what,
            list.iter()
                .map(|s| keyed(&s.file, s.text_index, &s.item.fides_key)),
        )?;
    }
    check_keys(
        &files,
        "organization",
        organizations
            .iter()
            .map(|s| keyed(&s.file, s.text_index, &s.item.fides_key)),
    )?;
    // Data subjects are free text in flowmap: declarations' keys are used as written, so
    // the `data_subject` resources are read (and checked as YAML) but not needed.
    drop(subjects);
    let mapper = Mapper {
        taxonomy_name: taxonomy_name_for(out),
        ..Mapper::default()
    };
    let mut imported = mapper.map(systems, datasets, organizations, categories, uses)?;
    imported.manifests = paths;
    Ok(imported)
}

/// The longest data category or data use key imported, in characters, and the most
/// levels (`a.b.c` has three). fideslang's own keys have at most five levels; the bound
/// keeps the generated taxonomy (which lists every level) linear in the manifests.
pub const MAX_TERM_KEY_CHARS: usize = 200;
pub const MAX_TERM_KEY_LEVELS: usize = 16;

/// Refuses a data category or data use key over [`MAX_TERM_KEY_CHARS`] or
/// [`MAX_TERM_KEY_LEVELS`], at its first place in the file.
fn check_term_keys(path: &Path, text: &str, manifest: &Manifest) -> Result<(), YamlError> {
    let declared = manifest.system.iter().flat_map(|s| {
        s.privacy_declarations
            .iter()
            .flat_map(|d| d.data_categories.iter().chain(std::iter::once(&d.data_use)))
            .chain(
                s.egress
                    .iter()
                    .chain(s.ingress.iter())
                    .flatten()
                    .flat_map(|f| f.data_categories.iter().flatten()),
            )
    });
    let terms = manifest
        .data_category
        .iter()
        .chain(&manifest.data_use)
        .map(|t| &t.fides_key);
    for key in declared.chain(terms) {
        let chars = key.chars().count();
        let levels = key.split('.').count();
        if chars > MAX_TERM_KEY_CHARS || levels > MAX_TERM_KEY_LEVELS {
            let position = text.find(key.as_str()).map(|at| {
                let before = &text[..at];
                let line = before.matches('\n').count() + 1;
                let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                    .chars()
                    .count()
                    + 1;
                (line, column)
            });
            return Err(YamlError::new(
                path,
                position,
                format!(
                    "a data category or use key of {chars} characters and {levels} levels: flowmap takes at most \
                     {MAX_TERM_KEY_CHARS} characters and {MAX_TERM_KEY_LEVELS} levels; shorten it"
                ),
            ));
        }
    }
    Ok(())
}

/// Every resource has a key; no key is declared twice; no two keys become the same
/// flowmap id (the fourth item). The error names both files.
/// A resource's place and key, its id being the key as written.
fn keyed<'a>(
    file: &'a PathBuf,
    index: usize,
    key: &'a str,
) -> (&'a PathBuf, usize, &'a str, String) {
    (file, index, key, key.to_string())
}

fn check_keys<'a>(
    files: &Files,
    what: &str,
    items: impl Iterator<Item = (&'a PathBuf, usize, &'a str, String)>,
) -> Result<(), YamlError> {
    let mut seen: HashMap<String, (&PathBuf, &str)> = HashMap::new();
    for (file, index, key, id) in items {
        if key.is_empty() {
            return Err(YamlError::new(
                file,
                None,
                format!("a {what} has no `fides_key`"),
            ));
        }
        if what == "system" && id == "user" {
            return Err(YamlError::new(
                file,
                files.position_of(index, key),
                format!(
                    "the {what} `{key}` would become the id `user`, which the user source takes: rename it"
                ),
            ));
        }
        if let Some((other_file, other_key)) = seen.get(&id) {
            let message = if *other_key == key {
                format!(
                    "the {what} `{key}` is declared twice: in {} and in {}",
                    other_file.display(),
                    file.display()
                )
            } else {
                format!(
                    "the {what} keys `{other_key}` (in {}) and `{key}` (in {}) both become the flowmap id `{id}`: rename one",
                    other_file.display(),
                    file.display()
                )
            };
            return Err(YamlError::new(file, files.position_of(index, key), message));
        }
        seen.insert(id, (file, key));
    }
    Ok(())
}

#[derive(Default)]
struct Mapper {
    notes: Notes,
    /// Category and purpose names used that the built-in taxonomy lacks, with a description.
    new_categories: BTreeMap<String, String>,
    new_purposes: BTreeMap<String, String>,
    checklist: Vec<String>,
    /// The generated taxonomy's file name, beside the inventory.
    taxonomy_name: String,
}

fn basis_from_fides(text: &str) -> Option<Basis> {
    match text.trim().to_ascii_lowercase().as_str() {
        "consent" => Some(Basis::Consent),
        "contract" => Some(Basis::Contract),
        "legal obligation" | "legal obligations" => Some(Basis::LegalObligation),
        "vital interest" | "vital interests" => Some(Basis::VitalInterests),
        "public interest" | "public task" => Some(Basis::PublicTask),
        "legitimate interest" | "legitimate interests" => Some(Basis::LegitimateInterests),
        _ => None,
    }
}

fn mechanism_from_fides(text: &str) -> Option<Mechanism> {
    match text.trim().to_ascii_lowercase().as_str() {
        "adequacy decision" | "adequacy" => Some(Mechanism::Adequacy),
        "sccs" | "scc" | "standard contractual clauses" => Some(Mechanism::Scc),
        "bcrs" | "bcr" | "binding corporate rules" => Some(Mechanism::Bcr),
        _ => None,
    }
}

/// What a set of privacy declarations says together: categories and uses (each once),
/// and the first legal basis flowmap knows.
struct Summary {
    categories: Vec<String>,
    uses: Vec<String>,
    basis: Option<Basis>,
}

impl Summary {
    fn of<'a>(declarations: impl Iterator<Item = &'a PrivacyDeclaration>) -> Summary {
        let (mut categories, mut uses, mut basis) = (Unique::default(), Unique::default(), None);
        for d in declarations {
            categories.extend(&d.data_categories);
            if !d.data_use.is_empty() {
                uses.push(d.data_use.clone());
            }
            if basis.is_none() {
                basis = d
                    .legal_basis_for_processing
                    .as_deref()
                    .and_then(basis_from_fides);
            }
        }
        Summary {
            categories: categories.list,
            uses: uses.list,
            basis,
        }
    }
}

fn flowmap_meta<T>(meta: &Option<super::model::Meta<T>>) -> Option<&T> {
    meta.as_ref().and_then(|m| m.flowmap.as_ref())
}

impl Mapper {
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

    fn map(
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
        let mut no_inferred = 0usize;
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
                no_inferred += 1;
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
                        id,
                        name,
                        located: vec![UNKNOWN_LOCATION.to_string()],
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
                        id,
                        name,
                        kind: RecipientKind::ServiceProvider,
                        located: vec![UNKNOWN_LOCATION.to_string()],
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
                from: from_id,
                to: to_id(&to),
                data,
                purposes,
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
                id: "user".to_string(),
                name: "User".to_string(),
                subjects,
                located: vec![UNKNOWN_LOCATION.to_string()],
                collects,
                minors: false,
            });
        }

        for i in first_new..inv.flows.len() {
            self.notes.add(&format!("flow#{i}"), "policy", "placeholder: Fides has no privacy policy sections: cite the sections that disclose this flow");
        }

        // Checklist.
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let mut checklist = Vec::new();
        if no_location > 0 {
            checklist.push(format!(
                "{} no location: set `located`",
                plural(no_location, "system has", "systems have")
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
        if no_inferred > 0 {
            checklist.push(format!(
                "{} no dataset but {} data into a store, so {} written as a store (a recipient cannot send into a store): check `operator`",
                plural(no_inferred, "system holds", "systems hold"),
                if no_inferred == 1 { "sends" } else { "send" },
                if no_inferred == 1 { "it is" } else { "they are" },
            ));
        }
        if no_kind > 0 {
            checklist.push(format!(
                "{} no kind (ServiceProvider is written): check `kind`",
                plural(no_kind, "recipient has", "recipients have")
            ));
        }
        if no_certs > 0 {
            checklist.push(format!(
                "{} no certifications listed: add any (\"DPF\", ...) to `certifications`",
                plural(
                    no_certs,
                    "processor or recipient has",
                    "processors and recipients have"
                )
            ));
        }
        if org_meta.is_none() {
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
        if no_data > 0 {
            checklist.push(format!(
                "{} no data category on either end (`user` is written): set `data`",
                plural(no_data, "flow has", "flows have")
            ));
        }
        if no_purpose > 0 {
            checklist.push(format!(
                "{} no purpose (the receiving system has no privacy declaration): set `purposes`",
                plural(no_purpose, "flow has", "flows have")
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
        Ok(Imported {
            inventory: inv,
            ron,
            taxonomy: taxonomy_text,
            checklist,
            manifests: Vec::new(),
        })
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
            terms.push(Term { name, description });
        }
    }
}

/// Writes the import: `out`, then the generated taxonomy beside it
/// ([`taxonomy_name_for`]), each atomically. An existing file that differs from what
/// this import writes (an inventory edited since, or any other file) is replaced only
/// with `force`; nothing is written when either is refused.
pub fn write(imported: &Imported, out: &Path, force: bool) -> std::io::Result<()> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let taxonomy = imported
        .taxonomy
        .as_ref()
        .map(|text| (dir.join(taxonomy_name_for(out)), text));
    let mut writes = vec![(out.to_path_buf(), &imported.ron)];
    writes.extend(taxonomy);
    for (path, text) in &writes {
        let Ok(meta) = std::fs::metadata(path) else {
            continue; // nothing there yet (a dangling link is refused by the writer)
        };
        let refuse = |why: String| Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, why));
        if !meta.is_file() {
            return refuse(format!(
                "{} is not a regular file (a folder, device or FIFO): name a file",
                path.display()
            ));
        }
        if !force && std::fs::read(path).map_or(true, |old| old != text.as_bytes()) {
            return refuse(format!(
                "{} exists and differs from what this import writes (edited since?): \
                 give --force to replace it, or another -o",
                path.display()
            ));
        }
    }
    for (path, text) in &writes {
        crate::export::write_atomic(path, text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::is_valid_id;

    #[test]
    fn keys_become_ids() {
        assert_eq!(to_id("Customer_DB"), "customer_db");
        assert_eq!(to_id("<instance>"), "instance");
        assert_eq!(to_id("a.b-c"), "a.b-c");
        assert!(is_valid_id(&to_id("__X y")));
    }
}
