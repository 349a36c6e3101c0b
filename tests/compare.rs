//! Compare mode: who joined, left, stayed or changed role between two dates, in the model, the
//! window, the `diff` command and an exported picture, which must all agree.

mod common;

use common::atlas;

use std::path::Path;

use egui::{Key, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::data::date::day_from_ymd;
use microlateral_atlas::data::{Dataset, FuzzyDate, Role};
use microlateral_atlas::scene::compare::{self, ChangeKind};
use microlateral_atlas::{AtlasApp, WorldData};

fn fixture() -> (WorldData, Dataset) {
    let data = WorldData::bundled().expect("the bundled world loads");
    let dataset = Dataset::load(Path::new("tests/data/membership.json"), &data.world)
        .expect("the fixture loads")
        .dataset;
    (data, dataset)
}

fn kinds(dataset: &Dataset, a: i64, b: i64) -> Vec<(String, ChangeKind)> {
    compare::changes(&dataset.initiatives[0], a, b)
        .into_iter()
        .map(|c| (c.code.to_owned(), c.kind))
        .collect()
}

#[test]
fn a_state_that_left_between_the_dates_is_a_leaver_with_its_date() {
    let (_, dataset) = fixture();
    let changes = compare::changes(
        &dataset.initiatives[0],
        day_from_ymd(2020, 6, 1),
        day_from_ymd(2020, 12, 1),
    );
    let usa = changes.iter().find(|c| c.code == "USA").expect("USA");
    assert_eq!(usa.kind, ChangeKind::Left);
    assert_eq!(usa.before, Some(Role::Participant));
    assert_eq!(usa.after, None);
    assert_eq!(usa.date, Some(FuzzyDate::parse("2020-11-04").unwrap()));
    assert!(!usa.uncertain);
    assert_eq!(usa.sources, [0]);
}

#[test]
fn joiners_stayers_and_role_changes_are_told_apart() {
    let (_, dataset) = fixture();
    let (a, b) = (day_from_ymd(2020, 12, 1), day_from_ymd(2021, 6, 1));
    assert_eq!(
        kinds(&dataset, a, b),
        [
            ("FJI".to_owned(), ChangeKind::Stayed),
            ("USA".to_owned(), ChangeKind::Joined),
            ("FRA".to_owned(), ChangeKind::Stayed),
            ("NZL".to_owned(), ChangeKind::Stayed),
        ]
    );
    let (a, b) = (day_from_ymd(2017, 1, 1), day_from_ymd(2019, 1, 1));
    let nzl = kinds(&dataset, a, b);
    assert!(
        nzl.contains(&("NZL".to_owned(), ChangeKind::RoleChanged)),
        "{nzl:?}"
    );
    // The dates may be given in either order.
    assert_eq!(kinds(&dataset, b, a), nzl);
}

#[test]
fn a_change_dated_only_by_its_month_is_uncertain_when_the_month_reaches_past_a_date() {
    let world = WorldData::bundled().expect("world").world;
    let dataset = microlateral_atlas::data::bundled::dataset(&world).expect("data");
    let call = dataset.by_id("christchurch-call").expect("the Call");
    let usa = |a, b| {
        compare::changes(call, a, b)
            .into_iter()
            .find(|c| c.code == "USA")
            .expect("USA joined")
    };
    let wide = usa(day_from_ymd(2019, 6, 1), day_from_ymd(2021, 6, 1));
    assert_eq!((wide.kind, wide.uncertain), (ChangeKind::Joined, false));
    let narrow = usa(day_from_ymd(2021, 4, 15), day_from_ymd(2021, 5, 20));
    assert_eq!((narrow.kind, narrow.uncertain), (ChangeKind::Joined, true));
}

fn compare_in_window(harness: &mut Harness<'_, AtlasApp>, a: &str, b: &str) {
    harness.get_by_label("Compare two dates").click();
    harness.run();
    for (field, date) in [("Date A", a), ("Date B", b)] {
        harness.get_by_label(field).click();
        harness.run();
        // Select what the field holds, so the typed text replaces it.
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        harness.get_by_label(field).type_text(date);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
}

#[test]
fn in_compare_mode_the_list_names_the_leavers_and_the_map_colours_match() {
    let (data, dataset) = fixture();
    let app = AtlasApp::new(data, dataset);
    let mut harness = common::app_harness(app, vec2(1500.0, 900.0), 400, None);
    harness.get_by_label("Climate Pact (test fixture)").click();
    harness.run();
    compare_in_window(&mut harness, "2020-06-01", "2020-12-01");
    harness.get_by_label("Changes 2020-06-01 – 2020-12-01");
    harness.get_by_label("Left (1)");
    harness.get_by_label("Member at both dates (3)");
    assert!(harness.query_by_label("Joined (1)").is_none());
    harness.get_by_label("United States of America (USA)");
    let observed = harness.state().observe();
    assert_eq!(observed.fill_of("USA"), Some(ChangeKind::Left.fill()));
    assert_eq!(observed.outline_of("USA"), Some(ChangeKind::Left.stroke()));
    assert_eq!(observed.fill_of("FRA"), Some(ChangeKind::Stayed.fill()));
    harness.get_by_label("left (1)");
}

#[test]
fn diff_prints_the_same_changes_as_the_windows_list() {
    let output = atlas(&[
        "diff",
        "--initiative",
        "christchurch-call",
        "--from",
        "2019-06-01",
        "--to",
        "2021-06-01",
        "--format",
        "csv",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "initiative_id,state,country,change,role_before,role_after,date,uncertain,sources,note"
    );
    let rows: Vec<(&str, &str, &str)> = lines[1..]
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1], f[2], f[3])
        })
        .collect();
    assert!(
        rows.contains(&("USA", "United States of America", "joined")),
        "{text}"
    );
    // The United States (May 2021); Mexico, Colombia, South Korea and the Maldives (New York,
    // September 2019), the joiners the sources date; and the 32 supporters known only to have
    // joined between September 2019 and May 2024.
    let joined = rows.iter().filter(|r| r.2 == "joined").count();
    assert_eq!(joined, 37, "{text}");

    let mut harness = common::bundled_harness(vec2(1500.0, 900.0), 400, None);
    harness.get_by_label("Christchurch Call").click();
    harness.run();
    compare_in_window(&mut harness, "2019-06-01", "2021-06-01");
    harness.get_by_label(&format!("Joined ({joined})"));
    harness.get_by_label(&format!("Member at both dates ({})", rows.len() - joined));
    for (code, country, _) in &rows {
        harness.get_by_label(&format!("{country} ({code})"));
    }
}

#[test]
fn diff_as_text_marks_a_coarse_date_uncertain() {
    let output = atlas(&[
        "diff",
        "--initiative",
        "christchurch-call",
        "--from",
        "2021-04-15",
        "--to",
        "2021-05-20",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with("Christchurch Call: 2021-04-15 – 2021-05-20"),
        "{text}"
    );
    assert!(
        text.contains("joined: United States of America (USA) · participant · May 2021 (uncertain"),
        "{text}"
    );
}

#[test]
fn export_compare_writes_a_picture_with_the_comparison_legend() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-compare-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let dir_text = dir.to_str().expect("UTF-8 path");
    let output = atlas(&[
        "export",
        "--initiative",
        "christchurch-call",
        "--compare",
        "2019-06-01",
        "2021-06-01",
        "--format",
        "svg",
        "--out",
        dir_text,
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let svg =
        std::fs::read_to_string(dir.join("christchurch-call-compare-2019-06-01-2021-06-01.svg"))
            .expect("the picture was written");
    assert!(svg.contains("Christchurch Call: 2019-06-01 – 2021-06-01"));
    assert!(
        svg.contains(">joined (37)<"),
        "the legend counts the joiners"
    );
    assert!(svg.contains(">member at both dates ("));
    assert!(svg.contains(&format!("fill=\"#{:02x}{:02x}{:02x}\"", 0x00, 0x9e, 0x73)));
}
