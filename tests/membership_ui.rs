//! Former members in the window: a state that left an effort is drawn, explained and hidden as
//! a person exploring the map sees it (`tests/data/membership.json`).

mod common;

use std::path::Path;

use egui::{Event, Key, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::data::{Dataset, Role};
use microlateral_atlas::scene::palette;
use microlateral_atlas::{AtlasApp, WorldData};

fn harness() -> Harness<'static, AtlasApp> {
    let data = WorldData::bundled().expect("the bundled world loads");
    let dataset = Dataset::load(Path::new("tests/data/membership.json"), &data.world)
        .expect("the fixture loads")
        .dataset;
    let app = AtlasApp::new(data, dataset);
    let mut harness = common::app_harness(app, vec2(1500.0, 900.0), 400, None);
    harness.get_by_label("Climate Pact (test fixture)").click();
    harness.run();
    common::wait_for_landing(&mut harness);
    harness
}

fn set_date(harness: &mut Harness<'_, AtlasApp>, date: &str) {
    harness.get_by_label("Show the world as of").click();
    harness.run();
    harness.get_by_label("Show the world as of").type_text(date);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn after_a_state_left_it_is_drawn_as_a_former_member_and_its_tooltip_and_legend_say_so() {
    let mut harness = harness();
    set_date(&mut harness, "2026-02-01");
    let observed = harness.state().observe();
    assert_eq!(
        observed.fill_of("USA"),
        Some(palette::MUTED),
        "no fill of its own"
    );
    assert_eq!(
        observed.outline_of("USA"),
        Some(palette::former_stroke(Role::Participant)),
        "an outline in its last role's colour"
    );
    assert_eq!(
        observed.fill_of("FRA"),
        Some(palette::role_fill(Role::Participant))
    );
    harness.get_by_label("former participant (left)");

    let pos = common::screen_pos(&harness, -100.0, 40.0);
    harness.event(Event::PointerMoved(pos));
    harness.run();
    assert_eq!(harness.state().observe().hovered_code, Some("USA"));
    harness.get_by_label("Former participant in Climate Pact (test fixture) · left 27 Jan 2026");
}

#[test]
fn between_two_periods_the_state_is_a_former_member_and_then_a_member_again() {
    let mut harness = harness();
    set_date(&mut harness, "2020-12-01");
    assert_eq!(
        harness.state().observe().outline_of("USA"),
        Some(palette::former_stroke(Role::Participant))
    );
    harness.get_by_label("All dates").click();
    harness.run();
    set_date(&mut harness, "2022-01-01");
    let observed = harness.state().observe();
    assert_eq!(
        observed.fill_of("USA"),
        Some(palette::role_fill(Role::Participant))
    );
    assert!(
        harness
            .query_by_label("former participant (left)")
            .is_none()
    );
}

#[test]
fn hiding_former_members_takes_them_off_the_map_and_the_legend() {
    let mut harness = harness();
    set_date(&mut harness, "2026-02-01");
    harness.get_by_label("Show former members").click();
    harness.run();
    let observed = harness.state().observe();
    assert_eq!(observed.outline_of("USA"), None);
    assert_eq!(observed.fill_of("USA"), Some(palette::MUTED));
    assert!(
        harness
            .query_by_label("former participant (left)")
            .is_none()
    );
    // The switch stays, so they can be brought back.
    harness.get_by_label("Show former members").click();
    harness.run();
    harness.get_by_label("former participant (left)");
}

#[test]
fn the_card_lists_each_state_once_per_role_and_says_when_it_left() {
    let harness = harness();
    // The United States left twice; its last period ended on 27 January 2026.
    harness.get_by_label("(left 27 Jan 2026)");
    // New Zealand left the participants when it became a co-lead.
    harness.get_by_label("(left 1 Jan 2018)");
    assert_eq!(
        harness
            .query_all_by_label("United States of America")
            .count(),
        1,
        "listed once, not once per period"
    );
}
