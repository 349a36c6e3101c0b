//! Microlateral Atlas: a desktop atlas of microlateral diplomacy, efforts where a small state
//! leads and larger states take part.
//!
//! The rooms, and which may use which (see `docs/architecture.md`): `data` is the model, `geo`
//! its geometry, `scene` what a picture shows, `export` the files written from it; none of them
//! knows the window. `loader` loads files off the UI thread; `ui` draws panels with egui; `app`
//! holds the state and applies commands; `cli` runs the commands that need no window.

pub mod app;
pub mod cli;
pub mod data;
pub mod export;
pub mod geo;
pub mod loader;
pub mod scene;
pub mod ui;

pub use app::AtlasApp;
pub use geo::WorldData;
