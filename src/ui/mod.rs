//! Everything drawn with egui: the map layer, the panels and the palette.

pub mod country_panel;
pub mod map_layer;
pub mod style;

pub use country_panel::CountryPanel;
pub use map_layer::{CountryLayer, LayerColors, LayerOutput, ViewTransform};
