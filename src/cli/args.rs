//! The command line as clap reads it. [`Config`](super::Config) turns it into something
//! checked before anything runs.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::export::{Format as ExportFormat, PictureFormat};

/// The step of a date sweep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SweepStep {
    #[default]
    Month,
    Year,
}

/// How `history` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    /// One readable line per effort.
    #[default]
    Text,
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// A desktop atlas of microlateral diplomacy.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A world GeoJSON (FeatureCollection of countries) to use instead of the bundled one.
    #[arg(long, global = true, value_name = "FILE.geojson")]
    pub world: Option<PathBuf>,
    /// The feature property holding each country's code (default: detected among ISO_A3,
    /// ADM0_A3, iso_a3, A3, id).
    #[arg(long, global = true, value_name = "NAME")]
    pub code_property: Option<String>,
    /// The feature property holding each country's name (default: detected among NAME, name,
    /// ADMIN).
    #[arg(long, global = true, value_name = "NAME")]
    pub name_property: Option<String>,
    /// An initiatives JSON file to open instead of the bundled one (see docs/data-format.md).
    #[arg(long, value_name = "FILE.json")]
    pub data: Option<PathBuf>,
}

/// Work that needs no window. Without one, the atlas opens.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check an initiatives file and print every problem with file:line:column and JSON path,
    /// or check a world GeoJSON file (told apart by its name or its content). Exits with 1 if
    /// there are errors.
    Validate {
        /// The initiatives JSON file, or a world .geojson file.
        file: PathBuf,
    },
    /// Print the efforts one country led, joined or backed.
    History {
        /// The country's ISO 3166-1 alpha-3 code, e.g. NOR.
        code: String,
        /// How to print it.
        #[arg(long, value_enum, default_value_t)]
        format: HistoryFormat,
        /// An initiatives file to use instead of the bundled one.
        #[arg(long, value_name = "FILE.json")]
        data: Option<PathBuf>,
        /// Write to this file instead of standard output. The file is replaced in one step, so
        /// an interrupted export leaves the old one as it was.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Export the initiative list, one row per effort: id, name, kind, category, status, start,
    /// end, lead states, participant count and outcome.
    ExportList {
        /// How to write it.
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
        /// An initiatives file to use instead of the bundled one.
        #[arg(long, value_name = "FILE.json")]
        data: Option<PathBuf>,
        /// Write to this file instead of standard output. The file is replaced in one step, so
        /// an interrupted export leaves the old one as it was.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print what changed in one initiative between two dates: who joined, who left, who stayed
    /// and who changed role, each with its date and source. Dates compare by day; a month or a
    /// year counts from its first day, and a change whose date is coarser than the interval is
    /// marked uncertain.
    Diff {
        /// The initiative, by id (e.g. christchurch-call).
        #[arg(long, value_name = "ID")]
        initiative: String,
        /// The first date (1993, 1993-09 or 1993-09-13).
        #[arg(long, value_name = "A")]
        from: String,
        /// The second date.
        #[arg(long, value_name = "B")]
        to: String,
        /// How to print it.
        #[arg(long, value_enum, default_value_t)]
        format: HistoryFormat,
        /// An initiatives file to use instead of the bundled one.
        #[arg(long, value_name = "FILE.json")]
        data: Option<PathBuf>,
        /// Write to this file instead of standard output. The file is replaced in one step.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Export every state's role in every initiative as a membership table (initiative,
    /// country, iso3, role, joined, left, source, note): with export-list, what `import` reads
    /// back.
    ExportMembers {
        /// How to write it.
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
        /// An initiatives file to use instead of the bundled one.
        #[arg(long, value_name = "FILE.json")]
        data: Option<PathBuf>,
        /// Write to this file instead of standard output, replaced in one step.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Turn a membership table from a spreadsheet (CSV, or a sheet of an .xlsx/.ods workbook)
    /// into an initiatives file: one row per initiative, country, role, joined, left, source
    /// and note. Columns are recognised from their headers; countries by name or ISO3 code.
    Import {
        /// The table: FILE.csv, FILE.xlsx or FILE.ods.
        file: PathBuf,
        /// The workbook sheet holding the memberships (default: the first whose headers name an
        /// initiative, a country and a role).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// A CSV of the initiatives themselves (id, name, kind, category, status, start, end,
        /// summary, outcome), as export-list writes it; a workbook's sheet with a category or
        /// status column is found without it.
        #[arg(long, value_name = "FILE.csv")]
        initiatives: Option<PathBuf>,
        /// How to read dates written 03/04/2020: day first or month first. Without it they are
        /// refused, since either reading is a guess.
        #[arg(long, value_enum, default_value_t)]
        date_order: crate::data::import::DateOrder,
        /// Read spreadsheet date cells as the days they show.
        #[arg(long)]
        date_cells: bool,
        /// The initiatives file to write.
        #[arg(long, value_name = "FILE.json")]
        out: PathBuf,
    },
    /// Draw the map to SVG and PNG files without a window: the overview, one initiative, one
    /// date, or every step of a tour (a slide deck), each with its legend and caption.
    Export(ExportArgs),
}

/// What `export` draws and writes.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The initiative to colour by role, by id (e.g. doha-agreement); without it, the
    /// overview.
    #[arg(long, value_name = "ID")]
    pub initiative: Option<String>,
    /// Show the world as of this date (1993, 1993-09 or 1993-09-13).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// One picture per tour step: every milestone, or the --initiative's, with captions.
    #[arg(long)]
    pub tour: bool,
    /// Compare two dates: colour the --initiative's states by whether they joined, left,
    /// stayed or changed role between A and B.
    #[arg(long, num_args = 2, value_names = ["A", "B"], requires = "initiative", conflicts_with_all = ["date", "tour"])]
    pub compare: Option<Vec<String>>,
    /// Write an animated GIF instead of pictures: of the tour (--tour, or the
    /// --initiative's milestones), or of a sweep of dates (--from, --to, --every).
    #[arg(long)]
    pub animate: bool,
    /// With --animate: how long each step or date is held, in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 2.5,
        requires = "animate"
    )]
    pub hold: f64,
    /// With --animate and --initiative: the first date of a sweep (1993, 1993-09 or
    /// 1993-09-13).
    #[arg(long, value_name = "DATE", requires_all = ["animate", "initiative", "to"])]
    pub from: Option<String>,
    /// The last date of a sweep.
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// The step of a sweep.
    #[arg(long, value_enum, default_value_t, requires = "from")]
    pub every: SweepStep,
    /// Which files to write.
    #[arg(long, value_enum, default_value_t)]
    pub format: PictureFormat,
    /// Picture width in pixels.
    #[arg(long, default_value_t = 1600)]
    pub width: u32,
    /// Picture height in pixels.
    #[arg(long, default_value_t = 900)]
    pub height: u32,
    /// An initiatives file to use instead of the bundled one.
    #[arg(long, value_name = "FILE.json")]
    pub data: Option<PathBuf>,
    /// The folder to write into (made if missing); each file is replaced in one step.
    #[arg(long, value_name = "DIR", default_value = "atlas-export")]
    pub out: PathBuf,
}
