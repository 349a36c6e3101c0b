//! Files the atlas writes: tables (`table`) and pictures (`picture`), each written so that an
//! interrupted export never leaves a half-written file over a good one.

pub mod animation;
pub mod deck;
pub mod picture;
pub mod table;
pub mod video;

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use picture::{PictureFormat, png, svg, write_pictures};
pub use table::{HISTORY_COLUMNS, LIST_COLUMNS, history, initiative_list};

/// The formats an export can be written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row (RFC 4180 quoting).
    #[default]
    Csv,
    /// A JSON array of objects with the CSV's columns as keys.
    Json,
}

impl Format {
    /// The file name extension for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    /// The format's name in a file dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV (comma-separated values)",
            Self::Json => "JSON",
        }
    }
}

/// Why an export could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: cannot write the export: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the export as JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot draw the picture: {0}")]
    Render(String),
    #[error("the export was cancelled; no file was written")]
    Cancelled,
}

/// How far a long export (an animation, a deck) has got, and whether its user asked it to stop.
/// Shared between the thread that exports and the window that shows the bar and the Cancel
/// button; an export without a window passes a fresh one.
#[derive(Debug, Default)]
pub struct Ticket {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Ticket {
    /// Asks the export to stop at its next frame or page. It then writes nothing.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The share done, 0 to 1; 0 before the export knows how much there is.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0)
    }

    /// Says how many steps the export has, and that none is done.
    pub(crate) fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more step done; an error when the user has cancelled, so the caller stops there.
    pub(crate) fn advance(&self) -> Result<(), ExportError> {
        if self.is_cancelled() {
            return Err(ExportError::Cancelled);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Makes the folder a file is written into, and its parents, if they are missing.
pub fn create_parent(path: &Path) -> Result<(), ExportError> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
                path: dir.to_owned(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// `text` (made from ids and dates) as a file name's stem in one folder: a character that a path
/// or a file system reads specially (`/` of a date range, a backslash, `:`, `*`, `?`, quotes, `<`, `>`,
/// `|`, control characters) becomes `_`, and a stem of dots only becomes `_` too.
pub fn file_stem(text: &str) -> String {
    let stem: String = text
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if stem.chars().all(|c| c == '.') {
        "_".to_owned()
    } else {
        stem
    }
}

/// Writes `bytes` to `path` so that the file is either the old one or the whole new one, never
/// a mix: see [`write_atomically_with`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// Writes a file through `write`, into a temporary file in the same directory, flushes it to
/// disk, then renames it over `path`.
///
/// A rename within one directory replaces the target in one step, so a crash, a full disk or
/// an error from `write` leaves the old file as it was. The temporary file is in the same
/// directory because a rename across file systems is a copy, which is not atomic. On an error
/// the temporary file is removed.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), ExportError> {
    let io_error = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        io_error(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ))
    })?;
    // A new file of a name no other export has (tempfile makes it with O_EXCL); dropped
    // unrenamed, on an error or a panic, it is removed.
    let result = (|| {
        let mut temporary = tempfile::Builder::new()
            .prefix(&format!(".{}.", file_name.to_string_lossy()))
            .suffix(".tmp")
            .tempfile_in(directory)?;
        write(temporary.as_file_mut())?;
        temporary.as_file().sync_all()?;
        temporary.persist(path).map_err(|e| e.error)?;
        // Make the rename itself durable. Not every platform can open a directory for this, so
        // a failure here is not an error: the file is already complete under its name.
        if let Ok(dir) = File::open(directory) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    result.map_err(io_error)
}
