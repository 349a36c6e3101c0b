//! Behaviour of the bundled world map: it loads, every country has a mesh, and points resolve
//! to the right country, across the antimeridian and inside holes.

use std::path::Path;
use std::sync::Mutex;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::{Progress, ProgressSink, Stage, WorldOptions};
use microlateral_atlas::geo::index::country_at_linear;

fn code_at(data: &WorldData, lon: f64, lat: f64) -> Option<String> {
    let found = data
        .index
        .country_at(&data.world, [lon, lat])
        .map(|i| data.world.countries()[i].code.clone());
    let linear =
        country_at_linear(&data.world, [lon, lat]).map(|i| data.world.countries()[i].code.clone());
    assert_eq!(
        found, linear,
        "index and linear scan disagree at ({lon}, {lat})"
    );
    found
}

fn bundled() -> WorldData {
    WorldData::bundled().expect("the bundled world loads")
}

#[test]
fn the_bundled_world_loads_every_feature_with_a_unique_code() {
    let data = bundled();
    assert_eq!(data.world.countries().len(), 241);
    for code in [
        "NOR", "QAT", "BHR", "SGP", "FJI", "RUS", "ATA", "XKX", "XSL", "XNC",
    ] {
        assert!(data.world.has_code(code), "{code} is missing");
    }
}

#[test]
fn every_country_is_triangulated_at_full_detail() {
    let data = bundled();
    let full = data.meshes.lods.last().expect("a full-detail level");
    for (country, mesh) in data.world.countries().iter().zip(&full.countries) {
        assert!(
            !mesh.fill_indices.is_empty(),
            "{} has no triangles",
            country.code
        );
        assert_eq!(mesh.fill_indices.len() % 3, 0);
        assert!(
            mesh.fill_indices
                .iter()
                .all(|&i| (i as usize) < mesh.fill_positions.len())
        );
    }
}

#[test]
fn every_country_has_a_population_with_its_year_except_the_uninhabited() {
    let data = bundled();
    let norway = data
        .world
        .by_code("NOR")
        .and_then(|c| c.population)
        .expect("Norway's population");
    assert!((5_000_000..6_000_000).contains(&norway.count));
    assert_eq!(norway.year, 2019);
    let without: Vec<&str> = data
        .world
        .countries()
        .iter()
        .filter(|c| c.population.is_none())
        .map(|c| c.code.as_str())
        .collect();
    assert!(without.len() <= 10, "{without:?}");
}

#[test]
fn capitals_resolve_to_their_countries() {
    let data = bundled();
    assert_eq!(code_at(&data, 10.75, 59.91).as_deref(), Some("NOR"), "Oslo");
    assert_eq!(code_at(&data, 51.53, 25.29).as_deref(), Some("QAT"), "Doha");
    assert_eq!(
        code_at(&data, 103.82, 1.35).as_deref(),
        Some("SGP"),
        "Singapore"
    );
    // At 1:50m Manama and Suva sit just off the simplified coastline, so points a kilometre or
    // two inland stand in for them.
    assert_eq!(
        code_at(&data, 50.56, 26.23).as_deref(),
        Some("BHR"),
        "Manama"
    );
    assert_eq!(
        code_at(&data, 178.44, -18.12).as_deref(),
        Some("FJI"),
        "Suva"
    );
}

#[test]
fn a_point_in_the_open_pacific_is_no_country() {
    let data = bundled();
    assert_eq!(code_at(&data, -140.0, 0.0), None);
    assert_eq!(code_at(&data, -150.0, -30.0), None);
}

#[test]
fn a_point_in_a_hole_belongs_to_the_enclave_not_the_surrounding_country() {
    let data = bundled();
    assert_eq!(
        code_at(&data, 27.48, -29.31).as_deref(),
        Some("LSO"),
        "Maseru, inside South Africa's hole"
    );
    assert_eq!(
        code_at(&data, 12.462, 43.942).as_deref(),
        Some("SMR"),
        "San Marino, inside Italy's hole"
    );
    assert_eq!(code_at(&data, 25.0, -29.0).as_deref(), Some("ZAF"));
}

#[test]
fn clicks_either_side_of_the_antimeridian_find_fiji_and_russia() {
    let data = bundled();
    assert_eq!(
        code_at(&data, 179.3, -16.6).as_deref(),
        Some("FJI"),
        "Vanua Levu"
    );
    assert_eq!(
        code_at(&data, -179.95, -16.85).as_deref(),
        Some("FJI"),
        "Taveuni"
    );
    assert_eq!(
        code_at(&data, -179.95, -16.48).as_deref(),
        Some("FJI"),
        "the ring that crosses"
    );
    assert_eq!(
        code_at(&data, -175.0, 66.5).as_deref(),
        Some("RUS"),
        "Chukotka, west of −180"
    );
    assert_eq!(
        code_at(&data, 175.0, 66.5).as_deref(),
        Some("RUS"),
        "Chukotka, east of 180"
    );
    assert_eq!(
        code_at(&data, -179.5, 71.3).as_deref(),
        Some("RUS"),
        "Wrangel Island"
    );
    // The same place written with a longitude past 180°.
    assert_eq!(code_at(&data, 185.0, 66.5).as_deref(), Some("RUS"));
}

#[test]
fn antarctica_covers_the_pole_on_a_flat_map() {
    let data = bundled();
    assert_eq!(code_at(&data, 0.0, -88.0).as_deref(), Some("ATA"));
    assert_eq!(code_at(&data, -150.0, -86.0).as_deref(), Some("ATA"));
    assert_eq!(code_at(&data, 179.99, -89.0).as_deref(), Some("ATA"));
}

#[test]
fn no_country_spans_more_than_half_the_world_after_unwrapping() {
    // A ring drawn as a band across the map would show up here as a huge box.
    let data = bundled();
    for country in data.world.countries() {
        for polygon in &country.polygons {
            let b = polygon.bbox();
            let width = b.max[0] - b.min[0];
            let allowed = if country.code == "ATA" { 360.0 } else { 180.0 };
            assert!(
                width <= allowed,
                "a polygon of {} is {width}° wide",
                country.code
            );
            assert!(b.min[0] >= -180.0, "{} starts west of −180°", country.code);
        }
    }
}

/// Loads the bundled world from its file, as a user's file is loaded, reporting to `sink`.
fn load_world_file(sink: &dyn ProgressSink) {
    WorldData::load(
        Some(Path::new("assets/world.geojson")),
        &WorldOptions::default(),
        sink,
    )
    .expect("the bundled world loads from its file");
}

/// Keeps every progress report, to check their order.
#[derive(Default)]
struct Recorder(Mutex<Vec<(Stage, u64, u64)>>);

impl ProgressSink for Recorder {
    fn report(&self, stage: Stage, done: u64, total: u64) {
        self.0
            .lock()
            .expect("not poisoned")
            .push((stage, done, total));
    }
}

#[test]
fn loading_a_world_file_reports_each_stage_in_order_and_finishes_each() {
    let recorder = Recorder::default();
    load_world_file(&recorder);
    let reports = recorder.0.into_inner().expect("not poisoned");

    let mut stages: Vec<Stage> = reports.iter().map(|r| r.0).collect();
    stages.dedup();
    assert_eq!(
        stages,
        [
            Stage::Reading,
            Stage::Parsing,
            Stage::Checking,
            Stage::Triangulating
        ]
    );
    for stage in stages {
        let of_stage: Vec<_> = reports.iter().filter(|r| r.0 == stage).collect();
        let total = of_stage[0].2;
        assert!(
            of_stage.iter().all(|r| r.2 == total && r.1 <= total),
            "{stage:?} keeps one total and stays within it"
        );
        assert_eq!(
            of_stage.iter().map(|r| r.1).max(),
            Some(total),
            "{stage:?} finishes"
        );
        // Threads triangulate side by side, so only the other stages report strictly in order.
        if stage != Stage::Triangulating {
            assert!(
                of_stage.windows(2).all(|w| w[0].1 <= w[1].1),
                "{stage:?} never goes back"
            );
        }
    }
    // Parsing reports once per feature on each of its two passes: a bar that moves smoothly.
    let parsing = reports.iter().filter(|r| r.0 == Stage::Parsing).count();
    assert!(parsing >= 2 * 241, "{parsing} parsing reports");
}

#[test]
fn a_finished_world_load_shows_as_complete() {
    let progress = Progress::default();
    load_world_file(&progress);
    assert_eq!(progress.stage().map(|s| s.0), Some(Stage::Triangulating));
    assert!((progress.overall() - 1.0).abs() < 1e-6);
}
