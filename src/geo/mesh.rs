//! Country meshes, built once when a world is loaded and reused every frame.
//!
//! egui fills only convex paths, so each polygon is triangulated (earcut) into a mesh. Outlines are
//! hairlines drawn as strips of two vertices per point: the point itself, opaque, and a
//! transparent side vertex a pixel or so away from the fill along the point's normal (the map
//! layer sets how far). A border is drawn by the countries on both sides of it, each fading out
//! over the other, which together make a line feathered both ways, as egui draws one; a coast
//! gets the outer half. It keeps a fixed pixel width at every zoom without egui re-tessellating a
//! path each frame, and at two triangles an edge instead of four it halves what a software
//! rasterizer holds per frame (README, "Start-up"). The mesh keeps one point and one normal per
//! ring point, shared with the fill; the strip is made when the map layer moves the points to the
//! screen.
//!
//! Projection-space coordinates are kept in `f32`: unit space spans `[0, 1]`, and `f32` resolves
//! about 6e-8 of it, which is 0.06 px at the highest zoom the map allows (12).
//!
//! Detail comes in levels: 1:50m outlines have far more points than a world view has pixels. Each
//! level is simplified (Douglas–Peucker) to under `LOD_TOLERANCE_PX` at the zoom it serves.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::data::progress::{ProgressSink, Stage};
use crate::data::world::{Country, Polygon, World, twice_signed_area};
use crate::geo::label::label_point;
use crate::geo::mercator::unit_from_lonlat;
use crate::geo::simplify::{open_len, simplify_ring};

/// One country's geometry at one level of detail, in unit space.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CountryMesh {
    /// The points of every ring, one ring after another: the fill's vertices and the outline's.
    pub fill_positions: Vec<[f32; 2]>,
    /// Fill triangles, three indices each, into `fill_positions`.
    pub fill_indices: Vec<u32>,
    /// For each point, the direction away from the polygon's fill (unit length, or longer at
    /// mitred corners): the hairline fades out that way, a heavier outline widens both ways.
    pub outline_normals: Vec<[f32; 2]>,
    /// Each ring's range of points.
    pub rings: Vec<std::ops::Range<u32>>,
    /// One part per polygon, so each island is culled against the view on its own.
    pub parts: Vec<MeshPart>,
}

/// The slices of a [`CountryMesh`] that belong to one polygon. Indices inside a part point into
/// the whole country's vertex arrays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeshPart {
    /// The polygon's points, in `fill_positions` and `outline_normals`.
    pub fill_vertices: std::ops::Range<u32>,
    pub fill_indices: std::ops::Range<u32>,
    /// The polygon's rings, in `rings`.
    pub rings: std::ops::Range<u32>,
    /// `[min_x, min_y, max_x, max_y]` in unit space; `max_x` passes 1.0 for a polygon that
    /// crosses the antimeridian, which is then drawn a second time one world to the west.
    pub bbox: [f32; 4],
}

impl CountryMesh {
    /// The rings of one part, each as its range of points.
    pub fn part_rings(&self, part: &MeshPart) -> &[std::ops::Range<u32>] {
        &self.rings[part.rings.start as usize..part.rings.end as usize]
    }

    /// The edges the outline draws around a ring, as pairs of points: every edge but those
    /// along the antimeridian cut (see [`is_antimeridian_cut`]).
    pub fn outline_edges(
        &self,
        ring: &std::ops::Range<u32>,
    ) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (start, n) = (ring.start, ring.end - ring.start);
        (0..n)
            .map(move |i| (start + i, start + (i + 1) % n))
            .filter(|&(a, b)| {
                !is_antimeridian_cut(
                    self.fill_positions[a as usize],
                    self.fill_positions[b as usize],
                )
            })
    }
}

/// One level of detail: the zoom up to which it is used, and a mesh per country.
#[derive(Clone, Debug, PartialEq)]
pub struct Lod {
    /// This level is drawn while the map's zoom is at most this.
    pub max_zoom: f64,
    /// In the order of [`World::countries`].
    pub countries: Vec<CountryMesh>,
}

/// Everything the map layer needs to draw a world, computed once per world.
#[derive(Clone, Debug, PartialEq)]
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

/// The zooms the simplified levels serve; past the last, the full geometry is drawn. The first is
/// the world view: the default window fits the world at about zoom 1.3–1.4, and with the next
/// level it drew twice the points it can show (a larger window, fitting at about 2, draws the
/// next level).
pub const LOD_ZOOMS: [f64; 4] = [1.5, 2.75, 4.0, 5.5];
/// The largest error a simplified level may make, in pixels at the zoom it serves.
pub const LOD_TOLERANCE_PX: f64 = 0.75;

/// What simplifying and triangulating one polygon at one level decided: the points kept of
/// each ring and the fill triangles. It is the costly part of a mesh, and what a prepared world
/// stores, so that [`WorldMeshes::from_plan`] rebuilds the very meshes [`WorldMeshes::build`]
/// makes without simplifying or triangulating again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolygonPlan {
    /// Which of the country's polygons.
    pub polygon: u32,
    /// The rings kept, exterior first: each ring's index in the polygon, and the indices of its
    /// points kept (into the ring without its closing point), in order.
    pub rings: Vec<(u32, Vec<u32>)>,
    /// Fill triangles, three indices each, into the kept points of all rings in turn.
    pub triangles: Vec<u32>,
}

/// The plans of every polygon kept at every level: `levels[lod][country]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeshPlan {
    /// The zoom up to which each level is drawn, as in [`Lod::max_zoom`].
    pub max_zooms: Vec<f64>,
    pub levels: Vec<Vec<Vec<PolygonPlan>>>,
    /// Each country's label point, as in [`WorldMeshes::label_points`]: finding it walks every
    /// edge of the largest polygon, which a prepared world need not do again.
    pub label_points: Vec<[f32; 2]>,
}

impl WorldMeshes {
    /// Projects, simplifies and triangulates every country of `world`, telling `progress` how
    /// many of the countries' vertices are done.
    pub fn build(world: &World, progress: &dyn ProgressSink) -> Self {
        let projected = project_world(world);
        let plan = plan_projected(world, &projected, progress);
        Self::assemble(&projected, &plan)
    }

    /// Decides, for every level, which points each ring keeps and how each polygon is
    /// triangulated: the work [`Self::build`] spends its time on.
    pub fn plan(world: &World, progress: &dyn ProgressSink) -> MeshPlan {
        plan_projected(world, &project_world(world), progress)
    }

    /// The meshes `plan` describes for `world`: the same as [`Self::build`] gives when `plan` is
    /// [`Self::plan`]'s for this world. Returns `None` if the plan does not fit the world (it
    /// names a polygon, ring or point the world lacks).
    pub fn from_plan(world: &World, plan: &MeshPlan) -> Option<Self> {
        let fits = !plan.levels.is_empty()
            && plan.levels.len() == plan.max_zooms.len()
            && plan.label_points.len() == world.countries().len()
            && plan.levels.iter().all(|level| {
                level.len() == world.countries().len()
                    && level
                        .iter()
                        .zip(world.countries())
                        .all(|(plans, country)| plans.iter().all(|p| p.fits(&country.polygons)))
            });
        fits.then(|| Self::assemble(&project_world(world), plan))
    }

    /// Turns a plan into meshes: positions, outline normals and part boxes. Linear in the points
    /// kept, so it is cheap next to planning.
    fn assemble(projected: &[ProjectedCountry], plan: &MeshPlan) -> Self {
        let level = |max_zoom: f64, level: &[Vec<PolygonPlan>]| Lod {
            max_zoom,
            countries: projected
                .iter()
                .zip(level)
                .map(|(polygons, plans)| assemble_country(polygons, plans))
                .collect(),
        };
        // The finest level has about as many points as the coarser ones together: it is built
        // on a second core.
        let split = plan.levels.len().saturating_sub(1);
        let lods = std::thread::scope(|scope| {
            let finest = scope.spawn(|| {
                plan.max_zooms[split..]
                    .iter()
                    .zip(&plan.levels[split..])
                    .map(|(&zoom, plans)| level(zoom, plans))
                    .collect::<Vec<_>>()
            });
            let mut lods: Vec<Lod> = plan.max_zooms[..split]
                .iter()
                .zip(&plan.levels[..split])
                .map(|(&zoom, plans)| level(zoom, plans))
                .collect();
            lods.extend(
                finest
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
            lods
        });
        let unit_bboxes = projected
            .iter()
            .map(|polygons| unit_bbox(polygons))
            .collect();
        Self {
            lods,
            unit_bboxes,
            label_points: plan.label_points.clone(),
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

impl PolygonPlan {
    /// Whether every index the plan holds is inside `polygons`.
    fn fits(&self, polygons: &[Polygon]) -> bool {
        let Some(polygon) = polygons.get(self.polygon as usize) else {
            return false;
        };
        let mut kept = 0usize;
        let rings_fit = self.rings.iter().all(|(ring, points)| {
            kept += points.len();
            polygon.rings.get(*ring as usize).is_some_and(|r| {
                let open = open_len(r);
                points.iter().all(|&p| (p as usize) < open)
            })
        });
        rings_fit
            && !self.rings.is_empty()
            && self.triangles.len().is_multiple_of(3)
            && self.triangles.iter().all(|&t| (t as usize) < kept)
    }
}

/// A country's polygons in unit space: polygons of rings of points.
type ProjectedCountry = Vec<Vec<Vec<[f64; 2]>>>;

/// Every country in unit space. A `tan` and a logarithm a point add up to milliseconds for a
/// world, so the countries are split between two cores at the middle of the points.
fn project_world(world: &World) -> Vec<ProjectedCountry> {
    let countries = world.countries();
    let project = |countries: &[Country]| -> Vec<ProjectedCountry> {
        countries
            .iter()
            .map(|c| c.polygons.iter().map(project_polygon).collect())
            .collect()
    };
    let points =
        |c: &Country| -> usize { c.polygons.iter().flat_map(|p| &p.rings).map(Vec::len).sum() };
    let half = countries.iter().map(points).sum::<usize>() / 2;
    let mut seen = 0;
    let split = countries
        .iter()
        .position(|c| {
            seen += points(c);
            seen >= half
        })
        .unwrap_or(countries.len());
    let (first, second) = countries.split_at(split);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| project(second));
        let mut out = project(first);
        out.extend(
            second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        out
    })
}

/// Plans every country at every level. Each country at every level is one task; countries are
/// shared among the cores in contiguous runs of about equal vertex counts, since triangulation
/// dominates loading.
fn plan_projected(
    world: &World,
    projected: &[ProjectedCountry],
    progress: &dyn ProgressSink,
) -> MeshPlan {
    let zooms: Vec<f64> = LOD_ZOOMS.iter().copied().chain([f64::INFINITY]).collect();
    let plan_country = |earcut: &mut earcut::Earcut<f64>, polygons: &[Vec<Vec<[f64; 2]>>]| {
        zooms
            .iter()
            .map(|&zoom| {
                let tolerance = if zoom.is_finite() {
                    LOD_TOLERANCE_PX / (256.0 * 2f64.powf(zoom))
                } else {
                    0.0
                };
                country_plan(earcut, polygons, tolerance)
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
    let per_country: Vec<Vec<Vec<PolygonPlan>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .map(|run| {
                scope.spawn(|| {
                    let mut earcut = earcut::Earcut::new();
                    run.iter()
                        .map(|polygons| {
                            let plans = plan_country(&mut earcut, polygons);
                            let vertices =
                                polygons.iter().flatten().map(Vec::len).sum::<usize>() as u64;
                            let now = done.fetch_add(vertices, Ordering::Relaxed) + vertices;
                            progress.report(Stage::Triangulating, now, total);
                            plans
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
    let mut levels: Vec<Vec<Vec<PolygonPlan>>> = zooms
        .iter()
        .map(|_| Vec::with_capacity(per_country.len()))
        .collect();
    for country_levels in per_country {
        for (level, plans) in levels.iter_mut().zip(country_levels) {
            level.push(plans);
        }
    }
    let label_points = world
        .countries()
        .iter()
        .map(|c| {
            let p = unit_from_lonlat(label_point(&c.polygons));
            [p[0] as f32, p[1] as f32]
        })
        .collect();
    MeshPlan {
        max_zooms: zooms,
        levels,
        label_points,
    }
}

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
fn country_plan(
    earcut: &mut earcut::Earcut<f64>,
    polygons: &[Vec<Vec<[f64; 2]>>],
    tolerance: f64,
) -> Vec<PolygonPlan> {
    let mut plans = Vec::new();
    let mut flat: Vec<[f64; 2]> = Vec::new();
    let mut holes: Vec<u32> = Vec::new();
    for (polygon, rings) in polygons.iter().enumerate() {
        flat.clear();
        holes.clear();
        let mut kept_rings: Vec<(u32, Vec<u32>)> = Vec::with_capacity(rings.len());
        for (i, ring) in rings.iter().enumerate() {
            let kept = if tolerance > 0.0 {
                simplify_ring(ring, tolerance)
            } else {
                (0..open_len(ring) as u32).collect()
            };
            // A ring that collapsed under simplification is smaller than the tolerance: drop it
            // (and with an exterior, its holes). Microstates are kept findable by their dot.
            if kept.len() < 3 {
                if i == 0 {
                    break;
                }
                continue;
            }
            if !kept_rings.is_empty() {
                holes.push(flat.len() as u32);
            }
            flat.extend(kept.iter().map(|&k| ring[k as usize]));
            kept_rings.push((i as u32, kept));
        }
        if kept_rings.is_empty() {
            continue;
        }
        let mut triangles = Vec::new();
        earcut.earcut_slice(&flat, &holes, &mut triangles);
        plans.push(PolygonPlan {
            polygon: polygon as u32,
            rings: kept_rings,
            triangles,
        });
    }
    plans
}

/// The mesh of one country's polygons (already in unit space) as `plans` keep and triangulate
/// them.
fn assemble_country(polygons: &[Vec<Vec<[f64; 2]>>], plans: &[PolygonPlan]) -> CountryMesh {
    // Sized up front: growing the vectors point by point cost a third of the time.
    let points: usize = plans
        .iter()
        .flat_map(|p| &p.rings)
        .map(|(_, kept)| kept.len())
        .sum();
    let triangles: usize = plans.iter().map(|p| p.triangles.len()).sum();
    let rings: usize = plans.iter().map(|p| p.rings.len()).sum();
    let mut mesh = CountryMesh {
        fill_positions: Vec::with_capacity(points),
        fill_indices: Vec::with_capacity(triangles),
        outline_normals: Vec::with_capacity(points),
        rings: Vec::with_capacity(rings),
        parts: Vec::with_capacity(plans.len()),
    };
    let mut ring_points: Vec<[f64; 2]> = Vec::new();
    for plan in plans {
        let rings = &polygons[plan.polygon as usize];
        let start = [
            mesh.fill_positions.len() as u32,
            mesh.fill_indices.len() as u32,
            mesh.rings.len() as u32,
        ];
        let base = mesh.fill_positions.len() as u32;
        let mut bbox = [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ];
        for (k, (ring, kept)) in plan.rings.iter().enumerate() {
            let ring = &rings[*ring as usize];
            ring_points.clear();
            ring_points.extend(kept.iter().map(|&p| ring[p as usize]));
            mesh.fill_positions
                .extend(ring_points.iter().map(|c| [c[0] as f32, c[1] as f32]));
            if k == 0 {
                bbox = ring_points.iter().fold(bbox, |b, p| {
                    let (x, y) = (p[0] as f32, p[1] as f32);
                    [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
                });
            }
            push_outline(&mut mesh, &ring_points, k > 0);
        }
        mesh.fill_indices
            .extend(plan.triangles.iter().map(|i| base + i));
        mesh.parts.push(MeshPart {
            fill_vertices: start[0]..mesh.fill_positions.len() as u32,
            fill_indices: start[1]..mesh.fill_indices.len() as u32,
            rings: start[2]..mesh.rings.len() as u32,
            bbox,
        });
    }
    mesh
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

/// Appends the normals of an open ring whose points were just added to the fill, and its range.
/// The normals point away from the polygon's fill: out of an exterior ring, into a hole. Files
/// wind their rings either way, so the winding is read off the ring's signed area.
fn push_outline(mesh: &mut CountryMesh, ring: &[[f64; 2]], hole: bool) {
    let n = ring.len();
    let base = mesh.outline_normals.len() as u32;
    mesh.rings.push(base..base + n as u32);
    // `miter_normal` turns the direction of travel by `[-dy, dx]`, which is the same algebra as
    // the shoelace sum: it points inside a ring whose signed area is positive, whichever way y
    // runs. The ring is open here, so the sum gets its closing edge added.
    let closing = match (ring.first(), ring.last()) {
        (Some(first), Some(last)) => last[0] * first[1] - first[0] * last[1],
        _ => 0.0,
    };
    let area = twice_signed_area(ring) + closing;
    let sign = if (area > 0.0) != hole { -1.0 } else { 1.0 };
    for i in 0..n {
        let prev = ring[(i + n - 1) % n];
        let next = ring[(i + 1) % n];
        let [x, y] = miter_normal(prev, ring[i], next);
        mesh.outline_normals.push([sign * x, sign * y]);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::label::tests::square_with_hole;

    fn country_mesh(
        earcut: &mut earcut::Earcut<f64>,
        polygons: &[Vec<Vec<[f64; 2]>>],
        tolerance: f64,
    ) -> CountryMesh {
        assemble_country(polygons, &country_plan(earcut, polygons, tolerance))
    }

    #[test]
    fn a_square_with_a_hole_triangulates_into_eight_triangles() {
        let projected = project_polygon(&square_with_hole());
        let mesh = country_mesh(&mut earcut::Earcut::new(), &[projected], 0.0);
        assert_eq!(mesh.fill_positions.len(), 8);
        assert_eq!(mesh.fill_indices.len(), 8 * 3);
        assert_eq!(mesh.outline_normals.len(), 8);
        assert_eq!(mesh.rings, vec![0..4, 4..8]);
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
        // Four edges each, one on the cut: three drawn.
        let edges = |mesh: &CountryMesh| -> usize {
            mesh.rings
                .iter()
                .map(|r| mesh.outline_edges(r).count())
                .sum()
        };
        assert_eq!(edges(&mesh), 2 * 3);
        // Another tool's rounding of -180 still counts as the cut.
        assert!(is_antimeridian_cut(
            [(-179.999_999_999_999_97 + 180.0) / 360.0, 0.4],
            [0.0, 0.5]
        ));
        // Away from the antimeridian a vertical edge is a border like any other.
        let square = project_polygon(&square_with_hole());
        let mesh = country_mesh(&mut earcut::Earcut::new(), &[square], 0.0);
        assert_eq!(edges(&mesh), 8);
    }

    #[test]
    fn hairline_normals_point_away_from_the_fill_whichever_way_a_file_winds_its_rings() {
        let polygon = square_with_hole();
        let mut reversed = polygon.clone();
        for ring in &mut reversed.rings {
            ring.reverse();
        }
        for polygon in [polygon, reversed] {
            let mesh = country_mesh(
                &mut earcut::Earcut::new(),
                &[project_polygon(&polygon)],
                0.0,
            );
            for (k, ring) in mesh.rings.iter().enumerate() {
                let points = &mesh.fill_positions[ring.start as usize..ring.end as usize];
                let n = points.len() as f32;
                let centre = points
                    .iter()
                    .fold([0.0, 0.0], |c, p| [c[0] + p[0] / n, c[1] + p[1] / n]);
                for i in ring.clone() {
                    let ([x, y], [nx, ny]) = (
                        mesh.fill_positions[i as usize],
                        mesh.outline_normals[i as usize],
                    );
                    // Both rings are squares around their centre: out of the exterior is away
                    // from it, out of the fill into the hole is towards it.
                    let outward = (x - centre[0]) * nx + (y - centre[1]) * ny;
                    if k == 0 {
                        assert!(outward > 0.0, "exterior point {i}: {outward}");
                    } else {
                        assert!(outward < 0.0, "hole point {i}: {outward}");
                    }
                }
            }
        }
    }
}
