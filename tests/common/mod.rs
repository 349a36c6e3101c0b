//! Helpers the tests share: a window on the bundled data, pointing at a place on the map and
//! clicking it, waiting for flights and loads, and running the built command.

// Each test crate includes this module and uses only some of its helpers.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use microlateral_atlas::AtlasApp;

/// Where a longitude/latitude is on screen in the last frame.
pub fn screen_pos(harness: &Harness<'_, AtlasApp>, lon: f64, lat: f64) -> Pos2 {
    harness
        .state()
        .observe()
        .view
        .expect("the map has been drawn")
        .screen_from_lonlat([lon, lat])
}

/// Moves the pointer to `pos`, presses and releases the primary button, and lets the UI settle.
pub fn click_at(harness: &mut Harness<'_, AtlasApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
        harness.step();
    }
    harness.run();
}

/// Steps frames until the map's time-based flight has landed (at most 120 frames).
pub fn wait_for_landing(harness: &mut Harness<'_, AtlasApp>) {
    for _ in 0..120 {
        if !harness.state().observe().flying {
            break;
        }
        harness.step();
    }
    harness.run();
}

/// The app on the bundled data in a headless window of `size` points, after its first frames.
/// `step_dt` is egui's clock step per frame (kittest's default when `None`).
pub fn bundled_harness(
    size: Vec2,
    max_steps: u64,
    step_dt: Option<f32>,
) -> Harness<'static, AtlasApp> {
    let app = AtlasApp::bundled().expect("the bundled data loads");
    app_harness(app, size, max_steps, step_dt)
}

/// `app` in a headless window of `size` points, after its first frames.
pub fn app_harness(
    app: AtlasApp,
    size: Vec2,
    max_steps: u64,
    step_dt: Option<f32>,
) -> Harness<'static, AtlasApp> {
    let mut builder = Harness::builder().with_size(size).with_max_steps(max_steps);
    if let Some(dt) = step_dt {
        builder = builder.with_step_dt(dt);
    }
    let mut harness = builder.build_ui_state(|ui, app: &mut AtlasApp| app.ui(ui), app);
    harness.run();
    harness
}

/// Steps frames until `done` holds, for work on other threads (loads); fails after 10 s.
pub fn wait_for(harness: &mut Harness<'_, AtlasApp>, done: impl Fn(&AtlasApp) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed() < Duration::from_secs(10), "timed out");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

/// Runs the built `microlateral-atlas` with `args` in the project folder, as a user would.
pub fn atlas(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_microlateral-atlas"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// File dialogs for `harness` that answer from a script: each dialog the app opens takes the
/// next answer given to the returned handle (`None` cancels).
#[allow(dead_code)]
pub fn scripted_dialogs(
    harness: &mut Harness<'_, AtlasApp>,
) -> microlateral_atlas::ui::dialogs::ScriptedDialogs {
    let dialogs = microlateral_atlas::ui::dialogs::ScriptedDialogs::default();
    harness.state_mut().set_dialogs(dialogs.clone());
    dialogs
}
