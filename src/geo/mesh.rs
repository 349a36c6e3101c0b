//! Country meshes, built once when a world is loaded and reused every frame.
//!
//! egui fills only convex paths, so each polygon is triangulated (earcut) into a mesh. Outlines are
//! prebuilt as strips of three vertices per point: the point itself and two side vertices that sit
//! one unit normal away. At draw time a side vertex goes `offset_px` pixels along its normal and is
//! transparent, which gives the same feathered, anti-aliased hairline egui draws, at a fixed pixel
//! width at every zoom, without egui re-tessellating a path each frame.
//!
//! Projection-space coordinates are kept in `f32`: unit space spans `[0, 1]`, and `f32` resolves
//! about 6e-8 of it, which is 0.06 px at the highest zoom the map allows (12).
//!
//! Detail comes in levels: 1:50m outlines have far more points than a world view has pixels. Each
//! level is simplified (Douglas–Peucker) to under half a pixel at the zoom it serves.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::data::progress::{ProgressSink, Stage};
use crate::data::world::{LonLat, Polygon, World, twice_signed_area};
use crate::geo::mercator::unit_from_lonlat;

/// One country's geometry at one level of detail, in unit space.
#[derive(Clone, Debug, Default)]
pub struct CountryMesh {
    /// Fill vertices.
    pub fill_positions: Vec<[f32; 2]>,
    /// Fill triangles, three indices each, into `fill_positions`.
    pub fill_indices: Vec<u32>,
    /// Outline vertices, three per ring point: centre, left side, right side.
    pub outline_positions: Vec<[f32; 2]>,
    /// For each outline vertex, the direction (unit length, or longer at mitred corners) that its
    /// side vertex moves in; zero for centre vertices.
    pub outline_normals: Vec<[f32; 2]>,
    /// Outline triangles into `outline_positions`.
    pub outline_indices: Vec<u32>,
    /// Each ring's range of points (every third outline vertex is a ring point), so a highlight
    /// can redraw one country's rings as thick paths.
    pub rings: Vec<std::ops::Range<u32>>,
    /// One part per polygon, so each island is culled against the view on its own.
    pub parts: Vec<MeshPart>,
}

/// The slices of a [`CountryMesh`] that belong to one polygon. Indices inside a part point into
/// the whole country's vertex arrays.
#[derive(Clone, Debug, Default)]
pub struct MeshPart {
    pub fill_vertices: std::ops::Range<u32>,
    pub fill_indices: std::ops::Range<u32>,
    pub outline_vertices: std::ops::Range<u32>,
    pub outline_indices: std::ops::Range<u32>,
    /// `[min_x, min_y, max_x, max_y]` in unit space; `max_x` passes 1.0 for a polygon that
    /// crosses the antimeridian, which is then drawn a second time one world to the west.
    pub bbox: [f32; 4],
}

impl CountryMesh {
    /// The points of each ring, in unit space.
    pub fn ring_points(&self) -> impl Iterator<Item = impl Iterator<Item = [f32; 2]> + '_> + '_ {
        self.rings.iter().map(|range| {
            range
                .clone()
                .map(|point| self.outline_positions[3 * point as usize])
        })
    }
}

/// One level of detail: the zoom up to which it is used, and a mesh per country.
#[derive(Clone, Debug)]
pub struct Lod {
    /// This level is drawn while the map's zoom is at most this.
    pub max_zoom: f64,
    /// In the order of [`World::countries`].
    pub countries: Vec<CountryMesh>,
}

/// Everything the map layer needs to draw a world, computed once per world.
#[derive(Clone, Debug)]
pub struct WorldMeshes {
    /// Coarsest first; the last level is unsimplified and serves every zoom.
    pub lods: Vec<Lod>,
    /// Each country's bounding box in unit space: `[min_x, min_y, max_x, max_y]`. It may run past
    /// 1.0 for countries that cross the antimeridian.
    pub unit_bboxes: Vec<[f32; 4]>,
    /// Each country's label point (inside its largest polygon), in unit space. Microstates are
    /// drawn as a dot here when their outline would be only a few pixels wide.
    pub label_points: Vec<[f32; 2]>,
}

/// The zooms the simplified levels serve; past the last, the full geometry is drawn.
const LOD_ZOOMS: [f64; 3] = [2.75, 4.0, 5.5];
/// The largest error a simplified level may make, in pixels at the zoom it serves.
const LOD_TOLERANCE_PX: f64 = 0.75;

impl WorldMeshes {
    /// Projects, simplifies and triangulates every country of `world`, telling `progress` how
    /// many of the countries' vertices are done.
    pub fn build(world: &World, progress: &dyn ProgressSink) -> Self {
        let projected: Vec<Vec<Vec<Vec<[f64; 2]>>>> = world
            .countries()
            .iter()
            .map(|c| c.polygons.iter().map(project_polygon).collect())
            .collect();

        let zooms: Vec<f64> = LOD_ZOOMS.iter().copied().chain([f64::INFINITY]).collect();
        // Each country at every level, as one task; countries are shared among the cores in
        // contiguous runs of about equal vertex counts, since triangulation dominates loading.
        let build_country = |earcut: &mut earcut::Earcut<f64>, polygons: &[Vec<Vec<[f64; 2]>>]| {
            zooms
                .iter()
                .map(|&zoom| {
                    let tolerance = if zoom.is_finite() {
                        LOD_TOLERANCE_PX / (256.0 * 2f64.powf(zoom))
                    } else {
                        0.0
                    };
                    country_mesh(earcut, polygons, tolerance)
                })
                .collect::<Vec<_>>()
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let weights: Vec<usize> = projected
            .iter()
            .map(|p| p.iter().flatten().map(Vec::len).sum::<usize>())
            .collect();
        let share = weights.iter().sum::<usize>() / threads + 1;
        let mut runs: Vec<&[ProjectedCountry]> = Vec::new();
        let (mut start, mut acc) = (0, 0);
        for (i, w) in weights.iter().enumerate() {
            acc += w;
            if acc >= share {
                runs.push(&projected[start..=i]);
                (start, acc) = (i + 1, 0);
            }
        }
        runs.push(&projected[start..]);
        let total = weights.iter().sum::<usize>() as u64;
        let done = AtomicU64::new(0);
        let per_country: Vec<Vec<CountryMesh>> = std::thread::scope(|scope| {
            let handles: Vec<_> = runs
                .iter()
                .map(|run| {
                    scope.spawn(|| {
                        let mut earcut = earcut::Earcut::new();
                        run.iter()
                            .map(|polygons| {
                                let mesh = build_country(&mut earcut, polygons);
                                let vertices =
                                    polygons.iter().flatten().map(Vec::len).sum::<usize>() as u64;
                                let now = done.fetch_add(vertices, Ordering::Relaxed) + vertices;
                                progress.report(Stage::Triangulating, now, total);
                                mesh
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                // A panic while triangulating is a bug: pass it on.
                .flat_map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut lods: Vec<Lod> = zooms
            .iter()
            .map(|&max_zoom| Lod {
                max_zoom,
                countries: Vec::with_capacity(per_country.len()),
            })
            .collect();
        for levels in per_country {
            for (lod, mesh) in lods.iter_mut().zip(levels) {
                lod.countries.push(mesh);
            }
        }

        let unit_bboxes = projected
            .iter()
            .map(|polygons| unit_bbox(polygons))
            .collect();
        let label_points = world
            .countries()
            .iter()
            .map(|c| {
                let p = unit_from_lonlat(label_point(&c.polygons));
                [p[0] as f32, p[1] as f32]
            })
            .collect();
        Self {
            lods,
            unit_bboxes,
            label_points,
        }
    }

    /// The index into [`Self::lods`] of the level to draw at `zoom`.
    pub fn lod_index(&self, zoom: f64) -> usize {
        self.lods
            .iter()
            .position(|lod| zoom <= lod.max_zoom)
            .unwrap_or(self.lods.len().saturating_sub(1))
    }
}

/// A country's polygons in unit space: polygons of rings of points.
type ProjectedCountry = Vec<Vec<Vec<[f64; 2]>>>;

fn project_polygon(polygon: &Polygon) -> Vec<Vec<[f64; 2]>> {
    polygon
        .rings
        .iter()
        .map(|ring| ring.iter().map(|p| unit_from_lonlat(*p)).collect())
        .collect()
}

fn unit_bbox(polygons: &[Vec<Vec<[f64; 2]>>]) -> [f32; 4] {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for p in polygons.iter().flat_map(|rings| rings.first()).flatten() {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    [b[0] as f32, b[1] as f32, b[2] as f32, b[3] as f32]
}

/// Simplifies and triangulates one country's polygons (already in unit space).
fn country_mesh(
    earcut: &mut earcut::Earcut<f64>,
    polygons: &[Vec<Vec<[f64; 2]>>],
    tolerance: f64,
) -> CountryMesh {
    let mut mesh = CountryMesh::default();
    let mut flat: Vec<[f64; 2]> = Vec::new();
    let mut holes: Vec<u32> = Vec::new();
    let mut triangles: Vec<u32> = Vec::new();
    for rings in polygons {
        flat.clear();
        holes.clear();
        let mut kept_rings: Vec<Vec<[f64; 2]>> = Vec::with_capacity(rings.len());
        for (i, ring) in rings.iter().enumerate() {
            let ring = if tolerance > 0.0 {
                simplify_ring(ring, tolerance)
            } else {
                open_ring(ring)
            };
            // A ring that collapsed under simplification is smaller than the tolerance: drop it
            // (and with an exterior, its holes). Microstates are kept findable by their dot.
            if ring.len() < 3 {
                if i == 0 {
                    break;
                }
                continue;
            }
            kept_rings.push(ring);
        }
        if kept_rings.is_empty() {
            continue;
        }
        for (i, ring) in kept_rings.iter().enumerate() {
            if i > 0 {
                holes.push(flat.len() as u32);
            }
            flat.extend_from_slice(ring);
        }
        earcut.earcut_slice(&flat, &holes, &mut triangles);
        let start = [
            mesh.fill_positions.len() as u32,
            mesh.fill_indices.len() as u32,
            mesh.outline_positions.len() as u32,
            mesh.outline_indices.len() as u32,
        ];
        let base = mesh.fill_positions.len() as u32;
        mesh.fill_positions
            .extend(flat.iter().map(|c| [c[0] as f32, c[1] as f32]));
        mesh.fill_indices.extend(triangles.iter().map(|i| base + i));
        for ring in &kept_rings {
            push_outline(&mut mesh, ring);
        }
        let bbox = kept_rings[0].iter().fold(
            [
                f32::INFINITY,
                f32::INFINITY,
                f32::NEG_INFINITY,
                f32::NEG_INFINITY,
            ],
            |b, p| {
                let (x, y) = (p[0] as f32, p[1] as f32);
                [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
            },
        );
        mesh.parts.push(MeshPart {
            fill_vertices: start[0]..mesh.fill_positions.len() as u32,
            fill_indices: start[1]..mesh.fill_indices.len() as u32,
            outline_vertices: start[2]..mesh.outline_positions.len() as u32,
            outline_indices: start[3]..mesh.outline_indices.len() as u32,
            bbox,
        });
    }
    mesh
}

/// The ring without its closing point (earcut and the outline builder want open rings).
fn open_ring(ring: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut out = ring.to_vec();
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Douglas–Peucker on a closed ring. The ring is split at its first point and the point farthest
/// from it, so the two halves are open polylines. Returns an open ring.
fn simplify_ring(ring: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    let open = open_ring(ring);
    // A ring smaller than the tolerance would draw as a speck: leave it out at this level.
    let (lo, hi) = open.iter().fold(
        ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]),
        |(lo, hi), p| {
            (
                [lo[0].min(p[0]), lo[1].min(p[1])],
                [hi[0].max(p[0]), hi[1].max(p[1])],
            )
        },
    );
    if (hi[0] - lo[0]).max(hi[1] - lo[1]) < 2.0 * tolerance {
        return Vec::new();
    }
    if open.len() < 4 {
        return open;
    }
    let far = (1..open.len())
        .max_by(|&a, &b| dist2(open[0], open[a]).total_cmp(&dist2(open[0], open[b])))
        .unwrap_or(1);
    let mut keep = vec![false; open.len() + 1];
    keep[0] = true;
    keep[far] = true;
    keep[open.len()] = true;
    let closed: Vec<[f64; 2]> = open
        .iter()
        .copied()
        .chain(std::iter::once(open[0]))
        .collect();
    let tolerance2 = tolerance * tolerance;
    let mut stack = vec![(0, far), (far, open.len())];
    while let Some((a, b)) = stack.pop() {
        let mut best = (0.0, 0);
        for i in a + 1..b {
            let d = segment_dist2(closed[i], closed[a], closed[b]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tolerance2 {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    open.iter()
        .zip(&keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

fn segment_dist2(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return dist2(p, a);
    }
    let t = (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0);
    dist2(p, [a[0] + t * dx, a[1] + t * dy])
}

/// Whether the edge from `a` to `b` (unit space) runs along the antimeridian, where Natural Earth
/// cuts polygons in two (Fiji's Vanua Levu and Taveuni). The cut is not a border: an outline along
/// it would draw a seam across land, so outlines leave such edges out. Unit x is 0 or 1 there (or
/// 2 for a ring unwrapped past 180°); files written by other tools may say -179.99999999999997
/// for -180, so "there" allows a millionth of the world's width (about 40 m).
pub fn is_antimeridian_cut(a: [f32; 2], b: [f32; 2]) -> bool {
    const NEAR: f32 = 1e-6;
    let on_cut = |x: f32| (x - x.round()).abs() < NEAR;
    on_cut(a[0]) && on_cut(b[0]) && (a[0] - b[0]).abs() < NEAR
}

/// Appends a closed hairline strip around an open ring, leaving out edges along the antimeridian.
fn push_outline(mesh: &mut CountryMesh, ring: &[[f64; 2]]) {
    let n = ring.len();
    let base = mesh.outline_positions.len() as u32;
    mesh.rings.push(base / 3..base / 3 + n as u32);
    for i in 0..n {
        let prev = ring[(i + n - 1) % n];
        let here = ring[i];
        let next = ring[(i + 1) % n];
        let normal = miter_normal(prev, here, next);
        let p = [here[0] as f32, here[1] as f32];
        mesh.outline_positions.extend([p, p, p]);
        mesh.outline_normals
            .extend([[0.0, 0.0], normal, [-normal[0], -normal[1]]]);
    }
    for i in 0..n as u32 {
        let j = (i + 1) % n as u32;
        let point = |k: u32| mesh.outline_positions[(base + 3 * k) as usize];
        if is_antimeridian_cut(point(i), point(j)) {
            continue;
        }
        let (c0, l0, r0) = (base + 3 * i, base + 3 * i + 1, base + 3 * i + 2);
        let (c1, l1, r1) = (base + 3 * j, base + 3 * j + 1, base + 3 * j + 2);
        mesh.outline_indices
            .extend([c0, l0, l1, c0, l1, c1, c0, r0, r1, c0, r1, c1]);
    }
}

/// The direction a side vertex moves so that the strip keeps its width through a corner. Mercator
/// scales x and y alike, so a direction in unit space is the same direction on screen.
fn miter_normal(prev: [f64; 2], here: [f64; 2], next: [f64; 2]) -> [f32; 2] {
    let d0 = normalized([here[0] - prev[0], here[1] - prev[1]]);
    let d1 = normalized([next[0] - here[0], next[1] - here[1]]);
    let n0 = [-d0[1], d0[0]];
    let n1 = [-d1[1], d1[0]];
    let sum = normalized([n0[0] + n1[0], n0[1] + n1[1]]);
    if sum == [0.0, 0.0] {
        return [n1[0] as f32, n1[1] as f32];
    }
    // Lengthen so the strip stays as wide as on a straight edge, but cap it: a spike would
    // otherwise throw a vertex far across the map.
    let cos_half = (sum[0] * n1[0] + sum[1] * n1[1]).max(0.5);
    [(sum[0] / cos_half) as f32, (sum[1] / cos_half) as f32]
}

fn normalized(v: [f64; 2]) -> [f64; 2] {
    let len = (v[0] * v[0] + v[1] * v[1]).sqrt();
    if len > 0.0 {
        [v[0] / len, v[1] / len]
    } else {
        [0.0, 0.0]
    }
}

/// A point inside the country's largest polygon, for its label or microstate dot.
///
/// The centroid of a concave polygon can fall outside it (a crescent, a country with a bay), so
/// this cuts the polygon with the horizontal line through its centroid and takes the middle of
/// the widest inside stretch.
pub fn label_point(polygons: &[Polygon]) -> LonLat {
    let Some(largest) = polygons.iter().max_by(|a, b| {
        twice_signed_area(a.exterior())
            .abs()
            .total_cmp(&twice_signed_area(b.exterior()).abs())
    }) else {
        return [0.0, 0.0];
    };
    let exterior = largest.exterior();
    let y = ring_centroid(exterior)[1];
    let mut xs: Vec<f64> = Vec::new();
    for ring in &largest.rings {
        for edge in ring.windows(2) {
            let (a, b) = (edge[0], edge[1]);
            if (a[1] > y) != (b[1] > y) {
                xs.push(a[0] + (y - a[1]) / (b[1] - a[1]) * (b[0] - a[0]));
            }
        }
    }
    xs.sort_by(f64::total_cmp);
    xs.chunks_exact(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
        .map_or_else(
            || exterior.first().copied().unwrap_or([0.0, 0.0]),
            |s| [(s[0] + s[1]) / 2.0, y],
        )
}

fn ring_centroid(ring: &[LonLat]) -> LonLat {
    let a = twice_signed_area(ring);
    if a.abs() < 1e-12 {
        let n = ring.len().max(1) as f64;
        let s = ring
            .iter()
            .fold([0.0, 0.0], |s, p| [s[0] + p[0], s[1] + p[1]]);
        return [s[0] / n, s[1] / n];
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for w in ring.windows(2) {
        let cross = w[0][0] * w[1][1] - w[1][0] * w[0][1];
        cx += (w[0][0] + w[1][0]) * cross;
        cy += (w[0][1] + w[1][1]) * cross;
    }
    [cx / (3.0 * a), cy / (3.0 * a)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_with_hole() -> Polygon {
        Polygon {
            rings: vec![
                vec![
                    [0.0, 0.0],
                    [10.0, 0.0],
                    [10.0, 10.0],
                    [0.0, 10.0],
                    [0.0, 0.0],
                ],
                vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]],
            ],
        }
    }

    #[test]
    fn a_square_with_a_hole_triangulates_into_eight_triangles() {
        let projected = project_polygon(&square_with_hole());
        let mesh = country_mesh(&mut earcut::Earcut::new(), &[projected], 0.0);
        assert_eq!(mesh.fill_positions.len(), 8);
        assert_eq!(mesh.fill_indices.len(), 8 * 3);
        assert_eq!(mesh.outline_positions.len(), 8 * 3);
    }

    #[test]
    fn an_island_cut_at_the_antimeridian_has_no_outline_along_the_cut() {
        // Both halves of an island that Natural Earth cuts at 180°, as separate polygons.
        let east = Polygon {
            rings: vec![vec![
                [179.0, -16.0],
                [180.0, -16.0],
                [180.0, -17.0],
                [179.0, -17.0],
                [179.0, -16.0],
            ]],
        };
        let west = Polygon {
            rings: vec![vec![
                [-180.0, -16.0],
                [-179.5, -16.0],
                [-179.5, -17.0],
                [-180.0, -17.0],
                [-180.0, -16.0],
            ]],
        };
        let projected = [project_polygon(&east), project_polygon(&west)];
        let mesh = country_mesh(&mut earcut::Earcut::new(), &projected, 0.0);
        // Four edges each, one on the cut: three drawn, twelve indices per edge.
        assert_eq!(mesh.outline_indices.len(), 2 * 3 * 12);
        // Another tool's rounding of -180 still counts as the cut.
        assert!(is_antimeridian_cut(
            [(-179.999_999_999_999_97 + 180.0) / 360.0, 0.4],
            [0.0, 0.5]
        ));
        // Away from the antimeridian a vertical edge is a border like any other.
        let square = project_polygon(&square_with_hole());
        let mesh = country_mesh(&mut earcut::Earcut::new(), &[square], 0.0);
        assert_eq!(mesh.outline_indices.len(), 8 * 12);
    }

    #[test]
    fn the_label_point_of_a_square_with_a_hole_avoids_the_hole() {
        let p = label_point(&[square_with_hole()]);
        let in_hole = p[0] > 4.0 && p[0] < 6.0 && p[1] > 4.0 && p[1] < 6.0;
        assert!(!in_hole, "{p:?}");
        assert!(p[0] > 0.0 && p[0] < 10.0 && p[1] > 0.0 && p[1] < 10.0);
    }

    #[test]
    fn simplifying_drops_points_on_a_straight_edge() {
        let ring: Vec<[f64; 2]> = vec![
            [0.0, 0.0],
            [0.5, 0.0],
            [1.0, 0.0],
            [1.0, 1.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ];
        let simple = simplify_ring(&ring, 0.01);
        assert_eq!(simple.len(), 4, "{simple:?}");
    }
}
