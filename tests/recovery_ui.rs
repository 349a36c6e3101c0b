//! The recovery file in the window: unsaved edits are written to it within seconds and removed
//! once saved, the next start offers them back, and a damaged file is reported and set aside
//! while the data on screen stays.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use microlateral_atlas::AtlasApp;
use microlateral_atlas::data::Dataset;
use microlateral_atlas::data::edit::{Edit, InitiativeField};
use microlateral_atlas::data::recovery::{RECOVERY_FILE, RecoveredFrom, Recovery};
use microlateral_atlas::ui::Command;

/// The app on the bundled data, keeping its recovery file in `dir`. egui's clock moves a
/// quarter second a frame.
fn harness_in(dir: &Path) -> Harness<'static, AtlasApp> {
    let app = AtlasApp::bundled()
        .expect("the bundled data loads")
        .with_recovery(dir.to_owned());
    common::app_harness(app, vec2(1500.0, 1200.0), 400, Some(0.25))
}

fn dataset(harness: &Harness<'_, AtlasApp>) -> Dataset {
    harness.state().observe().dataset.clone()
}

fn rename_first(harness: &mut Harness<'_, AtlasApp>, name: &str) {
    let edit = Edit::Initiative {
        initiative: 0,
        field: InitiativeField::Name(name.to_owned()),
    };
    harness.state_mut().command(Command::Edit(edit));
    harness.run();
}

/// Steps frames until `done` holds of the file system: the write runs on its own thread.
fn wait_until(harness: &mut Harness<'_, AtlasApp>, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

/// The number of frames, at a quarter second each, until the recovery file appears.
fn frames_until_written(harness: &mut Harness<'_, AtlasApp>, file: &Path) -> usize {
    let mut frames = 0;
    while !file.exists() {
        assert!(frames < 200, "the recovery file was never written");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
        frames += 1;
    }
    frames
}

#[test]
fn an_edit_is_kept_in_the_recovery_file_within_five_seconds_and_the_file_goes_once_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RECOVERY_FILE);
    let mut harness = harness_in(dir.path());
    assert!(!file.exists(), "nothing unsaved, nothing written");

    let edit = Edit::Initiative {
        initiative: 0,
        field: InitiativeField::Name("Renamed in the window".to_owned()),
    };
    harness.state_mut().command(Command::Edit(edit));
    harness.step();
    let frames = frames_until_written(&mut harness, &file);
    // The clock moves 0.25 s a frame: at most 5 s of it after the edit.
    assert!(frames <= 20, "written after {frames} frames");
    wait_until(&mut harness, || Recovery::read(&file).is_ok());
    let kept = Recovery::read(&file).unwrap();
    assert_eq!(kept.from, RecoveredFrom::Bundled);
    let world = microlateral_atlas::WorldData::bundled().unwrap();
    let restored = kept.dataset("recovery", &world.world).unwrap().dataset;
    assert_eq!(restored, dataset(&harness));

    let saved = dir.path().join("saved.json");
    common::scripted_dialogs(&mut harness).answer(Some(saved.clone()));
    harness.state_mut().command(Command::SaveAs);
    harness.run();
    assert!(saved.exists());
    assert!(
        !file.exists(),
        "the saved edits are no longer kept for recovery"
    );
}

#[test]
fn undoing_back_to_the_saved_data_removes_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RECOVERY_FILE);
    let mut harness = harness_in(dir.path());
    rename_first(&mut harness, "A name to undo");
    frames_until_written(&mut harness, &file);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!harness.state().has_unsaved_edits());
    wait_until(&mut harness, || !file.exists());
}

#[test]
fn edits_kept_at_the_last_run_are_offered_and_restoring_gives_the_same_model_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let original = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
    let edited = {
        let mut first = harness_in(&dir.path().join("first run"));
        rename_first(&mut first, "Kept through a crash");
        dataset(&first)
    };
    let from = RecoveredFrom::File(original.path().to_owned());
    let recovery = Recovery::new(from, &edited, 1_796_545_200).unwrap();
    std::fs::write(dir.path().join(RECOVERY_FILE), recovery.to_json().unwrap()).unwrap();

    let mut harness = harness_in(dir.path());
    assert_ne!(dataset(&harness), edited, "nothing is restored unasked");
    harness.get_by_label("Restore unsaved edits?");
    harness.get_by_label_contains("kept on 2026-12-06 at 08:20 UTC");
    harness.get_by_label("Restore").click();
    harness.run();

    assert_eq!(dataset(&harness), edited);
    assert!(harness.state().has_unsaved_edits());
    let name = original.path().file_name().unwrap().to_string_lossy();
    assert!(
        harness.state().title().contains(&*name),
        "{}",
        harness.state().title()
    );
    assert!(harness.state().title().ends_with("unsaved edits"));
    // Restoring is a new start, not an edit to undo.
    assert_eq!(harness.state().history_labels(), (None, None));
}

#[test]
fn discarding_kept_edits_removes_the_recovery_file_and_keeps_the_data_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RECOVERY_FILE);
    let bundled = dataset(&harness_in(&dir.path().join("first run")));
    let mut edited = bundled.clone();
    edited.initiatives[0].name = "An edit to discard".to_owned();
    let recovery = Recovery::new(RecoveredFrom::Bundled, &edited, 0).unwrap();
    std::fs::write(&file, recovery.to_json().unwrap()).unwrap();

    let mut harness = harness_in(dir.path());
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!file.exists());
    assert_eq!(dataset(&harness), bundled);
    assert!(!harness.state().has_unsaved_edits());
    assert!(harness.query_by_label("Restore unsaved edits?").is_none());
}

#[test]
fn a_damaged_recovery_file_is_reported_with_its_place_and_set_aside_while_the_data_stays() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RECOVERY_FILE);
    std::fs::write(
        &file,
        "{\n  \"format\": \"microlateral-atlas/recovery\",\n  \u{0}",
    )
    .unwrap();
    let bundled = dataset(&harness_in(&dir.path().join("first run")));

    let harness = harness_in(dir.path());
    assert_eq!(dataset(&harness), bundled);
    let (lines, failed) = harness.state().observe().load_report.expect("a report");
    assert!(failed);
    let text = lines.join("\n");
    assert!(text.contains("cannot be restored"), "{text}");
    assert!(text.contains("line 3, column"), "{text}");
    assert!(text.contains("recovery.unreadable.json"), "{text}");
    assert!(!file.exists());
    assert!(dir.path().join("recovery.unreadable.json").exists());
    assert!(harness.query_by_label("Restore unsaved edits?").is_none());
}

#[test]
fn ctrl_n_in_edit_mode_makes_a_new_initiative_and_puts_the_cursor_in_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_in(dir.path());
    let before = dataset(&harness).initiatives.len();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert_eq!(dataset(&harness).initiatives.len(), before + 1);
    // The name is selected text ("New initiative") in the focused field: typing replaces it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    // Typed at the keyboard, to whichever field has the focus.
    harness.event(egui::Event::Text("Pacific Data Compact".to_owned()));
    harness.run();
    let last = dataset(&harness).initiatives.pop().unwrap();
    assert_eq!(last.name, "Pacific Data Compact");
}
