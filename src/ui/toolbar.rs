//! The toolbar across the top of the window, and the keys that work anywhere.

use egui::{Key, Ui};

use crate::data::Dataset;
use crate::scene::TourChoice;
use crate::ui::command::Command;
use crate::ui::files::Files;

/// The toolbar: the File menu, load progress, the basemap switch, the tour and "Present".
pub struct Toolbar<'a> {
    pub files: &'a Files,
    pub dataset: &'a Dataset,
    pub basemap: bool,
    pub tour: TourChoice,
    /// Whether edit mode is on.
    pub editing: bool,
    /// What Undo and Redo would do, in words.
    pub history: (Option<&'a str>, Option<&'a str>),
}

impl Toolbar<'_> {
    /// Draws the toolbar; what the user changes comes back as commands.
    pub fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading("Microlateral Atlas");
            ui.separator();
            self.files.menu_ui(ui, commands);
            crate::ui::editor::edit_menu_ui(ui, self.history, self.editing, commands);
            if ui
                .selectable_label(self.editing, "Edit data")
                .on_hover_text("Edit the data: Ctrl+E")
                .clicked()
            {
                commands.push(Command::SetEditing(!self.editing));
            }
            self.files.loading_ui(ui);
            ui.separator();
            let mut basemap = self.basemap;
            if ui
                .checkbox(&mut basemap, "Online basemap (OpenStreetMap)")
                .on_hover_text(
                    "Off by default: the map works offline. On, it fetches tiles over HTTPS.",
                )
                .changed()
            {
                commands.push(Command::SetBasemap(basemap));
            }
            ui.separator();
            self.tour_ui(ui, commands);
            if ui
                .button("Present")
                .on_hover_text("F5; Esc leaves")
                .clicked()
            {
                commands.push(Command::StartPresenting);
            }
        });
    }

    /// The choice of tour for "Present": built-in ones, then the data file's own.
    fn tour_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let mut choice = self.tour;
        egui::ComboBox::from_label("Tour")
            .selected_text(tour_label(self.tour, self.dataset))
            .show_ui(ui, |ui| {
                let built_in = [
                    TourChoice::Everything,
                    TourChoice::CurrentFilter,
                    TourChoice::SelectedInitiative,
                ];
                let from_data = (0..self.dataset.tours.len()).map(TourChoice::FromData);
                for option in built_in.into_iter().chain(from_data) {
                    let label = tour_label(option, self.dataset);
                    ui.selectable_value(&mut choice, option, label);
                }
            });
        if choice != self.tour {
            commands.push(Command::ChooseTour(choice));
        }
    }
}

/// A tour's name in the toolbar.
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

/// The keys that work anywhere but in a text field, outside presenter mode: F5 presents, Esc
/// clears the selection, the arrows step through the listed initiatives (`visible`, in order).
pub fn explorer_keys(
    ui: &Ui,
    visible: &[usize],
    selected: Option<usize>,
    commands: &mut Vec<Command>,
) {
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
    // Alt+↑/↓ moves a tour step in edit mode, not the selection.
    let (down, up) = ui.input(|i| {
        let plain = !i.modifiers.alt;
        (
            plain && i.key_pressed(Key::ArrowDown),
            plain && i.key_pressed(Key::ArrowUp),
        )
    });
    if down || up {
        let at = selected.and_then(|i| visible.iter().position(|&v| v == i));
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
