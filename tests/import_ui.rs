//! Importing a table in the window: the preview shows the first rows and what each column was
//! recognised as, the user corrects it, and the import replaces the initiatives only when the
//! table passes the checks.

mod common;

use egui::vec2;
use egui_kittest::kittest::Queryable as _;
use microlateral_atlas::data::edit::{Edit, InitiativeField};
use microlateral_atlas::data::import::Field;
use microlateral_atlas::ui::Command;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

#[test]
fn a_table_opens_in_a_preview_and_imports_into_the_map() {
    let mut harness = common::bundled_harness(vec2(1400.0, 900.0), 50, None);
    harness
        .state_mut()
        .command(Command::ImportTable(fixture("names.csv")));
    harness.run();
    // The headers, what they were recognised as, and the first rows.
    harness.get_by_label("Source URL");
    harness.get_by_label("Korea, Rep.");
    assert_eq!(harness.state().observe().dataset.initiatives.len(), 21);
    harness.get_by_label("Import").click();
    harness.run();
    let observed = harness.state().observe();
    assert_eq!(observed.dataset.initiatives.len(), 1);
    assert_eq!(observed.dataset.initiatives[0].name, "Christchurch Call");
    let (lines, failed) = observed.load_report.expect("a report");
    assert!(!failed);
    assert!(lines[0].starts_with("Imported 1 initiatives"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("category \"other\"")),
        "{lines:?}"
    );
}

#[test]
fn columns_the_preview_did_not_recognise_can_be_assigned_and_then_import() {
    let mut harness = common::bundled_harness(vec2(1400.0, 900.0), 50, None);
    harness
        .state_mut()
        .command(Command::ImportTable(fixture("odd-headers.csv")));
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();
    // "Part" and "Ref" mean nothing to the recogniser: the preview says what is missing.
    harness.get_by_label_contains("no column for the role");
    assert_eq!(harness.state().observe().dataset.initiatives.len(), 21);
    for (column, field) in [(2, Field::Role), (4, Field::Source)] {
        harness
            .state_mut()
            .command(Command::ImportColumn(column, Some(field)));
    }
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();
    let observed = harness.state().observe();
    assert_eq!(observed.dataset.initiatives.len(), 1);
    let codes: Vec<&str> = observed.dataset.initiatives[0]
        .actors
        .iter()
        .filter_map(|a| a.actor.state_code())
        .collect();
    assert_eq!(codes, ["NOR", "KOR"]);
}

#[test]
fn cancel_closes_the_preview_and_keeps_the_data() {
    let mut harness = common::bundled_harness(vec2(1400.0, 900.0), 50, None);
    harness
        .state_mut()
        .command(Command::ImportTable(fixture("problems.csv")));
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();
    harness.get_by_label_contains("\"Nowhereland\"");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label_contains("Nowhereland").is_none());
    assert_eq!(harness.state().observe().dataset.initiatives.len(), 21);
}

#[test]
fn imported_initiatives_save_as_a_json_file_that_opens_with_the_edits_made_since() {
    let mut harness = common::bundled_harness(vec2(1400.0, 900.0), 50, None);
    harness
        .state_mut()
        .command(Command::ImportTable(fixture("names.csv")));
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();
    harness.state_mut().command(Command::Edit(Edit::Initiative {
        initiative: 0,
        field: InitiativeField::Name("Christchurch Call, renamed".to_owned()),
    }));
    harness.run();
    let path_dir = tempfile::Builder::new()
        .prefix("atlas-imported-")
        .tempdir()
        .expect("a temporary folder");
    let path = path_dir.path().join("file.json");
    let dialogs = common::scripted_dialogs(&mut harness);
    dialogs.answer(Some(path.clone()));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save imported data as JSON…").click();
    harness.run();
    assert_eq!(
        dialogs.asked()[0].file_name.as_deref(),
        Some("imported-initiatives.json")
    );
    let world = microlateral_atlas::WorldData::bundled()
        .expect("world")
        .world;
    let saved = microlateral_atlas::data::Dataset::load(&path, &world).expect("it opens");
    assert_eq!(
        saved.dataset.initiatives[0].name, "Christchurch Call, renamed",
        "the file holds the data as it is now, not as the table made it"
    );
    assert_eq!(saved.dataset, harness.state().observe().dataset.clone());
    assert!(!harness.state().has_unsaved_edits());
}
