//! The Timeline tab opens at the milestone in force (its `●` on screen, selected) and
//! follows the date when `<` `>` `=` step it; its count is `flowmap timeline`'s, with
//! the events counted apart (issue 19, point 13). At 80×24 and 200×50.

mod support;

use flowmap::Origin;
use flowmap::model::Date;
use flowmap::tui::data::Data;
use flowmap::tui::history::milestones;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, update};

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::screen;

/// The date of the selected milestone.
fn selected_date(app: &App) -> Date {
    let row = app.state(Tab::Timeline).list.selected_row().unwrap();
    milestones().rows[row as usize].date
}

/// The screen row that shows the selection marker `▶` in the list, and its text.
fn selected_line(lines: &[String]) -> String {
    lines
        .iter()
        .find(|l| l.starts_with("┃▶"))
        .cloned()
        .unwrap_or_else(|| panic!("no selected row on screen:\n{}", lines.join("\n")))
}

#[test]
fn the_timeline_opens_at_the_milestone_in_force_and_follows_the_date() {
    for (w, h) in [(80, 24), (200, 50)] {
        let data = Data::load(&Origin::Builtin, None).unwrap();
        let mut app = App::new(data, Origin::Builtin, None);
        app.theme = Theme::plain();
        update(&mut app, Action::GoTab(Tab::Timeline));
        let in_force = milestones().in_force(app.data.as_of).unwrap();
        assert_eq!(selected_date(&app), in_force, "{w}×{h}");
        let line = selected_line(&screen(&mut app, w, h));
        assert!(line.contains(&format!("● {in_force}")), "{w}×{h}: {line}");

        // `>` twice, `<` once, `=`: the selection and its marker go with the date.
        for step in [
            Action::LaterMilestone,
            Action::LaterMilestone,
            Action::EarlierMilestone,
            Action::OwnDate,
        ] {
            update(&mut app, step.clone());
            let day = app.data.as_of;
            let in_force = milestones().in_force(day).unwrap();
            assert_eq!(selected_date(&app), in_force, "{w}×{h} after {step:?}");
            let line = selected_line(&screen(&mut app, w, h));
            assert!(
                line.contains(&format!("● {in_force}")),
                "{w}×{h} after {step:?}: {line}"
            );
        }
    }
}

#[test]
fn one_count_of_days_with_the_cli_and_the_events_apart() {
    let data = Data::load(&Origin::Builtin, None).unwrap();
    let mut app = App::new(data, Origin::Builtin, None);
    update(&mut app, Action::GoTab(Tab::Timeline));
    let lines = screen(&mut app, 200, 50);
    let title = lines
        .iter()
        .find(|l| l.contains("Milestones:"))
        .expect("the list's title");
    let (code, out, _) = support::flowmap_run(&["timeline"]);
    assert!(code == 0 || code == 1, "{code}");
    let days: usize = out
        .split(" days on which the law changes")
        .next()
        .and_then(|head| head.rsplit('(').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of days in {out}"));
    assert!(
        title.contains(&format!("1998-10-25 + {days} days the law changes")),
        "{title}"
    );
    let events = milestones().rows.len();
    assert!(title.contains(&format!("· {events} events")), "{title}");
}
