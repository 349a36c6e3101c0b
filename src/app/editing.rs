//! Authoring: edit mode, the edit history, the checks run after each edit, saving, and not
//! losing unsaved edits (to another file opened, to the app closing, to the file changing on
//! disk).

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::AtlasApp;
use crate::data::edit::{History, Touched};
use crate::data::{Dataset, Diagnostic, Severity};
use crate::loader::{DatasetSource, FileKind};
use crate::scene::TourChoice;
use crate::ui::command::{Command, UnsavedChoice};

/// What edit mode keeps.
#[derive(Default)]
pub(super) struct Authoring {
    /// Whether edit mode is on.
    pub(super) on: bool,
    pub(super) history: History,
    /// The checker's problems, one list per initiative, in the dataset's order.
    pub(super) problems: Vec<Vec<Diagnostic>>,
    /// The checker's problems with the tours.
    pub(super) tour_problems: Vec<Diagnostic>,
    /// The history's position when the data was last saved or loaded.
    saved_at: u64,
    /// The focused widget in the last frame: typing into one field is one step until the focus
    /// moves.
    last_focus: Option<egui::Id>,
    /// What was asked for while there were unsaved edits, until the user answers.
    pub(super) asking: Option<Pending>,
    /// Set once the user chose to close without saving.
    may_close: bool,
    /// The data file as it changed on disk while there were unsaved edits.
    pub(super) on_disk: Option<(PathBuf, Dataset)>,
}

/// What waits for the user's answer about unsaved edits.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Pending {
    /// A command that would replace the data.
    Command(Box<Command>),
    /// Closing the window.
    Close,
}

impl Authoring {
    /// Starts afresh on data just loaded: no history, no problems, nothing unsaved.
    pub(super) fn reset(&mut self, initiatives: usize) {
        self.history.clear();
        self.problems = vec![Vec::new(); initiatives];
        self.tour_problems.clear();
        self.saved_at = self.history.position();
        self.on_disk = None;
    }

    /// Marks the data as not saved whatever the history says: restored edits differ from their
    /// file even before the first new edit, and undoing does not make them saved.
    pub(super) fn mark_unsaved(&mut self) {
        self.saved_at = u64::MAX;
    }

    /// Whether there are edits not yet saved.
    pub(super) fn is_dirty(&self) -> bool {
        self.history.position() != self.saved_at
    }

    /// The first problem that stops a save, if any.
    pub(super) fn first_error(&self) -> Option<&Diagnostic> {
        self.problems
            .iter()
            .flatten()
            .chain(&self.tour_problems)
            .find(|d| d.severity == Severity::Error)
    }
}

/// The shortcuts of authoring, read before the panels so a text field does not take them:
/// Ctrl+Z is the whole app's undo, not one field's.
pub(super) fn authoring_keys(ctx: &egui::Context, editing: bool, commands: &mut Vec<Command>) {
    let shortcut = |modifiers, key| KeyboardShortcut::new(modifiers, key);
    let shift = Modifiers::COMMAND | Modifiers::SHIFT;
    ctx.input_mut(|i| {
        // The longer shortcuts first: Ctrl+Z also matches Ctrl+Shift+Z when read logically.
        if i.consume_shortcut(&shortcut(shift, Key::Z))
            || i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Y))
        {
            commands.push(Command::Redo);
        }
        if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Z)) {
            commands.push(Command::Undo);
        }
        if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::E)) {
            commands.push(Command::SetEditing(!editing));
        }
        if i.consume_shortcut(&shortcut(shift, Key::S)) {
            commands.push(Command::SaveAs);
        }
        if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::S)) {
            commands.push(Command::Save);
        }
    });
}

impl AtlasApp {
    /// Makes one change to the data, as a step of the edit history.
    pub(super) fn edit(&mut self, edit: crate::data::edit::Edit) {
        let world = &self.data.world;
        let name = |code: &str| {
            world
                .by_code(code)
                .map_or_else(|| code.to_owned(), |c| c.name.clone())
        };
        let label = edit.describe(&self.dataset, &name);
        let done = self.authoring.history.apply(&mut self.dataset, edit, label);
        self.after_edit(done.map(Some));
    }

    pub(super) fn undo(&mut self) {
        let done = self.authoring.history.undo(&mut self.dataset).transpose();
        self.editor.forget_typing();
        self.after_edit(done);
    }

    pub(super) fn redo(&mut self) {
        let done = self.authoring.history.redo(&mut self.dataset).transpose();
        self.editor.forget_typing();
        self.after_edit(done);
    }

    /// Saves the data to its file, or asks where when it has none of its own.
    pub(super) fn save(&mut self, ctx: &egui::Context) {
        match (&self.files.dataset_source, self.files.imported) {
            (DatasetSource::File(path), false) => {
                let path = path.clone();
                self.save_data_to(&path, ctx);
            }
            // The bundled data is never written; an import has no file yet.
            _ => self.save_as(ctx),
        }
    }

    pub(super) fn save_as(&mut self, ctx: &egui::Context) {
        self.save_as_named("initiatives.json", ctx);
    }

    /// Asks where to save the data, suggesting `file_name`, then writes it there.
    pub(super) fn save_as_named(&mut self, file_name: &str, ctx: &egui::Context) {
        if self.refuse_save() {
            return;
        }
        let question = crate::ui::dialogs::FileQuestion::save(
            "Initiatives (JSON)",
            &["json"],
            file_name.to_owned(),
        );
        if let Some(path) = self.dialogs.ask(&question) {
            self.save_data_to(&path, ctx);
        }
    }

    /// Takes the version of the data file that changed on disk, dropping the unsaved edits.
    pub(super) fn take_disk_version(&mut self) {
        if let Some((path, dataset)) = self.authoring.on_disk.take() {
            self.take_dataset(path, dataset);
        }
    }

    /// Brings what is derived from the data up to date after an edit, an undo or a redo, or
    /// reports why it was not made.
    fn after_edit(&mut self, done: Result<Option<Touched>, crate::data::edit::EditError>) {
        let touched = match done {
            Ok(Some(touched)) => touched,
            Ok(None) => return,
            Err(err) => {
                self.report(PathBuf::new(), vec![format!("Not changed: {err}")], true);
                return;
            }
        };
        // Whether the counts of the map's overview were up to date before this edit, so that
        // recounting the one initiative it changed brings them up to date again.
        let counted = self.involvement_for == self.data_version;
        self.data_version += 1;
        // One list of problems per initiative, kept in step with the initiatives.
        let problems = &mut self.authoring.problems;
        let shift = |index: &mut usize| match touched {
            Touched::Inserted(i) if *index >= i => *index += 1,
            Touched::Removed(i) if *index > i => *index -= 1,
            _ => {}
        };
        match touched {
            Touched::Initiative(i) => {
                if let Some(p) = problems.get_mut(i) {
                    *p = self.dataset.check_initiative(i, &self.data.world);
                }
                if counted {
                    self.involvement.refresh(&self.data.world, &self.dataset, i);
                    self.involvement_for = self.data_version;
                }
            }
            Touched::Inserted(i) => {
                let checked = self.dataset.check_initiative(i, &self.data.world);
                problems.insert(i.min(problems.len()), checked);
            }
            Touched::Removed(i) => {
                if i < problems.len() {
                    problems.remove(i);
                }
                if self.initiative == Some(i) {
                    self.initiative = None;
                }
                if self.caption.is_some_and(|(c, _)| c == i) {
                    self.caption = None;
                }
            }
            Touched::Tours => {
                self.authoring.tour_problems = self.dataset.check_tours();
                if let TourChoice::FromData(t) = self.tour_choice
                    && t >= self.dataset.tours.len()
                {
                    self.tour_choice = TourChoice::Everything;
                }
            }
        }
        self.retour();
        // The selection and the caption follow their initiative when others are inserted or
        // removed before it.
        if let Some(selected) = &mut self.initiative {
            shift(selected);
        }
        if let Some((c, _)) = &mut self.caption {
            shift(c);
        }
        self.recheck_duplicate_ids(touched);
        // A caption on a milestone or an effort that is gone is closed.
        let shown = self
            .caption
            .and_then(|(i, m)| self.dataset.initiatives.get(i)?.milestones.get(m));
        if shown.is_none() {
            self.caption = None;
        }
        if self
            .initiative
            .is_some_and(|i| i >= self.dataset.initiatives.len())
        {
            self.initiative = None;
        }
    }

    /// Re-checks the initiatives whose id another one shares, or shared until this edit: a
    /// duplicate id is the one rule that crosses initiatives and an edit can break elsewhere.
    /// Each flag was right before the edit, so only the initiatives flagged and those with the
    /// id of the one touched can be wrong now: a scan without hashing ten thousand ids.
    fn recheck_duplicate_ids(&mut self, touched: Touched) {
        let initiatives = &self.dataset.initiatives;
        let problems = &self.authoring.problems;
        let flagged = |k: usize| {
            problems.get(k).is_some_and(|p| {
                p.iter()
                    .any(|d| d.message.starts_with("duplicate initiative id"))
            })
        };
        let touched_id = match touched {
            Touched::Initiative(i) | Touched::Inserted(i) => initiatives.get(i).map(|x| &x.id),
            Touched::Removed(_) => None,
            Touched::Tours => return,
        };
        let shared = |id: &str| initiatives.iter().filter(|x| x.id == id).nth(1).is_some();
        let stale: Vec<usize> = initiatives
            .iter()
            .enumerate()
            .filter(|&(k, x)| flagged(k) || Some(&x.id) == touched_id)
            .filter(|&(k, x)| flagged(k) != shared(&x.id))
            .map(|(k, _)| k)
            .collect();
        for k in stale {
            self.authoring.problems[k] = self.dataset.check_initiative(k, &self.data.world);
        }
    }

    /// Checks every initiative and the tours afresh: for data that did not come through a load,
    /// whose checks refuse what has errors.
    pub(super) fn recheck_all(&mut self) {
        let world = &self.data.world;
        self.authoring.problems = (0..self.dataset.initiatives.len())
            .map(|i| self.dataset.check_initiative(i, world))
            .collect();
        self.authoring.tour_problems = self.dataset.check_tours();
    }

    /// Says why the data cannot be saved yet, if it cannot: the first problem, with its place.
    fn refuse_save(&mut self) -> bool {
        let typing = self.editor.first_invalid();
        let problem = match (typing, self.authoring.first_error()) {
            (Some((field, why)), _) => format!("{field}: {why}"),
            (None, Some(d)) => format!("{}: {}", d.path, d.brief()),
            (None, None) => return false,
        };
        self.report(
            PathBuf::new(),
            vec![
                format!("Not saved: fix this first: {problem}"),
                "Every problem is listed under Problems in edit mode.".to_owned(),
            ],
            true,
        );
        true
    }

    /// Writes the data to `path` atomically; it becomes the data's file, watched and listed
    /// among the recent files.
    fn save_data_to(&mut self, path: &Path, ctx: &egui::Context) {
        if self.refuse_save() {
            return;
        }
        let result = self
            .dataset
            .to_json()
            .map_err(|e| e.to_string())
            .and_then(|text| {
                crate::export::write_atomically(path, text.as_bytes()).map_err(|e| e.to_string())
            });
        let saved = result.is_ok();
        self.files.report_saved(path, "the initiatives", result);
        if saved {
            self.authoring.history.seal();
            self.authoring.saved_at = self.authoring.history.position();
            self.files.imported = false;
            self.files.dataset_source = DatasetSource::File(path.to_owned());
            self.files.remember(path.to_owned(), ctx);
            // Now, not next frame: a save asked for on closing is the last thing done.
            self.recovery.forget();
        }
    }

    /// Holds back `command` to ask first if it would drop unsaved edits; returns whether it did.
    pub(super) fn ask_before(&mut self, command: &Command) -> bool {
        // A world map keeps the initiatives on screen; an initiatives file replaces them.
        let drops = match command {
            Command::Open(path) => FileKind::of(path) == FileKind::Initiatives,
            Command::ImportTable(_) | Command::ImportApply | Command::RestoreRecovered => true,
            _ => false,
        };
        if drops && self.authoring.is_dirty() && self.authoring.asking.is_none() {
            self.authoring.asking = Some(Pending::Command(Box::new(command.clone())));
            return true;
        }
        false
    }

    /// Carries out the answer to "save the unsaved edits?".
    pub(super) fn answer_unsaved(&mut self, choice: UnsavedChoice, ctx: &egui::Context) {
        let Some(pending) = self.authoring.asking.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Cancel => return,
            UnsavedChoice::Save => {
                self.save(ctx);
                if self.authoring.is_dirty() {
                    // Not saved (a problem, or the dialog was cancelled): nothing is dropped.
                    return;
                }
            }
            UnsavedChoice::Discard => {
                self.authoring.saved_at = self.authoring.history.position();
                self.recovery.forget();
            }
        }
        match pending {
            Pending::Command(command) => self.apply(*command, ctx),
            Pending::Close => {
                self.authoring.may_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Before the window closes with unsaved edits, asks first.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if self.authoring.is_dirty() && !self.authoring.may_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.authoring.asking = Some(Pending::Close);
        }
    }

    /// The data file changed on disk: takes it, unless there are unsaved edits, which are then
    /// kept beside it until the user chooses. Returns whether the load was held back or was
    /// the app's own save coming back.
    pub(super) fn hold_while_unsaved(&mut self, path: &Path, dataset: &Dataset) -> bool {
        let ours = self.files.dataset_source == DatasetSource::File(path.to_owned());
        if ours && *dataset == self.dataset {
            // The app's own save, seen by the watcher.
            return true;
        }
        if ours && self.authoring.is_dirty() {
            self.authoring.on_disk = Some((path.to_owned(), dataset.clone()));
            return true;
        }
        false
    }

    /// Ends a typed step: the focus moved to another widget.
    pub(super) fn focus_moved(&mut self, focus: Option<egui::Id>) {
        self.authoring.history.seal();
        self.authoring.last_focus = focus;
    }

    /// Once a frame: asks for a new step of the history when the focus has moved, and keeps
    /// the window title saying which file is shown and whether it has unsaved edits.
    pub(super) fn authoring_frame(&mut self, ctx: &egui::Context) {
        let focus = ctx.memory(|m| m.focused());
        if focus != self.authoring.last_focus {
            self.apply(Command::FocusMoved(focus), ctx);
        }
        let file = match (&self.files.dataset_source, self.files.imported) {
            (_, true) => "imported table".to_owned(),
            (DatasetSource::File(path), false) => crate::ui::files::file_name(path),
            (DatasetSource::Bundled, false) => "bundled data".to_owned(),
            (DatasetSource::Empty, false) => "no initiatives".to_owned(),
        };
        let dirty = if self.authoring.is_dirty() {
            " • unsaved edits"
        } else {
            ""
        };
        let title = format!("Microlateral Atlas — {file}{dirty}");
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.window_title
    }

    /// Whether there are edits not yet saved.
    pub fn has_unsaved_edits(&self) -> bool {
        self.authoring.is_dirty()
    }

    /// The data file as it changed on disk under unsaved edits, until the user picks a side.
    pub fn changed_on_disk(&self) -> Option<&Dataset> {
        self.authoring.on_disk.as_ref().map(|(_, d)| d)
    }

    /// What Undo and Redo would do, in words.
    pub fn history_labels(&self) -> (Option<&str>, Option<&str>) {
        let h = &self.authoring.history;
        (h.undo_label(), h.redo_label())
    }

    /// Every problem the checks found in the edited data.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.authoring
            .problems
            .iter()
            .flatten()
            .chain(&self.authoring.tour_problems)
    }

    /// Replaces the data with a file's, as a load does: no history, nothing unsaved.
    pub(super) fn take_dataset(&mut self, path: PathBuf, dataset: Dataset) {
        let initiative = self.observe().selected_initiative.map(str::to_owned);
        self.set_dataset(dataset);
        self.initiative = initiative.and_then(|id| self.dataset.index_of(&id));
        self.caption = None;
        self.presenter = None;
        self.files.dataset_source = DatasetSource::File(path);
        if matches!(self.tour_choice, TourChoice::FromData(_)) {
            self.tour_choice = TourChoice::Everything;
        }
    }

    /// The question about unsaved edits, and the notice of a file changed on disk.
    pub(super) fn authoring_windows_ui(
        &mut self,
        ctx: &egui::Context,
        commands: &mut Vec<Command>,
    ) {
        if let Some(pending) = &self.authoring.asking {
            let what = match pending {
                Pending::Close => "Closing the atlas",
                Pending::Command(c) if matches!(**c, Command::Open(_)) => "Opening another file",
                Pending::Command(_) => "Importing a table",
            };
            crate::ui::editor::unsaved_ui(ctx, what, commands);
        }
        if let Some((path, _)) = &self.authoring.on_disk {
            crate::ui::editor::changed_on_disk_ui(ctx, path, commands);
        }
        if let Some(offer) = &self.recovery.offer
            && self.authoring.asking.is_none()
        {
            let errors = offer
                .problems
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let offered = crate::ui::editor::Recovered {
                from: offer.from.describe(),
                written_unix: offer.written_unix,
                initiatives: offer.dataset.initiatives.len(),
                on_screen: self.dataset.initiatives.len(),
                errors,
            };
            crate::ui::editor::recovered_ui(ctx, &offered, commands);
        }
    }
}
