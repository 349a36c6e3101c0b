//! The bundled data as an analyst would audit it: every fact names a source, every source is the
//! page that states it (an article, not a site's home page), and where a source publishes how
//! many states took part, the data has that many as of that date.

use microlateral_atlas::WorldData;
use microlateral_atlas::data::date::day_from_ymd;
use microlateral_atlas::data::{Dataset, bundled};

fn dataset() -> Dataset {
    let world = WorldData::bundled().expect("the bundled world loads").world;
    bundled::dataset(&world).expect("the bundled initiatives load")
}

#[test]
fn every_source_is_a_page_not_a_bare_domain() {
    let dataset = dataset();
    let mut bare = Vec::new();
    for initiative in &dataset.initiatives {
        for source in &initiative.sources {
            let after_host = source
                .url
                .split_once("://")
                .and_then(|(_, rest)| rest.split_once('/'))
                .map(|(_, path)| path);
            if after_host.is_none_or(|path| path.trim_end_matches('/').is_empty()) {
                bare.push(format!("{}: {} ({})", initiative.id, source.id, source.url));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "sources without a path:\n  {}",
        bare.join("\n  ")
    );
}

#[test]
fn every_initiative_actor_and_milestone_names_a_source_that_exists() {
    let dataset = dataset();
    for initiative in &dataset.initiatives {
        let count = initiative.sources.len();
        assert!(count > 0, "{} has no source", initiative.id);
        for actor in &initiative.actors {
            assert!(
                !actor.sources.is_empty() && actor.sources.iter().all(|&s| s < count),
                "{}: {} names no valid source",
                initiative.id,
                actor.actor.label()
            );
        }
        for milestone in &initiative.milestones {
            assert!(
                !milestone.sources.is_empty() && milestone.sources.iter().all(|&s| s < count),
                "{}: the milestone \"{}\" names no valid source",
                initiative.id,
                milestone.title
            );
        }
    }
}

/// The number of states in `id` as of a day.
fn states_as_of(dataset: &Dataset, id: &str, day: i64) -> usize {
    dataset
        .by_id(id)
        .unwrap_or_else(|| panic!("{id} is in the data"))
        .states(Some(day))
        .len()
}

#[test]
fn the_christchurch_call_had_seventeen_states_the_day_after_its_launch() {
    // "Canada was one of 17 countries to sign on to the call, as well as the European
    // Commission": Stuff, 2019-05-16; MFAT Annual Report 2018/19.
    assert_eq!(
        states_as_of(&dataset(), "christchurch-call", day_from_ymd(2019, 5, 16)),
        17
    );
}

/// The states of `id` whose join is certain by `day`: a join known only within a range counts
/// from the range's last day.
fn states_certainly_in(dataset: &Dataset, id: &str, day: i64) -> usize {
    let initiative = dataset
        .by_id(id)
        .unwrap_or_else(|| panic!("{id} is in the data"));
    initiative
        .states(Some(day))
        .iter()
        .filter(|(code, _)| {
            initiative.actors.iter().any(|actor| {
                actor.actor.state_code() == Some(*code)
                    && actor.joined.is_none_or(|joined| joined.end_day() <= day)
            })
        })
        .count()
}

#[test]
fn the_christchurch_calls_48_governments_of_october_2019_lie_between_its_certain_and_possible_members()
 {
    // "We have 48 countries, three international organisations who've signed up to the
    // Christchurch Call": Jacinda Ardern, post-Cabinet press conference, 14 October 2019
    // (orderpaper.co.nz/beehive/2019-10-14). 17 founders and 31 joiners of 23 September 2019;
    // only 4 of the 31 are named by a source found, and 32 supporters are known only to have
    // joined between then and May 2024, so the data brackets the count rather than meeting it.
    let dataset = dataset();
    let day = day_from_ymd(2019, 10, 1);
    let certain = states_certainly_in(&dataset, "christchurch-call", day);
    let possible = states_as_of(&dataset, "christchurch-call", day);
    assert_eq!((certain, possible), (21, 53));
    assert!((certain..=possible).contains(&48));
}

#[test]
fn the_christchurch_call_has_54_of_the_55_governments_it_counted_in_may_2021() {
    // "The Christchurch Call now includes 55 governments": Aotearoa Today, 2021-05-22. Wikipedia's
    // supporter list (mid-2024) names 54, the United States (7 May 2021) among them; the 55th is
    // named by no source found (it may be the European Commission, counted as a government).
    assert_eq!(
        states_as_of(&dataset(), "christchurch-call", day_from_ymd(2021, 6, 1)),
        54
    );
}

#[test]
fn the_t12_has_the_twelve_states_its_article_names() {
    // "For now, 12 countries stand out for inclusion in such a group": Cohen and Fontaine,
    // Foreign Affairs, 2020-10-13.
    assert_eq!(
        states_as_of(&dataset(), "t-12", day_from_ymd(2020, 10, 13)),
        12
    );
}

#[test]
fn the_leaders_summit_on_climate_has_its_host_and_thirty_eight_invited_states() {
    // "President Biden Invites 40 World Leaders": 38 states and the presidents of the European
    // Commission and the European Council (White House, 2021-03-26).
    let dataset = dataset();
    assert_eq!(
        states_as_of(
            &dataset,
            "leaders-climate-summit",
            day_from_ymd(2021, 4, 22)
        ),
        39
    );
    let orgs = dataset
        .by_id("leaders-climate-summit")
        .map_or(0, |i| i.orgs().count());
    assert_eq!(orgs, 2);
}

#[test]
fn as_of_february_2026_the_united_states_has_left_the_paris_and_who_entries() {
    let dataset = dataset();
    let day = day_from_ymd(2026, 2, 1);
    for id in ["paris-agreement-return", "who-return"] {
        let entry = dataset.by_id(id).expect("in the data");
        assert!(
            entry.former_states(day).iter().any(|f| f.code == "USA"),
            "{id}"
        );
    }
}
