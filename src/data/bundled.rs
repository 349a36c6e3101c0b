//! The world map and the initiatives that ship inside the binary, and the one place that decides
//! between a file the user gave and the bundled one.

use std::path::Path;

use crate::data::initiatives::{CountryCodes, Dataset, DatasetError, Loaded, Rules};
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
            Dataset::from_json_with(INITIATIVES_NAME, INITIATIVES, codes, Rules::BUNDLED)?,
            INITIATIVES_NAME.to_owned(),
        ),
    })
}

/// The initiatives that ship with the app, checked against `codes`.
pub fn dataset(codes: &impl CountryCodes) -> Result<Dataset, DatasetError> {
    initiatives(None, codes).map(|(loaded, _)| loaded.dataset)
}

/// The bundled world's codes: alpha-3 to name, and ISO numeric to alpha-3.
struct Codes {
    names: std::collections::HashMap<String, String>,
    by_numeric: std::collections::HashMap<String, String>,
}

fn codes() -> &'static Codes {
    use std::sync::OnceLock;
    static CODES: OnceLock<Codes> = OnceLock::new();
    CODES.get_or_init(|| {
        // Only the properties are read; the geometry is skipped.
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
            iso_n3: Option<String>,
            name: String,
        }
        let features = serde_json::from_slice::<Collection>(WORLD)
            .map(|c| c.features)
            .unwrap_or_default();
        Codes {
            by_numeric: features
                .iter()
                .filter_map(|f| Some((f.properties.iso_n3.clone()?, f.properties.iso_a3.clone())))
                .collect(),
            names: features
                .into_iter()
                .map(|f| (f.properties.iso_a3, f.properties.name))
                .collect(),
        }
    })
}

/// The name of the bundled world's country with this code, if it has one: a code another map
/// lacks but the bundled one knows is a real place, not a typo.
pub fn country_name(code: &str) -> Option<&'static str> {
    codes().names.get(code).map(String::as_str)
}

/// The alpha-3 code of an ISO 3166-1 numeric code ("250" or "4"), as the bundled world has it:
/// world-atlas and other TopoJSON maps identify countries by number.
pub fn alpha3_of_numeric(numeric: &str) -> Option<&'static str> {
    let padded = format!("{numeric:0>3}");
    codes().by_numeric.get(&padded).map(String::as_str)
}
