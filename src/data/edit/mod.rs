//! Edits to a dataset: every change a person makes to the data in the window is one typed
//! [`Edit`], carried out by [`Edit::apply`], which hands back the edit that undoes it.
//!
//! An edit never leaves the model pointing at nothing: indices into sources, milestones and
//! initiatives are shifted when an item is inserted or removed, and an item still referred to
//! (a cited source, a milestone or initiative a tour steps through) is refused, not removed.
//! What the checker judges (an id's spelling, an end before the start) may still be wrong
//! after an edit; the window shows it and refuses to save until it is fixed.

mod describe;
mod history;
mod new;
mod ops;

pub use history::{HISTORY_STEPS, History};
pub use new::{
    blank_initiative, duplicate_of, free_id, new_milestone, new_org_actor, new_source,
    new_state_actor, new_tour, step_of_view, title_step,
};
pub use ops::citations;

use crate::data::date::FuzzyDate;
use crate::data::initiatives::{
    Actor, ActorId, Camera, Category, Confidence, Dataset, Initiative, Kind, Milestone, Role,
    Source, Status, Tour, TourStep,
};

/// One field of an initiative, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum InitiativeField {
    Id(String),
    Name(String),
    Kind(Kind),
    Category(Category),
    Status(Status),
    Start(FuzzyDate),
    End(Option<FuzzyDate>),
    Summary(String),
    Outcome(String),
    EssayQuote(String),
    Confidence(Confidence),
    Note(Option<String>),
}

/// One field of an actor, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum ActorField {
    Actor(ActorId),
    Role(Role),
    Joined(Option<FuzzyDate>),
    Left(Option<FuzzyDate>),
    Territory(Option<String>),
    /// Indices into the initiative's sources.
    Sources(Vec<usize>),
    Confidence(Confidence),
    Note(Option<String>),
}

/// One field of a milestone, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum MilestoneField {
    Date(FuzzyDate),
    Title(String),
    Outcome(String),
    /// Indices into the initiative's sources.
    Sources(Vec<usize>),
    Confidence(Confidence),
    Note(Option<String>),
    Notes(Option<String>),
}

/// One field of a source, with its new value.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceField {
    Id(String),
    Title(String),
    Url(String),
}

/// One field of a tour step, with its new value; `None` gives the milestone's own back.
#[derive(Clone, Debug, PartialEq)]
pub enum StepField {
    Title(Option<String>),
    Caption(Option<String>),
    Notes(Option<String>),
    Date(Option<FuzzyDate>),
    Camera(Option<Camera>),
}

/// One change to a dataset. Indices are positions in the lists as they are when the edit is
/// applied.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Initiative {
        initiative: usize,
        field: InitiativeField,
    },
    Actor {
        initiative: usize,
        actor: usize,
        field: ActorField,
    },
    Milestone {
        initiative: usize,
        milestone: usize,
        field: MilestoneField,
    },
    Source {
        initiative: usize,
        source: usize,
        field: SourceField,
    },
    InsertInitiative {
        at: usize,
        initiative: Box<Initiative>,
    },
    RemoveInitiative {
        at: usize,
    },
    InsertActor {
        initiative: usize,
        at: usize,
        actor: Box<Actor>,
    },
    RemoveActor {
        initiative: usize,
        at: usize,
    },
    /// Moves an actor from one place in the list to another.
    MoveActor {
        initiative: usize,
        from: usize,
        to: usize,
    },
    InsertMilestone {
        initiative: usize,
        at: usize,
        milestone: Box<Milestone>,
    },
    RemoveMilestone {
        initiative: usize,
        at: usize,
    },
    InsertSource {
        initiative: usize,
        at: usize,
        source: Source,
    },
    RemoveSource {
        initiative: usize,
        at: usize,
    },
    InsertTour {
        at: usize,
        tour: Box<Tour>,
    },
    RemoveTour {
        at: usize,
    },
    TourName {
        tour: usize,
        name: String,
    },
    InsertStep {
        tour: usize,
        at: usize,
        step: Box<TourStep>,
    },
    RemoveStep {
        tour: usize,
        at: usize,
    },
    MoveStep {
        tour: usize,
        from: usize,
        to: usize,
    },
    Step {
        tour: usize,
        step: usize,
        field: StepField,
    },
}

/// Why an edit was not made. The dataset is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// An index past the end of its list: a stale edit, never one a person made.
    #[error("there is no {what} number {index}")]
    Missing { what: &'static str, index: usize },
    /// The item is still referred to elsewhere.
    #[error("{what} is still used by {by}; remove that first")]
    InUse { what: String, by: String },
}

/// What an edit changed, so what is derived from the data (the checks) is redone only there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touched {
    /// The initiative at this index changed in place.
    Initiative(usize),
    /// An initiative was inserted at this index; those after it moved up one.
    Inserted(usize),
    /// The initiative at this index was removed; those after it moved down one.
    Removed(usize),
    /// Only the tours changed.
    Tours,
}

impl Edit {
    /// Carries out the edit on `dataset` and returns the edit that undoes it, or says why it
    /// cannot be made (then nothing changed).
    pub fn apply(self, dataset: &mut Dataset) -> Result<Edit, EditError> {
        match self {
            Self::Initiative { initiative, field } => {
                ops::set_initiative_field(dataset, initiative, field)
            }
            Self::Actor {
                initiative,
                actor,
                field,
            } => ops::set_actor_field(dataset, initiative, actor, field),
            Self::Milestone {
                initiative,
                milestone,
                field,
            } => ops::set_milestone_field(dataset, initiative, milestone, field),
            Self::Source {
                initiative,
                source,
                field,
            } => ops::set_source_field(dataset, initiative, source, field),
            Self::InsertInitiative { at, initiative } => {
                ops::insert_initiative_at(dataset, at, *initiative)
            }
            Self::RemoveInitiative { at } => ops::remove_initiative_at(dataset, at),
            Self::InsertActor {
                initiative,
                at,
                actor,
            } => ops::insert_actor(dataset, initiative, at, *actor),
            Self::RemoveActor { initiative, at } => ops::remove_actor(dataset, initiative, at),
            Self::MoveActor {
                initiative,
                from,
                to,
            } => ops::move_actor(dataset, initiative, from, to),
            Self::InsertMilestone {
                initiative,
                at,
                milestone,
            } => ops::insert_milestone_at(dataset, initiative, at, *milestone),
            Self::RemoveMilestone { initiative, at } => {
                ops::remove_milestone_at(dataset, initiative, at)
            }
            Self::InsertSource {
                initiative,
                at,
                source,
            } => ops::insert_source(dataset, initiative, at, source),
            Self::RemoveSource { initiative, at } => ops::remove_source(dataset, initiative, at),
            Self::InsertTour { at, tour } => ops::insert_tour(dataset, at, *tour),
            Self::RemoveTour { at } => ops::remove_tour(dataset, at),
            Self::TourName { tour, name } => ops::rename_tour(dataset, tour, name),
            Self::InsertStep { tour, at, step } => ops::insert_step(dataset, tour, at, *step),
            Self::RemoveStep { tour, at } => ops::remove_step(dataset, tour, at),
            Self::MoveStep { tour, from, to } => ops::move_step(dataset, tour, from, to),
            Self::Step { tour, step, field } => ops::set_step_field(dataset, tour, step, field),
        }
    }

    /// What the edit changes, for redoing the checks there only.
    pub fn touched(&self) -> Touched {
        match self {
            Self::Initiative { initiative, .. }
            | Self::Actor { initiative, .. }
            | Self::Milestone { initiative, .. }
            | Self::Source { initiative, .. }
            | Self::InsertActor { initiative, .. }
            | Self::RemoveActor { initiative, .. }
            | Self::MoveActor { initiative, .. }
            | Self::InsertMilestone { initiative, .. }
            | Self::RemoveMilestone { initiative, .. }
            | Self::InsertSource { initiative, .. }
            | Self::RemoveSource { initiative, .. } => Touched::Initiative(*initiative),
            Self::InsertInitiative { at, .. } => Touched::Inserted(*at),
            Self::RemoveInitiative { at } => Touched::Removed(*at),
            Self::InsertTour { .. }
            | Self::RemoveTour { .. }
            | Self::TourName { .. }
            | Self::InsertStep { .. }
            | Self::RemoveStep { .. }
            | Self::MoveStep { .. }
            | Self::Step { .. } => Touched::Tours,
        }
    }

    /// The field the edit sets, if it sets one field's value: typing into one field makes many
    /// such edits, which the history keeps as one step.
    pub fn field_key(&self) -> Option<FieldKey> {
        use std::mem::discriminant;
        let (kind, a, b) = match self {
            Self::Initiative { initiative, field } => {
                (FieldKind::Initiative(discriminant(field)), *initiative, 0)
            }
            Self::Actor {
                initiative,
                actor,
                field,
            } => (FieldKind::Actor(discriminant(field)), *initiative, *actor),
            Self::Milestone {
                initiative,
                milestone,
                field,
            } => (
                FieldKind::Milestone(discriminant(field)),
                *initiative,
                *milestone,
            ),
            Self::Source {
                initiative,
                source,
                field,
            } => (FieldKind::Source(discriminant(field)), *initiative, *source),
            Self::TourName { tour, .. } => (FieldKind::TourName, *tour, 0),
            Self::Step { tour, step, field } => {
                (FieldKind::Step(discriminant(field)), *tour, *step)
            }
            _ => return None,
        };
        Some(FieldKey { kind, a, b })
    }
}

/// Which field an edit sets: two edits with the same key set the same field of the same item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldKey {
    kind: FieldKind,
    a: usize,
    b: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldKind {
    Initiative(std::mem::Discriminant<InitiativeField>),
    Actor(std::mem::Discriminant<ActorField>),
    Milestone(std::mem::Discriminant<MilestoneField>),
    Source(std::mem::Discriminant<SourceField>),
    TourName,
    Step(std::mem::Discriminant<StepField>),
}
