//! The terminal UI that `flowmap [PATH]` opens: browse the graph, follow flows, filter,
//! and see transfers, findings, policy sections, traces and the law's timeline; step
//! the date everything is judged on through the law's milestones.
//!
//! The Elm architecture: one state model ([`App`]), one [`Action`] enum, [`update`](fn@update) the
//! only place state changes, [`view`](fn@view) only draws. Key bindings are one table
//! ([`keymap::BINDINGS`]) that also feeds the `?` overlay and the status-line hints.
//!
//! How the files divide the work:
//!
//! | file | what it holds |
//! |------|---------------|
//! | `mod.rs`, `worker.rs` | the terminal, the event loop; the worker threads (traces, re-checks on another date, the history) |
//! | `action.rs`, `keymap/` | what can happen; which key does what (`keymap/bindings.rs`: the one table; it also feeds the help and the hints) |
//! | `app.rs` | the state |
//! | `update/` | the only place the state changes: navigation, mouse, reload, dates, export |
//! | `layout.rs` | geometry: areas, columns that fit, hit-testing (update and view share it) |
//! | `view.rs`, `help.rs` | drawing, with the layout diagram; the `?` overlay's content |
//! | `screen.rs`, `tabs.rs` | the [`screen::Screen`] trait and the [`screen::Ctx`] a screen reads; [`Tab`] and the table of one screen per tab |
//! | `flow_view.rs`, `paths.rs` | the Flows table's sort and toggles; a trace pick's paths (state the app keeps for a screen) |
//! | `nodes.rs` … `timeline.rs` | one file per tab: its rows, columns, titles, detail, export (`transfers/` keeps its detail pane in a file of its own) |
//! | `widgets.rs` | cells and link lines more than one tab draws |
//! | `history.rs` | the law's milestones, an inventory's verdicts over time, judging on another date |
//! | `data/`, `listing.rs`, `doc.rs`, `theme.rs`, `watch.rs` | rows per load (`data/rows.rs`: one step per kind of row), filtering, detail documents, styles, file watching |
//! | `progress.rs`, `loading.rs` | how far a long load or count is, and its gauge; the loading screen |
//! | `banner.rs` | why the last reload failed, above the status line |
//! | `editor.rs` | `o`: the editor's command line for a file and line |

pub mod action;
pub mod app;
pub mod banner;
pub mod columns;
pub mod data;
pub mod doc;
pub mod editor;
pub mod findings;
pub mod flow_view;
pub mod flows;
pub mod help;
pub mod history;
pub mod keymap;
pub mod layout;
pub mod listing;
pub mod loading;
pub mod nodes;
pub mod paths;
pub mod policy;
pub mod progress;
pub mod screen;
pub mod tabs;
pub mod theme;
pub mod timeline;
pub mod trace;
pub mod transfers;
pub mod update;
pub mod view;
mod watch;
pub mod widgets;
pub mod worker;

use std::io;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};

pub use action::Action;
pub use app::App;
pub use tabs::Tab;
pub use update::update;
pub use view::view;

use crate::load::{LoadError, Origin};
use crate::model::Date;

/// Why the UI could not run.
#[derive(Debug)]
pub enum RunError {
    /// The inventory did not load (before the terminal was touched).
    Load(LoadError),
    /// The terminal could not be set up or drawn to.
    Io(io::Error),
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> RunError {
        RunError::Io(e)
    }
}

/// How long the files must stay quiet after a change before the reload.
const SETTLE: Duration = Duration::from_millis(150);

/// Loads `origin` and runs the UI until the user quits. A load that ends quickly (or
/// fails) never touches the terminal; a longer one shows its progress
/// ([`loading`]). The terminal is restored on return and on panic (mouse reporting
/// included), before a load error is returned.
pub fn run(origin: Origin, as_of: Option<Date>) -> Result<(), RunError> {
    let loading = loading::start(&origin, as_of);
    let first = loading.wait(loading::QUIET);
    if let Some(Err(e)) = first {
        return Err(RunError::Load(e));
    }
    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    let outcome = execute!(io::stdout(), EnableMouseCapture).and_then(|()| match first {
        Some(Ok(data)) => Ok(loading::Loaded::Ready(Box::new(data))),
        _ => loading.show(&mut terminal),
    });
    let result = match outcome {
        Ok(loading::Loaded::Ready(data)) => {
            event_loop(&mut terminal, App::new(*data, origin, as_of)).map_err(RunError::Io)
        }
        Ok(loading::Loaded::Quit) => Ok(()),
        Ok(loading::Loaded::Failed(e)) => Err(RunError::Load(e)),
        Err(e) => Err(RunError::Io(e)),
    };
    let _ = execute!(io::stdout(), DisableMouseCapture, cursor::Show);
    ratatui::restore();
    result
}

/// Chains a hook before the one `ratatui::try_init` installed (which restores raw mode
/// and the main screen): mouse reporting off and the cursor back.
fn install_panic_hook() {
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, cursor::Show);
        restore(info);
    }));
}

/// The action for a terminal event, if it means anything.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keymap::action_for(app, key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(mouse.column, mouse.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(mouse.column, mouse.row, false)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Leaves the terminal to the editor (main screen, cooked mode, no mouse reporting)
/// until it exits, then takes it back and redraws everything.
fn edit(
    terminal: &mut DefaultTerminal,
    request: &editor::EditRequest,
) -> io::Result<Result<String, String>> {
    execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    )?;
    terminal::disable_raw_mode()?;
    let result = editor::run(&editor::editor_from_env(), request);
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()?;
    Ok(result)
}

fn event_loop(terminal: &mut DefaultTerminal, mut app: App) -> io::Result<()> {
    let size = terminal.size()?;
    update(&mut app, Action::Resize(size.width, size.height));
    let mut workers = worker::Workers::new();
    let mut watcher = watch::Watcher::new();
    let mut watched = app.watched_files();
    if let Err(e) = watcher.watch(&watched) {
        update(&mut app, Action::WatchFailed(e));
    }
    let mut changed_at: Option<Instant> = None;
    terminal.draw(|f| view(&app, f))?;
    let mut drawn = Instant::now();
    while !app.quit {
        let mut dirty = false;
        if event::poll(Duration::from_millis(100))? {
            // Handle everything already queued before drawing again, so holding a key
            // down on a large inventory never builds a backlog of frames.
            loop {
                let ev = event::read()?;
                if let Some(action) = action_for_event(&app, &ev) {
                    update(&mut app, action);
                    dirty = true;
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if app.quit {
            break;
        }
        if let Some(request) = app.edit.take() {
            let result = edit(terminal, &request)?;
            update(&mut app, Action::EditorClosed(result));
            dirty = true;
        }
        if watcher.changed() {
            changed_at = Some(Instant::now());
        }
        if changed_at.is_some_and(|t| t.elapsed() >= SETTLE) {
            changed_at = None;
            update(&mut app, Action::FilesChanged);
            dirty = true;
            let now = app.watched_files();
            if now != watched {
                watched = now;
                let _ = watcher.watch(&watched);
            }
        }
        workers.ask(&app);
        for answer in workers.answers() {
            update(&mut app, answer);
            dirty = true;
        }
        // A gauge moves while a worker works, keys or not.
        if app.busy() && drawn.elapsed() >= Duration::from_millis(100) {
            dirty = true;
        }
        if dirty {
            terminal.draw(|f| view(&app, f))?;
            drawn = Instant::now();
        }
    }
    Ok(())
}
