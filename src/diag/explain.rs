//! The long explanation of every rule (`flowmap explain FM202`): what it checks, why,
//! the law, an example that fires it and its fix. The text is `docs/rules/<id>.md`,
//! compiled in, so the repository's docs and the binary say the same thing;
//! `tests/explain.rs` checks that every rule has one and that each example fires its rule.

use super::Rule;

/// (rule id, its explanation in Markdown).
const EXPLANATIONS: &[(&str, &str)] = &[
    ("FM001", include_str!("../../docs/rules/FM001.md")),
    ("FM002", include_str!("../../docs/rules/FM002.md")),
    ("FM003", include_str!("../../docs/rules/FM003.md")),
    ("FM004", include_str!("../../docs/rules/FM004.md")),
    ("FM005", include_str!("../../docs/rules/FM005.md")),
    ("FM006", include_str!("../../docs/rules/FM006.md")),
    ("FM101", include_str!("../../docs/rules/FM101.md")),
    ("FM102", include_str!("../../docs/rules/FM102.md")),
    ("FM103", include_str!("../../docs/rules/FM103.md")),
    ("FM104", include_str!("../../docs/rules/FM104.md")),
    ("FM105", include_str!("../../docs/rules/FM105.md")),
    ("FM106", include_str!("../../docs/rules/FM106.md")),
    ("FM107", include_str!("../../docs/rules/FM107.md")),
    ("FM108", include_str!("../../docs/rules/FM108.md")),
    ("FM201", include_str!("../../docs/rules/FM201.md")),
    ("FM202", include_str!("../../docs/rules/FM202.md")),
    ("FM203", include_str!("../../docs/rules/FM203.md")),
    ("FM204", include_str!("../../docs/rules/FM204.md")),
    ("FM205", include_str!("../../docs/rules/FM205.md")),
    ("FM206", include_str!("../../docs/rules/FM206.md")),
    ("FM207", include_str!("../../docs/rules/FM207.md")),
    ("FM208", include_str!("../../docs/rules/FM208.md")),
    ("FM209", include_str!("../../docs/rules/FM209.md")),
    ("FM210", include_str!("../../docs/rules/FM210.md")),
    ("FM301", include_str!("../../docs/rules/FM301.md")),
    ("FM302", include_str!("../../docs/rules/FM302.md")),
    ("FM303", include_str!("../../docs/rules/FM303.md")),
    ("FM304", include_str!("../../docs/rules/FM304.md")),
    ("FM305", include_str!("../../docs/rules/FM305.md")),
    ("FM401", include_str!("../../docs/rules/FM401.md")),
    ("FM402", include_str!("../../docs/rules/FM402.md")),
];

impl Rule {
    /// The rule's long explanation (Markdown), `None` only for a rule added without one
    /// (a test fails then).
    pub fn explanation(self) -> Option<&'static str> {
        EXPLANATIONS
            .iter()
            .find(|(id, _)| *id == self.id())
            .map(|(_, text)| *text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_an_explanation_that_starts_with_its_id() {
        for rule in Rule::ALL {
            let text = rule
                .explanation()
                .unwrap_or_else(|| panic!("{rule} has none"));
            assert!(text.starts_with(&format!("# {rule}: ")), "{rule}");
        }
        assert_eq!(
            EXPLANATIONS.len(),
            Rule::ALL.len(),
            "no explanation without a rule"
        );
    }
}
