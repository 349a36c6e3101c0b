//! Not losing unsaved edits to a crash: the recovery file is written a moment after each edit,
//! removed once the edits are saved or dropped, and offered back at the next start.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use crate::app::AtlasApp;
use crate::data::recovery::{RECOVERY_FILE, RecoveredFrom, Recovery};
use crate::data::{Dataset, Diagnostic};
use crate::loader::DatasetSource;

/// How long after an edit its recovery file is written, in seconds of the UI's clock. Further
/// edits in that time go in the same write, so a burst of typing is written once; a long one
/// is still written this often.
const WRITE_AFTER: f64 = 2.0;

/// The name a recovery file that could not be read is moved to, so that it is not reported at
/// every start and is not lost either.
const UNREADABLE_FILE: &str = "recovery.unreadable.json";

/// The recovery file of a window.
#[derive(Default)]
pub(super) struct RecoveryFile {
    /// Where it is written; `None` keeps none (tests, unless they ask for one).
    path: Option<PathBuf>,
    /// The data version last written, so an unchanged frame writes nothing.
    written: Option<u64>,
    /// When the next write is due (the UI's clock), while an edit waits to be written.
    due: Option<f64>,
    /// The write in progress, on its own thread: serialising ten thousand efforts takes tens of
    /// milliseconds, too long for a frame.
    job: Option<JoinHandle<Result<(), String>>>,
    /// What the file held at start, until the user restores or discards it.
    pub(super) offer: Option<Offer>,
}

/// Unsaved edits found at start.
pub(super) struct Offer {
    pub(super) from: RecoveredFrom,
    pub(super) written_unix: u64,
    pub(super) dataset: Dataset,
    pub(super) problems: Vec<Diagnostic>,
}

impl RecoveryFile {
    /// Waits for the write in progress, so that a removal is not undone by it.
    fn finish_job(&mut self) -> Option<String> {
        let job = self.job.take()?;
        match job.join() {
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(why),
            Err(_) => Some("writing the recovery file panicked".to_owned()),
        }
    }

    /// Removes the file: the edits it kept were saved or dropped.
    pub(super) fn forget(&mut self) {
        if let Some(why) = self.finish_job() {
            log::warn!("{why}");
        }
        self.due = None;
        if self.written.take().is_some()
            && let Some(path) = &self.path
            && let Err(err) = std::fs::remove_file(path)
            && err.kind() != std::io::ErrorKind::NotFound
        {
            log::warn!("{}: cannot remove the recovery file: {err}", path.display());
        }
    }
}

/// What `files` says the data came from, in the recovery file's terms.
fn recovered_from(source: &DatasetSource, imported: bool) -> RecoveredFrom {
    match (source, imported) {
        (_, true) => RecoveredFrom::Imported,
        (DatasetSource::File(path), false) => RecoveredFrom::File(path.clone()),
        (DatasetSource::Bundled, false) => RecoveredFrom::Bundled,
        (DatasetSource::Empty, false) => RecoveredFrom::Empty,
    }
}

fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl AtlasApp {
    /// Keeps a recovery file in `dir` (the app's data folder), and offers back what one left
    /// there holds: edits that a crash or a kill kept from being saved.
    pub fn with_recovery(mut self, dir: PathBuf) -> Self {
        let path = dir.join(RECOVERY_FILE);
        if path.exists() {
            match self.read_recovery(&path) {
                Ok(offer) => {
                    self.recovery.offer = Some(offer);
                    // It is ours until the user answers: a new write would replace it.
                    self.recovery.written = Some(u64::MAX);
                }
                Err(why) => {
                    let aside = dir.join(UNREADABLE_FILE);
                    let moved = std::fs::rename(&path, &aside).map_or_else(
                        |e| format!("It could not be moved aside either: {e}."),
                        |()| format!("It was moved to {} and is not read again.", aside.display()),
                    );
                    let lines = vec![
                        format!("Unsaved edits were found but cannot be restored: {why}"),
                        moved,
                    ];
                    self.report(path.clone(), lines, true);
                }
            }
        }
        self.recovery.path = Some(path);
        self
    }

    fn read_recovery(&self, path: &Path) -> Result<Offer, String> {
        let recovery = Recovery::read(path).map_err(|e| e.to_string())?;
        let shown = path.display().to_string();
        let loaded = recovery
            .dataset(&shown, &self.data.world)
            .map_err(|e| e.to_string())?;
        Ok(Offer {
            from: recovery.from,
            written_unix: recovery.written_unix,
            dataset: loaded.dataset,
            problems: loaded.warnings,
        })
    }

    /// Once a frame: writes the unsaved edits a moment after they were made, and removes the
    /// file once there are none.
    pub(super) fn recovery_frame(&mut self, ctx: &egui::Context) {
        if self.recovery.path.is_none() || self.recovery.offer.is_some() {
            return;
        }
        if self
            .recovery
            .job
            .as_ref()
            .is_some_and(JoinHandle::is_finished)
            && let Some(why) = self.recovery.finish_job()
        {
            // Said once, in the log: a report would interrupt the work it is there to keep.
            log::warn!("{why}");
        }
        if !self.authoring.is_dirty() {
            self.recovery.forget();
            return;
        }
        if self.recovery.written == Some(self.data_version) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let due = *self.recovery.due.get_or_insert(now + WRITE_AFTER);
        if now < due || self.recovery.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64((due - now).max(0.05)));
            return;
        }
        self.recovery.due = None;
        self.recovery.written = Some(self.data_version);
        let from = recovered_from(&self.files.dataset_source, self.files.imported);
        let dataset = self.dataset.clone();
        let Some(path) = self.recovery.path.clone() else {
            return;
        };
        self.recovery.job = Some(std::thread::spawn(move || {
            let text = Recovery::new(from, &dataset, now_unix())
                .and_then(|r| r.to_json())
                .map_err(|e| e.to_string())?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("{}: cannot make the folder: {e}", dir.display()))?;
            }
            crate::export::write_atomically(&path, text.as_bytes()).map_err(|e| e.to_string())
        }));
    }

    /// Restores the edits the recovery file kept, as unsaved edits to where they came from.
    pub(super) fn restore_recovered(&mut self) {
        let Some(offer) = self.recovery.offer.take() else {
            return;
        };
        self.set_dataset(offer.dataset);
        self.initiative = None;
        self.caption = None;
        self.files.imported = offer.from == RecoveredFrom::Imported;
        self.files.dataset_source = match offer.from {
            RecoveredFrom::File(path) => DatasetSource::File(path),
            RecoveredFrom::Bundled | RecoveredFrom::Imported => DatasetSource::Bundled,
            RecoveredFrom::Empty => DatasetSource::Empty,
        };
        self.authoring.mark_unsaved();
        self.recheck_all();
        self.authoring.on = true;
        self.retour();
    }

    /// Drops the edits the recovery file kept.
    pub(super) fn discard_recovered(&mut self) {
        self.recovery.offer = None;
        self.recovery.forget();
    }
}
