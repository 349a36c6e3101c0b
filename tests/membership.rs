//! Membership over time: states that leave, rejoin and change role (`tests/data/membership.json`
//! and the bundled contrast entries).

use std::path::Path;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::date::day_from_ymd;
use microlateral_atlas::data::{Dataset, FuzzyDate, Initiative, Role, World, bundled};

fn world() -> World {
    WorldData::bundled().expect("the bundled world loads").world
}

fn fixture(world: &World) -> Dataset {
    Dataset::load(Path::new("tests/data/membership.json"), world)
        .expect("the fixture loads")
        .dataset
}

fn day(y: i32, m: u8, d: u8) -> i64 {
    day_from_ymd(y, m, d)
}

fn role(initiative: &Initiative, code: &str, on: i64) -> Option<Role> {
    initiative.role_of(code, Some(on))
}

#[test]
fn a_state_with_two_periods_counts_during_each_and_not_before_between_or_after() {
    let world = world();
    let dataset = fixture(&world);
    let pact = &dataset.initiatives[0];
    let usa = |on| role(pact, "USA", on);
    assert_eq!(usa(day(2016, 1, 1)), None, "before the first period");
    assert_eq!(
        usa(day(2016, 11, 4)),
        Some(Role::Participant),
        "its first day"
    );
    assert_eq!(
        usa(day(2020, 11, 3)),
        Some(Role::Participant),
        "the first period's last day"
    );
    assert_eq!(usa(day(2020, 11, 4)), None, "the day it left");
    assert_eq!(usa(day(2021, 2, 18)), None, "between the periods");
    assert_eq!(usa(day(2021, 2, 19)), Some(Role::Participant), "back again");
    assert_eq!(usa(day(2026, 1, 26)), Some(Role::Participant));
    assert_eq!(usa(day(2026, 2, 1)), None, "after the second period");
    assert_eq!(role(pact, "USA", day(2019, 1, 1)), Some(Role::Participant));
    let counted = |on| pact.states(Some(on)).iter().any(|(c, _)| *c == "USA");
    assert!(counted(day(2019, 1, 1)) && !counted(day(2020, 12, 1)) && counted(day(2022, 1, 1)));
}

#[test]
fn a_state_that_changed_role_holds_the_new_one_and_is_not_a_former_member() {
    let world = world();
    let dataset = fixture(&world);
    let pact = &dataset.initiatives[0];
    assert_eq!(role(pact, "NZL", day(2017, 6, 1)), Some(Role::Participant));
    assert_eq!(role(pact, "NZL", day(2018, 6, 1)), Some(Role::CoLead));
    assert!(pact.former_states(day(2018, 6, 1)).is_empty());
}

#[test]
fn a_state_that_left_is_a_former_member_with_its_last_role_and_date() {
    let world = world();
    let dataset = fixture(&world);
    let pact = &dataset.initiatives[0];
    let former = pact.former_states(day(2020, 12, 1));
    assert_eq!(former.len(), 1, "{former:?}");
    assert_eq!(former[0].code, "USA");
    assert_eq!(former[0].role, Role::Participant);
    assert_eq!(former[0].left, FuzzyDate::parse("2020-11-04").unwrap());
    assert!(
        pact.former_states(day(2022, 1, 1)).is_empty(),
        "a member again"
    );
    let later = pact.former_states(day(2026, 2, 1));
    assert_eq!(later[0].left, FuzzyDate::parse("2026-01-27").unwrap());
}

#[test]
fn a_countrys_history_lists_each_role_with_its_periods() {
    let world = world();
    let dataset = fixture(&world);
    let start = dataset.initiatives[0].start;
    let usa = dataset.history_of("USA");
    assert_eq!(usa.len(), 1, "one role, two periods");
    assert_eq!(
        usa[0].periods_label(start).as_deref(),
        Some("4 Nov 2016 – 4 Nov 2020, 19 Feb 2021 – 27 Jan 2026")
    );
    let nzl: Vec<(Role, Option<String>)> = dataset
        .history_of("NZL")
        .into_iter()
        .map(|e| (e.role, e.periods_label(start)))
        .collect();
    assert_eq!(
        nzl,
        [
            (
                Role::Participant,
                Some("12 Dec 2015 – 1 Jan 2018".to_owned())
            ),
            (Role::CoLead, Some("from 1 Jan 2018".to_owned())),
        ]
    );
    assert_eq!(dataset.history_of("FRA")[0].periods_label(start), None);
}

#[test]
fn the_history_export_has_a_row_per_period_with_its_left_date() {
    let world = world();
    let dataset = fixture(&world);
    let csv = microlateral_atlas::export::history(
        &dataset,
        "USA",
        microlateral_atlas::export::Format::Csv,
    )
    .expect("the export is made");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "initiative_id,initiative,role,joined,left,start,end,status,outcome"
    );
    assert!(lines[1].starts_with(
        "climate-pact,Climate Pact (test fixture),participant,2016-11-04,2020-11-04,"
    ));
    assert!(lines[2].starts_with(
        "climate-pact,Climate Pact (test fixture),participant,2021-02-19,2026-01-27,"
    ));
    assert_eq!(lines.len(), 3);
}

#[test]
fn as_of_february_2026_the_united_states_is_a_former_member_of_the_paris_agreement_entry() {
    let world = world();
    let dataset = bundled::dataset(&world).expect("the bundled initiatives load");
    let paris = dataset
        .by_id("paris-agreement-return")
        .expect("the Paris Agreement entry");
    assert_eq!(
        paris.role_of("USA", Some(day(2025, 6, 1))),
        Some(Role::Lead)
    );
    let former = paris.former_states(day(2026, 2, 1));
    assert_eq!(former.len(), 1, "{former:?}");
    assert_eq!(former[0].code, "USA");
    assert_eq!(former[0].left, FuzzyDate::parse("2026-01-27").unwrap());
    let who = dataset.by_id("who-return").expect("the WHO entry");
    assert_eq!(who.former_states(day(2026, 2, 1))[0].code, "USA");
}

#[test]
fn the_plo_is_drawn_on_palestine_and_palestine_s_history_names_it() {
    let world = world();
    let dataset = bundled::dataset(&world).expect("the bundled initiatives load");
    let oslo = dataset.index_of("oslo-accords").expect("the Oslo entry");
    let colors =
        microlateral_atlas::scene::country_colors(&world, &dataset, Some(oslo), None, &[], true);
    let pse = world.index_of("PSE").expect("Palestine is on the map");
    assert_eq!(
        colors.fills[pse],
        microlateral_atlas::scene::palette::role_fill(Role::Participant)
    );
    assert!(
        dataset.initiatives[oslo]
            .states(None)
            .iter()
            .all(|(c, _)| *c != "PSE"),
        "the territory is drawn but not counted as a state"
    );
    let history = dataset.history_of("PSE");
    let entry = history
        .iter()
        .find(|e| e.initiative == oslo)
        .expect("Oslo in Palestine's history");
    assert_eq!(entry.through.as_deref(), Some("PLO"));
    assert_eq!(entry.through_label(), " (as PLO)");
}
