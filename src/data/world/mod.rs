//! The world map: countries with codes, names, populations and polygons, read from GeoJSON.
//!
//! This module knows nothing of egui or of how the map is drawn. It turns a GeoJSON
//! `FeatureCollection` into a validated [`World`] in one step, so that nothing downstream
//! sees a country without a code, a ring with too few points or a coordinate that is not a
//! number. The model is here; `geojson` streams the file into features and `rings` checks
//! and repairs each polygon's rings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

// The crate, not the child module of the same name below.
use ::geojson::Feature;

use super::progress::{ProgressSink, Stage};

mod geojson;
mod rings;
mod shapefile;
mod topojson;

pub use rings::twice_signed_area;

/// Property names tried for a country's ISO 3166-1 alpha-3 code; the one with the most usable,
/// unique codes is chosen, ties in this order.
pub const CODE_PROPERTIES: &[&str] = &[
    "iso_a3",
    "ISO_A3",
    "ISO_A3_EH",
    "iso_a3_eh",
    "ADM0_A3",
    "adm0_a3",
    "A3",
    "ISO3",
    "iso3",
    "isoA3",
    "iso1A3",
    "cca3",
    "GU_A3",
    "SOV_A3",
    "id",
];

/// What a country without a usable code in its file is given as its code, followed by its
/// feature index: no ISO code starts with it, so no initiative can name it.
pub const NO_CODE_PREFIX: &str = "?";
/// Property names tried, in order, for a country's display name.
pub const NAME_PROPERTIES: &[&str] = &[
    "name", "NAME", "ADMIN", "admin", "NAME_EN", "name_en", "nameEn",
];

/// Files larger than this are refused before they are read, so a huge file cannot exhaust memory.
pub const MAX_WORLD_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Files with more features than this are refused while they are parsed, before the rest is
/// read. A country map has a few hundred features and a map of provinces a few thousand; a
/// million tiny features would take minutes to check and triangulate and would not be usable.
pub const MAX_WORLD_FEATURES: usize = 50_000;

/// A longitude/latitude pair in degrees (WGS 84), longitude first as in GeoJSON.
pub type LonLat = [f64; 2];

/// A polygon: the first ring is the exterior, the others are holes. Rings are closed
/// (first point equals last point).
///
/// Rings that crossed the antimeridian in the source are stored *unwrapped*: their longitudes
/// are continuous, so they may run past ±180° (Fiji's eastern islands sit near 181°). The map
/// draws such polygons a second time shifted by 360°, and hit-testing tries both.
#[derive(Clone, Debug, PartialEq)]
pub struct Polygon {
    pub rings: Vec<Vec<LonLat>>,
}

impl Polygon {
    /// The exterior ring.
    pub fn exterior(&self) -> &[LonLat] {
        self.rings.first().map_or(&[], Vec::as_slice)
    }

    /// The bounding box of the exterior ring.
    pub fn bbox(&self) -> BBox {
        BBox::of_points(self.exterior())
    }
}

/// An axis-aligned box in longitude/latitude degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub min: LonLat,
    pub max: LonLat,
}

impl BBox {
    /// The empty box: the union of it with anything is that thing.
    pub const EMPTY: Self = Self {
        min: [f64::INFINITY, f64::INFINITY],
        max: [f64::NEG_INFINITY, f64::NEG_INFINITY],
    };

    /// The smallest box holding every point.
    pub fn of_points(points: &[LonLat]) -> Self {
        points.iter().fold(Self::EMPTY, |b, p| b.with_point(*p))
    }

    /// This box grown to hold `p`.
    pub fn with_point(self, p: LonLat) -> Self {
        Self {
            min: [self.min[0].min(p[0]), self.min[1].min(p[1])],
            max: [self.max[0].max(p[0]), self.max[1].max(p[1])],
        }
    }

    /// The smallest box holding both.
    pub fn union(self, other: Self) -> Self {
        Self {
            min: [self.min[0].min(other.min[0]), self.min[1].min(other.min[1])],
            max: [self.max[0].max(other.max[0]), self.max[1].max(other.max[1])],
        }
    }

    /// Whether the point is inside or on the edge.
    pub fn contains(&self, p: LonLat) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }

    /// Whether nothing was ever added.
    pub fn is_empty(&self) -> bool {
        self.min[0] > self.max[0]
    }
}

/// A population estimate and the year it is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Population {
    pub count: u64,
    pub year: i32,
}

/// One feature of the world file.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-3, or a stable user-assigned code for places ISO does not list.
    pub code: String,
    pub name: String,
    pub population: Option<Population>,
    pub polygons: Vec<Polygon>,
    pub bbox: BBox,
}

impl Country {
    /// Whether the file gave this country a code; one without is land with a name, and holds no
    /// role.
    pub fn has_code(&self) -> bool {
        !self.code.starts_with(NO_CODE_PREFIX)
    }

    /// "Norway (NOR)", or the name alone for a country without a code.
    pub fn label(&self) -> String {
        if self.has_code() {
            format!("{} ({})", self.name, self.code)
        } else {
            self.name.clone()
        }
    }

    /// The box of the country's largest polygon, for fitting the map to it: the whole-country
    /// box of the USA or France spans oceans (Aleutians, French Guiana).
    pub fn main_bbox(&self) -> BBox {
        self.polygons
            .iter()
            .map(Polygon::bbox)
            .max_by(|a, b| {
                let area = |b: &BBox| (b.max[0] - b.min[0]) * (b.max[1] - b.min[1]);
                area(a).total_cmp(&area(b))
            })
            .unwrap_or(self.bbox)
    }
}

/// All countries of a world file, with a lookup by code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    countries: Vec<Country>,
    by_code: HashMap<String, usize>,
    /// What was repaired or left out while the file was read, one line each, placed at the
    /// feature's line and column.
    warnings: Vec<String>,
}

/// Which properties hold a feature's code and name. `None` means: detect among the usual names.
#[derive(Clone, Debug, Default)]
pub struct WorldOptions {
    pub code_property: Option<String>,
    pub name_property: Option<String>,
}

/// Why a world file could not be used. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum WorldError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the file is {size_bytes} bytes; world files over {max_bytes} bytes are refused"
    )]
    TooLarge {
        path: PathBuf,
        size_bytes: u64,
        max_bytes: u64,
    },
    #[error(
        "{path}: the file is not UTF-8 text (first bad byte at offset {offset}); expected GeoJSON"
    )]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: the file is empty; expected a GeoJSON FeatureCollection of countries")]
    Empty { path: PathBuf },
    #[error("{path}:{line}:{column}: not valid GeoJSON: {message}")]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: the file is a bare {found}; expected a FeatureCollection of countries \
         (wrap it as {{\"type\": \"FeatureCollection\", \"features\": [...]}})"
    )]
    NotFeatureCollection { path: PathBuf, found: String },
    #[error("{path}: the file is {found}; expected a GeoJSON FeatureCollection of countries")]
    NotGeoJson { path: PathBuf, found: String },
    #[error("{path}: the FeatureCollection has no features")]
    NoFeatures { path: PathBuf },
    #[error(
        "{path}: the file has more than {max} features; world files with more are refused \
         (a map of countries has a few hundred)"
    )]
    TooManyFeatures { path: PathBuf, max: usize },
    #[error(
        "{path}: no feature has a country-code property; tried {tried}. \
         Name the property with --code-property"
    )]
    NoCodeProperty { path: PathBuf, tried: String },
    #[error(
        "{path}: nothing in the file can be drawn: {}:\n{}",
        features_have_problems(*count),
        problems.join("\n")
    )]
    Features {
        path: PathBuf,
        count: usize,
        problems: Vec<String>,
    },
}

/// At most this many per-feature problems are listed, so a broken file of a million features
/// gives a readable message.
const MAX_LISTED_PROBLEMS: usize = 20;

impl World {
    /// Reads and validates a world file, telling `progress` how far it has got.
    pub fn load(
        path: &Path,
        options: &WorldOptions,
        progress: &dyn ProgressSink,
    ) -> Result<Self, WorldError> {
        let metadata = std::fs::metadata(path).map_err(|source| WorldError::Io {
            path: path.to_owned(),
            source,
        })?;
        if metadata.len() > MAX_WORLD_FILE_BYTES {
            return Err(WorldError::TooLarge {
                path: path.to_owned(),
                size_bytes: metadata.len(),
                max_bytes: MAX_WORLD_FILE_BYTES,
            });
        }
        let is = |ext: &str| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(ext))
        };
        if is("shp") || is("zip") {
            return Self::from_shapefile(path, options, progress);
        }
        let bytes = geojson::read_reporting(path, metadata.len(), progress).map_err(|source| {
            WorldError::Io {
                path: path.to_owned(),
                source,
            }
        })?;
        Self::from_bytes(path, &bytes, options, progress)
    }

    /// Validates a world file already in memory, telling `progress` how far it has got. `path`
    /// is only used in messages.
    pub fn from_bytes(
        path: &Path,
        bytes: &[u8],
        options: &WorldOptions,
        progress: &dyn ProgressSink,
    ) -> Result<Self, WorldError> {
        let text = geojson::file_text(path, bytes)?;
        let slices = match geojson::feature_slices(path, text, progress) {
            Err(WorldError::NotGeoJson { found, .. }) if found.contains("\"Topology\"") => {
                return Self::from_topojson(path, text, options, progress);
            }
            other => other?,
        };
        // Where each feature starts, kept to place per-feature problems in the file.
        let starts: Vec<usize> = slices
            .iter()
            .map(|raw| geojson::offset_in(text, raw.get()))
            .collect();
        let mut features = geojson::read_features(path, text, slices, progress)?;
        // A feature's top-level id (world-atlas puts the ISO numeric code there) is offered as
        // the property "id", among the other places a code may be.
        for feature in &mut features {
            if let Some(id) = feature.id.take() {
                let value = match id {
                    ::geojson::feature::Id::String(s) => serde_json::Value::String(s),
                    ::geojson::feature::Id::Number(n) => serde_json::Value::Number(n),
                };
                feature
                    .properties
                    .get_or_insert_with(Default::default)
                    .entry("id")
                    .or_insert(value);
            }
        }
        let keys = geojson::property_keys(path, &features, options)?;
        Self::from_features(path, Some((text, &starts)), features, &keys, progress)
    }

    /// A Shapefile (the `.shp`, with the `.dbf` and `.cpg` beside it, or a `.zip` of them): its
    /// records, read as
    /// features. Problems are named by record index; a binary file has no lines.
    fn from_shapefile(
        path: &Path,
        options: &WorldOptions,
        progress: &dyn ProgressSink,
    ) -> Result<Self, WorldError> {
        let zipped = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        let read = if zipped {
            shapefile::features_from_zip(path)
        } else {
            shapefile::features(path)
        };
        let (features, notes) = read.map_err(|message| WorldError::NotGeoJson {
            path: path.to_owned(),
            found: format!("a Shapefile that cannot be read: {message}"),
        })?;
        Self::from_unplaced(path, features, notes, options, progress)
    }

    /// A TopoJSON file: its country object's geometries, read as features. Problems are placed
    /// by feature (geometry) index, since a geometry's rings are arcs from all over the file.
    fn from_topojson(
        path: &Path,
        text: &str,
        options: &WorldOptions,
        progress: &dyn ProgressSink,
    ) -> Result<Self, WorldError> {
        let (features, note) =
            topojson::features(text).map_err(|message| WorldError::NotGeoJson {
                path: path.to_owned(),
                found: message,
            })?;
        Self::from_unplaced(path, features, note, options, progress)
    }

    /// The world from features read out of a file that is not GeoJSON text (TopoJSON, a
    /// Shapefile): problems are named by feature index, and `notes` on how the file was read
    /// come first among the warnings.
    fn from_unplaced(
        path: &Path,
        features: Vec<Feature>,
        notes: impl IntoIterator<Item = String>,
        options: &WorldOptions,
        progress: &dyn ProgressSink,
    ) -> Result<Self, WorldError> {
        if features.is_empty() {
            return Err(WorldError::NoFeatures {
                path: path.to_owned(),
            });
        }
        if features.len() > MAX_WORLD_FEATURES {
            return Err(WorldError::TooManyFeatures {
                path: path.to_owned(),
                max: MAX_WORLD_FEATURES,
            });
        }
        let keys = geojson::property_keys(path, &features, options)?;
        let mut world = Self::from_features(path, None, features, &keys, progress)?;
        world.warnings.splice(0..0, notes);
        Ok(world)
    }

    /// Builds the world from features already read. A feature that cannot be drawn is left out
    /// and one that can be repaired is; both are listed as warnings. Features that share a
    /// code (a state's outlying islands listed apart) become one country of several parts. Only
    /// a file of which nothing can be drawn is refused.
    fn from_features(
        path: &Path,
        placement: Option<(&str, &[usize])>,
        features: Vec<Feature>,
        keys: &geojson::Keys,
        progress: &dyn ProgressSink,
    ) -> Result<Self, WorldError> {
        let mut warnings: Vec<(usize, String)> = Vec::new();
        let mut countries: Vec<Country> = Vec::with_capacity(features.len());
        let mut by_code: HashMap<String, usize> = HashMap::with_capacity(features.len());
        let feature_count = features.len() as u64;
        for (index, feature) in features.into_iter().enumerate() {
            progress.report(Stage::Checking, index as u64, feature_count);
            let read = match geojson::country_from(index, feature, keys) {
                Ok(read) => read,
                Err(why) => {
                    warnings.push((index, why));
                    continue;
                }
            };
            warnings.extend(read.repairs.into_iter().map(|r| (index, r)));
            let country = read.country;
            // Uniqueness is checked here, where every earlier feature's code is in view.
            if let Some(&first) = by_code.get(&country.code).filter(|_| read.coded) {
                let earlier = &mut countries[first];
                warnings.push((
                    index,
                    format!(
                        "feature {index} ({}, {}): code {} is also an earlier feature's ({}); \
                         merged into one country of several parts",
                        country.code, country.name, country.code, earlier.name
                    ),
                ));
                earlier.bbox = earlier.bbox.union(country.bbox);
                earlier.polygons.extend(country.polygons);
                continue;
            }
            by_code.insert(country.code.clone(), countries.len());
            countries.push(country);
        }
        if countries.is_empty() {
            return Err(features_error(path, placement, warnings));
        }
        progress.report(Stage::Checking, feature_count, feature_count);
        let mut placed = Vec::new();
        if let Some(chosen) = &keys.chosen {
            placed.push(chosen.clone());
        }
        warnings.sort_by_key(|(index, _)| *index);
        placed.extend(place(placement, warnings));
        Ok(Self {
            countries,
            by_code,
            warnings: placed,
        })
    }

    /// A world from countries already read and checked, as a prepared world stores them, with
    /// the warnings their reading gave. Returns `None` if two countries share a code.
    pub fn from_parts(countries: Vec<Country>, warnings: Vec<String>) -> Option<Self> {
        let mut by_code = HashMap::with_capacity(countries.len());
        for (i, country) in countries.iter().enumerate() {
            if by_code.insert(country.code.clone(), i).is_some() {
                return None;
            }
        }
        Some(Self {
            countries,
            by_code,
            warnings,
        })
    }

    /// What was repaired or left out while the file was read, one line each: the feature's
    /// line and column, then what was done.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Every country, in file order. A country's index here is its stable id for this world.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this code.
    pub fn by_code(&self, code: &str) -> Option<&Country> {
        self.index_of(code).map(|i| &self.countries[i])
    }

    /// The index of the country with this code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Whether this world knows the code.
    pub fn has_code(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }
}

/// Each feature's problem after the line and column where the feature starts, when the file
/// is GeoJSON; a TopoJSON feature has no one place, and its message names it by index.
fn place(placement: Option<(&str, &[usize])>, problems: Vec<(usize, String)>) -> Vec<String> {
    match placement {
        Some((text, starts)) => geojson::placed(text, starts, problems),
        None => problems.into_iter().map(|(_, message)| message).collect(),
    }
}

/// The error listing the features' problems, each placed at its feature's line and column, with
/// at most [`MAX_LISTED_PROBLEMS`] of them listed so the message stays readable.
fn features_error(
    path: &Path,
    placement: Option<(&str, &[usize])>,
    mut problems: Vec<(usize, String)>,
) -> WorldError {
    let count = problems.len();
    problems.truncate(MAX_LISTED_PROBLEMS);
    let mut problems = place(placement, problems);
    if count > MAX_LISTED_PROBLEMS {
        problems.push(format!("… and {} more", count - MAX_LISTED_PROBLEMS));
    }
    WorldError::Features {
        path: path.to_owned(),
        count,
        problems,
    }
}

/// "1 feature has problems", "3 features have problems".
fn features_have_problems(count: usize) -> String {
    if count == 1 {
        "1 feature has problems".to_owned()
    } else {
        format!("{count} features have problems")
    }
}
