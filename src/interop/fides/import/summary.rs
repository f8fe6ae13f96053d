//! What Fides' privacy declarations say in flowmap's words: legal bases, transfer
//! mechanisms, and a set of declarations summarised once.

use super::super::Unique;
use super::super::model::PrivacyDeclaration;
use crate::model::{Basis, Mechanism};

pub(super) fn basis_from_fides(text: &str) -> Option<Basis> {
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

pub(super) fn mechanism_from_fides(text: &str) -> Option<Mechanism> {
    match text.trim().to_ascii_lowercase().as_str() {
        "adequacy decision" | "adequacy" => Some(Mechanism::Adequacy),
        "sccs" | "scc" | "standard contractual clauses" => Some(Mechanism::Scc),
        "bcrs" | "bcr" | "binding corporate rules" => Some(Mechanism::Bcr),
        _ => None,
    }
}

/// What a set of privacy declarations says together: categories and uses (each once),
/// and the first legal basis flowmap knows.
pub(super) struct Summary {
    pub(super) categories: Vec<String>,
    pub(super) uses: Vec<String>,
    pub(super) basis: Option<Basis>,
}

impl Summary {
    pub(super) fn of<'a>(declarations: impl Iterator<Item = &'a PrivacyDeclaration>) -> Summary {
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
