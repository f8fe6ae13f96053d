//! Writing a check report: for people (`human`) and machines (`json`).

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::fmt;
use std::str::FromStr;

/// The output formats of `flowmap check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Coloured on a terminal, with the offending line quoted.
    Human,
    /// One JSON object: findings and summary.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands that annotate the offending lines.
    Github,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            _ => Err(format!("unknown format `{s}`")),
        }
    }
}
