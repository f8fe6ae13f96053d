//! The shipped law table: consistent, and saying what the law says on the dates that matter.

use std::collections::HashSet;

use super::*;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn j() -> &'static Jurisdictions {
    Jurisdictions::builtin()
}

use crate::model::law::{Act, Certification, RegimeCode};

#[test]
fn shipped_table_parses_and_is_consistent() {
    let table = Jurisdictions::from_ron(BUILTIN_RON).expect("jurisdictions.ron parses");
    assert_eq!(&table, j());
    assert_eq!(j().problems(), Vec::<String>::new());
}

#[test]
fn all_249_iso_codes_unique() {
    assert_eq!(j().countries.len(), 249);
    let codes: HashSet<_> = j().countries.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes.len(), 249);
    let alpha3: HashSet<_> = j().countries.iter().map(|c| c.alpha3.as_str()).collect();
    assert_eq!(alpha3.len(), 249);
    for c in &j().countries {
        assert!(
            !j().is_region(&c.alpha3),
            "{} clashes with a region",
            c.alpha3
        );
    }
}

#[test]
fn members_and_adequacy_places_are_known_codes() {
    for r in &j().regions {
        for m in &r.members {
            assert!(j().is_country(&m.code), "{} member {}", r.code, m.code);
        }
    }
    for a in &j().adequacy {
        assert!(
            j().is_known(&a.country) && a.country != "*",
            "adequacy {}",
            a.country
        );
    }
}

#[test]
fn member_states_by_date() {
    let on = |s| j().member_states("EU", day(s)).len();
    assert_eq!(on("2026-11-30"), 27);
    assert_eq!(on("2020-12-31"), 28);
    assert_eq!(on("2021-01-01"), 27);
    assert_eq!(on("2013-06-30"), 27);
    assert_eq!(on("2013-07-01"), 28);
    assert_eq!(on("2004-04-30"), 15);
    assert_eq!(on("2004-05-01"), 25);
    assert_eq!(on("2007-01-01"), 27);
    assert_eq!(j().member_states("EEA", day("2026-11-30")).len(), 30);
    for efta in ["IS", "LI", "NO"] {
        assert!(j().region_contains("EEA", efta, day("2026-11-30")));
        assert!(!j().region_contains("EU", efta, day("2026-11-30")));
    }
    assert!(j().region_contains("EU", "GR", day("2026-11-30")));
    assert!(!j().is_known("EL"));
}

#[test]
fn known_codes_and_names() {
    for code in ["US", "DE", "GB", "EEA", "EU", "*"] {
        assert!(j().is_known(code), "{code}");
    }
    for code in ["us", "UK", "EL", "XX", "", "Eu"] {
        assert!(!j().is_known(code), "{code}");
    }
    assert_eq!(j().name("*"), Some("anywhere else"));
    assert_eq!(j().name("EEA"), Some("European Economic Area"));
    assert_eq!(j().name("DE"), Some("Germany"));
    assert_eq!(j().name("UK"), None);
    assert!(j().is_region("EU") && !j().is_region("DE") && !j().is_region("*"));
}

#[test]
fn same_place_cases() {
    let now = day("2026-11-30");
    let same = |a, b| j().same_place(a, b, now);
    assert!(same("DE", "EEA"));
    assert!(same("EEA", "DE"));
    assert!(same("DE", "EU"));
    assert!(same("EEA", "EU"));
    assert!(same("EU", "EEA"));
    assert!(same("NO", "EEA"));
    assert!(!same("NO", "EU"));
    assert!(same("*", "*"));
    assert!(same("US", "US"));
    assert!(!same("US", "*"));
    assert!(!same("*", "US"));
    assert!(!same("EEA", "*"));
    assert!(!same("DE", "FR"));
    assert!(!same("GB", "EU"));
    assert!(j().same_place("GB", "EU", day("2020-12-31")));
    assert!(!same("US", "EEA"));
    assert!(same("RE", "EU") && same("AX", "EEA"));
    assert!(!same("FO", "EU") && !same("GL", "EEA") && !same("SJ", "EEA"));
    assert!(!same("JE", "EU") && !same("NC", "EU"));
}

#[test]
fn adequacy_windows_and_scopes() {
    use RegimeCode::*;
    let one = |r, place, s| -> Option<AdequacyScope> {
        j().adequacy_on(r, place, day(s))
            .first()
            .map(|a| a.scope.clone())
    };
    assert_eq!(
        one(EU, "US", "2023-07-10"),
        Some(AdequacyScope::Certified(Certification::Dpf))
    );
    assert_eq!(one(EU, "US", "2023-07-09"), None);
    assert_eq!(
        one(EU, "US", "2015-10-05"),
        Some(AdequacyScope::Certified(Certification::SafeHarbor))
    );
    assert_eq!(one(EU, "US", "2015-10-06"), None);
    assert_eq!(
        one(EU, "US", "2020-07-15"),
        Some(AdequacyScope::Certified(Certification::PrivacyShield))
    );
    assert_eq!(one(EU, "US", "2020-07-16"), None);
    assert_eq!(one(EU, "CA", "2015-11-08"), Some(AdequacyScope::Commercial));
    assert_eq!(one(EU, "CH", "2015-11-08"), Some(AdequacyScope::Full));
    assert_eq!(one(EU, "GB", "2021-06-27"), None);
    assert_eq!(one(EU, "GB", "2021-06-28"), Some(AdequacyScope::Full));
    assert_eq!(one(EU, "GB", "2031-12-28"), None);
    assert_eq!(one(EU, "GI", "2022-01-01"), None);
    assert_eq!(one(EU, "BR", "2026-01-25"), None);
    assert!(one(EU, "BR", "2026-01-26").is_some());
    assert!(one(EU, "HU", "2004-04-30").is_some());
    assert!(one(EU, "CN", "2026-01-26").is_none());
    assert_eq!(one(UK, "DE", "2021-01-01"), Some(AdequacyScope::Full));
    assert_eq!(one(UK, "GI", "2021-01-01"), Some(AdequacyScope::Full));
    assert_eq!(one(UK, "KR", "2022-12-18"), None);
    assert!(one(UK, "KR", "2022-12-19").is_some());
    assert_eq!(
        one(UK, "US", "2023-10-12"),
        Some(AdequacyScope::Certified(Certification::DpfUk))
    );
    assert_eq!(
        one(CH, "US", "2024-09-15"),
        Some(AdequacyScope::Certified(Certification::DpfCh))
    );
    assert_eq!(one(CH, "US", "2024-09-14"), None);
    assert_eq!(one(CH, "DE", "2000-01-01"), Some(AdequacyScope::Full));
}

#[test]
fn regimes_acts_and_areas_by_date() {
    use RegimeCode::*;
    assert_eq!(j().act_on(EU, day("2018-05-24")), Some(Act::Directive));
    assert_eq!(j().act_on(EU, day("2018-05-25")), Some(Act::Gdpr));
    assert_eq!(j().act_on(UK, day("2020-12-31")), None);
    assert_eq!(j().act_on(UK, day("2021-01-01")), Some(Act::UkGdpr));
    assert_eq!(j().act_on(CH, day("2023-08-31")), Some(Act::Fadp1992));
    assert_eq!(j().act_on(CH, day("2023-09-01")), Some(Act::Fadp));
    assert!(j().in_area(EU, "GB", day("2020-12-31")));
    assert!(!j().in_area(EU, "GB", day("2021-01-01")));
    assert!(!j().in_area(UK, "GB", day("2020-12-31")));
    assert!(j().in_area(UK, "GB", day("2021-01-01")));
    assert!(!j().in_area(EU, "HR", day("2013-06-30")));
    assert!(j().in_area(EU, "HR", day("2013-07-01")));
    assert!(!j().in_area(EU, "YT", day("2013-12-31")));
    assert!(j().in_area(EU, "YT", day("2014-01-01")));
    assert!(j().in_area(EU, "BL", day("2011-12-31")));
    assert!(!j().in_area(EU, "BL", day("2012-01-01")));
    assert!(j().in_area(EU, "GI", day("2020-12-31")));
    assert!(!j().in_area(EU, "GI", day("2021-01-01")));
    assert!(j().in_area(EU, "NO", day("2015-11-08")) && j().in_area(EU, "EU", day("2015-11-08")));
    assert!(!j().in_area(EU, "*", day("2015-11-08")));
    assert!(j().in_area(CH, "CH", day("2015-11-08")));
    assert!(j().bridge(EU, "GB", day("2021-06-27")).is_some());
    assert!(j().bridge(EU, "GB", day("2021-06-28")).is_none());
    assert!(j().bridge(EU, "GI", day("2021-03-01")).is_none());
}

#[test]
fn membership_over_time() {
    assert!(j().region_contains("EU", "GB", day("2015-11-08")));
    assert!(j().region_contains("EU", "GB", day("2020-12-31")));
    assert!(!j().region_contains("EU", "GB", day("2021-01-01")));
    assert!(j().in_eea("GB", day("2015-11-08")));
    assert!(!j().in_eea("GB", day("2021-01-01")));
    assert!(!j().region_contains("EU", "HR", day("2013-06-30")));
    assert!(j().region_contains("EU", "HR", day("2013-07-01")));
    assert!(j().region_contains("EEA", "HR", day("2013-07-01")));
    assert!(!j().region_contains("EU", "PL", day("2004-04-30")));
    assert!(j().region_contains("EU", "DE", day("2000-01-01")));
    assert!(j().in_eea("NO", day("2015-11-08")));
    assert!(j().in_eea("EEA", day("2015-11-08")));
    assert!(j().in_eea("EU", day("2015-11-08")));
    assert!(!j().in_eea("US", day("2015-11-08")));
    assert!(!j().in_eea("*", day("2015-11-08")));
    assert!(!j().region_contains("EEA", "EU", day("2015-11-08")));
    assert!(!j().region_contains("XX", "DE", day("2015-11-08")));
}

#[test]
fn suggestions() {
    let s = |code: &str| j().suggest(code);
    assert_eq!(s("us").as_deref(), Some("US"));
    assert_eq!(s("eea").as_deref(), Some("EEA"));
    assert_eq!(s(" de ").as_deref(), Some("DE"));
    assert_eq!(s("UK").as_deref(), Some("GB"));
    assert_eq!(s("uk").as_deref(), Some("GB"));
    assert_eq!(s("EL").as_deref(), Some("GR"));
    assert_eq!(s("DEU").as_deref(), Some("DE"));
    assert_eq!(s("USA").as_deref(), Some("US"));
    assert_eq!(s("Germany").as_deref(), Some("DE"));
    assert_eq!(s("united kingdom").as_deref(), Some("GB"));
    assert_eq!(s("South Korea").as_deref(), Some("KR"));
    assert_eq!(s("European Union").as_deref(), Some("EU"));
    assert_eq!(s("Atlantis"), None);
    assert_eq!(s("XX"), None);
    assert_eq!(s("US"), None, "known codes need no suggestion");
}

#[test]
fn unknown_fields_are_rejected() {
    let text = r#"Jurisdictions(countries: [Country(code: "DE", alpha3: "DEU", name: "Germany", capital: "Berlin")])"#;
    assert!(Jurisdictions::from_ron(text).is_err());
}

#[test]
fn a_small_table_indexes_itself() {
    let text = r#"Jurisdictions(
        countries: [Country(code: "DE", alpha3: "DEU", name: "Germany")],
        regions: [Region(code: "EU", name: "European Union", members: [Member(code: "DE")])],
    )"#;
    let table = Jurisdictions::from_ron(text).unwrap();
    assert!(table.same_place("DE", "EU", day("2015-11-08")));
    assert!(table.in_eea("DE", day("2015-11-08")));
    assert!(table.windows(Mechanism::Dpf, RegimeCode::EU).is_empty());
    assert!(
        table.problems().iter().all(|p| p.starts_with("regime")),
        "{:?}",
        table.problems()
    );
}
