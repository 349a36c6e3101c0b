//! New items to insert: an empty initiative, a copy, a state, a milestone, a source.

use crate::data::date::FuzzyDate;
use crate::data::initiatives::{
    Actor, ActorId, Category, Confidence, Dataset, Initiative, Kind, Milestone, Role, Source,
    Status,
};

/// The first id of the form `stem`, `stem-2`, `stem-3`… that `taken` does not hold.
pub fn free_id(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                stem.to_owned()
            } else {
                format!("{stem}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or_else(|| stem.to_owned())
}

/// A new, empty initiative that starts on `start`, with an id no initiative of `dataset` has.
/// It has no source yet, so the checks ask for one before the first actor can cite it.
pub fn blank_initiative(dataset: &Dataset, start: FuzzyDate) -> Initiative {
    let id = free_id("new-initiative", |id| dataset.index_of(id).is_some());
    Initiative {
        id,
        name: "New initiative".to_owned(),
        kind: Kind::SmallState,
        category: Category::Other,
        status: Status::Ongoing,
        summary: String::new(),
        start,
        end: None,
        outcome: String::new(),
        essay_quote: String::new(),
        sources: Vec::new(),
        actors: Vec::new(),
        milestones: Vec::new(),
        confidence: Confidence::Verified,
        note: None,
    }
}

/// A copy of `initiative` under a new id and name, to start a similar effort from.
pub fn duplicate_of(dataset: &Dataset, initiative: &Initiative) -> Initiative {
    let stem = format!("{}-copy", initiative.id);
    Initiative {
        id: free_id(&stem, |id| dataset.index_of(id).is_some()),
        name: format!("{} (copy)", initiative.name),
        ..initiative.clone()
    }
}

/// A state in `role` for `initiative`, citing its first source if it has one (the checks ask
/// for a source otherwise).
pub fn new_state_actor(initiative: &Initiative, code: &str, role: Role) -> Actor {
    Actor {
        actor: ActorId::State(code.to_owned()),
        role,
        joined: None,
        left: None,
        territory: None,
        sources: first_source(initiative),
        confidence: Confidence::Verified,
        note: None,
    }
}

/// A new milestone on `date`, citing the initiative's first source if it has one.
pub fn new_milestone(initiative: &Initiative, date: FuzzyDate) -> Milestone {
    Milestone {
        date,
        title: "New milestone".to_owned(),
        outcome: String::new(),
        sources: first_source(initiative),
        confidence: Confidence::Verified,
        note: None,
        notes: None,
    }
}

/// A new source with an id the initiative does not use yet; its address is to be filled in.
pub fn new_source(initiative: &Initiative) -> Source {
    let id = free_id("source", |id| initiative.sources.iter().any(|s| s.id == id));
    Source {
        id,
        title: "New source".to_owned(),
        url: "https://".to_owned(),
    }
}

fn first_source(initiative: &Initiative) -> Vec<usize> {
    if initiative.sources.is_empty() {
        Vec::new()
    } else {
        vec![0]
    }
}
