//! The command line, run through the built binary: nothing here opens a window.

mod common;

use common::atlas;
use std::process::Output;

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn validate_prints_each_error_with_its_location_and_exits_with_1() {
    let output = atlas(&["validate", "tests/data/bad/unknown-country-code.json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(
            "tests/data/bad/unknown-country-code.json:22:19: error: initiatives[0].actors[1].state: \
             unknown country code \"NRO\""
        ),
        "{text}"
    );
    assert_eq!(
        lines[1],
        "1 error, 0 warnings in tests/data/bad/unknown-country-code.json"
    );
}

#[test]
fn validate_exits_with_0_when_there_are_only_warnings() {
    let output = atlas(&[
        "validate",
        "tests/data/bad/warning-lead-and-participant.json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output)
            .ends_with("0 errors, 1 warning in tests/data/bad/warning-lead-and-participant.json\n")
    );
}

#[test]
fn validate_checks_a_world_file_and_counts_its_countries() {
    let output = atlas(&["validate", "assets/world.geojson"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "0 errors, 0 warnings in assets/world.geojson: 241 countries\n"
    );
}

#[test]
fn validate_prints_what_is_wrong_with_a_broken_world_file_and_exits_with_1() {
    let output = atlas(&["validate", "tests/data/bad/world/truncated.geojson"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("tests/data/bad/world/truncated.geojson:"),
        "{text}"
    );
    assert_eq!(
        lines.last(),
        Some(&"1 error in tests/data/bad/world/truncated.geojson"),
        "{text}"
    );
}

#[test]
fn validate_lists_once_the_states_a_world_file_lacks_and_keeps_their_roles() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-cli-world-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("two-countries.geojson");
    let square = |x: f64| {
        format!(
            "[[[{x},0],[{x},1],[{},1],[{},0],[{x},0]]]",
            x + 1.0,
            x + 1.0
        )
    };
    std::fs::write(
        &path,
        format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"iso_a3":"NOR","name":"Norway"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
            {{"type":"Feature","properties":{{"iso_a3":"QAT","name":"Qatar"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}}"#,
            square(0.0),
            square(5.0)
        ),
    )
    .expect("write");
    let output = atlas(&["validate", path.to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    // Norway and Qatar are drawn; every other state the initiatives name is listed once.
    assert!(
        text.contains(
            "assets/initiatives.json:1:1: warning: 98 states named here are not on this map, so \
             their roles are kept but not drawn: Afghanistan (AFG), "
        ),
        "{text}"
    );
    assert!(!text.contains("(NOR)") && !text.contains("(QAT)"), "{text}");
    assert!(
        text.ends_with(
            "0 errors, 1 warning in {}: 2 countries\n"
                .replace("{}", path.to_str().expect("UTF-8"))
                .as_str()
        ),
        "{text}"
    );
}

#[test]
fn validate_accepts_the_shipped_dataset() {
    let output = atlas(&["validate", "assets/initiatives.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "0 errors, 0 warnings in assets/initiatives.json\n"
    );
}

#[test]
fn history_as_csv_has_a_header_and_one_row_per_effort() {
    let output = atlas(&["history", "NOR", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "initiative_id,initiative,role,joined,left,start,end,status,outcome"
    );
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(
        ids,
        [
            "oslo-accords",
            "colombia-ddr",
            "christchurch-call",
            "first-movers-group",
            "leaders-climate-summit"
        ]
    );
    assert!(
        lines[1].starts_with(
            "oslo-accords,Oslo channel and Oslo Accords,lead,,,1992-12,1995-09-28,concluded,\""
        ),
        "{}",
        lines[1]
    );
}

#[test]
fn history_as_json_is_an_array_of_objects() {
    let output = atlas(&["history", "NOR", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let rows = value.as_array().expect("an array");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["initiative_id"], "oslo-accords");
    assert_eq!(rows[0]["role"], "lead");
    assert_eq!(rows[0]["start"], "1992-12");
}

#[test]
fn history_as_text_gives_role_name_dates_status_and_outcome() {
    let output = atlas(&["history", "NOR"]);
    let text = stdout(&output);
    assert!(text.starts_with("Norway (NOR): 5 roles\n"), "{text}");
    assert!(
        text.contains(
            "\nlead · Oslo channel and Oslo Accords · Dec 1992 – 28 Sep 1995 · concluded · Israel"
        ),
        "{text}"
    );
}

#[test]
fn a_missing_file_is_named_with_the_system_s_reason_said_once() {
    for args in [
        &["history", "NOR", "--data", "/nonexistent/initiatives.json"][..],
        &[
            "export",
            "--world",
            "/nonexistent/world.geojson",
            "--out",
            ".",
        ][..],
    ] {
        let output = atlas(args);
        assert_eq!(output.status.code(), Some(1));
        let error = String::from_utf8_lossy(&output.stderr);
        assert!(error.contains("/nonexistent/"), "{error}");
        assert_eq!(
            error.matches("No such file or directory").count(),
            1,
            "{args:?}: {error}"
        );
    }
}

#[test]
fn history_of_an_unknown_code_suggests_codes_and_exits_with_1() {
    let output = atlas(&["history", "NRO"]);
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("unknown country code \"NRO\""), "{error}");
    assert!(error.contains("(did you mean FRO, NOR, NRU?)"), "{error}");
}

#[test]
fn a_join_known_only_between_two_dates_reads_as_such_in_a_history() {
    let output = atlas(&["history", "MNG"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output)
            .contains("participant (from between 23 Sep 2019 and May 2024) · Christchurch Call"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn history_of_a_country_without_efforts_says_so() {
    let output = atlas(&["history", "TCD"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "Chad (TCD) takes part in none of the 21 efforts in assets/initiatives.json.\n"
    );
}

#[test]
fn export_list_prints_csv_with_a_header_and_21_rows_by_default() {
    let output = atlas(&["export-list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "id,name,kind,category,status,start,end,lead_states,participant_count,outcome,summary\n"
        ),
        "{text}"
    );
    // Outcomes are single lines, so each row is one line.
    assert_eq!(text.lines().count(), 1 + 21, "{text}");
}

#[test]
fn export_list_writes_json_to_a_file_with_out() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-cli-export-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("list.json");
    let path_text = path.to_string_lossy().into_owned();
    let output = atlas(&["export-list", "--format", "json", "--out", &path_text]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("JSON");
    assert_eq!(value.as_array().map(Vec::len), Some(21));
}

#[test]
fn history_writes_to_a_file_with_out() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-cli-history-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("nor.csv");
    let path_text = path.to_string_lossy().into_owned();
    let output = atlas(&["history", "NOR", "--format", "csv", "--out", &path_text]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(
        "initiative_id,initiative,role,joined,left,start,end,status,outcome\noslo-accords,"
    ));
    assert_eq!(text.lines().count(), 6);
}

#[test]
fn an_export_to_a_missing_directory_fails_with_the_path_and_exits_with_1() {
    let output = atlas(&["export-list", "--out", "/nonexistent-dir/list.csv"]);
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.starts_with(
            "microlateral-atlas: /nonexistent-dir/list.csv: cannot write the export: No such file"
        ),
        "{error}"
    );
}
