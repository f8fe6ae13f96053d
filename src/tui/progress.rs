//! How far a long piece of work is (loading a large inventory, counting its errors on
//! every milestone of the law), shared between the thread doing it and the screen that
//! draws its gauge. The thread writes, the view reads; neither waits for the other.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ratatui::style::Style;
use ratatui::widgets::{Block, Gauge};

use super::theme::Theme;

/// Steps done of a total, and what is being done now.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    doing: Mutex<String>,
}

impl Progress {
    /// Starts over: `total` steps, the first of which is `doing`.
    pub fn start(&self, doing: impl Into<String>, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.set_doing(doing.into());
    }

    /// One step done; the next is `doing`.
    pub fn step(&self, doing: impl Into<String>) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.set_doing(doing.into());
    }

    /// `done` steps done, without a new description.
    pub fn set_done(&self, done: usize) {
        self.done.store(done, Ordering::Relaxed);
    }

    fn set_doing(&self, doing: String) {
        if let Ok(mut now) = self.doing.lock() {
            *now = doing;
        }
    }

    /// (what is being done, steps done, total).
    pub fn now(&self) -> (String, usize, usize) {
        let doing = self.doing.lock().map(|d| d.clone()).unwrap_or_default();
        let total = self.total.load(Ordering::Relaxed);
        (doing, self.done.load(Ordering::Relaxed).min(total), total)
    }

    /// The share done, 0 to 1.
    pub fn ratio(&self) -> f64 {
        let (_, done, total) = self.now();
        if total == 0 {
            0.0
        } else {
            done as f64 / total as f64
        }
    }
}

/// The gauge of `progress` in a bordered block titled `title`: the bar, and on it what
/// is being done and `3 of 8` (`unit`: `3 of 44 dates`).
pub fn gauge<'a>(progress: &Progress, title: &'a str, unit: &str, theme: Theme) -> Gauge<'a> {
    let (doing, done, total) = progress.now();
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    Gauge::default()
        .block(Block::bordered().title(title))
        .gauge_style(theme.heading())
        .style(Style::new())
        .use_unicode(true)
        .ratio(progress.ratio().clamp(0.0, 1.0))
        .label(format!("{doing} · {done} of {total}{unit}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_add_up_and_never_pass_the_total() {
        let p = Progress::default();
        assert_eq!(p.ratio(), 0.0);
        p.start("reading", 4);
        p.step("checking");
        assert_eq!(p.now(), ("checking".to_string(), 1, 4));
        assert_eq!(p.ratio(), 0.25);
        p.set_done(9);
        assert_eq!(p.ratio(), 1.0);
    }
}
