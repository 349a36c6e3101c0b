//! Properties that must hold for any input, not just the fixtures: the parsers never panic,
//! dates round-trip, and the hit-test index agrees with a plain scan of every polygon.
//!
//! Case counts are kept modest so `cargo test` in debug stays quick; the heavier properties
//! (the bundled world, the dataset checker) run 64 cases each.

use std::path::Path;
use std::sync::OnceLock;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::NoProgress;
use microlateral_atlas::data::{Dataset, FuzzyDate, PartialDate, World, WorldOptions};
use microlateral_atlas::geo::index::country_at_linear;
use proptest::prelude::*;

fn bundled() -> &'static WorldData {
    static DATA: OnceLock<WorldData> = OnceLock::new();
    DATA.get_or_init(|| WorldData::bundled().expect("the bundled world loads"))
}

const VALID_DATASET: &[u8] = include_bytes!("data/valid.json");

const VALID_WORLD: &[u8] = br#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"iso_a3": "AAA", "name": "Alpha", "pop_est": 10}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}},
  {"type": "Feature", "properties": {"iso_a3": "BBB", "name": "Beta"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[179, 10], [-179, 10], [-179, 11], [179, 11], [179, 10]]]]}}
]}"#;

/// One small edit to a file: what fuzzers do to find the inputs a checker forgot.
#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the byte at this fraction of the file.
    Replace(f64, u8),
    /// Insert a byte.
    Insert(f64, u8),
    /// Delete up to this many bytes.
    Delete(f64, usize),
    /// Copy a stretch of the file over another place.
    Duplicate(f64, f64, usize),
    /// Cut the file short.
    Truncate(f64),
}

/// Bytes that matter to JSON more often than chance would pick them.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b"{}[]\",:0123456789-./eE \n\\ntfa".to_vec()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), interesting_byte()).prop_map(|(a, b)| Mutation::Replace(a, b)),
        (at.clone(), interesting_byte()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (at.clone(), 1..40usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (at.clone(), at.clone(), 1..200usize).prop_map(|(a, b, n)| Mutation::Duplicate(a, b, n)),
        at.prop_map(Mutation::Truncate),
    ]
}

fn mutate(original: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    let index = |bytes: &Vec<u8>, at: f64| ((bytes.len() as f64 * at) as usize).min(bytes.len());
    for m in mutations {
        match *m {
            Mutation::Replace(at, b) => {
                let i = index(&bytes, at);
                if i < bytes.len() {
                    bytes[i] = b;
                }
            }
            Mutation::Insert(at, b) => {
                let i = index(&bytes, at);
                bytes.insert(i, b);
            }
            Mutation::Delete(at, n) => {
                let i = index(&bytes, at);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Mutation::Duplicate(from, to, n) => {
                let i = index(&bytes, from);
                let stretch: Vec<u8> = bytes[i..(i + n).min(bytes.len())].to_vec();
                let j = index(&bytes, to);
                bytes.splice(j..j, stretch);
            }
            Mutation::Truncate(at) => {
                let i = index(&bytes, at);
                bytes.truncate(i);
            }
        }
    }
    bytes
}

/// Any real date with a four-digit year, as the file format writes them.
fn partial_date() -> impl Strategy<Value = PartialDate> {
    (
        0..=9999i32,
        prop::option::of(1..=12u8),
        1..=31u8,
        any::<bool>(),
    )
        .prop_map(|(year, month, day, with_day)| {
            let day = match month {
                Some(m) if with_day => {
                    Some(day.min(microlateral_atlas::data::date::days_in_month(year, m)))
                }
                _ => None,
            };
            PartialDate::new(year, month, day).expect("a real date")
        })
}

fn fuzzy_date() -> impl Strategy<Value = FuzzyDate> {
    (partial_date(), partial_date()).prop_map(|(a, b)| {
        // A range needs its first date not after its second, at both ends.
        let (a, b) = if (a.first_day(), a.last_day()) <= (b.first_day(), b.last_day()) {
            (a, b)
        } else {
            (b, a)
        };
        FuzzyDate::parse(&format!("{}/{}", a.to_iso_string(), b.to_iso_string()))
            .unwrap_or(FuzzyDate::single(a))
    })
}

/// Coordinates with the awkward values weighted in: NaN, infinities, the poles, the
/// antimeridian, and the far ends of f64.
fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -200.0..200.0f64,
        1 => any::<f64>(),
        1 => prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            90.0,
            -90.0,
            180.0,
            -180.0,
            540.0,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
        ]),
    ]
}

proptest! {
    #[test]
    fn parsing_any_string_as_a_date_never_panics(text in any::<String>()) {
        let _ = FuzzyDate::parse(&text);
    }

    #[test]
    fn parsing_date_like_strings_never_panics(text in "[0-9/-]{0,24}") {
        if let Ok(date) = FuzzyDate::parse(&text) {
            // What parses also prints and reads back.
            let _ = date.to_string();
            prop_assert_eq!(FuzzyDate::parse(&date.to_iso_string()), Ok(date));
        }
    }

    #[test]
    fn every_valid_date_round_trips_through_its_iso_string(date in fuzzy_date()) {
        let text = date.to_iso_string();
        prop_assert_eq!(FuzzyDate::parse(&text), Ok(date));
        prop_assert!(!date.to_string().is_empty());
        prop_assert!(date.start_day() <= date.end_day());
        let json = serde_json::to_string(&date).expect("a date serialises");
        prop_assert_eq!(serde_json::from_str::<FuzzyDate>(&json).ok(), Some(date));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_dataset_checker_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..512)
    ) {
        let _ = Dataset::from_json("fuzz.json", &bytes, &bundled().world);
    }

    #[test]
    fn the_dataset_checker_never_panics_on_a_mutated_valid_file(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let bytes = mutate(VALID_DATASET, &mutations);
        if let Err(error) = Dataset::from_json("fuzz.json", &bytes, &bundled().world) {
            // Every refusal says something.
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn the_world_loader_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..512)
    ) {
        let _ = World::from_bytes(Path::new("fuzz.geojson"), &bytes, &WorldOptions::default(), &NoProgress);
    }

    #[test]
    fn the_world_loader_never_panics_on_a_mutated_valid_file(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let bytes = mutate(VALID_WORLD, &mutations);
        let _ = World::from_bytes(Path::new("fuzz.geojson"), &bytes, &WorldOptions::default(), &NoProgress);
    }

    #[test]
    fn the_hit_test_never_panics_and_agrees_with_a_linear_scan(
        lon in coordinate(),
        lat in coordinate(),
    ) {
        let data = bundled();
        let indexed = data.index.country_at(&data.world, [lon, lat]);
        let linear = country_at_linear(&data.world, [lon, lat]);
        prop_assert_eq!(indexed, linear, "at ({}, {})", lon, lat);
    }
}

#[test]
fn the_valid_world_used_for_mutations_loads() {
    let world = World::from_bytes(
        Path::new("valid.geojson"),
        VALID_WORLD,
        &WorldOptions::default(),
        &NoProgress,
    )
    .expect("the unmutated world loads");
    assert_eq!(world.countries().len(), 2);
}
