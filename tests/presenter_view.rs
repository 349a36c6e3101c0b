//! The presenter view: the presenter's own screen, with notes and the next step, driven by the
//! same keys and buttons as the room's window.

mod common;

use egui::{Key, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::data::{Dataset, bundled};
use microlateral_atlas::scene::presenter::Presenter;
use microlateral_atlas::scene::{Step, build_tour};
use microlateral_atlas::ui::presenter_view::{PresenterScene, PresenterView};
use microlateral_atlas::{AtlasApp, WorldData};

const FIRST_NOTES: &str = "Start with the back channel: two academics, one Norwegian host.";
const SECOND_NOTES: &str = "Point at Oslo; the talks moved there in January.";

/// The bundled data, with the presenter's notes on the Oslo channel's first two milestones (the
/// first two steps of the every-milestone tour).
fn data_with_notes() -> (WorldData, Dataset) {
    let data = WorldData::bundled().expect("the bundled world loads");
    let mut dataset = bundled::dataset(&data.world).expect("the bundled initiatives load");
    let oslo = dataset
        .initiatives
        .iter_mut()
        .find(|i| i.id == "oslo-accords")
        .expect("the Oslo channel");
    oslo.milestones[0].notes = Some(FIRST_NOTES.to_owned());
    oslo.milestones[1].notes = Some(SECOND_NOTES.to_owned());
    (data, dataset)
}

fn presenting() -> Harness<'static, AtlasApp> {
    let (data, dataset) = data_with_notes();
    let app = AtlasApp::new(data, dataset);
    let mut harness = common::app_harness(app, vec2(1500.0, 950.0), 400, Some(0.25));
    harness.key_press(Key::F5);
    harness.run();
    harness
}

#[test]
fn pressing_s_while_presenting_opens_the_presenter_view_with_the_notes_and_the_next_step() {
    let mut harness = presenting();
    assert!(harness.query_by_label("Exit presentation").is_some());
    harness.key_press(Key::S);
    harness.run();
    assert!(harness.state().observe().presenter_view_open);
    harness.get_by_label(FIRST_NOTES);
    harness.get_by_label("Up next");
    harness.get_by_label("Step 1 / 105");
    // The second step's title, which the room does not see yet.
    let dataset = &harness.state().observe().dataset.initiatives;
    let next_title = dataset
        .iter()
        .find(|i| i.id == "oslo-accords")
        .map(|i| i.milestones[1].title.clone())
        .expect("the Oslo channel");
    harness.get_by_label(&next_title);
    // The room's window shows the caption without the presenter's controls.
    assert!(harness.query_by_label("Exit presentation").is_none());
}

#[test]
fn next_in_the_presenter_view_moves_both_views_and_its_notes_follow() {
    let mut harness = presenting();
    harness.key_press(Key::S);
    harness.run();
    harness.get_by_label("Next").click();
    harness.run();
    assert_eq!(
        harness.state().observe().progress.as_deref(),
        Some("2 / 105")
    );
    harness.get_by_label(SECOND_NOTES);
    assert!(harness.query_by_label(FIRST_NOTES).is_none());
    harness.get_by_label("Step 2 / 105");
    // A key moves both too.
    harness.key_press(Key::ArrowLeft);
    harness.run();
    harness.get_by_label(FIRST_NOTES);
    assert_eq!(
        harness.state().observe().progress.as_deref(),
        Some("1 / 105")
    );
}

#[test]
fn s_again_closes_the_presenter_view_and_the_room_gets_its_controls_back() {
    let mut harness = presenting();
    harness.key_press(Key::S);
    harness.run();
    harness.key_press(Key::S);
    harness.run();
    assert!(!harness.state().observe().presenter_view_open);
    assert!(harness.query_by_label(FIRST_NOTES).is_none());
    harness.get_by_label("Exit presentation");
    assert!(harness.state().observe().presenting);
}

#[test]
fn the_view_on_its_own_says_when_a_step_has_no_notes_and_when_it_is_the_last() {
    let (data, dataset) = data_with_notes();
    let tour = build_tour(&dataset, &[0]);
    let steps = tour.len();
    let mut presenter = Presenter::new(tour);
    for _ in 1..steps {
        presenter.press(microlateral_atlas::ui::command::PresenterKey::Next, 0.0);
    }
    assert_eq!(presenter.next_step(), None::<&Step>);
    let mut view = PresenterView::default();
    let mut commands = Vec::new();
    let mut harness = Harness::builder()
        .with_size(vec2(1000.0, 640.0))
        .build_ui(|ui| {
            let scene = PresenterScene {
                data: &data,
                dataset: &dataset,
                presenter: &presenter,
            };
            view.ui(ui, &scene, &mut commands);
        });
    harness.run();
    harness.get_by_label("This is the last step.");
    harness.get_by_label_contains("No notes for this step");
}
