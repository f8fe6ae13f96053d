//! "Did you mean …?": the nearest known name to an unknown one.

/// Names longer than this get no typo suggestion (a same-leaf one still): nobody mistypes
/// a name that long, and an edit distance costs the product of the two lengths.
pub const MAX_TYPO_CHARS: usize = 64;

/// Edit-distance steps one call may spend; past them, only same-leaf matches are looked
/// for. Bounds the cost of a call on a very large inventory or taxonomy.
pub const STEP_BUDGET: usize = 2_000_000;

/// The known name closest to `unknown`, if one is close enough to be a likely typo, or
/// names the same leaf (`email` → `contact.email`). Ties go to the earlier candidate.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let unknown_lower = unknown.to_lowercase();
    let leaf = unknown_lower.rsplit('.').next().unwrap_or("");
    let chars = unknown.chars().count();
    let limit = (chars / 3).max(2);
    let mut budget = if chars <= MAX_TYPO_CHARS {
        STEP_BUDGET
    } else {
        0
    };
    let mut best: Option<(usize, &'a str)> = None;
    let mut same_leaf: Option<&'a str> = None;
    for candidate in known {
        // A distance is at least the difference in length: skip what cannot be close
        // (the byte length bounds the character count from above, cheaply).
        let close = budget > 0
            && candidate.len() <= 4 * (chars + limit)
            && candidate.chars().count().abs_diff(chars) <= limit;
        if close {
            let steps = chars * candidate.chars().count();
            budget = budget.saturating_sub(steps.max(1));
            let distance = levenshtein(&unknown_lower, candidate);
            if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, candidate));
            }
        }
        if same_leaf.is_none() && !leaf.is_empty() && candidate.rsplit('.').next() == Some(leaf) {
            same_leaf = Some(candidate);
        }
    }
    best.map(|(_, name)| name).or(same_leaf)
}

/// Edit distance in characters (insertions, deletions, substitutions).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// ` (did you mean `x`?)`, or nothing.
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or(String::new(), |s| format!(" (did you mean `{s}`?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_and_leaves() {
        let known = [
            "contact",
            "contact.email",
            "contact.name",
            "device.ip_address",
        ];
        assert_eq!(nearest("contact.emial", known), Some("contact.email"));
        assert_eq!(nearest("email", known), Some("contact.email"));
        assert_eq!(nearest("Contact.Name", known), Some("contact.name"));
        assert_eq!(nearest("health.genome", known), None);
        let purposes = ["service", "communications", "communications.service"];
        assert_eq!(
            nearest("communication.service", purposes),
            Some("communications.service")
        );
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        // A very long name gets no typo suggestion, but still a same-leaf one.
        let long = format!("{}.email", "x".repeat(1000));
        assert_eq!(nearest(&long, known), Some("contact.email"));
        let long_known = ["a".repeat(100)];
        let typo = format!("{}b", "a".repeat(99));
        assert_eq!(nearest(&typo, long_known.iter().map(String::as_str)), None);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
