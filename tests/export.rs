//! Exports without a window: the initiative list and a country's history as CSV and JSON, and
//! the atomic writer that keeps a good file when an export fails half-way.

use std::io::Write;
use std::path::Path;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::Dataset;
use microlateral_atlas::data::bundled::dataset as bundled_dataset;
use microlateral_atlas::export::{
    self, ExportError, Format, HISTORY_COLUMNS, LIST_COLUMNS, write_atomically,
    write_atomically_with,
};

fn dataset() -> Dataset {
    let data = WorldData::bundled().expect("the bundled world loads");
    bundled_dataset(&data.world).expect("the bundled dataset loads")
}

/// A fresh empty directory for one test.
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("atlas-export-{name}-"))
        .tempdir()
        .expect("a temporary folder")
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the directory lists")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Splits CSV text into records of fields, honouring quotes (fields may hold commas and line
/// breaks), so the test does not trust the writer it checks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "CSV ends mid-record"
    );
    records
}

#[test]
fn the_list_as_csv_has_a_header_and_one_row_per_effort() {
    let dataset = dataset();
    let text = export::initiative_list(&dataset, Format::Csv).unwrap();
    let records = parse_csv(&text);
    assert_eq!(records[0], LIST_COLUMNS);
    assert_eq!(records.len(), 1 + 21);
    assert!(records.iter().all(|r| r.len() == LIST_COLUMNS.len()));
    let oslo = records
        .iter()
        .find(|r| r[0] == "oslo-accords")
        .expect("the Oslo Accords are listed");
    assert_eq!(
        &oslo[1..8],
        [
            "Oslo channel and Oslo Accords",
            "small_state",
            "mediation",
            "concluded",
            "1992-12",
            "1995-09-28",
            "NOR"
        ]
    );
    assert!(oslo[8].parse::<usize>().unwrap() >= 1, "{oslo:?}");
}

#[test]
fn the_list_as_json_parses_back_with_21_entries() {
    let dataset = dataset();
    let text = export::initiative_list(&dataset, Format::Json).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rows = value.as_array().expect("an array");
    assert_eq!(rows.len(), 21);
    for row in rows {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = LIST_COLUMNS.to_vec();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }
    let oslo = rows.iter().find(|r| r["id"] == "oslo-accords").unwrap();
    assert_eq!(oslo["kind"], "small_state");
    assert_eq!(oslo["lead_states"], serde_json::json!(["NOR"]));
    assert_eq!(oslo["start"], "1992-12");
}

#[test]
fn a_history_as_csv_and_json_lists_the_same_efforts_in_the_same_order() {
    let dataset = dataset();
    let csv = parse_csv(&export::history(&dataset, "NOR", Format::Csv).unwrap());
    assert_eq!(csv[0], HISTORY_COLUMNS);
    let json: serde_json::Value =
        serde_json::from_str(&export::history(&dataset, "NOR", Format::Json).unwrap()).unwrap();
    let csv_ids: Vec<&str> = csv[1..].iter().map(|r| r[0].as_str()).collect();
    let json_ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["initiative_id"].as_str().unwrap())
        .collect();
    assert_eq!(csv_ids, json_ids);
    assert_eq!(csv_ids[0], "oslo-accords");
}

#[test]
fn an_atomic_write_replaces_the_old_file_and_leaves_nothing_else() {
    let temp = temp_dir("replace");
    let dir = temp.path().to_path_buf();
    let path = dir.join("list.csv");
    std::fs::write(&path, "old").unwrap();
    write_atomically(&path, b"new contents").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new contents");
    assert_eq!(entries(&dir), ["list.csv"]);
}

#[test]
fn a_write_that_fails_half_way_leaves_the_old_file_intact() {
    let temp = temp_dir("fail");
    let dir = temp.path().to_path_buf();
    let path = dir.join("list.csv");
    std::fs::write(&path, "the good export").unwrap();
    let result = write_atomically_with(&path, |file| {
        file.write_all(b"half of the new")?;
        Err(std::io::Error::other("the disk is full"))
    });
    let Err(error @ ExportError::Io { .. }) = result else {
        panic!("{result:?}");
    };
    assert_eq!(
        error.to_string(),
        format!(
            "{}: cannot write the export: the disk is full",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "the good export");
    assert_eq!(entries(&dir), ["list.csv"], "the temporary file is removed");
}

#[test]
fn writing_into_a_missing_directory_fails_naming_the_file() {
    let temp = temp_dir("missing");
    let dir = temp.path().to_path_buf();
    let path = dir.join("no-such-dir").join("list.csv");
    let error = write_atomically(&path, b"x").unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("{}: cannot write the export: ", path.display())),
        "{message}"
    );
    assert_eq!(entries(&dir), Vec::<String>::new());
}

#[test]
fn a_path_without_a_file_name_is_refused() {
    let error = write_atomically(Path::new("/"), b"x").unwrap_err();
    assert_eq!(
        error.to_string(),
        "/: cannot write the export: the path names no file"
    );
}
