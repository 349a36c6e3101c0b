//! The bundled world, prepared when it changes rather than at every start.
//!
//! Loading `assets/world.geojson` means parsing 1.9 MB of JSON, checking and repairing every
//! feature, then simplifying and triangulating five levels of detail: tens of milliseconds at
//! every start and every export, on data that never changes between builds. The prepared file
//! `assets/world.prepared` holds the result of the costly steps: the countries as checked (codes,
//! names, populations, rings) and, for each level, the points each ring keeps and the fill
//! triangles. Reading it is a walk through the bytes; the meshes are then assembled by the same
//! code as the full path, which is linear and cheap.
//!
//! `tests/prepared_world.rs` checks that the file is what the full path makes of the current
//! GeoJSON, and that it gives the same world and meshes; `UPDATE_PREPARED_WORLD=1 cargo test
//! --test prepared_world` writes it anew. A user's world file always takes the full path.
//!
//! The layout is little-endian: the magic line, a fingerprint of the GeoJSON it was made from
//! and the simplification tolerance (a prepared world that does not match this build's is
//! refused at start, and the GeoJSON read), then the world's warnings, its countries (code,
//! name, population, box, rings as `f64` pairs), the plan of each level, and the label points.
//! Counts in the plan are LEB128 varints; a simplified ring's kept points are stored as gaps
//! from the previous one, mostly one byte each, and an unsimplified ring's as a flag. Triangle
//! indices are raw `u16` where they fit, so they are read in one pass.

use crate::data::world::{BBox, Country, Polygon, Population, World};
use crate::geo::mesh::{LOD_TOLERANCE_PX, LOD_ZOOMS};
use crate::geo::simplify::open_len;
use crate::geo::{MeshPlan, PolygonPlan};

/// The prepared form of the bundled world, made from `assets/world.geojson`.
pub const BUNDLED: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/world.prepared"
));

/// The first bytes of a prepared world; the last digit is the layout's version.
const MAGIC: &[u8] = b"microlateral-atlas prepared world 3\n";

/// Why prepared bytes could not be read. The bundled file is checked by a test, so this means
/// a build from a tree whose prepared file is stale or damaged; the caller then takes the full
/// path.
#[derive(Debug, thiserror::Error)]
pub enum PreparedError {
    #[error("not a prepared world of this version (its first bytes differ)")]
    Magic,
    #[error("the prepared world ends early, at byte {at}")]
    Truncated { at: usize },
    #[error("the prepared world is damaged at byte {at}: {what}")]
    Damaged { at: usize, what: &'static str },
    #[error("the prepared world's mesh plan names a polygon, ring or point its countries lack")]
    Misfit,
    #[error(
        "the prepared world was made from another world file or with other levels of detail; \
         run UPDATE_PREPARED_WORLD=1 cargo test --test prepared_world"
    )]
    Stale,
}

pub use crate::geo::fingerprint::fingerprint;

/// The [`fingerprint`] of the bundled GeoJSON, which the bundled prepared world must carry. The
/// build script works it out once a build, so a start does not read the 1.9 MB file to check it.
pub const BUNDLED_SOURCE: u64 = include!(concat!(env!("OUT_DIR"), "/bundled_world_fingerprint.rs"));

/// Writes `world` and its mesh `plan`, made from the file whose [`fingerprint`] is `source`, in
/// the prepared layout.
pub fn encode(world: &World, plan: &MeshPlan, source: u64) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(4 << 20));
    w.0.extend_from_slice(MAGIC);
    w.0.extend_from_slice(&source.to_le_bytes());
    w.f64(LOD_TOLERANCE_PX);
    w.u32(world.warnings().len() as u32);
    for warning in world.warnings() {
        w.str(warning);
    }
    w.u32(world.countries().len() as u32);
    for country in world.countries() {
        w.str(&country.code);
        w.str(&country.name);
        match country.population {
            Some(p) => {
                w.0.push(1);
                w.0.extend_from_slice(&p.count.to_le_bytes());
                w.0.extend_from_slice(&p.year.to_le_bytes());
            }
            None => w.0.push(0),
        }
        for v in [country.bbox.min, country.bbox.max].into_iter().flatten() {
            w.f64(v);
        }
        w.u32(country.polygons.len() as u32);
        for polygon in &country.polygons {
            w.u32(polygon.rings.len() as u32);
            for ring in &polygon.rings {
                w.u32(ring.len() as u32);
                for v in ring.iter().flatten() {
                    w.f64(*v);
                }
            }
        }
    }
    w.u32(plan.levels.len() as u32);
    for (max_zoom, level) in plan.max_zooms.iter().zip(&plan.levels) {
        w.f64(*max_zoom);
        for plans in level {
            w.varint(plans.len() as u32);
            for p in plans {
                w.varint(p.polygon);
                w.varint(p.rings.len() as u32);
                for (ring, kept) in &p.rings {
                    w.varint(*ring);
                    w.varint(kept.len() as u32);
                    // Unsimplified rings keep every point: a flag instead of the list.
                    let every = kept.iter().enumerate().all(|(i, &k)| k as usize == i);
                    w.0.push(u8::from(every));
                    if !every {
                        let mut last = 0;
                        for &k in kept {
                            w.varint(k.wrapping_sub(last));
                            last = k;
                        }
                    }
                }
                w.varint(p.triangles.len() as u32);
                // Two bytes an index when they fit, read back in one pass without branches.
                if p.triangles.iter().all(|&t| t <= u32::from(u16::MAX)) {
                    w.0.push(2);
                    for &t in &p.triangles {
                        w.0.extend_from_slice(&(t as u16).to_le_bytes());
                    }
                } else {
                    w.0.push(4);
                    for &t in &p.triangles {
                        w.u32(t);
                    }
                }
            }
        }
    }
    for point in &plan.label_points {
        for v in point {
            w.0.extend_from_slice(&v.to_le_bytes());
        }
    }
    w.0
}

/// Reads a prepared world and its mesh plan, refusing one made from another file than the one
/// whose [`fingerprint`] is `source` or with other levels of detail than this build's. Every
/// count is checked against the bytes left or the rings it indexes, and every coordinate must be
/// finite, so damaged input is an error, never a huge allocation or a panic.
pub fn decode(bytes: &[u8], source: u64) -> Result<(World, MeshPlan), PreparedError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(PreparedError::Magic)?;
    let mut r = Reader {
        bytes: rest,
        at: 0,
        offset: MAGIC.len(),
    };
    if u64::from_le_bytes(r.take()?) != source || r.f64()? != LOD_TOLERANCE_PX {
        return Err(PreparedError::Stale);
    }
    let warnings = (0..r.count(4)?)
        .map(|_| r.str())
        .collect::<Result<Vec<_>, _>>()?;
    let country_count = r.count(8)?;
    let mut countries = Vec::with_capacity(country_count);
    for _ in 0..country_count {
        countries.push(r.country()?);
    }
    let level_count = r.count(8)?;
    let mut plan = MeshPlan {
        max_zooms: Vec::with_capacity(level_count),
        levels: Vec::with_capacity(level_count),
        label_points: Vec::with_capacity(country_count),
    };
    for _ in 0..level_count {
        plan.max_zooms.push(r.f64()?);
        let level = countries
            .iter()
            .map(|c| r.country_plans(&c.polygons))
            .collect::<Result<Vec<_>, _>>()?;
        plan.levels.push(level);
    }
    let zooms = LOD_ZOOMS.iter().copied().chain([f64::INFINITY]);
    if !plan.max_zooms.iter().copied().eq(zooms) {
        return Err(PreparedError::Stale);
    }
    for _ in 0..country_count {
        plan.label_points
            .push([f32::from_le_bytes(r.take()?), f32::from_le_bytes(r.take()?)]);
    }
    if r.at != r.bytes.len() {
        return Err(r.damaged("bytes after the last level"));
    }
    let world = World::from_parts(countries, warnings)
        .ok_or_else(|| r.damaged("two countries share a code"))?;
    Ok((world, plan))
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn varint(&mut self, mut v: u32) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Where `bytes` starts in the file, for messages.
    offset: usize,
}

impl Reader<'_> {
    fn damaged(&self, what: &'static str) -> PreparedError {
        PreparedError::Damaged {
            at: self.offset + self.at,
            what,
        }
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], PreparedError> {
        let chunk = self
            .bytes
            .get(self.at..self.at + N)
            .and_then(|s| <[u8; N]>::try_from(s).ok())
            .ok_or(PreparedError::Truncated {
                at: self.offset + self.at,
            })?;
        self.at += N;
        Ok(chunk)
    }

    fn u32(&mut self) -> Result<u32, PreparedError> {
        self.take().map(u32::from_le_bytes)
    }

    fn f64(&mut self) -> Result<f64, PreparedError> {
        self.take().map(f64::from_le_bytes)
    }

    fn finite(&mut self) -> Result<f64, PreparedError> {
        let v = self.f64()?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(self.damaged("a coordinate that is not a finite number"))
        }
    }

    /// A count of items that take at least `min_bytes` each, so it cannot pass the bytes left.
    fn count(&mut self, min_bytes: usize) -> Result<usize, PreparedError> {
        let n = self.u32()? as usize;
        self.check_count(n, min_bytes)
    }

    fn check_count(&self, n: usize, min_bytes: usize) -> Result<usize, PreparedError> {
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(self.damaged("a count larger than the bytes left"));
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<String, PreparedError> {
        let n = self.count(1)?;
        let s = std::str::from_utf8(&self.bytes[self.at..self.at + n])
            .map_err(|_| self.damaged("text that is not UTF-8"))?;
        self.at += n;
        Ok(s.to_owned())
    }

    fn varint(&mut self) -> Result<u32, PreparedError> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let [byte] = self.take()?;
            // The fifth byte holds the top four bits of a u32; more would be lost.
            if shift == 28 && byte > 0x0f {
                return Err(self.damaged("a number too large"));
            }
            v |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(v);
            }
        }
        Err(self.damaged("a number too large"))
    }

    fn varint_count(&mut self) -> Result<usize, PreparedError> {
        let n = self.varint()? as usize;
        self.check_count(n, 1)
    }

    fn country(&mut self) -> Result<Country, PreparedError> {
        let code = self.str()?;
        let name = self.str()?;
        let [has_population] = self.take()?;
        let population = match has_population {
            0 => None,
            1 => Some(Population {
                count: u64::from_le_bytes(self.take()?),
                year: i32::from_le_bytes(self.take()?),
            }),
            _ => return Err(self.damaged("a population flag that is neither 0 nor 1")),
        };
        let bbox = BBox {
            min: [self.finite()?, self.finite()?],
            max: [self.finite()?, self.finite()?],
        };
        let polygon_count = self.count(4)?;
        let mut polygons = Vec::with_capacity(polygon_count);
        for _ in 0..polygon_count {
            let ring_count = self.count(4)?;
            if ring_count == 0 {
                return Err(self.damaged("a polygon without rings"));
            }
            let mut rings = Vec::with_capacity(ring_count);
            for _ in 0..ring_count {
                let points = self.count(16)?;
                if points < 4 {
                    return Err(self.damaged("a ring of fewer than four points"));
                }
                let ring = (0..points)
                    .map(|_| Ok([self.finite()?, self.finite()?]))
                    .collect::<Result<Vec<_>, PreparedError>>()?;
                rings.push(ring);
            }
            polygons.push(Polygon { rings });
        }
        Ok(Country {
            code,
            name,
            population,
            polygons,
            bbox,
        })
    }

    /// The plans of one country's `polygons` at one level. A ring keeps at most the points it
    /// has, so no count can ask for more memory than the world already holds.
    fn country_plans(&mut self, polygons: &[Polygon]) -> Result<Vec<PolygonPlan>, PreparedError> {
        let count = self.varint_count()?;
        let mut plans = Vec::with_capacity(count);
        for _ in 0..count {
            let polygon = self.varint()?;
            let ring_count = self.varint_count()?;
            let mut rings = Vec::with_capacity(ring_count);
            for _ in 0..ring_count {
                let ring = self.varint()?;
                let kept_count = self.varint_count()?;
                let points = polygons
                    .get(polygon as usize)
                    .and_then(|p| p.rings.get(ring as usize))
                    .map_or(0, |r| open_len(r));
                if kept_count > points {
                    return Err(self.damaged("a ring keeping more points than it has"));
                }
                let [every] = self.take()?;
                let kept = match every {
                    1 => (0..kept_count as u32).collect(),
                    0 => {
                        let mut kept = Vec::with_capacity(kept_count);
                        let mut last: u32 = 0;
                        for _ in 0..kept_count {
                            last = last.wrapping_add(self.varint()?);
                            kept.push(last);
                        }
                        kept
                    }
                    _ => return Err(self.damaged("a ring flag that is neither 0 nor 1")),
                };
                rings.push((ring, kept));
            }
            let triangle_count = self.varint()? as usize;
            let [width] = self.take()?;
            let bytes = triangle_count.saturating_mul(usize::from(width));
            let raw = self
                .bytes
                .get(self.at..self.at.saturating_add(bytes))
                .ok_or(PreparedError::Truncated {
                    at: self.offset + self.at,
                })?;
            let triangles = match width {
                2 => raw
                    .chunks_exact(2)
                    .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
                    .collect(),
                4 => raw
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect(),
                _ => return Err(self.damaged("a triangle index width other than 2 or 4")),
            };
            self.at += bytes;
            plans.push(PolygonPlan {
                polygon,
                rings,
                triangles,
            });
        }
        Ok(plans)
    }
}
