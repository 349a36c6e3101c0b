//! Point → country: a grid of bounding boxes, then an exact even-odd point-in-polygon test.
//!
//! Even-odd over all of a polygon's rings handles holes (a lake, or Lesotho inside South Africa)
//! without knowing which ring is which. Polygons that cross the antimeridian are stored with
//! continuous longitudes past ±180°, so a query also tries its longitude ±360°.

use crate::data::world::{BBox, LonLat, World};

/// Grid cell size in degrees. 5° gives 72 × 36 cells; a cell holds a handful of polygons.
const CELL_DEG: f64 = 5.0;
const COLUMNS: usize = (360.0 / CELL_DEG) as usize;
const ROWS: usize = (180.0 / CELL_DEG) as usize;

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    country: u32,
    polygon: u32,
    bbox: BBox,
}

/// A spatial index over a [`World`]'s polygons. Build it once per world.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryIndex {
    entries: Vec<Entry>,
    /// For each cell, row-major from (−180°, −90°), the entries whose box touches it.
    cells: Vec<Vec<u32>>,
}

impl CountryIndex {
    /// Indexes every polygon of every country.
    pub fn build(world: &World) -> Self {
        let mut entries = Vec::new();
        let mut cells = vec![Vec::new(); COLUMNS * ROWS];
        for (ci, country) in world.countries().iter().enumerate() {
            for (pi, polygon) in country.polygons.iter().enumerate() {
                let bbox = polygon.bbox();
                let id = entries.len() as u32;
                entries.push(Entry {
                    country: ci as u32,
                    polygon: pi as u32,
                    bbox,
                });
                let (r0, r1) = (row(bbox.min[1]), row(bbox.max[1]));
                // Columns are taken modulo 360°, so a box past +180° also lands in the cells
                // at the western edge.
                let c0 = ((bbox.min[0] + 180.0) / CELL_DEG).floor() as i64;
                let c1 = ((bbox.max[0] + 180.0) / CELL_DEG).floor() as i64;
                let span = (c1 - c0).min(COLUMNS as i64 - 1);
                for r in r0..=r1 {
                    for c in c0..=c0 + span {
                        let column = c.rem_euclid(COLUMNS as i64) as usize;
                        cells[r * COLUMNS + column].push(id);
                    }
                }
            }
        }
        Self { entries, cells }
    }

    /// The index (into [`World::countries`]) of the country at a point, if any.
    pub fn country_at(&self, world: &World, p: LonLat) -> Option<usize> {
        if !p[0].is_finite() || !p[1].is_finite() || p[1].abs() > 90.0 {
            return None;
        }
        let lon = wrap_longitude(p[0]);
        let column = (((lon + 180.0) / CELL_DEG).floor() as usize).min(COLUMNS - 1);
        let cell = &self.cells[row(p[1]) * COLUMNS + column];
        cell.iter().find_map(|&id| {
            let entry = &self.entries[id as usize];
            let rings =
                &world.countries()[entry.country as usize].polygons[entry.polygon as usize].rings;
            [lon, lon + 360.0, lon - 360.0]
                .into_iter()
                .map(|x| [x, p[1]])
                .any(|q| entry.bbox.contains(q) && point_in_rings(q, rings))
                .then_some(entry.country as usize)
        })
    }
}

/// The same answer as [`CountryIndex::country_at`] by testing every polygon in turn: the
/// baseline the index is measured against, and a check on it in tests.
pub fn country_at_linear(world: &World, p: LonLat) -> Option<usize> {
    if !p[0].is_finite() || !p[1].is_finite() {
        return None;
    }
    let lon = wrap_longitude(p[0]);
    world.countries().iter().position(|c| {
        c.polygons.iter().any(|polygon| {
            [lon, lon + 360.0, lon - 360.0]
                .into_iter()
                .any(|x| point_in_rings([x, p[1]], &polygon.rings))
        })
    })
}

/// Longitude brought into [−180, 180).
pub fn wrap_longitude(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

fn row(lat: f64) -> usize {
    (((lat + 90.0) / CELL_DEG).floor().max(0.0) as usize).min(ROWS - 1)
}

/// Even-odd rule over every ring: inside the exterior and outside every hole.
pub fn point_in_rings(p: LonLat, rings: &[Vec<LonLat>]) -> bool {
    let mut inside = false;
    for ring in rings {
        for edge in ring.windows(2) {
            let (a, b) = (edge[0], edge[1]);
            if (a[1] > p[1]) != (b[1] > p[1]) {
                let x = a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
                if p[0] < x {
                    inside = !inside;
                }
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longitudes_wrap_into_the_usual_range() {
        assert_eq!(wrap_longitude(181.0), -179.0);
        assert_eq!(wrap_longitude(-181.0), 179.0);
        assert_eq!(wrap_longitude(10.0), 10.0);
    }

    #[test]
    fn a_point_in_a_hole_is_outside() {
        let rings = vec![
            vec![
                [0.0, 0.0],
                [10.0, 0.0],
                [10.0, 10.0],
                [0.0, 10.0],
                [0.0, 0.0],
            ],
            vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]],
        ];
        assert!(point_in_rings([2.0, 2.0], &rings));
        assert!(!point_in_rings([5.0, 5.0], &rings));
        assert!(!point_in_rings([11.0, 5.0], &rings));
    }
}
