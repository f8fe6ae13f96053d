//! A reload that fails says why at once, as `flowmap check` would: the file, line and
//! column, and the hint (`did you mean `Affiliate`?`), in a banner above the status line
//! that an older "reloaded" cannot hide (issue 19, point 3). At 80×24 and 200×50.

use flowmap::Origin;
use flowmap::tui::data::Data;
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const GOOD: &str = include_str!("../inventory/confluent-2015/inventory.ron");

fn screen(app: &mut App, w: u16, h: u16) -> String {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_failed_live_reload_shows_its_reason_and_place_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("inventory.ron");
    std::fs::write(&inventory, GOOD).unwrap();
    std::fs::write(
        dir.path().join("policy.ron"),
        include_str!("../inventory/confluent-2015/policy.ron"),
    )
    .unwrap();
    let origin = Origin::Path(inventory.clone());
    let mut app = App::new(Data::load(&origin, None).unwrap(), origin, None);
    app.theme = Theme::plain();

    // A change that loads: the status line says so.
    std::fs::write(&inventory, GOOD.replace("Website web forms", "Web forms")).unwrap();
    update(&mut app, Action::FilesChanged);
    assert!(screen(&mut app, 80, 24).contains("A file changed on disk: reloaded"));

    // Then a misspelt recipient kind, on a line of its own.
    let broken = GOOD.replacen("kind: Partner", "kind: Afiliate", 1);
    let line = broken.lines().position(|l| l.contains("Afiliate")).unwrap() + 1;
    let column = broken
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("Afiliate")
        .unwrap()
        + 1;
    std::fs::write(&inventory, &broken).unwrap();
    update(&mut app, Action::FilesChanged);
    for (w, h) in [(80, 24), (200, 50)] {
        let text = screen(&mut app, w, h);
        assert!(
            !text.contains("reloaded"),
            "no stale success beside the failure:\n{text}"
        );
        assert!(
            text.contains(&format!("inventory.ron:{line}:{column}")),
            "{w}×{h}: the place:\n{text}"
        );
        assert!(
            text.contains("help: did you mean `Affiliate`?"),
            "{w}×{h}: the reason check gives:\n{text}"
        );
        assert!(text.contains("Afiliate"), "{w}×{h}: the message:\n{text}");
        assert!(text.contains("web-forms"), "the last good graph stays");
    }

    // Keys meanwhile do not hide it; a good save clears it.
    update(&mut app, Action::Down);
    assert!(screen(&mut app, 80, 24).contains("did you mean `Affiliate`?"));
    std::fs::write(&inventory, GOOD).unwrap();
    update(&mut app, Action::FilesChanged);
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("Reload failed"), "{text}");
    assert!(text.contains("reloaded"), "{text}");
}
