//! The model: countries and their shapes, initiatives, roles and dates. No egui here.

pub mod bundled;
pub mod cell;
pub mod date;
pub mod edit;
pub mod import;
pub mod initiatives;
mod json_locate;
pub mod progress;
pub mod recovery;
pub mod search;
pub(crate) mod suggest;
pub mod world;

pub use date::{DateError, FuzzyDate, PartialDate, Precision};
pub use initiatives::{
    Actor, ActorId, Camera, Category, Confidence, CountryCodes, Dataset, DatasetError, Diagnostic,
    Former, HistoryEntry, Initiative, Kind, Lens, Loaded, Milestone, Period, Role, Rules, Severity,
    Source, Status, Tour, TourStep,
};
pub use progress::{NoProgress, Progress, ProgressSink, Stage};
pub use world::{Country, World, WorldError, WorldOptions};
