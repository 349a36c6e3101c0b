//! The streaming parse of a world file: from its bytes to GeoJSON features, and from each
//! feature to a [`Country`].
//!
//! The top level is read by hand so features can be counted (and a file with too many refused)
//! as they stream in, and so the load can report how far through the file it is. Every error
//! names the file and, where there is one, the line and column to look at.

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use geojson::{Feature, GeometryValue, JsonObject, JsonValue};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::rings::polygons_from;
use super::{
    BBox, CODE_PROPERTIES, Country, MAX_WORLD_FEATURES, MAX_WORLD_FILE_BYTES, NAME_PROPERTIES,
    NO_CODE_PREFIX, Polygon, Population, WorldError, WorldOptions,
};
use crate::data::progress::{ProgressSink, Stage};

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

/// The file's bytes as text, refusing what is not UTF-8 or is empty before any JSON is parsed,
/// so those files get a message that says so rather than a JSON syntax error.
pub(super) fn file_text<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, WorldError> {
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
    Ok(text)
}

/// Parses the top level and returns where each feature is in `text`, refusing a file that is
/// not a non-empty `FeatureCollection` with a message that says what it is instead.
pub(super) fn feature_slices<'de>(
    path: &Path,
    text: &'de str,
    progress: &dyn ProgressSink,
) -> Result<Vec<&'de RawValue>, WorldError> {
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
    collection_features(path, top)
}

/// The features of a top level that is a `FeatureCollection`; for anything else, an error
/// naming what the file is, since a lone Feature or geometry is an easy mistake to make.
fn collection_features<'de>(
    path: &Path,
    top: TopLevel<'de>,
) -> Result<Vec<&'de RawValue>, WorldError> {
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
    Ok(features)
}

/// Reads each feature found by [`feature_slices`], reporting progress as it goes.
pub(super) fn read_features(
    path: &Path,
    text: &str,
    features: Vec<&RawValue>,
    progress: &dyn ProgressSink,
) -> Result<Vec<Feature>, WorldError> {
    // The first pass only found where each feature is; now read each one. The file is known
    // to be well-formed JSON, so what can fail here is a feature of the wrong shape.
    let total = 2 * text.len() as u64;
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
    Ok(features)
}

/// A property that may hold codes, and whether its numbers are ISO 3166-1 numeric codes.
#[derive(Clone, Debug)]
struct CodeKey {
    name: String,
    /// Whether its digit values are read as ISO numeric codes: only when nearly all of them are
    /// such codes (world-atlas's ids are; a GIS export's row numbers in "id" are not).
    numeric: bool,
}

impl CodeKey {
    /// A feature's code in this property: the text, or the alpha-3 code of an ISO number.
    fn code_in(&self, properties: &JsonObject) -> Option<String> {
        let code = properties.get(&self.name).and_then(code_string)?;
        if self.numeric && code.bytes().all(|b| b.is_ascii_digit()) {
            return crate::data::bundled::alpha3_of_numeric(&code)
                .map(str::to_owned)
                .or(Some(code));
        }
        Some(code)
    }

    /// The key for `name`, with its numbers judged from the features' values.
    fn judged<'a>(name: &str, objects: impl Iterator<Item = &'a JsonObject>) -> Self {
        let (mut digits, mut iso) = (0usize, 0usize);
        for code in objects.filter_map(|o| o.get(name).and_then(code_string)) {
            if code.bytes().all(|b| b.is_ascii_digit()) {
                digits += 1;
                iso += usize::from(crate::data::bundled::alpha3_of_numeric(&code).is_some());
            }
        }
        Self {
            name: name.to_owned(),
            numeric: digits > 0 && iso * 10 >= digits * 9,
        }
    }
}

/// The properties that hold each feature's code and name.
pub(super) struct Keys {
    /// Given by the options or detected; there is always one, or the file is refused.
    code: CodeKey,
    /// Other code properties to try, best first, for a feature whose `code` is unusable
    /// (Natural Earth writes -99 in `ISO_A3` for France and Norway, and has the code in
    /// `ADM0_A3`). Empty when the user named the property.
    fallbacks: Vec<CodeKey>,
    /// `None` when no usual name property is found: countries are then named by their codes.
    name: Option<String>,
    /// Which property was chosen and why, when more than one had codes.
    pub(super) chosen: Option<String>,
}

/// The properties to read codes and names from: the ones the options name, or else the usual
/// names most features have. A file where no feature has a code is refused.
pub(super) fn property_keys(
    path: &Path,
    features: &[Feature],
    options: &WorldOptions,
) -> Result<Keys, WorldError> {
    let props = || features.iter().filter_map(|f| f.properties.as_ref());
    let name = match &options.name_property {
        Some(key) => Some(key.clone()),
        None => detect_key(props(), NAME_PROPERTIES),
    };
    if let Some(key) = &options.code_property {
        return Ok(Keys {
            code: CodeKey::judged(key, props()),
            fallbacks: Vec::new(),
            name,
            chosen: None,
        });
    }
    let ranked = rank_code_keys(props());
    let Some((code, best)) = ranked.first().cloned() else {
        return Err(WorldError::NoCodeProperty {
            path: path.to_owned(),
            tried: CODE_PROPERTIES.join(", "),
        });
    };
    let chosen = (ranked.len() > 1).then(|| {
        let others: Vec<String> = ranked[1..]
            .iter()
            .map(|(key, n)| format!("\"{}\" {n}", key.name))
            .collect();
        format!(
            "country codes are read from \"{}\", which has the most usable, unique codes \
             ({best}; {})",
            code.name,
            others.join(", ")
        )
    });
    Ok(Keys {
        code,
        fallbacks: ranked.into_iter().skip(1).map(|(key, _)| key).collect(),
        name,
        chosen,
    })
}

/// The code properties the features have, best first: by how many codes the atlas knows they
/// hold (ISO alpha-3, and ISO numbers where the property is numeric), then by how many unique
/// codes, then in the order of [`CODE_PROPERTIES`]. Each with its score for the note.
fn rank_code_keys<'a>(
    objects: impl Iterator<Item = &'a JsonObject> + Clone,
) -> Vec<(CodeKey, usize)> {
    let candidates: Vec<(usize, CodeKey, Vec<String>)> = CODE_PROPERTIES
        .iter()
        .enumerate()
        .filter_map(|(order, key)| {
            let key = CodeKey::judged(key, objects.clone());
            let codes: Vec<String> = objects.clone().filter_map(|o| key.code_in(o)).collect();
            (!codes.is_empty()).then_some((order, key, codes))
        })
        .collect();
    // One property with codes (the bundled map's iso_a3) needs no ranking, and so no look at
    // which codes the atlas knows: that reads the bundled map's table, which a start need not.
    if let [(_, key, codes)] = candidates.as_slice() {
        return vec![(key.clone(), codes.len())];
    }
    let mut ranked: Vec<(usize, usize, usize, CodeKey)> = candidates
        .into_iter()
        .map(|(order, key, codes)| {
            let mut seen = std::collections::HashSet::new();
            let unique = codes.iter().filter(|c| seen.insert(c.as_str())).count();
            let known = seen.iter().filter(|c| is_known(c)).count();
            (known, unique, order, key)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    ranked
        .into_iter()
        .map(|(known, unique, _, key)| (key, if known > 0 { known } else { unique }))
        .collect()
}

/// Whether the atlas knows a code: an ISO 3166-1 alpha-3 code (or one of the bundled map's
/// user-assigned codes, such as XKX for Kosovo). Natural Earth's `ADM0_A3` has codes of the
/// same shape that are not ISO (SAH, PSX, KOS), so the shape alone is not enough.
fn is_known(code: &str) -> bool {
    crate::data::bundled::country_name(code).is_some()
}

/// The polygons of a geometry: a Polygon, a MultiPolygon, or those inside a
/// GeometryCollection (OpenStreetMap exports wrap each country in one). Points and lines are
/// not areas; inside a collection they are skipped, and alone they leave the feature out.
fn polygons_of(value: GeometryValue, repairs: &mut Vec<String>) -> Result<Vec<Polygon>, String> {
    match value {
        GeometryValue::Polygon { coordinates } => polygons_from(&coordinates, repairs),
        GeometryValue::MultiPolygon { coordinates } => {
            let mut all = Vec::new();
            for (k, polygon) in coordinates.iter().enumerate() {
                let mut own = Vec::new();
                match polygons_from(polygon, &mut own) {
                    Ok(parts) => all.extend(parts),
                    Err(why) => own.push(format!("{why}; the polygon is left out")),
                }
                repairs.extend(own.into_iter().map(|r| format!("polygon {k}: {r}")));
            }
            if all.is_empty() {
                Err("no polygon is left to draw".to_owned())
            } else {
                Ok(all)
            }
        }
        GeometryValue::GeometryCollection { geometries } => {
            let mut all = Vec::new();
            let mut skipped = Vec::new();
            for geometry in geometries {
                let kind = geometry.value.type_name();
                match geometry.value {
                    GeometryValue::Polygon { .. }
                    | GeometryValue::MultiPolygon { .. }
                    | GeometryValue::GeometryCollection { .. } => {
                        if let Ok(parts) = polygons_of(geometry.value, repairs) {
                            all.extend(parts);
                        }
                    }
                    _ => skipped.push(kind),
                }
            }
            if !skipped.is_empty() {
                repairs.push(format!(
                    "the GeometryCollection's {} {} not areas and {} skipped",
                    skipped.join(", "),
                    if skipped.len() == 1 { "is" } else { "are" },
                    if skipped.len() == 1 { "is" } else { "are" },
                ));
            }
            if all.is_empty() {
                Err("the GeometryCollection holds no polygon".to_owned())
            } else {
                Ok(all)
            }
        }
        other => Err(format!(
            "geometry is a {}; only Polygon and MultiPolygon are drawn",
            other.type_name()
        )),
    }
}

/// What one feature gives the map.
pub(super) struct Read {
    pub country: Country,
    /// Whether its code came from the file (else it is land with a name and no role).
    pub coded: bool,
    /// What was repaired or guessed, each a sentence about this feature.
    pub repairs: Vec<String>,
}

/// One feature as a country, with what was repaired on the way, or why nothing of it can be
/// drawn, in words that name the feature. Whether its code is unique is left to the caller,
/// which sees every feature.
pub(super) fn country_from(index: usize, feature: Feature, keys: &Keys) -> Result<Read, String> {
    let code_key = &keys.code.name;
    let properties = feature.properties.unwrap_or_default();
    let mut repairs = Vec::new();
    let given = keys.code.code_in(&properties);
    let fallback = || {
        keys.fallbacks.iter().find_map(|key| {
            let code = key.code_in(&properties)?;
            is_known(&code).then_some((&key.name, code))
        })
    };
    let (code, coded) = match (given, fallback()) {
        (Some(code), _) => (code, true),
        (None, Some((key, code))) => {
            repairs.push(format!(
                "\"{code_key}\" has no usable code; used \"{key}\" = {code}"
            ));
            (code, true)
        }
        (None, None) => (format!("{NO_CODE_PREFIX}{index}"), false),
    };
    let name = keys
        .name
        .as_ref()
        .and_then(|k| properties.get(k))
        .and_then(JsonValue::as_str)
        .map_or_else(|| code.clone(), str::to_owned);
    let label = if coded {
        format!("feature {index} ({code}, {name})")
    } else {
        format!("feature {index} ({name})")
    };
    let polygons = match feature.geometry {
        Some(geometry) => polygons_of(geometry.value, &mut repairs),
        None => Err("has no geometry; only Polygon and MultiPolygon are drawn".to_owned()),
    };
    // A feature left out says why each of its rings was, then why nothing was left.
    let polygons = polygons.map_err(|why| {
        let reasons: Vec<String> = repairs.iter().cloned().chain([why]).collect();
        format!("{label}: {}; the feature is left out", reasons.join("; "))
    })?;
    if !coded {
        repairs.insert(
            0,
            format!(
                "\"{code_key}\" is missing, empty or -99; drawn as land with its name, \
                 holding no role"
            ),
        );
    }
    let population = population_from(&properties);
    let bbox = polygons.iter().fold(BBox::EMPTY, |b, p| b.union(p.bbox()));
    Ok(Read {
        country: Country {
            code,
            name,
            population,
            polygons,
            bbox,
        },
        coded,
        repairs: repairs
            .into_iter()
            .map(|r| format!("{label}: {r}"))
            .collect(),
    })
}

/// Reads a file of `len` bytes in chunks, reporting each, so a large file shows progress.
pub(super) fn read_reporting(
    path: &Path,
    len: u64,
    progress: &dyn ProgressSink,
) -> std::io::Result<Vec<u8>> {
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
pub(super) fn placed(text: &str, starts: &[usize], problems: Vec<(usize, String)>) -> Vec<String> {
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
pub(super) fn offset_in(text: &str, part: &str) -> usize {
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

/// A code given as a non-empty string, or as a number; Natural Earth writes -99 for "none".
fn code_string(value: &JsonValue) -> Option<String> {
    let text = match value {
        JsonValue::String(s) => s.trim().to_owned(),
        JsonValue::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty() && text != "-99").then_some(text)
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
