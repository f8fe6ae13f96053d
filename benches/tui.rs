//! The terminal UI at scale: the time of one frame (TestBackend 200×50) and of one filter
//! keystroke on the Flows tab, at 1,000, 10,000 and 100,000 flows. Synthetic inventories
//! are built in memory as RON text. Run with `cargo bench --bench tui`.

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

use flowmap::Origin;
use flowmap::load::load_in_memory;
use flowmap::tui::data::Data;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PLACES: &[&str] = &["DE", "FR", "US", "GB", "EEA", "IN", "*"];
const DATA: &[&str] = &[
    "contact.email",
    "contact.name",
    "device.ip_address",
    "usage.pages_viewed",
    "device.cookie_id",
    "location.coarse",
];
const PURPOSES: &[&str] = &[
    "service.operation",
    "analytics.usage",
    "marketing.communications",
    "advertising.targeted",
];
const KINDS: &[&str] = &[
    "ServiceProvider",
    "Analytics",
    "AdNetwork",
    "Partner",
    "Affiliate",
];
const MECHANISMS: &[&str] = &["None", "Some(Scc)", "Some(Consent)", "Some(SafeHarbor)"];

/// A small deterministic generator (no dependency, same numbers every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }
}

/// An inventory with `flows` flows among n/50 sources, n/50 stores and n/25 recipients.
fn inventory(flows: usize) -> String {
    let mut rng = Lcg(flows as u64);
    let sources = (flows / 50).max(2);
    let stores = (flows / 50).max(2);
    let recipients = (flows / 25).max(2);
    let mut s = String::from(
        "Inventory(\n  name: \"Synthetic\",\n  as_of: Some(\"2024-01-01\"),\n  sources: [\n",
    );
    for i in 0..sources {
        let _ = writeln!(
            s,
            "    Source(id: \"src-{i}\", name: \"Web form {i}\", located: [\"{}\"], collects: [\"contact.email\"]),",
            rng.pick(PLACES)
        );
    }
    s.push_str("  ],\n  stores: [\n");
    for i in 0..stores {
        let _ = writeln!(
            s,
            "    Store(id: \"store-{i}\", name: \"Database {i}\", located: [\"{}\"], retention: Some(\"1 year\"), safeguards: [\"encryption\"]),",
            rng.pick(PLACES)
        );
    }
    s.push_str("  ],\n  recipients: [\n");
    for i in 0..recipients {
        let _ = writeln!(
            s,
            "    Recipient(id: \"vendor-{i}\", name: \"Vendor {i}\", kind: {}, located: [\"{}\"]),",
            rng.pick(KINDS),
            rng.pick(PLACES)
        );
    }
    s.push_str("  ],\n  flows: [\n");
    for i in 0..flows {
        let (from, to) = match rng.next(3) {
            0 => (
                format!("src-{}", rng.next(sources)),
                format!("store-{}", rng.next(stores)),
            ),
            1 => (
                format!("store-{}", rng.next(stores)),
                format!("vendor-{}", rng.next(recipients)),
            ),
            _ => (
                format!("src-{}", rng.next(sources)),
                format!("vendor-{}", rng.next(recipients)),
            ),
        };
        let basis = if from.starts_with("src") {
            "Some(Consent)"
        } else {
            "None"
        };
        let _ = writeln!(
            s,
            "    Flow(id: Some(\"flow-{i}\"), from: \"{from}\", to: \"{to}\", data: [\"{}\", \"{}\"], purposes: [\"{}\"], basis: {basis}, mechanism: {}),",
            rng.pick(DATA),
            rng.pick(DATA),
            rng.pick(PURPOSES),
            rng.pick(MECHANISMS)
        );
    }
    s.push_str("  ],\n)\n");
    s
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    println!(
        "flowmap TUI bench: one frame (TestBackend 200x50, Flows tab) and one filter keystroke"
    );
    println!(
        "{:>8}  {:>10}  {:>11}  {:>11}  {:>21}  {:>13}  {:>11}  {:>11}",
        "flows",
        "load+check",
        "frame",
        "frame (end)",
        "slowest other tab",
        "key 1 (full)",
        "key 2-6",
        "backspace"
    );
    for n in [1_000, 10_000, 100_000] {
        let text = inventory(n);
        let started = Instant::now();
        let loaded = load_in_memory(&[("inventory.ron", &text)], "inventory.ron")
            .expect("synthetic inventory loads");
        let data = Data::new(loaded, None);
        let load = started.elapsed();
        assert_eq!(data.flows.len(), n);
        let mut app = App::new(data, Origin::Builtin, None);
        app.theme = Theme { color: true };
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
        update(&mut app, Action::Resize(200, 50));
        update(&mut app, Action::GoTab(Tab::Flows));

        let mut frames = Vec::new();
        for _ in 0..30 {
            update(&mut app, Action::Down);
            let t = Instant::now();
            terminal.draw(|f| view(&app, f)).unwrap();
            frames.push(t.elapsed());
        }
        update(&mut app, Action::Bottom);
        let mut frames_end = Vec::new();
        for _ in 0..30 {
            update(&mut app, Action::Up);
            let t = Instant::now();
            terminal.draw(|f| view(&app, f)).unwrap();
            frames_end.push(t.elapsed());
        }

        // Every other tab: the slowest of their frames (Nodes shows a hub's flows).
        let mut worst_tab = (Duration::ZERO, Tab::Flows);
        for tab in Tab::ALL {
            update(&mut app, Action::GoTab(tab));
            let mut times = Vec::new();
            for _ in 0..10 {
                update(&mut app, Action::Down);
                let t = Instant::now();
                terminal.draw(|f| view(&app, f)).unwrap();
                times.push(t.elapsed());
            }
            let m = median(times);
            if m > worst_tab.0 {
                worst_tab = (m, tab);
            }
        }
        update(&mut app, Action::GoTab(Tab::Flows));

        // A keystroke: update (the filter) and the frame that shows it.
        let mut first = Vec::new();
        let mut next = Vec::new();
        let mut back = Vec::new();
        for round in 0..5 {
            update(&mut app, Action::FilterCancel);
            update(&mut app, Action::FilterOpen);
            for (k, c) in "vendor".chars().enumerate() {
                let t = Instant::now();
                update(&mut app, Action::FilterChar(c));
                terminal.draw(|f| view(&app, f)).unwrap();
                let d = t.elapsed();
                if k == 0 { first.push(d) } else { next.push(d) }
            }
            black_box(app.current().list.shown.len());
            let t = Instant::now();
            update(&mut app, Action::FilterBackspace);
            terminal.draw(|f| view(&app, f)).unwrap();
            back.push(t.elapsed());
            if round == 0 {
                assert!(!app.current().list.shown.is_empty());
            }
        }
        println!(
            "{:>8}  {:>10}  {:>11}  {:>11}  {:>21}  {:>13}  {:>11}  {:>11}",
            n,
            format!("{:.2} s", load.as_secs_f64()),
            ms(median(frames)),
            ms(median(frames_end)),
            format!("{} ({})", ms(worst_tab.0), worst_tab.1.title()),
            ms(median(first)),
            ms(median(next)),
            ms(median(back))
        );
    }
    println!(
        "(medians; a keystroke includes the frame that shows it; `key 2-6` narrow the previous matches)"
    );
}
