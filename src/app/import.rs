//! Importing a membership table in the window: the preview, the user's corrections, and the
//! import itself, which replaces the initiatives only if the result passes the checks.

use std::path::PathBuf;

use crate::app::AtlasApp;
use crate::data::Dataset;
use crate::data::import::{DateOrder, Field, Import, ImportError};
use crate::ui::command::Command;
use crate::ui::files::Report;
use crate::ui::import_preview::ImportPreview;

impl AtlasApp {
    /// Opens a membership table in the import preview, or reports why it cannot be read.
    pub(super) fn preview_table(&mut self, path: PathBuf) {
        match Import::open(&path, None) {
            Ok(import) => {
                self.import_preview = Some(ImportPreview {
                    import,
                    path,
                    problems: Vec::new(),
                });
            }
            Err(err) => {
                self.files.report = Some(Report {
                    path,
                    lines: err.to_string().lines().map(str::to_owned).collect(),
                    failed: true,
                });
            }
        }
    }

    /// Sets what a column of the previewed table holds.
    pub(super) fn set_import_column(&mut self, column: usize, field: Option<Field>) {
        if let Some(preview) = &mut self.import_preview {
            let columns = &mut preview.import.mapping.columns;
            // A field is one column's: taking it for this column frees the other.
            if field.is_some() {
                columns
                    .iter_mut()
                    .filter(|c| **c == field)
                    .for_each(|c| *c = None);
            }
            if let Some(slot) = columns.get_mut(column) {
                *slot = field;
            }
        }
    }

    /// How the previewed table's slashed dates are read.
    pub(super) fn set_import_date_order(&mut self, order: DateOrder) {
        if let Some(preview) = &mut self.import_preview {
            preview.import.dates.order = order;
        }
    }

    /// Whether the previewed table's date cells are read as days.
    pub(super) fn set_import_date_cells(&mut self, on: bool) {
        if let Some(preview) = &mut self.import_preview {
            preview.import.dates.date_cells = on;
        }
    }

    /// Imports the previewed table, or lists in the preview why it cannot be.
    pub(super) fn import_previewed(&mut self) {
        let Some(preview) = &mut self.import_preview else {
            return;
        };
        let lines = |err: ImportError| -> Vec<String> {
            err.to_string().lines().map(str::to_owned).collect()
        };
        let (text, notes) = match preview.import.to_json() {
            Ok(made) => made,
            Err(err) => {
                preview.problems = lines(err);
                return;
            }
        };
        let name = preview.path.display().to_string();
        match Dataset::from_json(&name, text.as_bytes(), &self.data.world) {
            Ok(loaded) => {
                let path = preview.path.clone();
                self.import_preview = None;
                self.set_dataset(loaded.dataset);
                self.initiative = None;
                self.caption = None;
                self.presenter = None;
                self.compare = None;
                self.files.imported = true;
                let mut report: Vec<String> = vec![format!(
                    "Imported {} initiatives from the table. File → Save imported data as \
                     JSON… keeps them.",
                    self.dataset.initiatives.len()
                )];
                report.extend(notes);
                report.extend(loaded.warnings.iter().map(ToString::to_string));
                self.files.report = Some(Report {
                    path,
                    lines: report,
                    failed: false,
                });
            }
            Err(err) => {
                preview.problems = std::iter::once(
                    "The table makes initiatives that do not pass the checks (places are in \
                     the JSON it would make):"
                        .to_owned(),
                )
                .chain(match err {
                    crate::data::DatasetError::Invalid { diagnostics, .. } => {
                        diagnostics.iter().map(ToString::to_string).collect()
                    }
                    other => vec![other.to_string()],
                })
                .collect();
            }
        }
    }

    /// Saves the imported initiatives, with any edits made since, where the user says: the
    /// same as *Save as*, with a name that says where they came from. They then load from that
    /// file, as an opened file does, and reload when it changes.
    pub(super) fn save_imported(&mut self, ctx: &egui::Context) {
        if self.files.imported {
            self.save_as_named("imported-initiatives.json", ctx);
        }
    }

    /// The import preview's window, while a table is open in it.
    pub(super) fn import_preview_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(preview) = &mut self.import_preview {
            preview.ui(ctx, commands);
        }
    }
}
