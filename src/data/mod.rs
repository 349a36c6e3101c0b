//! The model: countries and their shapes, initiatives, roles and dates. No egui here.

pub mod date;
pub mod world;

pub use date::{DateError, FuzzyDate, PartialDate, Precision};
pub use world::{Country, World, WorldError, WorldOptions};
