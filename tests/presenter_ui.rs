//! Presenter mode and the timeline's date cursor, as a presenter with a clicker uses them.

mod common;

use egui::{Key, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::AtlasApp;
use microlateral_atlas::data::Role;
use microlateral_atlas::scene::palette;

fn harness() -> Harness<'static, AtlasApp> {
    common::bundled_harness(vec2(1500.0, 950.0), 400, Some(0.25))
}

fn press(harness: &mut Harness<'_, AtlasApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn progress(harness: &Harness<'_, AtlasApp>) -> String {
    harness.state().observe().progress.expect("presenting")
}

fn caption_title(harness: &Harness<'_, AtlasApp>) -> String {
    harness.state().observe().caption.expect("a caption")[2].clone()
}

#[test]
fn f5_starts_the_tour_at_the_first_milestone_in_date_order() {
    let mut harness = harness();
    press(&mut harness, Key::F5);
    assert!(harness.state().observe().presenting);
    assert_eq!(progress(&harness), "1 / 105");
    let caption = harness.state().observe().caption.expect("a caption");
    assert_eq!(caption[0], "Dec 1992");
    assert_eq!(caption[1], "Oslo channel and Oslo Accords");
    assert_eq!(caption[2], "Hirschfeld and Qurei meet in London");
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some("oslo-accords")
    );
    assert_eq!(
        harness.state().observe().fill_of("NOR"),
        Some(palette::role_fill(Role::Lead))
    );
    assert_eq!(
        harness.state().observe().as_of.as_deref(),
        Some("1992-12-31")
    );
    harness.get_by_label("Hirschfeld and Qurei meet in London");
    harness.get_by_label("1 / 105");
}

#[test]
fn every_forward_key_and_every_back_key_moves_one_step() {
    let mut harness = harness();
    press(&mut harness, Key::F5);
    for key in [
        Key::ArrowRight,
        Key::ArrowDown,
        Key::Space,
        Key::N,
        Key::PageDown,
    ] {
        press(&mut harness, key);
    }
    assert_eq!(progress(&harness), "6 / 105");
    press(&mut harness, Key::Enter);
    assert_eq!(progress(&harness), "7 / 105", "Enter goes forward too");
    for key in [
        Key::ArrowLeft,
        Key::ArrowUp,
        Key::Backspace,
        Key::P,
        Key::PageUp,
    ] {
        press(&mut harness, key);
    }
    assert_eq!(progress(&harness), "2 / 105");
    assert_eq!(
        caption_title(&harness),
        "First secret round at Borregaard Manor near Oslo"
    );
}

#[test]
fn home_end_and_typed_numbers_jump() {
    let mut harness = harness();
    press(&mut harness, Key::F5);
    press(&mut harness, Key::End);
    assert_eq!(progress(&harness), "105 / 105");
    press(&mut harness, Key::ArrowRight);
    assert_eq!(
        progress(&harness),
        "105 / 105",
        "the last step stays the last"
    );
    press(&mut harness, Key::Home);
    assert_eq!(progress(&harness), "1 / 105");
    press(&mut harness, Key::Num1);
    press(&mut harness, Key::Num2);
    press(&mut harness, Key::Enter);
    assert_eq!(progress(&harness), "12 / 105");
}

#[test]
fn a_step_of_the_christchurch_call_shows_only_the_members_of_that_date() {
    let mut harness = harness();
    press(&mut harness, Key::F5);
    // Walk forward to the Call's adoption in Paris.
    for _ in 0..105 {
        if caption_title(&harness).contains("adopted")
            && harness.state().observe().selected_initiative == Some("christchurch-call")
        {
            break;
        }
        press(&mut harness, Key::ArrowRight);
    }
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some("christchurch-call")
    );
    assert_eq!(
        harness.state().observe().fill_of("NZL"),
        Some(palette::role_fill(Role::Lead))
    );
    assert_eq!(
        harness.state().observe().fill_of("USA"),
        Some(palette::MUTED),
        "the US joined in 2021"
    );
}

#[test]
fn the_full_stop_and_b_black_out_the_screen_and_bring_it_back() {
    let mut harness = harness();
    press(&mut harness, Key::F5);
    press(&mut harness, Key::Period);
    assert!(harness.state().observe().blacked_out);
    press(&mut harness, Key::B);
    assert!(!harness.state().observe().blacked_out);
}

#[test]
fn escape_leaves_presenter_mode_and_brings_the_panels_back() {
    let mut harness = harness();
    press(&mut harness, Key::F5);
    assert!(
        harness.query_by_label("Initiatives").is_none(),
        "editing panels are hidden"
    );
    press(&mut harness, Key::Escape);
    assert!(!harness.state().observe().presenting);
    harness.get_by_label("Initiatives");
}

#[test]
fn autoplay_steps_on_its_own_and_pauses() {
    let mut harness = harness();
    press(&mut harness, Key::F5);
    harness
        .state_mut()
        .command(microlateral_atlas::ui::Command::SetAutoplayInterval(1.0));
    harness.get_by_label("Play").click();
    harness.step();
    assert!(harness.state().observe().autoplaying);
    // Each frame advances egui's clock by 0.25 s.
    for _ in 0..9 {
        harness.step();
    }
    assert_eq!(progress(&harness), "3 / 105");
    harness.get_by_label("Pause").click();
    harness.step();
    for _ in 0..12 {
        harness.step();
    }
    assert_eq!(progress(&harness), "3 / 105");
}

#[test]
fn the_date_cursor_shows_the_christchurch_call_growing() {
    let mut harness = harness();
    harness.get_by_label("Christchurch Call").click();
    harness.run();
    let set_date = |harness: &mut Harness<'_, AtlasApp>, date: &str| {
        let field = harness.get_by_label("Show the world as of");
        field.click();
        harness.run();
        harness.get_by_label("Show the world as of").type_text(date);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    };
    set_date(&mut harness, "2019-06-01");
    assert_eq!(
        harness.state().observe().as_of.as_deref(),
        Some("2019-06-01")
    );
    assert_eq!(
        harness.state().observe().fill_of("FRA"),
        Some(palette::role_fill(Role::CoLead))
    );
    assert_eq!(
        harness.state().observe().fill_of("USA"),
        Some(palette::MUTED)
    );
    harness.get_by_label("All dates").click();
    harness.run();
    set_date(&mut harness, "2021-06-01");
    assert_eq!(
        harness.state().observe().fill_of("USA"),
        Some(palette::role_fill(Role::Participant))
    );
    harness.get_by_label("All dates").click();
    harness.run();
    set_date(&mut harness, "2018-01-01");
    assert_eq!(
        harness.state().observe().fill_of("NZL"),
        Some(palette::MUTED),
        "not begun yet"
    );
}

#[test]
fn a_tour_from_the_data_file_runs_in_the_authors_order() {
    let mut harness = harness();
    harness.get_by_label("Tour").click();
    harness.run();
    harness
        .get_by_label("Tour: Small states broker peace")
        .click();
    harness.run();
    harness.get_by_label("Present").click();
    harness.run();
    assert_eq!(progress(&harness), "1 / 6");
    assert_eq!(
        caption_title(&harness),
        "First secret round at Borregaard Manor near Oslo"
    );
    press(&mut harness, Key::End);
    assert_eq!(caption_title(&harness), "Michel Suleiman elected president");
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some("doha-agreement")
    );
}

#[test]
fn the_timeline_collapses_to_a_button_and_comes_back() {
    let mut harness = harness();
    harness.get_by_label("Hide timeline").click();
    harness.run();
    assert!(harness.query_by_label("Show the world as of").is_none());
    harness.get_by_label("Show timeline").click();
    harness.run();
    harness.get_by_label("Show the world as of");
}

#[test]
fn presenting_draws_the_legend_larger_and_keeps_it_above_the_credits() {
    let mut harness = harness();
    harness
        .get_by_label("Oslo channel and Oslo Accords")
        .click();
    harness.run();
    // A one-line row: the title wraps differently at the two sizes.
    let row = "not involved";
    let before = harness.get_by_label(row).rect();
    press(&mut harness, Key::F5);
    let presenting = harness.get_by_label(row).rect();
    assert!(
        presenting.height() > before.height() * 1.2,
        "{before:?} then {presenting:?}"
    );
    let credits = harness
        .get_by_label_contains("Borders: Natural Earth")
        .rect();
    // The legend's frame has a margin of 6 points below its last row.
    let legend_bottom = presenting.bottom() + 6.0;
    assert!(
        legend_bottom < credits.top(),
        "the legend ends at {legend_bottom}, the credits start at {}",
        credits.top()
    );
}
