//! A read-only look at the app's state, for tests and for code that reports on it.

use std::path::PathBuf;

use egui::{Color32, Stroke};

use crate::app::AtlasApp;
use crate::data::date::iso_date;
use crate::data::{Dataset, World};
use crate::scene::presenter::Presenter;
use crate::scene::{LayerColors, ViewTransform};

/// What the app shows and holds at one moment, read without changing it.
pub struct Observed<'a> {
    pub world: &'a World,
    pub dataset: &'a Dataset,
    /// The selected country's code.
    pub selected_code: Option<&'a str>,
    /// The selected initiative's id.
    pub selected_initiative: Option<&'a str>,
    /// The country under the pointer in the last frame.
    pub hovered_code: Option<&'a str>,
    /// Ids of the initiatives the list shows, in its order.
    pub visible_initiatives: Vec<&'a str>,
    /// How the map was placed on screen in the last frame.
    pub view: Option<ViewTransform>,
    /// The map's zoom level.
    pub zoom: f64,
    /// Whether the map is still flying to a view.
    pub flying: bool,
    /// The date cursor, as "YYYY-MM-DD".
    pub as_of: Option<String>,
    /// The caption on the map: date, effort, title, outcome.
    pub caption: Option<[String; 4]>,
    /// Whether presenter mode is on.
    pub presenting: bool,
    /// The presenter's position, "5 / 23".
    pub progress: Option<String>,
    /// Whether the screen is blacked out.
    pub blacked_out: bool,
    /// Whether autoplay is running.
    pub autoplaying: bool,
    /// Whether the presenter view is open.
    pub presenter_view_open: bool,
    /// Whether a file is loading.
    pub loading: bool,
    /// The problems of the last load or save (`true` if they stopped it), one line each.
    pub load_report: Option<(&'a [String], bool)>,
    /// The recently opened files, the latest first.
    pub recent_files: &'a [PathBuf],
    colors: LayerColors,
}

impl Observed<'_> {
    /// The fill the map gives a country in this state.
    pub fn fill_of(&self, code: &str) -> Option<Color32> {
        let i = self.world.index_of(code)?;
        self.colors.fills.get(i).copied()
    }

    /// The outline the map draws over a country's border (a role's, or a former member's), if
    /// any.
    pub fn outline_of(&self, code: &str) -> Option<Stroke> {
        let i = self.world.index_of(code)?;
        self.colors.emphasis.get(i).copied().flatten()
    }
}

impl AtlasApp {
    /// A read-only look at the state.
    pub fn observe(&self) -> Observed<'_> {
        let world = &self.data.world;
        let code_of = |i: Option<usize>| {
            i.and_then(|i| world.countries().get(i))
                .map(|c| c.code.as_str())
        };
        let presenter = self.presenter.as_ref();
        Observed {
            world,
            dataset: &self.dataset,
            selected_code: code_of(self.selected),
            selected_initiative: self
                .initiative
                .and_then(|i| self.dataset.initiatives.get(i))
                .map(|i| i.id.as_str()),
            hovered_code: code_of(self.map.hovered()),
            visible_initiatives: self
                .filters
                .visible(&self.dataset)
                .into_iter()
                .map(|i| self.dataset.initiatives[i].id.as_str())
                .collect(),
            view: self.map.view(),
            zoom: self.map.zoom(),
            flying: self.map.is_flying(),
            as_of: self.as_of.map(iso_date),
            caption: self.observed_caption(),
            presenting: presenter.is_some(),
            progress: presenter.map(Presenter::progress),
            blacked_out: presenter.is_some_and(Presenter::is_blacked_out),
            autoplaying: presenter.is_some_and(Presenter::is_autoplaying),
            presenter_view_open: self.presenter_view.is_some(),
            loading: self.files.is_loading(),
            load_report: self
                .files
                .report
                .as_ref()
                .map(|r| (r.lines.as_slice(), r.failed)),
            recent_files: self.files.recent(),
            colors: self.look().colors,
        }
    }

    /// The caption on the map: date, effort, title, text (a title step has no date or effort:
    /// those are empty).
    fn observed_caption(&self) -> Option<[String; 4]> {
        let c = self.caption_text()?;
        Some([
            c.date.unwrap_or_default(),
            c.initiative.unwrap_or_default(),
            c.title,
            c.text,
        ])
    }
}
