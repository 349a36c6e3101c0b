//! An analyst's own files, loaded in the running app: a good file replaces the data, a broken
//! one leaves it as it was and says what is wrong, and an edited file reloads.

mod common;

use std::path::{Path, PathBuf};

use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::data::Dataset;
use microlateral_atlas::data::WorldOptions;
use microlateral_atlas::loader::DatasetSource;
use microlateral_atlas::{AtlasApp, WorldData};

fn harness() -> Harness<'static, AtlasApp> {
    common::bundled_harness(vec2(1400.0, 900.0), 400, None)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Steps the UI until `done` holds, for at most ten seconds (loads run on another thread).
fn open(harness: &mut Harness<'_, AtlasApp>, path: PathBuf) {
    harness.state_mut().open(path);
    harness.step();
    common::wait_for(harness, |app| !app.observe().loading);
}

#[test]
fn a_broken_file_keeps_the_data_and_lists_its_problems() {
    let mut harness = harness();
    harness
        .get_by_label("Oslo channel and Oslo Accords")
        .click();
    harness.run();
    open(&mut harness, fixture("bad/unknown-country-code.json"));
    let (lines, failed) = harness.state().observe().load_report.expect("a report");
    assert!(failed);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("unknown-country-code.json:22:19")
                && l.contains("unknown country code \"NRO\"")),
        "{lines:?}"
    );
    assert_eq!(
        harness.state().observe().dataset.initiatives.len(),
        21,
        "the old data stays"
    );
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some("oslo-accords")
    );
    harness.get_by_label("Could not use unknown-country-code.json");
    harness.get_by_label("Nothing was changed: the data shown before is still loaded.");
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().observe().load_report.is_none());
}

#[test]
fn a_good_file_replaces_the_data() {
    let mut harness = harness();
    open(&mut harness, fixture("valid.json"));
    let text = std::fs::read_to_string(fixture("valid.json")).expect("fixture");
    let expected = serde_json::from_str::<serde_json::Value>(&text).expect("json")["initiatives"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(
        harness.state().observe().dataset.initiatives.len(),
        expected
    );
    assert!(
        harness
            .state()
            .observe()
            .load_report
            .is_none_or(|(_, failed)| !failed)
    );
}

#[test]
fn a_world_file_lacking_most_states_opens_with_the_initiatives_and_names_what_it_lacks() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-load-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("square.geojson");
    std::fs::write(
        &path,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA","name":"Square"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}]}"#,
    )
    .expect("write");
    let mut harness = harness();
    open(&mut harness, path);
    let (lines, failed) = harness.state().observe().load_report.expect("a report");
    assert!(!failed);
    assert!(
        lines[0].contains("states named here are not on this map, so their roles are kept"),
        "{lines:?}"
    );
    assert_eq!(harness.state().observe().world.countries().len(), 1);
    assert_eq!(harness.state().observe().dataset.initiatives.len(), 21);
}

/// A copy of the valid fixture in a folder of its own (`tag` keeps tests apart), to edit; the
/// folder goes when its guard is dropped.
fn own_copy(tag: &str) -> (tempfile::TempDir, PathBuf, String) {
    let temp = tempfile::Builder::new()
        .prefix(&format!("atlas-{tag}-"))
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("mine.json");
    let good = std::fs::read_to_string(fixture("valid.json")).expect("fixture");
    std::fs::write(&path, &good).expect("write");
    (temp, path, good)
}

/// Saves `good` with every initiative renamed "Edited …", and waits for the app to show it.
fn edit_and_wait_for_reload(harness: &mut Harness<'_, AtlasApp>, path: &Path, good: &str) {
    std::fs::write(path, good.replace("\"name\": \"", "\"name\": \"Edited ")).expect("write");
    common::wait_for(harness, |app| {
        app.observe()
            .dataset
            .initiatives
            .first()
            .is_some_and(|i| i.name.starts_with("Edited "))
    });
}

#[test]
fn an_edited_file_reloads_and_a_broken_save_does_not_wipe_the_map() {
    let (_folder, path, good) = own_copy("watch");
    let mut harness = harness();
    open(&mut harness, path.clone());
    let loaded = harness.state().observe().dataset.initiatives.len();
    assert!(loaded < 21);

    // A broken save: the app says so and keeps what it had.
    std::fs::write(&path, &good[..good.len() / 2]).expect("write");
    common::wait_for(&mut harness, |app| {
        app.observe().load_report.is_some_and(|(_, failed)| failed)
    });
    assert_eq!(harness.state().observe().dataset.initiatives.len(), loaded);

    // Fixed again: it reloads by itself.
    edit_and_wait_for_reload(&mut harness, &path, &good);
}

#[test]
fn a_file_given_at_start_reloads_when_it_is_edited() {
    let (_folder, path, good) = own_copy("start");
    // As `microlateral-atlas --data mine.json` starts: the file is loaded before the window.
    let mut harness = harness();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .opened_from(None, DatasetSource::File(path.clone()), &ctx);
    assert_eq!(harness.state().observe().recent_files.first(), Some(&path));
    edit_and_wait_for_reload(&mut harness, &path, &good);
}

#[test]
fn opening_a_world_file_shows_a_progress_bar_naming_it_until_it_has_loaded() {
    let mut harness = harness();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/world.geojson");
    harness.state_mut().open(path);
    // The load starts and is drawn in the same frame; it ends no sooner than the next.
    harness.step();
    assert!(
        harness.query_by_label_contains("world.geojson").is_some(),
        "a progress bar names the file"
    );
    common::wait_for(&mut harness, |app| !app.observe().loading);
    // The bar is gone; the credits now name the opened file.
    assert!(harness.query_by_label_contains("world.geojson…").is_none());
    harness.get_by_label("Borders: world.geojson");
}

#[test]
fn a_world_given_at_start_reloads_with_its_code_property_and_without_initiatives() {
    // As `microlateral-atlas --world two.geojson --code-property GID_0`: a map the bundled
    // initiatives do not fit (it opens without them), with codes in a property the loader would
    // not find by itself.
    let temp = tempfile::Builder::new()
        .prefix("atlas-world-start-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("two.geojson");
    let world = |second_name: &str| {
        format!(
            r#"{{"type":"FeatureCollection","features":[
{{"type":"Feature","properties":{{"GID_0":"NOR","name":"Norway"}},"geometry":{{"type":"Polygon","coordinates":[[[5,58],[11,58],[11,64],[5,64],[5,58]]]}}}},
{{"type":"Feature","properties":{{"GID_0":"QAT","name":"{second_name}"}},"geometry":{{"type":"Polygon","coordinates":[[[50,24],[52,24],[52,26],[50,26],[50,24]]]}}}}]}}"#
        )
    };
    std::fs::write(&path, world("Qatar")).expect("write");
    let options = WorldOptions {
        code_property: Some("GID_0".to_owned()),
        name_property: None,
    };
    let data = WorldData::load(Some(&path), &options, &microlateral_atlas::data::NoProgress)
        .expect("the world loads with its property");
    let app = AtlasApp::new(data, Dataset::default());
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui(ui), app);
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .opened_from(Some((path.clone(), options)), DatasetSource::Empty, &ctx);

    std::fs::write(&path, world("State of Qatar")).expect("write");
    common::wait_for(&mut harness, |app| {
        app.observe()
            .world
            .by_code("QAT")
            .is_some_and(|c| c.name == "State of Qatar")
    });
    assert!(harness.state().observe().load_report.is_none());
    assert!(harness.state().observe().dataset.initiatives.is_empty());
}

/// The window's start, as `main` makes it from the command line.
fn window_from(args: &[&str]) -> microlateral_atlas::cli::WindowData {
    use clap::Parser as _;
    let args = microlateral_atlas::cli::Args::parse_from(
        std::iter::once("microlateral-atlas").chain(args.iter().copied()),
    );
    match microlateral_atlas::cli::Config::new(args)
        .expect("the window opens")
        .job
    {
        microlateral_atlas::cli::Job::Window(window) => *window,
        _ => panic!("not the window"),
    }
}

#[test]
fn a_broken_data_file_given_at_start_opens_the_window_on_the_bundled_data_with_its_problems() {
    let window = window_from(&["--data", "tests/data/bad/duplicate-id.json"]);
    assert!(matches!(window.source, DatasetSource::Bundled));
    assert_eq!(window.dataset.initiatives.len(), 21);
    let (path, lines, failed) = window.report.clone().expect("a report");
    assert!(failed);
    assert_eq!(path, Path::new("tests/data/bad/duplicate-id.json"));
    assert!(
        lines[0].starts_with("tests/data/bad/duplicate-id.json:"),
        "{lines:?}"
    );

    let mut app = AtlasApp::new(window.data, window.dataset);
    app.report(path, lines, failed);
    let harness = common::app_harness(app, vec2(1200.0, 800.0), 50, None);
    let (shown, failed) = harness.state().observe().load_report.expect("shown");
    assert!(failed && shown[0].contains("duplicate-id.json"));
}

#[test]
fn a_world_file_given_at_start_that_cannot_be_read_opens_the_bundled_map_with_why() {
    let window = window_from(&["--world", "tests/data/bad/world/empty.geojson"]);
    assert_eq!(window.data.world.countries().len(), 241);
    assert!(window.world_file.is_none());
    let (_, lines, failed) = window.report.expect("a report");
    assert!(failed);
    assert_eq!(
        lines,
        [
            "tests/data/bad/world/empty.geojson: the file is empty; expected a GeoJSON \
          FeatureCollection of countries"
        ]
    );
}

#[test]
fn commands_without_a_window_still_fail_fast_on_a_broken_file() {
    let output = common::atlas(&[
        "history",
        "NOR",
        "--data",
        "tests/data/bad/duplicate-id.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn opening_a_world_map_keeps_unsaved_edits_and_their_history_without_asking() {
    use microlateral_atlas::data::edit::{Edit, InitiativeField};
    use microlateral_atlas::ui::Command;
    let mut harness = harness();
    harness.state_mut().command(Command::Edit(Edit::Initiative {
        initiative: 0,
        field: InitiativeField::Name("Oslo, renamed".to_owned()),
    }));
    harness.run();
    let edited = harness.state().observe().dataset.clone();
    let temp = tempfile::Builder::new()
        .prefix("atlas-load-")
        .tempdir()
        .expect("a temporary folder");
    let path = temp.path().join("world.geojson");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/world.geojson"),
        &path,
    )
    .expect("copy the world");
    harness.state_mut().command(Command::Open(path));
    harness.step();
    assert!(
        harness.query_by_label("Unsaved edits").is_none(),
        "a world map drops nothing, so it does not ask"
    );
    common::wait_for(&mut harness, |app| !app.observe().loading);
    harness.run();
    let observed = harness.state().observe();
    assert!(observed.load_report.is_none_or(|(_, failed)| !failed));
    assert_eq!(observed.dataset, &edited);
    assert!(harness.state().has_unsaved_edits());
    assert_eq!(
        harness.state().history_labels().0,
        Some("edit the name of Oslo channel and Oslo Accords")
    );
    harness.state_mut().command(Command::Undo);
    harness.run();
    assert_eq!(
        harness.state().observe().dataset.initiatives[0].name,
        "Oslo channel and Oslo Accords"
    );
}

#[test]
fn opening_a_fifo_that_never_sends_leaves_the_window_running() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-load-")
        .tempdir()
        .expect("a temporary folder");
    let fifo = temp.path().join("never.json");
    let name = std::ffi::CString::new(fifo.to_str().expect("UTF-8")).expect("a C path");
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
    let mut harness = harness();
    harness.state_mut().open(fifo);
    // Each frame returns: the file is read on the load's thread, never on the window's.
    for _ in 0..5 {
        harness.step();
    }
    assert!(harness.state().observe().loading);
    assert_eq!(harness.state().observe().dataset.initiatives.len(), 21);
}

#[test]
fn a_file_given_at_start_is_reported_in_the_words_file_open_uses_for_it() {
    for (flag, file) in [
        ("--data", "tests/data/bad/duplicate-id.json"),
        ("--data", "tests/data/bad/malformed-json.json"),
        ("--data", "tests/data/bad/sloppy-date.json"),
        ("--world", "tests/data/bad/world/empty.geojson"),
    ] {
        let at_start = window_from(&[flag, file]).report.expect("a report");
        let mut harness = harness();
        harness.state_mut().open(PathBuf::from(file));
        common::wait_for(&mut harness, |app| app.observe().load_report.is_some());
        let (opened, failed) = harness.state().observe().load_report.expect("a report");
        assert_eq!(
            (at_start.1.as_slice(), at_start.2),
            (opened, failed),
            "{file}: the same file read at start and from File → Open"
        );
    }
}
