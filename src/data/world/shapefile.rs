//! ESRI Shapefiles, as GIS sources hand country maps out: the shapes in `.shp` (with its `.shx`
//! index), the attributes in `.dbf`, and the attributes' text encoding named in `.cpg`. Each
//! record becomes a GeoJSON feature, so the rest of the load (codes, names, repairs) is the
//! same as for GeoJSON.

use std::io::{BufReader, Read};
use std::path::Path;

use ::shapefile::dbase::{self, FieldValue, encoding_rs};
use ::shapefile::{PolygonRing, Shape};
use geojson::{Feature, Geometry, GeometryValue, JsonObject, Position};
use serde_json::Value;

/// The features of the Shapefile at `path` (the `.shp`), with notes on how it was read (the
/// encoding of its attributes), or why it cannot be read.
pub(super) fn features(path: &Path) -> Result<(Vec<Feature>, Vec<String>), String> {
    let mut notes = Vec::new();
    let shapes = ::shapefile::ShapeReader::from_path(path)
        .map_err(|e| format!("cannot read the shapes: {e}"))?;
    let dbf = sibling(path, "dbf");
    let table = std::fs::File::open(&dbf).map_err(|e| {
        format!(
            "cannot open {} ({e}); a Shapefile's codes and names are in the .dbf next to the .shp",
            file_name(&dbf)
        )
    })?;
    let encoding = encoding_of(path, &mut notes);
    let attributes = dbase::ReaderBuilder::new()
        .with_encoding(dbase::encoding::EncodingRs::from(encoding))
        .build(BufReader::new(table))
        .map_err(|e| format!("cannot read {}: {e}", file_name(&dbf)))?;
    let mut reader = ::shapefile::Reader::new(shapes, attributes);
    let mut features = Vec::new();
    for (index, item) in reader.iter_shapes_and_records().enumerate() {
        let (shape, record) = item.map_err(|e| format!("record {index}: {e}"))?;
        features.push(Feature {
            bbox: None,
            geometry: geometry_of(shape).map(Geometry::new),
            id: None,
            properties: Some(properties_of(record)),
            foreign_members: None,
        });
    }
    Ok((features, notes))
}

/// The features of a Shapefile handed out as a `.zip`: the first `.shp` in it, with the files
/// of the same name beside it, unpacked to a temporary folder and read as [`features`]. An
/// archive whose contents would unpack past the world-file size limit is refused unread.
pub(super) fn features_from_zip(path: &Path) -> Result<(Vec<Feature>, Vec<String>), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open the archive: {e}"))?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| format!("not a readable .zip archive: {e}"))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|name| name.ok().map(|n| n.into_owned()))
        .collect();
    let shp = names
        .iter()
        .find(|n| n.to_ascii_lowercase().ends_with(".shp") && !n.starts_with("__MACOSX"))
        .ok_or_else(|| "the archive holds no .shp file".to_owned())?;
    let stem = &shp[..shp.len() - 4];
    let wanted: Vec<&String> = names
        .iter()
        .filter(|n| {
            n.len() == stem.len() + 4
                && n.starts_with(stem)
                && [".shp", ".shx", ".dbf", ".cpg", ".prj"]
                    .contains(&n[stem.len()..].to_ascii_lowercase().as_str())
        })
        .collect();
    let mut total = 0u64;
    for name in &wanted {
        total = total.saturating_add(archive.by_name(name).map_or(0, |f| f.size()));
    }
    if total > super::MAX_WORLD_FILE_BYTES {
        return Err(format!(
            "the Shapefile in the archive is {total} bytes unpacked; world files over {} bytes \
             are refused",
            super::MAX_WORLD_FILE_BYTES
        ));
    }
    // A new folder of our own (tempfile makes it afresh, so nothing placed there in advance, a
    // link to another file, is written through), removed when it drops: after reading, on an
    // error, on a panic.
    let folder = tempfile::Builder::new()
        .prefix("microlateral-atlas-shp-")
        .tempdir()
        .map_err(|e| format!("cannot unpack the archive: {e}"))?;
    let dir = folder.path();
    let mut shp_path = None;
    for name in &wanted {
        let mut entry = archive.by_name(name).map_err(|e| e.to_string())?;
        // The file's own name, never a path from the archive, with its extension in lower
        // case so the .shp finds its .dbf on a case-sensitive file system.
        let own = Path::new(name.as_str())
            .file_stem()
            .ok_or_else(|| format!("{name} has no file name"))?;
        let extension = name[stem.len() + 1..].to_ascii_lowercase();
        let target = dir.join(own).with_extension(extension);
        let mut out = std::fs::File::create(&target).map_err(|e| e.to_string())?;
        std::io::copy(&mut entry, &mut out).map_err(|e| e.to_string())?;
        if name.as_str() == shp.as_str() {
            shp_path = Some(target);
        }
    }
    let shp_path = shp_path.ok_or_else(|| "the .shp could not be unpacked".to_owned())?;
    let (features, mut notes) = features(&shp_path)?;
    notes.insert(0, format!("read {shp} from the archive"));
    Ok((features, notes))
}

/// The encoding the `.cpg` next to the `.shp` names, or UTF-8 when there is none or it names
/// one this reader does not know (with a note either way, since names may then read wrong).
fn encoding_of(path: &Path, notes: &mut Vec<String>) -> &'static encoding_rs::Encoding {
    let cpg = sibling(path, "cpg");
    let mut label = String::new();
    let read = std::fs::File::open(&cpg)
        .and_then(|f| f.take(1024).read_to_string(&mut label))
        .is_ok();
    if !read {
        notes.push(format!(
            "no {} names the attributes' encoding; they are read as UTF-8",
            file_name(&cpg)
        ));
        return encoding_rs::UTF_8;
    }
    let label = label.trim().trim_start_matches('\u{feff}');
    // Esri writes bare code page numbers ("1252"); the WHATWG labels encoding_rs knows are
    // names ("windows-1252", "ISO-8859-1", "UTF-8").
    let named = match label {
        "65001" => "utf-8".to_owned(),
        number if number.bytes().all(|b| b.is_ascii_digit()) => format!("windows-{number}"),
        name => name.to_owned(),
    };
    match encoding_rs::Encoding::for_label(named.as_bytes()) {
        Some(encoding) => encoding,
        None => {
            notes.push(format!(
                "{} names the encoding \"{label}\", which is not known; the attributes are read \
                 as UTF-8",
                file_name(&cpg)
            ));
            encoding_rs::UTF_8
        }
    }
}

/// The file beside `path` with extension `ext`, in whichever case it is written (COUNTRIES.SHP
/// comes with COUNTRIES.DBF); the lower-case name when there is none.
fn sibling(path: &Path, ext: &str) -> std::path::PathBuf {
    let lower = path.with_extension(ext);
    if lower.exists() {
        return lower;
    }
    let upper = path.with_extension(ext.to_ascii_uppercase());
    if upper.exists() { upper } else { lower }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A record's attributes as JSON properties; empty fields are left out.
fn properties_of(record: dbase::Record) -> JsonObject {
    record
        .into_iter()
        .filter_map(|(name, value)| {
            let number = |n: f64| serde_json::Number::from_f64(n).map(Value::Number);
            let value = match value {
                FieldValue::Character(Some(text)) | FieldValue::Memo(text) => {
                    Some(Value::String(text.trim().to_owned()))
                }
                // Natural Earth's ISO_N3 and population are numbers: an integer reads as one.
                FieldValue::Numeric(Some(n)) if n.fract() == 0.0 && n.abs() < 1e15 => {
                    Some(Value::from(n as i64))
                }
                FieldValue::Numeric(Some(n)) | FieldValue::Double(n) | FieldValue::Currency(n) => {
                    number(n)
                }
                FieldValue::Float(Some(n)) => number(f64::from(n)),
                FieldValue::Integer(n) => Some(Value::from(n)),
                FieldValue::Logical(Some(b)) => Some(Value::Bool(b)),
                FieldValue::Date(Some(date)) => Some(Value::String(format!(
                    "{:04}-{:02}-{:02}",
                    date.year(),
                    date.month(),
                    date.day()
                ))),
                _ => None,
            }?;
            Some((name, value))
        })
        .collect()
}

/// A shape as a GeoJSON geometry. A polygon's rings are grouped as Shapefiles order them: each
/// outer ring starts a polygon and the holes after it are its holes. A null shape has none.
fn geometry_of(shape: Shape) -> Option<GeometryValue> {
    fn rings_of<P>(rings: &[PolygonRing<P>], xy: impl Fn(&P) -> [f64; 2]) -> GeometryValue {
        let mut polygons: Vec<Vec<Vec<Position>>> = Vec::new();
        for ring in rings {
            let points: Vec<Position> = ring.points().iter().map(|p| xy(p).into()).collect();
            match (ring, polygons.last_mut()) {
                (PolygonRing::Inner(_), Some(polygon)) => polygon.push(points),
                _ => polygons.push(vec![points]),
            }
        }
        GeometryValue::MultiPolygon {
            coordinates: polygons,
        }
    }
    fn lines<P>(parts: &[Vec<P>], xy: impl Fn(&P) -> [f64; 2]) -> GeometryValue {
        GeometryValue::MultiLineString {
            coordinates: parts
                .iter()
                .map(|part| part.iter().map(|p| xy(p).into()).collect())
                .collect(),
        }
    }
    Some(match shape {
        Shape::NullShape | Shape::Multipatch(_) => return None,
        Shape::Polygon(p) => rings_of(p.rings(), |q| [q.x, q.y]),
        Shape::PolygonM(p) => rings_of(p.rings(), |q| [q.x, q.y]),
        Shape::PolygonZ(p) => rings_of(p.rings(), |q| [q.x, q.y]),
        Shape::Polyline(l) => lines(l.parts(), |q| [q.x, q.y]),
        Shape::PolylineM(l) => lines(l.parts(), |q| [q.x, q.y]),
        Shape::PolylineZ(l) => lines(l.parts(), |q| [q.x, q.y]),
        Shape::Point(p) => GeometryValue::Point {
            coordinates: [p.x, p.y].into(),
        },
        Shape::PointM(p) => GeometryValue::Point {
            coordinates: [p.x, p.y].into(),
        },
        Shape::PointZ(p) => GeometryValue::Point {
            coordinates: [p.x, p.y].into(),
        },
        Shape::Multipoint(m) => GeometryValue::MultiPoint {
            coordinates: m.points().iter().map(|p| [p.x, p.y].into()).collect(),
        },
        Shape::MultipointM(m) => GeometryValue::MultiPoint {
            coordinates: m.points().iter().map(|p| [p.x, p.y].into()).collect(),
        },
        Shape::MultipointZ(m) => GeometryValue::MultiPoint {
            coordinates: m.points().iter().map(|p| [p.x, p.y].into()).collect(),
        },
    })
}
