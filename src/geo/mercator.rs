//! Web Mercator in "unit" space: the whole world is the square `[0, 1] × [0, 1]`, x growing
//! east from −180° and y growing south from the top edge at about 85.05° N.
//!
//! This is the same projection walkers draws with. Since walkers' screen position at a given zoom
//! is `unit × 256 × 2^zoom` plus an offset, a geometry projected once into unit space can be put on
//! screen each frame with one multiply-add per vertex, instead of a `tan` and an `asinh`.

use std::f64::consts::PI;

use crate::data::world::{BBox, LonLat};

/// The latitude at which Web Mercator's square world ends.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Projects a longitude/latitude in degrees into unit space. Latitudes beyond
/// [`MAX_LATITUDE`] are clamped, so the poles stay finite.
pub fn unit_from_lonlat(p: LonLat) -> [f64; 2] {
    let lat = p[1].clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (p[0] + 180.0) / 360.0;
    let y = (1.0 - lat.tan().asinh() / PI) / 2.0;
    [x, y]
}

/// The inverse of [`unit_from_lonlat`].
pub fn lonlat_from_unit(u: [f64; 2]) -> LonLat {
    let lon = u[0] * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * u[1])).sinh().atan().to_degrees();
    [lon, lat]
}

/// The view that fits a box: its centre and the zoom at which it fills `size_px` with a margin.
/// The zoom is clamped to `zoom_range`.
pub fn fit_bbox(bbox: BBox, size_px: [f64; 2], zoom_range: (f64, f64)) -> (LonLat, f64) {
    if bbox.is_empty() {
        return ([0.0, 20.0], zoom_range.0);
    }
    let a = unit_from_lonlat(bbox.min);
    let b = unit_from_lonlat(bbox.max);
    let (x0, x1) = (a[0].min(b[0]), a[0].max(b[0]));
    let (y0, y1) = (a[1].min(b[1]), a[1].max(b[1]));
    let centre = lonlat_from_unit([(x0 + x1) / 2.0, (y0 + y1) / 2.0]);
    // Leave a tenth of the view around the box, and never zoom in past a small country.
    let width = (x1 - x0).max(1e-4) * 1.2;
    let height = (y1 - y0).max(1e-4) * 1.2;
    let zoom_x = (size_px[0] / (256.0 * width)).log2();
    let zoom_y = (size_px[1] / (256.0 * height)).log2();
    let zoom = zoom_x.min(zoom_y).clamp(zoom_range.0, zoom_range.1);
    (centre, zoom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projecting_and_unprojecting_returns_the_same_place() {
        for p in [[10.75, 59.91], [-179.9, -16.0], [51.53, 25.29], [0.0, 0.0]] {
            let back = lonlat_from_unit(unit_from_lonlat(p));
            assert!(
                (back[0] - p[0]).abs() < 1e-9 && (back[1] - p[1]).abs() < 1e-9,
                "{p:?} → {back:?}"
            );
        }
    }

    #[test]
    fn the_poles_are_clamped_to_the_edge_of_the_square() {
        assert!((unit_from_lonlat([0.0, 90.0])[1]).abs() < 1e-9);
        assert!((unit_from_lonlat([0.0, -90.0])[1] - 1.0).abs() < 1e-9);
    }

    #[test]
    fn fitting_a_small_box_zooms_in_further_than_a_large_one() {
        let small = BBox {
            min: [50.0, 25.0],
            max: [51.0, 26.0],
        };
        let large = BBox {
            min: [-20.0, 30.0],
            max: [40.0, 70.0],
        };
        let (_, z_small) = fit_bbox(small, [1600.0, 900.0], (1.0, 12.0));
        let (_, z_large) = fit_bbox(large, [1600.0, 900.0], (1.0, 12.0));
        assert!(z_small > z_large + 3.0);
    }
}
