//! Colours of the map. Kept in one place so the app, the tests and exports agree.

use egui::Color32;

/// The sea behind the countries.
pub const OCEAN: Color32 = Color32::from_rgb(0xc9, 0xdd, 0xea);
/// A country with nothing to say about it.
pub const LAND: Color32 = Color32::from_rgb(0xee, 0xeb, 0xe3);
/// Country borders.
pub const BORDER: Color32 = Color32::from_rgb(0x8a, 0x8a, 0x86);
/// The country under the pointer.
pub const HOVER: Color32 = Color32::from_rgb(0xff, 0xf3, 0xb0);
/// The outline of the selected country.
pub const SELECTED: Color32 = Color32::from_rgb(0x1a, 0x1a, 0x1a);
