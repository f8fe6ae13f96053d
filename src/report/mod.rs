//! Writing a check report: for people (`human`), for machines (`json`), for GitHub code
//! scanning (`sarif`) and as GitHub Actions annotations (`github`).

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod timeline;
