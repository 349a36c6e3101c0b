//! Edit mode's forms: the selected initiative's fields, actors, milestones and sources, the
//! problems the checks found, and the Edit menu. Every change goes out as a `Command::Edit`;
//! the panel keeps only the text of a date being typed until it is a date.

mod dialogs;
mod sections;
mod tours;

pub use dialogs::{Recovered, changed_on_disk_ui, edit_menu_ui, recovered_ui, unsaved_ui};
pub use tours::TourInput;

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use crate::data::date::FuzzyDate;
use crate::data::edit::{self, Edit, InitiativeField};
use crate::data::{Category, Confidence, Dataset, Diagnostic, Initiative, Kind};
use crate::data::{Status, World};
use crate::ui::command::Command;

/// What the editor draws from.
pub struct EditorInput<'a> {
    pub dataset: &'a Dataset,
    pub world: &'a World,
    /// The selected initiative, an index into the dataset.
    pub initiative: Option<usize>,
    /// The selected country, an index into the world: a click on the map in edit mode.
    pub country: Option<usize>,
    /// The checks' problems, one list per initiative.
    pub problems: &'a [Vec<Diagnostic>],
    /// The checks' problems with the tours.
    pub tour_problems: &'a [Diagnostic],
    /// The date cursor, where a new milestone or initiative starts.
    pub as_of: Option<i64>,
    /// Today as a day number: where they start without a cursor.
    pub today: i64,
}

/// The forms of edit mode.
#[derive(Debug, Default)]
pub struct InitiativeEditor {
    /// Date fields whose text is not (yet) a date, by the field's path: the text as typed, and
    /// why it is not a date. The model keeps its last valid value meanwhile.
    typing: BTreeMap<String, (String, String)>,
    /// The name typed into "Add a state".
    add_state: String,
    /// Why the last name typed did not name one state.
    add_problem: Option<String>,
    /// The short and full names typed into "Add an organisation".
    add_org: (String, String),
    /// A field to give the focus to (a problem was clicked), by its path.
    focus: Option<String>,
    /// The country whose row a click on the map last opened: opened once, then left to the
    /// user to close.
    opened_for: Option<usize>,
    /// The step of the tour being edited whose form is open: Alt+↑/↓ moves it, and a new step
    /// goes after it.
    step: Option<usize>,
}

/// The problems at `path` or inside it.
fn problems_at<'a>(
    problems: &'a [Diagnostic],
    path: &'a str,
) -> impl Iterator<Item = &'a Diagnostic> {
    problems.iter().filter(move |d| {
        d.path == path
            || d.path
                .strip_prefix(path)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

/// Shows the problems of one field under it, in the warning colour.
fn show_problems(ui: &mut Ui, problems: &[Diagnostic], path: &str) {
    for d in problems_at(problems, path) {
        let color = match d.severity {
            crate::data::Severity::Error => ui.visuals().error_fg_color,
            crate::data::Severity::Warning => ui.visuals().warn_fg_color,
        };
        ui.label(RichText::new(d.brief()).color(color).small());
    }
}

/// A combo box over a vocabulary; returns the value chosen if it changed.
fn choose<T: Copy + PartialEq>(
    ui: &mut Ui,
    (id, caption): (&str, &str),
    value: T,
    all: &[T],
    label: impl Fn(&T) -> &'static str,
) -> Option<T> {
    let mut chosen = value;
    egui::ComboBox::new(id, caption)
        .selected_text(label(&value))
        .show_ui(ui, |ui| {
            for v in all {
                ui.selectable_value(&mut chosen, *v, label(v));
            }
        });
    (chosen != value).then_some(chosen)
}

impl InitiativeEditor {
    /// Forgets dates being typed: after an undo the fields show the model again.
    pub fn forget_typing(&mut self) {
        self.typing.clear();
    }

    /// The first field whose text is not a valid value, with why: Save names it.
    pub fn first_invalid(&self) -> Option<(String, String)> {
        self.typing
            .iter()
            .next()
            .map(|(path, (_, why))| (path.clone(), why.clone()))
    }

    /// Draws the forms for the selected initiative, or the choice to make one.
    pub fn ui(&mut self, ui: &mut Ui, input: &EditorInput<'_>, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Edit mode").strong());
            let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::N);
            // The shortcut in the tooltip, not the button: the button's label stays its name.
            let new = ui
                .button("New initiative")
                .on_hover_text(ui.ctx().format_shortcut(&shortcut))
                .clicked();
            if new || ui.input_mut(|i| i.consume_shortcut(&shortcut)) {
                let start = FuzzyDate::parse(&start_year(input.as_of, input.today)).ok();
                if let Some(start) = start {
                    let at = input.dataset.initiatives.len();
                    let initiative = Box::new(edit::blank_initiative(input.dataset, start));
                    commands.push(Command::Edit(Edit::InsertInitiative { at, initiative }));
                    commands.push(Command::SelectInitiative(Some(at)));
                    // Its name is the first thing to type.
                    self.focus = Some(format!("initiatives[{at}].name"));
                }
            }
            let selected = input
                .initiative
                .and_then(|i| Some((i, input.dataset.initiatives.get(i)?)));
            if let Some((index, initiative)) = selected {
                if ui.button("Duplicate").clicked() {
                    let copy = Box::new(edit::duplicate_of(input.dataset, initiative));
                    let at = index + 1;
                    commands.push(Command::Edit(Edit::InsertInitiative {
                        at,
                        initiative: copy,
                    }));
                    commands.push(Command::SelectInitiative(Some(at)));
                }
                if ui.button("Delete").clicked() {
                    commands.push(Command::Edit(Edit::RemoveInitiative { at: index }));
                }
            }
        });
        self.problems_ui(ui, input, commands);
        ui.separator();
        let Some(index) = input.initiative else {
            ui.label("Pick an initiative in the list to edit it, or make a new one.");
            return;
        };
        let Some(initiative) = input.dataset.initiatives.get(index) else {
            return;
        };
        let problems = input.problems.get(index).map_or(&[][..], Vec::as_slice);
        let form = Form {
            index,
            initiative,
            problems,
            world: input.world,
        };
        self.fields_ui(ui, &form, commands);
        ui.separator();
        self.actors_ui(ui, &form, input.country, commands);
        ui.separator();
        self.milestones_ui(ui, &form, (input.as_of, input.today), commands);
        ui.separator();
        self.sources_ui(ui, &form, commands);
    }

    /// Every problem of every initiative; a click goes to its initiative and field.
    fn problems_ui(&mut self, ui: &mut Ui, input: &EditorInput<'_>, commands: &mut Vec<Command>) {
        let count = input.problems.iter().map(Vec::len).sum::<usize>()
            + input.tour_problems.len()
            + self.typing.len();
        let heading = if count == 0 {
            "Problems: none".to_owned()
        } else {
            format!("Problems ({count})")
        };
        egui::CollapsingHeader::new(heading)
            .id_salt("problems")
            .default_open(true)
            .show(ui, |ui| {
                for (path, (_, why)) in &self.typing {
                    ui.label(
                        RichText::new(format!("{path}: {why}")).color(ui.visuals().error_fg_color),
                    );
                }
                let mut go_to = None;
                for (i, list) in input.problems.iter().enumerate() {
                    for d in list {
                        let name = input
                            .dataset
                            .initiatives
                            .get(i)
                            .map_or("", |i| i.name.as_str());
                        let text = format!("{name}: {}: {}", d.path, d.brief());
                        if ui.link(text).clicked() {
                            go_to = Some((i, d.path.clone()));
                        }
                    }
                }
                if let Some((i, path)) = go_to {
                    commands.push(Command::SelectInitiative(Some(i)));
                    self.focus = Some(path);
                }
                for d in input.tour_problems {
                    if ui.link(format!("{}: {}", d.path, d.brief())).clicked() {
                        // "tours[T].steps[K]…": choose the tour, open the step, focus the field.
                        let index = |key: &str| {
                            let rest = d.path.split(key).nth(1)?;
                            rest.split(']').next()?.parse::<usize>().ok()
                        };
                        if let Some(t) = index("tours[") {
                            commands
                                .push(Command::ChooseTour(crate::scene::TourChoice::FromData(t)));
                        }
                        self.step = index("steps[");
                        self.focus = Some(d.path.clone());
                    }
                }
            });
    }

    /// A text field at `path`; its new text, if the user changed it.
    fn text(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        value: &str,
        multiline: bool,
    ) -> Option<String> {
        self.hinted(ui, path, (label, ""), value, multiline)
    }

    /// A text field at `path` that shows `hint` while it is empty: what is used in its place.
    fn hinted(
        &mut self,
        ui: &mut Ui,
        path: &str,
        (label, hint): (&str, &str),
        value: &str,
        multiline: bool,
    ) -> Option<String> {
        let mut text = value.to_owned();
        let changed = ui
            .horizontal(|ui| {
                let label = ui.label(label);
                let edit = if multiline {
                    egui::TextEdit::multiline(&mut text).desired_rows(2)
                } else {
                    egui::TextEdit::singleline(&mut text)
                };
                let response = ui
                    .add(
                        edit.id_salt(path)
                            .hint_text(hint)
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(label.id);
                self.take_focus(&response, path);
                response.changed()
            })
            .inner;
        changed.then_some(text)
    }

    /// Gives the focus to the widget at `path` if a problem there was clicked.
    fn take_focus(&mut self, response: &egui::Response, path: &str) {
        if self.focus.as_deref().is_some_and(|f| f.starts_with(path)) {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
            self.focus = None;
        }
    }

    /// A date field at `path`. Its text is kept as typed until it is a date; then the new date
    /// is returned (`Some(None)` when an optional date is emptied).
    fn date(
        &mut self,
        ui: &mut Ui,
        path: &str,
        label: &str,
        value: Option<FuzzyDate>,
        optional: bool,
    ) -> Option<Option<FuzzyDate>> {
        let shown = value.map(|d| d.to_iso_string()).unwrap_or_default();
        let hint = if optional {
            "YYYY-MM-DD, or empty"
        } else {
            "YYYY-MM-DD"
        };
        let parse = |text: &str| {
            if text.is_empty() && optional {
                Ok(None)
            } else {
                FuzzyDate::parse(text)
                    .map(Some)
                    .map_err(|err| format!("{}; expected {}", err.problem(), err.expected()))
            }
        };
        self.typed(ui, (path, label, hint, 160.0), shown, value, parse)
    }

    /// A field at `path` whose text becomes a value through `parse`. The text is kept as typed,
    /// with why it is not a value, until it parses; then the new value is returned if it differs
    /// from `value`. `parse` gets the text trimmed. The field is `width` points wide at most.
    fn typed<T: PartialEq>(
        &mut self,
        ui: &mut Ui,
        (path, label, hint, width): (&str, &str, &str, f32),
        shown: String,
        value: T,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let mut text = self.typing.get(path).map_or(shown, |(t, _)| t.clone());
        let response = ui
            .horizontal(|ui| {
                let label = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(&mut text)
                        .id_salt(path)
                        .hint_text(hint)
                        .desired_width(width.min(ui.available_width())),
                )
                .labelled_by(label.id)
            })
            .inner;
        self.take_focus(&response, path);
        if let Some((_, why)) = self.typing.get(path) {
            ui.label(
                RichText::new(why.as_str())
                    .color(ui.visuals().error_fg_color)
                    .small(),
            );
        }
        if !response.changed() {
            return None;
        }
        match parse(text.trim()) {
            Ok(parsed) => {
                self.typing.remove(path);
                (parsed != value).then_some(parsed)
            }
            Err(why) => {
                self.typing.insert(path.to_owned(), (text, why));
                None
            }
        }
    }

    /// The initiative's own fields.
    fn fields_ui(&mut self, ui: &mut Ui, form: &Form<'_>, commands: &mut Vec<Command>) {
        let (i, initiative) = (form.index, form.initiative);
        let base = format!("initiatives[{i}]");
        let at = |field: &str| format!("{base}.{field}");
        let mut set = |field| {
            commands.push(Command::Edit(Edit::Initiative {
                initiative: i,
                field,
            }))
        };
        if let Some(v) = self.text(ui, &at("name"), "Name", &initiative.name, false) {
            set(InitiativeField::Name(v));
        }
        show_problems(ui, form.problems, &at("name"));
        if let Some(v) = self.text(ui, &at("id"), "Id", &initiative.id, false) {
            set(InitiativeField::Id(v));
        }
        show_problems(ui, form.problems, &at("id"));
        ui.horizontal_wrapped(|ui| {
            if let Some(v) = choose(
                ui,
                (&at("kind"), "Kind"),
                initiative.kind,
                &Kind::ALL,
                Kind::label,
            ) {
                set(InitiativeField::Kind(v));
            }
            if let Some(v) = choose(
                ui,
                (&at("category"), "Category"),
                initiative.category,
                &Category::ALL,
                Category::label,
            ) {
                set(InitiativeField::Category(v));
            }
            if let Some(v) = choose(
                ui,
                (&at("status"), "Status"),
                initiative.status,
                &Status::ALL,
                Status::label,
            ) {
                set(InitiativeField::Status(v));
            }
            if let Some(v) = choose(
                ui,
                (&at("confidence"), "Confidence"),
                initiative.confidence,
                &Confidence::ALL,
                Confidence::label,
            ) {
                set(InitiativeField::Confidence(v));
            }
        });
        if let Some(Some(v)) = self.date(ui, &at("start"), "Start", Some(initiative.start), false) {
            set(InitiativeField::Start(v));
        }
        show_problems(ui, form.problems, &at("start"));
        if let Some(v) = self.date(ui, &at("end"), "End", initiative.end, true) {
            set(InitiativeField::End(v));
        }
        show_problems(ui, form.problems, &at("end"));
        if let Some(v) = self.text(ui, &at("summary"), "Summary", &initiative.summary, true) {
            set(InitiativeField::Summary(v));
        }
        if let Some(v) = self.text(ui, &at("outcome"), "Outcome", &initiative.outcome, true) {
            set(InitiativeField::Outcome(v));
        }
        let note = initiative.note.as_deref().unwrap_or_default();
        if let Some(v) = self.text(ui, &at("note"), "Note", note, false) {
            set(InitiativeField::Note(optional(v)));
        }
    }
}

/// What one initiative's forms draw from.
struct Form<'a> {
    index: usize,
    initiative: &'a Initiative,
    problems: &'a [Diagnostic],
    world: &'a World,
}

/// A row's heading cut to fit a side panel: a collapsing header does not wrap, and a long
/// source title would widen the panel over the map.
fn short(text: &str) -> String {
    const MAX: usize = 44;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// *Move up* and *Move down* for the item at `at` of a list of `len`: where it is to go, if one
/// was clicked.
fn move_buttons(ui: &mut Ui, at: usize, len: usize) -> Option<usize> {
    let up = ui
        .add_enabled(at > 0, egui::Button::new("Move up"))
        .clicked();
    let down = ui
        .add_enabled(at + 1 < len, egui::Button::new("Move down"))
        .clicked();
    match (up, down) {
        (true, _) => Some(at - 1),
        (_, true) => Some(at + 1),
        _ => None,
    }
}

/// Empty text is no value.
fn optional(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// The year a new item starts in: the date cursor's, or this year's.
fn start_year(as_of: Option<i64>, today: i64) -> String {
    format!(
        "{:04}",
        crate::data::date::ymd_from_day(as_of.unwrap_or(today)).0
    )
}
