//! Synthetic inventories for benchmarks and scale tests: realistic in shape (sources
//! collect into stores in their own country, stores replicate across borders under SCCs
//! and share with recipients, recipients pass data on), with one small "defect kit" per
//! rule planted beside the clean part, so every rule fires a known number of times.
//!
//! Onward transfers run from processors to sub-processors, which pass nothing on, so
//! no chain of recipients grows with the size of the inventory.
//!
//! The clean part is built so its findings can be counted without running the checks:
//! every node sits in one country, every flow is disclosed by the sections it cites, and
//! the transfer law is kept simple to read off. The controller is established nowhere
//! (`established: []`, FM206) and reaches into the EEA by collecting there (FM207: its
//! only representative is in the UK). Every source is in the EEA, and each primary
//! store's first collection, and each replica's first replication, carry every category,
//! so every flow out of a store carries EEA data: every share to a recipient outside the
//! EEA is a transfer under EU law by the controller (GDPR Art. 3(2)), restricted unless
//! the place is adequate (GB, CH, JP; the recipients hold no certification). Primary
//! stores and replicas are the controller's own (collections and replications are no
//! transfers). A recipient outside the EEA passing data on in its own country makes an
//! onward transfer (FM205) unless the place is adequate — or, when it is a service
//! provider (a processor reaching in for the controller), a transfer of its own. A share
//! under SCCs to a service provider outside the EEA is FM204: the processor of a
//! controller that reaches into the EEA is itself under the GDPR, and the 2021 clauses
//! do not serve it (Decision (EU) 2021/914 Art. 1(1), Recital 7). [`Synth::expected`] is the count per rule
//! that `flowmap check` must report; `tests/scale.rs` holds the two to each other. Same
//! seed, same bytes.

mod kits;
mod legacy;

pub use legacy::legacy_import;

use std::collections::BTreeMap;
use std::fmt::Write;

use kits::{POLICY, defect_kits};

/// The size and seed of a synthetic inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub sources: usize,
    pub stores: usize,
    pub recipients: usize,
    pub flows: usize,
    pub seed: u64,
}

impl Params {
    /// Node counts in proportion to `flows` (1 source, 1 store, 2 recipients per 20 flows).
    pub fn for_flows(flows: usize, seed: u64) -> Params {
        let unit = (flows / 20).max(2);
        Params {
            sources: unit,
            stores: unit.max(4),
            recipients: unit * 2,
            flows,
            seed,
        }
    }
}

/// The files of a synthetic inventory and the findings it must produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synth {
    pub inventory: String,
    pub policy: String,
    /// A copy of the built-in taxonomy, named by the inventory.
    pub taxonomy: String,
    /// Rule id → number of findings `flowmap check` reports.
    pub expected: BTreeMap<&'static str, usize>,
}

impl Synth {
    /// The files as `(name, text)` for [`crate::load::load_in_memory`] or for disk.
    pub fn files(&self) -> [(&'static str, &str); 3] {
        [
            ("inventory.ron", &self.inventory),
            ("policy.ron", &self.policy),
            ("taxonomy.ron", &self.taxonomy),
        ]
    }
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Countries of the clean part: mostly the EEA, then the US, adequate and non-adequate
/// places.
const COUNTRIES: &[&str] = &[
    "DE", "FR", "IE", "NL", "SE", "PL", "ES", "IT", "US", "US", "GB", "CH", "JP", "IN", "CN",
];
/// Where primary stores (and so sources) are: the EEA.
const EEA: &[&str] = &["DE", "FR", "IE", "NL", "SE", "PL", "ES", "IT"];
/// Places outside the EEA that have an adequacy decision of the EU on the inventory's
/// date (2024-06-01) for the generator's uncertified, commercial recipients.
const ADEQUATE: &[&str] = &["GB", "CH", "JP"];
const CATEGORIES: &[&str] = &[
    "contact.email",
    "contact.name",
    "contact.phone_number",
    "device.ip_address",
    "device.cookie_id",
    "usage.pages_viewed",
    "usage.clickstream",
    "location.coarse",
    "preference.interest",
];
const PURPOSES: &[&str] = &[
    "service.operation",
    "analytics.usage",
    "marketing.communications",
    "communications.service",
];
const BASES: &[&str] = &["Consent", "Contract", "LegitimateInterests"];
const KINDS: &[&str] = &[
    "ServiceProvider",
    "Partner",
    "Analytics",
    "AdNetwork",
    "Affiliate",
];

/// A recipient of the clean part, for counting transfers when all flows are written.
struct Sink {
    country: &'static str,
    processor: bool,
    /// Categories shared into it by stores.
    received: Vec<&'static str>,
    /// Onward flows out of it: the sub-processor's country and the categories.
    onward: Vec<Vec<&'static str>>,
}

struct Writer {
    sources: String,
    stores: String,
    recipients: String,
    flows: String,
    flow_count: usize,
    expected: BTreeMap<&'static str, usize>,
}

impl Writer {
    fn source(&mut self, id: &str, country: &str, minors: bool) {
        let _ = writeln!(
            self.sources,
            "        Source(id: \"{id}\", name: \"Source {id}\", subjects: [\"customer\"], located: [\"{country}\"], collects: [\"contact.email\"], minors: {minors}),"
        );
    }

    /// A source at `located` (a RON list) collecting through `channel`.
    fn source_with(&mut self, id: &str, located: &str, channel: &str) {
        let _ = writeln!(
            self.sources,
            "        Source(id: \"{id}\", name: \"Source {id}\", subjects: [\"customer\"], located: {located}, channel: {channel}, collects: [\"contact.email\"]),"
        );
    }

    fn store(&mut self, id: &str, located: &str, retention: bool, safeguards: bool) {
        self.store_of(id, located, retention, safeguards, "Processor");
    }

    fn store_of(
        &mut self,
        id: &str,
        located: &str,
        retention: bool,
        safeguards: bool,
        operator: &str,
    ) {
        let retention = if retention {
            "Some(\"24 months\")"
        } else {
            "None"
        };
        let safeguards = if safeguards {
            "[\"encryption-at-rest\", \"access-control\"]"
        } else {
            "[]"
        };
        let _ = writeln!(
            self.stores,
            "        Store(id: \"{id}\", name: \"Store {id}\", located: [\"{located}\"], operator: {operator}, retention: {retention}, safeguards: {safeguards}),"
        );
    }

    fn recipient(&mut self, id: &str, kind: &str, country: &str) {
        self.certified(id, kind, country, "");
    }

    fn certified(&mut self, id: &str, kind: &str, country: &str, certifications: &str) {
        let _ = writeln!(
            self.recipients,
            "        Recipient(id: \"{id}\", name: \"Recipient {id}\", kind: {kind}, located: [\"{country}\"], certifications: [{certifications}]),"
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn flow(
        &mut self,
        from: &str,
        to: &str,
        data: &[&str],
        purposes: &[&str],
        basis: Option<&str>,
        mechanism: Option<&str>,
        policy: &[&str],
    ) {
        let id = format!("f{}", self.flow_count);
        self.flow_count += 1;
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|i| format!("\"{i}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let opt = |v: Option<&str>| v.map_or("None".to_string(), |v| format!("Some({v})"));
        let _ = writeln!(
            self.flows,
            "        Flow(id: Some(\"{id}\"), from: \"{from}\", to: \"{to}\", data: [{}], purposes: [{}], basis: {}, mechanism: {}, policy: [{}]),",
            list(data),
            list(purposes),
            opt(basis),
            opt(mechanism),
            list(policy),
        );
    }

    fn expect(&mut self, rule: &'static str) {
        *self.expected.entry(rule).or_default() += 1;
    }
}

fn sample<'a>(rng: &mut Rng, pool: &[&'a str], max: usize) -> Vec<&'a str> {
    let n = 1 + rng.below(max);
    let start = rng.below(pool.len());
    (0..n).map(|k| pool[(start + k) % pool.len()]).collect()
}

/// Generates the inventory, policy and taxonomy for `params`.
pub fn generate(params: &Params) -> Synth {
    let mut rng = Rng(params.seed ^ 0x0F10_A3A9);
    let mut w = Writer {
        sources: String::new(),
        stores: String::new(),
        recipients: String::new(),
        flows: String::new(),
        flow_count: 0,
        expected: BTreeMap::new(),
    };
    const COLLECT: &[&str] = &["s-collect"];
    const REPLICATE: &[&str] = &["s-collect", "s-transfer"];
    const SHARE: &[&str] = &["s-share", "s-transfer"];

    // Stores: the first half primary (they receive from sources; at most one per source,
    // so each has one), the rest replicas. Primaries are in the EEA, replicas anywhere;
    // both are the controller's own.
    let stores = params.stores.max(2);
    let sources = params.sources.max(1);
    let primaries = stores.div_ceil(2).min(sources);
    let store_country: Vec<&str> = (0..stores)
        .map(|s| {
            if s < primaries {
                *rng.pick(EEA)
            } else {
                *rng.pick(COUNTRIES)
            }
        })
        .collect();
    for (s, country) in store_country.iter().enumerate() {
        w.store_of(&format!("st{s}"), country, true, true, "Controller");
    }
    // Sources sit in the country of the primary store they collect into.
    let source_store: Vec<usize> = (0..sources).map(|i| i % primaries).collect();
    for (i, &s) in source_store.iter().enumerate() {
        w.source(&format!("src{i}"), store_country[s], false);
    }
    // Recipients: each fed by one store; in the store's country, or (from a primary,
    // one time in five) in another country under SCCs.
    let recipients = params.recipients.max(1);
    let mut sinks: Vec<Sink> = Vec::with_capacity(recipients);
    let mut feeds = Vec::with_capacity(recipients);
    for j in 0..recipients {
        let s = j % stores;
        let country = if s < primaries && rng.chance(20) {
            *rng.pick(COUNTRIES)
        } else {
            store_country[s]
        };
        let kind: &&str = rng.pick(KINDS);
        w.recipient(&format!("rc{j}"), kind, country);
        sinks.push(Sink {
            country,
            processor: *kind == "ServiceProvider",
            received: Vec::new(),
            onward: Vec::new(),
        });
        feeds.push(s);
    }

    let mut budget = params.flows;
    // Every source collects into its primary store (never cross-border, never a
    // transfer); the first source of each primary hands over every category.
    for (i, &s) in source_store.iter().enumerate() {
        let data = if i < primaries {
            CATEGORIES.to_vec()
        } else {
            sample(&mut rng, CATEGORIES, 4)
        };
        let purposes = sample(&mut rng, PURPOSES, 2);
        w.flow(
            &format!("src{i}"),
            &format!("st{s}"),
            &data,
            &purposes,
            Some(*rng.pick(BASES)),
            None,
            COLLECT,
        );
        budget = budget.saturating_sub(1);
    }
    // Every replica is fed by a primary, under SCCs (the first time with every
    // category). One controller holds both: cross-border maybe, never a transfer.
    let replicate = |w: &mut Writer, rng: &mut Rng, r: usize, all: bool| {
        let p = rng.below(primaries);
        let data = if all {
            CATEGORIES.to_vec()
        } else {
            sample(rng, CATEGORIES, 4)
        };
        w.flow(
            &format!("st{p}"),
            &format!("st{r}"),
            &data,
            &["service.operation"],
            None,
            Some("Scc"),
            REPLICATE,
        );
        if store_country[p] != store_country[r] {
            w.expect("FM201");
        }
    };
    for r in primaries..stores {
        replicate(&mut w, &mut rng, r, true);
        budget = budget.saturating_sub(1);
    }
    // Every recipient is fed by its store: a transfer under EU law when the recipient is
    // outside the EEA (FM201), restricted unless the place is adequate (SCCs: FM209).
    let share = |w: &mut Writer, rng: &mut Rng, sinks: &mut [Sink], j: usize| {
        let s = feeds[j];
        let data = sample(rng, CATEGORIES, 3);
        let purposes = sample(rng, PURPOSES, 2);
        w.flow(
            &format!("st{s}"),
            &format!("rc{j}"),
            &data,
            &purposes,
            None,
            Some("Scc"),
            SHARE,
        );
        let to = sinks[j].country;
        if !EEA.contains(&to) {
            w.expect("FM201");
            if ADEQUATE.contains(&to) {
                // Not restricted.
            } else if sinks[j].processor {
                // A processor of a controller that reaches into the EEA is itself under
                // the GDPR (Art. 3(2)): the 2021 clauses do not serve it (FM204).
                w.expect("FM204");
            } else {
                w.expect("FM209");
            }
        } else if store_country[s] != to {
            w.expect("FM201");
        }
        sinks[j].received.extend(data);
    };
    for j in 0..recipients {
        share(&mut w, &mut rng, &mut sinks, j);
        budget = budget.saturating_sub(1);
    }
    // The rest: more collections, replications, sharing, and onward transfers between
    // recipients in the same country.
    let kits = 31;
    while budget > kits {
        match rng.below(4) {
            0 => {
                let i = rng.below(sources);
                let data = sample(&mut rng, CATEGORIES, 4);
                let s = source_store[i];
                w.flow(
                    &format!("src{i}"),
                    &format!("st{s}"),
                    &data,
                    &["service.operation"],
                    Some("Consent"),
                    None,
                    COLLECT,
                );
            }
            1 if stores > primaries => {
                let r = primaries + rng.below(stores - primaries);
                replicate(&mut w, &mut rng, r, false);
            }
            2 => {
                // An onward flow from a processor to one of the sub-processors (the last
                // fifth of the recipients) in its country; sub-processors pass nothing
                // on, as in most real chains, so no chain grows with the size.
                let processors = (recipients * 4 / 5).max(1);
                let a = rng.below(processors);
                let subs = recipients - processors;
                let same: Vec<usize> = (0..8)
                    .map(|k| processors + (a + k * 7) % subs.max(1))
                    .filter(|&b| b < recipients && b != a && sinks[b].country == sinks[a].country)
                    .collect();
                match same.first() {
                    Some(&b) => {
                        let data = sample(&mut rng, CATEGORIES, 2);
                        w.flow(
                            &format!("rc{a}"),
                            &format!("rc{b}"),
                            &data,
                            &["analytics.usage"],
                            None,
                            None,
                            &["s-share"],
                        );
                        sinks[a].onward.push(data);
                    }
                    None => share(&mut w, &mut rng, &mut sinks, a),
                }
            }
            _ => {
                let j = rng.below(recipients);
                share(&mut w, &mut rng, &mut sinks, j);
            }
        }
        budget = budget.saturating_sub(1);
    }
    // Onward flows, counted once every share is written: in the EEA nothing; outside,
    // a flow that passes on data shared into the recipient is an onward transfer (FM205),
    // or, from a service provider, a transfer under EU law of its own (FM201; FM202 when
    // the place is not adequate, as these flows name no mechanism).
    for sink in &sinks {
        if EEA.contains(&sink.country) {
            continue;
        }
        for data in &sink.onward {
            if !data.iter().any(|c| sink.received.contains(c)) {
                continue;
            }
            if sink.processor {
                w.expect("FM201");
                if !ADEQUATE.contains(&sink.country) {
                    w.expect("FM202");
                }
            } else if !ADEQUATE.contains(&sink.country) {
                // Onward into a place the EU finds adequate needs nothing more.
                w.expect("FM205");
            }
        }
    }

    defect_kits(&mut w);

    let inventory = format!(
        "// Generated by flowmap::synth (sources {}, stores {}, recipients {}, flows {}, seed {}).\nInventory(\n    name: \"Synthetic inventory\",\n    controller: Some(\"Synth Ltd\"),\n    established: [],\n    representatives: [\"GB\"],\n    policy: Some(\"policy.ron\"),\n    taxonomy: Some(\"taxonomy.ron\"),\n    as_of: Some(\"2024-06-01\"),\n    sources: [\n{}    ],\n    stores: [\n{}    ],\n    recipients: [\n{}    ],\n    flows: [\n{}    ],\n)\n",
        params.sources,
        params.stores,
        params.recipients,
        params.flows,
        params.seed,
        w.sources,
        w.stores,
        w.recipients,
        w.flows
    );
    Synth {
        inventory,
        policy: POLICY.to_string(),
        taxonomy: include_str!("../../inventory/taxonomy.ron").to_string(),
        expected: w.expected,
    }
}
