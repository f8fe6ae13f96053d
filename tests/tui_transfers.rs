//! The Transfers tab follows the law (`check::transfer::analyse`): transfers by regime and
//! route with their verdicts, onward transfers, then the cross-border flows that are no
//! transfer with their reason; the detail pane walks the three criteria; the Flows tab,
//! the help and the DOT export mark restricted transfers `⚖`. The assertions on the
//! shipped Confluent inventory hold whatever mechanisms it names; a small inventory of
//! our own pins the rest.

mod support;

use flowmap::Origin;
use flowmap::model::Date;
use flowmap::tui::data::{Data, Target, TransferKind};
use flowmap::tui::theme::Theme;
use flowmap::tui::{Action, App, Tab, help, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::screen;

/// The verdict words of `Verdict::word`.
const VERDICTS: [&str; 5] = [
    "adequate",
    "covered",
    "derogation",
    "no mechanism",
    "not covered",
];

/// A US controller collecting in Germany: a collection that crosses a border, a
/// restricted transfer that does not (US → US, on clauses), one that does (no
/// mechanism), an onward transfer, and a flow to an importer inside the EEA.
const SMALL: &str = r#"Inventory(
    name: "Small transfers",
    as_of: Some("2024-01-01"),
    controller: Some("Example Inc."),
    established: ["US"],
    representatives: ["EEA"],
    sources: [Source(id: "web", name: "Web", located: ["DE"], collects: ["contact.email"])],
    stores: [
        Store(id: "crm", name: "CRM", located: ["US"], operator: Controller, retention: Some("1y"), safeguards: ["tls"]),
    ],
    recipients: [
        Recipient(id: "mailer", name: "Mailer", kind: ServiceProvider, located: ["US"]),
        Recipient(id: "ads", name: "Ads", kind: AdNetwork, located: ["CN"]),
        Recipient(id: "broker", name: "Broker", kind: Partner, located: ["IN"]),
        Recipient(id: "eu-partner", name: "EU partner", kind: Partner, located: ["FR"]),
    ],
    flows: [
        Flow(from: "web", to: "crm", data: ["contact.email"], purposes: ["service.operation"], basis: Some(Contract)),
        Flow(from: "crm", to: "mailer", data: ["contact.email"], purposes: ["service.operation"], mechanism: Some(AdHocClauses)),
        Flow(from: "crm", to: "ads", data: ["contact.email"], purposes: ["service.operation"]),
        Flow(from: "ads", to: "broker", data: ["contact.email"], purposes: ["service.operation"]),
        Flow(from: "crm", to: "eu-partner", data: ["contact.email"], purposes: ["service.operation"]),
    ],
)"#;

fn confluent() -> App {
    let as_of: Date = "2015-11-08".parse().unwrap();
    let data = Data::load(&Origin::Builtin, Some(as_of)).unwrap();
    let mut app = App::new(data, Origin::Builtin, Some(as_of));
    app.theme = Theme::plain();
    update(&mut app, Action::Resize(120, 40));
    app
}

fn small() -> App {
    let loaded = flowmap::load::load_in_memory(&[("inventory.ron", SMALL)], "inventory.ron")
        .expect("the small inventory loads");
    let mut app = App::new(Data::new(loaded, None), Origin::Builtin, None);
    app.theme = Theme::plain();
    update(&mut app, Action::Resize(120, 40));
    app
}

/// The rows of the Transfers tab for a flow id.
fn rows_of<'a>(app: &'a App, id: &str) -> Vec<(usize, &'a flowmap::tui::data::TransferRow)> {
    app.data
        .transfers
        .iter()
        .enumerate()
        .filter(|(_, t)| app.data.flows[t.flow].id == id)
        .collect()
}

/// Selects row `row` of the Transfers tab.
fn select_transfer(app: &mut App, row: usize) {
    update(app, Action::GoTab(Tab::Transfers));
    update(app, Action::Top);
    for _ in 0..row {
        update(app, Action::Down);
    }
    assert_eq!(app.current().list.selected_row(), Some(row as u32));
}

/// The detail pane's text.
fn detail_text(app: &App, tab: Tab) -> String {
    let doc = app.detail(tab, 200);
    doc.lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn confluent_collections_are_cross_border_not_a_transfer() {
    let mut app = confluent();
    let rows = rows_of(&app, "web-forms->website-data");
    assert_eq!(rows.len(), 1, "one row: the flow is no transfer");
    let (at, row) = rows[0];
    assert_eq!(row.kind, TransferKind::NotTransfer);
    assert_eq!(row.group, "cross-border, not a transfer");
    assert_eq!(row.verdict, "collection");
    assert!(row.severity.is_none() && !row.restricted);
    // Every source-to-store flow is a collection by Confluent: none is a transfer.
    for (i, flow) in app.data.flows.iter().enumerate() {
        if flow.to == "website-data" {
            let law = &app.data.analysis.flows[i];
            assert!(law.transfers.is_empty(), "{}", flow.id);
            assert!(
                app.data
                    .transfers
                    .iter()
                    .any(|t| t.flow == i && t.verdict == "collection"),
                "{}",
                flow.id
            );
        }
    }
    // The group comes after the transfers, under its name on the screen.
    let first = app
        .data
        .transfers
        .iter()
        .position(|t| t.kind == TransferKind::NotTransfer)
        .unwrap();
    assert!(first > 0 && at >= first);
    assert!(
        app.data.transfers[..first]
            .iter()
            .all(|t| !matches!(t.kind, TransferKind::NotTransfer))
    );
    select_transfer(&mut app, at);
    let lines = screen(&mut app, 120, 60);
    let line = lines
        .iter()
        .position(|l| l.contains("web-forms->website-data"))
        .expect("the row is on screen");
    assert!(lines[line].contains("collection"), "{}", lines[line]);
    // The first row of the group: its name over this row and the next.
    assert!(
        lines[line].contains("cross-border,"),
        "{}",
        lines.join("\n")
    );
    assert!(
        lines[line + 1].contains("not a transfer"),
        "{}",
        lines.join("\n")
    );
    let detail = detail_text(&app, Tab::Transfers);
    assert!(
        detail.contains("Crosses a border, not a transfer"),
        "{detail}"
    );
    assert!(detail.contains("collection by the controller"), "{detail}");
    assert!(detail.contains("Flow web-forms->website-data"), "{detail}");
}

#[test]
fn confluent_partners_is_a_transfer_under_eu_with_a_verdict() {
    let mut app = confluent();
    let rows = rows_of(&app, "website-data->partners");
    let (at, row) = *rows
        .iter()
        .find(|(_, t)| t.group == "EU")
        .expect("a transfer under EU");
    let TransferKind::Transfer(n) = row.kind else {
        panic!("a transfer row: {row:?}");
    };
    let t = app.data.analysis.flows[row.flow].transfers[n].clone();
    assert_eq!(t.regime.to_string(), "EU");
    assert_eq!(row.restricted, t.restricted());
    assert!(
        VERDICTS.iter().any(|v| row.verdict.contains(v)),
        "{}",
        row.verdict
    );
    assert!(row.verdict.contains(t.verdict.word()), "{}", row.verdict);
    assert!(
        row.route.contains('→') && row.route.ends_with('*'),
        "{}",
        row.route
    );
    // The transfers' rows come first, by regime and route.
    assert!(
        app.data.transfers[..at]
            .iter()
            .all(|t| matches!(t.kind, TransferKind::Transfer(_)))
    );

    select_transfer(&mut app, at);
    let lines = screen(&mut app, 120, 40);
    let line = lines
        .iter()
        .find(|l| l.contains("website-data->partners"))
        .expect("the row is on screen");
    assert!(line.contains(t.verdict.word()), "{line}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("┃▶ EU ") || l.contains("┃  EU "))
    );

    // The detail pane: the three criteria, each with its answer, then the verdict.
    let detail = detail_text(&app, Tab::Transfers);
    let on = app.data.as_of.to_string();
    assert!(detail.contains("Transfer under EU ("), "{detail}");
    let exporter = detail
        .lines()
        .find(|l| l.starts_with("1. exporter: "))
        .expect("criterion 1");
    assert!(exporter.contains("Confluent, Inc."), "{exporter}");
    assert!(exporter.contains("— subject to EU ("), "{exporter}");
    assert!(
        detail.contains(&t.act.cite(flowmap::model::law::Article::Reach))
            || detail.contains(&t.act.cite(flowmap::model::law::Article::Establishment)),
        "{detail}"
    );
    assert!(
        detail.contains("2. importer: partners (controller), another entity"),
        "{detail}"
    );
    assert!(
        detail.contains(&format!(
            "3. outside the area: places not named (`*`) on {on}"
        )),
        "{detail}"
    );
    assert!(detail.contains("mechanism: "), "{detail}");
    assert!(detail.contains(&format!("verdict on {on}: ")), "{detail}");
    if t.restricted() {
        assert!(detail.contains(
            "⚖ restricted: no adequacy decision of EU law covers places not named (`*`)"
        ));
    }
    // …and the flow's findings stay linked.
    let doc = app.detail(Tab::Transfers, 100);
    let transfer_findings = doc.links.iter().filter(|(_, target)| match target {
        Target::Finding(f) => app.data.findings[*f].rule.id().starts_with("FM2"),
        _ => false,
    });
    assert!(transfer_findings.count() >= 1);
}

#[test]
fn flows_tab_marks_restricted_transfers() {
    let mut app = confluent();
    update(&mut app, Action::GoTab(Tab::Flows));
    let lines = screen(&mut app, 120, 40);
    let header = lines.iter().find(|l| l.contains(" from ")).unwrap();
    assert!(header.contains("⇄ ⚖ !"), "{header}");
    let partners = lines
        .iter()
        .find(|l| l.contains("website-data ") && l.contains(" partners "))
        .unwrap();
    let restricted = app.data.flows[app.data.flow_index["website-data->partners"]]
        .restricted
        .clone();
    assert_eq!(partners.contains('⚖'), !restricted.is_empty(), "{partners}");
    let collection = lines.iter().find(|l| l.contains("web-forms ")).unwrap();
    assert!(
        collection.contains('⇄') && !collection.contains('⚖'),
        "{collection}"
    );
    // Every flow marked ⚖ is a restricted transfer under some regime, and vice versa.
    for (i, flow) in app.data.flows.iter().enumerate() {
        let law = &app.data.analysis.flows[i];
        assert_eq!(
            !flow.restricted.is_empty(),
            law.transfers.iter().any(|t| t.restricted()),
            "{}",
            flow.id
        );
    }

    // A restricted transfer that crosses no border (US → US) gets ⚖ without ⇄.
    let mut app = small();
    update(&mut app, Action::GoTab(Tab::Flows));
    let lines = screen(&mut app, 120, 40);
    let mailer = lines.iter().find(|l| l.contains(" mailer ")).unwrap();
    assert!(mailer.contains('⚖') && !mailer.contains('⇄'), "{mailer}");
    let ads = lines
        .iter()
        .find(|l| l.contains("crm ") && l.contains(" ads "))
        .unwrap();
    assert!(ads.contains('⚖') && ads.contains('⇄'), "{ads}");
    update(&mut app, Action::Down);
    let detail = detail_text(&app, Tab::Flows);
    assert!(
        detail.contains("in law: ⚖ restricted transfer under EU (covered)"),
        "{detail}"
    );

    // With colour, ⚖ is tinted on top of the glyph; without, the glyph stays.
    let mut coloured = small();
    coloured.theme = Theme { color: true };
    update(&mut coloured, Action::GoTab(Tab::Flows));
    update(&mut coloured, Action::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| view(&coloured, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let marks: Vec<Color> = buffer
        .content()
        .iter()
        .filter(|c| c.symbol() == "⚖")
        .map(|c| c.fg)
        .collect();
    assert!(marks.len() >= 3, "header and two rows: {marks:?}");
    assert!(marks.iter().filter(|&&c| c == Color::Magenta).count() >= 2);
}

#[test]
fn small_inventory_rows_groups_and_reasons() {
    let app = small();
    let table: Vec<(String, String, String, bool)> = app
        .data
        .transfers
        .iter()
        .map(|t| {
            (
                t.group.clone(),
                app.data.flows[t.flow].id.clone(),
                t.verdict.clone(),
                t.restricted,
            )
        })
        .collect();
    let row = |g: &str, f: &str, v: &str, r: bool| (g.into(), f.into(), v.into(), r);
    assert_eq!(
        table,
        vec![
            row("EU", "crm->ads", "! no mechanism (FM202)", true),
            row("EU", "crm->mailer", "covered", true),
            row("EU onward", "ads->broker", "! onward (FM205)", false),
            row(
                "cross-border, not a transfer",
                "web->crm",
                "collection",
                false
            ),
            row(
                "cross-border, not a transfer",
                "crm->eu-partner",
                "importer inside",
                false
            ),
        ]
    );
    assert_eq!(app.data.transfers[0].route, "US → CN");
    assert_eq!(app.data.transfers[1].route, "US → US");
    let c = app.data.transfer_counts;
    assert_eq!(
        (
            c.transfers,
            c.restricted,
            c.onward,
            c.not_transfers,
            c.failing
        ),
        (2, 2, 1, 2, 2)
    );
    assert!(
        view::list_title(&app, Tab::Transfers)
            .contains("2 transfers (2 ⚖ restricted), 1 onward, 2 not ok")
    );
}

#[test]
fn small_inventory_details_walk_the_law() {
    let mut app = small();
    select_transfer(&mut app, 1);
    let detail = detail_text(&app, Tab::Transfers);
    for line in [
        "Transfer under EU (GDPR) on 2024-01-01",
        "1. exporter: Example Inc. (controller) — subject to EU (established outside the EEA, collects from people there: GDPR Art. 3(2))",
        "2. importer: mailer (processor), another entity",
        "3. outside the area: the United States on 2024-01-01 (outside the EEA)",
        "⚖ restricted: no adequacy decision of EU law covers the United States on 2024-01-01",
        "mechanism: AdHocClauses",
        "data under EU: contact.email",
    ] {
        assert!(detail.contains(line), "{line}\n{detail}");
    }
    assert!(detail.contains("verdict on 2024-01-01: covered: it covers the transfer"));

    select_transfer(&mut app, 2);
    let detail = detail_text(&app, Tab::Transfers);
    assert!(detail.contains("Onward transfer of EU data (GDPR) on 2024-01-01"));
    assert!(detail.contains("exporter: ads, not subject to EU law for this data"));
    assert!(detail.contains("importer: broker, another entity"));
    assert!(detail.contains("verdict on 2024-01-01: ! onward (FM205)"));

    select_transfer(&mut app, 4);
    let detail = detail_text(&app, Tab::Transfers);
    assert!(detail.contains("Crosses a border, not a transfer"));
    assert!(
        detail.contains("the importer is inside the EEA, the area of EU law"),
        "{detail}"
    );

    // Enter on a row opens its flow on the Flows tab.
    select_transfer(&mut app, 2);
    update(&mut app, Action::Follow);
    assert_eq!(app.tab, Tab::Flows);
    let row = app.current().list.selected_row().unwrap() as usize;
    assert_eq!(app.data.flows[row].id, "ads->broker");
}

#[test]
fn the_filter_finds_rows_by_regime_reason_and_restriction() {
    let mut app = small();
    update(&mut app, Action::GoTab(Tab::Transfers));
    let shown = |app: &mut App, query: &str| -> Vec<String> {
        update(app, Action::FilterOpen);
        for c in query.chars() {
            update(app, Action::FilterChar(c));
        }
        update(app, Action::FilterAccept);
        let ids = app
            .current()
            .list
            .shown
            .iter()
            .map(|&r| {
                app.data.flows[app.data.transfers[r as usize].flow]
                    .id
                    .clone()
            })
            .collect();
        update(app, Action::Escape);
        ids
    };
    assert_eq!(shown(&mut app, "collection"), vec!["web->crm"]);
    assert_eq!(shown(&mut app, "onward"), vec!["ads->broker"]);
    assert_eq!(
        shown(&mut app, "restricted"),
        vec!["crm->ads", "crm->mailer"]
    );
    assert_eq!(
        shown(&mut app, "not a transfer"),
        vec!["web->crm", "crm->eu-partner"]
    );
}

#[test]
fn the_not_a_transfer_group_is_named_over_its_first_two_rows() {
    let mut app = small();
    update(&mut app, Action::GoTab(Tab::Transfers));
    let lines = screen(&mut app, 120, 30);
    let at = lines.iter().position(|l| l.contains("web->crm")).unwrap();
    assert!(lines[at].contains("cross-border,"), "{}", lines[at]);
    assert!(
        lines[at + 1].contains("not a transfer"),
        "{}",
        lines[at + 1]
    );
    assert!(lines[at + 1].contains("crm->eu-partner"));
    assert!(lines[at].contains("⇄ DE → US"), "{}", lines[at]);
    let onward = lines.iter().find(|l| l.contains("ads->broker")).unwrap();
    assert!(
        onward.contains("EU onward") && onward.contains("CN → IN"),
        "{onward}"
    );
    // Narrow: the mechanism column gives way first; the verdict stays whole.
    let lines = screen(&mut app, 80, 24);
    let ads = lines.iter().find(|l| l.contains("crm->ads")).unwrap();
    assert!(ads.contains("! no mechanism (FM202)"), "{ads}");
}

#[test]
fn help_explains_the_restricted_marker_in_words() {
    let app = small();
    let doc = help::doc(&app, 100);
    let text: Vec<String> = doc
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let line = text
        .iter()
        .find(|l| l.trim_start().starts_with('⚖'))
        .expect("a legend entry for ⚖");
    assert!(line.contains("restricted transfer"), "{line}");
    assert!(text.iter().any(|l| l.trim_start().starts_with('⇄')));
}

#[test]
fn reload_keeps_the_selected_transfer_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("inventory.ron"), SMALL).unwrap();
    let origin = Origin::Path(dir.path().to_path_buf());
    let mut app = App::load(origin, None).unwrap();
    app.theme = Theme::plain();
    update(&mut app, Action::Resize(120, 40));
    select_transfer(&mut app, 2);
    // A new flow sorts before the onward transfer: the selection follows its row.
    let more = SMALL.replace(
        "        Flow(from: \"ads\"",
        "        Flow(from: \"crm\", to: \"broker\", data: [\"contact.email\"], purposes: [\"service.operation\"]),\n        Flow(from: \"ads\"",
    );
    std::fs::write(dir.path().join("inventory.ron"), more).unwrap();
    update(&mut app, Action::Reload);
    assert!(app.load_error.is_none(), "{:?}", app.load_error);
    let row = app.current().list.selected_row().unwrap() as usize;
    let t = &app.data.transfers[row];
    assert_eq!(
        (app.data.flows[t.flow].id.as_str(), t.group.as_str()),
        ("ads->broker", "EU onward")
    );
}

#[test]
#[cfg_attr(
    flowmap_no_dot,
    ignore = "needs Graphviz `dot` (apt-get install graphviz; missing when the tests were built)"
)]
fn export_from_the_transfers_tab_marks_restricted_edges() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = small();
    app.export_dir = dir.path().to_path_buf();
    update(&mut app, Action::GoTab(Tab::Transfers));
    update(&mut app, Action::Export);
    let status = app.status.clone().unwrap();
    assert!(!status.error, "{}", status.text);
    let dot = std::fs::read_to_string(dir.path().join("flowmap-transfers-2024-01-01.dot")).unwrap();
    let edge = |from: &str, to: &str| {
        dot.lines()
            .find(|l| l.contains(&format!("\"n:{from}\" -> \"n:{to}\"")))
            .unwrap_or_else(|| panic!("{from} -> {to} in\n{dot}"))
            .to_string()
    };
    // Every row's flow, the US → US transfer included though it crosses no border.
    let mailer = edge("crm", "mailer");
    assert!(mailer.contains("⚖ restricted: EU"), "{mailer}");
    assert!(mailer.contains("black:transparent:black"), "{mailer}");
    assert!(!mailer.contains('⇄'), "{mailer}");
    let ads = edge("crm", "ads");
    assert!(
        ads.contains("⇄ ") && ads.contains("⚖ restricted: EU"),
        "{ads}"
    );
    assert!(ads.contains("red:transparent:red"), "{ads}");
    let collection = edge("web", "crm");
    assert!(collection.contains("color=\"red\"") && !collection.contains('⚖'));
    assert!(dot.contains("⚖ restricted transfer"), "the legend");
    if let Some(svg) = support::graphviz(&dot, "svg") {
        assert!(svg.contains("<svg"));
    }
}

/// The small inventory's Transfers tab, an onward transfer selected, as a text snapshot.
#[test]
fn small_transfers_snapshot() {
    let mut app = small();
    select_transfer(&mut app, 2);
    update(&mut app, Action::Resize(120, 30));
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| view(&app, f)).unwrap();
    insta::assert_snapshot!("small_transfers_120x30", terminal.backend());
}
