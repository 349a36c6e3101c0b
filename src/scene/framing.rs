//! Framing: which part of the world a picture shows so that the states it is about stand in the
//! part of the picture the caption and the legend leave free, and which corner the legend takes.
//!
//! The window's presenter mode and every exported picture frame through here, so a slide and the
//! screen agree, and a test can check from the numbers, not the pixels, that nothing involved
//! hides under an overlay.

use crate::data::world::{BBox, LonLat, World};
use crate::data::{Initiative, Role};
use crate::geo::mercator;

/// The smallest box a frame shows, in degrees of longitude and latitude: one small state (Costa
/// Rica, Qatar, Singapore) is shown with its neighbours, not blown up alone or lost in an ocean.
const MIN_FRAME_DEG: [f64; 2] = [18.0, 11.0];
/// Space left around the framed box on each side, as a share of the box.
const MARGIN: f64 = 0.1;

/// A corner of the picture, where the legend stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    BottomLeft,
    BottomRight,
    TopLeft,
    TopRight,
}

impl Corner {
    /// Every corner, the usual one first (it wins ties).
    pub const ALL: [Self; 4] = [
        Self::BottomLeft,
        Self::BottomRight,
        Self::TopLeft,
        Self::TopRight,
    ];

    fn is_left(self) -> bool {
        matches!(self, Self::BottomLeft | Self::TopLeft)
    }

    fn is_top(self) -> bool {
        matches!(self, Self::TopLeft | Self::TopRight)
    }
}

/// What stands over a picture's map, in pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Overlays {
    /// The band across the top that a caption or a title takes.
    pub top_px: f64,
    /// The legend box's width and height, including its distance from the picture's edges.
    pub legend_px: [f64; 2],
}

/// A rectangle in picture pixels: left, top, right, bottom.
pub type PxRect = [f64; 4];

/// Where the map lies in a picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Framing {
    /// The map's centre at the middle of the picture.
    pub centre: LonLat,
    pub zoom: f64,
    /// Where the legend stands.
    pub legend: Corner,
    /// The part of the picture no overlay covers, where the framed box was fitted.
    pub free: PxRect,
}

/// The places a picture of `initiative` as of `as_of` is about: the states (and territories)
/// that hold a role then, supporters left out unless there is no one else. Before anyone holds
/// a role (a step dated before the members joined), everyone who ever does.
pub fn involved(initiative: &Initiative, as_of: Option<i64>) -> Vec<&str> {
    let mut places = initiative.places(as_of);
    if places.is_empty() {
        places = initiative.places(None);
    }
    let core: Vec<&str> = places
        .iter()
        .filter(|(_, role)| *role != Role::Supporter)
        .map(|(code, _)| *code)
        .collect();
    if core.is_empty() {
        places.iter().map(|(code, _)| *code).collect()
    } else {
        core
    }
}

/// The box a picture of `initiative` as of `as_of` frames: the main landmasses of the places it
/// is about ([`involved`]), widened to at least [`MIN_FRAME_DEG`] so a small state shows with
/// its neighbours.
pub fn frame_bbox(world: &World, initiative: &Initiative, as_of: Option<i64>) -> Option<BBox> {
    let bbox = involved(initiative, as_of)
        .into_iter()
        .filter_map(|code| world.by_code(code))
        .fold(BBox::EMPTY, |b, c| b.union(c.main_bbox()));
    (!bbox.is_empty()).then(|| widened(bbox))
}

/// `bbox`, grown about its centre to at least [`MIN_FRAME_DEG`].
fn widened(bbox: BBox) -> BBox {
    let mut b = bbox;
    for (axis, min_span) in MIN_FRAME_DEG.into_iter().enumerate() {
        let span = b.max[axis] - b.min[axis];
        if span < min_span {
            let grow = (min_span - span) / 2.0;
            b.min[axis] -= grow;
            b.max[axis] += grow;
        }
    }
    b.min[1] = b.min[1].max(-85.0);
    b.max[1] = b.max[1].min(85.0);
    b
}

/// Frames `bbox` in a picture of `size_px` with `overlays`, trying the legend in each of
/// `corners` and, for each, keeping the free area beside it or above (below) it; the choice that
/// shows the box largest wins, the earlier corner on a tie.
pub fn frame(
    bbox: BBox,
    size_px: [f64; 2],
    zoom_range: (f64, f64),
    overlays: Overlays,
    corners: &[Corner],
) -> Framing {
    let mut best: Option<Framing> = None;
    for &corner in corners {
        for beside in [true, false] {
            let free = free_area(size_px, overlays, corner, beside);
            let candidate = fit_into(bbox, size_px, zoom_range, free, corner);
            if best.is_none_or(|b| candidate.zoom > b.zoom + 1e-9) {
                best = Some(candidate);
            }
        }
    }
    best.unwrap_or_else(|| {
        let free = [0.0, overlays.top_px, size_px[0], size_px[1]];
        fit_into(bbox, size_px, zoom_range, free, Corner::BottomLeft)
    })
}

/// The part of the picture left free by the top band and the legend in `corner`: with `beside`,
/// the whole height under the band but not the legend's column; otherwise the whole width but
/// not the legend's row.
pub fn free_area(size_px: [f64; 2], overlays: Overlays, corner: Corner, beside: bool) -> PxRect {
    let [w, h] = size_px;
    let [lw, lh] = overlays.legend_px;
    let mut free = [0.0, overlays.top_px, w, h];
    if beside {
        if corner.is_left() {
            free[0] = lw;
        } else {
            free[2] = w - lw;
        }
    } else if corner.is_top() {
        free[1] = overlays.top_px + lh;
    } else {
        free[3] = h - lh;
    }
    free
}

/// The view that fits `bbox` into the `free` part of the picture, with a margin.
fn fit_into(
    bbox: BBox,
    size_px: [f64; 2],
    zoom_range: (f64, f64),
    free: PxRect,
    legend: Corner,
) -> Framing {
    let (free_w, free_h) = ((free[2] - free[0]).max(1.0), (free[3] - free[1]).max(1.0));
    let a = mercator::unit_from_lonlat(bbox.min);
    let b = mercator::unit_from_lonlat(bbox.max);
    let (x0, x1) = (a[0].min(b[0]), a[0].max(b[0]));
    let (y0, y1) = (a[1].min(b[1]), a[1].max(b[1]));
    let width = (x1 - x0).max(1e-4) * (1.0 + 2.0 * MARGIN);
    let height = (y1 - y0).max(1e-4) * (1.0 + 2.0 * MARGIN);
    let zoom = (free_w / (256.0 * width))
        .log2()
        .min((free_h / (256.0 * height)).log2())
        .clamp(zoom_range.0, zoom_range.1);
    // Put the box's centre at the free area's centre: the picture's centre is that far away.
    let scale = 256.0 * 2f64.powf(zoom);
    let box_centre = [(x0 + x1) / 2.0, (y0 + y1) / 2.0];
    let offset_px = [
        (free[0] + free[2]) / 2.0 - size_px[0] / 2.0,
        (free[1] + free[3]) / 2.0 - size_px[1] / 2.0,
    ];
    let centre_unit = [
        box_centre[0] - offset_px[0] / scale,
        (box_centre[1] - offset_px[1] / scale).clamp(0.0, 1.0),
    ];
    Framing {
        centre: mercator::lonlat_from_unit(centre_unit),
        zoom,
        legend,
        free,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: [f64; 2] = [1600.0, 900.0];

    #[test]
    fn a_box_is_fitted_into_the_free_area_not_the_whole_picture() {
        let bbox = BBox {
            min: [-10.0, 35.0],
            max: [30.0, 60.0],
        };
        let overlays = Overlays {
            top_px: 150.0,
            legend_px: [260.0, 200.0],
        };
        let f = frame(bbox, SIZE, (1.0, 11.0), overlays, &Corner::ALL);
        let scale = 256.0 * 2f64.powf(f.zoom);
        let c = mercator::unit_from_lonlat(f.centre);
        let to_px = |p: LonLat| {
            let u = mercator::unit_from_lonlat(p);
            [
                SIZE[0] / 2.0 + (u[0] - c[0]) * scale,
                SIZE[1] / 2.0 + (u[1] - c[1]) * scale,
            ]
        };
        let (tl, br) = (
            to_px([bbox.min[0], bbox.max[1]]),
            to_px([bbox.max[0], bbox.min[1]]),
        );
        assert!(
            tl[0] >= f.free[0] - 0.5 && tl[1] >= f.free[1] - 0.5,
            "{f:?} {tl:?}"
        );
        assert!(
            br[0] <= f.free[2] + 0.5 && br[1] <= f.free[3] + 0.5,
            "{f:?} {br:?}"
        );
    }

    #[test]
    fn a_small_state_is_widened_to_show_its_neighbours() {
        let qatar = BBox {
            min: [50.7, 24.5],
            max: [51.6, 26.2],
        };
        let b = widened(qatar);
        assert!(b.max[0] - b.min[0] >= MIN_FRAME_DEG[0] - 1e-9);
        assert!(b.max[1] - b.min[1] >= MIN_FRAME_DEG[1] - 1e-9);
        assert!(b.min[0] < 50.7 && b.max[0] > 51.6);
    }

    #[test]
    fn the_legend_goes_where_it_lets_the_box_show_largest() {
        // A tall, narrow box: giving up a column beside the legend costs less than a row.
        let bbox = BBox {
            min: [10.0, -30.0],
            max: [20.0, 60.0],
        };
        let overlays = Overlays {
            top_px: 0.0,
            legend_px: [260.0, 400.0],
        };
        let f = frame(bbox, SIZE, (0.0, 11.0), overlays, &Corner::ALL);
        assert_eq!(f.legend, Corner::BottomLeft);
        assert_eq!(f.free, [260.0, 0.0, 1600.0, 900.0]);
    }
}
