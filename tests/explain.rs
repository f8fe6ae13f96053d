//! The binary describes itself: `flowmap explain` for every rule (and each explanation's
//! example really fires its rule when checked), `flowmap taxonomy`, and messages that
//! name those commands and `docs/` instead of files a user does not have.

mod support;

use std::path::Path;

use flowmap::Rule;
use support::flowmap_run;

/// The example's files (```` ```ron file=NAME ```` blocks) and its command (the
/// `flowmap check …` line of the ```` ```sh ```` block).
fn example(text: &str) -> (Vec<(String, String)>, Vec<String>) {
    let example = text
        .split("## Example\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## Fix").next())
        .expect("an Example section");
    let mut files = Vec::new();
    for block in example.split("```ron file=").skip(1) {
        let (name, rest) = block.split_once('\n').unwrap();
        let body = rest.split("\n```").next().unwrap();
        files.push((name.trim().to_string(), format!("{body}\n")));
    }
    let command = example
        .lines()
        .find(|l| l.starts_with("flowmap check"))
        .expect("a `flowmap check` command")
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    (files, command)
}

/// The fix's changes: per ```` ```diff file=NAME ```` block, the file, the lines it
/// removes and the lines it puts in their place (`-` and `+` lines, in one run).
fn fixes(text: &str) -> Vec<(String, String, String)> {
    let fix = text.split("\n## Fix\n").nth(1).expect("a Fix section");
    fix.split("```diff file=")
        .skip(1)
        .map(|block| {
            let (name, rest) = block.split_once('\n').unwrap();
            let body = rest.split("\n```").next().unwrap();
            let side = |mark: char| {
                body.lines()
                    .filter_map(|l| l.strip_prefix(mark))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            (name.trim().to_string(), side('-'), side('+'))
        })
        .collect()
}

/// The example's files with the fix applied (each removed run of lines found once).
fn fixed(rule: Rule, files: &[(String, String)], text: &str) -> Vec<(String, String)> {
    let mut files = files.to_vec();
    for (name, old, new) in fixes(text) {
        let file = files
            .iter_mut()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{rule}: the fix changes {name}, a file of the example"));
        assert_eq!(
            file.1.matches(&old).count(),
            1,
            "{rule}: `{old}` once in {name}"
        );
        file.1 = if new.is_empty() {
            file.1.replacen(&format!("{old}\n"), "", 1)
        } else {
            file.1.replacen(&old, &new, 1)
        };
    }
    files
}

/// Rules whose fix is a judgement recorded in a waiver, not a change to the example:
/// information for the auditor (FM201), an assessment (FM209), onward clauses (FM205).
const FIXED_BY_A_WAIVER: [Rule; 3] = [Rule::FM201, Rule::FM205, Rule::FM209];

/// Runs the example in a fresh folder: the rule ids of the unwaived findings
/// `check --format json` reports.
fn fired(dir: &Path, files: &[(String, String)], command: &[String]) -> Vec<String> {
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap();
    }
    let output = assert_cmd::Command::cargo_bin("flowmap")
        .unwrap()
        .current_dir(dir)
        .args(command)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{command:?}: {e}\n{stdout}"));
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived"] != true)
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_rule_is_explained_its_example_fires_it_and_its_fix_clears_it() {
    for rule in Rule::ALL {
        let (code, text, err) = flowmap_run(&["explain", rule.id()]);
        assert_eq!(code, 0, "{rule}: {err}");
        let file = format!("{}/docs/rules/{rule}.md", env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            text,
            std::fs::read_to_string(&file).unwrap(),
            "the binary prints docs/rules/{rule}.md"
        );
        for heading in [
            "## What it checks",
            "## Why",
            "## The law",
            "## Example",
            "## Fix",
        ] {
            assert!(text.contains(heading), "{rule}: {heading}");
        }
        let (files, command) = example(&text);
        assert!(!files.is_empty(), "{rule}: the example has files");
        let dir = tempfile::tempdir().unwrap();
        let rules = fired(dir.path(), &files, &command);
        assert!(
            rules.iter().any(|r| r == rule.id()),
            "{rule}'s example reports {rules:?}"
        );
        if FIXED_BY_A_WAIVER.contains(rule) {
            continue;
        }
        assert!(!fixes(&text).is_empty(), "{rule}: the fix shows its change");
        let dir = tempfile::tempdir().unwrap();
        let rules = fired(dir.path(), &fixed(*rule, &files, &text), &command);
        assert!(
            !rules.iter().any(|r| r == rule.id()),
            "{rule}'s fix still reports it: {rules:?}"
        );
    }
}

#[test]
fn an_unknown_rule_exits_2_with_the_nearest_id_and_case_does_not_matter() {
    let (code, _, err) = flowmap_run(&["explain", "FM2O2"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `FM202`?"), "{err}");
    let (code, text, _) = flowmap_run(&["explain", "fm202"]);
    assert_eq!(code, 0);
    assert!(text.starts_with("# FM202: "), "{text}");
}

#[test]
fn explain_alone_lists_every_rule() {
    let (code, text, _) = flowmap_run(&["explain"]);
    assert_eq!(code, 0);
    for rule in Rule::ALL {
        let info = rule.info();
        assert!(
            text.lines()
                .any(|l| l.starts_with(info.id) && l.contains(info.title)),
            "{rule} in:\n{text}"
        );
    }
}

#[test]
fn taxonomy_prints_every_built_in_name_as_a_table_or_as_ron() {
    let builtin = flowmap::load::default_taxonomy();
    let (code, table, _) = flowmap_run(&["taxonomy"]);
    assert_eq!(code, 0);
    for term in builtin.categories.iter().chain(&builtin.purposes) {
        assert!(
            table
                .lines()
                .any(|l| l.split_whitespace().next() == Some(term.name.as_str())),
            "{} in the table",
            term.name
        );
    }
    // Data that is no longer personal says so (GDPR Recital 26).
    let aggregated = table
        .lines()
        .find(|l| l.split_whitespace().next() == Some("aggregated"))
        .unwrap();
    assert!(aggregated.contains("[not personal data"), "{aggregated}");
    let (code, ron_text, _) = flowmap_run(&["taxonomy", "--format", "ron"]);
    assert_eq!(code, 0);
    assert!(
        ron_text.contains("personal: false"),
        "the RON keeps the mark"
    );
    let parsed: flowmap::model::Taxonomy = ron::from_str(&ron_text).unwrap();
    assert_eq!(parsed, builtin, "the RON is the built-in taxonomy");
}

#[test]
fn messages_name_commands_and_docs_not_files_a_user_does_not_have() {
    let dir = tempfile::tempdir().unwrap();
    let fm004 = Rule::FM004.explanation().unwrap();
    let (files, _) = example(fm004);
    for (name, body) in &files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let inventory = dir.path().join("inventory.ron");
    let (_, out, _) = flowmap_run(&["check", inventory.to_str().unwrap()]);
    assert!(
        out.contains("`flowmap taxonomy` lists the known names"),
        "{out}"
    );
    assert!(!out.contains("<built-in>/taxonomy.ron"), "{out}");

    let fm001 = Rule::FM001.explanation().unwrap();
    let (files, _) = example(fm001);
    std::fs::write(&inventory, &files[0].1).unwrap();
    let (code, _, err) = flowmap_run(&["check", inventory.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `collects`?"), "{err}");
    assert!(err.contains("docs/inventory.md"), "{err}");
    assert!(!err.contains("DESIGN.md"), "{err}");
}

/// Every relative link of `docs/` leads to a file of the repository (`docs/law.md` is
/// the lead's, linked before it lands, and checked once it exists).
#[test]
fn the_docs_links_lead_somewhere() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["docs", "docs/rules"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    assert!(pages.len() > Rule::ALL.len(), "docs/ and docs/rules/");
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        for link in text.split("](").skip(1) {
            let target = link.split(')').next().unwrap().split('#').next().unwrap();
            if target.is_empty() || target.contains("://") || target.ends_with("law.md") {
                continue;
            }
            let resolved = page.parent().unwrap().join(target);
            assert!(resolved.exists(), "{}: {target}", page.display());
        }
    }
}

#[test]
fn the_rules_page_lists_every_rule_with_its_page() {
    let page = include_str!("../docs/rules.md");
    for rule in Rule::ALL {
        let info = rule.info();
        let row = format!(
            "| [{rule}](rules/{rule}.md) | {} | {} |",
            info.severity, info.title
        );
        assert!(page.contains(&row), "{row}");
    }
}
