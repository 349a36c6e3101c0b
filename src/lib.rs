//! Microlateral Atlas: a desktop atlas of microlateral diplomacy, efforts where a small state
//! leads and larger states take part.
//!
//! `data` and `geo` are the model and know nothing of egui; `ui` draws them; `app` wires them
//! together.

pub mod app;
pub mod cli;
pub mod data;
pub mod export;
pub mod geo;
pub mod loader;
pub mod render;
pub mod ui;

pub use app::{AtlasApp, WorldData};
