//! The layers of the library, as `src/lib.rs` draws them: no module names one above it
//! (`crate::…` in a `use` line or a path), and clap stays in `main.rs`. A cargo-deny-like
//! check over the source text, so a new import that turns the layers upside down fails
//! here, with the file and line.

use std::path::{Path, PathBuf};

/// Each top-level module and its layer, bottom first (see `src/lib.rs`).
const LAYERS: &[(&str, u8)] = &[
    ("sanitize", 0),
    ("suggest", 0),
    ("text", 0),
    ("markdown", 0),
    ("diag", 1),
    ("model", 1),
    ("load", 2),
    ("graph", 3),
    ("check", 4),
    ("report", 5),
    ("export", 5),
    ("trace", 5),
    ("diff", 5),
    ("synth", 5),
    ("interop", 5),
    ("tui", 6),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src/` belongs to (`None` for the binary: lib.rs,
/// main.rs and its `cli/` modules, which sit above every layer).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "cli")).then(|| name.to_string())
}

/// Whether a file is part of the binary's command line (`main.rs` and `cli/`), where
/// clap belongs.
fn in_binary(src: &Path, file: &Path) -> bool {
    let rel = file.strip_prefix(src).unwrap();
    rel == Path::new("main.rs") || rel.starts_with("cli")
}

/// Every `crate::<module>` a line names.
fn named_modules(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .map(|(k, _)| {
            let rest = &line[k + "crate::".len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn no_module_names_a_higher_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let own = layer(&module).unwrap_or_else(|| panic!("{module} has no layer in LAYERS"));
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for named in named_modules(line) {
                let Some(theirs) = layer(named) else { continue };
                if theirs > own {
                    wrong.push(format!(
                        "{}:{}: `{module}` (layer {own}) names `crate::{named}` (layer {theirs})",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines().filter(|l| l.starts_with("pub mod ")) {
        let name = line.trim_start_matches("pub mod ").trim_end_matches(';');
        assert!(layer(name).is_some(), "{name} is missing from LAYERS");
    }
}

#[test]
fn clap_stays_in_the_binary() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for file in files.iter().filter(|f| !in_binary(&src, f)) {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains("clap::"), "{} uses clap", file.display());
    }
}

#[test]
fn the_check_catches_an_upward_import() {
    assert_eq!(named_modules("use crate::tui::App;"), ["tui"]);
    assert_eq!(
        named_modules("let x = crate::check::transfer::analyse(g, crate::model::Date::today());"),
        ["check", "model"]
    );
    assert!(layer("tui") > layer("load"));
}
