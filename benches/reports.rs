//! The check report in each format on the "legacy import" shape (`synth::legacy_import`:
//! 5,000 systems, about 105,000 findings), beside the load and check that precede it.
//! Writes into a buffered sink, so the figures are the writers' own work. Prints a
//! Markdown table.
//!
//! ```sh
//! cargo bench --bench reports            # 5,000 systems
//! cargo bench --bench reports -- 1000    # another size
//! ```

use std::io::{BufWriter, Write};

use codespan_reporting::term::termcolor::NoColor;
use flowmap::check::{self, CheckOptions};
use flowmap::report::{Shown, github, human, json, sarif};
use flowmap::synth::legacy_import;
use flowmap::{FlowGraph, load};

#[path = "support/timing.rs"]
mod timing;
use timing::{ms, time};

/// Counts the bytes written and drops them.
#[derive(Default)]
struct Count(usize);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let systems = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let synth = legacy_import(systems, 7);
    let files = synth.files();
    let repeat = 7;
    let check = || {
        let loaded = load::load_in_memory(&files, "inventory.ron").unwrap();
        let graph = FlowGraph::new(loaded);
        let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
        (graph, report)
    };
    let load_check = time(repeat, check);
    let (graph, report) = check();
    let sources = graph.loaded().files();
    let mut sizes = Vec::new();
    let mut write = |name: &str, f: &dyn Fn(&mut BufWriter<Count>) -> std::io::Result<()>| {
        let took = time(repeat, || {
            let mut out = BufWriter::with_capacity(1 << 16, Count::default());
            f(&mut out).unwrap();
            out.flush().unwrap();
            out.into_inner().ok().unwrap().0
        });
        let mut out = BufWriter::new(Count::default());
        f(&mut out).unwrap();
        sizes.push((name.to_string(), out.into_inner().ok().unwrap().0));
        took
    };
    let json = write("json", &|out| json::write_report(out, &report, Shown::ALL));
    let sarif = write("sarif", &|out| {
        sarif::write_report(out, &report, Shown::ALL)
    });
    let github = write("github", &|out| {
        github::write_report(out, &report, Shown::ALL)
    });
    let human = write("human", &|out| {
        human::render(&mut NoColor::new(out), &report, &sources, Shown::ALL)
    });
    println!(
        "| systems | inventory bytes | findings | load + check | JSON | SARIF | GitHub | human | human / JSON |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {systems} | {} | {} | {} | {} | {} | {} | {} | {:.2}× |",
        synth.inventory.len(),
        report.findings.len(),
        ms(load_check),
        ms(json),
        ms(sarif),
        ms(github),
        ms(human),
        human.as_secs_f64() / json.as_secs_f64()
    );
    let sizes: Vec<String> = sizes
        .iter()
        .map(|(name, bytes)| format!("{name} {:.1} MB", *bytes as f64 / 1e6))
        .collect();
    println!("\nreport sizes: {}", sizes.join(", "));
}
