//! The explorer as a briefing audience and an analyst use it: pick an initiative, read the
//! roles off the map, click a country for its history, search and filter the list.

mod common;

use common::{click_at, screen_pos, wait_for_landing};
use egui::{Key, Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::AtlasApp;
use microlateral_atlas::app::Export;
use microlateral_atlas::export::Format;
use microlateral_atlas::scene::palette;

fn harness() -> Harness<'static, AtlasApp> {
    common::bundled_harness(vec2(1500.0, 900.0), 200, None)
}

fn click_map(harness: &mut Harness<'_, AtlasApp>, lon: f64, lat: f64) {
    let pos = screen_pos(harness, lon, lat);
    click_at(harness, pos);
    harness.remove_cursor();
    harness.run();
}

fn type_search(harness: &mut Harness<'_, AtlasApp>, text: &str) {
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text(text);
    harness.run();
}

#[test]
fn selecting_oslo_colours_norway_as_lead_and_israel_as_participant() {
    let mut harness = harness();
    harness
        .get_by_label("Oslo channel and Oslo Accords")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.observe().selected_initiative, Some("oslo-accords"));
    assert_eq!(
        app.observe().fill_of("NOR"),
        Some(palette::role_fill(microlateral_atlas::data::Role::Lead))
    );
    assert_eq!(
        app.observe().fill_of("ISR"),
        Some(palette::role_fill(
            microlateral_atlas::data::Role::Participant
        ))
    );
    assert_eq!(app.observe().fill_of("BRA"), Some(palette::MUTED));
    // The legend names the roles, and the card lists the PLO with the territory it is drawn on.
    harness.get_by_label("Roles in Oslo channel and Oslo Accords");
    harness.get_by_label("• PLO (Palestine; Palestine Liberation Organization), participant");
    assert_eq!(
        app.observe().fill_of("PSE"),
        Some(palette::role_fill(
            microlateral_atlas::data::Role::Participant
        ))
    );
}

#[test]
fn selecting_an_initiative_flies_the_map_to_its_countries() {
    let mut harness = harness();
    let world_zoom = harness.state().observe().zoom;
    harness.get_by_label("Doha Agreement on Lebanon").click();
    harness.run();
    // The flight is time-based; egui_kittest advances time by a fixed step each frame.
    wait_for_landing(&mut harness);
    assert!(!harness.state().observe().flying, "the flight ends");
    assert!(
        harness.state().observe().zoom > world_zoom + 1.0,
        "zoomed in on the Gulf"
    );
    let view = harness.state().observe().view.expect("drawn");
    assert!(
        view.rect.contains(view.screen_from_lonlat([51.2, 25.3])),
        "Qatar is on screen"
    );
}

#[test]
fn clicking_norway_lists_the_oslo_effort_with_its_dates() {
    let mut harness = harness();
    click_map(&mut harness, 9.0, 61.0);
    assert_eq!(harness.state().observe().selected_code, Some("NOR"));
    harness.get_by_label("Initiative history (5)");
    harness
        .get_by_label("lead: Oslo channel and Oslo Accords")
        .click();
    harness.run();
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some("oslo-accords")
    );
    harness.get_by_label("Dec 1992 – 28 Sep 1995 · concluded");
}

#[test]
fn a_country_with_no_efforts_says_so() {
    let mut harness = harness();
    click_map(&mut harness, 25.0, -22.0);
    assert_eq!(harness.state().observe().selected_code, Some("BWA"));
    harness.get_by_label("Botswana takes part in none of the efforts in this dataset.");
}

#[test]
fn searching_doha_finds_one_initiative() {
    let mut harness = harness();
    type_search(&mut harness, "Doha");
    assert_eq!(
        harness.state().observe().visible_initiatives,
        vec!["doha-agreement"]
    );
    harness.get_by_label("1 of 21 initiatives");
}

#[test]
fn searching_another_spelling_finds_the_country() {
    let mut harness = harness();
    type_search(&mut harness, "Holland");
    harness.get_by_label("Netherlands (NLD)").click();
    harness.run();
    assert_eq!(harness.state().observe().selected_code, Some("NLD"));
}

#[test]
fn picking_a_country_found_by_search_flies_the_map_to_it() {
    let mut harness = harness();
    let suva = (178.44, -18.14);
    let centre_before = screen_pos(&harness, suva.0, suva.1);
    type_search(&mut harness, "Fiji");
    harness.get_by_label("Fiji (FJI)").click();
    harness.run();
    wait_for_landing(&mut harness);
    assert_eq!(harness.state().observe().selected_code, Some("FJI"));
    let view = harness
        .state()
        .observe()
        .view
        .expect("the map has been drawn");
    let map = view.rect;
    let suva_now = screen_pos(&harness, suva.0, suva.1);
    assert!(
        map.shrink(map.width() / 4.0).contains(suva_now),
        "Suva was at {centre_before:?}, is at {suva_now:?}, the map is {map:?}"
    );
    // Zoomed in to see the islands, not so far that a microstate fills the screen.
    let zoom = harness.state().observe().zoom;
    assert!((5.0..=6.0).contains(&zoom), "zoom {zoom}");
}

#[test]
fn the_small_state_filter_hides_the_contrast_formats() {
    let mut harness = harness();
    let all = harness.state().observe().visible_initiatives.len();
    harness.get_by_label("Small-state led only").click();
    harness.run();
    let small = harness.state().observe().visible_initiatives;
    assert_eq!(all, 21);
    assert_eq!(small.len(), 13);
    assert!(!small.contains(&"quad-plus"));
}

#[test]
fn unticking_proposed_leaves_only_efforts_that_happened() {
    let mut harness = harness();
    harness.get_by_label("Proposed").click();
    harness.run();
    let visible = harness.state().observe().visible_initiatives;
    assert!(visible.contains(&"oslo-accords"));
    assert!(!visible.contains(&"remote-learning"));
    assert!(!visible.contains(&"colombia-ddr"));
}

#[test]
fn escape_clears_both_selections() {
    let mut harness = harness();
    harness
        .get_by_label("Oslo channel and Oslo Accords")
        .click();
    harness.run();
    click_map(&mut harness, 9.0, 61.0);
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().observe().selected_initiative, None);
    assert_eq!(harness.state().observe().selected_code, None);
}

#[test]
fn the_overview_shades_leads_apart_from_mere_participants() {
    let harness = harness();
    let app = harness.state();
    assert_eq!(app.observe().fill_of("NOR"), palette::overview_fill(1, 0));
    assert_eq!(app.observe().fill_of("ISL"), palette::overview_fill(0, 1));
    assert_eq!(
        app.observe().fill_of("BWA"),
        Some(microlateral_atlas::scene::style::LAND)
    );
}

#[test]
fn arrow_keys_step_through_the_list() {
    let mut harness = harness();
    harness.key_press(Key::ArrowDown);
    harness.run();
    let first = harness.state().observe().visible_initiatives[0].to_owned();
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some(first.as_str())
    );
    harness.key_press(Key::ArrowDown);
    harness.run();
    let second = harness.state().observe().visible_initiatives[1].to_owned();
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some(second.as_str())
    );
}

#[test]
fn ctrl_plus_and_minus_scale_the_whole_interface() {
    let mut harness = harness();
    let before = harness.ctx.zoom_factor();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    let larger = harness.ctx.zoom_factor();
    assert!(larger > before, "{before} → {larger}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert!(harness.ctx.zoom_factor() < larger);
}

/// An in-memory stand-in for eframe's settings file.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_selection_view_and_filters_survive_a_restart() {
    let mut harness = harness();
    harness.get_by_label("Small-state led only").click();
    harness.run();
    harness.get_by_label("Doha Agreement on Lebanon").click();
    harness.run();
    type_search(&mut harness, "Norway");
    harness.get_by_label("Norway (NOR)").click();
    harness.run();
    let zoom = harness.state().observe().zoom;
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);

    let restored = AtlasApp::bundled()
        .expect("the bundled data loads")
        .restore(Some(&storage));
    assert_eq!(
        restored.observe().selected_initiative,
        Some("doha-agreement")
    );
    assert_eq!(restored.observe().selected_code, Some("NOR"));
    assert_eq!(
        restored.observe().visible_initiatives.len(),
        13,
        "the small-state filter"
    );
    assert!(
        (restored.observe().zoom - zoom).abs() < 1e-9,
        "the map view"
    );
}

/// A fresh folder for one test's exports.
fn export_dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("atlas-export-{tag}-"))
        .tempdir()
        .expect("a temporary folder")
}

#[test]
fn a_countrys_history_exports_as_csv_and_json_from_its_panel() {
    let mut harness = harness();
    click_map(&mut harness, 9.0, 61.0);
    assert_eq!(harness.state().observe().selected_code, Some("NOR"));
    let rows = harness.state().observe().dataset.history_of("NOR").len();
    let temp = export_dir("history");
    let dir = temp.path();
    let dialogs = common::scripted_dialogs(&mut harness);

    let csv = dir.join("NOR-history.csv");
    dialogs.answer(Some(csv.clone()));
    harness.get_by_label("Export history as CSV…").click();
    harness.run();
    assert_eq!(
        dialogs.asked()[0].file_name.as_deref(),
        Some("NOR-history.csv")
    );
    let text = std::fs::read_to_string(&csv).expect("the CSV was written");
    assert_eq!(text.lines().count(), rows + 1, "{text}");
    assert!(text.starts_with("initiative_id,"), "{text}");
    assert!(text.contains("oslo-accords,"), "{text}");
    let report = harness.state().observe().load_report.expect("a report");
    assert!(!report.1);
    assert_eq!(
        report.0,
        [format!("Saved the history of NOR to {}", csv.display())]
    );

    let json = dir.join("NOR-history.json");
    dialogs.answer(Some(json.clone()));
    harness.get_by_label("Export history as JSON…").click();
    harness.run();
    let text = std::fs::read_to_string(&json).expect("the JSON was written");
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(parsed.len(), rows);
}

#[test]
fn the_file_menu_exports_the_initiative_list_as_csv_and_json() {
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export the initiative list as JSON…");
    let temp = export_dir("list");
    let path = temp.path().join("initiatives.csv");
    common::scripted_dialogs(&mut harness).answer(Some(path.clone()));
    harness
        .get_by_label("Export the initiative list as CSV…")
        .click();
    harness.run();
    let text = std::fs::read_to_string(&path).expect("the CSV was written");
    assert_eq!(text.lines().count(), 21 + 1, "{text}");
}

#[test]
fn an_export_that_cannot_be_written_says_why() {
    let mut harness = harness();
    let temp = export_dir("fail");
    let path = temp.path().join("no such folder").join("list.csv");
    common::scripted_dialogs(&mut harness).answer(Some(path.clone()));
    harness
        .state_mut()
        .command(microlateral_atlas::ui::Command::Export(
            Export::List,
            Format::Csv,
        ));
    harness.run();
    let (lines, failed) = harness.state().observe().load_report.expect("a report");
    assert!(failed);
    assert!(
        lines[0].starts_with("Could not save the initiative list: "),
        "{lines:?}"
    );
    assert!(lines[0].contains("no such folder"), "{lines:?}");
    assert_eq!(harness.state().observe().dataset.initiatives.len(), 21);
}

#[test]
fn the_map_at_twice_its_pixels_is_drawn_in_the_background_and_reported() {
    let mut harness = harness();
    let temp = export_dir("scaled");
    let path = temp.path().join("map-2x.png");
    let dialogs = common::scripted_dialogs(&mut harness);
    dialogs.answer(Some(path.clone()));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save view as PNG at 2×…").click();
    harness.step();
    assert_eq!(
        dialogs.asked()[0].file_name.as_deref(),
        Some("microlateral-atlas-2x.png")
    );
    common::wait_for(&mut harness, |app| app.observe().load_report.is_some());
    let (lines, failed) = harness.state().observe().load_report.expect("a report");
    assert!(!failed, "{lines:?}");
    assert_eq!(
        lines,
        [format!("Saved the map view at 2× to {}", path.display())]
    );
    let map = harness.state().observe().view.expect("a map view").rect;
    let image = image::open(&path).expect("a PNG");
    assert_eq!(
        (image.width(), image.height()),
        (
            (map.width() * 2.0).round() as u32,
            (map.height() * 2.0).round() as u32
        )
    );
}
