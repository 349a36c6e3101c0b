//! Pictures without a window: the SVG parses, the PNG has the asked-for size and real pixels,
//! and a tour becomes one picture per step.

use microlateral_atlas::WorldData;
use microlateral_atlas::data::bundled::dataset as bundled_dataset;
use microlateral_atlas::export::{PictureFormat, png, svg, write_pictures};
use microlateral_atlas::scene::Picture;
use microlateral_atlas::scene::build_tour;
use microlateral_atlas::scene::{palette, style};

fn hex(c: egui::Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

#[test]
fn an_initiative_picture_is_valid_svg_in_the_apps_role_colours() {
    let data = WorldData::bundled().expect("world");
    let dataset = bundled_dataset(&data.world).expect("initiatives");
    let oslo = dataset.index_of("oslo-accords");
    let picture = Picture {
        initiative: oslo,
        ..Picture::default()
    };
    let drawing = svg(&data, &dataset, &picture, [1200, 700]);
    let tree = resvg::usvg::Tree::from_str(&drawing, &resvg::usvg::Options::default());
    assert!(tree.is_ok(), "{:?}", tree.err());
    assert!(drawing.contains(&hex(palette::role_fill(
        microlateral_atlas::data::Role::Lead
    ))));
    assert!(drawing.contains(&hex(palette::role_fill(
        microlateral_atlas::data::Role::Participant
    ))));
    assert!(drawing.contains("Roles in Oslo channel and Oslo Accords"));
    assert!(drawing.matches("<path").count() > 50);
}

#[test]
fn a_png_has_the_asked_for_size_and_shows_sea_land_and_roles() {
    let data = WorldData::bundled().expect("world");
    let dataset = bundled_dataset(&data.world).expect("initiatives");
    let picture = Picture {
        initiative: dataset.index_of("doha-agreement"),
        ..Picture::default()
    };
    let bytes = png(&svg(&data, &dataset, &picture, [800, 450])).expect("png");
    let image = image::load_from_memory(&bytes).expect("decodes").to_rgba8();
    assert_eq!(image.dimensions(), (800, 450));
    let share = |c: egui::Color32| {
        image
            .pixels()
            .filter(|p| {
                p.0[0].abs_diff(c.r()) < 4
                    && p.0[1].abs_diff(c.g()) < 4
                    && p.0[2].abs_diff(c.b()) < 4
            })
            .count() as f64
            / f64::from(800 * 450)
    };
    assert!(share(style::OCEAN) > 0.05, "sea");
    assert!(share(palette::MUTED) > 0.05, "land not involved");
    assert!(
        share(palette::role_fill(
            microlateral_atlas::data::Role::Supporter
        )) > 0.01,
        "Saudi Arabia, Iran"
    );
}

#[test]
fn a_tour_becomes_one_captioned_picture_per_step() {
    let data = WorldData::bundled().expect("world");
    let dataset = bundled_dataset(&data.world).expect("initiatives");
    let oslo = dataset.index_of("oslo-accords").expect("oslo");
    let steps = build_tour(&dataset, &[oslo]);
    let pictures: Vec<(String, Picture)> = steps
        .iter()
        .enumerate()
        .map(|(n, s)| (format!("step-{:03}", n + 1), Picture::of_step(&dataset, s)))
        .collect();
    let temp = tempfile::Builder::new()
        .prefix("atlas-tour-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let written = write_pictures(
        &data,
        &dataset,
        &pictures,
        [640, 360],
        PictureFormat::Svg,
        &dir,
    )
    .expect("written");
    assert_eq!(written.len(), dataset.initiatives[oslo].milestones.len());
    let first = std::fs::read_to_string(&written[0]).expect("read");
    assert!(
        first.contains("Hirschfeld and Qurei meet in London"),
        "the caption"
    );
}

#[test]
fn the_export_command_writes_svg_and_png_files() {
    let temp = export_dir();
    let dir = temp.path().to_path_buf();
    let output = atlas_export(
        &["--date", "2020-06", "--width", "640", "--height", "360"],
        &dir,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.join("overview-2020-06.svg").is_file());
    assert!(dir.join("overview-2020-06.png").is_file());
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_microlateral-atlas"))
        .args(["export", "--initiative", "no-such-effort", "--out"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no initiative \"no-such-effort\""));
}

#[test]
fn a_kept_view_draws_that_part_of_the_world_only() {
    let data = WorldData::bundled().expect("world");
    let dataset = bundled_dataset(&data.world).expect("initiatives");
    let overview = svg(&data, &dataset, &Picture::default(), [800, 450]);
    let near_oslo = Picture {
        view: Some(([10.75, 59.91], 6.0)),
        ..Picture::default()
    };
    let close = svg(&data, &dataset, &near_oslo, [800, 450]);
    let paths = |s: &str| s.matches("<path").count();
    assert!(
        paths(&overview) > 5 * paths(&close),
        "{} vs {}",
        paths(&overview),
        paths(&close)
    );
    // Twice the pixels one zoom level closer is the same ground, drawn as large.
    let twice = Picture {
        view: Some(([10.75, 59.91], 7.0)),
        ..Picture::default()
    };
    let twice_svg = svg(&data, &dataset, &twice, [1600, 900]);
    let ratio = paths(&twice_svg) as f64 / paths(&close) as f64;
    assert!(
        (0.8..1.25).contains(&ratio),
        "the same countries: {} vs {}",
        paths(&twice_svg),
        paths(&close)
    );
    let bytes = png(&twice_svg).expect("png");
    assert_eq!(image::load_from_memory(&bytes).expect("png").width(), 1600);
}

#[test]
fn a_picture_at_the_antimeridian_draws_no_outline_along_the_cut() {
    let data = WorldData::bundled().expect("world");
    let dataset = bundled_dataset(&data.world).expect("initiatives");
    let fiji = |centre: [f64; 2], zoom: f64| {
        let picture = Picture {
            view: Some((centre, zoom)),
            ..Picture::default()
        };
        svg(&data, &dataset, &picture, [1000, 700])
    };
    // Fiji's islands cut at 180°: their fill is not stroked, and their outline is drawn apart
    // from it, without the edge along the cut.
    let at_180 = fiji([179.9, -16.6], 8.0);
    assert!(resvg::usvg::Tree::from_str(&at_180, &resvg::usvg::Options::default()).is_ok());
    let unstroked = at_180
        .matches(r#"stroke="none" stroke-width="0.6""#)
        .count();
    assert!(unstroked > 0, "no cut part drawn");
    // Over Europe nothing is cut, and every fill carries its own outline.
    let europe = fiji([10.0, 50.0], 5.0);
    assert_eq!(
        europe
            .matches(r#"stroke="none" stroke-width="0.6""#)
            .count(),
        0
    );
}

#[test]
fn an_exported_step_is_captioned_in_its_own_words_and_a_title_step_as_its_slide() {
    let data = WorldData::bundled().expect("world");
    let dataset = bundled_dataset(&data.world).expect("initiatives");
    let oslo = dataset.index_of("oslo-accords").expect("oslo");
    let milestone = &dataset.initiatives[oslo].milestones[0];
    let own = microlateral_atlas::data::TourStep {
        title: Some("Where it began".to_owned()),
        caption: Some("A back channel in London.".to_owned()),
        ..microlateral_atlas::data::TourStep::milestone(oslo, 0)
    };
    let slide =
        microlateral_atlas::data::edit::title_step("Small states, large tables", None, None);
    let svg_of = |step| {
        svg(
            &data,
            &dataset,
            &Picture::of_step(&dataset, step),
            [1280, 720],
        )
    };

    let drawn = svg_of(&own);
    assert!(drawn.contains("Where it began"), "the step's own title");
    assert!(
        drawn.contains("A back channel in London."),
        "the step's own text"
    );
    assert!(
        !drawn.contains(&milestone.title),
        "not the milestone's title"
    );
    assert!(
        drawn.contains(&dataset.initiatives[oslo].name),
        "the effort it shows"
    );

    let drawn = svg_of(&slide);
    assert!(
        drawn.contains("Small states, large tables"),
        "the slide's title"
    );
    assert!(
        !drawn.contains("Small-state efforts ·"),
        "a slide, not the overview's title line"
    );
}

#[test]
fn a_date_range_names_its_file_without_a_folder_separator() {
    let temp = export_dir();
    let output = atlas_export(
        &[
            "--date",
            "2019-05/2019-06",
            "--format",
            "svg",
            "--width",
            "640",
            "--height",
            "360",
        ],
        temp.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written: Vec<_> = std::fs::read_dir(temp.path())
        .expect("the folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert_eq!(written, ["overview-2019-05_2019-06.svg"]);
}

/// A temporary folder for one export; it goes when the guard is dropped.
fn export_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("atlas-export-")
        .tempdir()
        .expect("a temporary folder")
}

/// Runs `microlateral-atlas export ARGS --out DIR`.
fn atlas_export(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_microlateral-atlas"))
        .arg("export")
        .args(args)
        .arg("--out")
        .arg(dir)
        .output()
        .expect("runs")
}
