//! The `microlateral-atlas` command: opens the atlas window, or with a subcommand checks a
//! dataset, prints a country's history or exports the initiative list without opening one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use microlateral_atlas::app::{BUNDLED_WORLD, BUNDLED_WORLD_NAME};
use microlateral_atlas::cli::{self, HistoryFormat};
use microlateral_atlas::data::{World, WorldOptions};
use microlateral_atlas::export::Format as ExportFormat;
use microlateral_atlas::loader::{DatasetSource, FileKind};
use microlateral_atlas::{AtlasApp, WorldData};

/// A desktop atlas of microlateral diplomacy.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A world GeoJSON (FeatureCollection of countries) to use instead of the bundled one.
    #[arg(long, global = true, value_name = "FILE.geojson")]
    world: Option<PathBuf>,
    /// The feature property holding each country's code (default: detected among ISO_A3,
    /// ADM0_A3, iso_a3, A3, id).
    #[arg(long, global = true, value_name = "NAME")]
    code_property: Option<String>,
    /// The feature property holding each country's name (default: detected among NAME, name,
    /// ADMIN).
    #[arg(long, global = true, value_name = "NAME")]
    name_property: Option<String>,
    /// An initiatives JSON file to open instead of the bundled one (see docs/data-format.md).
    #[arg(long, value_name = "FILE.json")]
    data: Option<PathBuf>,
}

/// Work that needs no window. Without one, the atlas opens.
#[derive(Debug, Subcommand)]
enum Command {
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
    /// Draw the map to SVG and PNG files without a window: the overview, one initiative, one
    /// date, or every step of a tour (a slide deck), each with its legend and caption.
    Export {
        /// The initiative to colour by role, by id (e.g. doha-agreement); without it, the
        /// overview.
        #[arg(long, value_name = "ID")]
        initiative: Option<String>,
        /// Show the world as of this date (1993, 1993-09 or 1993-09-13).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// One picture per tour step: every milestone, or the --initiative's, with captions.
        #[arg(long)]
        tour: bool,
        /// Which files to write.
        #[arg(long, value_enum, default_value_t)]
        format: microlateral_atlas::render::PictureFormat,
        /// Picture width in pixels.
        #[arg(long, default_value_t = 1600)]
        width: u32,
        /// Picture height in pixels.
        #[arg(long, default_value_t = 900)]
        height: u32,
        /// An initiatives file to use instead of the bundled one.
        #[arg(long, value_name = "FILE.json")]
        data: Option<PathBuf>,
        /// The folder to write into (made if missing); each file is replaced in one step.
        #[arg(long, value_name = "DIR", default_value = "atlas-export")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("microlateral-atlas: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let options = WorldOptions {
        code_property: cli.code_property,
        name_property: cli.name_property,
    };
    if let Some(command) = cli.command {
        // The text commands need the country codes only, not the meshes the window draws.
        let world = || -> anyhow::Result<World> {
            Ok(match &cli.world {
                Some(path) => World::load(path, &options)?,
                None => World::from_bytes(Path::new(BUNDLED_WORLD_NAME), BUNDLED_WORLD, &options)?,
            })
        };
        let mut out = std::io::stdout().lock();
        let mut err = std::io::stderr().lock();
        return match command {
            Command::Validate { file } => match FileKind::of(&file) {
                FileKind::World => cli::validate_world(&file, &options, &mut out),
                FileKind::Initiatives => cli::validate(&file, &world()?, &mut out),
            },
            Command::History {
                code,
                format,
                data,
                out: out_file,
            } => cli::history(
                &code,
                format,
                data.as_deref(),
                out_file.as_deref(),
                &world()?,
                &mut out,
                &mut err,
            ),
            Command::ExportList {
                format,
                data,
                out: out_file,
            } => cli::export_list(
                format,
                data.as_deref(),
                out_file.as_deref(),
                &world()?,
                &mut out,
                &mut err,
            ),
            Command::Export {
                initiative,
                date,
                tour,
                format,
                width,
                height,
                data,
                out: dir,
            } => {
                let world = match &cli.world {
                    Some(path) => WorldData::load(path, &options)?,
                    None => WorldData::bundled()?,
                };
                let request = cli::PictureRequest {
                    initiative,
                    date,
                    tour,
                    size: [width.clamp(64, 8192), height.clamp(64, 8192)],
                    format,
                };
                cli::export_pictures(&request, data.as_deref(), &world, &dir, &mut out, &mut err)
            }
        };
    }
    let data = match &cli.world {
        Some(path) => WorldData::load(path, &options)?,
        None => WorldData::bundled()?,
    };
    let (dataset, source) = match &cli.data {
        // The analyst asked for this file: any error in it stops here, with every problem listed.
        Some(path) => {
            let loaded = microlateral_atlas::data::Dataset::load(path, &data.world)?;
            for warning in &loaded.warnings {
                eprintln!("{warning}");
            }
            (loaded.dataset, DatasetSource::File(path.clone()))
        }
        None => match microlateral_atlas::app::bundled_dataset(&data.world) {
            Ok(dataset) => (dataset, DatasetSource::Bundled),
            // Another world file may lack codes the bundled initiatives use: the map still opens.
            Err(err) if cli.world.is_some() => {
                eprintln!(
                    "microlateral-atlas: the bundled initiatives do not fit this world file; \
                     opening the map without them:\n{err}"
                );
                (
                    microlateral_atlas::data::Dataset::default(),
                    DatasetSource::Empty,
                )
            }
            Err(err) => return Err(err.into()),
        },
    };
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Microlateral Atlas")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "microlateral-atlas",
        native_options,
        Box::new(move |cc| {
            let mut app = AtlasApp::new(data, dataset).restore(cc.storage);
            app.opened_from(cli.world.map(|p| (p, options)), source, &cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
    .context("could not open the window")?;
    Ok(ExitCode::SUCCESS)
}
