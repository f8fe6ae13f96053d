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
pub use inventory::{
    Basis, Channel, Flow, Inventory, Mechanism, Operator, Recipient, RecipientKind, Source, Store,
};
pub use jurisdiction::Jurisdictions;
pub use policy::{Policy, Section};
pub use taxonomy::{Taxonomy, Term};
