//! Tours: the steps a presentation or a slide export walks through: milestones, and the title
//! steps an author writes between them.

use crate::data::date::FuzzyDate;
use crate::data::{Dataset, Initiative, Milestone};

/// One step of a tour: the data's own step, so a tour the author writes plays as written.
pub use crate::data::TourStep as Step;

/// What a step's caption says, its own words in place of its milestone's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptionText {
    /// The date, then the initiative's name, over the title; a title step has neither.
    pub date: Option<String>,
    pub initiative: Option<String>,
    pub title: String,
    pub text: String,
}

impl CaptionText {
    /// A milestone's caption in its own words.
    pub fn of_milestone(initiative: &Initiative, milestone: &Milestone) -> Self {
        Self {
            date: Some(milestone.date.to_string()),
            initiative: Some(initiative.name.clone()),
            title: milestone.title.clone(),
            text: milestone.outcome.clone(),
        }
    }

    /// A step's caption: its own title, text and date over its milestone's; `None` for a step
    /// naming a milestone the data no longer has.
    pub fn of_step(dataset: &Dataset, step: &Step) -> Option<Self> {
        let own_date = step.date.map(|d| d.to_string());
        let mut caption = match step.shows {
            Some((i, m)) => {
                let initiative = dataset.initiatives.get(i)?;
                Self::of_milestone(initiative, initiative.milestones.get(m)?)
            }
            None => Self {
                date: None,
                initiative: None,
                title: String::new(),
                text: String::new(),
            },
        };
        if own_date.is_some() {
            caption.date = own_date;
        }
        if let Some(title) = &step.title {
            caption.title.clone_from(title);
        }
        if let Some(text) = &step.caption {
            caption.text.clone_from(text);
        }
        Some(caption)
    }
}

/// The date a step shows the map at (a day number): its own, else its milestone's; `None` for a
/// title step without a date of its own.
pub fn step_day(dataset: &Dataset, step: &Step) -> Option<i64> {
    let date: Option<FuzzyDate> = step.date.or_else(|| {
        let (i, m) = step.shows?;
        Some(dataset.initiatives.get(i)?.milestones.get(m)?.date)
    });
    date.map(|d| d.end_day())
}

/// Which steps a tour has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourChoice {
    /// Every milestone of every effort.
    Everything,
    /// Every milestone of the efforts the list's filters let through.
    CurrentFilter,
    /// The milestones of the selected initiative.
    SelectedInitiative,
    /// A tour the data file defines, by its index in `Dataset::tours`.
    FromData(usize),
}

/// The milestones of `initiatives`, in date order (ties by the effort's start, then the file's
/// order), so the story runs forward in time.
pub fn build_tour(dataset: &Dataset, initiatives: &[usize]) -> Vec<Step> {
    let mut shown: Vec<(usize, usize)> = initiatives
        .iter()
        .filter_map(|&i| dataset.initiatives.get(i).map(|init| (i, init)))
        .flat_map(|(i, init)| (0..init.milestones.len()).map(move |m| (i, m)))
        .collect();
    shown.sort_by_key(|&(i, m)| {
        let init = &dataset.initiatives[i];
        (init.milestones[m].date, init.start, i, m)
    });
    shown
        .into_iter()
        .map(|(i, m)| with_milestone_notes(dataset, Step::milestone(i, m)))
        .collect()
}

/// The step with its milestone's notes where it has none of its own, so the presenter view has
/// one place to look.
fn with_milestone_notes(dataset: &Dataset, mut step: Step) -> Step {
    if step.notes.is_none()
        && let Some((i, m)) = step.shows
    {
        step.notes = dataset
            .initiatives
            .get(i)
            .and_then(|init| init.milestones.get(m))
            .and_then(|m| m.notes.clone());
    }
    step
}

/// The steps of a new tour as `choice` says: every milestone, those of the `listed` efforts, those
/// of the `selected` one, or a tour the data file defines, in the file's own order.
pub fn steps(
    choice: TourChoice,
    dataset: &Dataset,
    listed: &[usize],
    selected: Option<usize>,
) -> Vec<Step> {
    let initiatives: Vec<usize> = match choice {
        TourChoice::Everything => (0..dataset.initiatives.len()).collect(),
        TourChoice::CurrentFilter => listed.to_vec(),
        TourChoice::SelectedInitiative => selected.into_iter().collect(),
        // The file's own order, not date order: the author chose it.
        TourChoice::FromData(i) => {
            return dataset.tours.get(i).map_or_else(Vec::new, |tour| {
                tour.steps
                    .iter()
                    .map(|step| with_milestone_notes(dataset, step.clone()))
                    .collect()
            });
        }
    };
    build_tour(dataset, &initiatives)
}
