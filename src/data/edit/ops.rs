//! The work of each edit: the value swapped in, the item inserted or removed, the indices that
//! point past it shifted; each returns the edit that undoes it.

use crate::data::initiatives::{Actor, Dataset, Initiative, Milestone, Source, Tour, TourStep};

use super::{ActorField, Edit, EditError, InitiativeField, MilestoneField, SourceField, StepField};

fn missing(what: &'static str, index: usize) -> EditError {
    EditError::Missing { what, index }
}

fn get_mut<'a, T>(
    list: &'a mut [T],
    index: usize,
    what: &'static str,
) -> Result<&'a mut T, EditError> {
    list.get_mut(index).ok_or(missing(what, index))
}

/// Moves the element at `from` to `to`, both indices into the list as it is.
fn move_within<T>(
    list: &mut Vec<T>,
    from: usize,
    to: usize,
    what: &'static str,
) -> Result<(), EditError> {
    if from >= list.len() {
        return Err(missing(what, from));
    }
    if to >= list.len() {
        return Err(missing(what, to));
    }
    let item = list.remove(from);
    list.insert(to, item);
    Ok(())
}

/// Puts `field`'s value into the initiative and returns the old one in the same field.
fn swap_initiative_field(i: &mut Initiative, field: InitiativeField) -> InitiativeField {
    use std::mem::replace;
    match field {
        InitiativeField::Id(v) => InitiativeField::Id(replace(&mut i.id, v)),
        InitiativeField::Name(v) => InitiativeField::Name(replace(&mut i.name, v)),
        InitiativeField::Kind(v) => InitiativeField::Kind(replace(&mut i.kind, v)),
        InitiativeField::Category(v) => InitiativeField::Category(replace(&mut i.category, v)),
        InitiativeField::Status(v) => InitiativeField::Status(replace(&mut i.status, v)),
        InitiativeField::Start(v) => InitiativeField::Start(replace(&mut i.start, v)),
        InitiativeField::End(v) => InitiativeField::End(replace(&mut i.end, v)),
        InitiativeField::Summary(v) => InitiativeField::Summary(replace(&mut i.summary, v)),
        InitiativeField::Outcome(v) => InitiativeField::Outcome(replace(&mut i.outcome, v)),
        InitiativeField::EssayQuote(v) => {
            InitiativeField::EssayQuote(replace(&mut i.essay_quote, v))
        }
        InitiativeField::Confidence(v) => {
            InitiativeField::Confidence(replace(&mut i.confidence, v))
        }
        InitiativeField::Note(v) => InitiativeField::Note(replace(&mut i.note, v)),
    }
}

/// Puts `field`'s value into the actor and returns the old one in the same field.
fn swap_actor_field(a: &mut Actor, field: ActorField) -> ActorField {
    use std::mem::replace;
    match field {
        ActorField::Actor(v) => ActorField::Actor(replace(&mut a.actor, v)),
        ActorField::Role(v) => ActorField::Role(replace(&mut a.role, v)),
        ActorField::Joined(v) => ActorField::Joined(replace(&mut a.joined, v)),
        ActorField::Left(v) => ActorField::Left(replace(&mut a.left, v)),
        ActorField::Territory(v) => ActorField::Territory(replace(&mut a.territory, v)),
        ActorField::Sources(v) => ActorField::Sources(replace(&mut a.sources, v)),
        ActorField::Confidence(v) => ActorField::Confidence(replace(&mut a.confidence, v)),
        ActorField::Note(v) => ActorField::Note(replace(&mut a.note, v)),
    }
}

/// Puts `field`'s value into the milestone and returns the old one in the same field.
fn swap_milestone_field(m: &mut Milestone, field: MilestoneField) -> MilestoneField {
    use std::mem::replace;
    match field {
        MilestoneField::Date(v) => MilestoneField::Date(replace(&mut m.date, v)),
        MilestoneField::Title(v) => MilestoneField::Title(replace(&mut m.title, v)),
        MilestoneField::Outcome(v) => MilestoneField::Outcome(replace(&mut m.outcome, v)),
        MilestoneField::Sources(v) => MilestoneField::Sources(replace(&mut m.sources, v)),
        MilestoneField::Confidence(v) => MilestoneField::Confidence(replace(&mut m.confidence, v)),
        MilestoneField::Note(v) => MilestoneField::Note(replace(&mut m.note, v)),
        MilestoneField::Notes(v) => MilestoneField::Notes(replace(&mut m.notes, v)),
    }
}

/// Refuses a list of cited sources that names one the initiative does not have.
fn check_cited(cited: &[usize], sources: usize) -> Result<(), EditError> {
    match cited.iter().find(|&&s| s >= sources) {
        Some(&s) => Err(missing("source", s)),
        None => Ok(()),
    }
}

/// Refuses a tour step that names a milestone the dataset does not have.
fn check_step(dataset: &Dataset, step: &TourStep) -> Result<(), EditError> {
    let Some((i, m)) = step.shows else {
        // A title step names nothing.
        return Ok(());
    };
    let initiative = dataset.initiatives.get(i).ok_or(missing("initiative", i))?;
    initiative
        .milestones
        .get(m)
        .map(|_| ())
        .ok_or(missing("milestone", m))
}

/// Where an initiative cites the source at `index`, in words.
pub fn citations(initiative: &Initiative, index: usize) -> Vec<String> {
    let actors = initiative
        .actors
        .iter()
        .filter(|a| a.sources.contains(&index))
        .map(|a| format!("the actor {}", a.actor.label()));
    let milestones = initiative
        .milestones
        .iter()
        .filter(|m| m.sources.contains(&index))
        .map(|m| format!("the milestone \"{}\"", m.title));
    actors.chain(milestones).collect()
}

/// Rewrites every citation of the initiative through `map`.
fn shift_citations(initiative: &mut Initiative, map: impl Fn(usize) -> usize) {
    let lists = initiative
        .actors
        .iter_mut()
        .map(|a| &mut a.sources)
        .chain(initiative.milestones.iter_mut().map(|m| &mut m.sources));
    for list in lists {
        list.iter_mut().for_each(|s| *s = map(*s));
    }
}

/// The tours that step through the initiative `i` (and milestone `m`, if given), by name.
fn tours_using(dataset: &Dataset, i: usize, m: Option<usize>) -> Option<String> {
    dataset
        .tours
        .iter()
        .find(|t| {
            t.steps
                .iter()
                .filter_map(|step| step.shows)
                .any(|(si, sm)| si == i && m.is_none_or(|m| m == sm))
        })
        .map(|t| format!("the tour \"{}\"", t.name))
}

fn insert_initiative(
    dataset: &mut Dataset,
    at: usize,
    initiative: Initiative,
) -> Result<(), EditError> {
    if at > dataset.initiatives.len() {
        return Err(missing("initiative", at));
    }
    dataset.initiatives.insert(at, initiative);
    for step in tour_steps(dataset) {
        if step.0 >= at {
            step.0 += 1;
        }
    }
    Ok(())
}

fn remove_initiative(dataset: &mut Dataset, at: usize) -> Result<Initiative, EditError> {
    let Some(initiative) = dataset.initiatives.get(at) else {
        return Err(missing("initiative", at));
    };
    if let Some(by) = tours_using(dataset, at, None) {
        return Err(EditError::InUse {
            what: initiative.name.clone(),
            by,
        });
    }
    let removed = dataset.initiatives.remove(at);
    for step in tour_steps(dataset) {
        if step.0 > at {
            step.0 -= 1;
        }
    }
    Ok(removed)
}

fn insert_milestone(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
    milestone: Milestone,
) -> Result<(), EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    check_cited(&milestone.sources, target.sources.len())?;
    if at > target.milestones.len() {
        return Err(missing("milestone", at));
    }
    target.milestones.insert(at, milestone);
    for step in tour_steps(dataset) {
        if step.0 == initiative && step.1 >= at {
            step.1 += 1;
        }
    }
    Ok(())
}

fn remove_milestone(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
) -> Result<Milestone, EditError> {
    let target = dataset
        .initiatives
        .get(initiative)
        .ok_or(missing("initiative", initiative))?;
    let Some(milestone) = target.milestones.get(at) else {
        return Err(missing("milestone", at));
    };
    if let Some(by) = tours_using(dataset, initiative, Some(at)) {
        return Err(EditError::InUse {
            what: format!("the milestone \"{}\"", milestone.title),
            by,
        });
    }
    let removed = dataset.initiatives[initiative].milestones.remove(at);
    for step in tour_steps(dataset) {
        if step.0 == initiative && step.1 > at {
            step.1 -= 1;
        }
    }
    Ok(removed)
}

pub(super) fn set_initiative_field(
    dataset: &mut Dataset,
    initiative: usize,
    field: InitiativeField,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    let field = swap_initiative_field(target, field);
    Ok(Edit::Initiative { initiative, field })
}

pub(super) fn set_actor_field(
    dataset: &mut Dataset,
    initiative: usize,
    actor: usize,
    field: ActorField,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    let sources = target.sources.len();
    if let ActorField::Sources(cited) = &field {
        check_cited(cited, sources)?;
    }
    let entry = get_mut(&mut target.actors, actor, "actor")?;
    let field = swap_actor_field(entry, field);
    Ok(Edit::Actor {
        initiative,
        actor,
        field,
    })
}

pub(super) fn set_milestone_field(
    dataset: &mut Dataset,
    initiative: usize,
    milestone: usize,
    field: MilestoneField,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    if let MilestoneField::Sources(cited) = &field {
        check_cited(cited, target.sources.len())?;
    }
    let entry = get_mut(&mut target.milestones, milestone, "milestone")?;
    let field = swap_milestone_field(entry, field);
    Ok(Edit::Milestone {
        initiative,
        milestone,
        field,
    })
}

pub(super) fn set_source_field(
    dataset: &mut Dataset,
    initiative: usize,
    source: usize,
    field: SourceField,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    let entry = get_mut(&mut target.sources, source, "source")?;
    let field = match field {
        SourceField::Id(v) => SourceField::Id(std::mem::replace(&mut entry.id, v)),
        SourceField::Title(v) => SourceField::Title(std::mem::replace(&mut entry.title, v)),
        SourceField::Url(v) => SourceField::Url(std::mem::replace(&mut entry.url, v)),
    };
    Ok(Edit::Source {
        initiative,
        source,
        field,
    })
}

pub(super) fn insert_initiative_at(
    dataset: &mut Dataset,
    at: usize,
    initiative: Initiative,
) -> Result<Edit, EditError> {
    insert_initiative(dataset, at, initiative)?;
    Ok(Edit::RemoveInitiative { at })
}

pub(super) fn remove_initiative_at(dataset: &mut Dataset, at: usize) -> Result<Edit, EditError> {
    let initiative = remove_initiative(dataset, at)?;
    Ok(Edit::InsertInitiative {
        at,
        initiative: Box::new(initiative),
    })
}

pub(super) fn insert_actor(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
    actor: Actor,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    check_cited(&actor.sources, target.sources.len())?;
    if at > target.actors.len() {
        return Err(missing("actor", at));
    }
    target.actors.insert(at, actor);
    Ok(Edit::RemoveActor { initiative, at })
}

pub(super) fn remove_actor(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    if at >= target.actors.len() {
        return Err(missing("actor", at));
    }
    let actor = Box::new(target.actors.remove(at));
    Ok(Edit::InsertActor {
        initiative,
        at,
        actor,
    })
}

pub(super) fn move_actor(
    dataset: &mut Dataset,
    initiative: usize,
    from: usize,
    to: usize,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    move_within(&mut target.actors, from, to, "actor")?;
    Ok(Edit::MoveActor {
        initiative,
        from: to,
        to: from,
    })
}

pub(super) fn insert_milestone_at(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
    milestone: Milestone,
) -> Result<Edit, EditError> {
    insert_milestone(dataset, initiative, at, milestone)?;
    Ok(Edit::RemoveMilestone { initiative, at })
}

pub(super) fn remove_milestone_at(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
) -> Result<Edit, EditError> {
    let milestone = Box::new(remove_milestone(dataset, initiative, at)?);
    Ok(Edit::InsertMilestone {
        initiative,
        at,
        milestone,
    })
}

pub(super) fn insert_source(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
    source: Source,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    if at > target.sources.len() {
        return Err(missing("source", at));
    }
    target.sources.insert(at, source);
    shift_citations(target, |s| if s >= at { s + 1 } else { s });
    Ok(Edit::RemoveSource { initiative, at })
}

pub(super) fn remove_source(
    dataset: &mut Dataset,
    initiative: usize,
    at: usize,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.initiatives, initiative, "initiative")?;
    let Some(source) = target.sources.get(at) else {
        return Err(missing("source", at));
    };
    if let Some(by) = citations(target, at).first() {
        return Err(EditError::InUse {
            what: format!("the source \"{}\"", source.id),
            by: by.clone(),
        });
    }
    let source = target.sources.remove(at);
    shift_citations(target, |s| if s > at { s - 1 } else { s });
    Ok(Edit::InsertSource {
        initiative,
        at,
        source,
    })
}

pub(super) fn insert_tour(dataset: &mut Dataset, at: usize, tour: Tour) -> Result<Edit, EditError> {
    if at > dataset.tours.len() {
        return Err(missing("tour", at));
    }
    for step in &tour.steps {
        check_step(dataset, step)?;
    }
    dataset.tours.insert(at, tour);
    Ok(Edit::RemoveTour { at })
}

pub(super) fn remove_tour(dataset: &mut Dataset, at: usize) -> Result<Edit, EditError> {
    if at >= dataset.tours.len() {
        return Err(missing("tour", at));
    }
    let tour = Box::new(dataset.tours.remove(at));
    Ok(Edit::InsertTour { at, tour })
}

pub(super) fn rename_tour(
    dataset: &mut Dataset,
    tour: usize,
    name: String,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.tours, tour, "tour")?;
    let name = std::mem::replace(&mut target.name, name);
    Ok(Edit::TourName { tour, name })
}

pub(super) fn insert_step(
    dataset: &mut Dataset,
    tour: usize,
    at: usize,
    step: TourStep,
) -> Result<Edit, EditError> {
    check_step(dataset, &step)?;
    let target = get_mut(&mut dataset.tours, tour, "tour")?;
    if at > target.steps.len() {
        return Err(missing("step", at));
    }
    target.steps.insert(at, step);
    Ok(Edit::RemoveStep { tour, at })
}

pub(super) fn remove_step(
    dataset: &mut Dataset,
    tour: usize,
    at: usize,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.tours, tour, "tour")?;
    if at >= target.steps.len() {
        return Err(missing("step", at));
    }
    let step = Box::new(target.steps.remove(at));
    Ok(Edit::InsertStep { tour, at, step })
}

pub(super) fn move_step(
    dataset: &mut Dataset,
    tour: usize,
    from: usize,
    to: usize,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.tours, tour, "tour")?;
    move_within(&mut target.steps, from, to, "step")?;
    Ok(Edit::MoveStep {
        tour,
        from: to,
        to: from,
    })
}

pub(super) fn set_step_field(
    dataset: &mut Dataset,
    tour: usize,
    step: usize,
    field: StepField,
) -> Result<Edit, EditError> {
    let target = get_mut(&mut dataset.tours, tour, "tour")?;
    let target = get_mut(&mut target.steps, step, "step")?;
    let field = match field {
        StepField::Title(v) => StepField::Title(std::mem::replace(&mut target.title, v)),
        StepField::Caption(v) => StepField::Caption(std::mem::replace(&mut target.caption, v)),
        StepField::Notes(v) => StepField::Notes(std::mem::replace(&mut target.notes, v)),
        StepField::Date(v) => StepField::Date(std::mem::replace(&mut target.date, v)),
        StepField::Camera(v) => StepField::Camera(std::mem::replace(&mut target.camera, v)),
    };
    Ok(Edit::Step { tour, step, field })
}

/// Every milestone step of every tour, for shifting the indices they hold.
fn tour_steps(dataset: &mut Dataset) -> impl Iterator<Item = &mut (usize, usize)> {
    dataset
        .tours
        .iter_mut()
        .flat_map(|t| t.steps.iter_mut())
        .filter_map(|s| s.shows.as_mut())
}
