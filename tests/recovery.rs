//! The recovery file: unsaved edits written beside the app's settings, read back after a crash
//! as the same model, and a damaged or hostile file refused with a message that says why.

use std::sync::OnceLock;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::edit::blank_initiative;
use microlateral_atlas::data::recovery::{
    MAX_RECOVERY_FILE_BYTES, RecoveredFrom, Recovery, RecoveryError,
};
use microlateral_atlas::data::{Dataset, FuzzyDate, Severity};

fn world() -> &'static WorldData {
    static DATA: OnceLock<WorldData> = OnceLock::new();
    DATA.get_or_init(|| WorldData::bundled().expect("the bundled world loads"))
}

fn bundled() -> Dataset {
    microlateral_atlas::data::bundled::dataset(&world().world).expect("the bundled data loads")
}

#[test]
fn a_recovery_file_reads_back_half_done_work_as_the_same_model_with_its_problems() {
    let mut dataset = bundled();
    // Half done: a new initiative, and a copy that still has its original's id, which a
    // normal load refuses.
    let start = FuzzyDate::parse("2026-12").expect("a date");
    let blank = blank_initiative(&dataset, start);
    dataset.initiatives.push(blank);
    let copy = dataset.initiatives[0].clone();
    dataset.initiatives.push(copy);
    assert!(
        Dataset::from_json(
            "x.json",
            dataset.to_json().unwrap().as_bytes(),
            &world().world
        )
        .is_err()
    );

    let from = RecoveredFrom::File("/data/initiatives.json".into());
    let recovery = Recovery::new(from.clone(), &dataset, 1_796_000_000).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.json");
    std::fs::write(&path, recovery.to_json().unwrap()).unwrap();

    let read = Recovery::read(&path).unwrap();
    assert_eq!(read.from, from);
    assert_eq!(read.written_unix, 1_796_000_000);
    let loaded = read.dataset("recovery.json", &world().world).unwrap();
    assert_eq!(loaded.dataset, dataset);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|d| d.severity == Severity::Error),
        "its problems come back with it"
    );
}

#[test]
fn a_recovery_file_that_is_not_json_is_refused_with_its_line_and_column() {
    let err = Recovery::from_json(
        "recovery.json",
        b"{\n  \"format\": \"microlateral-atlas/recovery\",\n  oops",
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, RecoveryError::Malformed { line: 3, .. }),
        "{text}"
    );
    assert!(text.starts_with("recovery.json, line 3, column"), "{text}");
    assert!(
        text.contains("expected an object with \"format\""),
        "{text}"
    );
}

#[test]
fn a_recovery_file_of_another_format_or_version_says_what_was_expected() {
    let text = r#"{"format":"microlateral-atlas/initiatives","version":1,"from":"bundled","written_unix":0,"initiatives":""}"#;
    let err = Recovery::from_json("recovery.json", text.as_bytes()).unwrap_err();
    assert!(matches!(err, RecoveryError::Format { .. }));
    assert!(
        err.to_string()
            .contains("expected \"microlateral-atlas/recovery\" version 1"),
        "{err}"
    );
    let newer = text.replace("initiatives\",\"version\":1", "recovery\",\"version\":9");
    let err = Recovery::from_json("recovery.json", newer.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("version 9"), "{err}");
}

#[test]
fn a_recovery_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.json");
    // Sparse: the size is there without the disk space.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_RECOVERY_FILE_BYTES + 10).unwrap();
    let err = Recovery::read(&path).unwrap_err();
    assert!(matches!(err, RecoveryError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("it is not read"), "{err}");
}

#[test]
fn a_recovery_file_whose_data_is_not_an_initiatives_file_is_refused_with_the_checks_reasons() {
    let text = r#"{"format":"microlateral-atlas/recovery","version":1,"from":"bundled","written_unix":0,"initiatives":"[1, 2"}"#;
    let recovery = Recovery::from_json("recovery.json", text.as_bytes()).unwrap();
    let err = recovery
        .dataset("recovery.json", &world().world)
        .unwrap_err();
    assert!(err.to_string().contains("recovery.json"), "{err}");
}
