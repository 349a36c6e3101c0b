//! Behaviour of the shipped initiatives dataset against the bundled world map.

use microlateral_atlas::WorldData;
use microlateral_atlas::data::bundled::{
    INITIATIVES as BUNDLED_INITIATIVES, INITIATIVES_NAME as BUNDLED_INITIATIVES_NAME,
};
use microlateral_atlas::data::date::day_from_ymd;
use microlateral_atlas::data::{Dataset, FuzzyDate, Loaded, Role, World};

fn world() -> World {
    WorldData::bundled().expect("the bundled world loads").world
}

fn shipped(world: &World) -> Loaded {
    Dataset::from_json(BUNDLED_INITIATIVES_NAME, BUNDLED_INITIATIVES, world)
        .unwrap_or_else(|e| panic!("the shipped dataset loads:\n{e}"))
}

#[test]
fn the_shipped_dataset_loads_without_errors() {
    let world = world();
    let loaded = shipped(&world);
    assert_eq!(loaded.dataset.initiatives.len(), 21);
    for warning in &loaded.warnings {
        eprintln!("{warning}");
    }
}

#[test]
fn every_state_in_the_shipped_dataset_is_on_the_world_map() {
    let world = world();
    let loaded = shipped(&world);
    for initiative in &loaded.dataset.initiatives {
        for (code, _) in initiative.states(None) {
            assert!(
                world.by_code(code).is_some(),
                "{}: {code} is not on the map",
                initiative.id
            );
        }
    }
}

#[test]
fn all_thirteen_small_state_efforts_are_present() {
    let world = world();
    let dataset = shipped(&world).dataset;
    let small_state: Vec<&str> = dataset
        .initiatives
        .iter()
        .filter(|i| i.kind == microlateral_atlas::data::Kind::SmallState)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        small_state,
        [
            "oslo-accords",
            "lome-sierra-leone",
            "doha-agreement",
            "aqaba-process",
            "christchurch-call",
            "first-movers-group",
            "afghanistan-conference-2020",
            "digital-government-forum",
            "depa",
            "remote-learning",
            "abraham-accords",
            "costa-rica-conservation",
            "colombia-ddr",
        ]
    );
}

#[test]
fn the_united_states_joins_the_christchurch_call_in_2021() {
    let world = world();
    let dataset = shipped(&world).dataset;
    let call = dataset
        .by_id("christchurch-call")
        .expect("the Christchurch Call");
    let june_2019 = day_from_ymd(2019, 6, 1);
    let june_2021 = day_from_ymd(2021, 6, 1);
    assert_eq!(call.role_of("USA", Some(june_2019)), None);
    assert!(
        !call
            .states(Some(june_2019))
            .iter()
            .any(|(c, _)| *c == "USA")
    );
    assert_eq!(
        call.role_of("USA", Some(june_2021)),
        Some(Role::Participant)
    );
    assert!(
        call.states(Some(june_2021))
            .contains(&("USA", Role::Participant))
    );
    assert_eq!(call.role_of("NZL", Some(june_2019)), Some(Role::Lead));
    assert_eq!(call.role_of("NZL", Some(day_from_ymd(2019, 5, 14))), None);
}

#[test]
fn norways_history_starts_with_the_oslo_accords_as_lead() {
    let world = world();
    let dataset = shipped(&world).dataset;
    let history = dataset.history_of("NOR");
    let first = history.first().expect("Norway has a history");
    let oslo = &dataset.initiatives[first.initiative];
    assert_eq!(oslo.id, "oslo-accords");
    assert_eq!(first.role, Role::Lead);
    assert_eq!(oslo.start, FuzzyDate::parse("1992-12").unwrap());
    assert_eq!(oslo.end, Some(FuzzyDate::parse("1995-09-28").unwrap()));
    assert_eq!(oslo.span_label(), "Dec 1992 – 28 Sep 1995");
    let ids: Vec<&str> = history
        .iter()
        .map(|e| dataset.initiatives[e.initiative].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "oslo-accords",
            "colombia-ddr",
            "christchurch-call",
            "first-movers-group",
            "leaders-climate-summit"
        ]
    );
}

#[test]
fn a_state_listed_twice_appears_twice_in_its_history() {
    let world = world();
    let dataset = shipped(&world).dataset;
    let roles: Vec<(String, Role)> = dataset
        .history_of("BHR")
        .iter()
        .map(|e| (dataset.initiatives[e.initiative].id.clone(), e.role))
        .collect();
    assert!(roles.contains(&("abraham-accords".to_owned(), Role::Participant)));
    assert!(roles.contains(&("abraham-accords".to_owned(), Role::ProposedLead)));
    let accords = dataset.by_id("abraham-accords").unwrap();
    assert_eq!(accords.role_of("BHR", None), Some(Role::ProposedLead));
}

#[test]
fn the_lens_of_the_oslo_accords_weighs_norway_against_israel() {
    let world = world();
    let dataset = shipped(&world).dataset;
    let population = |code: &str| world.by_code(code)?.population.map(|p| p.count);
    let lens = dataset.by_id("oslo-accords").unwrap().lens(population);
    let norway = population("NOR").expect("Norway's population");
    assert_eq!(lens.lead_population, norway);
    // Participants are the states that took part (Israel); supporters are left out.
    assert_eq!(lens.participant_population, population("ISR").unwrap());
    assert!(lens.leads_without_population.is_empty());
    let ratio = lens.ratio().expect("a ratio");
    assert!(ratio > 1.0 && ratio < 3.0, "{ratio}");
}
