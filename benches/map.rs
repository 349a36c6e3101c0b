//! Load, frame and hit-test costs of the country layer, each against a baseline measured in the
//! same run: walkers_extras' own GeoJSON layer for frames, a linear scan for hit-tests.
//!
//! Run with `cargo bench --bench map`. Frames are measured headless: an `egui::Context` runs the
//! map at 1600×900 and its shapes are tessellated, which is all the CPU work of a frame short of
//! the GPU upload.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, RawInput, Rect, pos2, vec2};
use microlateral_atlas::WorldData;
use microlateral_atlas::data::NoProgress;
use microlateral_atlas::data::bundled::WORLD as BUNDLED_WORLD;
use microlateral_atlas::data::{World, WorldOptions};
use microlateral_atlas::geo::index::country_at_linear;
use microlateral_atlas::geo::{CountryIndex, WorldMeshes, prepared};
use microlateral_atlas::scene::{LayerColors, style};
use microlateral_atlas::ui::map_layer::LayerCache;
use microlateral_atlas::ui::{CountryLayer, LayerOutput};
use walkers::{Map, MapMemory, lon_lat};

fn world() -> World {
    World::from_bytes(
        Path::new("world.geojson"),
        BUNDLED_WORLD,
        &WorldOptions::default(),
        &NoProgress,
    )
    .expect("bundled world")
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(30);
    group.bench_function("parse and validate", |b| b.iter(world));
    // The floor for parsing: the geojson crate reading the same bytes in one pass, checking
    // nothing. The loader's two passes (find each feature, then read it) buy a progress bar.
    group.bench_function("geojson crate, one pass, no checks (baseline)", |b| {
        b.iter(|| {
            serde_json::from_slice::<geojson::FeatureCollection>(black_box(BUNDLED_WORLD))
                .expect("bundled world parses")
        })
    });
    let w = world();
    group.bench_function("project, simplify, triangulate", |b| {
        b.iter(|| WorldMeshes::build(&w, &NoProgress))
    });
    group.bench_function("index", |b| b.iter(|| CountryIndex::build(&w)));
    group.bench_function("total, full path (baseline)", |b| {
        b.iter(|| WorldData::from_world(world(), "world.geojson".into(), &NoProgress))
    });
    // What the app and exports do with the bundled world: read the prepared file, assemble the
    // meshes from its plan, index.
    group.bench_function("total, prepared bundled world", |b| {
        b.iter(|| WorldData::prepared().expect("the prepared world reads"))
    });
    let (prepared_world, plan) = prepared::decode(prepared::BUNDLED, prepared::BUNDLED_SOURCE)
        .expect("the prepared world reads");
    group.bench_function("prepared: read the file", |b| {
        b.iter(|| prepared::decode(black_box(prepared::BUNDLED), prepared::BUNDLED_SOURCE))
    });
    group.bench_function("prepared: assemble meshes from the plan", |b| {
        b.iter(|| WorldMeshes::from_plan(&prepared_world, &plan))
    });
    group.finish();
}

/// The views measured: the whole world, and Europe.
const VIEWS: [(&str, f64, f64, f64); 2] = [("world", 5.0, 20.0, 2.6), ("europe", 15.0, 50.0, 4.3)];

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 900.0))),
        ..Default::default()
    }
}

fn memory(lon: f64, lat: f64, zoom: f64) -> MapMemory {
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(lon, lat));
    memory.set_zoom(zoom).expect("zoom in range");
    memory
}

fn frame(c: &mut Criterion) {
    let data = WorldData::from_world(world(), "world.geojson".into(), &NoProgress);
    let count = data.world.countries().len();
    let colors = LayerColors {
        fills: vec![style::LAND; count],
        outline: style::BORDER,
        hover_fill: style::HOVER,
        selected_outline: style::SELECTED,
        emphasis: vec![None; count],
    };
    let geojson: geojson::GeoJson = std::str::from_utf8(BUNDLED_WORLD)
        .expect("utf-8")
        .parse()
        .expect("geojson");
    let style: walkers::Style = serde_json::from_value(serde_json::json!({
        "layers": [
            { "type": "fill", "source-layer": "", "paint": { "fill-color": "#eeebe3" } },
            { "type": "line", "source-layer": "", "paint": { "line-color": "#8a8a86", "line-width": 1.0 } }
        ]
    }))
    .expect("style");
    let baseline = walkers_extras::GeoJsonLayer::new(geojson, style);

    let mut group = c.benchmark_group("frame 1600x900");
    group.sample_size(30);
    for (name, lon, lat, zoom) in VIEWS {
        let ctx = Context::default();
        let mut mem = memory(lon, lat, zoom);
        group.bench_function(format!("{name}: empty map (egui overhead)"), |b| {
            b.iter(|| {
                let out = ctx.run_ui(input(), |ui| {
                    ui.add(Map::new(None, &mut mem, lon_lat(lon, lat)));
                });
                black_box(ctx.tessellate(out.shapes, 1.0))
            })
        });
        let mut output = LayerOutput::default();
        let mut cache = LayerCache::default();
        // One frame of the map with the country layer, headless, tessellated.
        let mut frame = |mem: &mut MapMemory| {
            let out = ctx.run_ui(input(), |ui| {
                let layer = CountryLayer {
                    world: &data.world,
                    meshes: &data.meshes,
                    index: &data.index,
                    colors: &colors,
                    selected: None,
                    output: &mut output,
                    cache: &mut cache,
                };
                ui.add(Map::new(None, mem, lon_lat(lon, lat)).with_plugin(layer));
            });
            black_box(ctx.tessellate(out.shapes, 1.0))
        };
        // A still view: the meshes of the last frame are reused (hover, clicks, panel work).
        group.bench_function(format!("{name}: country layer, still view"), |b| {
            b.iter(|| frame(&mut mem))
        });
        // Panning: the view moves every frame, so every vertex is moved to the screen again.
        let mut step = 0u32;
        group.bench_function(format!("{name}: country layer, panning"), |b| {
            b.iter(|| {
                step += 1;
                let shift = f64::from(step % 2) * 0.01;
                mem.center_at(lon_lat(lon + shift, lat));
                frame(&mut mem)
            })
        });
        mem.center_at(lon_lat(lon, lat));
        group.bench_function(
            format!("{name}: walkers_extras GeoJsonLayer (baseline)"),
            |b| {
                b.iter(|| {
                    let out = ctx.run_ui(input(), |ui| {
                        ui.add(
                            Map::new(None, &mut mem, lon_lat(lon, lat)).with_layer(&baseline, 1.0),
                        );
                    });
                    black_box(ctx.tessellate(out.shapes, 1.0))
                })
            },
        );
    }
    group.finish();
}

fn hit_test(c: &mut Criterion) {
    let data = WorldData::from_world(world(), "world.geojson".into(), &NoProgress);
    // A fixed spread of points over the inhabited world, land and sea alike.
    let mut seed = 0x2545_f491_u64;
    let points: Vec<[f64; 2]> = (0..512)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let lon = (seed >> 11) as f64 / (1u64 << 53) as f64 * 360.0 - 180.0;
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let lat = (seed >> 11) as f64 / (1u64 << 53) as f64 * 130.0 - 55.0;
            [lon, lat]
        })
        .collect();
    let mut group = c.benchmark_group("hit-test (per point)");
    let mut i = 0;
    group.bench_function("grid index", |b| {
        b.iter(|| {
            i = (i + 1) % points.len();
            black_box(data.index.country_at(&data.world, points[i]))
        })
    });
    group.bench_function("linear scan (baseline)", |b| {
        b.iter(|| {
            i = (i + 1) % points.len();
            black_box(country_at_linear(&data.world, points[i]))
        })
    });
    group.finish();
}

criterion_group!(benches, load, frame, hit_test);
criterion_main!(benches);
