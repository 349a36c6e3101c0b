//! The world map: countries with codes, names, populations and polygons, read from GeoJSON.
//!
//! This module knows nothing of egui or of how the map is drawn. It turns a GeoJSON
//! `FeatureCollection` into a validated [`World`] in one step, so that nothing downstream
//! sees a country without a code, a ring with too few points or a coordinate that is not a
//! number.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::cell::Cell;
use std::fmt;

use geojson::{Feature, GeometryValue, JsonObject, JsonValue};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::progress::{ProgressSink, Stage};

/// Property names tried, in order, for a country's ISO 3166-1 alpha-3 code.
pub const CODE_PROPERTIES: &[&str] = &["iso_a3", "ISO_A3", "ADM0_A3", "A3", "adm0_a3", "id"];
/// Property names tried, in order, for a country's display name.
pub const NAME_PROPERTIES: &[&str] = &["name", "NAME", "ADMIN", "admin", "NAME_EN", "name_en"];

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
#[derive(Clone, Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-3, or a stable user-assigned code for places ISO does not list.
    pub code: String,
    pub name: String,
    pub population: Option<Population>,
    pub polygons: Vec<Polygon>,
    pub bbox: BBox,
}

impl Country {
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
#[derive(Clone, Debug, Default)]
pub struct World {
    countries: Vec<Country>,
    by_code: HashMap<String, usize>,
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
    #[error("{path}: {}:\n{}", features_have_problems(*count), problems.join("\n"))]
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
        let bytes =
            read_reporting(path, metadata.len(), progress).map_err(|source| WorldError::Io {
                path: path.to_owned(),
                source,
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
        let text = std::str::from_utf8(bytes).map_err(|e| WorldError::NotUtf8 {
            path: path.to_owned(),
            offset: e.valid_up_to(),
        })?;
        // Editors and GIS tools on Windows often save UTF-8 with a byte order mark, which JSON
        // does not allow but which is no reason to refuse a map. Editors do not show it, so
        // columns count from after it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(WorldError::Empty {
                path: path.to_owned(),
            });
        }
        let too_many = Cell::new(false);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let top = TopLevelSeed {
            too_many: &too_many,
            text,
            progress,
        }
        .deserialize(&mut deserializer)
        .and_then(|top| deserializer.end().map(|()| top))
        .map_err(|e| {
            if too_many.get() {
                WorldError::TooManyFeatures {
                    path: path.to_owned(),
                    max: MAX_WORLD_FEATURES,
                }
            } else {
                json_error(path, &e)
            }
        })?;
        let features = match (top.kind.as_deref(), top.features) {
            (Some("FeatureCollection"), Some(features)) => features,
            (Some("FeatureCollection"), None) => {
                return Err(WorldError::NoFeatures {
                    path: path.to_owned(),
                });
            }
            (Some("Feature"), _) => {
                return Err(WorldError::NotFeatureCollection {
                    path: path.to_owned(),
                    found: "Feature".to_owned(),
                });
            }
            (Some(kind), _) if GEOMETRY_TYPES.contains(&kind) => {
                return Err(WorldError::NotFeatureCollection {
                    path: path.to_owned(),
                    found: format!("{kind} geometry"),
                });
            }
            (Some(kind), _) => {
                return Err(WorldError::NotGeoJson {
                    path: path.to_owned(),
                    found: format!("an object of type \"{kind}\""),
                });
            }
            (None, _) => {
                return Err(WorldError::NotGeoJson {
                    path: path.to_owned(),
                    found: "an object without a \"type\"".to_owned(),
                });
            }
        };
        if features.is_empty() {
            return Err(WorldError::NoFeatures {
                path: path.to_owned(),
            });
        }
        // The first pass only found where each feature is; now read each one. The file is known
        // to be well-formed JSON, so what can fail here is a feature of the wrong shape.
        let total = 2 * text.len() as u64;
        let starts: Vec<usize> = features
            .iter()
            .map(|raw| offset_in(text, raw.get()))
            .collect();
        let features = features
            .into_iter()
            .map(|raw| {
                let offset = offset_in(text, raw.get());
                let feature = serde_json::from_str::<Feature>(raw.get())
                    .map_err(|e| json_error_at(path, text, offset, &e))?;
                progress.report(
                    Stage::Parsing,
                    text.len() as u64 + (offset + raw.get().len()) as u64,
                    total,
                );
                Ok(feature)
            })
            .collect::<Result<Vec<Feature>, WorldError>>()?;
        // The text after the last feature (`]}`) is parsed too.
        progress.report(Stage::Parsing, total, total);

        let props = || features.iter().filter_map(|f| f.properties.as_ref());
        let code_key = match &options.code_property {
            Some(key) => key.clone(),
            None => {
                detect_key(props(), CODE_PROPERTIES).ok_or_else(|| WorldError::NoCodeProperty {
                    path: path.to_owned(),
                    tried: CODE_PROPERTIES.join(", "),
                })?
            }
        };
        let name_key = match &options.name_property {
            Some(key) => Some(key.clone()),
            None => detect_key(props(), NAME_PROPERTIES),
        };

        let mut problems = Vec::new();
        let mut countries: Vec<Country> = Vec::with_capacity(features.len());
        let mut by_code = HashMap::with_capacity(features.len());
        let feature_count = features.len() as u64;
        for (index, feature) in features.into_iter().enumerate() {
            progress.report(Stage::Checking, index as u64, feature_count);
            let properties = feature.properties.unwrap_or_default();
            let code = match properties.get(&code_key).and_then(code_string) {
                Some(code) => code,
                None => {
                    problems.push((
                        index,
                        format!(
                            "feature {index}: property \"{code_key}\" is missing or empty; expected a country code"
                        ),
                    ));
                    continue;
                }
            };
            let name = name_key
                .as_ref()
                .and_then(|k| properties.get(k))
                .and_then(JsonValue::as_str)
                .map_or_else(|| code.clone(), str::to_owned);
            let label = format!("feature {index} ({code}, {name})");
            let polygons = match feature.geometry.map(|g| g.value) {
                Some(GeometryValue::Polygon { coordinates }) => {
                    polygon_from(&coordinates).map(|p| vec![p])
                }
                Some(GeometryValue::MultiPolygon { coordinates }) => {
                    coordinates.iter().map(|p| polygon_from(p)).collect()
                }
                Some(other) => Err(format!(
                    "geometry is a {}; expected Polygon or MultiPolygon",
                    other.type_name()
                )),
                None => Err("has no geometry; expected Polygon or MultiPolygon".to_owned()),
            };
            let polygons = match polygons {
                Ok(p) => p,
                Err(why) => {
                    problems.push((index, format!("{label}: {why}")));
                    continue;
                }
            };
            if let Some(&first) = by_code.get(&code) {
                problems.push((
                    index,
                    format!(
                        "{label}: code {code} is already used by feature {first}; codes must be unique"
                    ),
                ));
                continue;
            }
            let population = population_from(&properties);
            let bbox = polygons.iter().fold(BBox::EMPTY, |b, p| b.union(p.bbox()));
            by_code.insert(code.clone(), countries.len());
            countries.push(Country {
                code,
                name,
                population,
                polygons,
                bbox,
            });
        }
        if !problems.is_empty() {
            let count = problems.len();
            problems.truncate(MAX_LISTED_PROBLEMS);
            let mut problems = placed(text, &starts, problems);
            if count > MAX_LISTED_PROBLEMS {
                problems.push(format!("… and {} more", count - MAX_LISTED_PROBLEMS));
            }
            return Err(WorldError::Features {
                path: path.to_owned(),
                count,
                problems,
            });
        }
        progress.report(Stage::Checking, feature_count, feature_count);
        Ok(Self { countries, by_code })
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

/// The GeoJSON geometry types, which a world file might be by mistake.
const GEOMETRY_TYPES: &[&str] = &[
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

/// "1 feature has problems", "3 features have problems".
fn features_have_problems(count: usize) -> String {
    if count == 1 {
        "1 feature has problems".to_owned()
    } else {
        format!("{count} features have problems")
    }
}

/// Reads a file of `len` bytes in chunks, reporting each, so a large file shows progress.
fn read_reporting(path: &Path, len: u64, progress: &dyn ProgressSink) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    const CHUNK: usize = 1 << 20;
    let mut file = std::fs::File::open(path)?;
    // `len` is at most MAX_WORLD_FILE_BYTES, checked by the caller. Reading into a separate
    // chunk means the last read, the one that finds the end, does not grow `bytes`.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let read = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes.extend_from_slice(&chunk[..read]);
        progress.report(Stage::Reading, bytes.len() as u64, len);
        // The file may grow while it is read (an editor saving it); stop at the same limit.
        if bytes.len() as u64 > MAX_WORLD_FILE_BYTES {
            return Err(std::io::Error::other(format!(
                "the file grew past {} MB while it was read",
                MAX_WORLD_FILE_BYTES / (1024 * 1024)
            )));
        }
    }
    Ok(bytes)
}

/// Puts each feature's problem after the line and column where the feature starts, so a person
/// can go to it in an editor. `problems` are in file order, which lets one scan count the lines.
fn placed(text: &str, starts: &[usize], problems: Vec<(usize, String)>) -> Vec<String> {
    let bytes = text.as_bytes();
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    problems
        .into_iter()
        .map(|(feature, message)| {
            let offset = starts.get(feature).copied().unwrap_or(scanned).max(scanned);
            for (i, &b) in bytes[scanned..offset].iter().enumerate() {
                if b == b'\n' {
                    line += 1;
                    line_start = scanned + i + 1;
                }
            }
            scanned = offset;
            // Columns count bytes from 1, as serde_json's do.
            format!("line {line}, column {}: {message}", offset - line_start + 1)
        })
        .collect()
}

/// Where `part`, a slice of `text`, starts in it, in bytes.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// A JSON error found while reading the slice of `text` that starts at byte `offset`, placed at
/// its line and column in the whole file.
fn json_error_at(path: &Path, text: &str, offset: usize, error: &serde_json::Error) -> WorldError {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let base_line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let base_column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    match json_error(path, error) {
        WorldError::Json {
            path,
            line,
            column,
            message,
        } => WorldError::Json {
            path,
            // serde_json's column is 1-based from the slice's start; on its first line the
            // slice starts `base_column` bytes into the file's line.
            column: if line <= 1 {
                base_column + column
            } else {
                column
            },
            line: base_line + line.saturating_sub(1),
            message,
        },
        other => other,
    }
}

/// A JSON error with its position, in words a person editing the file can act on.
fn json_error(path: &Path, error: &serde_json::Error) -> WorldError {
    let message = error.to_string();
    // serde_json appends the position, which the message shows in front already.
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |i| &message[..i]);
    // The geojson crate deserialises features through a helper whose name would leak here.
    let message = message.replace(
        "struct DeserializeFeatureHelper",
        "a GeoJSON Feature object",
    );
    WorldError::Json {
        path: path.to_owned(),
        line: error.line(),
        // serde_json reports column 0 at the very start of a line; editors count from 1.
        column: error.column().max(1),
        message,
    }
}

/// The members of the top-level object that the loader reads: its `type` and where each of its
/// `features` is in the text.
struct TopLevel<'de> {
    kind: Option<String>,
    features: Option<Vec<&'de RawValue>>,
}

/// Reads the top-level object by hand rather than as a `geojson::GeoJson`, so that features
/// are counted as they stream in and a file with too many is refused before any is parsed.
/// Other members (`bbox`, foreign members) are skipped. Features are kept as slices of the text
/// and parsed afterwards, one at a time: where a slice ends says how far through the file the
/// load is, which a progress bar needs and serde_json does not otherwise tell.
struct TopLevelSeed<'a, 'de> {
    /// Set when the features ran over [`MAX_WORLD_FEATURES`], to tell that error from others.
    too_many: &'a Cell<bool>,
    /// The whole file, to tell how far into it a feature is.
    text: &'de str,
    progress: &'a dyn ProgressSink,
}

impl<'de> DeserializeSeed<'de> for TopLevelSeed<'_, 'de> {
    type Value = TopLevel<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopLevelSeed<'_, 'de> {
    type Value = TopLevel<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut top = TopLevel {
            kind: None,
            features: None,
        };
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => top.kind = Some(map.next_value()?),
                "features" => {
                    top.features = Some(map.next_value_seed(FeaturesSeed {
                        too_many: self.too_many,
                        text: self.text,
                        progress: self.progress,
                    })?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(top)
    }
}

/// The `features` list, refused once it holds more than [`MAX_WORLD_FEATURES`].
struct FeaturesSeed<'a, 'de> {
    too_many: &'a Cell<bool>,
    text: &'de str,
    progress: &'a dyn ProgressSink,
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_, 'de> {
    type Value = Vec<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_, 'de> {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of GeoJSON Feature objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut features = Vec::new();
        // Finding the features is the first half of parsing; reading each is the second.
        let total = 2 * self.text.len() as u64;
        while let Some(feature) = seq.next_element::<&'de RawValue>()? {
            if features.len() == MAX_WORLD_FEATURES {
                self.too_many.set(true);
                return Err(de::Error::custom("too many features"));
            }
            let end = offset_in(self.text, feature.get()) + feature.get().len();
            self.progress.report(Stage::Parsing, end as u64, total);
            features.push(feature);
        }
        Ok(features)
    }
}

/// The first key of `candidates` that most features have, so one odd feature does not decide.
fn detect_key<'a>(
    objects: impl Iterator<Item = &'a JsonObject>,
    candidates: &[&str],
) -> Option<String> {
    let mut counts = vec![0usize; candidates.len()];
    for object in objects {
        for (i, key) in candidates.iter().enumerate() {
            if object.get(*key).and_then(code_string).is_some() {
                counts[i] += 1;
            }
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    (best > 0)
        .then(|| counts.iter().position(|&c| c == best))
        .flatten()
        .map(|i| candidates[i].to_owned())
}

/// A code given as a non-empty string, or as a number (world-atlas uses numeric ids).
fn code_string(value: &JsonValue) -> Option<String> {
    match value {
        JsonValue::String(s) if !s.trim().is_empty() && s != "-99" => Some(s.trim().to_owned()),
        JsonValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn population_from(properties: &JsonObject) -> Option<Population> {
    let count = ["pop_est", "POP_EST"]
        .iter()
        .find_map(|k| properties.get(*k).and_then(JsonValue::as_f64))?;
    let year = ["pop_year", "POP_YEAR"]
        .iter()
        .find_map(|k| properties.get(*k).and_then(JsonValue::as_i64))
        .unwrap_or(0);
    (count.is_finite() && count >= 0.0).then_some(Population {
        count: count as u64,
        year: year as i32,
    })
}

/// Checks one GeoJSON polygon and unwraps its rings across the antimeridian.
fn polygon_from(rings: &[Vec<geojson::Position>]) -> Result<Polygon, String> {
    if rings.is_empty() {
        return Err("a polygon has no rings".to_owned());
    }
    let mut out = Vec::with_capacity(rings.len());
    for (ring_index, ring) in rings.iter().enumerate() {
        let mut points: Vec<LonLat> = Vec::with_capacity(ring.len());
        for (i, position) in ring.iter().enumerate() {
            let (lon, lat) = match position.as_slice() {
                [lon, lat, ..] => (*lon, *lat),
                _ => {
                    return Err(format!(
                        "ring {ring_index}, point {i}: a position needs two numbers"
                    ));
                }
            };
            if !lon.is_finite() || !lat.is_finite() || lon.abs() > 540.0 || lat.abs() > 90.0 {
                return Err(format!(
                    "ring {ring_index}, point {i}: coordinate ({lon}, {lat}) is out of range; \
                     expected longitude -180..180 and latitude -90..90"
                ));
            }
            points.push([lon, lat]);
        }
        if points.len() < 4 {
            return Err(format!(
                "ring {ring_index} has {} points; a closed ring needs at least 4",
                points.len()
            ));
        }
        if points.first() != points.last() {
            return Err(format!(
                "ring {ring_index} is not closed: it starts at {:?} and ends at {:?}",
                points[0],
                points[points.len() - 1]
            ));
        }
        if let Some(ring) = normalise_ring(points) {
            // Checked after unwrapping: an edge that jumps the antimeridian in the source would
            // seem to cross the whole ring.
            if let Some((a, b)) = first_crossing(&ring) {
                let edge = |i: usize| {
                    let (p, q) = (ring[i], ring[i + 1]);
                    format!("({}, {})–({}, {})", p[0], p[1], q[0], q[1])
                };
                return Err(format!(
                    "ring {ring_index} crosses itself: edge {} crosses edge {}; \
                     a ring's edges may touch but not cross",
                    edge(a),
                    edge(b)
                ));
            }
            out.push(ring);
        }
    }
    if out.is_empty() {
        return Err("every ring is degenerate (it only hugs a pole)".to_owned());
    }
    // If the exterior was dropped (spherical data sometimes draws a pole as a tiny circle), the
    // largest remaining ring is the outside.
    if let Some(largest) =
        (0..out.len()).max_by(|&a, &b| ring_area(&out[a]).total_cmp(&ring_area(&out[b])))
    {
        out.swap(0, largest);
    }
    // A hole unwrapped on its own may land 360° away from its exterior: bring it back.
    let exterior_mid = {
        let b = BBox::of_points(&out[0]);
        (b.min[0] + b.max[0]) / 2.0
    };
    for hole in out.iter_mut().skip(1) {
        let b = BBox::of_points(hole);
        let mid = (b.min[0] + b.max[0]) / 2.0;
        let shift = ((exterior_mid - mid) / 360.0).round() * 360.0;
        if shift != 0.0 {
            hole.iter_mut().for_each(|p| p[0] += shift);
        }
    }
    Ok(Polygon { rings: out })
}

/// The first two edges (by the index of their first point) of a closed ring that properly
/// cross, if any.
///
/// Edges that only touch, at a shared point or where one ends on another, or that overlap
/// along a line, are allowed: simplified coastlines pinch together at single points, and
/// rejecting those would reject real maps. Only a crossing makes the ring's inside ambiguous.
///
/// A sweep keeps this fast on the bundled world's 100k points: edges are sorted by where they
/// start along the ring's longer axis, and each is compared only with the edges still open
/// there, so a coastline costs about n log n rather than n².
fn first_crossing(ring: &[LonLat]) -> Option<(usize, usize)> {
    /// An edge the sweep has passed the start of but not the end: where it ends along the sweep
    /// axis and its extent across it, kept together so the inner loop reads one array.
    struct Open {
        high: f64,
        across: (f64, f64),
        edge: usize,
    }
    let edges = ring.len().saturating_sub(1);
    let bbox = BBox::of_points(ring);
    // Sweeping along the longer axis keeps the set of open edges small for tall, thin rings
    // (Chile, Norway) as well as wide ones.
    let axis = usize::from(bbox.max[1] - bbox.min[1] > bbox.max[0] - bbox.min[0]);
    let other = 1 - axis;
    let span = |i: usize, a: usize| {
        let (p, q) = (ring[i][a], ring[i + 1][a]);
        (p.min(q), p.max(q))
    };
    let mut order: Vec<(f64, usize)> = (0..edges).map(|i| (span(i, axis).0, i)).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut open: Vec<Open> = Vec::new();
    for (start, e) in order {
        let (e_low, e_high) = span(e, other);
        // One pass drops the edges the sweep has left behind and tests the rest.
        let mut k = 0;
        while k < open.len() {
            let o = &open[k];
            if o.high < start {
                open.swap_remove(k);
                continue;
            }
            if o.across.1 >= e_low
                && o.across.0 <= e_high
                && edges_cross([ring[e], ring[e + 1]], [ring[o.edge], ring[o.edge + 1]])
            {
                return Some((e.min(o.edge), e.max(o.edge)));
            }
            k += 1;
        }
        open.push(Open {
            high: span(e, axis).1,
            across: (e_low, e_high),
            edge: e,
        });
    }
    None
}

/// Whether two segments cross at a single point inside both. Touching and collinear
/// overlaps do not count.
fn edges_cross(a: [LonLat; 2], b: [LonLat; 2]) -> bool {
    // The sign of the turn from p→q to p→r: positive left, negative right, zero in line.
    let turn = |p: LonLat, q: LonLat, r: LonLat| {
        (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    };
    let opposite = |x: f64, y: f64| (x > 0.0 && y < 0.0) || (x < 0.0 && y > 0.0);
    opposite(turn(a[0], a[1], b[0]), turn(a[0], a[1], b[1]))
        && opposite(turn(b[0], b[1], a[0]), turn(b[0], b[1], a[1]))
}

/// Twice the signed planar area of a closed ring (the shoelace sum), in square degrees.
pub fn twice_signed_area(ring: &[LonLat]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

/// Planar |area| of a closed ring, in square degrees.
fn ring_area(ring: &[LonLat]) -> f64 {
    twice_signed_area(ring).abs() / 2.0
}

/// Makes a ring drawable on a flat map. Returns `None` for a ring that only hugs a pole.
///
/// An edge that jumps by more than 180° of longitude is taken to cross the antimeridian. If the
/// jumps cancel out (Fiji, Russia's Chukotka), the ring's longitudes are made continuous, so it
/// may run past 180°. If they don't, the ring goes round a pole (Antarctica's coast): it is cut at
/// the crossing and closed along the antimeridian and the pole, which is what it encloses on a
/// flat map.
fn normalise_ring(mut points: Vec<LonLat>) -> Option<Vec<LonLat>> {
    let source = points.clone();
    if unwrap_antimeridian(&mut points) == 0.0 {
        return Some(points);
    }
    // Round a pole. Start the ring just after its crossing, so unwrapping runs one way round.
    points = source;
    points.pop();
    let crossing = points
        .iter()
        .zip(points.iter().cycle().skip(1))
        .position(|(a, b)| (b[0] - a[0]).abs() > 180.0)?;
    points.rotate_left(crossing + 1);
    points.push(points[0]);
    let net = unwrap_antimeridian(&mut points);
    points.pop();
    let first = points[0];
    let (south, north) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(s, n), p| {
            (s.min(p[1]), n.max(p[1]))
        });
    // A circle a hair from the pole has no area on a flat map worth drawing.
    if north - south < 0.01 {
        return None;
    }
    let pole = if south + north < 0.0 { -90.0 } else { 90.0 };
    let end_lon = first[0] + net;
    points.extend([
        [end_lon, first[1]],
        [end_lon, pole],
        [first[0], pole],
        first,
    ]);
    // Keep the ring within −180..180 where its ends lie on the antimeridian.
    let min_lon = points.iter().map(|p| p[0]).fold(f64::INFINITY, f64::min);
    let shift = -((min_lon + 180.0) / 360.0).round() * 360.0;
    if shift != 0.0 {
        points.iter_mut().for_each(|p| p[0] += shift);
    }
    Some(points)
}

/// Makes a closed ring's longitudes continuous in place and returns the net shift in degrees:
/// zero for an ordinary ring, ±360 for one that goes round a pole (its closing point then ends
/// up 360° from its first).
fn unwrap_antimeridian(points: &mut [LonLat]) -> f64 {
    let mut shift = 0.0;
    let mut unwrapped = Vec::with_capacity(points.len());
    let mut previous = points[0][0];
    for p in points.iter() {
        let delta = p[0] - previous;
        if delta > 180.0 {
            shift -= 360.0;
        } else if delta < -180.0 {
            shift += 360.0;
        }
        previous = p[0];
        unwrapped.push([p[0] + shift, p[1]]);
    }
    if shift != 0.0 {
        points.copy_from_slice(&unwrapped);
        return shift;
    }
    // Keep the ring's west edge within the usual range, so most of it draws without a copy.
    let min_lon = unwrapped.iter().map(|p| p[0]).fold(f64::INFINITY, f64::min);
    let recentre = if min_lon < -180.0 { 360.0 } else { 0.0 };
    for (p, u) in points.iter_mut().zip(unwrapped) {
        *p = [u[0] + recentre, u[1]];
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_that_jumps_the_antimeridian_becomes_continuous() {
        let mut ring = vec![
            [179.0, -16.0],
            [-179.5, -16.0],
            [-179.5, -17.0],
            [179.0, -17.0],
            [179.0, -16.0],
        ];
        unwrap_antimeridian(&mut ring);
        assert_eq!(ring[1], [180.5, -16.0]);
        assert!(ring.iter().all(|p| p[0] >= 179.0 && p[0] <= 180.5));
    }

    #[test]
    fn a_coast_round_the_south_pole_is_closed_along_the_antimeridian() {
        // Like Antarctica's coast in world-atlas: eastward, crossing once.
        let coast = vec![
            [-180.0, -84.0],
            [-60.0, -70.0],
            [60.0, -68.0],
            [179.6, -84.2],
            [-180.0, -84.0],
        ];
        let ring = normalise_ring(coast).expect("a coast is kept");
        assert_eq!(ring.first(), ring.last());
        assert!(
            ring.contains(&[180.0, -90.0]) && ring.contains(&[-180.0, -90.0]),
            "{ring:?}"
        );
        assert!(
            ring.iter().all(|p| p[0] >= -180.0 && p[0] <= 180.0),
            "{ring:?}"
        );
    }

    #[test]
    fn a_bow_tie_crosses_itself_but_a_pinched_ring_only_touches() {
        let bow_tie = [[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]];
        assert_eq!(first_crossing(&bow_tie), Some((0, 2)));
        // Two squares meeting at (1, 1), drawn as one ring: it touches itself there.
        let pinched = [
            [0.0, 0.0],
            [1.0, 0.0],
            [1.0, 1.0],
            [2.0, 1.0],
            [2.0, 2.0],
            [1.0, 2.0],
            [1.0, 1.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ];
        assert_eq!(first_crossing(&pinched), None);
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        assert_eq!(first_crossing(&square), None);
    }

    proptest::proptest! {
        /// Small integer grids give many touching, collinear and overlapping edges: the cases
        /// a sweep is most likely to get wrong.
        #[test]
        fn the_sweep_finds_a_crossing_exactly_when_comparing_every_pair_does(
            points in proptest::collection::vec((-4i32..4, -4i32..4), 3..14)
        ) {
            let mut ring: Vec<LonLat> =
                points.iter().map(|&(x, y)| [f64::from(x), f64::from(y)]).collect();
            ring.push(ring[0]);
            let edge = |i: usize| [ring[i], ring[i + 1]];
            let edges = ring.len() - 1;
            let every_pair = (0..edges)
                .flat_map(|a| (a + 1..edges).map(move |b| (a, b)))
                .find(|&(a, b)| edges_cross(edge(a), edge(b)));
            let swept = first_crossing(&ring);
            proptest::prop_assert_eq!(swept.is_some(), every_pair.is_some());
            if let Some((a, b)) = swept {
                proptest::prop_assert!(a < b && edges_cross(edge(a), edge(b)));
            }
        }
    }

    #[test]
    fn a_circle_hugging_the_pole_is_dropped() {
        let circle = vec![
            [-180.0, -89.999],
            [60.0, -89.999],
            [-60.0, -89.999],
            [-180.0, -89.999],
        ];
        assert_eq!(normalise_ring(circle), None);
    }
}
