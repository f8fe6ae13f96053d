//! README's picture and walkthrough of the terminal UI, replayed on the real app
//! (TestBackend): the picture's tab bar and status line are what the app draws, and the
//! walkthrough's keys lead where it says at 80×24.

use flowmap::Origin;
use flowmap::model::Date;
use flowmap::tui::data::Data;
use flowmap::tui::{Action, App, Tab, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let as_of: Date = "2015-11-08".parse().unwrap();
    let data = Data::load(&Origin::Builtin, Some(as_of)).unwrap();
    App::new(data, Origin::Builtin, Some(as_of))
}

fn render(app: &mut App, w: u16, h: u16) -> Vec<String> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

/// The picture under "## The terminal UI" in README.md, line by line.
fn readme_picture() -> Vec<String> {
    include_str!("../README.md")
        .split("## The terminal UI")
        .nth(1)
        .and_then(|rest| rest.split("```text\n").nth(1))
        .and_then(|rest| rest.split("\n```").next())
        .expect("README has the picture")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The Transfers tab of the shipped inventory with `website-data->partners` selected
/// (`j` four times), as README shows it.
fn picture_screen(width: u16, height: u16) -> Vec<String> {
    let mut app = app();
    update(&mut app, Action::GoTab(Tab::Transfers));
    for _ in 0..4 {
        update(&mut app, Action::Down);
    }
    render(&mut app, width, height)
}

/// Prints the picture for README.md after a change to the UI:
/// `cargo test --test readme_tui -- --ignored --nocapture print_the_readme_picture`.
#[test]
#[ignore = "prints README's picture: run it to regenerate the picture"]
fn print_the_readme_picture() {
    for line in picture_screen(120, 31) {
        println!("{}", line.trim_end());
    }
}

#[test]
fn the_readmes_picture_is_what_the_app_draws() {
    let picture = readme_picture();
    let width = picture.iter().map(|l| l.chars().count()).max().unwrap() as u16;
    let screen = picture_screen(width, picture.len() as u16);
    let screen: Vec<String> = screen.iter().map(|l| l.trim_end().to_string()).collect();
    let picture: Vec<String> = picture.iter().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(
        picture.join("\n"),
        screen.join("\n"),
        "README's picture (Transfers, 4×j, {width}×{}) is the app's screen; after a change to \
         the UI, paste the output of `cargo test --test readme_tui -- --ignored --nocapture \
         print_the_readme_picture` into README.md",
        picture.len()
    );
    assert!(
        picture[0].contains("7 Timeline"),
        "seven tabs: {}",
        picture[0]
    );
}

/// "Following personal data from a web form onward: `1`, `Enter` (the form's flows),
/// `Enter` (to `website-data`), `j` until `▶` marks `→ to partners`, `Enter` (to
/// `partners`); `Backspace` walks back the same way."
#[test]
fn the_walkthrough_leads_where_the_readme_says_at_80x24() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains("`j` until `▶` marks `→ to partners`"),
        "README's walkthrough is the one replayed here"
    );
    let mut app = app();
    update(&mut app, Action::GoTab(Tab::Nodes));
    render(&mut app, 80, 24);
    update(&mut app, Action::Follow);
    update(&mut app, Action::Follow);
    let screen = render(&mut app, 80, 24).join("\n");
    assert!(screen.contains("▷ stores     website-data"), "{screen}");
    let mut presses = 0;
    while !render(&mut app, 80, 24)
        .iter()
        .any(|l| l.contains("▶ → to partners"))
    {
        update(&mut app, Action::Down);
        presses += 1;
        assert!(presses < 10, "j reaches the flow to partners");
    }
    update(&mut app, Action::Follow);
    let screen = render(&mut app, 80, 24).join("\n");
    assert!(
        screen.contains("▷            partners") && screen.contains("▶ → from website-data"),
        "at partners, its flow in from website-data selected: {screen}"
    );
    update(&mut app, Action::Back);
    let screen = render(&mut app, 80, 24).join("\n");
    assert!(
        screen.contains("▷ stores     website-data"),
        "back: {screen}"
    );
}
