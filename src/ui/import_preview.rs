//! The preview of a table being imported: its first rows, what each column was recognised as
//! (which the user can change), how dates are read, and the problems, before anything changes.

use egui::{RichText, Ui};

use crate::data::import::{DateOrder, Field, Import};
use crate::ui::command::Command;

/// Rows of the table shown.
const PREVIEW_ROWS: usize = 8;

/// A table opened for import, not yet imported.
pub struct ImportPreview {
    pub import: Import,
    pub path: std::path::PathBuf,
    /// The problems of the last try, one per line.
    pub problems: Vec<String>,
}

impl ImportPreview {
    /// The preview as a window over the map.
    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let title = format!("Import {}", crate::ui::files::file_name(&self.path));
        egui::Window::new(title)
            .id(egui::Id::unique("import preview"))
            .collapsible(false)
            .default_width(760.0)
            .show(ctx, |ui| self.contents_ui(ui, commands));
    }

    fn contents_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.label(RichText::new(&self.import.members.name).weak());
        ui.label(
            "Each column's meaning was recognised from its header; change it if it is wrong. \
             A row needs an initiative, a country (name or ISO3 code), a role and a source.",
        );
        egui::ScrollArea::horizontal()
            .id_salt("import columns")
            .show(ui, |ui| self.table_ui(ui, commands));
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label("Dates like 03/04/2020:");
            for (order, text) in [
                (DateOrder::Unsaid, "refuse"),
                (DateOrder::Dmy, "day first"),
                (DateOrder::Mdy, "month first"),
            ] {
                if ui
                    .radio(self.import.dates.order == order, text)
                    .labelled_by(label.id)
                    .clicked()
                {
                    commands.push(Command::ImportDateOrder(order));
                }
            }
            let mut cells = self.import.dates.date_cells;
            if ui.checkbox(&mut cells, "Read date cells as days").changed() {
                commands.push(Command::ImportDateCells(cells));
            }
        });
        match &self.import.initiatives {
            Some(table) => ui.label(format!(
                "Initiatives from {} ({} rows).",
                table.name,
                table.rows.len()
            )),
            None => ui.label(
                "No table of initiatives: names, categories and start dates are filled in and \
                 listed after the import.",
            ),
        };
        if !self.problems.is_empty() {
            ui.separator();
            ui.label(RichText::new("Problems").strong());
            egui::ScrollArea::vertical()
                .id_salt("import problems")
                .max_height(160.0)
                .show(ui, |ui| {
                    for problem in &self.problems {
                        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
                    }
                });
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Import").clicked() {
                commands.push(Command::ImportApply);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::ImportCancel);
            }
        });
    }

    /// The header row with each column's meaning, then the first rows.
    fn table_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let table = &self.import.members;
        egui::Grid::new("import grid").striped(true).show(ui, |ui| {
            // Each column's chooser is named by its header, for screen readers.
            let header_ids: Vec<egui::Id> = table
                .headers
                .iter()
                .map(|header| ui.label(RichText::new(header).strong()).id)
                .collect();
            ui.end_row();
            for (c, field) in self.import.mapping.columns.iter().enumerate() {
                let shown = field.map_or("(not used)", Field::label);
                let chooser = egui::ComboBox::from_id_salt(("import column", c))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(field.is_none(), "(not used)").clicked() {
                            commands.push(Command::ImportColumn(c, None));
                        }
                        for option in Field::ALL {
                            if ui
                                .selectable_label(*field == Some(option), option.label())
                                .clicked()
                            {
                                commands.push(Command::ImportColumn(c, Some(option)));
                            }
                        }
                    });
                if let Some(&id) = header_ids.get(c) {
                    chooser.response.labelled_by(id);
                }
            }
            ui.end_row();
            for r in 0..table.rows.len().min(PREVIEW_ROWS) {
                for c in 0..table.headers.len() {
                    ui.label(table.cell(r, c).text());
                }
                ui.end_row();
            }
        });
        if table.rows.len() > PREVIEW_ROWS {
            ui.label(format!(
                "… and {} more rows",
                table.rows.len() - PREVIEW_ROWS
            ));
        }
    }
}
