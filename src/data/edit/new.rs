//! New items to insert: an empty initiative, a copy, a state, a milestone, a source, a tour and
//! its steps.

use crate::data::date::FuzzyDate;
use crate::data::initiatives::{
    Actor, ActorId, Camera, Category, Confidence, Dataset, Initiative, Kind, Milestone, Role,
    Source, Status, Tour, TourStep,
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
    new_actor(initiative, ActorId::State(code.to_owned()), role)
}

/// An organisation (the UN, a company, an armed group) in `role` for `initiative`: `short` is
/// how the panels name it, `name` its full name (the short one when left empty).
pub fn new_org_actor(initiative: &Initiative, short: &str, name: &str, role: Role) -> Actor {
    let short = short.trim().to_owned();
    let name = match name.trim() {
        "" => short.clone(),
        name => name.to_owned(),
    };
    new_actor(initiative, ActorId::Org { short, name }, role)
}

fn new_actor(initiative: &Initiative, actor: ActorId, role: Role) -> Actor {
    Actor {
        actor,
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

/// A new tour with no steps, its id and name unused by the other tours.
pub fn new_tour(dataset: &Dataset) -> Tour {
    let taken = |id: &str| dataset.tours.iter().any(|t| t.id == id);
    let id = free_id("tour", taken);
    let n = dataset.tours.len() + 1;
    Tour {
        name: if n == 1 {
            "My tour".to_owned()
        } else {
            format!("My tour {n}")
        },
        id,
        steps: Vec::new(),
    }
}

/// The step *Add step* makes: the milestone of initiative `i` that `day` has reached (its first
/// if `day` is before them all, or not given), shown at `day` from `camera`. `None` when the
/// initiative has no milestone to show.
pub fn step_of_view(
    dataset: &Dataset,
    i: usize,
    day: Option<i64>,
    camera: Option<Camera>,
) -> Option<TourStep> {
    let milestones = &dataset.initiatives.get(i)?.milestones;
    let reached = day.map_or(0, |day| {
        milestones
            .iter()
            .rposition(|m| m.date.start_day() <= day)
            .unwrap_or(0)
    });
    milestones.get(reached)?;
    Some(TourStep {
        shows: Some((i, reached)),
        date: day.and_then(day_date),
        camera,
        ..TourStep::default()
    })
}

/// A title step: a slide with `title` over the map as it is at `day`, seen from `camera`.
pub fn title_step(title: &str, day: Option<i64>, camera: Option<Camera>) -> TourStep {
    TourStep {
        shows: None,
        title: Some(title.to_owned()),
        date: day.and_then(day_date),
        camera,
        ..TourStep::default()
    }
}

/// A day number as a date of that day.
fn day_date(day: i64) -> Option<FuzzyDate> {
    FuzzyDate::parse(&crate::data::date::iso_date(day)).ok()
}
