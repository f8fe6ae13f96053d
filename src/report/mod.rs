//! Writing a check report: for people (`human`) and machines (`json`).

pub mod human;
pub mod json;

use std::fmt;
use std::str::FromStr;

/// The output formats of `flowmap check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Coloured on a terminal, with the offending line quoted.
    Human,
    /// One JSON object: findings and summary.
    Json,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Human => "human",
            Format::Json => "json",
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            _ => Err(format!("unknown format `{s}`")),
        }
    }
}
