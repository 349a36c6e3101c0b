//! Where a country's name or microstate dot goes: a point inside its largest polygon.

use crate::data::world::{LonLat, Polygon, twice_signed_area};

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
pub(crate) mod tests {
    use super::*;

    /// A 10 × 10 square with a 2 × 2 hole in its middle, in degrees.
    pub(crate) fn square_with_hole() -> Polygon {
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
    fn the_label_point_of_a_square_with_a_hole_avoids_the_hole() {
        let p = label_point(&[square_with_hole()]);
        let in_hole = p[0] > 4.0 && p[0] < 6.0 && p[1] > 4.0 && p[1] < 6.0;
        assert!(!in_hole, "{p:?}");
        assert!(p[0] > 0.0 && p[0] < 10.0 && p[1] > 0.0 && p[1] < 10.0);
    }
}
