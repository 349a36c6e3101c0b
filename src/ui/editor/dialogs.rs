//! The Edit menu, and the questions edit mode asks before unsaved edits could be lost.

use egui::Ui;

use crate::ui::command::{Command, UnsavedChoice};

/// The Edit menu: undo and redo with what they would do, edit mode, save.
pub fn edit_menu_ui(
    ui: &mut Ui,
    labels: (Option<&str>, Option<&str>),
    editing: bool,
    commands: &mut Vec<Command>,
) {
    ui.menu_button("Edit", |ui| {
        let (undo, redo) = labels;
        let undo_text = undo.map_or_else(|| "Undo".to_owned(), |l| format!("Undo: {l}"));
        if ui
            .add_enabled(
                undo.is_some(),
                egui::Button::new(undo_text).shortcut_text("Ctrl+Z"),
            )
            .clicked()
        {
            commands.push(Command::Undo);
            ui.close();
        }
        let redo_text = redo.map_or_else(|| "Redo".to_owned(), |l| format!("Redo: {l}"));
        if ui
            .add_enabled(
                redo.is_some(),
                egui::Button::new(redo_text).shortcut_text("Ctrl+Shift+Z"),
            )
            .clicked()
        {
            commands.push(Command::Redo);
            ui.close();
        }
        ui.separator();
        let mut on = editing;
        if ui.checkbox(&mut on, "Edit data (Ctrl+E)").changed() {
            commands.push(Command::SetEditing(on));
            ui.close();
        }
        if ui
            .add(egui::Button::new("Save").shortcut_text("Ctrl+S"))
            .clicked()
        {
            commands.push(Command::Save);
            ui.close();
        }
        if ui
            .add(egui::Button::new("Save as…").shortcut_text("Ctrl+Shift+S"))
            .clicked()
        {
            commands.push(Command::SaveAs);
            ui.close();
        }
    });
}

/// "Save the unsaved edits?" before `what` would drop them.
pub fn unsaved_ui(ctx: &egui::Context, what: &str, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("unsaved edits")).show(ctx, |ui| {
        ui.heading("Unsaved edits");
        ui.label(format!(
            "{what} would drop the edits that are not saved yet."
        ));
        ui.horizontal(|ui| {
            for (label, choice) in [
                ("Save", UnsavedChoice::Save),
                ("Discard", UnsavedChoice::Discard),
                ("Cancel", UnsavedChoice::Cancel),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::Unsaved(choice));
                }
            }
        });
    });
}

/// The data file changed on disk while there were unsaved edits: both are kept until the
/// user picks one.
pub fn changed_on_disk_ui(
    ctx: &egui::Context,
    path: &std::path::Path,
    commands: &mut Vec<Command>,
) {
    egui::Window::new("The file changed on disk")
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "{} was changed by another program while you have unsaved edits. Nothing has been overwritten.",
                path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Keep my edits").on_hover_text("Saving then writes them over the file").clicked() {
                    commands.push(Command::KeepMyEdits);
                }
                if ui.button("Take the file's version").on_hover_text("Drops the unsaved edits").clicked() {
                    commands.push(Command::TakeDiskVersion);
                }
            });
        });
}
