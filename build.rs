//! Works out the fingerprint of the bundled GeoJSON (`assets/world.geojson`) that the bundled
//! prepared world must carry (`src/geo/prepared.rs`). Done here, once a build, because reading
//! the file at every start to check it kept 1.9 MB of it in memory; as a `const fn` it cost
//! about 50 s of compile time.

use std::path::PathBuf;

#[path = "src/geo/fingerprint.rs"]
mod fingerprint;

fn main() -> std::io::Result<()> {
    const WORLD: &str = "assets/world.geojson";
    println!("cargo::rerun-if-changed={WORLD}");
    println!("cargo::rerun-if-changed=src/geo/fingerprint.rs");
    let out = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| std::io::Error::other("cargo did not set OUT_DIR"))?;
    let bytes = std::fs::read(WORLD)
        .map_err(|e| std::io::Error::new(e.kind(), format!("reading {WORLD}: {e}")))?;
    std::fs::write(
        out.join("bundled_world_fingerprint.rs"),
        format!("{:#018x}", fingerprint::fingerprint(&bytes)),
    )
}
