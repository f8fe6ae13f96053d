//! Other tools' formats, in and out: Ethyca Fides manifests (`fides`), read through a
//! YAML reader made for untrusted files (`yaml`).

pub mod fides;
pub mod yaml;
