//! Writes a synthetic inventory (inventory.ron, policy.ron, taxonomy.ron) and the
//! findings it must produce (expected.txt) into a folder:
//!
//! ```sh
//! cargo run --release --example synth -- --sources 5000 --stores 5000 --recipients 10000 \
//!     --flows 100000 --seed 7 --out /tmp/synth-100k
//! ```
//!
//! Any count left out follows `--flows` (1 source and 1 store and 2 recipients per 20
//! flows). Same arguments, same bytes.
//!
//! `--shape legacy --systems N` writes the "legacy import" shape instead: N systems with
//! about 21 findings each, as a first import of an old data map has
//! (`flowmap::synth::legacy_import`).

use std::path::PathBuf;
use std::process::ExitCode;

use flowmap::synth::{Params, generate, legacy_import};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut values: Vec<(String, String)> = Vec::new();
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("synth: {flag} needs a value");
            return ExitCode::from(2);
        };
        values.push((flag, value));
    }
    let get = |name: &str| {
        values
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, v)| v.clone())
    };
    let number = |name: &str| -> Result<Option<usize>, String> {
        get(name)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| format!("{name} takes a whole number, not `{v}`"))
            })
            .transpose()
    };
    let result = (|| -> Result<(), String> {
        if let Some((flag, _)) = values.iter().find(|(f, _)| {
            ![
                "--sources",
                "--stores",
                "--recipients",
                "--flows",
                "--seed",
                "--out",
                "--shape",
                "--systems",
            ]
            .contains(&f.as_str())
        }) {
            return Err(format!("unknown option {flag}"));
        }
        let flows = number("--flows")?.unwrap_or(1000);
        let seed = number("--seed")?.unwrap_or(1) as u64;
        let mut params = Params::for_flows(flows, seed);
        params.sources = number("--sources")?.unwrap_or(params.sources);
        params.stores = number("--stores")?.unwrap_or(params.stores);
        params.recipients = number("--recipients")?.unwrap_or(params.recipients);
        let synth = match get("--shape").as_deref() {
            None | Some("map") => generate(&params),
            Some("legacy") => legacy_import(number("--systems")?.unwrap_or(5000), seed),
            Some(other) => return Err(format!("--shape is `map` or `legacy`, not `{other}`")),
        };
        let out = PathBuf::from(get("--out").unwrap_or_else(|| format!("synth-{flows}")));
        std::fs::create_dir_all(&out)
            .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
        for (name, text) in synth.files() {
            std::fs::write(out.join(name), text)
                .map_err(|e| format!("cannot write {name}: {e}"))?;
        }
        let expected: String = synth
            .expected
            .iter()
            .map(|(rule, n)| format!("{rule} {n}\n"))
            .collect();
        std::fs::write(out.join("expected.txt"), expected).map_err(|e| e.to_string())?;
        println!(
            "wrote {} ({} bytes of inventory)",
            out.display(),
            synth.inventory.len()
        );
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!(
                "synth: {message}\nusage: synth --flows M [--sources N --stores N --recipients N --seed S --out DIR]\n       synth --shape legacy --systems N [--seed S --out DIR]"
            );
            ExitCode::from(2)
        }
    }
}
