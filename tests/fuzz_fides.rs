//! Fuzzing the Fides YAML reader and `import fides` (SECURITY.md): structure-aware
//! mutations of real manifests — Fides' sample project, the demo project, a PyYAML dump
//! with anchors, and flowmap's own export of the shipped inventory — with anchors and
//! aliases planted and repeated (bombs), quoting flipped, block scalars, the text the
//! old scanner misread (`Rock 'n roll`, `"a\\"`), YAML 1.1 words, hostile text, lines
//! deleted, duplicated and swapped, truncation. Each case must import or be refused with
//! a message naming the file (and a position when the YAML itself is at fault), never
//! panic or overrun [`CASE_TIMEOUT_MS`]; an import's inventory must load or be refused,
//! and what it writes must be free of raw control and bidi characters.
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release --test fuzz_fides -- --ignored
//! ```

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

use flowmap::interop::fides;

/// Longest any case may take.
const CASE_TIMEOUT_MS: u32 = 20_000;

fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fides");
    let mut texts = Vec::new();
    for dir in ["sample_project", "demo", "pyyaml"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yml"))
            .collect();
        paths.sort();
        texts.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    }
    let loaded = flowmap::load::load(&flowmap::Origin::Builtin).unwrap();
    let graph = flowmap::FlowGraph::new(loaded);
    texts.extend(fides::export(&graph).unwrap().into_iter().map(|(_, t)| t));
    texts
}

/// What is put into a manifest.
const PIECES: &[&str] = &[
    "&a ",
    "*a",
    "&b [x, y]",
    "*b",
    "<<: *a",
    "&a [*a]",
    "Rock 'n roll",
    "\"a\\\\\"",
    "'it''s'",
    "|\n  *not\n",
    ">-\n  &not\n",
    "no",
    "yes",
    "on",
    "2024-01-01",
    "1.0",
    "~",
    "null",
    "# c",
    ": ",
    "- ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\t",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{0}",
    "\u{feff}",
    "!!str ",
    "!!binary ",
    "!tag ",
    "%YAML 1.1\n---\n",
    "---\n",
    "...\n",
    "\"\\u202e\"",
    "\\",
    "Sales *EU* & Research &Development",
    "fides_key: x\n",
    "  - fides_key: dup\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, &'static str),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
    /// A bomb: `depth` levels of `width` aliases, before the manifest.
    Bomb(usize, usize),
    /// An anchor on one line's value and aliases to it on others.
    Share(usize, Vec<usize>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), prop::sample::select(PIECES)).prop_map(|(i, p)| Mutation::Insert(i, p)),
        1 => any::<usize>().prop_map(Mutation::DeleteLine),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (2usize..12, 2usize..40).prop_map(|(d, w)| Mutation::Bomb(d, w)),
        2 => (any::<usize>(), prop::collection::vec(any::<usize>(), 1..20)).prop_map(|(a, b)| Mutation::Share(a, b)),
    ]
}

fn boundary(text: &str, mut i: usize) -> usize {
    i %= text.len() + 1;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, m: &Mutation) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::Insert(i, piece) => {
            let at = boundary(text, *i);
            text.insert_str(at, piece);
            return;
        }
        Mutation::Truncate(i) => {
            let at = boundary(text, *i);
            text.truncate(at);
            return;
        }
        Mutation::Bomb(depth, width) => {
            let mut bomb = String::from("b0: &b0 [lol, lol]\n");
            for level in 1..*depth {
                let refs = vec![format!("*b{}", level - 1); *width].join(", ");
                bomb.push_str(&format!("b{level}: &b{level} [{refs}]\n"));
            }
            text.insert_str(0, &bomb);
            return;
        }
        Mutation::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
        Mutation::Share(anchor, aliases) if !lines.is_empty() => {
            // `key: value` → `key: &s value` on one line, `key: *s` on others.
            if let Some(i) = lines[anchor % n].find(": ") {
                lines[anchor % n].insert_str(i + 2, "&s ");
                for a in aliases {
                    let line = &mut lines[a % n];
                    if let Some(j) = line.find(": ") {
                        line.truncate(j + 2);
                        line.push_str("*s");
                    }
                }
            }
        }
        _ => {}
    }
    *text = lines.join("\n");
    text.push('\n');
}

fn case() -> impl Strategy<Value = Vec<String>> {
    let seeds = seeds();
    let count = seeds.len();
    (
        prop::collection::vec(0..count, 1..4),
        prop::collection::vec(mutation(), 0..8),
    )
        .prop_map(move |(picked, mutations)| {
            let mut files: Vec<String> = picked.iter().map(|&i| seeds[i].clone()).collect();
            for (k, m) in mutations.iter().enumerate() {
                let f = k % files.len();
                apply(&mut files[f], m);
            }
            files
        })
}

fn exercise(files: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    let manifests = dir.path().join("in");
    std::fs::create_dir(&manifests).unwrap();
    for (i, text) in files.iter().enumerate() {
        std::fs::write(manifests.join(format!("{i}.yml")), text).unwrap();
    }
    let out = dir.path().join("inventory.ron");
    match fides::import_dir(&manifests, &out) {
        Ok(imported) => {
            assert!(
                !imported
                    .ron
                    .chars()
                    .any(|c| c != '\n' && flowmap::sanitize::is_hazard(c)),
                "raw control or bidi character in the inventory written"
            );
            fides::import::write(&imported, &out, false).unwrap();
            // It loads, or is refused with a message (a placeholder, say): never a panic.
            if let Ok(loaded) = flowmap::load::load(&flowmap::Origin::Path(out)) {
                let graph = flowmap::FlowGraph::new(loaded);
                fides::export(&graph).unwrap();
            }
        }
        Err(e) => {
            assert!(e.file.starts_with(&manifests), "{e}");
            assert!(
                e.message.chars().count() <= flowmap::text::MAX_MESSAGE + 1,
                "{e}"
            );
            if e.message.starts_with("not valid YAML") || e.message.contains("replayed nodes") {
                assert!(e.position.is_some(), "a YAML error without a position: {e}");
            }
        }
    }
}

fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        timeout: CASE_TIMEOUT_MS,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// A few seconds of mutated manifests in `cargo test`.
    #[test]
    fn manifests_short(files in case()) {
        exercise(&files);
    }
}

proptest! {
    #![proptest_config(config(20_000))]

    /// The long run (`--ignored`, in release mode).
    #[test]
    #[ignore = "long fuzz run: cargo test --release --test fuzz_fides -- --ignored"]
    fn manifests_long(files in case()) {
        exercise(&files);
    }
}
