//! Styles. Text keeps the terminal's default foreground (readable on light and dark
//! themes); colour is only ever added on top of a marker or a word that already carries
//! the meaning, and `NO_COLOR` (set and not empty, as [`crate::text::no_color`] reads it)
//! turns every colour off.

use ratatui::style::{Color, Modifier, Style};

use crate::check::Severity;

/// Which styles to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used at all.
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` says otherwise ([`crate::text::no_color`], which the
    /// report asks too).
    pub fn from_env() -> Theme {
        Theme {
            color: !crate::text::no_color(),
        }
    }

    /// No colours at all: only bold, reverse, underline and dim.
    pub const fn plain() -> Theme {
        Theme { color: false }
    }

    fn tint(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    /// A heading or a label that matters.
    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// The `⇄` cross-border marker and routes.
    pub fn cross(self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The `⚖` restricted-transfer marker: a transfer no adequacy decision covers.
    pub fn restricted(self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Magenta)
    }

    /// A severity word or the `!` marker of findings of that severity.
    pub fn severity(self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Red),
            Severity::Warning => {
                self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
            }
            Severity::Info => self.tint(Style::new(), Color::Blue),
        }
    }

    /// Something fine ("ok").
    pub fn good(self) -> Style {
        self.tint(Style::new(), Color::Green)
    }

    /// A followable link in a detail pane.
    pub fn link(self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    /// The selected row: reverse video in the focused pane, bold elsewhere. The row also
    /// gets a `▶`/`▷` marker, so the selection never rests on video attributes alone.
    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// An error message in the status line.
    pub fn status_error(self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// The key of a hint in the status line.
    pub fn key(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
