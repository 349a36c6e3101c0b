//! The world map and the initiatives that ship inside the binary, and the one place that decides
//! between a file the user gave and the bundled one.

use std::path::Path;

use crate::data::initiatives::{CountryCodes, Dataset, DatasetError, Loaded};
use crate::data::progress::ProgressSink;
use crate::data::world::{World, WorldError, WorldOptions};

/// The world map that ships with the app (Natural Earth 1:50m; see `assets/PROVENANCE-world.md`).
pub const WORLD: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/world.geojson"));
/// The name the bundled world goes by in messages.
pub const WORLD_NAME: &str = "assets/world.geojson";

/// The dataset that ships with the app.
pub const INITIATIVES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/initiatives.json"
));
/// The name the bundled dataset goes by in messages.
pub const INITIATIVES_NAME: &str = "assets/initiatives.json";

/// The world file at `path`, or else the bundled world.
pub fn world(
    path: Option<&Path>,
    options: &WorldOptions,
    progress: &dyn ProgressSink,
) -> Result<World, WorldError> {
    match path {
        Some(path) => World::load(path, options, progress),
        None => World::from_bytes(Path::new(WORLD_NAME), WORLD, options, progress),
    }
}

/// The initiatives file at `path`, or else the bundled initiatives, checked against `codes`,
/// with the name the file goes by in messages.
pub fn initiatives(
    path: Option<&Path>,
    codes: &impl CountryCodes,
) -> Result<(Loaded, String), DatasetError> {
    Ok(match path {
        Some(path) => (Dataset::load(path, codes)?, path.display().to_string()),
        None => (
            Dataset::from_json(INITIATIVES_NAME, INITIATIVES, codes)?,
            INITIATIVES_NAME.to_owned(),
        ),
    })
}

/// The initiatives that ship with the app, checked against `codes`.
pub fn dataset(codes: &impl CountryCodes) -> Result<Dataset, DatasetError> {
    initiatives(None, codes).map(|(loaded, _)| loaded.dataset)
}

/// The name of the bundled world's country with this code, if it has one: a code another map
/// lacks but the bundled one knows is a real place, not a typo.
pub fn country_name(code: &str) -> Option<&'static str> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            // Only the properties are read; the geometry is skipped unparsed into numbers.
            #[derive(serde::Deserialize)]
            struct Collection {
                features: Vec<Feature>,
            }
            #[derive(serde::Deserialize)]
            struct Feature {
                properties: Properties,
            }
            #[derive(serde::Deserialize)]
            struct Properties {
                iso_a3: String,
                name: String,
            }
            serde_json::from_slice::<Collection>(WORLD)
                .map(|c| {
                    c.features
                        .into_iter()
                        .map(|f| (f.properties.iso_a3, f.properties.name))
                        .collect()
                })
                .unwrap_or_default()
        })
        .get(code)
        .map(String::as_str)
}
