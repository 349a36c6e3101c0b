//! A world GeoJSON file that is not GeoJSON at all is refused with a message naming the file and
//! saying what was wrong and what was expected. One whose features are imperfect loads: what can
//! be drawn is drawn, and each repair or left-out feature is a warning placed at the feature. The
//! fixtures are under `tests/data/bad/world/`; the cases too large to commit are made here.

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

/// A fixture that loads: its countries' codes and its warnings.
fn loaded(name: &str) -> (Vec<String>, Vec<String>) {
    let path = format!("tests/data/bad/world/{name}.geojson");
    let world = World::load(Path::new(&path), &WorldOptions::default(), &NoProgress)
        .unwrap_or_else(|e| panic!("{path} was refused: {e}"));
    let codes = world.countries().iter().map(|c| c.code.clone()).collect();
    (codes, world.warnings().to_vec())
}

/// The one warning about feature 1 of a fixture whose feature 0 (BBB, Beta) is good: the
/// fixtures put feature 1 on line 3, indented by two spaces.
fn the_warning(name: &str) -> (Vec<String>, String) {
    let (codes, warnings) = loaded(name);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    (codes, warnings[0].clone())
}

/// Feature 1 (AAA, Alpha) was left out, for `why`; feature 0 (BBB, Beta) loaded.
fn left_out(name: &str, why: &str) {
    let (codes, warning) = the_warning(name);
    assert_eq!(codes, ["BBB"], "{warning}");
    assert_eq!(
        warning,
        format!("line 3, column 3: feature 1 (AAA, Alpha): {why}; the feature is left out")
    );
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
fn a_ring_with_a_latitude_of_95_degrees_is_left_out_and_says_why() {
    left_out(
        "latitude-95",
        "ring 0, point 2: coordinate (1, 95) is out of range; expected longitude -180..180 and \
         latitude -90..90; the ring is left out; no ring is left to draw",
    );
}

#[test]
fn a_ring_with_a_longitude_of_700_degrees_is_left_out_and_says_why() {
    left_out(
        "longitude-700",
        "ring 0, point 1: coordinate (700, 0) is out of range; expected longitude -180..180 and \
         latitude -90..90; the ring is left out; no ring is left to draw",
    );
}

#[test]
fn a_ring_with_a_position_of_one_number_is_left_out() {
    left_out(
        "position-with-one-number",
        "ring 0, point 1: a position needs two numbers; the ring is left out; no ring is left \
         to draw",
    );
}

#[test]
fn an_unclosed_ring_is_closed_and_drawn_with_a_warning_giving_its_ends() {
    let (codes, warning) = the_warning("unclosed-ring");
    assert_eq!(codes, ["BBB", "AAA"]);
    assert_eq!(
        warning,
        "line 3, column 3: feature 1 (AAA, Alpha): ring 0 was not closed (it started at \
         [0.0, 0.0] and ended at [0.5, 0.5]); closed it"
    );
}

#[test]
fn a_ring_of_three_points_is_too_short_and_left_out() {
    left_out(
        "three-point-ring",
        "ring 0 has 3 points; a closed ring needs at least 4; the ring is left out; no ring is \
         left to draw",
    );
}

#[test]
fn a_polygon_without_rings_is_left_out() {
    left_out("polygon-without-rings", "a polygon has no rings");
}

#[test]
fn a_bow_tie_ring_is_repaired_into_its_two_triangles() {
    let path = Path::new("tests/data/bad/world/bow-tie.geojson");
    let world = World::load(path, &WorldOptions::default(), &NoProgress).expect("loads");
    assert_eq!(
        world.warnings(),
        [
            "line 3, column 3: feature 1 (AAA, Alpha): ring 0 crosses itself (edge (0, 0)–(1, 1) \
          crosses edge (1, 0)–(0, 1)); repaired into 2 valid polygons"
        ]
    );
    let alpha = world.by_code("AAA").expect("Alpha is drawn");
    assert_eq!(alpha.polygons.len(), 2);
    // The two triangles of the bow tie meet at its centre: each is a quarter of the square.
    for polygon in &alpha.polygons {
        let area = microlateral_atlas::data::world::twice_signed_area(polygon.exterior()).abs();
        assert!((area / 2.0 - 0.25).abs() < 1e-9, "{area}");
    }
}

#[test]
fn a_hole_that_crosses_itself_is_repaired_too() {
    let (codes, warning) = the_warning("bow-tie-hole");
    assert_eq!(codes, ["BBB", "AAA"]);
    assert_eq!(
        warning,
        "line 3, column 3: feature 1 (AAA, Alpha): ring 1 crosses itself (edge (2, 2)–(4, 4) \
         crosses edge (4, 2)–(2, 4)); repaired into 1 valid polygon"
    );
}

#[test]
fn a_point_feature_is_left_out_as_not_an_area() {
    left_out(
        "point-geometry",
        "geometry is a Point; only Polygon and MultiPolygon are drawn",
    );
}

#[test]
fn a_feature_without_geometry_is_left_out() {
    left_out(
        "null-geometry",
        "has no geometry; only Polygon and MultiPolygon are drawn",
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
         tried iso_a3, ISO_A3, ISO_A3_EH, iso_a3_eh, ADM0_A3, adm0_a3, A3, ISO3, iso3, isoA3, \
         iso1A3, cca3, GU_A3, SOV_A3, id. Name the property with --code-property"
    );
}

#[test]
fn a_feature_with_an_empty_code_is_drawn_as_land_with_its_name_and_no_code() {
    let path = Path::new("tests/data/bad/world/one-feature-without-code.geojson");
    let world = World::load(path, &WorldOptions::default(), &NoProgress).expect("loads");
    assert_eq!(
        world.warnings(),
        [
            "line 3, column 3: feature 1 (Alpha): \"iso_a3\" is missing, empty or -99; drawn as \
          land with its name, holding no role"
        ]
    );
    let alpha = &world.countries()[1];
    assert_eq!((alpha.name.as_str(), alpha.has_code()), ("Alpha", false));
    assert_eq!(alpha.label(), "Alpha");
}

#[test]
fn two_features_with_one_code_become_one_country_of_several_parts() {
    let path = Path::new("tests/data/bad/world/duplicate-code.geojson");
    let world = World::load(path, &WorldOptions::default(), &NoProgress).expect("loads");
    assert_eq!(
        world.warnings(),
        [
            "line 3, column 3: feature 1 (AAA, Beta): code AAA is also an earlier feature's \
          (Alpha); merged into one country of several parts"
        ]
    );
    assert_eq!(world.countries().len(), 1);
    let alpha = world.by_code("AAA").expect("merged");
    assert_eq!((alpha.name.as_str(), alpha.polygons.len()), ("Alpha", 2));
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
    let world = World::from_bytes(
        Path::new("made.geojson"),
        text.as_bytes(),
        &WorldOptions::default(),
        &NoProgress,
    )
    .expect("the good feature loads");
    assert_eq!(
        world.warnings(),
        [format!(
            "line 1, column {column}: feature 1 (BBB, BBB): has no geometry; only Polygon and \
             MultiPolygon are drawn; the feature is left out"
        )]
    );
}

#[test]
fn a_file_of_which_nothing_can_be_drawn_is_refused_with_every_reason() {
    let text = br#"{"type":"FeatureCollection","features":[
  {"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"Point","coordinates":[0,0]}},
  {"type":"Feature","properties":{"iso_a3":"BBB"},"geometry":null}
]}"#;
    assert_eq!(
        refusal_of(text),
        "made.geojson: nothing in the file can be drawn: 2 features have problems:\n\
         line 2, column 3: feature 0 (AAA, AAA): geometry is a Point; only Polygon and \
         MultiPolygon are drawn; the feature is left out\n\
         line 3, column 3: feature 1 (BBB, BBB): has no geometry; only Polygon and MultiPolygon \
         are drawn; the feature is left out"
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
    let temp = tempfile::Builder::new()
        .prefix("atlas-world-too-large-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let path = dir.join("huge.geojson");
    // Sparse: the file claims 200 MB without taking the disk space.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200_000_000)
        .unwrap();
    let result = World::load(&path, &WorldOptions::default(), &NoProgress);
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

#[test]
fn row_numbers_in_an_id_property_are_not_read_as_iso_numeric_codes() {
    // geopandas writes a feature's row number as "id"; Natural Earth's -99 then must not become
    // the country whose ISO number the row happens to be (row 4 would be Afghanistan).
    let square = |x: usize| format!("[[[{x},0],[{x},1],[{},1],[{x},0]]]", x + 1);
    let codes = [
        "NOR", "SWE", "FIN", "DNK", "-99", "ISL", "EST", "LVA", "LTU", "POL",
    ];
    let features: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(row, code)| {
            format!(
                r#"{{"type":"Feature","id":"{row}","properties":{{"iso_a3":"{code}","name":"N{row}"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
                square(row * 2)
            )
        })
        .collect();
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    let world = World::from_bytes(
        Path::new("rows.geojson"),
        text.as_bytes(),
        &WorldOptions::default(),
        &NoProgress,
    )
    .expect("loads");
    let fourth = &world.countries()[4];
    assert_eq!(fourth.name, "N4");
    assert!(!fourth.has_code(), "row 4 became {}", fourth.code);
    assert!(!world.has_code("AFG"));
}
