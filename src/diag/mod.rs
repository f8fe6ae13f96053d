//! Diagnostics, the bottom layer: where something is written (`Span`, `Location`), the
//! rule table (`Rule`, `Severity`), and a rule firing on a subject (`Finding`, with what
//! it rests on). Loading turns its errors into findings and the checks produce them;
//! both sit above this module and below nothing else of flowmap's.

pub mod explain;
pub mod finding;
pub mod location;
pub mod rules;

pub use finding::{Finding, RestsOn, Summary};
pub use location::{Location, Span};
pub use rules::{Rule, RuleInfo, Severity};
