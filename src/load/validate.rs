//! What serde cannot check: the form of ids, an `as_of` before any law flowmap knows,
//! and the taxonomy's own rules (dotted names, listed once, parents listed).

use super::spans::Step;
use super::{LoadError, SourceFile, owned};
use crate::model::taxonomy::parent;
use crate::model::{Inventory, Policy, Taxonomy};

/// Whether `id` matches `[a-z0-9][a-z0-9._-]*` (DESIGN.md's form of a node id).
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && bytes.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

/// Explicit flow ids may also use the `<from>-><to>` form.
fn is_valid_flow_id(id: &str) -> bool {
    match id.split_once("->") {
        Some((from, to)) => is_valid_id(from) && is_valid_id(to),
        None => is_valid_id(id),
    }
}

fn bad_id(
    file: &SourceFile,
    files: &[&SourceFile],
    path: &[Step<'_>],
    id: &str,
    what: &str,
) -> LoadError {
    LoadError::invalid_at(
        file,
        path,
        format!("not a valid {what} id: `{id}`"),
        "ids start with a-z or 0-9 and hold only a-z, 0-9, `.`, `_` and `-` (e.g. \"web-forms\")"
            .into(),
        owned(files),
    )
}

/// Every node id, and every explicit flow id, is of the form DESIGN.md gives.
pub(super) fn validate_ids(
    inventory: &Inventory,
    file: &SourceFile,
    files: &[&SourceFile],
) -> Result<(), LoadError> {
    let lists: [(&str, Vec<&crate::model::Name>); 3] = [
        ("sources", inventory.sources.iter().map(|n| &n.id).collect()),
        ("stores", inventory.stores.iter().map(|n| &n.id).collect()),
        (
            "recipients",
            inventory.recipients.iter().map(|n| &n.id).collect(),
        ),
    ];
    for (list, ids) in &lists {
        for (i, id) in ids.iter().enumerate() {
            if !is_valid_id(id) {
                let path = [Step::Field(list), Step::Index(i), Step::Field("id")];
                return Err(bad_id(file, files, &path, id, "node"));
            }
        }
    }
    for (i, flow) in inventory.flows.iter().enumerate() {
        if let Some(id) = flow.id.as_deref().filter(|id| !is_valid_flow_id(id)) {
            let path = [Step::Field("flows"), Step::Index(i), Step::Field("id")];
            return Err(bad_id(file, files, &path, id, "flow"));
        }
    }
    Ok(())
}

/// An `as_of` before the first law flowmap knows cannot be judged.
pub(super) fn validate_as_of(inventory: &Inventory, file: &SourceFile) -> Result<(), LoadError> {
    let earliest = crate::model::law::EARLIEST;
    match inventory.as_of {
        Some(day) if day < earliest => Err(LoadError::invalid_at(
            file,
            &[Step::Field("as_of")],
            format!(
                "not a valid inventory file: `as_of` is {day}, but flowmap knows no law before {earliest}: {}",
                crate::model::law::EARLIEST_WHY
            ),
            format!("set `as_of` to {earliest} or later, or remove it to judge on today"),
            owned(&[file]),
        )),
        _ => Ok(()),
    }
}

pub(super) fn validate_section_ids(
    policy: &Policy,
    file: &SourceFile,
    files: &[&SourceFile],
) -> Result<(), LoadError> {
    for (i, section) in policy.sections.iter().enumerate() {
        if !is_valid_id(&section.id) {
            let path = [Step::Field("sections"), Step::Index(i), Step::Field("id")];
            return Err(bad_id(file, files, &path, &section.id, "section"));
        }
    }
    Ok(())
}

/// The taxonomy's own rules: well-formed dotted names, listed once, parents listed.
pub(super) fn validate_taxonomy(
    taxonomy: &Taxonomy,
    file: &SourceFile,
    files: &[&SourceFile],
) -> Result<(), LoadError> {
    for (list, terms) in [
        ("categories", &taxonomy.categories),
        ("purposes", &taxonomy.purposes),
    ] {
        let mut seen = std::collections::HashSet::new();
        for (i, term) in terms.iter().enumerate() {
            let name_at = [Step::Field(list), Step::Index(i), Step::Field("name")];
            let fail = |message: String, hint: &str| {
                LoadError::invalid_at(file, &name_at, message, hint.into(), owned(files))
            };
            let well_formed = !term.name.is_empty()
                && term.name.split('.').all(|seg| {
                    !seg.is_empty()
                        && seg
                            .bytes()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
                });
            if !well_formed {
                return Err(fail(
                    format!(
                        "not a valid taxonomy file: `{}` is not a dotted name",
                        term.name
                    ),
                    "use lower-case segments of a-z, 0-9 and _ joined by dots",
                ));
            }
            if !seen.insert(term.name.as_str()) {
                return Err(fail(
                    format!(
                        "not a valid taxonomy file: `{}` is listed twice in {list}",
                        term.name
                    ),
                    "list each name once",
                ));
            }
        }
        for (i, term) in terms.iter().enumerate() {
            if let Some(p) = parent(&term.name).filter(|p| !seen.contains(p)) {
                return Err(LoadError::invalid_at(
                    file,
                    &[Step::Field(list), Step::Index(i), Step::Field("name")],
                    format!(
                        "not a valid taxonomy file: `{}` has no parent `{p}` in {list}",
                        term.name
                    ),
                    format!("add `(name: \"{p}\", description: \"...\")` to {list}"),
                    owned(files),
                ));
            }
        }
    }
    Ok(())
}
