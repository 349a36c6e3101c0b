//! The atlas with ten thousand efforts, each with 40 states and 5 milestones (a synthetic file,
//! `benches/synthetic.rs`), against the 21 bundled ones measured in the same run: loading and
//! checking the file, and one frame of the timeline, of the initiative list (idle and while a
//! search is typed) and of the whole window.
//!
//! Run with `cargo bench --bench scale`. Frames are headless: an `egui::Context` runs the panel at
//! 1600×900 and its shapes are tessellated, the CPU work of a frame short of the GPU upload.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, RawInput, Rect, pos2, vec2};
use microlateral_atlas::data::{Dataset, bundled};
use microlateral_atlas::scene::filters::Filters;
use microlateral_atlas::ui::InitiativeList;
use microlateral_atlas::ui::initiative_list::ListScene;
use microlateral_atlas::ui::timeline::{TimelineInput, TimelinePanel};
use microlateral_atlas::{AtlasApp, WorldData};

#[path = "synthetic.rs"]
mod synthetic;

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 900.0))),
        ..Default::default()
    }
}

fn scale(c: &mut Criterion) {
    let data = WorldData::bundled().expect("the bundled world loads");
    let codes = synthetic::codes_of(&data.world);
    let text = synthetic::initiatives_json(10_000, 40, 5, &codes);
    let mut group = c.benchmark_group("10,000 efforts");
    group.sample_size(10);
    group.bench_function("parse and check the file", |b| {
        b.iter(|| {
            Dataset::from_json("synthetic.json", black_box(text.as_bytes()), &data.world)
                .expect("the synthetic file is valid")
        })
    });
    group.finish();

    let large = Dataset::from_json("synthetic.json", text.as_bytes(), &data.world)
        .expect("the synthetic file is valid")
        .dataset;
    let small = bundled::dataset(&data.world).expect("the bundled dataset loads");
    let today = microlateral_atlas::data::date::day_from_ymd(2026, 11, 28);
    let mut group = c.benchmark_group("frame 1600x900");
    group.sample_size(30);
    for (name, dataset) in [
        ("21 bundled efforts (baseline)", &small),
        ("10,000 efforts", &large),
    ] {
        let lanes: Vec<usize> = (0..dataset.initiatives.len()).collect();
        let ctx = Context::default();
        let mut panel = TimelinePanel::default();
        group.bench_function(format!("{name}: timeline"), |b| {
            b.iter(|| {
                let out = ctx.run_ui(input(), |ui| {
                    let input = TimelineInput {
                        dataset,
                        lanes: &lanes,
                        selected: Some(lanes.len() / 2),
                        cursor: Some(today - 365),
                        compare: None,
                        today,
                    };
                    panel.ui(ui, &input, &mut Vec::new());
                });
                black_box(ctx.tessellate(out.shapes, 1.0))
            })
        });
        // The list idle, and while a search that matches a few is typed.
        for (what, query) in [
            ("initiative list", ""),
            ("initiative list, searching", "effort 004"),
        ] {
            let ctx = Context::default();
            let mut list = InitiativeList;
            let filters = Filters {
                query: query.to_owned(),
                ..Filters::default()
            };
            group.bench_function(format!("{name}: {what}"), |b| {
                b.iter(|| {
                    let out = ctx.run_ui(input(), |ui| {
                        let visible = filters.visible(dataset);
                        let scene = ListScene {
                            dataset,
                            world: &data.world,
                            filters: &filters,
                            visible: &visible,
                            selected: Some(3),
                        };
                        list.ui(ui, &scene, &mut Vec::new());
                    });
                    black_box(ctx.tessellate(out.shapes, 1.0))
                })
            });
        }
        let ctx = Context::default();
        let mut app = AtlasApp::new(
            WorldData::bundled().expect("the bundled world loads"),
            dataset.clone(),
        );
        group.bench_function(format!("{name}: whole window"), |b| {
            b.iter(|| {
                let out = ctx.run_ui(input(), |ui| app.ui(ui));
                black_box(ctx.tessellate(out.shapes, 1.0))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
