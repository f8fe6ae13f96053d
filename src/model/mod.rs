//! The serde model of flowmap's input files: the inventory, the policy, the taxonomy and
//! the jurisdiction table. Types mirror DESIGN.md field for field; unknown fields are
//! rejected everywhere so that a typo never passes silently.

pub mod date;
pub mod inventory;
pub mod jurisdiction;
pub mod law;
pub mod policy;
pub mod taxonomy;

pub use date::Date;

/// A name in the inventory: an id, a category, a purpose, a section id. Names up to 24
/// bytes are kept inline, without an allocation of their own, so the million-odd short
/// names of a 100,000-flow inventory cost their 24 bytes and no more (a `String` costs
/// those plus a heap chunk of at least 32 bytes). It reads as a `&str` wherever one is
/// wanted.
pub type Name = compact_str::CompactString;
pub use inventory::{
    Basis, Channel, Flow, Inventory, Mechanism, Operator, Recipient, RecipientKind, Source, Store,
};
pub use jurisdiction::Jurisdictions;
pub use policy::{Policy, Section};
pub use taxonomy::{Taxonomy, Term};
