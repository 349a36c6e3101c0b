//! A world with everything derived from it for drawing and hit-testing, computed once per load.

use std::path::{Path, PathBuf};

use crate::data::world::{World, WorldError, WorldOptions};
use crate::data::{ProgressSink, bundled};
use crate::geo::prepared::{self, PreparedError};
use crate::geo::{CountryIndex, WorldMeshes};

/// The closest the map zooms in. 1:50m borders carry no more detail than this.
pub const MAX_ZOOM: f64 = 11.0;

/// The zoom at which the whole Mercator square fits a map of `size_px`: the farthest out a map
/// of that size goes.
pub fn min_zoom(size_px: [f64; 2]) -> f64 {
    (size_px[0].min(size_px[1]) / 256.0)
        .log2()
        .clamp(0.0, MAX_ZOOM)
}

/// A world with its meshes and its hit-test index.
pub struct WorldData {
    pub world: World,
    pub meshes: WorldMeshes,
    pub index: CountryIndex,
    /// Where it came from, for messages.
    pub source: PathBuf,
}

impl WorldData {
    /// Loads, triangulates and indexes the world file at `path`, or the bundled world, telling
    /// `progress` how far it has got.
    pub fn load(
        path: Option<&Path>,
        options: &WorldOptions,
        progress: &dyn ProgressSink,
    ) -> Result<Self, WorldError> {
        let default_keys = options.code_property.is_none() && options.name_property.is_none();
        if path.is_none() && default_keys {
            match Self::prepared() {
                Ok(data) => return Ok(data),
                // A stale or damaged prepared file costs time, not the map: it is refused
                // (its source's fingerprint and the levels are checked) and the GeoJSON read.
                Err(why) => log::warn!("{why}; reading {} instead", bundled::WORLD_NAME),
            }
        }
        let world = bundled::world(path, options, progress)?;
        let source = path.unwrap_or(Path::new(bundled::WORLD_NAME)).to_owned();
        Ok(Self::from_world(world, source, progress))
    }

    /// The bundled world from its prepared form (see [`prepared`]): no parsing, simplifying or
    /// triangulating, and the same meshes as the full path.
    pub fn prepared() -> Result<Self, PreparedError> {
        let (world, plan) = prepared::decode(prepared::BUNDLED, prepared::BUNDLED_SOURCE)?;
        let meshes = WorldMeshes::from_plan(&world, &plan).ok_or(PreparedError::Misfit)?;
        let index = CountryIndex::build(&world);
        Ok(Self {
            world,
            meshes,
            index,
            source: Path::new(bundled::WORLD_NAME).to_owned(),
        })
    }

    /// Whether this is the map that ships with the app.
    pub fn is_bundled(&self) -> bool {
        self.source == Path::new(bundled::WORLD_NAME)
    }

    /// The credit line a picture of this map carries: the bundled map's sources, or the file
    /// of a map the user opened, whose sources the atlas does not know.
    pub fn credit(&self) -> String {
        if self.is_bundled() {
            "Borders: Natural Earth 1:50m (public domain) · Population: World Bank 2019 (CC BY 4.0)"
                .to_owned()
        } else {
            let name = self.source.file_name().map_or_else(
                || self.source.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!("Borders: {name}")
        }
    }

    /// The world that ships with the app.
    pub fn bundled() -> Result<Self, WorldError> {
        Self::load(None, &WorldOptions::default(), &crate::data::NoProgress)
    }

    /// Derives meshes and the index from a validated world.
    pub fn from_world(world: World, source: PathBuf, progress: &dyn ProgressSink) -> Self {
        let meshes = WorldMeshes::build(&world, progress);
        let index = CountryIndex::build(&world);
        Self {
            world,
            meshes,
            index,
            source,
        }
    }
}
