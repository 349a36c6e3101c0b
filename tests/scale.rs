//! The atlas with thousands of efforts (a synthetic file): the file loads and passes the checks,
//! the list lays out only the rows in view, and a search finds an effort deep in the list.
//! The speed of it is measured by `cargo bench --bench scale`, not here.

mod common;

use egui::vec2;
use egui_kittest::kittest::Queryable as _;
use microlateral_atlas::data::Dataset;
use microlateral_atlas::{AtlasApp, WorldData};

#[path = "../benches/synthetic.rs"]
mod synthetic;

/// A thousand efforts keep the debug build quick; the bench measures ten thousand.
const EFFORTS: usize = 1000;

fn synthetic_dataset(world: &WorldData) -> Dataset {
    let codes = synthetic::codes_of(&world.world);
    let text = synthetic::initiatives_json(EFFORTS, 40, 5, &codes);
    let loaded = Dataset::from_json("synthetic.json", text.as_bytes(), &world.world)
        .expect("the synthetic file passes the checks");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.dataset
}

#[test]
fn a_thousand_synthetic_efforts_with_forty_states_each_load_and_pass_the_checks() {
    let world = WorldData::bundled().expect("the bundled world loads");
    let dataset = synthetic_dataset(&world);
    assert_eq!(dataset.initiatives.len(), EFFORTS);
    assert!(dataset.initiatives.iter().all(|i| i.actors.len() == 40));
    assert!(dataset.initiatives.iter().all(|i| i.milestones.len() == 5));
}

#[test]
fn the_list_lays_out_only_the_efforts_in_view_and_search_finds_one_deep_in_it() {
    let world = WorldData::bundled().expect("the bundled world loads");
    let dataset = synthetic_dataset(&world);
    let app = AtlasApp::new(world, dataset);
    let mut harness = common::app_harness(app, vec2(1400.0, 860.0), 200, None);
    harness.get_by_label(&format!("{EFFORTS} of {EFFORTS} initiatives"));
    let rows = harness
        .query_all_by_label_contains("Synthetic effort")
        .count();
    assert!(
        (5..100).contains(&rows),
        "{rows} rows laid out for {EFFORTS} efforts"
    );
    // The last effort is far below the fold: not laid out until searched for.
    assert!(
        harness
            .query_by_label_contains("Synthetic effort 00999")
            .is_none()
    );
    harness.get_by_label("Search").click();
    harness.run();
    harness.get_by_label("Search").type_text("effort 00999");
    harness.run();
    harness.get_by_label("1 of 1000 initiatives");
    harness
        .get_by_label_contains("Synthetic effort 00999")
        .click();
    harness.run();
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some("synthetic-00999")
    );
}

#[test]
fn a_long_file_checked_on_two_cores_reports_every_problem_in_file_order() {
    let world = WorldData::bundled().expect("the bundled world loads");
    let codes = synthetic::codes_of(&world.world);
    let text = synthetic::initiatives_json(EFFORTS, 40, 5, &codes);
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("synthetic JSON");
    // One problem in each half of the list, and an id used twice across the halves.
    json["initiatives"][10]["actors"][5]["state"] = "ZZZ".into();
    json["initiatives"][900]["actors"][5]["state"] = "ZZZ".into();
    json["initiatives"][950]["id"] = json["initiatives"][3]["id"].clone();
    let text = serde_json::to_string_pretty(&json).expect("serialise");
    let Err(microlateral_atlas::data::DatasetError::Invalid { diagnostics, .. }) =
        Dataset::from_json("long.json", text.as_bytes(), &world.world)
    else {
        panic!("the file has errors");
    };
    let paths: Vec<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "initiatives[10].actors[5].state",
            "initiatives[900].actors[5].state",
            "initiatives[950].id",
        ],
        "{diagnostics:#?}"
    );
    // Each is placed on its own line of the pretty-printed file, in file order.
    let lines: Vec<usize> = diagnostics.iter().map(|d| d.line).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}
