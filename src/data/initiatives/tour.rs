//! The tours a data file defines: steps through its milestones, and title steps between them.

use crate::data::date::FuzzyDate;

/// A presenter tour written in the data file: its steps, in the author's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    pub id: String,
    pub name: String,
    pub steps: Vec<TourStep>,
}

/// Where a step puts the camera.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The centre of the view, in degrees.
    pub lon: f64,
    pub lat: f64,
    /// The map's zoom level at the centre.
    pub zoom: f64,
}

/// One step of a tour: a milestone of an initiative, or a title step (a slide of its own words
/// over the map). What the step leaves out comes from its milestone: the caption's title and text,
/// the date the map shows, the notes; and the camera frames the initiative's states.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TourStep {
    /// The (initiative, milestone) the step shows; `None` for a title step.
    pub shows: Option<(usize, usize)>,
    /// The caption's title in place of the milestone's; a title step's heading.
    pub title: Option<String>,
    /// The caption's text in place of the milestone's outcome.
    pub caption: Option<String>,
    /// The presenter's notes in place of the milestone's.
    pub notes: Option<String>,
    /// The date the map shows in place of the milestone's.
    pub date: Option<FuzzyDate>,
    /// The view to fly to in place of framing the initiative.
    pub camera: Option<Camera>,
}

impl TourStep {
    /// A step showing milestone `m` of initiative `i`, in the milestone's own words.
    pub fn milestone(i: usize, m: usize) -> Self {
        Self {
            shows: Some((i, m)),
            ..Self::default()
        }
    }

    /// The initiative the step shows, if it is not a title step.
    pub fn initiative(&self) -> Option<usize> {
        self.shows.map(|(i, _)| i)
    }
}
