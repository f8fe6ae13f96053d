//! Policy rules FM101–FM108: is every flow disclosed by the policy sections it cites?
//!
//! A flow is disclosed when its cited sections, taken together, disclose every category
//! in its `data` and every purpose (both by prefix: a section that discloses `contact`
//! discloses `contact.email`, as Fides matches its taxonomies), the destination's
//! recipient kind, every destination location that is cross-border for it (a section's
//! `*`, "any other country", discloses every location) and its mechanism. A flow that
//! cites nothing is FM101 and is then judged against the whole policy.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::finding::RestsOn;
use super::{CheckOptions, Finding, Rule, eu_law};
use crate::graph::{FlowGraph, NodeKind};
use crate::load::Step::{Field, Index};
use crate::load::{Location, SourceFile};
use crate::model::taxonomy::is_within;
use crate::model::{Jurisdictions, Name, Policy, Section};

/// Appends the policy findings of `graph` to `out`; nothing when there is no policy.
pub fn check(graph: &FlowGraph, options: &CheckOptions, out: &mut Vec<Finding>) {
    let Some((policy, policy_file)) = &graph.loaded().policy else {
        return;
    };
    let mut masks = Masks::new(&policy.sections);
    for i in 0..graph.inventory().flows.len() {
        flow_disclosure(graph, policy, i, masks.as_mut(), options, out);
    }
    children(graph, policy, out);
    uncited_sections(graph, policy, policy_file, out);
}

/// For each category and purpose a flow names, the sections that disclose it, as a
/// bitmask computed once per distinct name: checking a flow is then one lookup per item
/// instead of a prefix comparison against every section. (`None` past 128 sections; the
/// direct comparison is used then.)
struct Masks<'a> {
    sections: &'a [Section],
    index: FxHashMap<&'a str, u32>,
    categories: FxHashMap<&'a str, u128>,
    purposes: FxHashMap<&'a str, u128>,
}

impl<'a> Masks<'a> {
    fn new(sections: &'a [Section]) -> Option<Masks<'a>> {
        (sections.len() <= 128).then(|| Masks {
            sections,
            index: sections
                .iter()
                .enumerate()
                .map(|(k, s)| (s.id.as_str(), k as u32))
                .collect(),
            categories: FxHashMap::default(),
            purposes: FxHashMap::default(),
        })
    }

    /// The sections among `cited` (all, for `None`) as a mask.
    fn cited(&self, cited: Option<&[Name]>) -> u128 {
        match cited {
            None => u128::MAX,
            Some(ids) => ids
                .iter()
                .filter_map(|id| self.index.get(id.as_str()))
                .fold(0, |m, &k| m | 1 << k),
        }
    }

    fn category(&mut self, name: &'a str) -> u128 {
        let sections = self.sections;
        *self
            .categories
            .entry(name)
            .or_insert_with(|| mask(sections, |s| s.collects.iter().any(|c| is_within(name, c))))
    }

    fn purpose(&mut self, name: &'a str) -> u128 {
        let sections = self.sections;
        *self
            .purposes
            .entry(name)
            .or_insert_with(|| mask(sections, |s| s.purposes.iter().any(|p| is_within(name, p))))
    }
}

fn mask(sections: &[Section], discloses: impl Fn(&Section) -> bool) -> u128 {
    sections
        .iter()
        .enumerate()
        .filter(|(_, s)| discloses(s))
        .fold(0, |m, (k, _)| m | 1 << k)
}

/// What a finding about one undisclosed item needs to say.
struct Gap<'a> {
    rule: Rule,
    /// "the data category `contact.email`".
    what: String,
    location: Location,
    /// Sections not cited that would disclose it.
    others: Vec<&'a str>,
}

fn flow_disclosure<'a>(
    graph: &'a FlowGraph,
    policy: &'a Policy,
    i: usize,
    mut masks: Option<&mut Masks<'a>>,
    options: &CheckOptions,
    out: &mut Vec<Finding>,
) {
    let file = &graph.loaded().inventory_file;
    let flow = graph.flow(i);
    let id = graph.flow_id(i);
    let at = |path: &[crate::load::Step<'_>]| {
        let mut full = vec![Field("flows"), Index(i)];
        full.extend_from_slice(path);
        file.locate(&full)
    };
    let whole_policy = flow.policy.is_empty();
    if whole_policy {
        out.push(
            Finding::new(
                Rule::FM101,
                id,
                "the flow cites no policy section: list the sections that disclose it in `policy` (it is judged against the whole policy meanwhile)",
                file.locate_entry(&[Field("flows"), Index(i)]),
            )
            .resting_on(eu_law(
                options.as_of,
                "Art. 13(1)(c)-(f), Art. 14",
                "Art. 10, Art. 11",
            )),
        );
    }
    let cited: Vec<&Section> = if whole_policy {
        policy.sections.iter().collect()
    } else {
        policy
            .sections
            .iter()
            .filter(|s| flow.policy.iter().any(|p| *p == s.id))
            .collect()
    };
    let uncited = || {
        policy
            .sections
            .iter()
            .filter(|s| whole_policy || !flow.policy.iter().any(|p| *p == s.id))
    };
    let others = |test: &dyn Fn(&Section) -> bool| -> Vec<&str> {
        if whole_policy {
            Vec::new()
        } else {
            // Sorted, so that no message depends on the order of the sections.
            let mut ids: Vec<&str> = uncited()
                .filter(|s| test(s))
                .map(|s| s.id.as_str())
                .collect();
            ids.sort_unstable();
            ids
        }
    };

    let mut gaps: Vec<Gap<'_>> = Vec::new();
    let cited_mask = masks
        .as_ref()
        .map(|m| m.cited((!whole_policy).then_some(&flow.policy[..])));
    for (k, category) in flow.data.iter().enumerate() {
        let discloses = |s: &Section| s.collects.iter().any(|c| is_within(category, c));
        let covered = match (masks.as_deref_mut(), cited_mask) {
            (Some(m), Some(cited)) => m.category(category) & cited != 0,
            _ => cited.iter().any(|s| discloses(s)),
        };
        if !covered {
            gaps.push(Gap {
                rule: Rule::FM102,
                what: format!("the data category `{category}`"),
                location: at(&[Field("data"), Index(k)]),
                others: others(&discloses),
            });
        }
    }
    for (k, purpose) in flow.purposes.iter().enumerate() {
        let discloses = |s: &Section| s.purposes.iter().any(|p| is_within(purpose, p));
        let covered = match (masks.as_deref_mut(), cited_mask) {
            (Some(m), Some(cited)) => m.purpose(purpose) & cited != 0,
            _ => cited.iter().any(|s| discloses(s)),
        };
        if !covered {
            gaps.push(Gap {
                rule: Rule::FM103,
                what: format!("the purpose `{purpose}`"),
                location: at(&[Field("purposes"), Index(k)]),
                others: others(&discloses),
            });
        }
    }
    if let Some((_, to)) = graph
        .ends(i)
        .filter(|(_, to)| to.node.kind == NodeKind::Recipient)
    {
        let kind = graph.inventory().recipients[to.node.index].kind;
        let discloses = |s: &Section| s.shares_with.contains(&kind);
        if !cited.iter().any(|s| discloses(s)) {
            gaps.push(Gap {
                rule: Rule::FM104,
                what: format!("sharing with a recipient of kind `{kind}` (`{}`)", to.id),
                location: at(&[Field("to")]),
                others: others(&discloses),
            });
        }
    }
    for place in graph.cross_border_destinations(i) {
        let discloses = |s: &Section| location_disclosed(place, &s.locations, graph.as_of());
        if !cited.iter().any(|s| discloses(s)) {
            let name = Jurisdictions::builtin().name(place).unwrap_or(place);
            gaps.push(Gap {
                rule: Rule::FM105,
                what: format!("storage in or transfer to `{place}` ({name})"),
                location: at(&[Field("to")]),
                others: others(&discloses),
            });
        }
    }
    if let Some(mechanism) = flow.mechanism {
        let discloses = |s: &Section| s.mechanisms.contains(&mechanism);
        if !cited.iter().any(|s| discloses(s)) {
            gaps.push(Gap {
                rule: Rule::FM108,
                what: format!("the transfer mechanism `{mechanism}`"),
                location: at(&[Field("mechanism")]),
                others: others(&discloses),
            });
        }
    }

    let mut cited_ids: Vec<&str> = cited.iter().map(|s| s.id.as_str()).collect();
    cited_ids.sort_unstable();
    for gap in gaps {
        let message = gap_message(&gap, whole_policy, &cited_ids);
        let section = if whole_policy {
            RestsOn::WholePolicy
        } else {
            RestsOn::Sections(cited_ids.iter().map(|s| s.to_string()).collect())
        };
        out.push(Finding::new(gap.rule, id, message, gap.location).resting_on(section));
    }
}

fn gap_message(gap: &Gap<'_>, whole_policy: bool, cited: &[&str]) -> String {
    let subject = if whole_policy {
        "no section of the policy discloses".to_string()
    } else if cited.is_empty() {
        "the flow cites no section the policy has, so nothing discloses".to_string()
    } else if cited.len() == 1 {
        format!("the cited section `{}` does not disclose", cited[0])
    } else {
        format!(
            "the cited sections `{}` do not disclose",
            cited.join("`, `")
        )
    };
    let remedy = match gap.others.as_slice() {
        [] if whole_policy => "disclose it in the policy, or change the flow".to_string(),
        [] => "no other section does either: disclose it in the policy, or change the flow"
            .to_string(),
        [one] => format!("section `{one}` does: cite it in the flow's `policy`"),
        many => format!(
            "sections `{}` do: cite them in the flow's `policy`",
            many.join("`, `")
        ),
    };
    format!("{subject} {}; {remedy}", gap.what)
}

/// Whether `place` is among `disclosed`: the same code, a country inside a disclosed
/// region, the EU inside a disclosed EEA, or anything when `*` (any other country) is.
fn location_disclosed(place: &str, disclosed: &[String], on: crate::model::Date) -> bool {
    let places = Jurisdictions::builtin();
    disclosed.iter().any(|d| {
        d == "*"
            || d == place
            || places.region_contains(d, place, on)
            || (d == "EEA" && place == "EU")
    })
}

/// FM106: sources that may hold children's data when the policy says it does not
/// knowingly collect below an age.
fn children(graph: &FlowGraph, policy: &Policy, out: &mut Vec<Finding>) {
    let Some(age) = policy.children_min_age else {
        return;
    };
    let file = &graph.loaded().inventory_file;
    let section = policy
        .sections
        .iter()
        .find(|s| s.title.to_lowercase().contains("child"))
        .map_or(RestsOn::PolicyField("children_min_age"), |s| {
            RestsOn::Sections(vec![s.id.clone()])
        });
    for (i, source) in graph.inventory().sources.iter().enumerate() {
        if source.minors {
            out.push(
                Finding::new(
                    Rule::FM106,
                    source.id.as_str(),
                    format!(
                        "the source `{}` may collect from children, but the policy says it does not knowingly collect from anyone under {age}: keep children out (age gate), or change the policy and obtain parental consent (GDPR Art. 8, COPPA)",
                        source.id
                    ),
                    file.locate(&[Field("sources"), Index(i), Field("minors")]),
                )
                .resting_on(section.clone()),
            );
        }
    }
}

/// FM107: sections that disclose something but that no flow cites.
fn uncited_sections(graph: &FlowGraph, policy: &Policy, file: &SourceFile, out: &mut Vec<Finding>) {
    let cited: HashSet<&str> = graph
        .inventory()
        .flows
        .iter()
        .flat_map(|f| f.policy.iter().map(Name::as_str))
        .collect();
    for (i, section) in policy.sections.iter().enumerate() {
        let discloses = !(section.collects.is_empty()
            && section.purposes.is_empty()
            && section.shares_with.is_empty()
            && section.locations.is_empty()
            && section.mechanisms.is_empty());
        if discloses && !cited.contains(section.id.as_str()) {
            out.push(
                Finding::new(
                    Rule::FM107,
                    &section.id,
                    format!(
                        "section `{}` ({}) discloses practices that no flow cites: cite it from the flows it describes, or add the flows the inventory is missing",
                        section.id, section.title
                    ),
                    file.locate_entry(&[Field("sections"), Index(i)]),
                )
                .resting_on(RestsOn::Sections(vec![section.id.clone()])),
            );
        }
    }
}
