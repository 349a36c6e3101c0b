//! Each kind of mistake in an initiatives file is reported with its message, its line and
//! column, and its JSON path. The fixtures under `tests/data/bad/` each differ from
//! `tests/data/valid.json` by one mistake (except `many-problems.json`).

use std::path::Path;
use std::sync::OnceLock;

use microlateral_atlas::data::NoProgress;
use microlateral_atlas::data::bundled::{WORLD as BUNDLED_WORLD, WORLD_NAME as BUNDLED_WORLD_NAME};
use microlateral_atlas::data::{Dataset, DatasetError, Severity, World, WorldOptions};

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        World::from_bytes(
            Path::new(BUNDLED_WORLD_NAME),
            BUNDLED_WORLD,
            &WorldOptions::default(),
            &NoProgress,
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
         field \"notes\"; expected one of state, org, name, role, joined, left, territory, \
         sources, confidence, note (did you mean note?)"
    );
}

#[test]
fn a_missing_field_is_an_error_at_its_object() {
    assert_eq!(
        the_error("missing-field"),
        "tests/data/bad/missing-field.json:5:5: error: initiatives[0]: missing required field \
         \"status\"; expected \"status\": a word from the format's list"
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
fn a_file_over_64_mib_is_refused_before_it_is_read() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-too-large-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let result = Dataset::load(&path, world());
    assert!(
        matches!(result, Err(DatasetError::TooLarge { size, .. }) if size == 65 * 1024 * 1024),
        "{result:?}"
    );
}

#[test]
fn a_binary_file_renamed_json_is_an_error_saying_it_is_not_text() {
    assert_eq!(
        the_error("binary"),
        "tests/data/bad/binary.json:1:1: error: the file is not UTF-8 text (byte 0x89 cannot start a character here); expected UTF-8 text; save the file as UTF-8"
    );
}

#[test]
fn a_truncated_file_is_malformed_json_where_it_ends() {
    assert_eq!(
        the_error("truncated"),
        "tests/data/bad/truncated.json:17:67: error: malformed JSON: EOF while parsing a string (look for a missing comma, quote or bracket at or just before this point)"
    );
}

#[test]
fn a_file_of_only_whitespace_is_empty() {
    assert_eq!(
        the_error("whitespace-only"),
        "tests/data/bad/whitespace-only.json:1:1: error: the file is empty; expected a JSON object with \"format\", \"version\" and \"initiatives\" (see docs/data-format.md)"
    );
}

#[test]
fn a_file_that_is_a_list_is_an_error_saying_what_a_file_holds() {
    assert_eq!(
        the_error("top-level-array"),
        "tests/data/bad/top-level-array.json:1:1: error: the file is a list; expected a JSON object with \"format\", \"version\" and \"initiatives\" (see docs/data-format.md)"
    );
}

#[test]
fn a_file_that_is_null_is_an_error_saying_what_a_file_holds() {
    assert_eq!(
        the_error("top-level-null"),
        "tests/data/bad/top-level-null.json:1:1: error: the file is null; expected a JSON object with \"format\", \"version\" and \"initiatives\" (see docs/data-format.md)"
    );
}

#[test]
fn a_wrong_format_name_is_an_error() {
    assert_eq!(
        the_error("wrong-format"),
        "tests/data/bad/wrong-format.json:2:13: error: format: the format is \"microlateral-atlas/initiative\"; expected \"microlateral-atlas/initiatives\""
    );
}

#[test]
fn an_unsupported_version_is_an_error() {
    assert_eq!(
        the_error("unsupported-version"),
        "tests/data/bad/unsupported-version.json:3:14: error: version: version 2 is not supported; expected 1"
    );
}

#[test]
fn initiatives_that_are_not_a_list_are_an_error() {
    assert_eq!(
        the_error("initiatives-not-a-list"),
        "tests/data/bad/initiatives-not-a-list.json:4:18: error: initiatives: found an object; expected a list of initiatives"
    );
}

#[test]
fn an_uppercase_id_is_malformed() {
    assert_eq!(
        the_error("uppercase-id"),
        "tests/data/bad/uppercase-id.json:6:13: error: initiatives[0].id: malformed id \"Afghanistan-Conference-2020\"; expected lowercase a-z, 0-9 and single hyphens, like oslo-accords"
    );
}

#[test]
fn an_unknown_kind_is_an_error_listing_the_kinds() {
    assert_eq!(
        the_error("unknown-kind"),
        "tests/data/bad/unknown-kind.json:8:15: error: initiatives[0].kind: unknown value \"big_state\"; expected one of small_state, contrast"
    );
}

#[test]
fn an_unknown_role_is_an_error_listing_the_roles() {
    assert_eq!(
        the_error("unknown-role"),
        "tests/data/bad/unknown-role.json:22:34: error: initiatives[0].actors[1].role: unknown value \"observer\"; expected one of lead, co_lead, participant, supporter, proposed_lead"
    );
}

#[test]
fn a_date_written_as_a_number_is_a_wrong_type() {
    assert_eq!(
        the_error("date-as-number"),
        "tests/data/bad/date-as-number.json:12:16: error: initiatives[0].start: found a number; expected a string holding a date like 1993, 1993-09 or 1993-09-13, or a range like 1999-05-25/1999-05-26"
    );
}

#[test]
fn a_thirteenth_month_is_an_invalid_date() {
    assert_eq!(
        the_error("month-13"),
        "tests/data/bad/month-13.json:13:14: error: initiatives[0].end: invalid date: \"2020-13-24\" has month 13, which does not exist; expected a month from 01 to 12"
    );
}

#[test]
fn a_range_that_ends_before_it_starts_is_an_invalid_date() {
    assert_eq!(
        the_error("reversed-range"),
        "tests/data/bad/reversed-range.json:26:18: error: initiatives[0].milestones[0].date: invalid date: the range \"2020-11-24/2020-11-23\" ends before it starts; expected the earlier date first, as in 1999-05-25/1999-05-26"
    );
}

#[test]
fn a_day_month_year_date_is_not_guessed_at() {
    assert_eq!(
        the_error("sloppy-date"),
        "tests/data/bad/sloppy-date.json:12:16: error: initiatives[0].start: invalid date: \"23/11/2020\" is not a date; expected a date like 1993, 1993-09 or 1993-09-13, or a range like 1999-05-25/1999-05-26"
    );
}

#[test]
fn a_field_written_twice_is_an_error_at_the_second() {
    assert_eq!(
        the_error("duplicate-key"),
        "tests/data/bad/duplicate-key.json:8:7: error: initiatives[0].name: this field is written twice in the same object; expected each field once (the second would silently replace the first)"
    );
}

#[test]
fn a_plain_http_address_is_an_error() {
    assert_eq!(
        the_error("http-url"),
        "tests/data/bad/http-url.json:17:84: error: initiatives[0].sources[0].url: \"http://um.fi/about-the-conference\" is not a full https:// address; expected a full address starting with https://"
    );
}

#[test]
fn a_blank_name_is_an_error() {
    assert_eq!(
        the_error("empty-name"),
        "tests/data/bad/empty-name.json:7:15: error: initiatives[0].name: the text is empty; expected some text"
    );
}

#[test]
fn an_actor_both_state_and_org_is_an_error() {
    assert_eq!(
        the_error("state-and-org"),
        "tests/data/bad/state-and-org.json:22:9: error: initiatives[0].actors[1]: an actor has both \"state\" and \"org\"; expected either a state or an org, never both"
    );
}

#[test]
fn an_analysts_file_need_not_cite_or_quote_the_essay() {
    let (problems, loaded) = problems("missing-essay-source");
    assert!(loaded && problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_bundled_file_without_the_essay_source_or_quote_is_an_error() {
    // The shipped file is held to the essay it comes from: every initiative quotes and cites it.
    let text = std::fs::read_to_string("tests/data/bad/missing-essay-source.json").expect("read");
    let diagnostics = match microlateral_atlas::data::Dataset::from_json_with(
        "shipped.json",
        text.as_bytes(),
        world(),
        microlateral_atlas::data::Rules::BUNDLED,
    ) {
        Err(DatasetError::Invalid { diagnostics, .. }) => diagnostics,
        other => panic!("{:?}", other.map(|l| l.dataset.initiatives.len())),
    };
    let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        messages.contains(
            &"shipped.json:16:18: error: initiatives[0].sources: the essay is not among the \
              sources; expected a source with the id \"essay\" (see docs/data-format.md)"
                .to_owned()
        ),
        "{messages:#?}"
    );
    let without_quote = text.replace("\"essay_quote\"", "\"essay_quote_gone\"");
    let quote_missing = microlateral_atlas::data::Dataset::from_json_with(
        "shipped.json",
        without_quote.as_bytes(),
        world(),
        microlateral_atlas::data::Rules::BUNDLED,
    );
    assert!(quote_missing.is_err());
}

#[test]
fn a_lowercase_country_code_is_unknown_and_the_uppercase_one_suggested() {
    assert_eq!(
        the_error("lowercase-country-code"),
        "tests/data/bad/lowercase-country-code.json:22:19: error: initiatives[0].actors[1].state: unknown country code \"usa\"; expected an ISO 3166-1 alpha-3 code of the world map (did you mean USA, UGA?)"
    );
}

#[test]
fn an_unknown_top_level_field_is_an_error() {
    assert_eq!(
        the_error("unknown-top-level-field"),
        "tests/data/bad/unknown-top-level-field.json:4:3: error: comment: unknown field \"comment\"; expected one of format, version, initiatives, tours"
    );
}

#[test]
fn nesting_in_a_committed_fixture_is_refused_at_the_65th_level() {
    assert_eq!(
        the_error("deeply-nested"),
        "tests/data/bad/deeply-nested.json:1:138: error: arrays and objects are nested more than 64 levels deep; expected the shallow structure of docs/data-format.md"
    );
}

#[test]
fn a_200_mb_file_is_refused_with_its_size_before_it_is_read() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-200mb-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("huge.json");
    // Sparse: the file claims 200 MB without taking the disk space.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200_000_000)
        .unwrap();
    let result = Dataset::load(&path, world());
    let Err(error) = result else {
        panic!("a 200 MB file loaded");
    };
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the file is 200000000 bytes; initiative files over {} bytes are refused",
            path.display(),
            microlateral_atlas::data::initiatives::MAX_INITIATIVES_FILE_BYTES
        )
    );
}

#[test]
fn a_tour_step_naming_an_unknown_initiative_is_an_error_with_a_suggestion() {
    assert_eq!(
        the_error("tour-unknown-initiative"),
        "tests/data/bad/tour-unknown-initiative.json:31:65: error: tours[0].steps[0].initiative: \
         unknown initiative \"afghanistan-conference-2002\"; expected the id of an initiative in \
         this file (did you mean afghanistan-conference-2020?)"
    );
}

#[test]
fn a_tour_step_past_the_last_milestone_is_an_error() {
    assert_eq!(
        the_error("tour-milestone-out-of-range"),
        "tests/data/bad/tour-milestone-out-of-range.json:31:109: error: \
         tours[0].steps[0].milestone: found 3; expected a milestone number from 1 to 1 \
         (\"afghanistan-conference-2020\" has 1)"
    );
}

#[test]
fn a_tour_keeps_the_authors_order_and_a_whole_initiative_expands_to_its_milestones() {
    let loaded = Dataset::load(Path::new("tests/data/tour.json"), world()).expect("loads");
    let tour = &loaded.dataset.tours[0];
    assert_eq!((tour.id.as_str(), tour.name.as_str()), ("geneva", "Geneva"));
    let shown: Vec<_> = tour.steps.iter().map(|s| s.shows).collect();
    assert_eq!(shown, vec![Some((0, 0)), Some((0, 0))]);
}

#[test]
fn a_tour_steps_notes_come_before_its_milestones_notes_in_the_presenter_view() {
    let loaded = Dataset::load(Path::new("tests/data/tour.json"), world()).expect("loads");
    let dataset = &loaded.dataset;
    let own: Vec<_> = dataset.tours[0]
        .steps
        .iter()
        .map(|s| s.notes.clone())
        .collect();
    assert_eq!(own, vec![Some("Step notes.".to_owned()), None]);
    let choice = microlateral_atlas::scene::TourChoice::FromData(0);
    let steps = microlateral_atlas::scene::tour::steps(choice, dataset, &[], None);
    let notes: Vec<_> = steps.iter().map(|s| s.notes.clone()).collect();
    assert_eq!(
        notes,
        vec![
            Some("Step notes.".to_owned()),
            Some("Milestone notes.".to_owned())
        ]
    );
}

#[test]
fn a_left_date_before_the_state_took_its_role_is_an_error_at_the_left_date() {
    assert_eq!(
        the_error("left-before-start"),
        "tests/data/bad/left-before-start.json:22:57: error: initiatives[0].actors[1].left: \
         \"left\" (1 Nov 2020) is before the effort's start (23 Nov 2020); expected a date on or \
         after the day the state took the role"
    );
}

#[test]
fn two_periods_of_one_state_in_one_role_that_share_a_day_are_an_error_at_the_second() {
    assert_eq!(
        the_error("overlapping-periods"),
        "tests/data/bad/overlapping-periods.json:23:9: error: initiatives[0].actors[2]: USA has \
         overlapping periods as participant: actors[1] (23 Nov 2020 – 24 Nov 2020) and this one \
         (from between 23 Nov 2020 and 24 Nov 2020); expected one entry per period, each \
         \"left\" on or before the next \"joined\""
    );
}

#[test]
fn an_organisations_territory_must_be_on_the_map() {
    let error = the_error("unknown-territory");
    assert!(
        error.contains("initiatives[0].actors[2].territory: unknown country code \"XYZ\""),
        "{error}"
    );
}

#[test]
fn a_state_with_a_territory_is_an_error_at_the_territory() {
    let error = the_error("state-with-territory");
    assert!(
        error.contains("initiatives[0].actors[0].territory: a state has a \"territory\"; expected no territory for a state"),
        "{error}"
    );
}
