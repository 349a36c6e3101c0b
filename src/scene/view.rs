//! Where the map lies on a picture: the projection of one frame or one exported file, and the
//! sizes below which a country is drawn as a dot or ringed. Plain geometry, no window.

use egui::{Color32, Pos2, Rect, Stroke, pos2, vec2};

use crate::data::world::LonLat;
use crate::geo::mercator;

/// A country whose box is narrower than this on screen is drawn as a dot, so it can still be
/// seen, hovered and clicked at world zoom (Singapore, Bahrain, Qatar…).
pub const MICROSTATE_MAX_PX: f32 = 5.0;
/// An emphasised country narrower than this gets a ring around it.
pub const HALO_MAX_PX: f32 = 16.0;
/// How unit-space coordinates map to the screen in this frame: `screen = origin + unit × scale`.
/// Mercator at a fixed zoom is exactly this affine map, so it is the whole projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewTransform {
    pub origin: Pos2,
    pub scale: f32,
    pub rect: Rect,
}

impl ViewTransform {
    /// The transform that puts `centre` (longitude, latitude) at the middle of `rect` at `zoom`.
    pub fn centred(centre: LonLat, zoom: f64, rect: Rect) -> Self {
        let scale = 256.0 * 2f64.powf(zoom);
        let u = mercator::unit_from_lonlat(centre);
        let middle = rect.center();
        Self {
            origin: pos2(
                (f64::from(middle.x) - u[0] * scale) as f32,
                (f64::from(middle.y) - u[1] * scale) as f32,
            ),
            scale: scale as f32,
            rect,
        }
    }

    /// Screen position of a unit-space point, shifted by `wrap` whole worlds east.
    pub fn screen_from_unit(&self, u: [f32; 2], wrap: f32) -> Pos2 {
        pos2(
            self.origin.x + (u[0] + wrap) * self.scale,
            self.origin.y + u[1] * self.scale,
        )
    }

    /// Screen position of a longitude/latitude.
    pub fn screen_from_lonlat(&self, p: LonLat) -> Pos2 {
        let u = mercator::unit_from_lonlat(p);
        self.screen_from_unit([u[0] as f32, u[1] as f32], 0.0)
    }

    /// Longitude/latitude of a screen position.
    pub fn lonlat_from_screen(&self, p: Pos2) -> LonLat {
        let u = [
            ((p.x - self.origin.x) / self.scale) as f64,
            ((p.y - self.origin.y) / self.scale) as f64,
        ];
        mercator::lonlat_from_unit(u)
    }

    /// The copies of a unit-space box that touch the view: the world itself, and the worlds to
    /// its west and east wherever the view runs past the antimeridian. Zoomed in on Fiji, the
    /// islands east of 180° then lie east of those west of it, as they do on the globe, and
    /// Chukotka (unwrapped past x = 1) shows at both edges of a world view.
    pub fn visible_wraps(&self, b: [f32; 4]) -> impl Iterator<Item = f32> + '_ {
        [-1.0f32, 0.0, 1.0].into_iter().filter(move |&wrap| {
            let min = self.screen_from_unit([b[0], b[1]], wrap);
            let max = self.screen_from_unit([b[2], b[3]], wrap);
            Rect::from_min_max(min, max).intersects(self.rect)
        })
    }

    /// Size of a unit-space box on screen.
    pub fn size_px(&self, b: [f32; 4]) -> egui::Vec2 {
        vec2((b[2] - b[0]) * self.scale, (b[3] - b[1]) * self.scale)
    }

    /// `stroke` as drawn round a polygon whose box is `bbox` (unit space): full width on a
    /// polygon wide enough to show its fill inside the line, thinner on a small one. A lead's
    /// 2.5 px outline otherwise covers New Zealand's islands at world zoom, and the room sees a
    /// black country where the legend says orange.
    pub fn outline_on(&self, stroke: Stroke, bbox: [f32; 4]) -> Stroke {
        let size = self.size_px(bbox);
        let share = (size.x.min(size.y) / FULL_OUTLINE_PX).clamp(0.3, 1.0);
        Stroke::new(stroke.width * share, stroke.color)
    }
}

/// A polygon at least this many pixels across (its box's shorter side) takes an emphasis
/// outline at full width; smaller ones take a share of it, down to 30 %.
const FULL_OUTLINE_PX: f32 = 30.0;

/// Colours of the country layer. Fills are per country, so any layer above (roles, overview
/// shading) only has to say what colour each country is.
#[derive(Clone, Debug)]
pub struct LayerColors {
    pub fills: Vec<Color32>,
    pub outline: Color32,
    pub hover_fill: Color32,
    pub selected_outline: Color32,
    /// Extra outline per country (e.g. a heavier stroke for supporters), drawn over the base.
    pub emphasis: Vec<Option<Stroke>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emphasis_outline_thins_on_a_small_polygon_so_its_fill_still_shows() {
        let view = ViewTransform::centred(
            [0.0, 0.0],
            2.0,
            Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 900.0)),
        );
        let lead = Stroke::new(2.5, Color32::BLACK);
        // 1024 px per world: a box 0.1 wide and high is about 100 px across, 0.005 about 5 px.
        assert_eq!(view.outline_on(lead, [0.0, 0.0, 0.1, 0.1]).width, 2.5);
        let island = view.outline_on(lead, [0.0, 0.0, 0.005, 0.02]).width;
        assert!((island - 0.75).abs() < 1e-6, "{island}");
        let middling = view.outline_on(lead, [0.0, 0.0, 0.015, 0.1]).width;
        assert!(middling > island && middling < 2.5, "{middling}");
    }
}
