//! Tours: the steps a presentation or a slide export walks through, one milestone each.

use crate::data::Dataset;

/// One step of a tour: a milestone of an initiative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub initiative: usize,
    pub milestone: usize,
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
    let mut steps: Vec<Step> = initiatives
        .iter()
        .filter_map(|&i| dataset.initiatives.get(i).map(|init| (i, init)))
        .flat_map(|(i, init)| {
            (0..init.milestones.len()).map(move |m| Step {
                initiative: i,
                milestone: m,
            })
        })
        .collect();
    steps.sort_by_key(|s| {
        let init = &dataset.initiatives[s.initiative];
        (
            init.milestones[s.milestone].date,
            init.start,
            s.initiative,
            s.milestone,
        )
    });
    steps
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
                    .map(|&(initiative, milestone)| Step {
                        initiative,
                        milestone,
                    })
                    .collect()
            });
        }
    };
    build_tour(dataset, &initiatives)
}

/// The presenter's notes for each of `steps`, a tour made by [`steps`] with `choice`: a data
/// tour's own notes for a step, else the milestone's.
pub fn notes(choice: TourChoice, dataset: &Dataset, steps: &[Step]) -> Vec<Option<String>> {
    let tour = match choice {
        TourChoice::FromData(i) => dataset.tours.get(i),
        _ => None,
    };
    steps
        .iter()
        .enumerate()
        .map(|(k, step)| {
            let own = tour.and_then(|t| t.notes.get(k).cloned().flatten());
            own.or_else(|| {
                dataset
                    .initiatives
                    .get(step.initiative)?
                    .milestones
                    .get(step.milestone)?
                    .notes
                    .clone()
            })
        })
        .collect()
}
