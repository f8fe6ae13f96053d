//! The defect kits: one small sub-graph per rule beside the clean part, each firing
//! exactly the findings it records, and the synthetic policy they are judged against.

use super::Writer;

/// One small sub-graph per rule, each firing exactly the findings it records.
pub(super) fn defect_kits(w: &mut Writer) {
    const C: &[&str] = &["s-collect"];
    const T: &[&str] = &["s-collect", "s-transfer"];
    const S: &[&str] = &["s-share", "s-transfer"];
    let email = &["contact.email"][..];
    let op = &["service.operation"][..];
    let good_store = |w: &mut Writer, id: &str, c: &str| w.store(id, c, true, true);

    // FM002: a recipient id used twice.
    w.source("k2-src", "DE", false);
    w.recipient("k2-dup", "Partner", "DE");
    w.recipient("k2-dup", "Partner", "DE");
    w.flow(
        "k2-src",
        "k2-dup",
        email,
        op,
        Some("Consent"),
        None,
        &["s-share"],
    );
    w.expect("FM002");
    // FM003: a flow to a node that does not exist.
    w.source("k3-src", "DE", false);
    w.flow("k3-src", "k3-missing", email, op, Some("Consent"), None, C);
    w.expect("FM003");
    // FM004: an unknown category (inside a disclosed parent, so nothing else fires).
    w.source("k4-src", "DE", false);
    good_store(w, "k4-st", "DE");
    w.flow(
        "k4-src",
        "k4-st",
        &["contact.emial"],
        op,
        Some("Consent"),
        None,
        C,
    );
    w.expect("FM004");
    // FM005: an unknown jurisdiction (its flow is not judged by the transfer rules).
    w.source("k5-src", "DE", false);
    good_store(w, "k5-st", "XX");
    w.flow("k5-src", "k5-st", email, op, Some("Consent"), None, C);
    w.expect("FM005");
    // FM006: a store sending to itself.
    good_store(w, "k6-st", "DE");
    w.flow("k6-st", "k6-st", email, op, None, None, C);
    w.expect("FM006");
    // FM101: a flow citing no section (the whole policy covers it).
    w.source("k101-src", "DE", false);
    good_store(w, "k101-st", "DE");
    w.flow("k101-src", "k101-st", email, op, Some("Consent"), None, &[]);
    w.expect("FM101");
    // FM102: a category no section discloses.
    w.source("k102-src", "DE", false);
    good_store(w, "k102-st", "DE");
    w.flow(
        "k102-src",
        "k102-st",
        &["health.condition"],
        op,
        Some("Consent"),
        None,
        C,
    );
    w.expect("FM102");
    // FM103: a purpose no section discloses.
    w.source("k103-src", "DE", false);
    good_store(w, "k103-st", "DE");
    w.flow(
        "k103-src",
        "k103-st",
        email,
        &["legal.compliance"],
        Some("Consent"),
        None,
        C,
    );
    w.expect("FM103");
    // FM104: sharing with a recipient kind the cited section does not disclose.
    w.source("k104-src", "DE", false);
    w.recipient("k104-rc", "Partner", "DE");
    w.flow("k104-src", "k104-rc", email, op, Some("Consent"), None, C);
    w.expect("FM104");
    // FM105: a transfer to an adequate place the cited section does not disclose.
    w.source("k105-src", "DE", false);
    good_store(w, "k105-st", "CH");
    w.flow("k105-src", "k105-st", email, op, Some("Consent"), None, C);
    w.expect("FM105");
    w.expect("FM201");
    // FM106: a source that may hold children's data.
    w.source("k106-src", "DE", true);
    good_store(w, "k106-st", "DE");
    w.flow("k106-src", "k106-st", email, op, Some("Consent"), None, C);
    w.expect("FM106");
    // FM107: section s-unused (in the policy) is cited by nothing.
    w.expect("FM107");
    // FM108: a mechanism the cited sections do not name (BCRs), to an adequate place.
    w.source("k108-src", "DE", false);
    good_store(w, "k108-st", "CH");
    w.flow(
        "k108-src",
        "k108-st",
        email,
        op,
        Some("Consent"),
        Some("Bcr"),
        T,
    );
    w.expect("FM108");
    w.expect("FM201");
    // FM202: a restricted transfer with no mechanism.
    w.source("k202-src", "DE", false);
    good_store(w, "k202-st", "CN");
    w.flow("k202-src", "k202-st", email, op, Some("Consent"), None, T);
    w.expect("FM202");
    w.expect("FM201");
    // FM203: a restricted transfer on consent.
    w.source("k203-src", "DE", false);
    good_store(w, "k203-st", "IN");
    w.flow(
        "k203-src",
        "k203-st",
        email,
        op,
        Some("Consent"),
        Some("Consent"),
        T,
    );
    w.expect("FM203");
    w.expect("FM201");
    // FM204: Safe Harbor in 2024.
    w.source("k204-src", "DE", false);
    good_store(w, "k204-st", "US");
    w.flow(
        "k204-src",
        "k204-st",
        email,
        op,
        Some("Consent"),
        Some("SafeHarbor"),
        T,
    );
    w.expect("FM204");
    w.expect("FM201");
    // FM205: the controller's processor in Germany sends data to a partner in India
    // under SCCs (a transfer: FM201, and FM209 for the impact assessment), which passes
    // it on to a partner in China (an onward transfer, crossing a border: FM201).
    w.source("k205-src", "DE", false);
    good_store(w, "k205-st", "DE");
    w.recipient("k205-a", "Partner", "IN");
    w.recipient("k205-b", "Partner", "CN");
    w.flow("k205-src", "k205-st", email, op, Some("Consent"), None, C);
    w.flow("k205-st", "k205-a", email, op, None, Some("Scc"), S);
    w.flow("k205-a", "k205-b", email, op, None, None, S);
    w.expect("FM205");
    w.expect("FM201");
    w.expect("FM209");
    w.expect("FM201");
    // FM206 and FM207: the inventory's `established: []` and `representatives: ["GB"]`.
    w.expect("FM206");
    w.expect("FM207");
    // FM208: Safe Harbor named on a flow that is no transfer, in 2024.
    w.source("k208-src", "DE", false);
    good_store(w, "k208-st", "DE");
    w.flow(
        "k208-src",
        "k208-st",
        email,
        op,
        Some("Consent"),
        Some("SafeHarbor"),
        T,
    );
    w.expect("FM208");
    // Certification: the DPF covers a certified US recipient (FM201 only), not an
    // uncertified one (FM204).
    w.source("kdpf-src", "DE", false);
    w.certified("kdpf-ok", "ServiceProvider", "US", "\"DPF\"");
    w.recipient("kdpf-no", "ServiceProvider", "US");
    w.flow(
        "kdpf-src",
        "kdpf-ok",
        email,
        op,
        Some("Consent"),
        Some("Dpf"),
        S,
    );
    w.flow(
        "kdpf-src",
        "kdpf-no",
        email,
        op,
        Some("Consent"),
        Some("Dpf"),
        S,
    );
    w.expect("FM201");
    w.expect("FM201");
    w.expect("FM204");
    // The law read precisely (issue 16).
    // Paper forms in Germany: the GDPR's reach asks for no equipment, so an offline
    // collection into the controller's US store is a collection like any other (FM201).
    w.source_with("k16-off-src", "[\"DE\"]", "Offline");
    w.store_of("k16-off-st", "US", true, true, "Controller");
    w.flow(
        "k16-off-src",
        "k16-off-st",
        email,
        op,
        Some("Consent"),
        None,
        T,
    );
    w.expect("FM201");
    // People anywhere (`*`) into the controller's store in Germany: a collection across a
    // border (FM201); `*` includes the UK's and Switzerland's people, so both regimes
    // reach the controller (the UK representative is named; the Swiss duty unchecked).
    w.source_with("k16-any-src", "[\"*\"]", "Online");
    w.store_of("k16-any-st", "DE", true, true, "Controller");
    w.flow(
        "k16-any-src",
        "k16-any-st",
        email,
        op,
        Some("Consent"),
        None,
        T,
    );
    w.expect("FM201");
    // An international organisation in Munich: under the GDPR a transfer wherever it
    // sits, which no adequacy decision covers (FM201, FM202).
    w.source("k16-io-src", "DE", false);
    w.store_of("k16-io-st", "DE", true, true, "Controller");
    w.recipient("k16-io", "InternationalOrganisation", "DE");
    w.flow(
        "k16-io-src",
        "k16-io-st",
        email,
        op,
        Some("Consent"),
        None,
        C,
    );
    w.flow("k16-io-st", "k16-io", email, op, None, None, S);
    w.expect("FM201");
    w.expect("FM202");
    // The controller's processor in India on the 2021 clauses: the controller reaches
    // into the EEA, so the GDPR reaches its processor too, and Decision 2021/914 does not
    // serve it (FM201, FM204).
    w.source("k16-gdpr-src", "DE", false);
    w.store_of("k16-gdpr-st", "DE", true, true, "Controller");
    w.recipient("k16-gdpr-p", "ServiceProvider", "IN");
    w.flow(
        "k16-gdpr-src",
        "k16-gdpr-st",
        email,
        op,
        Some("Consent"),
        None,
        C,
    );
    w.flow(
        "k16-gdpr-st",
        "k16-gdpr-p",
        email,
        op,
        None,
        Some("Scc2021"),
        S,
    );
    w.expect("FM201");
    w.expect("FM204");
    // FM301, FM302: a store with no retention, a store with no safeguards.
    w.source("k301-src", "DE", false);
    w.store("k301-st", "DE", false, true);
    w.flow("k301-src", "k301-st", email, op, Some("Consent"), None, C);
    w.expect("FM301");
    w.source("k302-src", "DE", false);
    w.store("k302-st", "DE", true, false);
    w.flow("k302-src", "k302-st", email, op, Some("Consent"), None, C);
    w.expect("FM302");
    // FM303: a flow with no purpose.
    w.source("k303-src", "DE", false);
    good_store(w, "k303-st", "DE");
    w.flow("k303-src", "k303-st", email, &[], Some("Consent"), None, C);
    w.expect("FM303");
    // FM304: a recipient no flow touches.
    w.recipient("k304-rc", "Partner", "DE");
    w.expect("FM304");
    // FM305: a store an import left marked as a placeholder.
    w.source("k305-src", "DE", false);
    good_store(w, "k305-st", "DE");
    w.stores.pop();
    w.stores.push_str(" // placeholder: where is it really?\n");
    w.flow("k305-src", "k305-st", email, op, Some("Consent"), None, C);
    w.expect("FM305");
}

pub(super) const POLICY: &str = r#"// The policy of the synthetic inventory: three sections that disclose the clean part,
// and one (s-unused) that no flow cites.
Policy(
    title: "Synthetic privacy notice",
    children_min_age: Some(16),
    sections: [
        Section(
            id: "s-collect",
            number: "1",
            title: "What we collect and why",
            quote: "We collect contact, device, usage, location and preference data to run, measure and market our service.",
            collects: ["contact", "device", "usage", "location", "preference"],
            purposes: ["service", "analytics", "marketing", "communications"],
        ),
        Section(
            id: "s-share",
            number: "2",
            title: "Whom we share it with",
            quote: "We share it with service providers, partners, analytics and advertising companies and our affiliates.",
            collects: ["contact", "device", "usage", "location", "preference"],
            purposes: ["service", "analytics", "marketing", "communications"],
            shares_with: [ServiceProvider, Partner, Analytics, AdNetwork, Affiliate, InternationalOrganisation],
        ),
        Section(
            id: "s-transfer",
            number: "3",
            title: "International transfers",
            quote: "We may transfer your data to any country, under standard contractual clauses or another safeguard.",
            locations: ["*"],
            mechanisms: [Scc, Scc2021, Consent, ContractNecessity, SafeHarbor, PrivacyShield, Dpf, Adequacy],
        ),
        Section(
            id: "s-unused",
            number: "4",
            title: "Payments",
            quote: "We process card payments.",
            collects: ["financial.payment_card"],
        ),
    ],
)
"#;
