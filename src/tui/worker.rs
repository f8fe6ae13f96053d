//! The runtime's worker threads, for the work a large inventory makes too slow for a key:
//! traces, a re-check on another date, and the history the Timeline tab charts. Each
//! thread works on the latest request only; `update` drops the answers that arrive for a
//! load or a date that is gone. The event loop asks ([`Workers::ask`]) after every batch
//! of keys and hands the answers to `update` as actions ([`Workers::answers`]); tests can
//! do the same.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use super::action::Action;
use super::app::App;
use super::history::{self, History, Judged};
use super::progress::Progress;
use super::trace::{self, Trace};
use crate::graph::FlowGraph;
use crate::model::Date;

/// A thread that answers requests one at a time, skipping to the newest request when
/// several are waiting.
pub struct Latest<Q, A> {
    requests: mpsc::Sender<Q>,
    results: mpsc::Receiver<A>,
}

impl<Q: Send + 'static, A: Send + 'static> Latest<Q, A> {
    /// Starts the thread; `work` turns a request into its answer.
    pub fn spawn(work: impl Fn(Q) -> A + Send + 'static) -> Latest<Q, A> {
        let (requests, inbox) = mpsc::channel::<Q>();
        let (outbox, results) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                if outbox.send(work(request)).is_err() {
                    break;
                }
            }
        });
        Latest { requests, results }
    }

    /// Asks for an answer.
    pub fn send(&self, request: Q) {
        let _ = self.requests.send(request);
    }

    /// An answer, if one has arrived.
    pub fn try_recv(&self) -> Option<A> {
        self.results.try_recv().ok()
    }

    /// An answer, waiting at most `timeout` for it.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<A> {
        self.results.recv_timeout(timeout).ok()
    }
}

type TraceRequest = (u64, u32, Arc<FlowGraph>, trace::Query);

/// The three workers and what each was last asked.
pub struct Workers {
    tracer: Latest<TraceRequest, Trace>,
    judge: Latest<(u64, Date, Arc<FlowGraph>), Judged>,
    historian: Latest<(u64, Arc<FlowGraph>, Arc<Progress>), History>,
    traced: Option<(u64, u32)>,
    judged: Option<(u64, Date)>,
    counted: Option<u64>,
}

impl Default for Workers {
    fn default() -> Workers {
        Workers::new()
    }
}

impl Workers {
    /// Starts the threads.
    pub fn new() -> Workers {
        Workers {
            tracer: Latest::spawn(|(generation, pick, graph, query): TraceRequest| Trace {
                generation,
                pick,
                paths: trace::run(&graph, &query),
            }),
            judge: Latest::spawn(
                |(generation, on, graph): (u64, Date, Arc<FlowGraph>)| Judged {
                    generation,
                    on,
                    data: Arc::new(history::judge(&graph, on)),
                },
            ),
            historian: Latest::spawn(
                |(loads, graph, progress): (u64, Arc<FlowGraph>, Arc<Progress>)| {
                    history::history_reporting(&graph, loads, &progress)
                },
            ),
            traced: None,
            judged: None,
            counted: None,
        }
    }

    /// Asks for what the app waits for (a trace, a re-check, a history), unless already
    /// asked.
    pub fn ask(&mut self, app: &App) {
        if let Some(pick) = app.trace_wanted
            && self.traced != Some((app.generation, pick))
        {
            self.traced = Some((app.generation, pick));
            let query = trace::query(&app.data, pick);
            let graph = Arc::clone(&app.data.graph);
            self.tracer.send((app.generation, pick, graph, query));
        }
        if let Some(day) = app.judging
            && self.judged != Some((app.generation, day))
        {
            self.judged = Some((app.generation, day));
            let graph = Arc::clone(&app.data.graph);
            self.judge.send((app.generation, day, graph));
        }
        if app.timeline_wanted && self.counted != Some(app.loads) {
            self.counted = Some(app.loads);
            self.historian.send((
                app.loads,
                Arc::clone(&app.data.graph),
                Arc::clone(&app.counting),
            ));
        }
    }

    /// The answers that have arrived, as actions for `update`.
    pub fn answers(&self) -> Vec<Action> {
        let mut out = Vec::new();
        while let Some(trace) = self.tracer.try_recv() {
            out.push(Action::Traced(Box::new(trace)));
        }
        while let Some(judged) = self.judge.try_recv() {
            out.push(Action::Judged(Box::new(judged)));
        }
        while let Some(history) = self.historian.try_recv() {
            out.push(Action::Counted(Box::new(history)));
        }
        out
    }

    /// Waits at most `timeout` for the re-check asked last (tests, benchmarks).
    pub fn wait_judged(&self, timeout: Duration) -> Option<Action> {
        self.judge
            .recv_timeout(timeout)
            .map(|judged| Action::Judged(Box::new(judged)))
    }
}
