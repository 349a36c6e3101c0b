//! Edits in words, for the Edit menu: "Undo: add Malta to Christchurch Call".

use super::{ActorField, Edit, InitiativeField, MilestoneField, SourceField, StepField};
use crate::data::initiatives::{Actor, ActorId, Dataset};

/// Names things of the dataset as the Edit menu says them.
struct Names<'a> {
    dataset: &'a Dataset,
    state_name: &'a dyn Fn(&str) -> String,
}

impl Names<'_> {
    fn initiative(&self, i: usize) -> String {
        self.dataset
            .initiatives
            .get(i)
            .map_or_else(|| "an initiative".to_owned(), |i| i.name.clone())
    }

    fn actor(&self, actor: &Actor) -> String {
        match &actor.actor {
            ActorId::State(code) => (self.state_name)(code),
            ActorId::Org { short, .. } => short.clone(),
        }
    }

    fn actor_at(&self, i: usize, a: usize) -> String {
        self.dataset
            .initiatives
            .get(i)
            .and_then(|i| i.actors.get(a))
            .map_or_else(|| "an actor".to_owned(), |a| self.actor(a))
    }

    fn tour(&self, t: usize) -> String {
        self.dataset
            .tours
            .get(t)
            .map_or_else(|| "a tour".to_owned(), |t| t.name.clone())
    }
}

impl Edit {
    /// What the edit does, in words for the Edit menu ("add Malta to Christchurch Call"), told
    /// against the dataset before the edit. `state_name` names a state by its code.
    pub fn describe(&self, dataset: &Dataset, state_name: &dyn Fn(&str) -> String) -> String {
        let names = Names {
            dataset,
            state_name,
        };
        let name_of = |i| names.initiative(i);
        let actor_name = |a: &Actor| names.actor(a);
        let actor_at = |i, a| names.actor_at(i, a);
        let tour_name = |t| names.tour(t);
        match self {
            Self::Initiative { initiative, field } => {
                format!("edit the {} of {}", field.label(), name_of(*initiative))
            }
            Self::Actor {
                initiative,
                actor,
                field: ActorField::Role(role),
            } => format!(
                "make {} {} in {}",
                actor_at(*initiative, *actor),
                role.label(),
                name_of(*initiative)
            ),
            Self::Actor {
                initiative,
                actor,
                field,
            } => format!(
                "edit the {} of {} in {}",
                field.label(),
                actor_at(*initiative, *actor),
                name_of(*initiative)
            ),
            Self::Milestone {
                initiative, field, ..
            } => format!(
                "edit a milestone's {} in {}",
                field.label(),
                name_of(*initiative)
            ),
            Self::Source {
                initiative, field, ..
            } => format!(
                "edit a source's {} in {}",
                field.label(),
                name_of(*initiative)
            ),
            Self::InsertInitiative { initiative, .. } => format!("add {}", initiative.name),
            Self::RemoveInitiative { at } => format!("delete {}", name_of(*at)),
            Self::InsertActor {
                initiative, actor, ..
            } => format!("add {} to {}", actor_name(actor), name_of(*initiative)),
            Self::RemoveActor { initiative, at } => format!(
                "remove {} from {}",
                actor_at(*initiative, *at),
                name_of(*initiative)
            ),
            Self::MoveActor {
                initiative, from, ..
            } => format!(
                "move {} in {}",
                actor_at(*initiative, *from),
                name_of(*initiative)
            ),
            Self::InsertMilestone {
                initiative,
                milestone,
                ..
            } => format!(
                "add the milestone \"{}\" to {}",
                milestone.title,
                name_of(*initiative)
            ),
            Self::RemoveMilestone { initiative, .. } => {
                format!("delete a milestone of {}", name_of(*initiative))
            }
            Self::InsertSource {
                initiative, source, ..
            } => format!(
                "add the source \"{}\" to {}",
                source.id,
                name_of(*initiative)
            ),
            Self::RemoveSource { initiative, .. } => {
                format!("delete a source of {}", name_of(*initiative))
            }
            Self::InsertTour { tour, .. } => format!("add the tour {}", tour.name),
            Self::RemoveTour { at } => format!("delete the tour {}", tour_name(*at)),
            Self::TourName { tour, .. } => format!("rename the tour {}", tour_name(*tour)),
            Self::InsertStep { tour, .. } => format!("add a step to {}", tour_name(*tour)),
            Self::RemoveStep { tour, .. } => format!("delete a step of {}", tour_name(*tour)),
            Self::MoveStep { tour, .. } => format!("move a step of {}", tour_name(*tour)),
            Self::Step { tour, step, field } => format!(
                "edit the {} of step {} of {}",
                field.label(),
                step + 1,
                tour_name(*tour)
            ),
        }
    }
}

impl StepField {
    /// The field's name in the Edit menu.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Caption(_) => "caption",
            Self::Notes(_) => "notes",
            Self::Date(_) => "date",
            Self::Camera(_) => "view",
        }
    }
}

impl InitiativeField {
    /// The field's name in the Edit menu.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Id(_) => "id",
            Self::Name(_) => "name",
            Self::Kind(_) => "kind",
            Self::Category(_) => "category",
            Self::Status(_) => "status",
            Self::Start(_) => "start",
            Self::End(_) => "end",
            Self::Summary(_) => "summary",
            Self::Outcome(_) => "outcome",
            Self::EssayQuote(_) => "essay quote",
            Self::Confidence(_) => "confidence",
            Self::Note(_) => "note",
        }
    }
}

impl ActorField {
    /// The field's name in the Edit menu.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Actor(_) => "name",
            Self::Role(_) => "role",
            Self::Joined(_) => "joined date",
            Self::Left(_) => "left date",
            Self::Territory(_) => "territory",
            Self::Sources(_) => "sources",
            Self::Confidence(_) => "confidence",
            Self::Note(_) => "note",
        }
    }
}

impl MilestoneField {
    /// The field's name in the Edit menu.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Date(_) => "date",
            Self::Title(_) => "title",
            Self::Outcome(_) => "outcome",
            Self::Sources(_) => "sources",
            Self::Confidence(_) => "confidence",
            Self::Note(_) => "note",
            Self::Notes(_) => "presenter notes",
        }
    }
}

impl SourceField {
    /// The field's name in the Edit menu.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Id(_) => "id",
            Self::Title(_) => "title",
            Self::Url(_) => "address",
        }
    }
}
