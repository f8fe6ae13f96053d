//! The words of the transfer rules, in one place: which test, which article, which
//! clauses and which guidance a message names on a date. Every answer comes from the law
//! table's dated rows (`inventory/jurisdictions.ron`: acts, mechanism windows, guidance)
//! or from the small tables below, so a message never names an instrument before it
//! existed, and applies a later reading to an earlier date only saying so ("as the EDPB
//! later put it"). `tests/law_words.rs` pins the sentences an auditor quotes.

use crate::model::law::{Act, Article, GuidanceKey, RegimeCode};
use crate::model::{Date, Jurisdictions, Mechanism};

use super::holders::Role;

/// The day a guidance row exists from (the law table's `guidance`).
pub fn since(key: GuidanceKey) -> Date {
    Jurisdictions::builtin()
        .guidance(key)
        .map_or(crate::model::law::EARLIEST, |g| g.from)
}

/// The citation of a guidance row when it exists on `on`.
pub fn cite_on(key: GuidanceKey, on: Date) -> Option<String> {
    let g = Jurisdictions::builtin().guidance(key)?;
    (on >= g.from).then(|| g.cite.clone())
}

/// A reference to guidance inside a sentence: `WP29 WP56` on or after its day, else
/// `as the Article 29 Working Party later put it in WP56 of 2002-05-30`. `pinpoint`
/// (", Example 1") follows the citation.
pub fn per(key: GuidanceKey, pinpoint: &str, on: Date) -> String {
    let Some(g) = Jurisdictions::builtin().guidance(key) else {
        return String::new();
    };
    if on >= g.from {
        format!("{}{pinpoint}", g.cite)
    } else {
        let short = ["EDPB ", "WP29 ", "CJEU ", "FDPIC "]
            .iter()
            .find_map(|author| g.cite.strip_prefix(author))
            .unwrap_or(&g.cite);
        format!(
            "as {} later put it in {short}{pinpoint} of {}",
            g.by, g.from
        )
    }
}

/// A place as people say it: `the United States`, `Switzerland`, `the EEA`; `*` is
/// `places not named (*)`.
pub fn place(code: &str) -> String {
    match code {
        "*" => "places not named (`*`)".into(),
        "EEA" => "the EEA".into(),
        "EU" => "the EU".into(),
        _ => {
            let table = Jurisdictions::builtin();
            let Some(country) = table.country(code) else {
                return code.to_string();
            };
            let name = country.common_name.as_deref().unwrap_or(&country.name);
            if takes_the(name) {
                format!("the {name}")
            } else {
                name.to_string()
            }
        }
    }
}

/// Whether a country's English name takes "the" (`the United Kingdom`).
fn takes_the(name: &str) -> bool {
    name.starts_with("United ")
        || name.ends_with(" Islands")
        || name.contains("Republic")
        || name.starts_with("Holy See")
        || [
            "Netherlands",
            "Philippines",
            "Bahamas",
            "Gambia",
            "Maldives",
            "Comoros",
            "Seychelles",
            "Russian Federation",
        ]
        .contains(&name)
}

/// Several places in words: `the United States and places not named (*)`.
pub fn places(codes: &[impl AsRef<str>]) -> String {
    let words: Vec<String> = codes.iter().map(|c| place(c.as_ref())).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A regime's area in words: `the EEA`, `the United Kingdom`, `Switzerland`.
pub fn area(regime: RegimeCode) -> String {
    place(regime.area_code())
}

/// How the act's reach is tested, as a clause that follows "collects from people
/// there": the assumption flowmap makes, with the guidance of the day.
pub fn reach_test(act: Act, on: Date) -> String {
    match act {
        Act::Gdpr | Act::UkGdpr => "flowmap assumes that means offering them goods or services or monitoring their behaviour there".into(),
        Act::Directive => format!(
            "through a website or app on their devices, whose cookies and scripts are equipment situated there ({})",
            per(GuidanceKey::Wp56, "", on)
        ),
        Act::Fadp1992 => "the FADP of 1992 has no article on its territorial scope, and flowmap applies it to data collected in Switzerland (its reading)".into(),
        Act::Fadp => "flowmap takes that as facts that have an effect in Switzerland".into(),
    }
}

/// The act as a sentence names it: `the GDPR`, `Directive 95/46/EC`.
pub fn the_act(act: Act) -> String {
    match act {
        Act::Directive => act.name().to_string(),
        Act::Fadp1992 => "the FADP of 1992".into(),
        _ => format!("the {}", act.name()),
    }
}

/// The article of reach (`GDPR Art. 3(2)`; `FADP (1992)` has none).
pub fn reach_article(act: Act) -> String {
    act.cite(Article::Reach)
}

/// The 2021 clauses' module for the roles.
pub fn module(exporter: Role, importer: Role) -> &'static str {
    match (exporter, importer) {
        (Role::Controller, Role::Controller) => "Module One",
        (Role::Controller, Role::Processor) => "Module Two",
        (Role::Processor, Role::Processor) => "Module Three",
        (Role::Processor, Role::Controller) => "Module Four",
    }
}

/// The day Decision (EU) 2021/914 applies from.
pub fn clauses_2021_from() -> Date {
    Date::new(2021, 6, 27).unwrap_or(crate::model::law::EARLIEST)
}

/// The old EU sets that existed on `on` for the roles (none for a processor exporter).
pub fn old_sets(exporter: Role, importer: Role, on: Date) -> Option<&'static str> {
    let day = |y, m, d| Date::new(y, m, d).unwrap_or(crate::model::law::EARLIEST);
    match (exporter, importer) {
        (Role::Processor, _) => None,
        (Role::Controller, Role::Controller) if on >= day(2005, 4, 1) => {
            Some("Decisions 2001/497/EC and 2004/915/EC")
        }
        (Role::Controller, Role::Controller) if on >= day(2001, 9, 3) => {
            Some("Decision 2001/497/EC")
        }
        (Role::Controller, Role::Processor) if on >= day(2010, 5, 15) => {
            Some("Decision 2010/87/EU")
        }
        (Role::Controller, Role::Processor) if on >= day(2002, 4, 3) => Some("Decision 2002/16/EC"),
        _ => None,
    }
}

/// FM202's words for an importer of kind `Authority` (GDPR Art. 48; Art. 49(1)(d)/(e)).
pub fn authority_advice(act: Act) -> String {
    match act {
        Act::Directive => "a foreign authority's demand is no basis for a transfer; only a derogation can serve, important public interest grounds or legal claims (Directive 95/46/EC Art. 26(1)(d)): name `PublicInterest` or `LegalClaims` where it truly applies".into(),
        Act::Gdpr | Act::UkGdpr => format!(
            "a foreign court's or authority's demand is recognised only under an international agreement such as a mutual legal assistance treaty ({} Art. 48); failing one, only a derogation can serve: important reasons of public interest recognised in {} law, or legal claims (Art. 49(1)(d)/(e)): name `PublicInterest` or `LegalClaims` where it truly applies",
            act.name(),
            if act == Act::Gdpr { "Union or Member State" } else { "domestic" }
        ),
        Act::Fadp1992 | Act::Fadp => "a foreign authority's demand is no basis for a transfer; only an exception can serve, an overriding public interest or legal claims: name `PublicInterest` or `LegalClaims` where it truly applies".into(),
    }
}

/// The conditions of a derogation under the act, in the law's own words.
pub fn derogation_conditions(m: Mechanism, act: Act, on: Date) -> String {
    let gdpr = matches!(act, Act::Gdpr | Act::UkGdpr);
    // The 1992 FADP named its exceptions (Art. 6(2)) only from 2008-01-01 (AS 2007 4983).
    let before_2008 = act == Act::Fadp1992 && on < Date::new(2008, 1, 1).unwrap_or(on);
    if before_2008 {
        return format!(
            "until 2008 the FADP named no exceptions: a disclosure abroad was unlawful only where it seriously endangered the data subjects' personality (Art. 6(1)), and flowmap takes `{m}` as meeting that test"
        );
    }
    match m {
        Mechanism::Consent if gdpr => "the data subject must have explicitly consented to the proposed transfer, after having been informed of the possible risks of such transfers for want of an adequacy decision and appropriate safeguards".into(),
        Mechanism::Consent if act == Act::Directive => "the data subject must have given consent unambiguously to the proposed transfer".into(),
        Mechanism::Consent if act == Act::Fadp => {
            "the data subject must have expressly consented to the disclosure".into()
        }
        Mechanism::Consent => "the data subject must have consented in the specific case".into(),
        Mechanism::ContractNecessity => format!(
            "the transfer must be necessary for a contract with the data subject, or concluded in their interest{}",
            if gdpr { ", and occasional (Recital 111)" } else { "" }
        ),
        Mechanism::PublicInterest if gdpr => "the public interest must be recognised in Union or Member State law (Art. 49(4))".into(),
        Mechanism::PublicInterest => "the transfer must be necessary or legally required on important public interest grounds".into(),
        Mechanism::LegalClaims => format!(
            "the transfer must be necessary for the establishment, exercise or defence of legal claims{}",
            if gdpr { ", and occasional (Recital 111)" } else { "" }
        ),
        Mechanism::VitalInterests => "the transfer must be necessary to protect the vital interests of the data subject (or, under the GDPR, of another person where the data subject cannot consent)".into(),
        Mechanism::PublicRegister => "the data must come from a register that is open to consultation by the public, or by anyone who can show a legitimate interest, within the conditions the law lays down".into(),
        Mechanism::CompellingLegitimateInterests => "the transfer must not be repetitive, concern only a limited number of data subjects, serve compelling legitimate interests not overridden by the data subject's interests or rights, and rest on suitable safeguards that the controller has assessed and recorded (Art. 30(1)(e)); the supervisory authority and the data subject must be informed".into(),
        _ => String::new(),
    }
}

/// The guidance that reads derogations restrictively, when it exists on `on`.
pub fn derogation_guidance(act: Act, on: Date) -> Option<String> {
    match act {
        Act::Gdpr => cite_on(GuidanceKey::EdpbDerogations, on),
        Act::Directive => cite_on(GuidanceKey::Wp114, on),
        _ => None,
    }
}

/// The impact-assessment duty of a regime (FM209): from when, and what it rests on.
pub fn assessment(regime: RegimeCode) -> GuidanceKey {
    match regime {
        RegimeCode::CH => GuidanceKey::FdpicPaper2020,
        RegimeCode::EU | RegimeCode::UK => GuidanceKey::SchremsII,
    }
}

/// Whether a mechanism's transfers need an impact assessment on `on` under `regime`.
pub fn assessment_due(regime: RegimeCode, m: Mechanism, on: Date) -> bool {
    m.needs_assessment() && on >= since(assessment(regime))
}

/// The law of the day for a flow that is no transfer: the EU act's general principle.
pub fn law_of_the_day(on: Date) -> String {
    Jurisdictions::builtin()
        .act_on(RegimeCode::EU, on)
        .unwrap_or(Act::Gdpr)
        .cite(Article::Transfers)
}

/// The regimes that exist on `on`, in words: `the EU, UK or Swiss`.
pub fn regimes_on(on: Date) -> &'static str {
    if Jurisdictions::builtin()
        .act_on(RegimeCode::UK, on)
        .is_some()
    {
        "the EU, UK or Swiss"
    } else {
        "the EU or Swiss"
    }
}
