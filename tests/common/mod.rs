//! Helpers the UI tests share: pointing at a place on the map and clicking it.

// Each test crate includes this module and uses only some of its helpers.
#![allow(dead_code)]

use egui::{Event, Modifiers, PointerButton, Pos2};
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
