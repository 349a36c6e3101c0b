//! Country maps as analysts find them: six public files from six publishers (see
//! `tests/data/worlds/PROVENANCE.md`), each with the problems real files have. Every one loads,
//! says what it repaired or left out, and joins the states the bundled initiatives name where
//! it has them.

mod common;

use std::path::Path;

use egui::vec2;
use microlateral_atlas::data::{NoProgress, World, WorldOptions, bundled};
use microlateral_atlas::scene::palette;
use microlateral_atlas::ui::Command;

fn load(file: &str) -> World {
    let path = Path::new("tests/data/worlds").join(file);
    World::load(&path, &WorldOptions::default(), &NoProgress)
        .unwrap_or_else(|e| panic!("{file} was refused: {e}"))
}

/// The codes the bundled initiatives name that `world` lacks, as the load report lists them.
fn lacking(world: &World) -> Vec<String> {
    let (loaded, _) = bundled::initiatives(None, world).expect("the initiatives fit any map");
    let mut codes: Vec<String> = loaded
        .dataset
        .initiatives
        .iter()
        .flat_map(|i| i.actors.iter().filter_map(|a| a.actor.state_code()))
        .filter(|code| !world.has_code(code))
        .map(str::to_owned)
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// Whether some warning contains every one of `parts`.
fn warns(world: &World, parts: &[&str]) -> bool {
    world
        .warnings()
        .iter()
        .any(|w| parts.iter().all(|part| w.contains(part)))
}

/// Natural Earth's 1:110m map leaves out these microstates; every other state joins.
const NOT_AT_110M: [&str; 8] = ["ALA", "ATG", "BHR", "FRO", "MDV", "MHL", "MLT", "SGP"];

#[test]
fn world_atlas_topojson_decodes_joins_by_numeric_id_and_repairs_sudan() {
    let world = load("world-atlas-110m/countries-110m.json");
    assert_eq!(world.countries().len(), 177);
    assert_eq!(
        world.by_code("NOR").map(|c| c.name.as_str()),
        Some("Norway")
    );
    assert!(warns(&world, &["object \"countries\"", "land"]));
    assert!(warns(
        &world,
        &["(SDN, Sudan)", "crosses itself", "repaired"]
    ));
    for name in ["N. Cyprus", "Somaliland", "Kosovo"] {
        assert!(
            warns(&world, &[name, "drawn as land with its name"]),
            "{name}"
        );
    }
    assert_eq!(lacking(&world), NOT_AT_110M);
}

#[test]
fn a_natural_earth_shapefile_reads_its_latin_1_names_and_draws_its_minus_99s_as_land() {
    let world = load("ne-lowres-shp/naturalearth_lowres.shp");
    assert_eq!(world.countries().len(), 177);
    // The .cpg says ISO-8859-1: a name with an accent reads as written.
    assert!(
        world
            .by_code("CIV")
            .is_some_and(|c| c.name == "Côte d'Ivoire")
    );
    for name in ["Norway", "France", "N. Cyprus", "Somaliland", "Kosovo"] {
        assert!(
            warns(
                &world,
                &[&format!("({name})"), "\"iso_a3\" is missing, empty or -99"]
            ),
            "{name}"
        );
        let country = world.countries().iter().find(|c| c.name == name);
        assert!(country.is_some_and(|c| !c.has_code()), "{name}");
    }
    // With no other code column, France and Norway cannot hold their roles on this map.
    let mut expected: Vec<&str> = NOT_AT_110M.to_vec();
    expected.extend(["FRA", "NOR"]);
    expected.sort_unstable();
    assert_eq!(lacking(&world), expected);
}

#[test]
fn natural_earth_with_its_full_table_reads_codes_where_iso_a3_says_minus_99() {
    let world = load("visionscarto-ne110m/110m_countries.geojson");
    assert_eq!(world.countries().len(), 177);
    assert!(warns(
        &world,
        &["country codes are read from \"id\"", "\"iso_a3\" 172"]
    ));
    // France and Norway are -99 in iso_a3; their ISO numeric id finds them.
    assert!(world.has_code("FRA") && world.has_code("NOR"));
    assert!(warns(
        &world,
        &["(PRK, North Korea)", "ring 0 has 2 points", "left out"]
    ));
    assert_eq!(lacking(&world), NOT_AT_110M);
}

#[test]
fn a_map_with_chinese_names_merges_a_shared_code_and_keeps_its_names() {
    let world = load("world-geo-json-zh/world.zh.json");
    assert_eq!(world.countries().len(), 238);
    assert_eq!(world.by_code("NOR").map(|c| c.name.as_str()), Some("挪威"));
    assert!(warns(
        &world,
        &[
            "(AUS, 阿什莫尔和卡捷群岛)",
            "merged into one country of several parts"
        ]
    ));
    let australia = world.by_code("AUS").expect("Australia");
    assert_eq!(australia.name, "澳大利亚");
    assert!(australia.polygons.len() > 1);
    assert!(warns(&world, &["(索马里兰)", "drawn as land"]));
    assert!(lacking(&world).is_empty(), "{:?}", lacking(&world));
}

#[test]
fn editor_borders_with_aggregates_load_their_parts_and_leave_out_what_has_no_shape() {
    let world = load("country-coder/borders.json");
    assert_eq!(world.countries().len(), 314);
    // Aggregates such as the United States are listed without a shape of their own.
    assert!(warns(
        &world,
        &[
            "(USA, United States of America)",
            "has no geometry",
            "left out"
        ]
    ));
    assert!(warns(&world, &["(England)", "drawn as land with its name"]));
    let left_out = world
        .warnings()
        .iter()
        .filter(|w| w.contains("left out"))
        .count();
    assert_eq!(left_out, 78);
}

#[test]
fn openstreetmap_borders_in_geometry_collections_load_without_a_warning() {
    let world = load("osm-borders-maritime/borders.geo.json");
    assert_eq!(world.countries().len(), 249);
    assert!(world.warnings().is_empty(), "{:#?}", world.warnings());
    assert!(lacking(&world).is_empty());
}

#[test]
fn the_corpus_stays_small() {
    fn size(dir: &Path) -> u64 {
        std::fs::read_dir(dir)
            .expect("a folder")
            .filter_map(Result::ok)
            .map(|entry| {
                let path = entry.path();
                if path.is_dir() {
                    size(&path)
                } else {
                    entry.metadata().map_or(0, |m| m.len())
                }
            })
            .sum()
    }
    let bytes = size(Path::new("tests/data/worlds"));
    assert!(bytes < 6 * 1024 * 1024, "{bytes} bytes");
}

#[test]
fn in_the_window_a_map_with_minus_99_codes_shows_them_as_land_and_the_initiatives_colour_the_rest()
{
    let mut harness = common::bundled_harness(vec2(1400.0, 900.0), 50, None);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/worlds/ne-lowres-shp/naturalearth_lowres.shp");
    harness.state_mut().command(Command::Open(path));
    common::wait_for(&mut harness, |app| {
        app.observe().world.countries().len() == 177
    });
    let (lines, failed) = harness.state().observe().load_report.expect("a report");
    assert!(!failed);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("(Norway)") && l.contains("-99"))
    );
    harness
        .state_mut()
        .command(Command::SelectInitiative(Some(2)));
    harness.run();
    let observed = harness.state().observe();
    assert_eq!(observed.selected_initiative, Some("doha-agreement"));
    assert_eq!(
        observed.fill_of("QAT"),
        Some(palette::role_fill(microlateral_atlas::data::Role::Lead))
    );
    let norway = observed
        .world
        .countries()
        .iter()
        .find(|c| c.name == "Norway")
        .expect("Norway is drawn");
    assert!(!norway.has_code());
    assert_eq!(observed.fill_of(&norway.code), Some(palette::MUTED));
}

/// The corpus Shapefile zipped under `folder/` with each file's name made by `name`.
/// The archive is in a temporary folder that goes when the guard returned with it is dropped.
fn zipped(tag: &str, name: impl Fn(&str) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let zipped_dir = tempfile::Builder::new()
        .prefix(&format!("atlas-ne-{tag}-"))
        .tempdir()
        .expect("a temporary folder");
    let zipped = zipped_dir.path().join("file.zip");
    let file = std::fs::File::create(&zipped).expect("create");
    let mut archive = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for ext in ["shp", "shx", "dbf", "cpg", "prj"] {
        let bytes = std::fs::read(format!(
            "tests/data/worlds/ne-lowres-shp/naturalearth_lowres.{ext}"
        ))
        .expect("the corpus file");
        archive.start_file(name(ext), stored).expect("an entry");
        std::io::Write::write_all(&mut archive, &bytes).expect("written");
    }
    archive.finish().expect("finished");
    (zipped_dir, zipped)
}

#[test]
fn a_zipped_shapefile_with_upper_case_names_loads_too() {
    let (_folder, path) = zipped("upper", |ext| {
        format!("NE_LOWRES.{}", ext.to_ascii_uppercase())
    });
    let world = World::load(&path, &WorldOptions::default(), &NoProgress);
    let world = world.expect("the archive loads");
    assert_eq!(world.countries().len(), 177);
    assert!(
        world
            .by_code("CIV")
            .is_some_and(|c| c.name == "Côte d'Ivoire")
    );
}

#[test]
fn a_zipped_shapefile_loads_as_the_shapefile_does_and_says_what_it_read() {
    // As GIS sites hand Shapefiles out: the files of one layer in a .zip.
    let zipped_dir = tempfile::Builder::new()
        .prefix("atlas-ne-")
        .tempdir()
        .expect("a temporary folder");
    let zipped = zipped_dir.path().join("file.zip");
    {
        let file = std::fs::File::create(&zipped).expect("create");
        let mut archive = zip::ZipWriter::new(file);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for ext in ["shp", "shx", "dbf", "cpg", "prj"] {
            let name = format!("naturalearth_lowres.{ext}");
            let bytes = std::fs::read(format!("tests/data/worlds/ne-lowres-shp/{name}"))
                .expect("the corpus file");
            archive
                .start_file(format!("ne/{name}"), stored)
                .expect("an entry");
            std::io::Write::write_all(&mut archive, &bytes).expect("written");
        }
        archive.finish().expect("finished");
    }
    let world = World::load(&zipped, &WorldOptions::default(), &NoProgress);
    let world = world.expect("the archive loads");
    let direct = load("ne-lowres-shp/naturalearth_lowres.shp");
    assert_eq!(world.countries().len(), direct.countries().len());
    assert!(
        world
            .by_code("CIV")
            .is_some_and(|c| c.name == "Côte d'Ivoire")
    );
    assert_eq!(
        world.warnings()[0],
        "read ne/naturalearth_lowres.shp from the archive"
    );
    assert_eq!(world.warnings()[1..], direct.warnings()[..]);
}
