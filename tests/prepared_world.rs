//! The prepared bundled world (`assets/world.prepared`) against the full path from
//! `assets/world.geojson`: it must be current, and give the same world, meshes and index.
//!
//! `UPDATE_PREPARED_WORLD=1 cargo test --test prepared_world` writes the file anew after the
//! GeoJSON or the mesh code changed.

use std::path::Path;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::world::{World, WorldOptions};
use microlateral_atlas::data::{NoProgress, bundled};
use microlateral_atlas::geo::WorldMeshes;
use microlateral_atlas::geo::prepared::{self, PreparedError};

fn full_path_world() -> World {
    World::from_bytes(
        Path::new(bundled::WORLD_NAME),
        bundled::WORLD,
        &WorldOptions::default(),
        &NoProgress,
    )
    .expect("the bundled GeoJSON loads")
}

#[test]
fn the_checked_in_prepared_world_is_what_the_full_path_makes_of_the_geojson() {
    let world = full_path_world();
    let plan = WorldMeshes::plan(&world, &NoProgress);
    let fresh = prepared::encode(&world, &plan, prepared::BUNDLED_SOURCE);
    if fresh != prepared::BUNDLED {
        if std::env::var_os("UPDATE_PREPARED_WORLD").is_some() {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/world.prepared");
            std::fs::write(&path, &fresh).expect("write assets/world.prepared");
            eprintln!("wrote {} ({} bytes)", path.display(), fresh.len());
        } else {
            panic!(
                "assets/world.prepared is stale: it is not what the full path makes of \
                 assets/world.geojson ({} bytes now, {} checked in). Run \
                 `UPDATE_PREPARED_WORLD=1 cargo test --test prepared_world` and commit it.",
                fresh.len(),
                prepared::BUNDLED.len()
            );
        }
    }
}

#[test]
fn the_bundled_world_from_its_prepared_form_equals_the_full_path() {
    let prepared = WorldData::prepared().expect("the prepared world reads");
    let full = WorldData::from_world(
        full_path_world(),
        Path::new(bundled::WORLD_NAME).to_owned(),
        &NoProgress,
    );
    assert_eq!(prepared.world, full.world, "countries, codes and warnings");
    assert_eq!(prepared.index, full.index, "hit-test index");
    assert_eq!(prepared.meshes.lods.len(), full.meshes.lods.len());
    for (level, (a, b)) in prepared
        .meshes
        .lods
        .iter()
        .zip(&full.meshes.lods)
        .enumerate()
    {
        assert_eq!(a.max_zoom, b.max_zoom);
        for (i, (a, b)) in a.countries.iter().zip(&b.countries).enumerate() {
            let code = &full.world.countries()[i].code;
            assert!(a == b, "level {level}, {code}: meshes differ");
        }
    }
    assert_eq!(prepared.meshes, full.meshes);
    // And it is what the app opens on.
    let opened = WorldData::bundled().expect("the bundled world loads");
    assert_eq!(opened.meshes, full.meshes);
    assert!(opened.is_bundled());
}

#[test]
fn a_damaged_prepared_world_is_an_error_not_a_panic() {
    let bytes = prepared::BUNDLED;
    assert!(matches!(
        prepared::decode(b"something else", prepared::BUNDLED_SOURCE),
        Err(PreparedError::Magic)
    ));
    // Cut anywhere: always an error, never a panic or a huge allocation.
    for cut in [40, 41, 100, 1000, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            prepared::decode(&bytes[..cut], prepared::BUNDLED_SOURCE).is_err(),
            "cut at {cut} of {}",
            bytes.len()
        );
    }
    // Flipped bytes in the plan: an error, or a plan that is refused or still fits its world.
    for at in (bytes.len() / 2..bytes.len()).step_by(bytes.len() / 40) {
        let mut damaged = bytes.to_vec();
        damaged[at] ^= 0xff;
        if let Ok((world, plan)) = prepared::decode(&damaged, prepared::BUNDLED_SOURCE) {
            let _ = WorldMeshes::from_plan(&world, &plan);
        }
    }
}

#[test]
fn a_prepared_world_made_from_another_geojson_is_refused_as_stale() {
    let mut edited = bundled::WORLD.to_vec();
    // One digit of one coordinate, as a regenerated world file would differ.
    let at = edited
        .iter()
        .rposition(u8::is_ascii_digit)
        .expect("a digit");
    edited[at] = if edited[at] == b'1' { b'2' } else { b'1' };
    assert!(matches!(
        prepared::decode(prepared::BUNDLED, prepared::fingerprint(&edited)),
        Err(PreparedError::Stale)
    ));
    assert!(prepared::decode(prepared::BUNDLED, prepared::BUNDLED_SOURCE).is_ok());
    // The build script fingerprints the file by its path; this is the file the app embeds.
    assert_eq!(
        prepared::BUNDLED_SOURCE,
        prepared::fingerprint(bundled::WORLD)
    );
}
