//! Every test that runs an outside program (Graphviz `dot`, `tmux`, `man`, a Python with
//! `fideslang`) is marked so that, on a machine without it, `cargo test` lists it as
//! ignored with what it needs — visible in the summary, not a quiet `ok` — while under
//! `CI=true` it runs and fails if the program is missing (`build.rs` sets no cfg there;
//! `support::require_tool` panics).

/// (what a test's body calls, the cfg its `ignore` must name).
const NEEDS: &[(&str, &str)] = &[
    ("support::graphviz(", "flowmap_no_dot"),
    ("require_tool(\"dot\"", "flowmap_no_dot"),
    ("require_tool(\"tmux\"", "flowmap_no_tmux"),
    ("require_tool(\"man\"", "flowmap_no_man"),
    ("fideslang_python(", "flowmap_no_fideslang"),
];

#[test]
fn every_test_that_needs_a_program_is_ignored_with_a_reason_where_it_is_missing() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let mut unmarked = Vec::new();
    let mut marked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("external_programs.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Each piece runs from one `#[test]` to the next: the test's attributes and body
        // (and whatever helpers follow it, which only makes the check stricter).
        for piece in text.split("#[test]").skip(1) {
            let (head, body) = piece.split_once("\nfn ").unwrap_or((piece, ""));
            let name = body.split('(').next().unwrap_or("?");
            let body = body.split("\n}\n").next().unwrap_or(body);
            for (call, cfg) in NEEDS {
                if body.contains(call) {
                    // However rustfmt lays the attribute out.
                    let attribute = format!("cfg_attr({cfg},ignore=\"needs");
                    let head: String = head.chars().filter(|c| !c.is_whitespace()).collect();
                    if head.contains(&attribute) {
                        marked += 1;
                    } else {
                        unmarked.push(format!("{}: {name} ({cfg})", path.display()));
                    }
                }
            }
        }
    }
    assert!(
        unmarked.is_empty(),
        "tests that call an outside program without `#[cfg_attr({{cfg}}, ignore = \"needs …\")]`:\n{}",
        unmarked.join("\n")
    );
    assert!(marked >= 8, "the scan finds the marked tests ({marked})");
}

/// The cfgs the tests name are the ones `build.rs` sets.
#[test]
fn build_rs_sets_every_cfg_the_tests_name() {
    let build = include_str!("../build.rs");
    for (_, cfg) in NEEDS {
        assert!(
            build.contains(&format!("\"{cfg}\"")) || build.contains(&format!("={cfg}")),
            "{cfg}"
        );
    }
}
