//! Framing, checked from the scene's numbers: in every step of the tour of every milestone, and
//! in the picture of every bundled initiative, each involved state's box lies in the part of the
//! picture the caption (or title) and the legend leave free.

use microlateral_atlas::WorldData;
use microlateral_atlas::data::{Dataset, bundled};
use microlateral_atlas::export::picture::legend_px;
use microlateral_atlas::scene::framing::involved;
use microlateral_atlas::scene::{Picture, build_tour};

const SIZE: [u32; 2] = [1600, 900];

fn bundled_data() -> (WorldData, Dataset) {
    let data = WorldData::bundled().expect("the bundled world loads");
    let dataset = bundled::dataset(&data.world).expect("the bundled initiatives load");
    (data, dataset)
}

/// Every involved state whose box is not inside the free area, with where it is.
fn outside(data: &WorldData, dataset: &Dataset, picture: &Picture) -> Vec<String> {
    let look = picture.look(&data.world, dataset);
    let (view, framing) = picture.frame(&data.world, dataset, SIZE, legend_px(&look.legend));
    let [x0, y0, x1, y1] = framing.free.map(|v| v as f32);
    let initiative = &dataset.initiatives[picture.initiative.expect("an initiative")];
    let mut problems = Vec::new();
    for code in involved(initiative, picture.as_of) {
        let Some(country) = data.world.by_code(code) else {
            continue;
        };
        let b = country.main_bbox();
        let a = view.screen_from_lonlat([b.min[0], b.max[1]]);
        let z = view.screen_from_lonlat([b.max[0], b.min[1]]);
        let tolerance = 1.0;
        if a.x < x0 - tolerance
            || a.y < y0 - tolerance
            || z.x > x1 + tolerance
            || z.y > y1 + tolerance
        {
            problems.push(format!(
                "{}: {code} at ({:.0},{:.0})–({:.0},{:.0}), free area {:?}",
                initiative.id, a.x, a.y, z.x, z.y, framing.free
            ));
        }
    }
    problems
}

#[test]
fn every_tour_step_shows_its_states_clear_of_the_caption_and_the_legend() {
    let (data, dataset) = bundled_data();
    let all: Vec<usize> = (0..dataset.initiatives.len()).collect();
    let mut problems = Vec::new();
    for step in build_tour(&dataset, &all) {
        let picture = Picture::of_step(&dataset, &step);
        problems.extend(outside(&data, &dataset, &picture));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_initiatives_picture_shows_its_states_clear_of_the_title_and_the_legend() {
    let (data, dataset) = bundled_data();
    let mut problems = Vec::new();
    for i in 0..dataset.initiatives.len() {
        let picture = Picture {
            initiative: Some(i),
            ..Picture::default()
        };
        problems.extend(outside(&data, &dataset, &picture));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_costa_rica_step_shows_costa_rica_and_its_neighbours_not_an_ocean() {
    let (data, dataset) = bundled_data();
    let index = dataset
        .index_of("costa-rica-conservation")
        .expect("the Costa Rica entry");
    let all: Vec<usize> = (0..dataset.initiatives.len()).collect();
    let step = build_tour(&dataset, &all)
        .into_iter()
        .find(|s| {
            s.shows.is_some_and(|(i, m)| {
                i == index
                    && dataset.initiatives[index].milestones[m].title
                        == "Payments for environmental services begin"
            })
        })
        .expect("the 1997 step");
    let picture = Picture::of_step(&dataset, &step);
    let look = picture.look(&data.world, &dataset);
    let (view, framing) = picture.frame(&data.world, &dataset, SIZE, legend_px(&look.legend));
    assert!(
        framing.zoom > 4.0,
        "zoomed in on Central America: {framing:?}"
    );
    let costa_rica = view.screen_from_lonlat([-84.0, 10.0]);
    assert!(view.rect.contains(costa_rica));
    // The legend lists the one role on the map, and "not involved".
    let rows: Vec<&str> = look.legend.1.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(rows, ["proposed lead", "not involved"]);
}

#[test]
fn a_single_picture_says_what_it_shows_and_when() {
    let (data, dataset) = bundled_data();
    let doha = dataset.index_of("doha-agreement").expect("Doha");
    let picture = Picture {
        initiative: Some(doha),
        as_of: Some(microlateral_atlas::data::date::day_from_ymd(2008, 5, 25)),
        ..Picture::default()
    };
    let svg = microlateral_atlas::export::svg(&data, &dataset, &picture, SIZE);
    assert!(
        svg.contains(">Doha Agreement on Lebanon · as of 25 May 2008<"),
        "the title line"
    );
}
