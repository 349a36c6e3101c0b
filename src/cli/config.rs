//! The command line checked in one step, as ripgrep turns its low-level arguments into
//! high-level ones: files are loaded, ids resolved, dates parsed and sizes bounded before anything
//! runs, so what runs has nothing left to refuse.

use std::path::{Path, PathBuf};

use crate::cli::args::{Args, Command, ExportArgs, HistoryFormat, SweepStep};
use crate::data::date::{day_from_ymd, iso_date, ymd_from_day};
use crate::data::{Country, Dataset, DatasetError, DateError, FuzzyDate, bundled};
use crate::data::{NoProgress, World, WorldError, WorldOptions};
use crate::export::{Format, PictureFormat, file_stem};
use crate::geo::WorldData;
use crate::loader::{self, DatasetSource, FileKind};
use crate::scene::{Picture, build_tour};

/// The smallest and largest picture `export` draws, in pixels on each side.
const PICTURE_SIDE_PX: (u32, u32) = (64, 8192);

/// Why the command line cannot be carried out. Each says what to change.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    World(#[from] WorldError),
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    #[error(
        "unknown country code \"{code}\"; expected an ISO 3166-1 alpha-3 code of the world map{hint}"
    )]
    UnknownCountry { code: String, hint: String },
    #[error("no initiative \"{id}\" in {source_name}; the ids are: {ids}")]
    UnknownInitiative {
        id: String,
        source_name: String,
        ids: String,
    },
    #[error(transparent)]
    Import(#[from] crate::data::import::ImportError),
    #[error("--date {text}: {error}")]
    Date { text: String, error: DateError },
    #[error(
        "--animate writes a GIF or an MP4, not {format}; expected --format gif or --format mp4"
    )]
    StillFormatAnimated { format: String },
}

/// What to do, with everything it needs already loaded and checked.
pub struct Config {
    pub job: Job,
    /// Problems that did not stop anything (a data file's warnings), printed before the job runs.
    pub warnings: Vec<String>,
}

/// The data the window opens on, and where it came from, so it can be watched and reloaded.
pub struct WindowData {
    pub data: WorldData,
    pub dataset: Dataset,
    /// The world file given with `--world`, and how its codes and names are read.
    pub world_file: Option<(PathBuf, WorldOptions)>,
    pub source: DatasetSource,
    /// What the window's report shows at start: a file given with `--world` or `--data` that
    /// could not be opened (the window then shows the bundled data instead), or the repairs of
    /// one that was. `true` when the file was refused.
    pub report: Option<(PathBuf, Vec<String>, bool)>,
}

/// One run of the program.
pub enum Job {
    Window(Box<WindowData>),
    ValidateWorld {
        file: PathBuf,
        options: WorldOptions,
    },
    ValidateInitiatives {
        file: PathBuf,
        world: World,
    },
    History {
        country: Country,
        format: HistoryFormat,
        dataset: Dataset,
        source_name: String,
        out: Option<PathBuf>,
    },
    ExportList {
        format: Format,
        dataset: Dataset,
        out: Option<PathBuf>,
    },
    Diff {
        world: World,
        dataset: Dataset,
        /// The initiative's index in `dataset`.
        initiative: usize,
        /// The two dates, as day numbers, the earlier first.
        days: (i64, i64),
        format: HistoryFormat,
        out: Option<PathBuf>,
    },
    Animation {
        world: Box<WorldData>,
        dataset: Dataset,
        /// The key pictures, each held in turn.
        keys: Vec<Picture>,
        size: [u32; 2],
        hold_secs: f64,
        /// The GIF to write, or with `mp4` the video's path but for its extension.
        path: PathBuf,
        /// Whether an MP4 was asked for; without ffmpeg the GIF is written instead.
        mp4: bool,
    },
    /// Every role as a membership table.
    ExportMembers {
        world: World,
        dataset: Dataset,
        format: Format,
        out: Option<PathBuf>,
    },
    /// A spreadsheet table turned into an initiatives file.
    Import {
        import: Box<crate::data::import::Import>,
        world: World,
        out: PathBuf,
    },
    /// A PDF deck: a page per picture, then the sources pages.
    Deck {
        world: Box<WorldData>,
        dataset: Dataset,
        pictures: Vec<(String, Picture)>,
        size: [u32; 2],
        path: PathBuf,
    },
    Pictures {
        world: Box<WorldData>,
        dataset: Dataset,
        /// Each picture with the file stem it is written under.
        pictures: Vec<(String, Picture)>,
        size: [u32; 2],
        format: PictureFormat,
        dir: PathBuf,
    },
}

impl Config {
    /// Checks the command line and loads what it names.
    pub fn new(args: Args) -> Result<Self, ConfigError> {
        let options = WorldOptions {
            code_property: args.code_property,
            name_property: args.name_property,
        };
        let world_path = args.world;
        // The text commands need the country codes only, not the meshes the window draws.
        let world = || bundled::world(world_path.as_deref(), &options, &NoProgress);
        let mut warnings = Vec::new();
        let job = match args.command {
            None => Job::Window(Box::new(window(
                world_path.clone(),
                args.data,
                options.clone(),
                &mut warnings,
            )?)),
            Some(Command::Validate { file }) => match FileKind::of(&file) {
                FileKind::World => Job::ValidateWorld {
                    file,
                    options: options.clone(),
                },
                FileKind::Initiatives => Job::ValidateInitiatives {
                    file,
                    world: world()?,
                },
            },
            Some(Command::History {
                code,
                format,
                data,
                out,
            }) => {
                let world = world()?;
                let country = country(&world, &code)?.clone();
                let (loaded, source_name) = bundled::initiatives(data.as_deref(), &world)?;
                warnings.extend(loaded.warnings.iter().map(ToString::to_string));
                Job::History {
                    country,
                    format,
                    dataset: loaded.dataset,
                    source_name,
                    out,
                }
            }
            Some(Command::ExportList { format, data, out }) => {
                let (loaded, _) = bundled::initiatives(data.as_deref(), &world()?)?;
                warnings.extend(loaded.warnings.iter().map(ToString::to_string));
                Job::ExportList {
                    format,
                    dataset: loaded.dataset,
                    out,
                }
            }
            Some(Command::ExportMembers { format, data, out }) => {
                let world = world()?;
                let (loaded, _) = bundled::initiatives(data.as_deref(), &world)?;
                warnings.extend(loaded.warnings.iter().map(ToString::to_string));
                Job::ExportMembers {
                    world,
                    dataset: loaded.dataset,
                    format,
                    out,
                }
            }
            Some(Command::Import {
                file,
                sheet,
                initiatives,
                date_order,
                date_cells,
                out,
            }) => import_job(
                (&file, sheet.as_deref(), initiatives.as_deref()),
                crate::data::import::DateRules {
                    order: date_order,
                    date_cells,
                },
                world()?,
                out,
            )?,
            Some(Command::Diff {
                initiative,
                from,
                to,
                format,
                data,
                out,
            }) => {
                let world = world()?;
                let days = (compare_day(&from)?, compare_day(&to)?);
                diff_job(world, &initiative, days, format, data, out, &mut warnings)?
            }
            Some(Command::Export(export)) => {
                export_job(export, world_path.as_deref(), &options, &mut warnings)?
            }
        };
        Ok(Self { job, warnings })
    }
}

/// The `export` job: pictures, or with `--animate` a GIF, with the dataset loaded and every date
/// and id checked.
fn export_job(
    args: ExportArgs,
    world_path: Option<&Path>,
    options: &WorldOptions,
    warnings: &mut Vec<String>,
) -> Result<Job, ConfigError> {
    let ExportArgs {
        initiative,
        date,
        tour,
        compare,
        animate,
        hold,
        from,
        to,
        every,
        format,
        width,
        height,
        data,
        out,
    } = args;
    let world = WorldData::load(world_path, options, &NoProgress)?;
    let (loaded, source_name) = bundled::initiatives(data.as_deref(), &world.world)?;
    warnings.extend(loaded.warnings.iter().map(ToString::to_string));
    let (min, max) = PICTURE_SIDE_PX;
    let size = [width.clamp(min, max), height.clamp(min, max)];
    let sweep = from.zip(to);
    let animate = animate || format.is_animation();
    if animate && !matches!(format, PictureFormat::Both) && !format.is_animation() {
        return Err(ConfigError::StillFormatAnimated {
            format: format!("{format:?}").to_lowercase(),
        });
    }
    let request = PictureRequest {
        // An animation of one initiative without a sweep is its milestones' tour.
        tour: tour || (animate && sweep.is_none()),
        initiative,
        date,
        compare,
    };
    if animate {
        let (stem, keys) = request.animation(&loaded.dataset, &source_name, sweep, every)?;
        return Ok(Job::Animation {
            world: Box::new(world),
            dataset: loaded.dataset,
            keys,
            size,
            hold_secs: hold.clamp(0.1, 60.0),
            path: out.join(format!("{}.gif", file_stem(&stem))),
            mp4: format == PictureFormat::Mp4,
        });
    }
    let pictures = request.pictures(&loaded.dataset, &source_name)?;
    if format == PictureFormat::Pdf {
        let stem = match (&request.initiative, request.tour) {
            (_, false) => pictures
                .first()
                .map_or_else(|| "overview".to_owned(), |(stem, _)| stem.clone()),
            (Some(id), true) => format!("{id}-tour"),
            (None, true) => "tour".to_owned(),
        };
        return Ok(Job::Deck {
            world: Box::new(world),
            dataset: loaded.dataset,
            pictures,
            size,
            path: out.join(format!("{}.pdf", file_stem(&stem))),
        });
    }
    Ok(Job::Pictures {
        world: Box::new(world),
        dataset: loaded.dataset,
        pictures,
        size,
        format,
        dir: out,
    })
}

/// The `import` job: the table opened and its columns recognised, with the initiatives table
/// when one is given apart.
fn import_job(
    (file, sheet, initiatives): (&Path, Option<&str>, Option<&Path>),
    dates: crate::data::import::DateRules,
    world: World,
    out: PathBuf,
) -> Result<Job, ConfigError> {
    let mut import = crate::data::import::Import::open(file, sheet)?;
    if let Some(path) = initiatives {
        import = import.with_initiatives_file(path)?;
    }
    import.dates = dates;
    Ok(Job::Import {
        import: Box::new(import),
        world,
        out,
    })
}

/// The `diff` job: the initiative resolved in the initiatives file (or the bundled one).
fn diff_job(
    world: World,
    id: &str,
    days: (i64, i64),
    format: HistoryFormat,
    data: Option<PathBuf>,
    out: Option<PathBuf>,
    warnings: &mut Vec<String>,
) -> Result<Job, ConfigError> {
    let (loaded, source_name) = bundled::initiatives(data.as_deref(), &world)?;
    warnings.extend(loaded.warnings.iter().map(ToString::to_string));
    let initiative = initiative_index(&loaded.dataset, id, &source_name)?;
    let (a, b) = days;
    Ok(Job::Diff {
        world,
        dataset: loaded.dataset,
        initiative,
        days: (a.min(b), a.max(b)),
        format,
        out,
    })
}

/// The data the window opens on. The analyst's `--data` file must load without errors; the
/// bundled initiatives may not fit a `--world` map, and then the map opens without them.
fn window(
    world_path: Option<PathBuf>,
    data: Option<PathBuf>,
    options: WorldOptions,
    warnings: &mut Vec<String>,
) -> Result<WindowData, ConfigError> {
    // A file given at start that cannot be opened is reported in the window, over the bundled
    // data, as File -> Open does: the user sees the map and what to fix, not a dead terminal.
    let mut report = None;
    // The same reading as File → Open (`loader::read_world`, `loader::read_initiatives`); what
    // differs is what a refused file leaves: at start nothing is on screen yet, so the bundled
    // data.
    let (world, world_path) = match world_path {
        // The bundled map, read with the keys given (`--code-property` without `--world`).
        None => (WorldData::load(None, &options, &NoProgress)?, None),
        Some(path) => match loader::read_world(&path, &options, &NoProgress) {
            Ok(world) => {
                if !world.world.warnings().is_empty() {
                    report = Some((path.clone(), world.world.warnings().to_vec(), false));
                }
                (world, Some(path))
            }
            Err(lines) => {
                report = Some((path, lines, true));
                (WorldData::bundled()?, None)
            }
        },
    };
    let (dataset, source) = match data {
        Some(path) => match loader::read_initiatives(&path, &world.world) {
            Ok(loaded) => {
                let lines: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
                warnings.extend(lines.iter().cloned());
                // As when the file is opened in the window; a world map's report comes first.
                if report.is_none() && !lines.is_empty() {
                    report = Some((path.clone(), lines, false));
                }
                (loaded.dataset, DatasetSource::File(path))
            }
            Err(lines) => {
                report = Some((path, lines, true));
                (bundled::dataset(&world.world)?, DatasetSource::Bundled)
            }
        },
        None => (bundled::dataset(&world.world)?, DatasetSource::Bundled),
    };
    Ok(WindowData {
        data: world,
        dataset,
        world_file: world_path.map(|path| (path, options)),
        source,
        report,
    })
}

/// The country with `code`, or an error naming the closest codes the map has.
fn country<'w>(world: &'w World, code: &str) -> Result<&'w Country, ConfigError> {
    world.by_code(code).ok_or_else(|| {
        let codes: Vec<&str> = world.countries().iter().map(|c| c.code.as_str()).collect();
        let near = crate::data::suggest::closest(code, codes);
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", near.join(", "))
        };
        ConfigError::UnknownCountry {
            code: code.to_owned(),
            hint,
        }
    })
}

/// The initiative with `id`, or an error listing the ids there are.
fn initiative_index(dataset: &Dataset, id: &str, source_name: &str) -> Result<usize, ConfigError> {
    dataset.index_of(id).ok_or_else(|| {
        let ids: Vec<&str> = dataset.initiatives.iter().map(|i| i.id.as_str()).collect();
        ConfigError::UnknownInitiative {
            id: id.to_owned(),
            source_name: source_name.to_owned(),
            ids: ids.join(", "),
        }
    })
}

/// The days of a sweep from `first` to `last`: the first day of each month (or year) from
/// `first`'s, and `last` itself when it falls between.
fn sweep_days(first: i64, last: i64, every: SweepStep) -> Vec<i64> {
    let (mut year, mut month, _) = ymd_from_day(first);
    let mut days = vec![first];
    loop {
        match every {
            SweepStep::Month if month == 12 => (year, month) = (year + 1, 1),
            SweepStep::Month => month += 1,
            SweepStep::Year => (year, month) = (year + 1, 1),
        }
        let day = day_from_ymd(year, month, 1);
        if day > last {
            break;
        }
        days.push(day);
    }
    if days.last() != Some(&last) && last > first && every == SweepStep::Year {
        days.push(last);
    }
    days
}

/// A date to compare at, as a day number: a month or a year counts from its first day.
fn compare_day(text: &str) -> Result<i64, ConfigError> {
    FuzzyDate::parse(text)
        .map(|date| date.start_day())
        .map_err(|error| ConfigError::Date {
            text: text.to_owned(),
            error,
        })
}

/// What `export` was asked to draw, as typed.
struct PictureRequest {
    initiative: Option<String>,
    date: Option<String>,
    tour: bool,
    /// Two dates to compare, as typed.
    compare: Option<Vec<String>>,
}

impl PictureRequest {
    /// The key pictures of an animation, with the file stem it is written under: a sweep of
    /// the initiative's membership from one date to another, or else the tour.
    fn animation(
        &self,
        dataset: &Dataset,
        source_name: &str,
        sweep: Option<(String, String)>,
        every: SweepStep,
    ) -> Result<(String, Vec<Picture>), ConfigError> {
        let Some((from, to)) = sweep else {
            let keys: Vec<Picture> = self
                .pictures(dataset, source_name)?
                .into_iter()
                .map(|(_, picture)| picture)
                .collect();
            let stem = self
                .initiative
                .as_ref()
                .map_or_else(|| "tour".to_owned(), |id| format!("{id}-tour"));
            return Ok((stem, keys));
        };
        let id = self.initiative.clone().unwrap_or_default();
        let initiative = Some(initiative_index(dataset, &id, source_name)?);
        let (first, last) = (compare_day(&from)?, compare_day(&to)?);
        let keys = sweep_days(first.min(last), first.max(last), every)
            .into_iter()
            .map(|day| Picture {
                initiative,
                as_of: Some(day),
                ..Picture::default()
            })
            .collect();
        let step = match every {
            SweepStep::Month => "monthly",
            SweepStep::Year => "yearly",
        };
        Ok((format!("{id}-{from}-{to}-{step}"), keys))
    }

    /// The pictures to draw, each with its file stem: one, or one per tour step (every
    /// milestone, or the initiative's).
    fn pictures(
        &self,
        dataset: &Dataset,
        source_name: &str,
    ) -> Result<Vec<(String, Picture)>, ConfigError> {
        let initiative = match &self.initiative {
            Some(id) => Some(initiative_index(dataset, id, source_name)?),
            None => None,
        };
        let compare = match self.compare.as_deref() {
            Some([a, b]) => {
                let (a, b) = (compare_day(a)?, compare_day(b)?);
                Some((a.min(b), a.max(b)))
            }
            // clap takes exactly two values, or none.
            _ => None,
        };
        let as_of = match &self.date {
            Some(text) => Some(
                FuzzyDate::parse(text)
                    .map_err(|error| ConfigError::Date {
                        text: text.clone(),
                        error,
                    })?
                    .end_day(),
            ),
            None => None,
        };
        if self.tour {
            let initiatives: Vec<usize> = match initiative {
                Some(i) => vec![i],
                None => (0..dataset.initiatives.len()).collect(),
            };
            return Ok(build_tour(dataset, &initiatives)
                .into_iter()
                .enumerate()
                .map(|(n, step)| {
                    (
                        format!("step-{:03}", n + 1),
                        Picture::of_step(dataset, &step),
                    )
                })
                .collect());
        }
        let stem = match (&self.initiative, &self.date) {
            (Some(id), _) if compare.is_some() => {
                let [a, b] = compare.map_or([0, 0], |(a, b)| [a, b]).map(iso_date);
                format!("{id}-compare-{a}-{b}")
            }
            (Some(id), Some(date)) => format!("{id}-{date}"),
            (Some(id), None) => id.clone(),
            (None, Some(date)) => format!("overview-{date}"),
            (None, None) => "overview".to_owned(),
        };
        let picture = Picture {
            initiative,
            as_of,
            caption: None,
            words: None,
            view: None,
            compare,
            legend: None,
        };
        Ok(vec![(stem, picture)])
    }
}
