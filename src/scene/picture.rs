//! What one picture shows, in the window's "Save view" and in exported files alike.

use egui::{Pos2, Rect, vec2};

use crate::data::Dataset;
use crate::data::world::World;
use crate::geo::{MAX_ZOOM, min_zoom};
use crate::scene::framing::{Corner, Framing, Overlays, frame, frame_bbox, free_area};
use crate::scene::tour::{CaptionText, Step};
use crate::scene::{self, Look, ViewTransform, WORLD_VIEW};

/// The height of the caption box across the top of an exported picture.
pub const CAPTION_PX: f32 = 150.0;
/// The height of the title line across the top of a single picture.
pub const TITLE_PX: f32 = 52.0;

/// What one picture shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// The initiative whose roles are coloured; `None` for the overview.
    pub initiative: Option<usize>,
    /// The date the world is shown as of (a day number); `None` for every date.
    pub as_of: Option<i64>,
    /// A milestone to caption: (initiative, milestone). A deck lists its sources.
    pub caption: Option<(usize, usize)>,
    /// The caption's words where they are not the milestone's own: a tour step's title, text
    /// and date, or a title step's slide (which has no milestone).
    pub words: Option<CaptionText>,
    /// A view to keep (centre longitude/latitude and zoom) instead of fitting the initiative or
    /// the world; the app's "Save view" passes what is on screen.
    pub view: Option<([f64; 2], f64)>,
    /// Two days to compare the initiative's members at, the earlier first: the picture then
    /// colours who joined, left, stayed or changed role between them.
    pub compare: Option<(i64, i64)>,
    /// The corner the legend stands in, for a picture whose `view` is given (a frame of an
    /// animation keeps its key picture's corner); otherwise framing chooses it.
    pub legend: Option<Corner>,
}

impl Picture {
    /// The picture of a tour step: its initiative, as of its date, captioned in the step's
    /// words (its own title, text and date over its milestone's), seen from its own view if it
    /// has one.
    pub fn of_step(dataset: &Dataset, step: &Step) -> Self {
        Self {
            initiative: step.initiative(),
            as_of: scene::step_day(dataset, step),
            caption: step.shows,
            words: CaptionText::of_step(dataset, step),
            view: step.camera.map(|c| ([c.lon, c.lat], c.zoom)),
            compare: None,
            legend: None,
        }
    }

    /// The words of the caption box: the step's own, else the milestone's; `None` for a picture
    /// without a caption (or whose milestone the data no longer has).
    pub fn caption_text(&self, dataset: &Dataset) -> Option<CaptionText> {
        if let Some(words) = &self.words {
            return Some(words.clone());
        }
        let (i, m) = self.caption?;
        let initiative = dataset.initiatives.get(i)?;
        Some(CaptionText::of_milestone(
            initiative,
            initiative.milestones.get(m)?,
        ))
    }

    /// What the picture shows: each country's colours and the legend, former members drawn.
    pub fn look(&self, world: &World, dataset: &Dataset) -> Look {
        let involvement = scene::involvement(world, dataset, self.as_of);
        scene::look(
            world,
            dataset,
            self.initiative,
            self.as_of,
            self.compare,
            true,
            &involvement,
        )
    }

    /// The height of the band across the top: the caption of a tour step, or else the title
    /// line that says what a single picture shows.
    pub fn top_px(&self) -> f32 {
        if self.words.is_some() || self.caption.is_some() {
            CAPTION_PX
        } else {
            TITLE_PX
        }
    }

    /// Where the map lies in a picture of `size` pixels whose legend box is `legend_px` (with
    /// its margins): the view asked for, with the legend in the usual corner; or else the
    /// initiative's states as of the picture's date (or the world) fitted into what the top band
    /// and the legend leave free, with the legend in the corner that lets them show largest.
    pub fn frame(
        &self,
        world: &World,
        dataset: &Dataset,
        size: [u32; 2],
        legend_px: [f64; 2],
    ) -> (ViewTransform, Framing) {
        let size_px = [f64::from(size[0]), f64::from(size[1])];
        let overlays = Overlays {
            top_px: f64::from(self.top_px()),
            legend_px,
        };
        let framing = match self.view {
            Some((centre, zoom)) => {
                let corner = self.legend.unwrap_or(Corner::BottomLeft);
                Framing {
                    centre,
                    zoom,
                    legend: corner,
                    free: free_area(size_px, overlays, corner, true),
                }
            }
            None => {
                let bbox = self
                    .initiative
                    .and_then(|i| dataset.initiatives.get(i))
                    .and_then(|i| frame_bbox(world, i, self.as_of))
                    .unwrap_or(WORLD_VIEW);
                let zoom_range = (min_zoom(size_px), MAX_ZOOM);
                frame(bbox, size_px, zoom_range, overlays, &Corner::ALL)
            }
        };
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(size[0] as f32, size[1] as f32));
        let view = ViewTransform::centred(framing.centre, framing.zoom, rect);
        (view, framing)
    }
}
