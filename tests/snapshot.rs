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

#[test]
fn the_map_with_the_doha_agreement_selected_matches_its_snapshot() {
    // A fixed "today", so open-ended efforts end at the same place on every run.
    let today = microlateral_atlas::data::date::day_from_ymd(2026, 11, 27);
    let app = AtlasApp::bundled()
        .expect("the bundled data loads")
        .with_today(today);
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 860.0))
        .with_max_steps(200)
        .wgpu()
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui(ui), app);
    harness.run();
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
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(200)
        .wgpu()
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui(ui), app);
    harness.run();
    harness.key_press(egui::Key::F5);
    harness.run();
    // Step 3: the Declaration of Principles initialled in Oslo.
    harness.key_press(egui::Key::ArrowRight);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    wait_for_landing(&mut harness);
    assert_eq!(
        harness.state().observe().progress.as_deref(),
        Some("3 / 93")
    );
    harness.snapshot("presenter_oslo_step_3");
}
