//! What the Article 30 record's cells say beyond the inventory, shared by `ropa-csv`,
//! `ropa-ico`, `ropa-xlsx` and the JSON export:
//!
//! - [`transfer_law`]: the law a transfer's verdict rests on (for a transfer that names
//!   no mechanism, the act's general transfer article: the law it fails);
//! - [`exceptional_lines`]: the "exceptional" transfers of Art. 30(1)(e) — those resting
//!   on compelling legitimate interests (GDPR Art. 49(1) second subparagraph), whose
//!   suitable safeguards the record documents. Every other transfer, derogations under
//!   Art. 49(1)(a)–(g) included, is in the transfers column with its mechanism;
//! - [`era_note`]: for a date before the GDPR applied (2018-05-25), that the record's
//!   layout is the GDPR's — Directive 95/46/EC had no Article 30 record; it asked for
//!   notification of the supervisory authority (Arts. 18–21).

use crate::check::transfer::{Transfer, Verdict};
use crate::model::law::{Act, Article, RegimeCode};
use crate::model::{Date, Jurisdictions, Mechanism};

/// The law a transfer's verdict rests on, in the act in force on the day: for
/// `adequate` the act's adequacy article and the decisions; for `covered`, `derogation`
/// and `not covered` the law of the safeguard, derogation or failed mechanism; for `no
/// mechanism` the act's general transfer article (`GDPR Art. 44`).
pub fn transfer_law(t: &Transfer) -> String {
    match &t.verdict {
        Verdict::Covered { law }
        | Verdict::Derogation { law }
        | Verdict::NotCovered { law, .. } => law.clone(),
        Verdict::Adequate if !t.adequacy.is_empty() => {
            format!(
                "{}; {}",
                t.act.cite(Article::Adequacy),
                t.adequacy.join("; ")
            )
        }
        Verdict::Adequate | Verdict::NoMechanism => t.act.cite(Article::Transfers),
    }
}

/// Whether a transfer is one of Art. 49(1)'s second subparagraph: it rests on
/// `CompellingLegitimateInterests` and that derogation is the law on the day.
pub fn is_exceptional(t: &Transfer) -> bool {
    t.mechanism == Some(Mechanism::CompellingLegitimateInterests)
        && matches!(t.verdict, Verdict::Derogation { .. })
}

/// The line an exceptional transfer adds to "Safeguards for exceptional transfers":
/// what it is and what the record must document. `places` are the importer's places
/// outside the area, as the record writes them.
pub fn exceptional_line(importer: &str, places: &str, t: &Transfer) -> String {
    format!(
        "{} → {importer} in {places}: compelling legitimate interests ({}); the suitable \
         safeguards assessed are to be documented here (Art. 30(1)(e)): the inventory does \
         not record them",
        t.regime,
        transfer_law(t)
    )
}

/// For a record judged before the GDPR applied in the EU: what the layout means then.
pub fn era_note(on: Date) -> Option<String> {
    let act = Jurisdictions::builtin().act_on(RegimeCode::EU, on);
    (act != Some(Act::Gdpr)).then(|| {
        format!(
            "Judged on {on}, before the GDPR applied (2018-05-25): the columns are the GDPR \
             Art. 30 record's. Directive 95/46/EC, in force then, had no such record; it asked \
             controllers to notify the supervisory authority (Arts. 18-21). The transfers \
             are judged under the law of {on}."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_is_for_dates_before_the_gdpr_only() {
        assert!(era_note("2015-11-08".parse().unwrap()).is_some());
        assert!(era_note("2018-05-24".parse().unwrap()).is_some());
        assert!(era_note("2018-05-25".parse().unwrap()).is_none());
    }
}
