//! Each kind of mistake in a world GeoJSON file is refused with a message naming the file and
//! saying what was wrong and what was expected. The fixtures are under `tests/data/bad/world/`;
//! the cases too large to commit are made here.

use std::path::Path;
use std::time::{Duration, Instant};

use microlateral_atlas::data::NoProgress;
use microlateral_atlas::data::world::{MAX_WORLD_FEATURES, MAX_WORLD_FILE_BYTES};
use microlateral_atlas::data::{World, WorldError, WorldOptions};

/// The message a fixture is refused with.
fn refusal(name: &str) -> String {
    let path = format!("tests/data/bad/world/{name}.geojson");
    match World::load(Path::new(&path), &WorldOptions::default(), &NoProgress) {
        Ok(world) => panic!("{path} loaded {} countries", world.countries().len()),
        Err(e) => e.to_string(),
    }
}

/// The message for a world file made in memory.
fn refusal_of(bytes: &[u8]) -> String {
    match World::from_bytes(
        Path::new("made.geojson"),
        bytes,
        &WorldOptions::default(),
        &NoProgress,
    ) {
        Ok(world) => panic!("loaded {} countries", world.countries().len()),
        Err(e) => e.to_string(),
    }
}

/// One broken feature after a good one, as the loader lists it: the fixtures put feature 1 on
/// line 3, indented by two spaces.
fn feature_problem(problem: &str) -> String {
    format!("1 feature has problems:\nline 3, column 3: feature 1 (AAA, Alpha): {problem}")
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    assert_eq!(
        refusal("empty"),
        "tests/data/bad/world/empty.geojson: the file is empty; expected a GeoJSON \
         FeatureCollection of countries"
    );
}

#[test]
fn a_file_of_only_whitespace_is_refused_as_empty() {
    assert_eq!(
        refusal("whitespace-only"),
        "tests/data/bad/world/whitespace-only.geojson: the file is empty; expected a GeoJSON \
         FeatureCollection of countries"
    );
}

#[test]
fn a_binary_file_renamed_geojson_is_refused_as_not_text() {
    assert_eq!(
        refusal("binary"),
        "tests/data/bad/world/binary.geojson: the file is not UTF-8 text (first bad byte at \
         offset 0); expected GeoJSON"
    );
}

#[test]
fn invalid_utf8_in_a_name_is_refused_at_its_offset() {
    let text = b"{\"type\": \"FeatureCollection\", \"features\": [{\"name\": \"Caf\xE9\"}]}";
    assert_eq!(
        refusal_of(text),
        "made.geojson: the file is not UTF-8 text (first bad byte at offset 56); expected GeoJSON"
    );
}

#[test]
fn truncated_json_is_refused_where_it_ends() {
    assert_eq!(
        refusal("truncated"),
        "tests/data/bad/world/truncated.geojson:3:70: not valid GeoJSON: EOF while parsing an \
         object"
    );
}

#[test]
fn features_that_are_not_a_list_are_refused() {
    assert_eq!(
        refusal("features-not-a-list"),
        "tests/data/bad/world/features-not-a-list.geojson:1:42: not valid GeoJSON: invalid type: \
         map, expected a list of GeoJSON Feature objects"
    );
}

#[test]
fn a_feature_that_is_a_string_is_refused_as_not_a_feature() {
    assert_eq!(
        refusal("feature-is-a-string"),
        "tests/data/bad/world/feature-is-a-string.geojson:2:7: not valid GeoJSON: invalid type: \
         string \"AAA\", expected a GeoJSON Feature object"
    );
}

#[test]
fn coordinates_written_as_strings_are_refused_at_the_first() {
    assert_eq!(
        refusal("coordinates-are-strings"),
        "tests/data/bad/world/coordinates-are-strings.geojson:3:125: not valid GeoJSON: invalid \
         type: string \"0\", expected a coordinate element (number or array)"
    );
}

#[test]
fn a_coordinate_too_large_for_a_number_is_refused() {
    // JSON has no NaN or infinity; 1e999 is the nearest a file can come to one.
    assert_eq!(
        refusal("coordinate-1e999"),
        "tests/data/bad/world/coordinate-1e999.geojson:3:143: not valid GeoJSON: number out of \
         range"
    );
}

#[test]
fn a_latitude_of_95_degrees_is_out_of_range() {
    assert_eq!(
        refusal("latitude-95"),
        format!(
            "tests/data/bad/world/latitude-95.geojson: {}",
            feature_problem(
                "ring 0, point 2: coordinate (1, 95) is out of range; expected longitude \
                 -180..180 and latitude -90..90"
            )
        )
    );
}

#[test]
fn a_longitude_of_700_degrees_is_out_of_range() {
    assert_eq!(
        refusal("longitude-700"),
        format!(
            "tests/data/bad/world/longitude-700.geojson: {}",
            feature_problem(
                "ring 0, point 1: coordinate (700, 0) is out of range; expected longitude \
                 -180..180 and latitude -90..90"
            )
        )
    );
}

#[test]
fn a_position_with_one_number_is_refused() {
    assert_eq!(
        refusal("position-with-one-number"),
        format!(
            "tests/data/bad/world/position-with-one-number.geojson: {}",
            feature_problem("ring 0, point 1: a position needs two numbers")
        )
    );
}

#[test]
fn an_unclosed_ring_is_refused_with_its_ends() {
    assert_eq!(
        refusal("unclosed-ring"),
        format!(
            "tests/data/bad/world/unclosed-ring.geojson: {}",
            feature_problem("ring 0 is not closed: it starts at [0.0, 0.0] and ends at [0.5, 0.5]")
        )
    );
}

#[test]
fn a_ring_of_three_points_is_too_short() {
    assert_eq!(
        refusal("three-point-ring"),
        format!(
            "tests/data/bad/world/three-point-ring.geojson: {}",
            feature_problem("ring 0 has 3 points; a closed ring needs at least 4")
        )
    );
}

#[test]
fn a_polygon_without_rings_is_refused() {
    assert_eq!(
        refusal("polygon-without-rings"),
        format!(
            "tests/data/bad/world/polygon-without-rings.geojson: {}",
            feature_problem("a polygon has no rings")
        )
    );
}

#[test]
fn a_bow_tie_ring_is_refused_as_crossing_itself() {
    assert_eq!(
        refusal("bow-tie"),
        format!(
            "tests/data/bad/world/bow-tie.geojson: {}",
            feature_problem(
                "ring 0 crosses itself: edge (0, 0)–(1, 1) crosses edge (1, 0)–(0, 1); a ring's \
                 edges may touch but not cross"
            )
        )
    );
}

#[test]
fn a_hole_that_crosses_itself_is_refused_too() {
    assert_eq!(
        refusal("bow-tie-hole"),
        format!(
            "tests/data/bad/world/bow-tie-hole.geojson: {}",
            feature_problem(
                "ring 1 crosses itself: edge (2, 2)–(4, 4) crosses edge (4, 2)–(2, 4); a ring's \
                 edges may touch but not cross"
            )
        )
    );
}

#[test]
fn a_point_geometry_is_refused_as_not_an_area() {
    assert_eq!(
        refusal("point-geometry"),
        format!(
            "tests/data/bad/world/point-geometry.geojson: {}",
            feature_problem("geometry is a Point; expected Polygon or MultiPolygon")
        )
    );
}

#[test]
fn a_feature_without_geometry_is_refused() {
    assert_eq!(
        refusal("null-geometry"),
        format!(
            "tests/data/bad/world/null-geometry.geojson: {}",
            feature_problem("has no geometry; expected Polygon or MultiPolygon")
        )
    );
}

#[test]
fn a_bare_geometry_is_refused_with_how_to_wrap_it() {
    assert_eq!(
        refusal("bare-geometry"),
        "tests/data/bad/world/bare-geometry.geojson: the file is a bare Polygon geometry; \
         expected a FeatureCollection of countries (wrap it as {\"type\": \"FeatureCollection\", \
         \"features\": [...]})"
    );
}

#[test]
fn a_bare_feature_is_refused_with_how_to_wrap_it() {
    assert_eq!(
        refusal("bare-feature"),
        "tests/data/bad/world/bare-feature.geojson: the file is a bare Feature; expected a \
         FeatureCollection of countries (wrap it as {\"type\": \"FeatureCollection\", \
         \"features\": [...]})"
    );
}

#[test]
fn a_top_level_list_is_refused_as_not_a_geojson_object() {
    assert_eq!(
        refusal("top-level-array"),
        "tests/data/bad/world/top-level-array.geojson:1:1: not valid GeoJSON: invalid type: \
         sequence, expected a GeoJSON object"
    );
}

#[test]
fn an_object_of_an_unknown_type_is_refused() {
    assert_eq!(
        refusal("unknown-type"),
        "tests/data/bad/world/unknown-type.geojson: the file is an object of type \"Atlas\"; \
         expected a GeoJSON FeatureCollection of countries"
    );
}

#[test]
fn an_object_without_a_type_is_refused() {
    assert_eq!(
        refusal_of(b"{\"features\": []}"),
        "made.geojson: the file is an object without a \"type\"; expected a GeoJSON \
         FeatureCollection of countries"
    );
}

#[test]
fn a_feature_collection_without_features_is_refused() {
    assert_eq!(
        refusal("no-features"),
        "tests/data/bad/world/no-features.geojson: the FeatureCollection has no features"
    );
}

#[test]
fn a_file_where_no_feature_has_a_code_says_which_properties_were_tried() {
    assert_eq!(
        refusal("no-code-property"),
        "tests/data/bad/world/no-code-property.geojson: no feature has a country-code property; \
         tried iso_a3, ISO_A3, ADM0_A3, A3, adm0_a3, id. Name the property with --code-property"
    );
}

#[test]
fn one_feature_with_an_empty_code_is_refused_by_its_index() {
    assert_eq!(
        refusal("one-feature-without-code"),
        "tests/data/bad/world/one-feature-without-code.geojson: 1 feature has problems:\n\
         line 3, column 3: feature 1: property \"iso_a3\" is missing or empty; expected a country code"
    );
}

#[test]
fn a_code_used_twice_is_refused_naming_the_first_use() {
    assert_eq!(
        refusal("duplicate-code"),
        "tests/data/bad/world/duplicate-code.geojson: 1 feature has problems:\n\
         line 3, column 3: feature 1 (AAA, Beta): code AAA is already used by feature 0; codes must be unique"
    );
}

#[test]
fn nesting_inside_the_features_is_refused_as_not_a_feature() {
    assert_eq!(
        refusal("deeply-nested"),
        "tests/data/bad/world/deeply-nested.geojson:1:41: not valid GeoJSON: invalid type: \
         sequence, expected a GeoJSON Feature object"
    );
}

#[test]
fn a_world_file_saved_with_a_byte_order_mark_loads() {
    let text = format!(
        "\u{feff}{}",
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#
    );
    let world = World::from_bytes(
        Path::new("made.geojson"),
        text.as_bytes(),
        &WorldOptions::default(),
        &NoProgress,
    )
    .expect("a byte order mark is skipped");
    assert_eq!(world.countries()[0].code, "AAA");
}

#[test]
fn a_problem_in_a_file_on_one_line_is_placed_by_its_column() {
    let good = r#"{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#;
    let bad = r#"{"type":"Feature","properties":{"iso_a3":"BBB"},"geometry":null}"#;
    let head = r#"{"type":"FeatureCollection","features":["#;
    let text = format!("{head}{good},{bad}]}}");
    let column = head.len() + good.len() + 2;
    assert_eq!(
        refusal_of(text.as_bytes()),
        format!(
            "made.geojson: 1 feature has problems:\nline 1, column {column}: feature 1 (BBB, BBB): \
             has no geometry; expected Polygon or MultiPolygon"
        )
    );
}

#[test]
fn a_feature_nested_past_the_depth_limit_is_refused_where_the_limit_is_reached() {
    // The nesting closes, so the first pass finds the feature; reading it hits serde_json's
    // depth limit (128 levels, counted from the feature), and the column is the one in the whole
    // file, not in the feature alone.
    let prefix =
        r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"a": "#;
    let text = format!("{prefix}{}{}}}}}]}}", "[".repeat(200), "]".repeat(200));
    assert_eq!(
        refusal_of(text.as_bytes()),
        "made.geojson:1:209: not valid GeoJSON: recursion limit exceeded"
    );
}

#[test]
fn a_million_levels_of_nesting_are_refused_without_overflowing_the_stack() {
    // The first pass skips over members and features alike without recursing, so it runs to
    // the end of the file and says the list never ends, wherever the nesting starts.
    for (prefix, problem) in [
        (
            r#"{"type": "FeatureCollection", "bbox": "#,
            "1:1000038: not valid GeoJSON: EOF while parsing a list",
        ),
        (
            r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"a": "#,
            "1:1000083: not valid GeoJSON: EOF while parsing a list",
        ),
    ] {
        let text = format!("{prefix}{}", "[".repeat(1_000_000));
        assert_eq!(
            refusal_of(text.as_bytes()),
            format!("made.geojson:{problem}")
        );
    }
}

#[test]
fn a_million_tiny_features_are_refused_quickly_above_the_feature_limit() {
    let feature = r#"{"type":"Feature","properties":{"iso_a3":"A"},"geometry":null}"#;
    let count = 1_000_000;
    let mut text = String::with_capacity(count * (feature.len() + 1) + 64);
    text.push_str(r#"{"type":"FeatureCollection","features":["#);
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        text.push_str(feature);
    }
    text.push_str("]}");
    let started = Instant::now();
    let message = refusal_of(text.as_bytes());
    let took = started.elapsed();
    assert_eq!(
        message,
        format!(
            "made.geojson: the file has more than {MAX_WORLD_FEATURES} features; world files \
             with more are refused (a map of countries has a few hundred)"
        )
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_200_mb_file_is_refused_by_its_size_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("atlas-world-too-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.geojson");
    // Sparse: the file claims 200 MB without taking the disk space.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200_000_000)
        .unwrap();
    let result = World::load(&path, &WorldOptions::default(), &NoProgress);
    std::fs::remove_dir_all(&dir).unwrap();
    let Err(error @ WorldError::TooLarge { .. }) = result else {
        panic!("{result:?}");
    };
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the file is 200000000 bytes; world files over {MAX_WORLD_FILE_BYTES} bytes are \
             refused",
            path.display()
        )
    );
}

#[test]
fn a_missing_file_is_refused_naming_it() {
    let message = refusal("does-not-exist");
    assert!(
        message.starts_with(
            "tests/data/bad/world/does-not-exist.geojson: cannot read the file: No such file"
        ),
        "{message}"
    );
}
