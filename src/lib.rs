//! flowmap: map where personal data goes, and check it against the privacy policy and
//! transfer law. See DESIGN.md for the contract and README.md for the tour.

pub mod check;
pub mod diff;
pub mod export;
pub mod graph;
pub mod load;
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
