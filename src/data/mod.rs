//! The model: countries and their shapes, initiatives, roles and dates. No egui here.

pub mod world;

pub use world::{Country, World, WorldError, WorldOptions};
