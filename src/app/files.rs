//! The app's side of files: what a finished load changes, where the data given at start came
//! from, and the exports the window writes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::AtlasApp;
use crate::data::world::WorldOptions;
use crate::export::Format;
use crate::loader::{DatasetSource, Outcome};
use crate::scene;
use crate::ui::command::{Command, Export, TourFile};
use crate::ui::dialogs::{FileDialogs, FileQuestion};
use crate::ui::files::Report;

impl AtlasApp {
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
            self.files.given_world(path, options, ctx);
        }
        if let DatasetSource::File(path) = &initiatives {
            self.files.remember(path.clone(), ctx);
        }
        self.files.dataset_source = initiatives;
    }

    /// Shows a report for `path` in the window: what a file given at start found, or why it
    /// could not be opened (`failed`).
    pub fn report(&mut self, path: PathBuf, lines: Vec<String>, failed: bool) {
        self.files.report = Some(Report {
            path,
            lines,
            failed,
        });
    }

    /// Swaps in a finished load, or reports why it failed (keeping what is on screen).
    pub(super) fn apply_outcome(&mut self, outcome: Outcome, ctx: &egui::Context) {
        let path = match outcome {
            Outcome::Failed { path, problems } => {
                self.files.report = Some(Report {
                    path,
                    lines: problems,
                    failed: true,
                });
                return;
            }
            Outcome::World {
                path,
                data,
                warnings,
            } => {
                // The initiatives stay as they are, with their history and unsaved edits; only
                // what depends on the map is worked out again.
                let country = self.observe().selected_code.map(str::to_owned);
                self.data = data;
                self.data_version += 1;
                self.map.forget_layer();
                self.selected = country.and_then(|c| self.data.world.index_of(&c));
                self.recheck_all();
                self.files.report = (!warnings.is_empty()).then(|| Report {
                    path: path.clone(),
                    lines: warnings,
                    failed: false,
                });
                path
            }
            Outcome::Initiatives {
                path,
                dataset,
                warnings,
            } => {
                if self.hold_while_unsaved(&path, &dataset) {
                    return;
                }
                self.take_dataset(path.clone(), dataset);
                self.files.report = (!warnings.is_empty()).then(|| Report {
                    path: path.clone(),
                    lines: warnings.iter().map(ToString::to_string).collect(),
                    failed: false,
                });
                path
            }
        };
        self.files.remember(path, ctx);
    }

    /// Writes an export to `path` (atomically) and says in the report where it went, or why it
    /// could not be written. The dialog that picks `path` is the caller's.
    fn export_to(&mut self, what: &Export, format: Format, path: &Path) {
        let text = match what {
            Export::History(code) => crate::export::history(&self.dataset, code, format),
            Export::List => crate::export::initiative_list(&self.dataset, format),
            Export::Changes {
                initiative,
                from,
                to,
            } => match self.dataset.by_id(initiative) {
                Some(i) => crate::export::table::changes(i, &self.data.world, *from, *to, format),
                None => Err(crate::export::ExportError::Render(format!(
                    "no initiative \"{initiative}\" in the data shown"
                ))),
            },
        };
        let result = text
            .and_then(|t| crate::export::write_atomically(path, t.as_bytes()))
            .map_err(|e| e.to_string());
        self.files.report_saved(path, &what.described(), result);
    }

    /// Asks where to save the map redrawn at `scale` times its pixels, with the same scene code
    /// as `microlateral-atlas export`, then draws and writes it on a thread of its own: a 4×
    /// world takes seconds, and the window goes on meanwhile.
    pub(super) fn save_scaled_view(&mut self, scale: u32, ctx: &egui::Context) {
        let Some(view) = self.map.view() else { return };
        let question = FileQuestion::save(
            "PNG image",
            &["png"],
            format!("microlateral-atlas-{scale}x.png"),
        );
        let Some(path) = self.dialogs.ask(&question) else {
            return;
        };
        let picture = scene::Picture {
            initiative: self.initiative,
            as_of: self.as_of,
            caption: self.caption,
            // What the caption box on screen says: a presenter's step in its own words.
            words: self.caption_text(),
            compare: self.compare,
            legend: None,
            // The same ground at `scale` times the pixels is `log2(scale)` zoom levels closer.
            view: Some((self.map.centre(), self.map.zoom() + f64::from(scale).log2())),
        };
        let size = [
            (view.rect.width() * scale as f32).round() as u32,
            (view.rect.height() * scale as f32).round() as u32,
        ];
        let data = Arc::clone(&self.data);
        let dataset = self.dataset.clone();
        let described = format!("the map view at {scale}×");
        self.files
            .write_in_background(ctx, path, described, move |path| {
                let drawing = crate::export::svg(&data, &dataset, &picture, size);
                crate::export::png(&drawing)
                    .and_then(|png| crate::export::write_atomically(path, &png))
                    .map_err(|e| e.to_string())
            });
    }

    /// Gives the app the file dialogs it asks: the desktop's by default, a script in tests.
    pub fn set_dialogs(&mut self, dialogs: impl FileDialogs + 'static) {
        self.dialogs = Box::new(dialogs);
    }

    /// Asks which file to open, then opens it as if it had been dropped on the window.
    pub(super) fn ask_open(&mut self, ctx: &egui::Context) {
        let question = FileQuestion::open(
            "Initiatives or world map",
            &["json", "geojson", "topojson", "shp", "zip"],
        );
        if let Some(path) = self.dialogs.ask(&question) {
            self.apply(Command::Open(path), ctx);
        }
    }

    /// Asks which table to import, then opens it in the import preview.
    pub(super) fn ask_import_table(&mut self, ctx: &egui::Context) {
        let question = FileQuestion::open("Table", &["csv", "tsv", "xlsx", "xls", "ods"]);
        if let Some(path) = self.dialogs.ask(&question) {
            self.apply(Command::ImportTable(path), ctx);
        }
    }

    /// Asks where to save a table, then writes it.
    pub(super) fn ask_export(&mut self, what: &Export, format: Format) {
        let question = FileQuestion::save(
            format.label(),
            &[format.extension()],
            what.file_name(format),
        );
        if let Some(path) = self.dialogs.ask(&question) {
            self.export_to(what, format, &path);
        }
    }

    /// Asks where to save the map as shown, pixel for pixel, then takes the screenshot.
    pub(super) fn ask_save_view(&mut self, ctx: &egui::Context) {
        let question =
            FileQuestion::save("PNG image", &["png"], "microlateral-atlas.png".to_owned());
        if let Some(path) = self.dialogs.ask(&question) {
            let map = self.map.view().map(|v| v.rect);
            self.files.save_view(ctx, map, path);
        }
    }

    /// Asks where to save the tour as a video or a PDF deck, then writes it in the background.
    pub(super) fn ask_export_tour(&mut self, what: TourFile, ctx: &egui::Context) {
        let question = FileQuestion {
            save: true,
            filters: what
                .filters()
                .into_iter()
                .map(|(label, extensions)| (label, extensions.to_vec()))
                .collect(),
            file_name: Some(what.file_name().to_owned()),
        };
        if let Some(path) = self.dialogs.ask(&question) {
            self.export_tour_to(what, path, ctx);
        }
    }

    /// Starts writing the tour the Tour menu chooses to `path`, in the background.
    fn export_tour_to(&mut self, what: TourFile, path: PathBuf, ctx: &egui::Context) {
        let listed = self.filters.visible(&self.dataset);
        let steps = scene::tour::steps(self.tour_choice, &self.dataset, &listed, self.initiative);
        if steps.is_empty() {
            self.files.report_saved(
                &path,
                "the tour",
                Err(
                    "the tour has no steps: choose a tour, or an initiative with milestones"
                        .to_owned(),
                ),
            );
            return;
        }
        let pictures = steps
            .into_iter()
            .map(|step| scene::Picture::of_step(&self.dataset, &step))
            .collect();
        self.tour_export.start(
            what,
            path,
            Arc::clone(&self.data),
            self.dataset.clone(),
            pictures,
            ctx,
        );
    }

    /// The running tour export's bar and Cancel, over the bottom of the window; its report when
    /// it has finished.
    pub(super) fn tour_export_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(finished) = self.tour_export.poll() {
            self.files
                .report_saved(&finished.path, finished.described, finished.result);
        }
        if !self.tour_export.is_running() {
            return;
        }
        egui::Area::new(egui::Id::unique("tour export"))
            .anchor(egui::Align2::LEFT_BOTTOM, [12.0, -12.0])
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| self.tour_export.ui(ui, commands));
            });
    }
}
