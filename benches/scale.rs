//! Load, check and export at 1k, 10k and 100k flows, beside bare RON deserialisation of
//! the same files (the floor for this format). Prints a Markdown table.
//!
//! ```sh
//! cargo bench --bench scale            # all sizes
//! cargo bench --bench scale -- 10000   # one size
//! ```
//!
//! Each figure is the median of several runs (fewer for the largest size); "graph" is
//! load-and-build minus load.

use flowmap::check::{self, CheckOptions};
use flowmap::export::{self, ExportOptions};
use flowmap::model::{Inventory, Policy, Taxonomy};
use flowmap::synth::{Params, generate};
use flowmap::{FlowGraph, load};

#[path = "support/timing.rs"]
mod timing;
use timing::{ms, time};

fn main() {
    let sizes: Vec<usize> = match std::env::args().skip(1).find_map(|a| a.parse().ok()) {
        Some(n) => vec![n],
        None => vec![1_000, 10_000, 100_000],
    };
    println!(
        "| flows | inventory bytes | bare RON deserialise | load + check | ratio | of which load | graph | check | DOT | JSON | CSV |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for flows in sizes {
        let synth = generate(&Params::for_flows(flows, 7));
        let files = synth.files();
        let repeat = if flows >= 100_000 { 5 } else { 11 };
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let bare = time(repeat, || {
            let i: Inventory = options.from_str(&synth.inventory).unwrap();
            let p: Policy = options.from_str(&synth.policy).unwrap();
            let t: Taxonomy = options.from_str(&synth.taxonomy).unwrap();
            (i, p, t)
        });
        let full = time(repeat, || {
            let loaded = load::load_in_memory(&files, "inventory.ron").unwrap();
            let graph = FlowGraph::new(loaded);
            let report = check::run(&graph, &CheckOptions::resolve(&graph, None));
            (graph, report)
        });
        let load_only = time(repeat, || {
            load::load_in_memory(&files, "inventory.ron").unwrap()
        });
        let loaded = load::load_in_memory(&files, "inventory.ron").unwrap();
        let graph_only = time(repeat, || FlowGraph::new(loaded.clone()));
        let graph = FlowGraph::new(loaded);
        let options_check = CheckOptions::resolve(&graph, None);
        let check_only = time(repeat, || check::run(&graph, &options_check));
        let report = check::run(&graph, &options_check);
        let all = ExportOptions::default();
        let dot = time(repeat, || {
            export::dot::render(&graph, &report, &all).unwrap()
        });
        let json = time(repeat, || {
            export::json::render(&graph, &report, &all).unwrap()
        });
        let csv = time(repeat, || export::ropa_csv::render(&graph, &all).unwrap());
        println!(
            "| {flows} | {} | {} | {} | {:.2}× | {} | {} | {} | {} | {} | {} |",
            synth.inventory.len(),
            ms(bare),
            ms(full),
            full.as_secs_f64() / bare.as_secs_f64(),
            ms(load_only),
            ms(graph_only),
            ms(check_only),
            ms(dot),
            ms(json),
            ms(csv),
        );
    }
}
