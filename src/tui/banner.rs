//! The reload-failure banner: when a reload (a watched file changed, or `r`) does not
//! load, the last good inventory stays on screen and a banner above the status line
//! says why, as `flowmap check` would: the file, line and column, the message, and the
//! hint (`did you mean `Affiliate`?`). It stays until a reload succeeds; the status line
//! below it keeps its hints and messages. [`super::layout`] gives it its rows.

use std::fmt;

use super::data::clean;
use super::doc::{ellipsize, wrap};
use crate::load::LoadError;

/// Why the last reload failed, its strings already neutralised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    /// `inventory.ron:247:19`, or the file when the error is not inside it.
    pub place: String,
    pub message: String,
    /// What to do about it (`did you mean `Affiliate`?`).
    pub hint: Option<String>,
}

impl From<&LoadError> for LoadFailure {
    fn from(e: &LoadError) -> LoadFailure {
        let place = e.place();
        let place = if e.location.is_some() {
            format!("{}:{}:{}", place.file, place.line, place.column)
        } else {
            place.file.to_string()
        };
        LoadFailure {
            place: clean(&place),
            message: clean(&e.message),
            hint: e.hint.as_deref().map(clean),
        }
    }
}

impl fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (help: {hint})")?;
        }
        Ok(())
    }
}

/// The most rows the banner takes (a quarter of the terminal, at most).
const MAX_ROWS: u16 = 6;

/// How many rows the banner takes on a terminal `height` rows tall.
pub fn rows(failure: Option<&LoadFailure>, width: u16, height: u16) -> u16 {
    let Some(failure) = failure else { return 0 };
    let cap = (height / 4).clamp(1, MAX_ROWS);
    (lines(failure, width, cap).len() as u16).min(cap)
}

/// The banner's lines at `width`, at most `cap`: the headline with the place, the hint
/// (it is what a user acts on, so it is never cut), then the message, wrapped, its last
/// line ending in `…` when it does not fit.
pub fn lines(failure: &LoadFailure, width: u16, cap: u16) -> Vec<String> {
    let width = usize::from(width).max(1);
    let cap = usize::from(cap).max(1);
    let mut head = wrap(
        &format!(
            "Reload failed at {} (the last good inventory stays on screen):",
            failure.place
        ),
        width,
    );
    let hint: Vec<String> = failure
        .hint
        .as_deref()
        .map(|h| wrap(&format!("help: {h}"), width))
        .unwrap_or_default();
    let room = cap.saturating_sub(head.len() + hint.len());
    let mut message = wrap(&failure.message, width.saturating_sub(2).max(1));
    if message.len() > room {
        message.truncate(room);
        if let Some(last) = message.last_mut() {
            *last = ellipsize(&format!("{last} …"), width.saturating_sub(2));
        }
    }
    head.extend(message.into_iter().map(|l| format!("  {l}")));
    head.extend(hint);
    // The place first when even that does not fit.
    head.truncate(cap);
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure() -> LoadFailure {
        LoadFailure {
            place: "inventory.ron:247:19".into(),
            message: "not a valid inventory file: Unexpected variant named `Afiliate` in enum `RecipientKind`, expected one of `Affiliate`, `ServiceProvider`, `Partner` instead".into(),
            hint: Some("did you mean `Affiliate`?".into()),
        }
    }

    #[test]
    fn the_place_and_the_hint_are_never_cut() {
        for (width, cap) in [(80, 6), (60, 3), (200, 6)] {
            let lines = lines(&failure(), width, cap);
            assert!(lines.len() <= usize::from(cap), "{lines:?}");
            assert!(lines[0].contains("inventory.ron:247:19"), "{lines:?}");
            assert_eq!(
                lines.last().unwrap(),
                "help: did you mean `Affiliate`?",
                "{lines:?}"
            );
            assert!(
                lines
                    .iter()
                    .all(|l| l.chars().count() <= usize::from(width))
            );
        }
        let cut = lines(&failure(), 60, 4);
        assert!(cut[2].ends_with('…'), "{cut:?}");
    }
}
