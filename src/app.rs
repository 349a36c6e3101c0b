//! The app: the loaded data, what the user has selected, the map view, and the panel layout.

use std::path::{Path, PathBuf};

use egui::{Color32, Frame, Key, Ui, UiBuilder, vec2};
use serde::{Deserialize, Serialize};
use walkers::{HttpOptions, HttpTiles, MapMemory, Tiles, lon_lat, sources::OpenStreetMap};

use crate::data::Dataset;
use crate::data::date::iso_date;
use crate::data::world::{BBox, World, WorldOptions};
use crate::export::Format;
use crate::geo::{MAX_ZOOM, WorldData, mercator, min_zoom};
use crate::loader::{CodeList, DatasetSource, FileWatch, Loader, Outcome as Loaded};
use crate::scene::{self, LayerColors, TourChoice, ViewTransform, style};
pub use crate::ui::command::Export;
use crate::ui::command::{Command, PresenterKey};
use crate::ui::country_panel::CountryAction;
use crate::ui::map_layer::LayerCache;
use crate::ui::presenter::{self, Presenter};
use crate::ui::timeline::TimelinePanel;
use crate::ui::{
    CountryLayer, CountryPanel, InitiativeCard, InitiativeList, LayerOutput,
    initiative_list::ListPick, palette,
};

/// The height a caption takes at the top of the map.
const CAPTION_HEIGHT_PX: f64 = 230.0;
/// How long the map takes to fly to a new view.
const FLY_SECS: f64 = 0.8;
/// The closest the map flies in to show one country picked by name.
const COUNTRY_MAX_ZOOM: f64 = 6.0;
/// How much larger presenter mode draws the legend and the caption's controls.
const PRESENTER_TEXT_SCALE: f32 = 1.4;

/// A time-based camera move: the same duration at any frame rate.
#[derive(Clone, Copy, Debug)]
struct Flight {
    from: ([f64; 2], f64),
    to: ([f64; 2], f64),
    start_secs: f64,
}

/// The optional OpenStreetMap basemap. Nothing is fetched until the user turns it on.
#[derive(Default)]
struct Basemap {
    enabled: bool,
    tiles: Option<HttpTiles>,
}

impl Basemap {
    fn tiles(&mut self, ctx: &egui::Context) -> Option<&mut HttpTiles> {
        if !self.enabled {
            return None;
        }
        let tiles = self.tiles.get_or_insert_with(|| {
            let options = HttpOptions {
                cache: eframe::storage_dir("microlateral-atlas").map(|dir| dir.join("tiles")),
                ..HttpOptions::default()
            };
            HttpTiles::with_options(OpenStreetMap, options, ctx.clone())
        });
        Some(tiles)
    }
}

/// What survives a restart. Selections are kept by code and id, so they survive a change of
/// data file too (a missing one is simply dropped).
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Persisted {
    country: Option<String>,
    initiative: Option<String>,
    map: Option<MapMemory>,
    list: InitiativeList,
    basemap: bool,
    recent: Vec<PathBuf>,
}

/// Where a "Save view as PNG" went and how, filled in by the screenshot callback.
type PngOutcome = std::sync::Arc<std::sync::Mutex<Option<(PathBuf, Result<(), String>)>>>;

/// How many recently opened files the File menu remembers.
const MAX_RECENT: usize = 8;

/// The user's own files: loads in flight, watched files, what went wrong, recent files.
#[derive(Default)]
struct Files {
    loader: Loader,
    watch: FileWatch,
    /// Files asked for (menu, drop, tests) and not yet started, since a load needs the context.
    to_open: Vec<PathBuf>,
    /// Where the initiatives on screen came from.
    dataset_source: DatasetSource,
    /// The world file given at start and how to read its codes and names (`--code-property`,
    /// `--name-property`), so that it reloads the way it first loaded. Other files are read with
    /// the properties detected in them.
    world_options: Option<(PathBuf, WorldOptions)>,
    /// The last load's problems: the file, its lines, and whether they stopped it loading.
    report: Option<(PathBuf, Vec<String>, bool)>,
    recent: Vec<PathBuf>,
    /// A finished "Save view as PNG": where, and how it went.
    png_done: PngOutcome,
}

/// The whole application state.
pub struct AtlasApp {
    data: WorldData,
    dataset: Dataset,
    /// Per country: how many small-state efforts it led and how many it joined otherwise, as of
    /// the date cursor. Recomputed each frame: a few hundred roles, microseconds.
    involvement: Vec<(usize, usize)>,
    /// The date the map shows the world as of (a day number); `None` shows every date.
    as_of: Option<i64>,
    /// A milestone whose caption is shown on the map.
    caption: Option<(usize, usize)>,
    /// The legend's height last frame, so it can stand on the map's bottom edge and grow up.
    legend_height: f32,
    timeline: TimelinePanel,
    presenter: Option<Presenter>,
    tour_choice: TourChoice,
    fullscreen: bool,
    /// Today as a day number: where open-ended efforts end on the timeline.
    today: i64,
    files: Files,
    /// Whether the timeline panel is shown (it can be collapsed to a button).
    timeline_open: bool,
    map_memory: MapMemory,
    selected: Option<usize>,
    initiative: Option<usize>,
    layer: LayerOutput,
    layer_cache: LayerCache,
    country_panel: CountryPanel,
    card: InitiativeCard,
    list: InitiativeList,
    basemap: Basemap,
    flight: Option<Flight>,
    /// A fit asked for before the map's size was known.
    pending_fit: Option<BBox>,
    /// Until the user moves the map, keep the world fitted to the map area, which changes size
    /// while the window and the panels settle.
    auto_fit: bool,
    map_size_px: [f64; 2],
}

impl AtlasApp {
    /// An app showing `data` and `dataset`.
    pub fn new(data: WorldData, dataset: Dataset) -> Self {
        let today = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| (d.as_secs() / 86_400) as i64);
        let mut app = Self {
            data,
            dataset,
            involvement: Vec::new(),
            as_of: None,
            caption: None,
            legend_height: 160.0,
            timeline: TimelinePanel::default(),
            presenter: None,
            tour_choice: TourChoice::Everything,
            fullscreen: false,
            today,
            files: Files::default(),
            timeline_open: true,
            map_memory: MapMemory::default(),
            selected: None,
            initiative: None,
            layer: LayerOutput::default(),
            layer_cache: LayerCache::default(),
            country_panel: CountryPanel,
            card: InitiativeCard,
            list: InitiativeList::default(),
            basemap: Basemap::default(),
            flight: None,
            pending_fit: None,
            auto_fit: true,
            map_size_px: [0.0, 0.0],
        };
        app.involvement = scene::involvement(&app.data.world, &app.dataset, None);
        app
    }

    /// Fixes "today" (a day number), so that open-ended bars end on the same day in every run
    /// of a snapshot test.
    pub fn with_today(mut self, day: i64) -> Self {
        self.today = day;
        self
    }

    /// The app on the bundled world and initiatives.
    pub fn bundled() -> anyhow::Result<Self> {
        let data = WorldData::bundled()?;
        let dataset = crate::data::bundled::dataset(&data.world)?;
        Ok(Self::new(data, dataset))
    }

    /// Restores what the last session saved.
    pub fn restore(mut self, storage: Option<&dyn eframe::Storage>) -> Self {
        let Some(saved) = storage.and_then(|s| eframe::get_value::<Persisted>(s, eframe::APP_KEY))
        else {
            return self;
        };
        self.selected = saved.country.and_then(|c| self.data.world.index_of(&c));
        self.initiative = saved.initiative.and_then(|id| self.dataset.index_of(&id));
        if let Some(map) = saved.map {
            self.map_memory = map;
            self.auto_fit = false;
        }
        self.list = saved.list;
        self.basemap.enabled = saved.basemap;
        self.files.recent = saved.recent;
        self
    }

    /// The loaded world.
    pub fn world(&self) -> &World {
        &self.data.world
    }

    /// The loaded initiatives.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The selected country's code.
    pub fn selected_code(&self) -> Option<&str> {
        self.code_of(self.selected)
    }

    /// The selected initiative's id.
    pub fn selected_initiative(&self) -> Option<&str> {
        self.initiative
            .and_then(|i| self.dataset.initiatives.get(i))
            .map(|i| i.id.as_str())
    }

    /// The country under the pointer in the last frame.
    pub fn hovered_code(&self) -> Option<&str> {
        self.code_of(self.layer.hovered)
    }

    /// Ids of the initiatives the list shows, in its order.
    pub fn visible_initiatives(&self) -> Vec<&str> {
        self.list
            .filters
            .visible(&self.dataset)
            .into_iter()
            .map(|i| self.dataset.initiatives[i].id.as_str())
            .collect()
    }

    /// The fill the map gives a country in this frame.
    pub fn fill_of(&self, code: &str) -> Option<Color32> {
        let i = self.data.world.index_of(code)?;
        self.colors().fills.get(i).copied()
    }

    /// How the map was placed on screen in the last frame.
    pub fn view(&self) -> Option<ViewTransform> {
        self.layer.view
    }

    /// The map's zoom level.
    pub fn zoom(&self) -> f64 {
        self.map_memory.zoom()
    }

    /// The date cursor, as "YYYY-MM-DD".
    pub fn as_of(&self) -> Option<String> {
        self.as_of.map(iso_date)
    }

    /// Whether presenter mode is on.
    pub fn is_presenting(&self) -> bool {
        self.presenter.is_some()
    }

    /// The presenter's position, "5 / 23".
    pub fn progress(&self) -> Option<String> {
        self.presenter.as_ref().map(Presenter::progress)
    }

    /// The caption on the map: date, effort, title, outcome.
    pub fn caption_text(&self) -> Option<[String; 4]> {
        let (i, m) = self.caption?;
        let initiative = self.dataset.initiatives.get(i)?;
        let milestone = initiative.milestones.get(m)?;
        Some([
            milestone.date.to_string(),
            initiative.name.clone(),
            milestone.title.clone(),
            milestone.outcome.clone(),
        ])
    }

    /// Whether the screen is blacked out.
    pub fn is_blacked_out(&self) -> bool {
        self.presenter.as_ref().is_some_and(|p| p.blackout)
    }

    /// Whether autoplay is running.
    pub fn is_autoplaying(&self) -> bool {
        self.presenter
            .as_ref()
            .is_some_and(|p| p.next_step_at.is_some())
    }

    /// Sets the autoplay interval, in seconds.
    pub fn set_autoplay_interval(&mut self, secs: f64) {
        if let Some(p) = &mut self.presenter {
            p.interval_secs = secs;
        }
    }

    /// Opens a world GeoJSON or an initiatives file in the background. The data on screen stays
    /// until the new file has loaded without errors.
    pub fn open(&mut self, path: PathBuf) {
        self.files.to_open.push(path);
    }

    /// Whether a file is loading.
    pub fn is_loading(&self) -> bool {
        !self.files.to_open.is_empty() || self.files.loader.is_loading()
    }

    /// The problems of the last load (`true` if they stopped it), one line each.
    pub fn load_report(&self) -> Option<(&[String], bool)> {
        self.files
            .report
            .as_ref()
            .map(|(_, lines, failed)| (lines.as_slice(), *failed))
    }

    /// Whether the map is still flying to a view.
    pub fn is_flying(&self) -> bool {
        self.flight.is_some()
    }

    fn code_of(&self, index: Option<usize>) -> Option<&str> {
        index
            .and_then(|i| self.data.world.countries().get(i))
            .map(|c| c.code.as_str())
    }

    /// The country colours for the current selection: roles when an initiative is selected, the
    /// overview shading otherwise.
    fn colors(&self) -> LayerColors {
        let mut colors = scene::country_colors(
            &self.data.world,
            &self.dataset,
            self.initiative,
            self.as_of,
            &self.involvement,
        );
        if self.basemap.enabled {
            // With tiles underneath, let them show through the fills.
            colors
                .fills
                .iter_mut()
                .for_each(|c| *c = c.gamma_multiply(0.55));
        }
        colors
    }

    /// While a file loads: which one, the step it is at and how far the whole load is.
    fn loading_status(&self, ui: &mut Ui) {
        if let Some((path, progress)) = self.files.loader.progress() {
            let name = file_name(path);
            let text = match progress.stage() {
                Some((stage, _)) => format!(
                    "{} {name}… {:.0} %",
                    stage.label(),
                    progress.overall() * 100.0
                ),
                None => format!("Opening {name}…"),
            };
            // Progress moves on another thread, without input events: keep repainting.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
            // Initiatives files report no steps: an animated bar says the load is alive.
            ui.add(
                egui::ProgressBar::new(progress.overall())
                    .desired_width(260.0)
                    .animate(progress.stage().is_none())
                    .text(text),
            );
        } else if self.is_loading() {
            ui.spinner();
            ui.label("Loading…");
        }
    }

    /// Draws the whole app into `ui`.
    pub fn ui(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        self.files_frame(ui);
        self.involvement = scene::involvement(&self.data.world, &self.dataset, self.as_of);
        if self.presenter.is_some() {
            self.presenter_keys(ui, &mut commands);
        } else {
            self.keyboard(ui, &mut commands);
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::F11)) {
            commands.push(Command::ToggleFullscreen);
        }
        let presenting = self.presenter.is_some();

        if !presenting {
            egui::Panel::top("toolbar").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Microlateral Atlas");
                    ui.separator();
                    self.file_menu(ui, &mut commands);
                    self.loading_status(ui);
                    ui.separator();
                    ui.checkbox(&mut self.basemap.enabled, "Online basemap (OpenStreetMap)")
                        .on_hover_text("Off by default: the map works offline. On, it fetches tiles over HTTPS.");
                    ui.separator();
                    egui::ComboBox::from_label("Tour")
                        .selected_text(tour_label(self.tour_choice, &self.dataset))
                        .show_ui(ui, |ui| {
                            let built_in = [TourChoice::Everything, TourChoice::CurrentFilter, TourChoice::SelectedInitiative];
                            let from_data = (0..self.dataset.tours.len()).map(TourChoice::FromData);
                            for choice in built_in.into_iter().chain(from_data) {
                                let label = tour_label(choice, &self.dataset);
                                ui.selectable_value(&mut self.tour_choice, choice, label);
                            }
                        });
                    if ui.button("Present").on_hover_text("F5; Esc leaves").clicked() {
                        commands.push(Command::StartPresenting);
                    }
                });
            });
        }

        if !self.timeline_open {
            egui::Panel::bottom("timeline_closed").show(ui, |ui| {
                if ui.button("Show timeline").clicked() {
                    self.timeline_open = true;
                }
            });
        }
        // Dragging the panel shut also collapses it.
        let mut timeline_open = self.timeline_open;
        egui::Panel::bottom("timeline")
            .resizable(true)
            .default_size(if presenting { 150.0 } else { 230.0 })
            .show_collapsible(ui, &mut timeline_open, |ui| {
                let lanes = self.list.filters.visible(&self.dataset);
                self.timeline.ui(
                    ui,
                    &self.dataset,
                    &lanes,
                    self.initiative,
                    self.as_of,
                    self.today,
                    &mut commands,
                );
            });

        self.timeline_open = timeline_open;

        if !presenting {
            egui::Panel::left("initiative_list")
                .resizable(true)
                .default_size(290.0)
                .show(ui, |ui| {
                    let pick = self
                        .list
                        .ui(ui, &self.dataset, &self.data.world, self.initiative);
                    match pick {
                        Some(ListPick::Initiative(i)) => {
                            commands.push(Command::SelectInitiative(Some(i)))
                        }
                        Some(ListPick::Country(c)) => commands.push(Command::ShowCountry(c)),
                        None => {}
                    }
                });

            egui::Panel::right("detail_panel")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        if let Some(initiative) = self
                            .initiative
                            .and_then(|i| self.dataset.initiatives.get(i))
                        {
                            self.card
                                .ui(ui, initiative, &self.data.world, &mut commands);
                            ui.separator();
                        }
                        match self.country_panel.ui(
                            ui,
                            &self.data.world,
                            &self.dataset,
                            self.selected,
                        ) {
                            Some(CountryAction::ShowInitiative(i)) => {
                                commands.push(Command::SelectInitiative(Some(i)));
                            }
                            Some(CountryAction::ExportHistory(format)) => {
                                if let Some(code) = self.selected_code() {
                                    let what = Export::History(code.to_owned());
                                    commands.push(Command::Export(what, format));
                                }
                            }
                            None => {}
                        }
                    });
                });
        }

        egui::CentralPanel::default()
            .frame(Frame::NONE.fill(style::OCEAN))
            .show(ui, |ui| {
                self.map_ui(ui, &mut commands);
                self.caption_ui(ui, &mut commands);
            });

        if let Some(p) = &mut self.presenter {
            let now = ui.input(|i| i.time);
            if p.tick(now) {
                self.go_to_step();
            }
            if let Some(at) = self.presenter.as_ref().and_then(|p| p.next_step_at) {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64((at - now).max(0.0)));
            }
        }
        self.report_window(ui.ctx());
        if self.is_blacked_out() {
            presenter::blackout(ui.ctx());
        }

        for command in commands {
            self.apply(command, ui.ctx());
        }
    }

    /// Starts asked-for loads, swaps in finished ones, reloads changed files, takes dropped
    /// files, and saves a screenshot that has arrived.
    fn files_frame(&mut self, ui: &Ui) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        self.files.to_open.extend(dropped);
        let changed = self.files.watch.changed();
        self.files.to_open.extend(changed);
        for path in std::mem::take(&mut self.files.to_open) {
            let codes = CodeList(
                self.data
                    .world
                    .countries()
                    .iter()
                    .map(|c| c.code.clone())
                    .collect(),
            );
            let source = self.files.dataset_source.clone();
            let options = match &self.files.world_options {
                Some((p, options)) if p == &path => options.clone(),
                _ => WorldOptions::default(),
            };
            let ctx = ui.ctx().clone();
            self.files
                .loader
                .start(path, codes, source, options, move || ctx.request_repaint());
        }
        while let Some(loaded) = self.files.loader.poll() {
            self.apply_loaded(loaded, ui.ctx());
        }
        let saved = self
            .files
            .png_done
            .lock()
            .ok()
            .and_then(|mut done| done.take());
        if let Some((path, result)) = saved {
            self.report_saved(&path, "the map view", result);
        }
    }

    /// Says in the report panel that `described` was saved to `path`, or why it was not.
    fn report_saved(&mut self, path: &Path, described: &str, result: Result<(), String>) {
        self.files.report = Some(match result {
            Ok(()) => (
                path.to_owned(),
                vec![format!("Saved {described} to {}", path.display())],
                false,
            ),
            Err(e) => (
                path.to_owned(),
                vec![format!("Could not save {described}: {e}")],
                true,
            ),
        });
    }

    /// Swaps in a finished load, or reports why it failed (keeping what is on screen).
    fn apply_loaded(&mut self, loaded: Loaded, ctx: &egui::Context) {
        let path = match loaded {
            Loaded::Failed { path, problems } => {
                self.files.report = Some((path, problems, true));
                return;
            }
            Loaded::World {
                path,
                data,
                dataset,
            } => {
                let country = self.selected_code().map(str::to_owned);
                let initiative = self.selected_initiative().map(str::to_owned);
                self.data = *data;
                self.dataset = dataset;
                self.layer_cache = LayerCache::default();
                self.layer = LayerOutput::default();
                self.selected = country.and_then(|c| self.data.world.index_of(&c));
                self.initiative = initiative.and_then(|id| self.dataset.index_of(&id));
                self.files.report = None;
                path
            }
            Loaded::Initiatives {
                path,
                dataset,
                warnings,
            } => {
                let initiative = self.selected_initiative().map(str::to_owned);
                self.dataset = dataset;
                self.initiative = initiative.and_then(|id| self.dataset.index_of(&id));
                self.caption = None;
                self.presenter = None;
                self.files.dataset_source = DatasetSource::File(path.clone());
                if matches!(self.tour_choice, TourChoice::FromData(_)) {
                    self.tour_choice = TourChoice::Everything;
                }
                self.files.report = (!warnings.is_empty()).then(|| {
                    (
                        path.clone(),
                        warnings.iter().map(ToString::to_string).collect(),
                        false,
                    )
                });
                path
            }
        };
        self.remember(path, ctx);
    }

    /// Watches a file now on screen, so it reloads when it changes, and lists it first among the
    /// recent files.
    fn remember(&mut self, path: PathBuf, ctx: &egui::Context) {
        let ctx = ctx.clone();
        if let Err(why) = self.files.watch.watch(&path, move || ctx.request_repaint()) {
            log::warn!("{why}; the file will not reload when it changes");
        }
        self.files.recent.retain(|p| p != &path);
        self.files.recent.insert(0, path);
        self.files.recent.truncate(MAX_RECENT);
    }

    /// The recently opened files, the latest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.files.recent
    }

    /// Says which files the data given at start came from, so they reload when edited and join
    /// the recent files, as files opened in the window do: the world file (`--world`) with the
    /// options it was read with, and where the initiatives came from (`--data`, the bundled ones,
    /// or none when the bundled ones did not fit that world).
    pub fn opened_from(
        &mut self,
        world: Option<(PathBuf, WorldOptions)>,
        initiatives: DatasetSource,
        ctx: &egui::Context,
    ) {
        if let Some((path, options)) = world {
            self.files.world_options = Some((path.clone(), options));
            self.remember(path, ctx);
        }
        if let DatasetSource::File(path) = &initiatives {
            self.remember(path.clone(), ctx);
        }
        self.files.dataset_source = initiatives;
    }

    fn file_menu(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.menu_button("File", |ui| {
            ui.label(egui::RichText::new("Or drop a file on the window").weak());
            if ui.button("Open…").clicked() {
                let picked = rfd::FileDialog::new()
                    .add_filter("Initiatives or world map", &["json", "geojson"])
                    .pick_file();
                if let Some(path) = picked {
                    self.open(path);
                }
                ui.close();
            }
            ui.menu_button("Open recent", |ui| {
                if self.files.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in self.files.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        self.open(path);
                        ui.close();
                    }
                }
            });
            for (format, label) in [
                (Format::Csv, "Export the initiative list as CSV…"),
                (Format::Json, "Export the initiative list as JSON…"),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::Export(Export::List, format));
                    ui.close();
                }
            }
            for scale in [2u32, 4] {
                if ui
                    .button(format!("Save view as PNG at {scale}×…"))
                    .clicked()
                {
                    self.save_scaled_view(scale);
                    ui.close();
                }
            }
            if ui.button("Save view as PNG…").clicked() {
                let picked = rfd::FileDialog::new()
                    .add_filter("PNG image", &["png"])
                    .set_file_name("microlateral-atlas.png")
                    .save_file();
                if let Some(path) = picked {
                    let map = self.layer.view.map(|v| v.rect);
                    let pixels_per_point = ui.pixels_per_point();
                    let done = self.files.png_done.clone();
                    let ctx = ui.ctx().clone();
                    // The screenshot arrives in a callback after the frame that asked for it.
                    let callback = egui::ScreenshotCallback::new(move |image| {
                        let result = save_png(&image, map, pixels_per_point, &path)
                            .map_err(|e| format!("{e:#}"));
                        if let Ok(mut slot) = done.lock() {
                            *slot = Some((path, result));
                        }
                        ctx.request_repaint();
                    });
                    ui.ctx()
                        .send_viewport_cmd(egui::ViewportCommand::Screenshot(callback));
                }
                ui.close();
            }
        });
    }

    /// Writes an export to `path` (atomically) and says in the report panel where it went, or
    /// why it could not be written. The dialog that picks `path` is the caller's.
    pub fn export_to(&mut self, what: &Export, format: Format, path: &Path) {
        let text = match what {
            Export::History(code) => crate::export::table::history(&self.dataset, code, format),
            Export::List => crate::export::initiative_list(&self.dataset, format),
        };
        let result = text
            .and_then(|t| crate::export::write_atomically(path, t.as_bytes()))
            .map_err(|e| e.to_string());
        let described = match what {
            Export::History(code) => format!("the history of {code}"),
            Export::List => "the initiative list".to_owned(),
        };
        self.report_saved(path, &described, result);
    }

    /// Draws what the map shows at `scale` times its size on screen, with the same scene code
    /// as `microlateral-atlas export`, and saves it as a PNG the user names.
    fn save_scaled_view(&mut self, scale: u32) {
        let Some(view) = self.layer.view else { return };
        let picked = rfd::FileDialog::new()
            .add_filter("PNG image", &["png"])
            .set_file_name(format!("microlateral-atlas-{scale}x.png"))
            .save_file();
        let Some(path) = picked else { return };
        let centre = self
            .map_memory
            .detached()
            .map_or([0.0, 20.0], |p| [p.x(), p.y()]);
        let picture = scene::Picture {
            initiative: self.initiative,
            as_of: self.as_of,
            caption: self.caption,
            // The same ground at `scale` times the pixels is `log2(scale)` zoom levels closer.
            view: Some((centre, self.map_memory.zoom() + f64::from(scale).log2())),
        };
        let size = [
            (view.rect.width() * scale as f32).round() as u32,
            (view.rect.height() * scale as f32).round() as u32,
        ];
        let drawing = crate::export::svg(&self.data, &self.dataset, &picture, size);
        let result = crate::export::png(&drawing)
            .and_then(|png| crate::export::write_atomically(&path, &png))
            .map_err(|e| e.to_string());
        self.report_saved(&path, &format!("the map view at {scale}×"), result);
    }

    /// The list of a load's problems or warnings, until dismissed.
    fn report_window(&mut self, ctx: &egui::Context) {
        let Some((path, lines, failed)) = &self.files.report else {
            return;
        };
        let title = if *failed {
            format!("Could not use {}", file_name(path))
        } else {
            file_name(path)
        };
        let mut open = true;
        let mut dismissed = false;
        egui::Window::new(title)
            .id(egui::Id::unique("load_report"))
            .open(&mut open)
            .default_width(620.0)
            .collapsible(false)
            .show(ctx, |ui| {
                if *failed {
                    ui.label("Nothing was changed: the data shown before is still loaded.");
                }
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for line in lines {
                            ui.label(egui::RichText::new(line).monospace());
                        }
                    });
                if ui.button("Dismiss").clicked() {
                    dismissed = true;
                }
            });
        if !open || dismissed {
            self.files.report = None;
        }
    }

    /// The caption box over the map, and in presenter mode its controls.
    fn caption_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some((i, m)) = self.caption else { return };
        let Some(initiative) = self.dataset.initiatives.get(i) else {
            return;
        };
        let Some(milestone) = initiative.milestones.get(m) else {
            return;
        };
        let rect = ui.max_rect();
        let width = (rect.width() * 0.6).clamp(320.0, 900.0);
        let area = egui::Rect::from_min_size(
            egui::pos2(rect.center().x - width / 2.0, rect.top() + 12.0),
            vec2(width, 260.0),
        );
        let progress = self.presenter.as_ref().map(Presenter::progress);
        ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
            Frame::popup(ui.style()).inner_margin(14.0).show(ui, |ui| {
                presenter::caption_ui(ui, initiative, milestone, progress.as_deref());
                ui.horizontal(|ui| {
                    if progress.is_some() {
                        crate::ui::style::enlarge_text(ui.style_mut(), PRESENTER_TEXT_SCALE);
                    }
                    if let Some(p) = &mut self.presenter {
                        if ui.button("Previous").clicked() {
                            commands.push(Command::Present(PresenterKey::Previous));
                        }
                        if ui.button("Next").clicked() {
                            commands.push(Command::Present(PresenterKey::Next));
                        }
                        let playing = p.next_step_at.is_some();
                        if ui.button(if playing { "Pause" } else { "Play" }).clicked() {
                            let now = ui.input(|i| i.time);
                            p.toggle_autoplay(now);
                        }
                        let label = ui.label("every");
                        ui.add(
                            egui::DragValue::new(&mut p.interval_secs)
                                .range(1.0..=60.0)
                                .suffix(" s"),
                        )
                        .labelled_by(label.id);
                        if ui.button("Exit presentation").clicked() {
                            commands.push(Command::StopPresenting);
                        }
                    } else if ui.button("Close caption").clicked() {
                        self.caption = None;
                    }
                });
            });
        });
    }

    /// The presenter's keys, read before anything else can act on them.
    fn presenter_keys(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        let keys = presenter::read_keys(ui);
        let Some(p) = &mut self.presenter else { return };
        let mut moved = false;
        for key in keys {
            let (changed, exit) = p.press(key);
            moved |= changed;
            if exit {
                commands.push(Command::StopPresenting);
            }
            if key == PresenterKey::Previous || key == PresenterKey::Next {
                // A manual step pauses autoplay's clock so it does not jump twice.
                if p.next_step_at.is_some() {
                    p.next_step_at = Some(ui.input(|i| i.time) + p.interval_secs);
                }
            }
        }
        if moved {
            self.go_to_step();
        }
    }

    /// Shows the presenter's current step: the initiative, the date, the caption, the camera.
    fn go_to_step(&mut self) {
        let Some(step) = self.presenter.as_ref().and_then(Presenter::step) else {
            return;
        };
        let Some(initiative) = self.dataset.initiatives.get(step.initiative) else {
            return;
        };
        let Some(milestone) = initiative.milestones.get(step.milestone) else {
            return;
        };
        self.initiative = Some(step.initiative);
        self.as_of = Some(milestone.date.end_day());
        self.caption = Some((step.initiative, step.milestone));
        if let Some(bbox) = self.initiative_bbox(step.initiative) {
            self.fly_to(bbox);
        }
    }

    /// The steps of a new tour, as the toolbar's choice says.
    fn tour(&self) -> Vec<scene::Step> {
        let initiatives: Vec<usize> = match self.tour_choice {
            TourChoice::Everything => (0..self.dataset.initiatives.len()).collect(),
            TourChoice::CurrentFilter => self.list.filters.visible(&self.dataset),
            TourChoice::SelectedInitiative => self.initiative.into_iter().collect(),
            // The file's own order, not date order: the author chose it.
            TourChoice::FromData(i) => {
                return self.dataset.tours.get(i).map_or_else(Vec::new, |tour| {
                    tour.steps
                        .iter()
                        .map(|&(initiative, milestone)| scene::Step {
                            initiative,
                            milestone,
                        })
                        .collect()
                });
            }
        };
        scene::build_tour(&self.dataset, &initiatives)
    }

    /// Keys that work anywhere but in a text field.
    fn keyboard(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::F5)) {
            commands.push(Command::StartPresenting);
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            commands.push(Command::SelectCountry(None));
            commands.push(Command::SelectInitiative(None));
        }
        if ui.memory(|m| m.focused().is_some()) {
            // A focused widget (the search box, a button) gets the arrows itself.
            return;
        }
        let (down, up) = ui.input(|i| (i.key_pressed(Key::ArrowDown), i.key_pressed(Key::ArrowUp)));
        if down || up {
            let visible = self.list.filters.visible(&self.dataset);
            let at = self
                .initiative
                .and_then(|i| visible.iter().position(|&v| v == i));
            let next = match (at, down) {
                (None, true) => visible.first().copied(),
                (None, false) => visible.last().copied(),
                (Some(p), true) => visible.get(p + 1).or(visible.last()).copied(),
                (Some(p), false) => visible.get(p.saturating_sub(1)).copied(),
            };
            if next.is_some() {
                commands.push(Command::SelectInitiative(next));
            }
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let zoom_range = self.zoom_range();
        let takes_camera = matches!(
            command,
            Command::ZoomIn
                | Command::ZoomOut
                | Command::FitWorld
                | Command::SelectInitiative(Some(_))
        );
        match command {
            Command::ZoomIn => {
                let z = (self.map_memory.zoom() + 1.0).min(zoom_range.1);
                let _ = self.map_memory.set_zoom(z);
            }
            Command::ZoomOut => {
                let z = (self.map_memory.zoom() - 1.0).max(zoom_range.0);
                let _ = self.map_memory.set_zoom(z);
            }
            Command::FitWorld => self.fly_to(scene::WORLD_VIEW),
            Command::SelectCountry(country) => self.selected = country,
            Command::Export(what, format) => {
                let picked = rfd::FileDialog::new()
                    .add_filter(format.label(), &[format.extension()])
                    .set_file_name(what.file_name(format))
                    .save_file();
                if let Some(path) = picked {
                    self.export_to(&what, format, &path);
                }
            }
            Command::ShowCountry(country) => {
                self.selected = Some(country);
                if let Some(c) = self.data.world.countries().get(country) {
                    // Close enough to see its shape, far enough to see its neighbours: a
                    // microstate is not blown up to fill the screen.
                    self.fly_to_within(c.main_bbox(), COUNTRY_MAX_ZOOM);
                }
            }
            Command::SelectInitiative(initiative) => {
                self.initiative = initiative;
                if initiative.is_none() || self.caption.is_some_and(|(i, _)| Some(i) != initiative)
                {
                    self.caption = None;
                }
                if let Some(bbox) = initiative.and_then(|i| self.initiative_bbox(i)) {
                    self.fly_to(bbox);
                }
            }
            Command::SetCursor(day) => self.as_of = day,
            Command::Present(key) => {
                if let Some(p) = &mut self.presenter
                    && p.press(key).0
                {
                    self.go_to_step();
                }
            }
            Command::ShowMilestone {
                initiative,
                milestone,
            } => {
                self.caption = Some((initiative, milestone));
                if self.initiative != Some(initiative) {
                    self.initiative = Some(initiative);
                    if let Some(bbox) = self.initiative_bbox(initiative) {
                        self.fly_to(bbox);
                    }
                }
            }
            Command::StartPresenting => {
                let tour = self.tour();
                if !tour.is_empty() {
                    self.presenter = Some(Presenter::new(tour));
                    self.go_to_step();
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                    self.fullscreen = true;
                }
            }
            Command::StopPresenting => {
                self.presenter = None;
                self.caption = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                self.fullscreen = false;
            }
            Command::ToggleFullscreen => {
                self.fullscreen = !self.fullscreen;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.fullscreen));
            }
            Command::SetTimelineOpen(open) => self.timeline_open = open,
            // TODO(restructure): handled in the app rewrite
            _ => {}
        }
        if takes_camera {
            self.auto_fit = false;
        }
    }

    /// The box around an initiative's leads and participants (their main landmasses). Outside
    /// supporters are left out unless there is no one else, so the map frames the effort itself.
    fn initiative_bbox(&self, index: usize) -> Option<BBox> {
        scene::initiative_bbox(&self.data.world, &self.dataset, index)
    }

    fn zoom_range(&self) -> (f64, f64) {
        (min_zoom(self.map_size_px), MAX_ZOOM)
    }

    /// Starts a flight to a box, or fits at once if the map has no size yet.
    fn fly_to(&mut self, bbox: BBox) {
        self.fly_to_within(bbox, MAX_ZOOM);
    }

    /// [`AtlasApp::fly_to`], zooming in no further than `max_zoom`.
    fn fly_to_within(&mut self, bbox: BBox, max_zoom: f64) {
        // The camera has somewhere to be: stop keeping the world fitted.
        self.auto_fit = false;
        if self.map_size_px[0] <= 0.0 {
            self.pending_fit = Some(bbox);
            return;
        }
        // With a caption over the top of the map, fit into the part below it.
        let top_px = if self.caption.is_some() {
            CAPTION_HEIGHT_PX.min(self.map_size_px[1] / 2.0)
        } else {
            0.0
        };
        let (min, max) = self.zoom_range();
        let zoom_range = (min, max.min(max_zoom).max(min));
        let (centre, zoom) = scene::fit_view(bbox, self.map_size_px, zoom_range, top_px);
        let now = self
            .map_memory
            .detached()
            .map_or([0.0, 20.0], |p| [p.x(), p.y()]);
        self.flight = Some(Flight {
            from: (now, self.map_memory.zoom()),
            to: (centre, zoom),
            start_secs: f64::NAN,
        });
    }

    /// Moves the camera along the current flight.
    fn advance_flight(&mut self, now_secs: f64) {
        let Some(flight) = &mut self.flight else {
            return;
        };
        if flight.start_secs.is_nan() {
            flight.start_secs = now_secs;
        }
        let t = ((now_secs - flight.start_secs) / FLY_SECS).clamp(0.0, 1.0);
        // Ease in and out, so the move starts and lands gently.
        let e = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        let (from, to) = (flight.from, flight.to);
        self.map_memory
            .center_at(lon_lat(lerp(from.0[0], to.0[0]), lerp(from.0[1], to.0[1])));
        let _ = self.map_memory.set_zoom(lerp(from.1, to.1));
        if t >= 1.0 {
            self.flight = None;
        }
    }

    fn map_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let size = ui.available_size();
        self.map_size_px = [size.x as f64, size.y as f64];
        let zoom_range = self.zoom_range();
        if size.x > 0.0 && size.y > 0.0 {
            if let Some(bbox) = self.pending_fit.take() {
                self.fly_to(bbox);
            } else if self.auto_fit && self.flight.is_none() {
                let (centre, zoom) =
                    mercator::fit_bbox(scene::WORLD_VIEW, self.map_size_px, zoom_range);
                self.map_memory.center_at(lon_lat(centre[0], centre[1]));
                let _ = self.map_memory.set_zoom(zoom);
            }
        }
        if self.flight.is_some() {
            self.advance_flight(ui.input(|i| i.time));
            ui.ctx().request_repaint();
        }

        let colors = self.colors();
        let layer = CountryLayer {
            world: &self.data.world,
            meshes: &self.data.meshes,
            index: &self.data.index,
            colors: &colors,
            selected: self.selected,
            output: &mut self.layer,
            cache: &mut self.layer_cache,
        };
        let tiles = self.basemap.tiles(ui.ctx()).map(|t| t as &mut dyn Tiles);
        let attribution = tiles.as_ref().map(|t| t.attribution());
        let zoom_before = self.map_memory.zoom();
        let presenting = self.presenter.is_some();
        let legend_height = self.legend_height;
        let mut measured_legend = legend_height;
        let selected_initiative = self
            .initiative
            .and_then(|i| self.dataset.initiatives.get(i));
        let response = walkers::Map::new(tiles, &mut self.map_memory, lon_lat(0.0, 20.0))
            .with_plugin(layer)
            .double_click_to_zoom(true)
            // The wheel zooms, as people expect of a map; dragging pans.
            .zoom_with_ctrl(false)
            .show(ui, |ui, _, _, _| {
                let rect = ui.max_rect();
                let controls = egui::Rect::from_min_size(
                    rect.right_top() + vec2(-110.0, 10.0),
                    vec2(100.0, 100.0),
                );
                ui.scope_builder(UiBuilder::new().max_rect(controls), |ui| {
                    Frame::popup(ui.style()).show(ui, |ui| {
                        ui.vertical_centered_justified(|ui| {
                            if ui.button("Zoom in").clicked() {
                                commands.push(Command::ZoomIn);
                            }
                            if ui.button("Zoom out").clicked() {
                                commands.push(Command::ZoomOut);
                            }
                            if ui.button("Fit world").clicked() {
                                commands.push(Command::FitWorld);
                            }
                        });
                    });
                });
                // Above the credits line (or the tiles' attribution), growing upwards: a long
                // initiative name wraps the title and must not push the box over the credits.
                let above = if attribution.is_some() { 34.0 } else { 22.0 };
                let legend = egui::Rect::from_min_size(
                    rect.left_bottom() + vec2(10.0, -above - legend_height),
                    vec2(if presenting { 330.0 } else { 230.0 }, legend_height),
                );
                measured_legend = ui
                    .scope_builder(UiBuilder::new().max_rect(legend), |ui| {
                        if presenting {
                            crate::ui::style::enlarge_text(ui.style_mut(), PRESENTER_TEXT_SCALE);
                        }
                        Frame::popup(ui.style()).show(ui, |ui| {
                            legend_ui(ui, selected_initiative.map(|i| i.name.as_str()))
                        });
                    })
                    .response
                    .rect
                    .height();
                if let Some(attribution) = attribution {
                    let at = rect.left_bottom() + vec2(6.0, -6.0);
                    let area = egui::Rect::from_min_size(at - vec2(0.0, 20.0), vec2(300.0, 20.0));
                    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
                        Frame::popup(ui.style()).inner_margin(2.0).show(ui, |ui| {
                            ui.hyperlink_to(format!("© {}", attribution.text), attribution.url);
                        });
                    });
                }
            })
            .response;

        if (measured_legend - self.legend_height).abs() > 0.5 {
            self.legend_height = measured_legend;
            // Lay the frame out again with the new height rather than show it misplaced once.
            ui.ctx().request_discard("the legend changed height");
        }
        if response.dragged() || zoom_before != self.map_memory.zoom() && self.flight.is_none() {
            self.auto_fit = false;
            // The user takes the camera: stop any flight.
            self.flight = None;
        }
        // The pointer's offset from the map's centre while the wheel or a pinch zooms, so a zoom
        // stopped at a limit keeps the place under the pointer where it is.
        // As walkers does, a pinch zooms about the fingers' centre and the wheel about the pointer.
        let anchor = (zoom_before != self.map_memory.zoom())
            .then(|| {
                ui.input(|i| i.multi_touch().map(|t| t.center_pos))
                    .or(response.hover_pos())
                    .map(|p| p - response.rect.center())
            })
            .flatten();
        clamp_view(&mut self.map_memory, zoom_range, anchor);

        if response.clicked() {
            commands.push(Command::SelectCountry(self.layer.hovered));
        }
        if let Some(ci) = self.layer.hovered {
            let country = &self.data.world.countries()[ci];
            let role = selected_initiative.and_then(|i| i.role_of(&country.code, None));
            let (led, joined) = self.involvement[ci];
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(format!("{} ({})", country.name, country.code));
                if let (Some(initiative), Some(role)) = (selected_initiative, role) {
                    ui.label(format!("{} in {}", role.label(), initiative.name));
                } else if let Some(initiative) = selected_initiative {
                    ui.label(format!("Not part of {}", initiative.name));
                }
                ui.label(involvement_text(led, joined));
            });
        }
        if !self.basemap.enabled {
            // A label rather than painted text, so screen readers (and tests) find the credits.
            let rect = ui.max_rect();
            let line = egui::Rect::from_min_max(
                rect.left_bottom() + vec2(6.0, -18.0),
                rect.right_bottom() + vec2(-6.0, -2.0),
            );
            ui.scope_builder(
                UiBuilder::new()
                    .max_rect(line)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
                |ui| {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(
                                "Borders: Natural Earth 1:50m (public domain) · \
                                 Population: World Bank 2019 (CC BY 4.0)",
                            )
                            .size(11.0)
                            .color(Color32::from_gray(90)),
                        )
                        .truncate()
                        .selectable(false),
                    );
                },
            );
        }
    }
}

/// Keeps the zoom within limits and the centre on the world, so the map can't be lost.
///
/// walkers zooms about the pointer: it moves the centre so the place under the pointer stays put
/// at the new zoom. Clamping only the zoom afterwards would leave the centre where walkers put it
/// for a zoom the map never shows, and the map would slide away from the pointer with each wheel
/// step past the limit. With `anchor` (the pointer's offset from the map's centre, in points),
/// the centre is moved back so that the place under the pointer stays put at the clamped zoom.
fn clamp_view(memory: &mut MapMemory, zoom_range: (f64, f64), anchor: Option<egui::Vec2>) {
    let zoom = memory.zoom();
    let clamped = zoom.clamp(zoom_range.0, zoom_range.1);
    if clamped != zoom {
        if let (Some(offset), Some(centre)) = (anchor, memory.detached()) {
            let c = mercator::unit_from_lonlat([centre.x(), centre.y()]);
            let units_per_px = |z: f64| 1.0 / (256.0 * 2f64.powf(z));
            let k = units_per_px(zoom) - units_per_px(clamped);
            let moved = [
                c[0] + f64::from(offset.x) * k,
                c[1] + f64::from(offset.y) * k,
            ];
            let [lon, lat] = mercator::lonlat_from_unit(moved);
            memory.center_at(lon_lat(lon, lat));
        }
        let _ = memory.set_zoom(clamped);
    }
    if let Some(centre) = memory.detached() {
        let (lon, lat) = (centre.x(), centre.y());
        let (clon, clat) = (lon.clamp(-180.0, 180.0), lat.clamp(-80.0, 80.0));
        if (clon, clat) != (lon, lat) {
            memory.center_at(lon_lat(clon, clat));
        }
    }
}

/// The legend: roles for a selected initiative, the overview scale otherwise.
fn legend_ui(ui: &mut Ui, initiative: Option<&str>) {
    let (title, rows) = scene::legend(initiative);
    ui.strong(title);
    for (fill, stroke, label) in rows {
        palette::legend_row(ui, fill, stroke, &label);
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Writes the map's part of a screenshot as a PNG, atomically.
fn save_png(
    image: &egui::ColorImage,
    map: Option<egui::Rect>,
    pixels_per_point: f32,
    path: &Path,
) -> anyhow::Result<()> {
    let [width, height] = image.size;
    // The map's rect in physical pixels; the whole window if the map has not been drawn.
    let (x0, y0, x1, y1) = match map {
        Some(r) => (
            ((r.min.x * pixels_per_point).round().max(0.0) as usize).min(width),
            ((r.min.y * pixels_per_point).round().max(0.0) as usize).min(height),
            ((r.max.x * pixels_per_point).round().max(0.0) as usize).min(width),
            ((r.max.y * pixels_per_point).round().max(0.0) as usize).min(height),
        ),
        None => (0, 0, width, height),
    };
    anyhow::ensure!(x1 > x0 && y1 > y0, "the map has no area to save");
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for px in &image.pixels[y * width + x0..y * width + x1] {
            rgba.extend_from_slice(&px.to_srgba_unmultiplied());
        }
    }
    let buffer = image::RgbaImage::from_raw((x1 - x0) as u32, (y1 - y0) as u32, rgba)
        .ok_or_else(|| anyhow::anyhow!("the screenshot has the wrong size"))?;
    let mut png = std::io::Cursor::new(Vec::new());
    buffer.write_to(&mut png, image::ImageFormat::Png)?;
    crate::export::write_atomically(path, png.get_ref())?;
    Ok(())
}

fn tour_label(choice: TourChoice, dataset: &Dataset) -> String {
    match choice {
        TourChoice::Everything => "Every milestone".to_owned(),
        TourChoice::CurrentFilter => "Milestones of the listed efforts".to_owned(),
        TourChoice::SelectedInitiative => "Milestones of the selected effort".to_owned(),
        TourChoice::FromData(i) => dataset.tours.get(i).map_or_else(
            || "A tour no longer in the data".to_owned(),
            |t| format!("Tour: {}", t.name),
        ),
    }
}

/// "Led 2 small-state efforts · took part in 1 more", in words for a tooltip.
fn involvement_text(led: usize, joined: usize) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (led, joined) {
        (0, 0) => "No efforts recorded".to_owned(),
        (0, j) => format!("Took part in {j} effort{}", plural(j)),
        (l, 0) => format!("Led {l} small-state effort{}", plural(l)),
        (l, j) => format!(
            "Led {l} small-state effort{} · took part in {j} more",
            plural(l)
        ),
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        AtlasApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = Persisted {
            country: self.selected_code().map(str::to_owned),
            initiative: self.selected_initiative().map(str::to_owned),
            map: Some(self.map_memory.clone()),
            list: self.list.clone(),
            basemap: self.basemap.enabled,
            recent: self.files.recent.clone(),
        };
        eframe::set_value(storage, eframe::APP_KEY, &persisted);
    }
}
