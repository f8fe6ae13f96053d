//! Timing helpers shared by the benches: the median of repeated runs, in milliseconds.

#![allow(dead_code)]

use std::time::{Duration, Instant};

/// The median of `runs`.
pub fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// The median time of `repeat` runs of `f`.
pub fn time<T>(repeat: usize, mut f: impl FnMut() -> T) -> Duration {
    let runs = (0..repeat)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    median(runs)
}

/// `12.3 ms`.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
