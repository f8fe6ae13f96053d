//! The loading screen. The inventory loads on a thread of its own; a load that ends
//! within [`QUIET`] (most do, broken files included) never touches the terminal, and a
//! load error is printed as `flowmap check` prints it (after a longer load, once the
//! terminal is restored). A longer one (100,000 flows) gets
//! a screen at once: a gauge with the step being done (reading, the graph, the checks,
//! the rows) that keeps moving, and `q` (or `Esc`, `Ctrl-C`) quits meanwhile.
//!
//! ```text
//! ┌ flowmap · loading inventory.ron ──────────────────────────────┐
//! │██████████████████▌ Checking the rules on 100000 flows · 2 of 7│
//! └───────────────────────────────────────────────────────────────┘
//!   q quits
//! ```

use std::io;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use ratatui::{DefaultTerminal, Frame};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::data::{Data, clean};
use super::progress::{Progress, gauge};
use super::theme::Theme;
use crate::load::{LoadError, Origin};
use crate::model::Date;

/// How long a load may take before the loading screen shows.
pub const QUIET: Duration = Duration::from_millis(200);

/// A load under way on its own thread.
pub struct Loading {
    pub progress: Arc<Progress>,
    result: mpsc::Receiver<Result<Data, LoadError>>,
    /// What is loading, for the screen's title.
    pub what: String,
}

/// How the loading screen ended.
pub enum Loaded {
    Ready(Box<Data>),
    Failed(LoadError),
    /// The user quit before the load ended.
    Quit,
}

/// Whether a key quits the loading screen: `q`, `Esc`, `Ctrl-C` (the others wait).
pub fn quits(key: &KeyEvent) -> bool {
    key.kind == KeyEventKind::Press
        && (matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
            || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)))
}

/// Starts loading `origin` (judged on `as_of`).
pub fn start(origin: &Origin, as_of: Option<Date>) -> Loading {
    let progress = Arc::new(Progress::default());
    let (send, result) = mpsc::channel();
    let what = match origin {
        Origin::Path(path) => clean(&path.display().to_string()),
        Origin::Builtin => "the built-in inventory".into(),
    };
    let (origin, shared) = (origin.clone(), Arc::clone(&progress));
    std::thread::spawn(move || {
        let _ = send.send(Data::load_reporting(&origin, as_of, &shared));
    });
    Loading {
        progress,
        result,
        what,
    }
}

impl Loading {
    /// The result, waiting at most `timeout` for it.
    pub fn wait(&self, timeout: Duration) -> Option<Result<Data, LoadError>> {
        self.result.recv_timeout(timeout).ok()
    }

    /// Draws the loading screen until the load ends or the user quits.
    pub fn show(&self, terminal: &mut DefaultTerminal) -> io::Result<Loaded> {
        let theme = Theme::from_env();
        loop {
            terminal.draw(|f| self.view(f, theme))?;
            if let Some(result) = self.wait(Duration::ZERO) {
                return Ok(match result {
                    Ok(data) => Loaded::Ready(Box::new(data)),
                    Err(e) => Loaded::Failed(e),
                });
            }
            if event::poll(Duration::from_millis(50))?
                && let Event::Key(key) = event::read()?
                && quits(&key)
            {
                return Ok(Loaded::Quit);
            }
        }
    }

    /// The gauge in the middle of the screen, and how to quit.
    pub fn view(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        let [_, middle, hint, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let width = area.width.saturating_sub(4).min(100);
        let center = |r: Rect| {
            let [c] = Layout::horizontal([Constraint::Length(width)])
                .flex(Flex::Center)
                .areas(r);
            c
        };
        let title = format!(" flowmap · loading {} ", self.what);
        frame.render_widget(
            gauge(&self.progress, &title, "steps", theme),
            center(middle),
        );
        frame.render_widget(
            Paragraph::new(Span::styled("q quits", theme.dim())),
            center(hint),
        );
    }
}
