//! flowmap: map where personal data goes, and check it against the privacy policy and
//! transfer law. `docs/` describes every file format and rule; README.md gives the tour.
//!
//! # Layers
//!
//! Each module uses only modules on its own layer or below; `tests/layers.rs` fails when
//! one names a module above it, and when anything but the binary (`main.rs` and its
//! `cli/` modules) uses clap.
//!
//! ```text
//!   main.rs, cli/   the binary: clap arguments, anyhow glue, exit codes 0/1/2
//!  ───────────────────────────────────────────────────────────────────────────
//!   6  tui          the terminal UI: one Screen per tab, layout, drawing, update
//!   5  report       check reports: human, json, sarif, github
//!      export       dot, mermaid, json, ropa_csv
//!      trace        every path data takes        diff     what a change does
//!      synth        synthetic inventories for benchmarks and scale tests
//!      interop      Fides manifests in and out (YAML)
//!   4  check        the rule families (integrity, policy, transfer, record), waivers
//!   3  graph        FlowGraph: the inventory as a petgraph graph, cross-border flags
//!   2  load         files, RON with positions, validation; LoadError
//!   1  diag         Span, Location, Rule, Severity, Finding, RestsOn
//!      model        serde types: inventory, policy, taxonomy, jurisdictions and law
//!   0  sanitize     text safe for terminals, JSON, DOT …
//!      suggest      "did you mean"               text     "+N more", NO_COLOR
//!      markdown     code spans and prose for every --format markdown
//! ```
//!
//! A new rule goes into the family module under `check/` that owns its id range, with
//! its row in `diag::rules`; a new export format is one module under `export/` beside
//! `dot.rs`; a new tab is one module under `tui/` implementing `Screen`, one `Tab` variant
//! and one row in `tui::screen::SCREENS`.

pub mod check;
pub mod diag;
pub mod diff;
pub mod export;
pub mod graph;
pub mod interop;
pub mod load;
pub mod markdown;
pub mod model;
pub mod report;
pub mod sanitize;
pub mod suggest;
pub mod synth;
pub mod text;
pub mod trace;
pub mod tui;

pub use check::{CheckOptions, Finding, Report, Rule, Severity};
pub use graph::FlowGraph;
pub use load::{LoadError, Loaded, Origin, load};
