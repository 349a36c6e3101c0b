//! Each kind of mistake in an initiatives file is reported with its message, its line and
//! column, and its JSON path. The fixtures under `tests/data/bad/` each differ from
//! `tests/data/valid.json` by one mistake (except `many-problems.json`).

use std::path::Path;
use std::sync::OnceLock;

use microlateral_atlas::app::{BUNDLED_WORLD, BUNDLED_WORLD_NAME};
use microlateral_atlas::data::{Dataset, DatasetError, Severity, World, WorldOptions};

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        World::from_bytes(
            Path::new(BUNDLED_WORLD_NAME),
            BUNDLED_WORLD,
            &WorldOptions::default(),
        )
        .expect("the bundled world loads")
    })
}

/// Every problem in a fixture, as `validate` prints it, and whether the file still loaded.
fn problems(name: &str) -> (Vec<String>, bool) {
    let path = format!("tests/data/bad/{name}.json");
    match Dataset::load(Path::new(&path), world()) {
        Ok(loaded) => (
            loaded.warnings.iter().map(ToString::to_string).collect(),
            true,
        ),
        Err(DatasetError::Invalid { diagnostics, .. }) => {
            (diagnostics.iter().map(ToString::to_string).collect(), false)
        }
        Err(other) => panic!("{path}: {other}"),
    }
}

/// The fixture's one problem, which must stop it loading.
fn the_error(name: &str) -> String {
    let (problems, loaded) = problems(name);
    assert!(!loaded, "{name} loaded");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems[0].clone()
}

/// The fixture's one problem, which must not stop it loading.
fn the_warning(name: &str) -> String {
    let (problems, loaded) = problems(name);
    assert!(loaded, "{name} did not load: {problems:#?}");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems[0].clone()
}

#[test]
fn the_valid_fixture_loads_without_problems() {
    let loaded = Dataset::load(Path::new("tests/data/valid.json"), world()).unwrap();
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(loaded.dataset.initiatives.len(), 1);
}

#[test]
fn malformed_json_is_an_error_where_the_parser_stopped() {
    assert_eq!(
        the_error("malformed-json"),
        "tests/data/bad/malformed-json.json:8:7: error: malformed JSON: expected `,` or `}` \
         (look for a missing comma, quote or bracket at or just before this point)"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_with_its_location() {
    assert_eq!(
        the_error("wrong-type"),
        "tests/data/bad/wrong-type.json:7:15: error: initiatives[0].name: found a number; \
         expected a string"
    );
}

#[test]
fn an_unknown_source_id_is_an_error_suggesting_the_closest_source() {
    assert_eq!(
        the_error("unknown-source-id"),
        "tests/data/bad/unknown-source-id.json:22:61: error: initiatives[0].actors[1].sources[0]: \
         unknown source id \"um_fi\"; expected one of this initiative's sources: essay, um-fi \
         (did you mean um-fi?)"
    );
}

#[test]
fn a_duplicate_initiative_id_is_an_error_naming_the_first_use() {
    assert_eq!(
        the_error("duplicate-id"),
        "tests/data/bad/duplicate-id.json:30:13: error: initiatives[1].id: duplicate id \
         \"afghanistan-conference-2020\": initiatives[0].id (line 6) already has it; expected an \
         id used by one initiative only"
    );
}

#[test]
fn an_unknown_country_code_is_an_error_suggesting_the_closest_codes() {
    assert_eq!(
        the_error("unknown-country-code"),
        "tests/data/bad/unknown-country-code.json:22:19: error: initiatives[0].actors[1].state: \
         unknown country code \"NRO\"; expected an ISO 3166-1 alpha-3 code of the world map \
         (did you mean FRO, NOR, NRU?)"
    );
}

#[test]
fn an_end_before_its_start_is_an_error_with_its_location() {
    assert_eq!(
        the_error("end-before-start"),
        "tests/data/bad/end-before-start.json:13:14: error: initiatives[0].end: the end \
         (24 Nov 2019) is before the start (23 Nov 2020); expected an end on or after the start, \
         or null for an open-ended effort"
    );
}

#[test]
fn a_milestone_without_a_source_is_an_error() {
    assert_eq!(
        the_error("milestone-without-source"),
        "tests/data/bad/milestone-without-source.json:26:120: error: \
         initiatives[0].milestones[0].sources: the milestone has no source; expected at least \
         one source id from this initiative's sources"
    );
}

#[test]
fn the_thirtieth_of_february_is_an_invalid_date() {
    assert_eq!(
        the_error("invalid-date"),
        "tests/data/bad/invalid-date.json:12:16: error: initiatives[0].start: invalid date: \
         \"2021-02-30\" is not a day: February 2021 has 28 days; expected a day from 01 to 28"
    );
}

#[test]
fn an_unknown_field_is_an_error_at_its_key_suggesting_the_field_meant() {
    assert_eq!(
        the_error("unknown-field"),
        "tests/data/bad/unknown-field.json:21:73: error: initiatives[0].actors[0].notes: unknown \
         field \"notes\"; expected one of state, org, name, role, joined, sources, confidence, \
         note (did you mean note?)"
    );
}

#[test]
fn a_missing_field_is_an_error_at_its_object() {
    assert_eq!(
        the_error("missing-field"),
        "tests/data/bad/missing-field.json:5:5: error: initiatives[0]: missing required field \
         \"outcome\"; expected \"outcome\": a string"
    );
}

#[test]
fn an_empty_file_is_an_error_saying_what_a_file_holds() {
    assert_eq!(
        the_error("empty"),
        "tests/data/bad/empty.json:1:1: error: the file is empty; expected a JSON object with \
         \"format\", \"version\" and \"initiatives\" (see docs/data-format.md)"
    );
}

#[test]
fn a_milestone_outside_its_efforts_span_is_a_warning() {
    assert_eq!(
        the_warning("warning-milestone-outside-span"),
        "tests/data/bad/warning-milestone-outside-span.json:26:18: warning: \
         initiatives[0].milestones[0].date: the milestone (1 Dec 2020) falls outside its \
         effort's span (23 Nov 2020 – 24 Nov 2020); expected a date between the effort's start \
         and end"
    );
}

#[test]
fn a_state_both_lead_and_participant_is_a_warning() {
    assert_eq!(
        the_warning("warning-lead-and-participant"),
        "tests/data/bad/warning-lead-and-participant.json:22:19: warning: \
         initiatives[0].actors[1].state: FIN is both lead and participant in this effort (it \
         counts as lead); expected either lead or participant, not both"
    );
}

#[test]
fn every_problem_in_a_file_is_reported_in_one_pass_in_file_order() {
    let (problems, loaded) = problems("many-problems");
    assert!(!loaded);
    let locations: Vec<&str> = problems
        .iter()
        .map(|p| p.split(": ").next().unwrap_or(""))
        .collect();
    let f = "tests/data/bad/many-problems.json";
    assert_eq!(
        locations,
        [
            format!("{f}:8:15"),
            format!("{f}:12:16"),
            format!("{f}:22:19"),
            format!("{f}:23:9"),
            format!("{f}:23:68"),
            format!("{f}:26:9"),
            format!("{f}:26:109"),
        ]
    );
    assert!(
        problems[0].contains("unknown value \"small-state\"")
            && problems[0].contains("did you mean small_state?")
    );
    assert!(
        problems[4].contains("unknown field \"sorces\"")
            && problems[4].contains("did you mean sources?")
    );
}

#[test]
fn invalid_utf8_is_an_error_at_the_bad_byte() {
    let text = b"{\n  \"format\": \"caf\xE9\"\n}";
    let Err(DatasetError::Invalid { diagnostics, .. }) =
        Dataset::from_json("x.json", text, world())
    else {
        panic!("invalid UTF-8 loaded");
    };
    assert_eq!(
        diagnostics[0].to_string(),
        "x.json:2:17: error: the file is not UTF-8 text (byte 0xE9 cannot start a character \
         here); expected UTF-8 text; save the file as UTF-8"
    );
}

#[test]
fn nesting_deeper_than_64_levels_is_an_error_not_a_crash() {
    let text = format!("{{\"initiatives\": {}", "[".repeat(1_000_000));
    let Err(DatasetError::Invalid { diagnostics, .. }) =
        Dataset::from_json("deep.json", text.as_bytes(), world())
    else {
        panic!("deep nesting loaded");
    };
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].severity, Severity::Error);
    assert!(
        diagnostics[0].to_string().starts_with(
            "deep.json:1:80: error: arrays and objects are nested more than 64 levels deep"
        ),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn a_file_over_32_mib_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("atlas-too-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(33 * 1024 * 1024).unwrap();
    let result = Dataset::load(&path, world());
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        matches!(result, Err(DatasetError::TooLarge { size, .. }) if size == 33 * 1024 * 1024),
        "{result:?}"
    );
}
