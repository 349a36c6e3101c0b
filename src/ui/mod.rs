//! Everything drawn with egui: the map layer, the panels and the palette.

pub mod changes_panel;
pub mod command;
pub mod country_panel;
pub mod dialogs;
pub mod editor;
pub mod files;
pub mod import_preview;
pub mod initiative_card;
pub mod initiative_list;
pub mod map_layer;
pub mod map_view;
pub mod palette;
pub mod presenter;
pub mod presenter_view;
pub mod style;
pub mod time_ruler;
pub mod timeline;
pub mod toolbar;
pub mod tour_export;

pub use command::{Command, Export, PresenterKey};
pub use country_panel::CountryPanel;
pub use initiative_card::InitiativeCard;
pub use initiative_list::InitiativeList;
pub use map_layer::{CountryLayer, LayerOutput};
