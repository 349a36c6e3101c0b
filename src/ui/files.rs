//! The user's own files: the File menu, dialogs, loads in flight and their progress, watched
//! files, recent files, and the report of what a load or a save found.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::Ui;

use crate::data::Dataset;
use crate::data::world::WorldOptions;
use crate::export::Format;
use crate::loader::{CodeList, DatasetSource, FileKind, FileWatch, Load, Loader, Outcome};
use crate::ui::command::{Command, Export, TourFile};

/// How many recently opened files the File menu remembers.
const MAX_RECENT: usize = 8;

/// Pictures written off the UI thread (by the screenshot callback, or a job of their own):
/// where each went, what it was, and how it went.
type WrittenLater = Arc<Mutex<Vec<(PathBuf, String, Result<(), String>)>>>;

/// What a load or a save found: the file, its lines, and whether they stopped it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub path: PathBuf,
    pub lines: Vec<String>,
    pub failed: bool,
}

/// The files panel's state.
#[derive(Default)]
pub struct Files {
    loader: Loader,
    watch: FileWatch,
    /// Files asked for (menu, drop, tests) and not yet started, since a load needs the context.
    to_open: Vec<PathBuf>,
    /// Where the initiatives on screen came from.
    pub dataset_source: DatasetSource,
    /// The world file given at start and how to read its codes and names (`--code-property`,
    /// `--name-property`), so that it reloads the way it first loaded. Other files are read with
    /// the properties detected in them.
    world_options: Option<(PathBuf, WorldOptions)>,
    /// The last load's or save's report, until dismissed.
    pub report: Option<Report>,
    recent: Vec<PathBuf>,
    /// Pictures written in the background that have finished, to report.
    written_later: WrittenLater,
    /// What is being written in the background, to show while it is.
    writing: Vec<String>,
    /// Whether the initiatives on screen came from an imported table, not yet saved.
    pub imported: bool,
}

impl Files {
    /// Files with the recent list a past session saved.
    pub fn with_recent(recent: Vec<PathBuf>) -> Self {
        Self {
            recent,
            ..Self::default()
        }
    }

    /// The recently opened files, the latest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.recent
    }

    /// Whether a file is loading.
    pub fn is_loading(&self) -> bool {
        !self.to_open.is_empty() || self.loader.is_loading()
    }

    /// Asks for `path` to be loaded in the background at the next frame.
    pub fn open(&mut self, path: PathBuf) {
        self.to_open.push(path);
    }

    /// Starts asked-for loads, with dropped and changed files, and returns the loads that have
    /// finished. `codes` are the current world's, to check initiatives against; `shown` gives
    /// the initiatives on screen, to check a world map against.
    pub fn frame(
        &mut self,
        ui: &Ui,
        codes: impl Fn() -> CodeList,
        shown: impl Fn() -> Dataset,
    ) -> Vec<Outcome> {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        self.to_open.extend(dropped);
        let changed = self.watch.changed();
        self.to_open.extend(changed);
        for path in std::mem::take(&mut self.to_open) {
            let load = match FileKind::of(&path) {
                FileKind::World => Load::World {
                    options: match &self.world_options {
                        Some((p, options)) if p == &path => options.clone(),
                        _ => WorldOptions::default(),
                    },
                    shown: shown(),
                },
                FileKind::Initiatives => Load::Initiatives { codes: codes() },
            };
            let ctx = ui.ctx().clone();
            self.loader.start(path, load, move || ctx.request_repaint());
        }
        let written: Vec<_> = self
            .written_later
            .lock()
            .map(|mut done| std::mem::take(&mut *done))
            .unwrap_or_default();
        for (path, described, result) in written {
            if let Some(i) = self.writing.iter().position(|w| *w == described) {
                self.writing.remove(i);
            }
            self.report_saved(&path, &described, result);
        }
        std::iter::from_fn(|| self.loader.poll()).collect()
    }

    /// Says in the report that `described` was saved to `path`, or why it was not.
    pub fn report_saved(&mut self, path: &Path, described: &str, result: Result<(), String>) {
        let (line, failed) = match result {
            Ok(()) => (format!("Saved {described} to {}", path.display()), false),
            Err(e) => (format!("Could not save {described}: {e}"), true),
        };
        self.report = Some(Report {
            path: path.to_owned(),
            lines: vec![line],
            failed,
        });
    }

    /// Watches a file now on screen, so it reloads when it changes, and lists it first among the
    /// recent files.
    pub fn remember(&mut self, path: PathBuf, ctx: &egui::Context) {
        let ctx = ctx.clone();
        if let Err(why) = self.watch.watch(&path, move || ctx.request_repaint()) {
            log::warn!("{why}; the file will not reload when it changes");
        }
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Remembers the world file given at start with the options it was read with, so it reloads
    /// the same way.
    pub fn given_world(&mut self, path: PathBuf, options: WorldOptions, ctx: &egui::Context) {
        self.world_options = Some((path.clone(), options));
        self.remember(path, ctx);
    }

    /// The File menu.
    pub fn menu_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.menu_button("File", |ui| {
            ui.label(egui::RichText::new("Or drop a file on the window").weak());
            if ui.button("Open…").clicked() {
                commands.push(Command::AskOpen);
                ui.close();
            }
            if ui.button("Import table…").clicked() {
                commands.push(Command::AskImportTable);
                ui.close();
            }
            if self.imported && ui.button("Save imported data as JSON…").clicked() {
                commands.push(Command::SaveImported);
                ui.close();
            }
            ui.menu_button("Open recent", |ui| {
                if self.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in &self.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::Open(path.clone()));
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
                    commands.push(Command::SaveScaledView(scale));
                    ui.close();
                }
            }
            if ui.button("Save view as PNG…").clicked() {
                commands.push(Command::SaveView);
                ui.close();
            }
            ui.separator();
            for (what, label) in [
                (TourFile::Video, "Export tour as video…"),
                (TourFile::Pdf, "Export tour as PDF deck…"),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::ExportTour(what));
                    ui.close();
                }
            }
        });
    }

    /// Asks the window for a screenshot of the map (`map`, in points) to save to `path`; the
    /// callback writes it and the next frame reports it.
    pub fn save_view(&mut self, ctx: &egui::Context, map: Option<egui::Rect>, path: PathBuf) {
        let pixels_per_point = ctx.pixels_per_point();
        let described = "the map view".to_owned();
        self.writing.push(described.clone());
        let done = self.written_later.clone();
        let wake = ctx.clone();
        // The screenshot arrives in a callback after the frame that asked for it.
        let callback = egui::ScreenshotCallback::new(move |image| {
            let result =
                crate::export::picture::png_from_screenshot(&image, map, pixels_per_point, &path)
                    .map_err(|e| e.to_string());
            if let Ok(mut slot) = done.lock() {
                slot.push((path, described, result));
            }
            wake.request_repaint();
        });
        ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(callback));
    }

    /// Runs `write` on a thread of its own, showing "Saving `described`…" until it is done; the
    /// frame after it finishes reports where it went, or why it did not.
    pub fn write_in_background(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        described: String,
        write: impl FnOnce(&std::path::Path) -> Result<(), String> + Send + 'static,
    ) {
        self.writing.push(described.clone());
        let done = self.written_later.clone();
        let wake = ctx.clone();
        std::thread::spawn(move || {
            let result = write(&path);
            if let Ok(mut slot) = done.lock() {
                slot.push((path, described, result));
            }
            wake.request_repaint();
        });
    }

    /// Whether a picture is being written in the background.
    pub fn is_writing(&self) -> bool {
        !self.writing.is_empty()
    }

    /// While a file loads: which one, the step it is at and how far the whole load is.
    pub fn loading_ui(&self, ui: &mut Ui) {
        if let Some((path, progress)) = self.loader.progress() {
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
        if let Some(described) = self.writing.last() {
            ui.spinner();
            ui.label(format!("Saving {described}…"));
        }
    }

    /// The list of a load's problems or warnings, until dismissed.
    pub fn report_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(report) = &self.report else {
            return;
        };
        let title = if report.failed {
            format!("Could not use {}", file_name(&report.path))
        } else {
            file_name(&report.path)
        };
        let mut open = true;
        egui::Window::new(title)
            .id(egui::Id::unique("load_report"))
            .open(&mut open)
            .default_width(620.0)
            .collapsible(false)
            .show(ctx, |ui| {
                if report.failed {
                    ui.label("Nothing was changed: the data shown before is still loaded.");
                }
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for line in &report.lines {
                            ui.label(egui::RichText::new(line).monospace());
                        }
                    });
                if ui.button("Dismiss").clicked() {
                    commands.push(Command::DismissReport);
                }
            });
        if !open {
            commands.push(Command::DismissReport);
        }
    }
}

/// A path's file name, for titles and the progress bar.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
