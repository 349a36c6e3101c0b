//! Authoring: one edit (applied, checked, and the next frame of the whole window drawn), one
//! undo (the same), and a save of the data as a file, on the 21 bundled efforts and on ten
//! thousand synthetic ones (`benches/synthetic.rs`), measured in the same run; a frame with no
//! edit is the baseline.
//!
//! Run with `cargo bench --bench authoring`. Frames are headless, as in `benches/scale.rs`: an
//! `egui::Context` runs the app at 1600×900 in edit mode and tessellates its shapes.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, RawInput, Rect, pos2, vec2};
use microlateral_atlas::data::edit::{Edit, InitiativeField};
use microlateral_atlas::data::{Dataset, bundled};
use microlateral_atlas::ui::Command;
use microlateral_atlas::{AtlasApp, WorldData};

#[path = "synthetic.rs"]
mod synthetic;

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 900.0))),
        ..Default::default()
    }
}

fn authoring(c: &mut Criterion) {
    let data = WorldData::bundled().expect("the bundled world loads");
    let codes = synthetic::codes_of(&data.world);
    let text = synthetic::initiatives_json(10_000, 40, 5, &codes);
    let large = Dataset::from_json("synthetic.json", text.as_bytes(), &data.world)
        .expect("the synthetic file is valid")
        .dataset;
    let small = bundled::dataset(&data.world).expect("the bundled data loads");
    let mut group = c.benchmark_group("authoring");
    group.sample_size(20);
    for (name, dataset) in [("21 bundled", &small), ("10,000", &large)] {
        group.bench_function(format!("{name}: save as a file (serialise)"), |b| {
            b.iter(|| black_box(dataset.to_json().expect("it serialises")))
        });
        let ctx = Context::default();
        let mut app = AtlasApp::new(
            WorldData::bundled().expect("the bundled world loads"),
            dataset.clone(),
        );
        app.command(Command::SetEditing(true));
        app.command(Command::SelectInitiative(Some(
            dataset.initiatives.len() / 2,
        )));
        let frame = |app: &mut AtlasApp| {
            let out = ctx.run_ui(input(), |ui| app.ui(ui));
            black_box(ctx.tessellate(out.shapes, 1.0));
        };
        for _ in 0..3 {
            frame(&mut app);
        }
        group.bench_function(format!("{name}: frame in edit mode, no edit"), |b| {
            b.iter(|| frame(&mut app))
        });
        let middle = dataset.initiatives.len() / 2;
        // Two fields in turn, so that each edit is its own step (typing into one field is one).
        let edit = |n: u64| {
            let text = format!("note {n}");
            let field = if n.is_multiple_of(2) {
                InitiativeField::Note(Some(text))
            } else {
                InitiativeField::Outcome(text)
            };
            Command::Edit(Edit::Initiative {
                initiative: middle,
                field,
            })
        };
        let mut n = 0u64;
        group.bench_function(format!("{name}: edit, check and next frame"), |b| {
            b.iter(|| {
                n += 1;
                app.command(edit(n));
                frame(&mut app);
            })
        });
        group.bench_function(format!("{name}: undo, check and next frame"), |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    n += 1;
                    app.command(edit(n));
                    frame(&mut app);
                    let start = std::time::Instant::now();
                    app.command(Command::Undo);
                    frame(&mut app);
                    total += start.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, authoring);
criterion_main!(benches);
