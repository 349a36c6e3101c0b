//! The tours' form: a tour's name, and its steps, each recorded from what the window shows (the
//! selected initiative, the date, the camera) and then given words of its own.

use egui::{Key, Modifiers, RichText, Ui};

use super::{InitiativeEditor, move_buttons, optional, short, show_problems};
use crate::data::edit::{self, Edit, StepField};
use crate::data::{Camera, Dataset, Diagnostic, Tour, TourStep};
use crate::scene::{CaptionText, TourChoice};
use crate::ui::command::Command;

/// What the tours' form draws from.
pub struct TourInput<'a> {
    pub dataset: &'a Dataset,
    /// The tour the Tour menu has chosen, if it is one of the data's.
    pub tour: Option<usize>,
    /// The selected initiative: what *Add step* records.
    pub initiative: Option<usize>,
    /// The date the window shows, a day number.
    pub as_of: Option<i64>,
    /// Where the map looks now.
    pub camera: Camera,
    pub problems: &'a [Diagnostic],
}

impl InitiativeEditor {
    /// The tour being edited (the one the Tour menu has chosen), and the ways to make one.
    pub fn tours_ui(&mut self, ui: &mut Ui, input: &TourInput<'_>, commands: &mut Vec<Command>) {
        let dataset = input.dataset;
        ui.label(RichText::new(format!("Tours ({})", dataset.tours.len())).strong());
        let chosen = input.tour.filter(|&t| t < dataset.tours.len());
        ui.horizontal_wrapped(|ui| {
            let shown = chosen.map_or("Choose a tour to edit", |t| dataset.tours[t].name.as_str());
            egui::ComboBox::new("edit tour", "Tour to edit")
                .selected_text(short(shown))
                .show_ui(ui, |ui| {
                    for (t, tour) in dataset.tours.iter().enumerate() {
                        if ui.selectable_label(chosen == Some(t), &tour.name).clicked() {
                            commands.push(Command::ChooseTour(TourChoice::FromData(t)));
                        }
                    }
                });
            if ui.button("New tour").clicked() {
                let at = dataset.tours.len();
                let tour = Box::new(edit::new_tour(dataset));
                commands.push(Command::Edit(Edit::InsertTour { at, tour }));
                commands.push(Command::ChooseTour(TourChoice::FromData(at)));
            }
        });
        let Some(t) = chosen else {
            ui.label("Make a new tour, or choose one to edit: its steps are listed here.");
            return;
        };
        let tour = &dataset.tours[t];
        let path = format!("tours[{t}]");
        if let Some(name) = self.text(ui, &format!("{path}.name"), "Name", &tour.name, false) {
            commands.push(Command::Edit(Edit::TourName { tour: t, name }));
        }
        show_problems(ui, input.problems, &format!("{path}.id"));
        self.add_step_ui(ui, input, t, commands);
        self.steps_ui(ui, input, (t, tour), commands);
        ui.horizontal_wrapped(|ui| {
            if ui.button("Present this tour").clicked() {
                commands.push(Command::StartPresenting);
            }
            if ui.button("Delete tour").clicked() {
                commands.push(Command::Edit(Edit::RemoveTour { at: t }));
            }
        });
    }

    /// *Add step* (the selected initiative at the date, from this view) and *Add title step*.
    /// A new step goes after the current one, or at the end.
    fn add_step_ui(
        &mut self,
        ui: &mut Ui,
        input: &TourInput<'_>,
        t: usize,
        cmds: &mut Vec<Command>,
    ) {
        let steps = input.dataset.tours[t].steps.len();
        let at = self.step.map_or(steps, |k| (k + 1).min(steps));
        let camera = Some(input.camera);
        let recorded = input
            .initiative
            .and_then(|i| edit::step_of_view(input.dataset, i, input.as_of, camera));
        ui.horizontal_wrapped(|ui| {
            let add = ui
                .add_enabled(recorded.is_some(), egui::Button::new("Add step"))
                .on_hover_text(
                    "Records the selected initiative at its milestone on the date shown, the \
                     date and the map's view",
                )
                .on_disabled_hover_text(
                    "Select an initiative with a milestone first: the step shows it",
                );
            if add.clicked()
                && let Some(step) = recorded.clone()
            {
                self.push_step(t, at, step, cmds);
            }
            if ui.button("Add title step").clicked() {
                let step = edit::title_step("Title", input.as_of, camera);
                self.push_step(t, at, step, cmds);
            }
        });
    }

    fn push_step(&mut self, tour: usize, at: usize, step: TourStep, commands: &mut Vec<Command>) {
        let step = Box::new(step);
        commands.push(Command::Edit(Edit::InsertStep { tour, at, step }));
        self.step = Some(at);
    }

    /// The steps, a row each: drag one by its handle, or press Alt+↑/↓, to move the current one.
    fn steps_ui(
        &mut self,
        ui: &mut Ui,
        input: &TourInput<'_>,
        (t, tour): (usize, &Tour),
        commands: &mut Vec<Command>,
    ) {
        let count = tour.steps.len();
        if let Some(k) = self.step.filter(|&k| k < count) {
            let (up, down) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::ALT, Key::ArrowUp),
                    i.consume_key(Modifiers::ALT, Key::ArrowDown),
                )
            });
            let to = if up && k > 0 {
                Some(k - 1)
            } else if down && k + 1 < count {
                Some(k + 1)
            } else {
                None
            };
            if let Some(to) = to {
                commands.push(Command::Edit(Edit::MoveStep {
                    tour: t,
                    from: k,
                    to,
                }));
                self.step = Some(to);
            }
        }
        let mut dropped = None;
        for (k, step) in tour.steps.iter().enumerate() {
            let frame = egui::Frame::default().inner_margin(2.0);
            let (_, payload) = ui.dnd_drop_zone::<usize, _>(frame, |ui| {
                self.step_ui(ui, input, (t, k, step), commands);
            });
            if let Some(from) = payload {
                dropped = Some((*from, k));
            }
        }
        if let Some((from, to)) = dropped.filter(|(from, to)| from != to) {
            commands.push(Command::Edit(Edit::MoveStep { tour: t, from, to }));
            self.step = Some(to);
        }
    }

    /// One step: its handle and heading, then its own words, its date and view, its buttons.
    fn step_ui(
        &mut self,
        ui: &mut Ui,
        input: &TourInput<'_>,
        (t, k, step): (usize, usize, &TourStep),
        commands: &mut Vec<Command>,
    ) {
        let path = format!("tours[{t}].steps[{k}]");
        let caption = CaptionText::of_step(input.dataset, step);
        let heading = caption.as_ref().map_or("(missing)", |c| c.title.as_str());
        let kind = if step.shows.is_some() {
            ""
        } else {
            "Title step: "
        };
        let current = self.step == Some(k);
        ui.horizontal(|ui| {
            let handle_id = ui.scope_id().with(("step handle", t, k));
            ui.dnd_drag_source(handle_id, k, |ui| {
                ui.label(RichText::new("::").monospace())
                    .on_hover_text("Drag to move the step");
            });
            let text = short(&format!("{}. {kind}{heading}", k + 1));
            if ui.selectable_label(current, text).clicked() {
                self.step = if current { None } else { Some(k) };
            }
        });
        if !current {
            return;
        }
        ui.indent(&path, |ui| {
            let set = |commands: &mut Vec<Command>, field| {
                commands.push(Command::Edit(Edit::Step {
                    tour: t,
                    step: k,
                    field,
                }));
            };
            if let Some(c) = &caption
                && step.shows.is_some()
            {
                let shows = format!(
                    "Shows: {}, {}",
                    c.initiative.as_deref().unwrap_or(""),
                    c.title
                );
                ui.label(RichText::new(short(&shows)).weak());
            }
            // An empty field shows what the step uses in its place: the milestone's words.
            let milestone = step
                .shows
                .and_then(|(i, m)| input.dataset.initiatives.get(i)?.milestones.get(m));
            let (title, outcome, notes) = milestone.map_or(("", "", ""), |m| {
                (
                    m.title.as_str(),
                    m.outcome.as_str(),
                    m.notes.as_deref().unwrap_or_default(),
                )
            });
            let own = |v: &Option<String>| v.clone().unwrap_or_default();
            let title_path = format!("{path}.title");
            let own_title = own(&step.title);
            if let Some(v) = self.hinted(ui, &title_path, ("Title", title), &own_title, false) {
                set(commands, StepField::Title(optional(v)));
            }
            let caption_path = format!("{path}.caption");
            let own_caption = own(&step.caption);
            let hint = ("Caption", outcome);
            if let Some(v) = self.hinted(ui, &caption_path, hint, &own_caption, true) {
                set(commands, StepField::Caption(optional(v)));
            }
            let notes_path = format!("{path}.notes");
            let own_notes = own(&step.notes);
            if let Some(v) = self.hinted(ui, &notes_path, ("Notes", notes), &own_notes, true) {
                set(commands, StepField::Notes(optional(v)));
            }
            if let Some(v) = self.date(ui, &format!("{path}.date"), "Date", step.date, true) {
                set(commands, StepField::Date(v));
            }
            ui.horizontal_wrapped(|ui| {
                match step.camera {
                    Some(c) => ui.label(format!(
                        "View: {:.1}°, {:.1}° at zoom {:.1}",
                        c.lon, c.lat, c.zoom
                    )),
                    None => ui.label("View: framed on the initiative"),
                };
                if ui.button("Use this view").clicked() {
                    set(commands, StepField::Camera(Some(input.camera)));
                }
                if step.camera.is_some() && ui.button("Frame the initiative").clicked() {
                    set(commands, StepField::Camera(None));
                }
            });
            show_problems(ui, input.problems, &path);
            self.step_buttons_ui(ui, input, (t, k), commands);
        });
    }

    /// Move up, move down, delete.
    fn step_buttons_ui(
        &mut self,
        ui: &mut Ui,
        input: &TourInput<'_>,
        (t, k): (usize, usize),
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let steps = input.dataset.tours[t].steps.len();
            if let Some(to) = move_buttons(ui, k, steps) {
                commands.push(Command::Edit(Edit::MoveStep {
                    tour: t,
                    from: k,
                    to,
                }));
                self.step = Some(to);
            }
            if ui.button("Delete step").clicked() {
                commands.push(Command::Edit(Edit::RemoveStep { tour: t, at: k }));
                self.step = None;
            }
        });
    }
}
