//! TopoJSON, the format `world-atlas` ships in: shared arcs, quantised and delta-encoded, and
//! objects whose geometries list the arcs they are made of. Each geometry of the chosen object
//! becomes a GeoJSON feature, so the rest of the load (codes, names, repairs) is the same.
//!
//! There is no well-kept TopoJSON crate, and the format is small: see
//! <https://github.com/topojson/topojson-specification>.

use geojson::{Feature, Geometry, GeometryValue, JsonObject, Position};
use serde::Deserialize;
use serde_json::Value;

/// The most points one ring is stitched to; past it the ring is cut short, and then fails its
/// checks and is reported.
const MAX_RING_POINTS: usize = 5_000_000;

/// A TopoJSON topology: the members this reader uses.
#[derive(Deserialize)]
struct Topology {
    #[serde(default)]
    transform: Option<Transform>,
    #[serde(default)]
    arcs: Vec<Vec<Vec<f64>>>,
    #[serde(default)]
    objects: serde_json::Map<String, Value>,
}

/// How quantised positions map back to coordinates.
#[derive(Deserialize, Clone, Copy)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

/// The features of a topology's country object, with a sentence saying which object was read
/// when there was a choice, or why none can be.
pub(super) fn features(text: &str) -> Result<(Vec<Feature>, Option<String>), String> {
    let topology: Topology =
        serde_json::from_str(text).map_err(|e| format!("not a valid TopoJSON topology: {e}"))?;
    let arcs = decode_arcs(&topology.arcs, topology.transform);
    // world-atlas has "countries" and "land"; otherwise the object with the most geometries.
    let (name, object) = topology
        .objects
        .iter()
        .find(|(name, _)| name.as_str() == "countries")
        .or_else(|| {
            topology
                .objects
                .iter()
                .max_by_key(|(_, object)| geometries_of(object).len())
        })
        .ok_or_else(|| "the topology has no objects".to_owned())?;
    let note = (topology.objects.len() > 1).then(|| {
        let others: Vec<&str> = topology
            .objects
            .keys()
            .filter(|k| *k != name)
            .map(String::as_str)
            .collect();
        format!(
            "TopoJSON: the countries are read from object \"{name}\" (also in the file: {})",
            others.join(", ")
        )
    });
    let features = geometries_of(object)
        .iter()
        .map(|geometry| feature_of(geometry, &arcs, topology.transform))
        .collect();
    Ok((features, note))
}

/// An object's geometries: a GeometryCollection's list, or the object itself.
fn geometries_of(object: &Value) -> Vec<Value> {
    match object.get("geometries").and_then(Value::as_array) {
        Some(list) => list.clone(),
        None => vec![object.clone()],
    }
}

/// Every arc as absolute coordinates: quantised arcs are delta-encoded from their first point.
fn decode_arcs(arcs: &[Vec<Vec<f64>>], transform: Option<Transform>) -> Vec<Vec<[f64; 2]>> {
    arcs.iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.iter()
                .filter(|p| p.len() >= 2)
                .map(|p| match transform {
                    Some(t) => {
                        x += p[0];
                        y += p[1];
                        [
                            x * t.scale[0] + t.translate[0],
                            y * t.scale[1] + t.translate[1],
                        ]
                    }
                    None => [p[0], p[1]],
                })
                .collect()
        })
        .collect()
}

/// One geometry as a feature: its id and properties, and its shape rebuilt from its arcs. A
/// geometry that cannot be rebuilt becomes a feature without geometry, which the loader leaves
/// out with a warning.
fn feature_of(geometry: &Value, arcs: &[Vec<[f64; 2]>], transform: Option<Transform>) -> Feature {
    let properties = geometry
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut properties: JsonObject = properties;
    if let Some(id) = geometry.get("id") {
        properties.entry("id").or_insert_with(|| id.clone());
    }
    Feature {
        bbox: None,
        geometry: value_of(geometry, arcs, transform).map(Geometry::new),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}

fn value_of(
    geometry: &Value,
    arcs: &[Vec<[f64; 2]>],
    transform: Option<Transform>,
) -> Option<GeometryValue> {
    let kind = geometry.get("type")?.as_str()?;
    let arc_lists = geometry.get("arcs");
    let rings = |value: &Value| -> Option<Vec<Vec<Position>>> {
        value
            .as_array()?
            .iter()
            .map(|ring| Some(stitch(ring.as_array()?, arcs)))
            .collect()
    };
    let point = |value: &Value| -> Option<Position> {
        let p = value.as_array()?;
        let (x, y) = (p.first()?.as_f64()?, p.get(1)?.as_f64()?);
        Some(match transform {
            Some(t) => [
                x * t.scale[0] + t.translate[0],
                y * t.scale[1] + t.translate[1],
            ]
            .into(),
            None => [x, y].into(),
        })
    };
    Some(match kind {
        "Polygon" => GeometryValue::Polygon {
            coordinates: rings(arc_lists?)?,
        },
        "MultiPolygon" => GeometryValue::MultiPolygon {
            coordinates: arc_lists?
                .as_array()?
                .iter()
                .map(rings)
                .collect::<Option<_>>()?,
        },
        "LineString" => GeometryValue::LineString {
            coordinates: stitch(arc_lists?.as_array()?, arcs),
        },
        "MultiLineString" => GeometryValue::MultiLineString {
            coordinates: rings(arc_lists?)?,
        },
        "Point" => GeometryValue::Point {
            coordinates: point(geometry.get("coordinates")?)?,
        },
        "MultiPoint" => GeometryValue::MultiPoint {
            coordinates: geometry
                .get("coordinates")?
                .as_array()?
                .iter()
                .map(point)
                .collect::<Option<_>>()?,
        },
        "GeometryCollection" => GeometryValue::GeometryCollection {
            geometries: geometry
                .get("geometries")?
                .as_array()?
                .iter()
                .filter_map(|g| value_of(g, arcs, transform).map(Geometry::new))
                .collect(),
        },
        _ => return None,
    })
}

/// A line or ring made of arcs by index: a negative index `-1 - i` is arc `i` reversed. Each
/// arc after the first starts where the one before ended, so its first point is dropped. An
/// index past the last arc is skipped: the ring then fails its checks and is reported.
fn stitch(indices: &[Value], arcs: &[Vec<[f64; 2]>]) -> Vec<Position> {
    let mut points: Vec<[f64; 2]> = Vec::new();
    for index in indices.iter().filter_map(Value::as_i64) {
        // A ring that names one long arc millions of times would take all memory: a country's
        // ring has at most a few hundred thousand points.
        if points.len() > MAX_RING_POINTS {
            break;
        }
        let (arc, reversed) = if index >= 0 {
            (arcs.get(index as usize), false)
        } else {
            (arcs.get((-1 - index) as usize), true)
        };
        let Some(arc) = arc else { continue };
        let mut arc: Vec<[f64; 2]> = arc.clone();
        if reversed {
            arc.reverse();
        }
        let skip = usize::from(!points.is_empty());
        points.extend(arc.into_iter().skip(skip));
    }
    points.into_iter().map(Position::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit squares sharing an edge, quantised with a scale of 1 and delta-encoded.
    const TWO_SQUARES: &str = r#"{"type":"Topology",
      "transform":{"scale":[1,1],"translate":[10,20]},
      "arcs":[[[1,0],[0,1]],[[1,1],[-1,0],[0,-1],[1,0]],[[1,0],[1,0],[0,1],[-1,0]]],
      "objects":{"countries":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0,1]],"id":"578","properties":{"name":"West"}},
        {"type":"Polygon","arcs":[[2,-1]],"properties":{"name":"East"}}]},
        "land":{"type":"GeometryCollection","geometries":[]}}}"#;

    #[test]
    fn shared_arcs_are_decoded_stitched_and_reversed_into_closed_rings() {
        let (features, note) = features(TWO_SQUARES).expect("a topology");
        assert_eq!(features.len(), 2);
        assert!(note.is_some_and(|n| n.contains("\"countries\"") && n.contains("land")));
        let ring = |f: &Feature| match &f.geometry.as_ref().expect("a shape").value {
            GeometryValue::Polygon { coordinates } => coordinates[0]
                .iter()
                .map(|p| [p.as_slice()[0], p.as_slice()[1]])
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            ring(&features[0]),
            [
                [11.0, 20.0],
                [11.0, 21.0],
                [10.0, 21.0],
                [10.0, 20.0],
                [11.0, 20.0]
            ]
        );
        assert_eq!(
            ring(&features[1]),
            [
                [11.0, 20.0],
                [12.0, 20.0],
                [12.0, 21.0],
                [11.0, 21.0],
                [11.0, 20.0]
            ]
        );
        let props = features[0].properties.as_ref().expect("properties");
        assert_eq!(props["id"], "578");
        assert_eq!(props["name"], "West");
    }
}
