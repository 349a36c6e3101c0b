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

/// What a recovery file found at start holds, in words for the question.
pub struct Recovered {
    /// Where the edited data came from: a file's path, "the bundled data".
    pub from: String,
    /// When it was last written, in seconds since 1970 (UTC).
    pub written_unix: u64,
    pub initiatives: usize,
    /// How many initiatives are on screen now, to set against `initiatives`.
    pub on_screen: usize,
    /// How many problems stop it from being saved as it is.
    pub errors: usize,
}

/// "Restore unsaved edits?": the atlas closed without saving them (a crash, a kill, a power cut).
pub fn recovered_ui(ctx: &egui::Context, offer: &Recovered, commands: &mut Vec<Command>) {
    let seconds = offer.written_unix as i64;
    let when = format!(
        "{} at {:02}:{:02} UTC",
        crate::data::date::iso_date(seconds.div_euclid(86_400)),
        seconds.rem_euclid(86_400) / 3600,
        seconds.rem_euclid(3600) / 60
    );
    egui::Modal::new(egui::Id::unique("recovered edits")).show(ctx, |ui| {
        ui.heading("Restore unsaved edits?");
        ui.label(format!(
            "The atlas closed before edits to {} were saved. They were kept on {when}: {} initiatives (on screen now: {}).",
            offer.from, offer.initiatives, offer.on_screen
        ));
        if offer.errors > 0 {
            ui.label(format!(
                "{} problems must be fixed before they can be saved; they are listed under Problems.",
                offer.errors
            ));
        }
        ui.label("Restoring opens them as unsaved edits in edit mode; the file itself is unchanged until you save.");
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                commands.push(Command::RestoreRecovered);
            }
            if ui
                .button("Discard")
                .on_hover_text("Drops the kept edits for good")
                .clicked()
            {
                commands.push(Command::DiscardRecovered);
            }
        });
    });
}
