//! What one picture shows, in the window's "Save view" and in exported files alike.

use egui::{Pos2, Rect, vec2};

use crate::data::Dataset;
use crate::data::world::World;
use crate::geo::{MAX_ZOOM, min_zoom};
use crate::scene::tour::Step;
use crate::scene::{ViewTransform, WORLD_VIEW, fit_view, initiative_bbox};

/// The height of the caption box across the top of an exported picture.
pub const CAPTION_PX: f32 = 150.0;

/// What one picture shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Picture {
    /// The initiative whose roles are coloured; `None` for the overview.
    pub initiative: Option<usize>,
    /// The date the world is shown as of (a day number); `None` for every date.
    pub as_of: Option<i64>,
    /// A milestone to caption: (initiative, milestone).
    pub caption: Option<(usize, usize)>,
    /// A view to keep (centre longitude/latitude and zoom) instead of fitting the initiative or
    /// the world; the app's "Save view" passes what is on screen.
    pub view: Option<([f64; 2], f64)>,
    /// Two days to compare the initiative's members at, the earlier first: the picture then
    /// colours who joined, left, stayed or changed role between them.
    pub compare: Option<(i64, i64)>,
}

impl Picture {
    /// The picture of a tour step: its initiative, as of its milestone's date, captioned.
    pub fn of_step(dataset: &Dataset, step: Step) -> Self {
        let as_of = dataset
            .initiatives
            .get(step.initiative)
            .and_then(|i| i.milestones.get(step.milestone))
            .map(|m| m.date.end_day());
        Self {
            initiative: Some(step.initiative),
            as_of,
            caption: Some((step.initiative, step.milestone)),
            view: None,
            compare: None,
        }
    }

    /// Where the map lies in a picture of `size` pixels, and at what zoom: the view asked for,
    /// or else the initiative (or the world) fitted below the caption.
    pub fn frame(&self, world: &World, dataset: &Dataset, size: [u32; 2]) -> (ViewTransform, f64) {
        let size_px = [f64::from(size[0]), f64::from(size[1])];
        let (centre, zoom) = self.view.unwrap_or_else(|| {
            let bbox = self
                .initiative
                .and_then(|i| initiative_bbox(world, dataset, i))
                .unwrap_or(WORLD_VIEW);
            let top = if self.caption.is_some() {
                CAPTION_PX
            } else {
                0.0
            };
            let zoom_range = (min_zoom(size_px), MAX_ZOOM);
            fit_view(bbox, size_px, zoom_range, f64::from(top))
        });
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(size[0] as f32, size[1] as f32));
        (ViewTransform::centred(centre, zoom, rect), zoom)
    }
}
