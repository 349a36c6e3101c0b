//! What the user asked for. Every panel pushes commands into one queue while it draws, and
//! `AtlasApp::apply` carries them out after the frame's panels have drawn: the one place where
//! the app's state changes, and the one list of everything a user can do.

use std::path::PathBuf;
use std::sync::Arc;

pub use crate::scene::presenter::PresenterKey;
pub use crate::ui::tour_export::TourFile;

use crate::data::date::iso_date;
use crate::data::edit::Edit;
use crate::export::Format;
use crate::loader::Outcome;
use crate::scene::TourChoice;
use crate::scene::filters::Filters;

/// A table the window can export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Export {
    /// One country's history, by its code.
    History(String),
    /// Every initiative in the dataset, one row each.
    List,
    /// What changed in one initiative (by id) between two days.
    Changes {
        initiative: String,
        from: i64,
        to: i64,
    },
}

impl Export {
    /// The name the save dialog suggests.
    pub fn file_name(&self, format: Format) -> String {
        match self {
            Self::History(code) => format!("{code}-history.{}", format.extension()),
            Self::List => format!("initiatives.{}", format.extension()),
            Self::Changes {
                initiative,
                from,
                to,
            } => format!(
                "{initiative}-changes-{}-{}.{}",
                iso_date(*from),
                iso_date(*to),
                format.extension()
            ),
        }
    }

    /// How the report names what was saved.
    pub fn described(&self) -> String {
        match self {
            Self::History(code) => format!("the history of {code}"),
            Self::List => "the initiative list".to_owned(),
            Self::Changes { initiative, .. } => format!("the changes in {initiative}"),
        }
    }
}

/// What to do with unsaved edits before something would drop them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save them, then go on.
    Save,
    /// Drop them and go on.
    Discard,
    /// Do nothing.
    Cancel,
}

/// A load that finished in the background, carried to `apply` like anything the user asked for,
/// so a load changes the state in the same one place. Compared by identity: a load equals only
/// itself (the world in it is too big to compare).
#[derive(Clone)]
pub struct Loaded(Arc<Outcome>);

impl Loaded {
    pub fn new(outcome: Outcome) -> Self {
        Self(Arc::new(outcome))
    }

    /// The outcome, without a copy unless the command was cloned.
    pub fn into_outcome(self) -> Outcome {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Loaded({})", self.0.path().display())
    }
}

/// Something the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // The camera.
    ZoomIn,
    ZoomOut,
    FitWorld,

    // What is selected and shown.
    SelectInitiative(Option<usize>),
    SelectCountry(Option<usize>),
    /// Selects a country picked by name (search) and flies the map to it.
    ShowCountry(usize),
    /// Moves the date cursor (a day number), or clears it.
    SetCursor(Option<i64>),
    /// Selects a milestone's initiative and shows its caption.
    ShowMilestone {
        initiative: usize,
        milestone: usize,
    },
    CloseCaption,
    /// Draws the states that had left the selected effort as former members, or hides them.
    ShowFormerMembers(bool),
    /// Compares the selected effort's members at two days, or leaves Compare mode.
    SetCompare(Option<(i64, i64)>),
    SetBasemap(bool),
    /// Shows the timeline panel, or collapses it to a button.
    SetTimelineOpen(bool),
    /// Narrows the initiative list (and with it the timeline, the tours and the arrow keys).
    SetFilters(Filters),

    // Files.
    /// Asks which file to open, then opens it.
    AskOpen,
    /// Opens a world GeoJSON or an initiatives file in the background.
    Open(PathBuf),
    /// A file opened, reloaded or watched has finished loading: it is swapped in, or its
    /// problems are reported and the data on screen stays.
    Loaded(Loaded),
    /// Asks where to save a table, then writes it.
    Export(Export, Format),
    /// Asks where to save the map as shown, pixel for pixel.
    SaveView,
    /// Asks where to save the map redrawn at this many times its pixels.
    SaveScaledView(u32),
    /// Asks where to save the tour as a video or a PDF deck, then writes it in the background.
    ExportTour(TourFile),
    /// Stops the tour export that is running; it writes nothing.
    CancelTourExport,
    /// Asks which table to import, then opens it in the import preview.
    AskImportTable,
    /// Opens a membership table (CSV, Excel, OpenDocument) in the import preview.
    ImportTable(PathBuf),
    /// Sets what a column of the previewed table holds (`None`: not used).
    ImportColumn(usize, Option<crate::data::import::Field>),
    /// How the previewed table's slashed dates are read.
    ImportDateOrder(crate::data::import::DateOrder),
    /// Whether the previewed table's date cells are read as days.
    ImportDateCells(bool),
    /// Imports the previewed table: it replaces the initiatives if it passes the checks.
    ImportApply,
    ImportCancel,
    /// Asks where to save the imported initiatives (with the edits made since) as JSON, then
    /// writes them.
    SaveImported,
    DismissReport,

    // Authoring.
    /// Turns edit mode on or off: the card and the country panel become forms.
    SetEditing(bool),
    /// Makes one change to the data: a step of the edit history.
    Edit(Edit),
    Undo,
    Redo,
    /// Saves the data to its file, or asks where when it has none of its own (the bundled data,
    /// an imported table).
    Save,
    /// Asks where to save the data, then writes it there.
    SaveAs,
    /// Answers the question asked before unsaved edits would be lost.
    Unsaved(UnsavedChoice),
    /// Takes the version of the data file that changed on disk, dropping the unsaved edits.
    TakeDiskVersion,
    /// Keeps the unsaved edits over the version that changed on disk; the next save writes them.
    KeepMyEdits,
    /// Restores the unsaved edits a crash left in the recovery file.
    RestoreRecovered,
    /// Drops the unsaved edits a crash left in the recovery file.
    DiscardRecovered,
    /// The keyboard focus moved to another widget (or none): what was typed into the last one
    /// becomes one step of the edit history.
    FocusMoved(Option<egui::Id>),
    /// The window is asked to close: with unsaved edits, it asks first.
    CloseRequested,

    // Presenting.
    ChooseTour(TourChoice),
    StartPresenting,
    StopPresenting,
    /// A presenter key, from the keyboard or a button.
    Present(PresenterKey),
    ToggleAutoplay,
    SetAutoplayInterval(f64),
    /// Autoplay's clock at this time (egui's, in seconds): the next step, if its time has come.
    AutoplayTick(f64),
    ToggleFullscreen,
}
