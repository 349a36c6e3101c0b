//! The app as a person uses it, driven headless through egui_kittest (AccessKit labels, real
//! pointer and key events).

mod common;

use common::{click_at, screen_pos};
use egui::{Event, Key, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::geo::MAX_ZOOM;
use microlateral_atlas::{AtlasApp, WorldData};

fn harness() -> Harness<'static, AtlasApp> {
    common::bundled_harness(vec2(1400.0, 860.0), 200, None)
}

#[test]
fn the_app_opens_on_the_whole_world_with_its_controls() {
    let harness = harness();
    harness.get_by_label("Zoom in");
    harness.get_by_label("Zoom out");
    harness.get_by_label("Fit world");
    harness.get_by_label("No country selected");
    let view = harness
        .state()
        .observe()
        .view
        .expect("the map has been drawn");
    // Both Alaska and New Zealand are on screen.
    assert!(view.rect.contains(view.screen_from_lonlat([-150.0, 62.0])));
    assert!(view.rect.contains(view.screen_from_lonlat([174.0, -41.0])));
}

#[test]
fn hovering_a_country_names_it() {
    let mut harness = harness();
    let pos = screen_pos(&harness, 2.5, 46.5);
    harness.event(Event::PointerMoved(pos));
    harness.run();
    assert_eq!(harness.state().observe().hovered_code, Some("FRA"));
    harness.get_by_label("France (FRA)");
}

#[test]
fn clicking_a_country_selects_it_and_the_panel_shows_its_name_and_code() {
    let mut harness = harness();
    let pos = screen_pos(&harness, 9.0, 61.0);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().observe().selected_code, Some("NOR"));
    harness.remove_cursor();
    harness.run();
    harness.get_by_label("Norway");
    harness.get_by_label("ISO 3166-1 alpha-3: NOR");
}

#[test]
fn escape_clears_the_selection() {
    let mut harness = harness();
    let pos = screen_pos(&harness, 9.0, 61.0);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().observe().selected_code, Some("NOR"));
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().observe().selected_code, None);
    harness.get_by_label("No country selected");
}

#[test]
fn a_microstate_too_small_to_see_is_clickable_through_its_dot() {
    let mut harness = harness();
    let data = WorldData::bundled().expect("the bundled world loads");
    let bahrain = data.world.index_of("BHR").expect("Bahrain");
    let dot = data.meshes.label_points[bahrain];
    let view = harness
        .state()
        .observe()
        .view
        .expect("the map has been drawn");
    let pos = view.screen_from_unit(dot, 0.0);
    // Off by a few pixels, as a real click would be.
    click_at(&mut harness, pos + vec2(3.0, -2.0));
    assert_eq!(harness.state().observe().selected_code, Some("BHR"));
}

#[test]
fn clicking_the_ocean_clears_the_selection() {
    let mut harness = harness();
    let norway = screen_pos(&harness, 9.0, 61.0);
    click_at(&mut harness, norway);
    let pacific = screen_pos(&harness, -140.0, 0.0);
    click_at(&mut harness, pacific);
    assert_eq!(harness.state().observe().selected_code, None);
}

#[test]
fn the_zoom_buttons_stop_at_the_limits_without_panicking() {
    let mut harness = harness();
    for _ in 0..20 {
        harness.get_by_label("Zoom out").click();
        harness.run();
    }
    let min = harness.state().observe().zoom;
    assert!(min >= 0.0);
    let view = harness
        .state()
        .observe()
        .view
        .expect("the map has been drawn");
    // At the smallest zoom the whole world still fills one side of the map.
    let world_px = view.scale;
    assert!(
        world_px + 1.0 >= view.rect.width().min(view.rect.height()),
        "{world_px}"
    );
    for _ in 0..20 {
        harness.get_by_label("Zoom in").click();
        harness.run();
    }
    assert_eq!(harness.state().observe().zoom, MAX_ZOOM);
    harness.get_by_label("Fit world").click();
    harness.run();
    // The fit is a time-based flight.
    assert!(!harness.state().observe().flying);
    assert!(harness.state().observe().zoom < 4.0);
}

/// Turns the mouse wheel `clicks` notches towards the user (zooming in) at `pos`.
fn wheel_in(harness: &mut Harness<'_, AtlasApp>, pos: egui::Pos2, clicks: usize) {
    harness.event(Event::PointerMoved(pos));
    harness.run();
    for _ in 0..clicks {
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: vec2(0.0, 3.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::default(),
        });
        // egui smooths wheel scrolling over several frames.
        for _ in 0..30 {
            harness.step();
        }
    }
}

#[test]
fn zooming_in_past_the_limit_keeps_the_place_under_the_pointer() {
    let mut harness = harness();
    // Suva, Fiji, off centre: a user zooming in on it with the wheel.
    let (lon, lat) = (178.44, -18.14);
    let pos = screen_pos(&harness, lon, lat);
    wheel_in(&mut harness, pos, 40);
    assert_eq!(harness.state().observe().zoom, MAX_ZOOM);
    let now = screen_pos(&harness, lon, lat);
    assert!(
        (now - pos).length() < 2.0,
        "Suva was under the pointer at {pos:?} and is now at {now:?}"
    );
}

#[test]
fn the_mouse_wheel_zooms_the_map() {
    let mut harness = harness();
    let before = harness.state().observe().zoom;
    let pos = screen_pos(&harness, 10.0, 50.0);
    wheel_in(&mut harness, pos, 1);
    assert!(
        harness.state().observe().zoom > before + 0.3,
        "{before} → {}",
        harness.state().observe().zoom
    );
}
