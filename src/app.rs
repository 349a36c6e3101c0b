//! The app: the loaded data, what the user has selected, the panel layout, and [`AtlasApp::apply`],
//! the one place where a user's command changes the state.
//!
//! Each frame the panels draw from the state and push [`Command`]s into one queue; after the
//! last panel has drawn, `apply` carries them out and asks for another frame to show the result.

mod editing;
mod files;
mod import;
mod layout;
mod observed;
mod persisted;
mod presenting;
mod recovery;

use std::path::PathBuf;
use std::sync::Arc;

use egui::{Frame, Key, Ui};

use crate::data::Dataset;
use crate::geo::{MAX_ZOOM, WorldData};
use crate::loader::CodeList;
use crate::scene::filters::Filters;
use crate::scene::presenter::Presenter;
use crate::scene::{self, TourChoice, style};
use crate::ui::command::{Command, Loaded};
use crate::ui::dialogs::{FileDialogs, NativeDialogs};
use crate::ui::editor::InitiativeEditor;
use crate::ui::files::Files;
use crate::ui::import_preview::ImportPreview;
use crate::ui::map_view::{MapScene, MapView};
use crate::ui::presenter;
use crate::ui::presenter_view::PresenterView;
use crate::ui::timeline::TimelinePanel;
use crate::ui::toolbar::{Toolbar, explorer_keys};
use crate::ui::tour_export::TourExport;
use crate::ui::{CountryPanel, InitiativeCard, InitiativeList};

pub use crate::ui::command::Export;
pub use observed::Observed;

/// The closest the map flies in to show one country picked by name.
const COUNTRY_MAX_ZOOM: f64 = 6.0;

/// The whole application state.
pub struct AtlasApp {
    /// Shared, so a background export reads it without a copy.
    data: Arc<WorldData>,
    dataset: Dataset,
    /// Per country: how many small-state efforts it led and how many it joined otherwise, as of
    /// the date cursor. Recounted when the date or the data change: with ten thousand efforts
    /// that takes tens of milliseconds, too much for every frame, so an edit to one initiative
    /// recounts that one only (`Involvement::refresh`).
    involvement: scene::Involvement,
    /// The data version `involvement` was counted for.
    involvement_for: u64,
    /// Counts up each time the world or the initiatives are replaced (see `set_dataset`).
    data_version: u64,
    /// The date the map shows the world as of (a day number); `None` shows every date.
    as_of: Option<i64>,
    /// A milestone whose caption is shown on the map.
    caption: Option<(usize, usize)>,
    /// The selected country, an index into the world's countries.
    selected: Option<usize>,
    /// The selected initiative, an index into the dataset's initiatives.
    initiative: Option<usize>,
    /// Whether states that had left the selected effort by the date cursor are drawn.
    show_former: bool,
    /// Two days to compare the selected effort's members at, the earlier first.
    compare: Option<(i64, i64)>,
    /// Today as a day number: where open-ended efforts end on the timeline.
    today: i64,
    map: MapView,
    files: Files,
    tour_export: TourExport,
    /// A table open in the import preview.
    import_preview: Option<ImportPreview>,
    timeline: TimelinePanel,
    /// Whether the timeline panel is shown (it can be collapsed to a button).
    timeline_open: bool,
    /// What narrows the list, the timeline, the tours and the arrow keys.
    filters: Filters,
    list: InitiativeList,
    card: InitiativeCard,
    country_panel: CountryPanel,
    presenter: Option<Presenter>,
    /// The presenter view's window, while it is open.
    presenter_view: Option<PresenterView>,
    tour_choice: TourChoice,
    fullscreen: bool,
    /// Commands given between frames (by `main` or a test), carried out in the next frame.
    queued: Vec<Command>,
    /// Edit mode, the edit history and what the checks found.
    authoring: editing::Authoring,
    editor: InitiativeEditor,
    recovery: recovery::RecoveryFile,
    /// Where open and save dialogs come from: the desktop's, or a script in tests.
    dialogs: Box<dyn FileDialogs>,
    /// The window title last set, so it is sent only when it changes.
    window_title: String,
}

impl AtlasApp {
    /// Replaces the initiatives (after the world, if that changed too): the one way they change,
    /// so what is derived from them is recomputed.
    fn set_dataset(&mut self, dataset: Dataset) {
        self.dataset = dataset;
        self.data_version += 1;
        self.authoring.reset(self.dataset.initiatives.len());
        self.editor.forget_typing();
    }

    /// An app showing `data` and `dataset`.
    pub fn new(data: WorldData, dataset: Dataset) -> Self {
        let today = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| (d.as_secs() / 86_400) as i64);
        let involvement = scene::Involvement::new(&data.world, &dataset, None);
        let mut authoring = editing::Authoring::default();
        authoring.reset(dataset.initiatives.len());
        Self {
            data: Arc::new(data),
            dataset,
            involvement,
            involvement_for: 0,
            data_version: 0,
            as_of: None,
            caption: None,
            selected: None,
            initiative: None,
            show_former: true,
            compare: None,
            today,
            map: MapView::default(),
            files: Files::default(),
            timeline: TimelinePanel::default(),
            timeline_open: true,
            filters: Filters::default(),
            list: InitiativeList,
            card: InitiativeCard,
            country_panel: CountryPanel,
            presenter: None,
            presenter_view: None,
            tour_export: TourExport::default(),
            import_preview: None,
            tour_choice: TourChoice::Everything,
            fullscreen: false,
            queued: Vec::new(),
            authoring,
            editor: InitiativeEditor::default(),
            recovery: recovery::RecoveryFile::default(),
            dialogs: Box::new(NativeDialogs),
            window_title: String::new(),
        }
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

    /// Asks for `command` to be carried out in the next frame, as if the user had given it.
    pub fn command(&mut self, command: Command) {
        self.queued.push(command);
    }

    /// Opens a world GeoJSON or an initiatives file in the background. The data on screen stays
    /// until the new file has loaded without errors.
    pub fn open(&mut self, path: PathBuf) {
        self.command(Command::Open(path));
    }

    /// The map's colours and legend for the current selection: the changes between two dates
    /// in Compare mode, roles when an initiative is selected, the overview shading otherwise.
    fn look(&self) -> scene::Look {
        let mut look = scene::look(
            &self.data.world,
            &self.dataset,
            self.initiative,
            self.as_of,
            self.compare,
            self.show_former,
            self.involvement.counts(),
        );
        if self.map.basemap_enabled() {
            // With tiles underneath, let them show through the fills.
            let fills = look.colors.fills.iter_mut();
            fills.for_each(|c| *c = c.gamma_multiply(0.55));
        }
        look
    }

    /// Draws the whole app into `ui`, then carries out what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui) {
        // Commands given between frames come first, as if given before this frame was drawn.
        for command in std::mem::take(&mut self.queued) {
            self.apply(command, ui.ctx());
        }
        let mut commands = Vec::new();
        let codes = || {
            CodeList(
                self.data
                    .world
                    .countries()
                    .iter()
                    .map(|c| c.code.clone())
                    .collect(),
            )
        };
        let shown = || self.dataset.clone();
        for outcome in self.files.frame(ui, codes, shown) {
            self.apply(Command::Loaded(Loaded::new(outcome)), ui.ctx());
        }
        if self.involvement_for != self.data_version || self.involvement.as_of() != self.as_of {
            self.involvement = scene::Involvement::new(&self.data.world, &self.dataset, self.as_of);
            self.involvement_for = self.data_version;
        }
        if ui.input(|i| i.viewport().close_requested()) {
            self.apply(Command::CloseRequested, ui.ctx());
        }
        let visible = self.filters.visible(&self.dataset);
        if self.presenter.is_none() {
            editing::authoring_keys(ui.ctx(), self.authoring.on, &mut commands);
        }
        match &self.presenter {
            Some(_) => commands.extend(presenter::read_keys(ui).into_iter().map(Command::Present)),
            None => explorer_keys(ui, &visible, self.initiative, &mut commands),
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::F11)) {
            commands.push(Command::ToggleFullscreen);
        }
        let presenting = self.presenter.is_some();
        if !presenting {
            egui::Panel::top("toolbar").show(ui, |ui| {
                let h = &self.authoring.history;
                let mut toolbar = Toolbar {
                    files: &self.files,
                    dataset: &self.dataset,
                    basemap: self.map.basemap_enabled(),
                    tour: self.tour_choice,
                    editing: self.authoring.on,
                    history: (h.undo_label(), h.redo_label()),
                };
                toolbar.ui(ui, &mut commands);
            });
        }
        self.timeline_ui(ui, &visible, &mut commands);
        if !presenting {
            self.side_panels_ui(ui, &visible, &mut commands);
        }
        egui::CentralPanel::default()
            .frame(Frame::NONE.fill(style::OCEAN))
            .show(ui, |ui| self.map_ui(ui, &mut commands));

        self.files.report_ui(ui.ctx(), &mut commands);
        self.presenter_view_ui(ui.ctx(), &mut commands);
        self.tour_export_ui(ui.ctx(), &mut commands);
        self.import_preview_ui(ui.ctx(), &mut commands);
        self.authoring_windows_ui(ui.ctx(), &mut commands);
        if self
            .presenter
            .as_ref()
            .is_some_and(Presenter::is_blacked_out)
        {
            presenter::blackout(ui.ctx());
        }
        if !commands.is_empty() {
            // The panels drew the state as it was; draw the frame again as it is now.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command, ui.ctx());
        }
        // After the user's commands, so a pause pressed in this frame stops this frame's step.
        self.autoplay(ui.ctx());
        self.authoring_frame(ui.ctx());
        self.recovery_frame(ui.ctx());
    }

    /// The map, and the caption over it.
    fn map_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let look = self.look();
        let initiative = self
            .initiative
            .and_then(|i| self.dataset.initiatives.get(i));
        // Compare mode shows changes, not former members.
        let former = match initiative {
            Some(i) if self.compare.is_none() => {
                scene::former_members(&self.data.world, i, self.as_of)
            }
            _ => Vec::new(),
        };
        let scene = MapScene {
            data: &self.data,
            colors: &look.colors,
            legend: &look.legend,
            selected: self.selected,
            initiative,
            as_of: self.as_of,
            involvement: self.involvement.counts(),
            former: &former,
            show_former: self.show_former,
            presenting: self.presenter.is_some(),
        };
        let caption = self.caption_text();
        self.map.ui(ui, &scene, caption.is_some(), commands);
        if let Some(caption) = caption {
            let presenter = self.presenter.as_ref();
            let controls = self.presenter_view.is_none();
            presenter::caption_box_ui(ui, &caption, presenter, controls, commands);
        }
    }

    /// Flies the map to an initiative's states as of the date shown.
    fn fly_to_initiative(&mut self, index: usize) {
        let bbox = self
            .dataset
            .initiatives
            .get(index)
            .and_then(|i| scene::framing::frame_bbox(&self.data.world, i, self.as_of));
        if let Some(bbox) = bbox {
            self.map.fly_to(bbox, MAX_ZOOM, self.caption.is_some());
        }
    }

    /// Carries out one command: the one place where what the user asks for changes the state.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        if self.ask_before(&command) {
            return;
        }
        match command {
            Command::ZoomIn => self.map.zoom_by(1.0),
            Command::ZoomOut => self.map.zoom_by(-1.0),
            Command::FitWorld => {
                self.map
                    .fly_to(scene::WORLD_VIEW, MAX_ZOOM, self.caption.is_some());
            }
            Command::SelectCountry(country) => self.selected = country,
            Command::ShowCountry(country) => {
                self.selected = Some(country);
                if let Some(c) = self.data.world.countries().get(country) {
                    // Close enough to see its shape, far enough to see its neighbours: a
                    // microstate is not blown up to fill the screen.
                    let caption = self.caption.is_some();
                    self.map.fly_to(c.main_bbox(), COUNTRY_MAX_ZOOM, caption);
                }
            }
            Command::SelectInitiative(initiative) => self.select_initiative(initiative),
            Command::SetCursor(day) => self.as_of = day,
            Command::ShowMilestone {
                initiative,
                milestone,
            } => {
                self.caption = Some((initiative, milestone));
                if self.initiative != Some(initiative) {
                    self.initiative = Some(initiative);
                    self.fly_to_initiative(initiative);
                }
            }
            Command::CloseCaption => self.caption = None,
            Command::ShowFormerMembers(show) => self.show_former = show,
            Command::SetCompare(days) => self.compare = days.map(|(a, b)| (a.min(b), a.max(b))),
            Command::SetBasemap(on) => self.map.set_basemap(on),
            Command::SetTimelineOpen(open) => self.timeline_open = open,
            Command::SetFilters(filters) => self.filters = filters,
            Command::AskOpen => self.ask_open(ctx),
            Command::Open(path) => self.files.open(path),
            Command::Loaded(loaded) => self.apply_outcome(loaded.into_outcome(), ctx),
            Command::Export(what, format) => self.ask_export(&what, format),
            Command::SaveView => self.ask_save_view(ctx),
            Command::SaveScaledView(scale) => self.save_scaled_view(scale, ctx),
            Command::ExportTour(what) => self.ask_export_tour(what, ctx),
            Command::CancelTourExport => self.tour_export.cancel(),
            Command::AskImportTable => self.ask_import_table(ctx),
            Command::ImportTable(path) => self.preview_table(path),
            Command::ImportColumn(column, field) => self.set_import_column(column, field),
            Command::ImportDateOrder(order) => self.set_import_date_order(order),
            Command::ImportDateCells(on) => self.set_import_date_cells(on),
            Command::ImportApply => self.import_previewed(),
            Command::ImportCancel => self.import_preview = None,
            Command::SaveImported => self.save_imported(ctx),
            Command::SetEditing(on) => self.authoring.on = on,
            Command::Edit(edit) => self.edit(edit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Save => self.save(ctx),
            Command::SaveAs => self.save_as(ctx),
            Command::Unsaved(choice) => self.answer_unsaved(choice, ctx),
            Command::TakeDiskVersion => self.take_disk_version(),
            Command::KeepMyEdits => self.authoring.on_disk = None,
            Command::RestoreRecovered => self.restore_recovered(),
            Command::DiscardRecovered => self.discard_recovered(),
            Command::FocusMoved(focus) => self.focus_moved(focus),
            Command::CloseRequested => self.guard_close(ctx),
            Command::DismissReport => self.files.report = None,
            Command::ChooseTour(choice) => self.tour_choice = choice,
            Command::StartPresenting => self.start_presenting(ctx),
            Command::StopPresenting => self.stop_presenting(ctx),
            Command::Present(key) => self.present(key, ctx),
            Command::ToggleAutoplay => self.toggle_autoplay(ctx),
            Command::SetAutoplayInterval(secs) => self.set_autoplay_interval(secs),
            Command::AutoplayTick(now) => self.autoplay_tick(now),
            Command::ToggleFullscreen => self.set_fullscreen(!self.fullscreen, ctx),
        }
    }

    /// Selects an initiative (or none), keeps its caption only if it is the same effort, and
    /// flies to it.
    fn select_initiative(&mut self, initiative: Option<usize>) {
        self.initiative = initiative;
        if initiative.is_none() || self.caption.is_some_and(|(i, _)| Some(i) != initiative) {
            self.caption = None;
        }
        if let Some(i) = initiative {
            // The user chose where to look: stop keeping the world fitted even if the effort
            // has no state to fly to.
            self.map.stop_fitting();
            self.fly_to_initiative(i);
        }
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        AtlasApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_to(storage);
    }
}
