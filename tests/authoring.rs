//! The model side of authoring: edits and their undo, the edit history, the checks after an
//! edit, and saving in a stable layout that loads back as the same model.

use std::sync::OnceLock;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::edit::{
    self, ActorField, Edit, EditError, History, InitiativeField, MilestoneField, SourceField,
    StepField, Touched,
};
use microlateral_atlas::data::{Camera, Confidence, Dataset, FuzzyDate, Role, Severity, Status};
use microlateral_atlas::scene::Involvement;
use proptest::prelude::*;

fn world() -> &'static WorldData {
    static DATA: OnceLock<WorldData> = OnceLock::new();
    DATA.get_or_init(|| WorldData::bundled().expect("the bundled world loads"))
}

fn bundled() -> Dataset {
    microlateral_atlas::data::bundled::dataset(&world().world).expect("the bundled data loads")
}

fn reload(text: &str) -> Dataset {
    Dataset::from_json("saved.json", text.as_bytes(), &world().world)
        .unwrap_or_else(|e| panic!("the saved file loads: {e}"))
        .dataset
}

fn date(text: &str) -> FuzzyDate {
    FuzzyDate::parse(text).expect("a date")
}

#[test]
fn the_bundled_data_saved_loads_back_as_the_same_model_and_saves_to_the_same_bytes() {
    let dataset = bundled();
    let first = dataset.to_json().expect("it serialises");
    let again = reload(&first);
    assert_eq!(again, dataset);
    assert_eq!(again.to_json().expect("it serialises"), first);
    assert!(first.starts_with("{\n  \"format\": \"microlateral-atlas/initiatives\",\n"));
    assert!(first.ends_with("}\n"));
}

#[test]
fn an_edit_changes_only_the_lines_of_its_value() {
    let mut dataset = bundled();
    let before = dataset.to_json().expect("it serialises");
    let mut history = History::default();
    let edit = Edit::Initiative {
        initiative: 0,
        field: InitiativeField::Name("Oslo back channel".to_owned()),
    };
    history
        .apply(&mut dataset, edit, "rename".to_owned())
        .expect("a valid edit");
    let after = dataset.to_json().expect("it serialises");
    let changed = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed, 1);
}

#[test]
fn undo_of_every_kind_of_edit_gives_back_the_data() {
    let original = bundled();
    let mut dataset = original.clone();
    let i = dataset.index_of("christchurch-call").expect("in the data");
    let initiative = dataset.initiatives[i].clone();
    let edits = vec![
        Edit::Initiative {
            initiative: i,
            field: InitiativeField::Status(Status::Concluded),
        },
        Edit::InsertActor {
            initiative: i,
            at: 0,
            actor: Box::new(edit::new_state_actor(&initiative, "MLT", Role::Participant)),
        },
        Edit::Actor {
            initiative: i,
            actor: 0,
            field: ActorField::Left(Some(date("2024-03"))),
        },
        Edit::MoveActor {
            initiative: i,
            from: 0,
            to: 3,
        },
        Edit::InsertSource {
            initiative: i,
            at: 0,
            source: edit::new_source(&initiative),
        },
        Edit::Source {
            initiative: i,
            source: 0,
            field: SourceField::Url("https://example.org/call".to_owned()),
        },
        Edit::InsertMilestone {
            initiative: i,
            at: 0,
            milestone: Box::new(edit::new_milestone(&initiative, date("2019-05-15"))),
        },
        Edit::Milestone {
            initiative: i,
            milestone: 0,
            field: MilestoneField::Confidence(Confidence::Disputed),
        },
        Edit::InsertInitiative {
            at: 0,
            initiative: Box::new(edit::duplicate_of(&dataset, &initiative)),
        },
        Edit::RemoveInitiative { at: 0 },
    ];
    let mut history = History::default();
    for edit in edits {
        history
            .apply(&mut dataset, edit, String::new())
            .expect("a valid edit");
        history.seal();
    }
    let edited = dataset.clone();
    while history.undo(&mut dataset).is_some() {}
    assert_eq!(dataset, original);
    while history.redo(&mut dataset).is_some() {}
    assert_eq!(dataset, edited);
}

#[test]
fn a_source_still_cited_is_not_deleted_and_the_refusal_says_where_it_is_cited() {
    let mut dataset = bundled();
    let before = dataset.clone();
    let i = dataset.index_of("oslo-accords").expect("in the data");
    let err = Edit::RemoveSource {
        initiative: i,
        at: 0,
    }
    .apply(&mut dataset)
    .expect_err("the source is cited");
    assert!(
        matches!(&err, EditError::InUse { by, .. } if by.contains("actor") || by.contains("milestone")),
        "{err}"
    );
    assert_eq!(dataset, before);
}

#[test]
fn a_milestone_or_an_initiative_a_tour_steps_through_is_not_removed() {
    let mut dataset = bundled();
    let (i, m) = dataset.tours[0].steps[0].shows.expect("a milestone step");
    let before = dataset.clone();
    let err = Edit::RemoveMilestone {
        initiative: i,
        at: m,
    }
    .apply(&mut dataset)
    .expect_err("a tour uses it");
    assert!(err.to_string().contains("tour"), "{err}");
    let err = Edit::RemoveInitiative { at: i }
        .apply(&mut dataset)
        .expect_err("a tour uses it");
    assert!(err.to_string().contains("tour"), "{err}");
    assert_eq!(dataset, before);
}

#[test]
fn inserting_a_milestone_keeps_the_tours_on_the_same_milestones() {
    let mut dataset = bundled();
    let (i, m) = dataset.tours[0].steps[0].shows.expect("a milestone step");
    let title = dataset.initiatives[i].milestones[m].title.clone();
    let milestone = Box::new(edit::new_milestone(&dataset.initiatives[i], date("1900")));
    Edit::InsertMilestone {
        initiative: i,
        at: 0,
        milestone,
    }
    .apply(&mut dataset)
    .expect("a valid edit");
    let (i, m) = dataset.tours[0].steps[0].shows.expect("a milestone step");
    assert_eq!(dataset.initiatives[i].milestones[m].title, title);
}

#[test]
fn typing_into_one_field_is_one_step_and_the_next_field_another() {
    let mut dataset = bundled();
    let original = dataset.initiatives[0].name.clone();
    let mut history = History::default();
    for text in ["O", "Os", "Osl", "Oslo"] {
        let edit = Edit::Initiative {
            initiative: 0,
            field: InitiativeField::Name(text.to_owned()),
        };
        history
            .apply(&mut dataset, edit, "rename".to_owned())
            .expect("a valid edit");
    }
    let edit = Edit::Initiative {
        initiative: 0,
        field: InitiativeField::Summary("Short.".to_owned()),
    };
    history
        .apply(&mut dataset, edit, "summary".to_owned())
        .expect("a valid edit");
    assert_eq!(history.undo_steps(), 2);
    history.undo(&mut dataset);
    assert_eq!(dataset.initiatives[0].name, "Oslo");
    history.undo(&mut dataset);
    assert_eq!(dataset.initiatives[0].name, original);
    history.redo(&mut dataset);
    assert_eq!(dataset.initiatives[0].name, "Oslo");
}

#[test]
fn the_history_keeps_at_least_a_thousand_steps() {
    let mut dataset = bundled();
    let original = dataset.clone();
    let mut history = History::default();
    for n in 0..1500 {
        let edit = Edit::Initiative {
            initiative: n % 5,
            field: InitiativeField::Note(Some(format!("note {n}"))),
        };
        history
            .apply(&mut dataset, edit, String::new())
            .expect("a valid edit");
        history.seal();
    }
    assert_eq!(history.undo_steps(), 1500);
    while history.undo(&mut dataset).is_some() {}
    assert_eq!(dataset, original);
}

#[test]
fn the_checks_after_an_edit_name_the_field_at_its_place_in_the_data() {
    let mut dataset = bundled();
    let i = 3;
    Edit::Initiative {
        initiative: i,
        field: InitiativeField::End(Some(date("1200"))),
    }
    .apply(&mut dataset)
    .expect("a typed value is taken");
    let problems = dataset.check_initiative(i, &world().world);
    let error = problems
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an end before the start is an error");
    assert_eq!(error.path, format!("initiatives[{i}].end"));
    let other_id = dataset.initiatives[0].id.clone();
    Edit::Initiative {
        initiative: i,
        field: InitiativeField::Id(other_id.clone()),
    }
    .apply(&mut dataset)
    .expect("a typed value is taken");
    let problems = dataset.check_initiative(i, &world().world);
    assert!(
        problems.iter().any(|d| d
            .message
            .contains(&format!("duplicate initiative id \"{other_id}\""))),
        "{problems:?}"
    );
}

/// One random edit, given as numbers that pick its target in whatever the data is by then.
#[derive(Clone, Debug)]
enum Pick {
    Name(usize, String),
    Status(usize, usize),
    Role(usize, usize, usize),
    AddState(usize, usize, usize),
    RemoveActor(usize, usize),
    MoveActor(usize, usize, usize),
    AddSource(usize),
    RemoveSource(usize, usize),
    AddMilestone(usize),
    RemoveMilestone(usize, usize),
    MilestoneTitle(usize, usize, String),
    Duplicate(usize),
    Remove(usize),
    StepNotes(usize, usize, Option<String>),
    StepTitle(usize, usize, Option<String>),
    AddStep(usize, usize, usize),
    AddTitleStep(usize, usize, String),
    MoveStep(usize, usize, usize),
    RemoveStep(usize, usize),
}

fn pick() -> impl Strategy<Value = Pick> {
    let n = || 0..10_000usize;
    let text = "[a-zA-Zé][a-zA-Zé ]{0,11}";
    prop_oneof![
        (n(), text).prop_map(|(i, t)| Pick::Name(i, t)),
        (n(), n()).prop_map(|(i, s)| Pick::Status(i, s)),
        (n(), n(), n()).prop_map(|(i, a, r)| Pick::Role(i, a, r)),
        (n(), n(), n()).prop_map(|(i, c, r)| Pick::AddState(i, c, r)),
        (n(), n()).prop_map(|(i, a)| Pick::RemoveActor(i, a)),
        (n(), n(), n()).prop_map(|(i, a, b)| Pick::MoveActor(i, a, b)),
        n().prop_map(Pick::AddSource),
        (n(), n()).prop_map(|(i, s)| Pick::RemoveSource(i, s)),
        n().prop_map(Pick::AddMilestone),
        (n(), n()).prop_map(|(i, m)| Pick::RemoveMilestone(i, m)),
        (n(), n(), text).prop_map(|(i, m, t)| Pick::MilestoneTitle(i, m, t)),
        n().prop_map(Pick::Duplicate),
        n().prop_map(Pick::Remove),
        (n(), n(), proptest::option::of(text)).prop_map(|(t, s, x)| Pick::StepNotes(t, s, x)),
        (n(), n(), proptest::option::of(text)).prop_map(|(t, s, x)| Pick::StepTitle(t, s, x)),
        (n(), n(), n()).prop_map(|(t, k, i)| Pick::AddStep(t, k, i)),
        (n(), n(), text).prop_map(|(t, k, x)| Pick::AddTitleStep(t, k, x)),
        (n(), n(), n()).prop_map(|(t, a, b)| Pick::MoveStep(t, a, b)),
        (n(), n()).prop_map(|(t, k)| Pick::RemoveStep(t, k)),
    ]
}

/// The edit a pick stands for in `dataset` as it is; `None` where it names nothing.
fn edit_for(pick: Pick, dataset: &Dataset) -> Option<Edit> {
    let count = dataset.initiatives.len();
    let at = |n: usize, len: usize| (len > 0).then(|| n % len);
    let codes = [
        "NOR", "QAT", "NZL", "EST", "MLT", "FRA", "USA", "CHN", "SGP", "OMN",
    ];
    Some(match pick {
        Pick::Name(i, name) => Edit::Initiative {
            initiative: at(i, count)?,
            field: InitiativeField::Name(name),
        },
        Pick::Status(i, s) => Edit::Initiative {
            initiative: at(i, count)?,
            field: InitiativeField::Status(Status::ALL[s % Status::ALL.len()]),
        },
        Pick::Role(i, a, r) => {
            let i = at(i, count)?;
            Edit::Actor {
                initiative: i,
                actor: at(a, dataset.initiatives[i].actors.len())?,
                field: ActorField::Role(Role::ALL[r % Role::ALL.len()]),
            }
        }
        Pick::AddState(i, c, r) => {
            let i = at(i, count)?;
            let initiative = &dataset.initiatives[i];
            let role = Role::ALL[r % Role::ALL.len()];
            // A state twice in one role with no dates is an overlap error; the checks catch it
            // (a test above), but most sequences here should stay loadable.
            let code = codes[c % codes.len()];
            if initiative.role_of(code, None) == Some(role) {
                return None;
            }
            Edit::InsertActor {
                initiative: i,
                at: c % (initiative.actors.len() + 1),
                actor: Box::new(edit::new_state_actor(initiative, code, role)),
            }
        }
        Pick::RemoveActor(i, a) => {
            let i = at(i, count)?;
            Edit::RemoveActor {
                initiative: i,
                at: at(a, dataset.initiatives[i].actors.len())?,
            }
        }
        Pick::MoveActor(i, a, b) => {
            let i = at(i, count)?;
            let len = dataset.initiatives[i].actors.len();
            Edit::MoveActor {
                initiative: i,
                from: at(a, len)?,
                to: at(b, len)?,
            }
        }
        Pick::AddSource(i) => {
            let i = at(i, count)?;
            let initiative = &dataset.initiatives[i];
            let mut source = edit::new_source(initiative);
            source.url = "https://example.org/source".to_owned();
            Edit::InsertSource {
                initiative: i,
                at: i % (initiative.sources.len() + 1),
                source,
            }
        }
        Pick::RemoveSource(i, s) => {
            let i = at(i, count)?;
            Edit::RemoveSource {
                initiative: i,
                at: at(s, dataset.initiatives[i].sources.len())?,
            }
        }
        Pick::AddMilestone(i) => {
            let i = at(i, count)?;
            let initiative = &dataset.initiatives[i];
            let mut milestone = edit::new_milestone(initiative, initiative.start);
            milestone.outcome = "Something happened.".to_owned();
            Edit::InsertMilestone {
                initiative: i,
                at: 0,
                milestone: Box::new(milestone),
            }
        }
        Pick::RemoveMilestone(i, m) => {
            let i = at(i, count)?;
            Edit::RemoveMilestone {
                initiative: i,
                at: at(m, dataset.initiatives[i].milestones.len())?,
            }
        }
        Pick::MilestoneTitle(i, m, title) => {
            let i = at(i, count)?;
            Edit::Milestone {
                initiative: i,
                milestone: at(m, dataset.initiatives[i].milestones.len())?,
                field: MilestoneField::Title(title),
            }
        }
        Pick::Duplicate(i) => {
            let i = at(i, count)?;
            Edit::InsertInitiative {
                at: i,
                initiative: Box::new(edit::duplicate_of(dataset, &dataset.initiatives[i])),
            }
        }
        Pick::Remove(i) => Edit::RemoveInitiative { at: at(i, count)? },
        Pick::StepNotes(t, s, notes) => {
            let t = at(t, dataset.tours.len())?;
            Edit::Step {
                tour: t,
                step: at(s, dataset.tours[t].steps.len())?,
                field: StepField::Notes(notes),
            }
        }
        Pick::StepTitle(t, s, title) => {
            let t = at(t, dataset.tours.len())?;
            Edit::Step {
                tour: t,
                step: at(s, dataset.tours[t].steps.len())?,
                field: StepField::Title(title),
            }
        }
        Pick::AddStep(t, k, i) => {
            let t = at(t, dataset.tours.len())?;
            let i = at(i, count)?;
            let camera = Some(Camera {
                lon: 10.0,
                lat: 50.0,
                zoom: 3.5,
            });
            let day = Some(dataset.initiatives[i].start.end_day());
            Edit::InsertStep {
                tour: t,
                at: k % (dataset.tours[t].steps.len() + 1),
                step: Box::new(edit::step_of_view(dataset, i, day, camera)?),
            }
        }
        Pick::AddTitleStep(t, k, title) => {
            let t = at(t, dataset.tours.len())?;
            Edit::InsertStep {
                tour: t,
                at: k % (dataset.tours[t].steps.len() + 1),
                step: Box::new(edit::title_step(&title, None, None)),
            }
        }
        Pick::MoveStep(t, a, b) => {
            let t = at(t, dataset.tours.len())?;
            let steps = dataset.tours[t].steps.len();
            Edit::MoveStep {
                tour: t,
                from: at(a, steps)?,
                to: at(b, steps)?,
            }
        }
        Pick::RemoveStep(t, k) => {
            let t = at(t, dataset.tours.len())?;
            Edit::RemoveStep {
                tour: t,
                at: at(k, dataset.tours[t].steps.len())?,
            }
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_two_hundred_edits_undone_give_the_data_back_redone_give_the_edits_and_save_and_load(
        picks in proptest::collection::vec(pick(), 200..260)
    ) {
        let original = bundled();
        let mut dataset = original.clone();
        let mut history = History::default();
        for pick in picks {
            if let Some(edit) = edit_for(pick, &dataset) {
                let before = dataset.clone();
                if history.apply(&mut dataset, edit, String::new()).is_err() {
                    // A refused edit changes nothing.
                    prop_assert_eq!(&dataset, &before);
                }
                history.seal();
            }
        }
        let edited = dataset.clone();
        while history.undo(&mut dataset).is_some() {}
        prop_assert_eq!(&dataset, &original);
        while history.redo(&mut dataset).is_some() {}
        prop_assert_eq!(&dataset, &edited);

        // Saved, the edited data loads as the same model wherever the checks pass.
        let clean = (0..dataset.initiatives.len()).all(|i| {
            dataset
                .check_initiative(i, &world().world)
                .iter()
                .all(|d| d.severity == Severity::Warning)
        }) && dataset.check_tours().is_empty();
        let text = dataset.to_json().expect("it serialises");
        let loaded = Dataset::from_json("saved.json", text.as_bytes(), &world().world);
        prop_assert_eq!(clean, loaded.is_ok(), "the checks and a load disagree: {:?}", loaded.err());
        if let Ok(loaded) = loaded {
            prop_assert_eq!(&loaded.dataset, &dataset);
            prop_assert_eq!(&loaded.dataset.to_json().expect("it serialises"), &text);
        }
        // A recovery file is read back as the same model whatever the checks find.
        let recovered = Dataset::from_json_unchecked("recovery", text.as_bytes(), &world().world);
        prop_assert!(recovered.is_ok(), "the edited data is not read back: {:?}", recovered.err());
        if let Ok(recovered) = recovered {
            prop_assert_eq!(&recovered.dataset, &dataset);
        }
    }

    #[test]
    fn the_overview_counts_kept_through_edits_match_counts_made_from_scratch(
        picks in proptest::collection::vec(pick(), 60..100),
        year in 1990i32..2027,
    ) {
        let world = &world().world;
        let as_of = Some(date(&format!("{year}-06-30")).end_day());
        let mut dataset = bundled();
        let mut kept = Involvement::new(world, &dataset, as_of);
        let mut history = History::default();
        for pick in picks {
            let Some(edit) = edit_for(pick, &dataset) else { continue };
            match history.apply(&mut dataset, edit, String::new()) {
                Ok(Touched::Initiative(i)) => kept.refresh(world, &dataset, i),
                Ok(_) => kept = Involvement::new(world, &dataset, as_of),
                Err(_) => {}
            }
            history.seal();
            let fresh = Involvement::new(world, &dataset, as_of);
            prop_assert_eq!(kept.counts(), fresh.counts());
        }
        while let Some(done) = history.undo(&mut dataset) {
            match done {
                Ok(Touched::Initiative(i)) => kept.refresh(world, &dataset, i),
                Ok(_) => kept = Involvement::new(world, &dataset, as_of),
                Err(_) => {}
            }
        }
        let fresh = Involvement::new(world, &dataset, as_of);
            prop_assert_eq!(kept.counts(), fresh.counts());
    }
}
