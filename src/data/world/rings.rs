//! Ring repair and checks: each GeoJSON polygon's rings are checked for range, closure and
//! self-crossing, and unwrapped across the antimeridian so a flat map can draw them.

use super::{BBox, LonLat, Polygon};

/// One GeoJSON polygon as polygons a flat map can draw: rings unwrapped across the
/// antimeridian, and repaired where they can be. Each repair is added to `repairs` as a sentence
/// (a ring left out, a ring closed, a self-crossing ring made valid). An error says why nothing
/// of the polygon can be drawn.
///
/// Real files are imperfect: a simplified coastline crosses itself by a hair, a ring is not
/// closed, a point is out of range. GIS tools draw through these, so the map does too and says
/// what it did, rather than refusing the whole file.
pub(super) fn polygons_from(
    rings: &[Vec<geojson::Position>],
    repairs: &mut Vec<String>,
) -> Result<Vec<Polygon>, String> {
    if rings.is_empty() {
        return Err("a polygon has no rings".to_owned());
    }
    let mut out = Vec::with_capacity(rings.len());
    let mut crossings = Vec::new();
    for (ring_index, ring) in rings.iter().enumerate() {
        let points = match ring_points(ring_index, ring, repairs) {
            Ok(points) => points,
            Err(why) => {
                repairs.push(format!("{why}; the ring is left out"));
                continue;
            }
        };
        if let Some(ring) = normalise_ring(points) {
            // Checked after unwrapping: an edge that jumps the antimeridian in the source would
            // seem to cross the whole ring.
            if let Some((a, b)) = first_crossing(&ring) {
                let edge = |i: usize| {
                    let (p, q) = (ring[i], ring[i + 1]);
                    format!("({}, {})–({}, {})", p[0], p[1], q[0], q[1])
                };
                crossings.push(format!(
                    "ring {ring_index} crosses itself (edge {} crosses edge {})",
                    edge(a),
                    edge(b)
                ));
            }
            out.push(ring);
        }
    }
    if out.is_empty() {
        return Err("no ring is left to draw".to_owned());
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
    let polygon = Polygon { rings: out };
    if crossings.is_empty() {
        return Ok(vec![polygon]);
    }
    let crossed = crossings.join("; ");
    match repaired(&polygon) {
        Some(parts) => {
            let plural = if parts.len() == 1 { "" } else { "s" };
            repairs.push(format!(
                "{crossed}; repaired into {} valid polygon{plural}",
                parts.len()
            ));
            Ok(parts)
        }
        None => {
            repairs.push(format!(
                "{crossed}; it could not be repaired and is drawn as it is"
            ));
            Ok(vec![polygon])
        }
    }
}

/// A ring's points, closed, or why the ring cannot be used. Closing an open ring is a repair.
fn ring_points(
    ring_index: usize,
    ring: &[geojson::Position],
    repairs: &mut Vec<String>,
) -> Result<Vec<LonLat>, String> {
    let mut points: Vec<LonLat> = Vec::with_capacity(ring.len() + 1);
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
    if let (Some(&first), Some(&last)) = (points.first(), points.last())
        && first != last
    {
        repairs.push(format!(
            "ring {ring_index} was not closed (it started at {first:?} and ended at {last:?}); \
             closed it"
        ));
        points.push(first);
    }
    if points.len() < 4 {
        return Err(format!(
            "ring {ring_index} has {} points; a closed ring needs at least 4",
            points.len()
        ));
    }
    Ok(points)
}

/// A polygon whose rings cross themselves, redrawn as the valid polygons it covers (even-odd:
/// a point is inside when a line from it crosses the rings an odd number of times, which is how
/// earcut and most renderers fill it). `None` when nothing of it is left.
fn repaired(polygon: &Polygon) -> Option<Vec<Polygon>> {
    use geo::BooleanOps as _;
    let line = |ring: &Vec<LonLat>| {
        geo::LineString::from(ring.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>())
    };
    let source = geo::Polygon::new(
        line(&polygon.rings[0]),
        polygon.rings[1..].iter().map(line).collect(),
    );
    let nothing = geo::MultiPolygon::<f64>::new(Vec::new());
    let fixed = source.union_with_fill_rule(&nothing, geo::algorithm::bool_ops::FillRule::EvenOdd);
    let ring_of = |line: &geo::LineString<f64>| -> Vec<LonLat> {
        let mut ring: Vec<LonLat> = line.coords().map(|c| [c.x, c.y]).collect();
        if ring.first() != ring.last()
            && let Some(&first) = ring.first()
        {
            ring.push(first);
        }
        ring
    };
    let parts: Vec<Polygon> = fixed
        .0
        .iter()
        .map(|p| Polygon {
            rings: std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(ring_of)
                .filter(|ring| ring.len() >= 4)
                .collect(),
        })
        .filter(|p| !p.rings.is_empty())
        .collect();
    (!parts.is_empty()).then_some(parts)
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
