//! The recovery file: unsaved edits written to the app's data folder a moment after they are
//! made, so that a crash or a kill loses at most the last second of work.
//!
//! It wraps the data as the initiatives file writer lays it out (see [`Dataset::to_json`]), with
//! where the data came from and when it was written. Reading it back keeps the data even where
//! the checks find errors: unsaved work is often half done, and its problems are listed again
//! once it is restored.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data::initiatives::{
    CountryCodes, Dataset, DatasetError, Loaded, MAX_INITIATIVES_FILE_BYTES,
};

/// The name of the recovery file in the app's data folder.
pub const RECOVERY_FILE: &str = "recovery.json";

const FORMAT: &str = "microlateral-atlas/recovery";
const VERSION: u64 = 1;

/// The largest recovery file read: the largest initiatives file, with room for the escapes it
/// gains as a JSON string.
pub const MAX_RECOVERY_FILE_BYTES: u64 = 2 * MAX_INITIATIVES_FILE_BYTES + 64 * 1024;

/// Where the unsaved data came from, so that restoring it also restores where *Save* writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveredFrom {
    /// An initiatives file.
    File(PathBuf),
    /// The bundled data, which is never written: its first save asks where.
    Bundled,
    /// An imported table that was not yet saved.
    Imported,
    /// No initiatives at first.
    Empty,
}

impl RecoveredFrom {
    /// How a person names it: "initiatives.json", "the bundled data".
    pub fn describe(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Bundled => "the bundled data".to_owned(),
            Self::Imported => "an imported table".to_owned(),
            Self::Empty => "a new file".to_owned(),
        }
    }
}

/// A recovery file's contents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    format: String,
    version: u64,
    pub from: RecoveredFrom,
    /// When it was written, in seconds since 1970 (UTC).
    pub written_unix: u64,
    /// The data, as an initiatives file.
    initiatives: String,
}

/// Why a recovery file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error("{path}: cannot read the recovery file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the recovery file is over {max} bytes; it is not read")]
    TooLarge { path: String, max: u64 },
    #[error(
        "{path}, line {line}, column {column}: not a recovery file: {message} (expected an \
         object with \"format\": \"{FORMAT}\", \"from\", \"written_unix\" and \"initiatives\")"
    )]
    Malformed {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: field \"format\": found {found:?} version {version}, expected \"{FORMAT}\" version {VERSION}"
    )]
    Format {
        path: String,
        found: String,
        version: u64,
    },
    #[error("the data cannot be written as JSON: {0}")]
    Serialise(#[from] serde_json::Error),
}

impl Recovery {
    /// The recovery of `dataset`, which came from `from`, written at `written_unix`.
    pub fn new(
        from: RecoveredFrom,
        dataset: &Dataset,
        written_unix: u64,
    ) -> Result<Self, RecoveryError> {
        Ok(Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            from,
            written_unix,
            initiatives: dataset.to_json()?,
        })
    }

    /// The file's text.
    pub fn to_json(&self) -> Result<String, RecoveryError> {
        Ok(serde_json::to_string(self)?)
    }

    /// Reads a recovery file, refusing one over [`MAX_RECOVERY_FILE_BYTES`] before it is all
    /// read.
    pub fn read(path: &Path) -> Result<Self, RecoveryError> {
        let shown = path.display().to_string();
        let io = |source| RecoveryError::Io {
            path: shown.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let mut bytes = Vec::new();
        file.take(MAX_RECOVERY_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_RECOVERY_FILE_BYTES {
            return Err(RecoveryError::TooLarge {
                path: shown,
                max: MAX_RECOVERY_FILE_BYTES,
            });
        }
        Self::from_json(&shown, &bytes)
    }

    /// Reads a recovery file's bytes; `path` is only used in messages.
    pub fn from_json(path: &str, bytes: &[u8]) -> Result<Self, RecoveryError> {
        let recovery: Self =
            serde_json::from_slice(bytes).map_err(|e| RecoveryError::Malformed {
                path: path.to_owned(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        if recovery.format != FORMAT || recovery.version != VERSION {
            return Err(RecoveryError::Format {
                path: path.to_owned(),
                found: recovery.format,
                version: recovery.version,
            });
        }
        Ok(recovery)
    }

    /// The data it holds, with what the checks find in it (errors included: see the module
    /// comment). Fails only if the data cannot be read at all.
    pub fn dataset(&self, path: &str, codes: &impl CountryCodes) -> Result<Loaded, DatasetError> {
        Dataset::from_json_unchecked(path, self.initiatives.as_bytes(), codes)
    }
}
