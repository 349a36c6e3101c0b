//! Real pixels: the map with one initiative selected, rendered by wgpu on the CPU (lavapipe),
//! compared with the image kept in `tests/snapshots/`. A colour or role regression shows here.
//!
//! To accept a deliberate change: `UPDATE_SNAPSHOTS=1 cargo test --test snapshot`, then look at
//! the new image before committing it.

use egui::vec2;
mod common;

use common::wait_for_landing;
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::AtlasApp;

/// `app` in a window of `size` points drawn by wgpu on the CPU, after its first frames.
fn rendered(app: AtlasApp, size: egui::Vec2) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(200)
        .wgpu()
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_map_with_the_doha_agreement_selected_matches_its_snapshot() {
    // A fixed "today", so open-ended efforts end at the same place on every run.
    let today = microlateral_atlas::data::date::day_from_ymd(2026, 11, 27);
    let app = AtlasApp::bundled()
        .expect("the bundled data loads")
        .with_today(today);
    let mut harness = rendered(app, vec2(1280.0, 860.0));
    harness.get_by_label("Doha Agreement on Lebanon").click();
    harness.run();
    wait_for_landing(&mut harness);
    harness.snapshot("explorer_doha_agreement");
}

#[test]
fn a_presenter_step_matches_its_snapshot() {
    let today = microlateral_atlas::data::date::day_from_ymd(2026, 11, 27);
    let app = AtlasApp::bundled()
        .expect("the bundled data loads")
        .with_today(today);
    let mut harness = rendered(app, vec2(1280.0, 800.0));
    harness.key_press(egui::Key::F5);
    harness.run();
    // Step 3: the Declaration of Principles initialled in Oslo.
    harness.key_press(egui::Key::ArrowRight);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    wait_for_landing(&mut harness);
    assert_eq!(
        harness.state().observe().progress.as_deref(),
        Some("3 / 105")
    );
    harness.snapshot("presenter_oslo_step_3");
}

/// The bundled app with `initiative` selected, in a wgpu-rendered window of `size` points.
fn selected(initiative: &str, size: egui::Vec2) -> Harness<'static, AtlasApp> {
    let today = microlateral_atlas::data::date::day_from_ymd(2026, 11, 27);
    let app = AtlasApp::bundled()
        .expect("the bundled data loads")
        .with_today(today);
    let mut harness = rendered(app, size);
    // Found by searching, as a person would: the list may not show it without scrolling.
    type_into(&mut harness, "Search", initiative);
    harness.get_by_label(initiative).click();
    harness.run();
    wait_for_landing(&mut harness);
    harness
}

/// Types `text` into the field labelled `label` and presses Enter.
fn type_into(harness: &mut Harness<'_, AtlasApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    // Select what the field holds, so the typed text replaces it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn the_united_states_after_leaving_the_paris_agreement_matches_its_snapshot() {
    let mut harness = selected(
        "US return to the Paris Agreement, undone in 2026",
        vec2(1280.0, 860.0),
    );
    type_into(&mut harness, "Show the world as of", "2026-02-01");
    wait_for_landing(&mut harness);
    harness.snapshot("former_member_paris_2026");
}

#[test]
fn a_comparison_of_two_dates_matches_its_snapshot() {
    let mut harness = selected("Christchurch Call", vec2(1280.0, 860.0));
    harness.get_by_label("Compare two dates").click();
    harness.run();
    type_into(&mut harness, "Date A", "2019-06-01");
    type_into(&mut harness, "Date B", "2021-06-01");
    wait_for_landing(&mut harness);
    harness.snapshot("compare_christchurch_2019_2021");
}

#[test]
fn the_import_preview_of_a_table_matches_its_snapshot() {
    let today = microlateral_atlas::data::date::day_from_ymd(2026, 11, 27);
    let mut app = AtlasApp::bundled()
        .expect("the bundled data loads")
        .with_today(today);
    app.command(microlateral_atlas::ui::Command::ImportTable(
        std::path::Path::new("tests/data/import/names.csv").to_owned(),
    ));
    let mut harness = rendered(app, vec2(1280.0, 800.0));
    harness.get_by_label("Korea, Rep.");
    harness.snapshot("import_preview_names");
}
