//! File dialogs behind a small trait: the desktop's own (rfd) in the app, and a scripted one that
//! tests answer ahead of time, so the paths through a dialog are tested as a person takes them.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// What a file dialog is asked: to pick a file to open or a place to save one, among the kinds
/// of file `filters` names, suggesting `file_name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileQuestion {
    pub save: bool,
    /// Each kind of file the dialog offers: what it is called, and its extensions.
    pub filters: Vec<(&'static str, Vec<&'static str>)>,
    /// The name a save dialog suggests.
    pub file_name: Option<String>,
}

impl FileQuestion {
    /// Where to save a file of the kind `label` names, suggesting `file_name`.
    pub fn save(label: &'static str, extensions: &[&'static str], file_name: String) -> Self {
        Self {
            save: true,
            filters: vec![(label, extensions.to_vec())],
            file_name: Some(file_name),
        }
    }

    /// Which file of the kind `label` names to open.
    pub fn open(label: &'static str, extensions: &[&'static str]) -> Self {
        Self {
            save: false,
            filters: vec![(label, extensions.to_vec())],
            file_name: None,
        }
    }
}

/// Asks the user for a file. `None`: the dialog was cancelled (or could not open).
pub trait FileDialogs {
    fn ask(&mut self, question: &FileQuestion) -> Option<PathBuf>;
}

/// The desktop's file dialogs. They block the window while open, as native dialogs do.
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn ask(&mut self, question: &FileQuestion) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new();
        for (label, extensions) in &question.filters {
            dialog = dialog.add_filter(*label, extensions);
        }
        if let Some(name) = &question.file_name {
            dialog = dialog.set_file_name(name);
        }
        if question.save {
            dialog.save_file()
        } else {
            dialog.pick_file()
        }
    }
}

/// Dialogs answered from a script: each question takes the next answer given with
/// [`ScriptedDialogs::answer`] (none left: cancelled), and is kept to be looked at. Clones share
/// the script, so a test keeps one and gives the other to the app.
#[derive(Clone, Debug, Default)]
pub struct ScriptedDialogs(Arc<Mutex<Script>>);

#[derive(Debug, Default)]
struct Script {
    answers: VecDeque<Option<PathBuf>>,
    asked: Vec<FileQuestion>,
}

impl ScriptedDialogs {
    /// The answer to the next question: a path, or `None` to cancel.
    pub fn answer(&self, path: Option<PathBuf>) {
        self.script().answers.push_back(path);
    }

    /// The questions asked so far, the first first.
    pub fn asked(&self) -> Vec<FileQuestion> {
        self.script().asked.clone()
    }

    fn script(&self) -> std::sync::MutexGuard<'_, Script> {
        // A test that panicked while holding the lock leaves a script that is still whole.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn ask(&mut self, question: &FileQuestion) -> Option<PathBuf> {
        let mut script = self.script();
        script.asked.push(question.clone());
        script.answers.pop_front().flatten()
    }
}
