//! Exporting the tour from the window: a video (MP4 through ffmpeg, or GIF) or a PDF deck,
//! written on a thread of its own while the window stays live, with a progress bar and Cancel.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use egui::Ui;

use crate::data::Dataset;
use crate::export::{ExportError, Ticket, animation, deck, video};
use crate::geo::WorldData;
use crate::scene::Picture;
use crate::ui::command::Command;

/// A video's size: 720p plays everywhere and encodes at several frames a second on a CPU.
const VIDEO_PX: [u32; 2] = [1280, 720];
/// A deck page's size, in pixels at 96 per inch (a 16:9 slide).
const DECK_PX: [u32; 2] = [1600, 900];
/// How long a video holds each step.
const HOLD_SECS: f64 = 2.5;

/// What to make of the tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourFile {
    /// An animation: MP4 when the file name says so (and ffmpeg is on PATH), else GIF.
    Video,
    /// A PDF: a page per step, then the sources.
    Pdf,
}

impl TourFile {
    /// The file dialog's filters: (label, extensions). A video offers MP4 only with ffmpeg.
    pub fn filters(self) -> Vec<(&'static str, &'static [&'static str])> {
        match self {
            Self::Video if video::ffmpeg().is_some() => {
                vec![("MP4 video (H.264)", &["mp4"]), ("GIF animation", &["gif"])]
            }
            Self::Video => vec![("GIF animation (install ffmpeg for MP4)", &["gif"])],
            Self::Pdf => vec![("PDF", &["pdf"])],
        }
    }

    /// The name the dialog proposes.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Video if video::ffmpeg().is_some() => "microlateral-atlas-tour.mp4",
            Self::Video => "microlateral-atlas-tour.gif",
            Self::Pdf => "microlateral-atlas-tour.pdf",
        }
    }

    fn described(self) -> &'static str {
        match self {
            Self::Video => "the tour as a video",
            Self::Pdf => "the tour as a PDF deck",
        }
    }
}

/// An export running on its own thread.
struct Running {
    what: TourFile,
    path: PathBuf,
    ticket: Arc<Ticket>,
    handle: JoinHandle<Result<(), ExportError>>,
}

/// The window's tour export: at most one at a time.
#[derive(Default)]
pub struct TourExport {
    running: Option<Running>,
}

/// A finished export: the file, what it was, and how it went.
pub struct Finished {
    pub path: PathBuf,
    pub described: &'static str,
    pub result: Result<(), String>,
}

impl TourExport {
    /// Whether an export is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts writing `pictures` (the tour's steps) to `path` on a thread of its own. The world
    /// is shared and the initiatives copied, so the window can open other files meanwhile. Does nothing while another
    /// export runs; the menu is disabled then.
    pub fn start(
        &mut self,
        what: TourFile,
        path: PathBuf,
        data: Arc<WorldData>,
        dataset: Dataset,
        pictures: Vec<Picture>,
        ctx: &egui::Context,
    ) {
        if self.running.is_some() {
            return;
        }
        let ticket = Arc::new(Ticket::default());
        let shared = Arc::clone(&ticket);
        let target = path.clone();
        let ctx = ctx.clone();
        let handle = std::thread::spawn(move || {
            let result = write(what, &target, &data, &dataset, &pictures, &shared);
            // Wake the window so it reports at once.
            ctx.request_repaint();
            result
        });
        self.running = Some(Running {
            what,
            path,
            ticket,
            handle,
        });
    }

    /// Asks the running export to stop; it writes nothing.
    pub fn cancel(&self) {
        if let Some(running) = &self.running {
            running.ticket.cancel();
        }
    }

    /// The export that has finished since the last call, if any.
    pub fn poll(&mut self) -> Option<Finished> {
        if !self.running.as_ref()?.handle.is_finished() {
            return None;
        }
        let running = self.running.take()?;
        let result = match running.handle.join() {
            Ok(result) => result.map_err(|e| e.to_string()),
            Err(_) => Err("the export stopped unexpectedly".to_owned()),
        };
        Some(Finished {
            path: running.path,
            described: running.what.described(),
            result,
        })
    }

    /// The progress bar and Cancel, while an export runs.
    pub fn ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(running) = &self.running else {
            return;
        };
        ui.horizontal(|ui| {
            let fraction = running.ticket.fraction();
            let name = running
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(220.0)
                    .text(format!("Exporting {name}: {:.0} %", fraction * 100.0)),
            );
            let cancel = if running.ticket.is_cancelled() {
                "Cancelling…"
            } else {
                "Cancel export"
            };
            if ui.button(cancel).clicked() {
                commands.push(Command::CancelTourExport);
            }
        });
        // The bar moves while the thread works.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(200));
    }
}

/// Writes the tour as `what` to `path`: runs on the export's thread.
fn write(
    what: TourFile,
    path: &Path,
    data: &WorldData,
    dataset: &Dataset,
    pictures: &[Picture],
    ticket: &Ticket,
) -> Result<(), ExportError> {
    match what {
        TourFile::Pdf => {
            let pages: Vec<(String, Picture)> = pictures
                .iter()
                .enumerate()
                .map(|(k, p)| (format!("step-{:03}", k + 1), p.clone()))
                .collect();
            deck::write_pdf(data, dataset, &pages, DECK_PX, path, ticket).map(|_| ())
        }
        TourFile::Video => {
            let frames = animation::frames(data, dataset, pictures, VIDEO_PX, HOLD_SECS);
            let mp4 = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("mp4"));
            if !mp4 {
                return animation::write_gif(data, dataset, &frames, VIDEO_PX, path, ticket)
                    .map(|_| ());
            }
            let ffmpeg = video::ffmpeg().ok_or_else(|| {
                ExportError::Render(format!("no ffmpeg on PATH; {}", video::INSTALL_HINT))
            })?;
            video::write_mp4(data, dataset, &frames, VIDEO_PX, path, &ffmpeg, ticket).map(|_| ())
        }
    }
}
