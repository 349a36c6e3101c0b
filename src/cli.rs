//! The subcommands that work without a window: `validate`, `history` and `export-list`.
//!
//! Each writes to the `out` it is given, so tests can read what it prints.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::data::initiatives::{
    BUNDLED_INITIATIVES, BUNDLED_INITIATIVES_NAME, Dataset, DatasetError, Loaded, Severity,
    count_summary,
};
use crate::data::{Country, World, WorldError, WorldOptions};
use crate::export;

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

/// Checks a dataset file against the world's country codes and prints every problem, then a
/// summary line. Exits with 1 when there are errors; warnings alone exit with 0.
pub fn validate(file: &Path, world: &World, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let name = file.display().to_string();
    let diagnostics = match Dataset::load(file, world) {
        Ok(loaded) => loaded.warnings,
        Err(DatasetError::Invalid { diagnostics, .. }) => diagnostics,
        Err(other) => return Err(other.into()),
    };
    for diagnostic in &diagnostics {
        writeln!(out, "{diagnostic}")?;
    }
    writeln!(out, "{} in {name}", count_summary(&diagnostics))?;
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if has_errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks a world GeoJSON file and prints what is wrong with it, or how many countries it has.
/// Exits with 1 when it cannot be opened. A map that the bundled initiatives do not fit (codes
/// they use are missing) is a warning: the atlas opens it without them.
pub fn validate_world(
    file: &Path,
    options: &WorldOptions,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let name = file.display();
    let world = match World::load(file, options) {
        Ok(world) => world,
        Err(err) => {
            writeln!(out, "{err}")?;
            let errors = match err {
                WorldError::Features { count, .. } => count,
                _ => 1,
            };
            let plural = if errors == 1 { "" } else { "s" };
            writeln!(out, "{errors} error{plural} in {name}")?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let warnings = match crate::app::bundled_dataset(&world) {
        Ok(_) => 0,
        Err(err) => {
            writeln!(
                out,
                "{name}: warning: the bundled initiatives do not fit this map, which opens \
                 without them:"
            )?;
            for line in err.to_string().lines() {
                writeln!(out, "  {line}")?;
            }
            1
        }
    };
    let plural = if warnings == 1 { "" } else { "s" };
    writeln!(
        out,
        "0 errors, {warnings} warning{plural} in {name}: {} countries",
        world.countries().len()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Prints one country's efforts, from `data` or else the bundled dataset, to `out_file` if given
/// (replaced atomically) or else to `out`. An unknown code is reported on `err` with the closest
/// known codes, and exits with 1.
pub fn history(
    code: &str,
    format: HistoryFormat,
    data: Option<&Path>,
    out_file: Option<&Path>,
    world: &World,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let Some(country) = world.by_code(code) else {
        let codes: Vec<&str> = world.countries().iter().map(|c| c.code.as_str()).collect();
        let near = crate::data::suggest::closest(code, codes);
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", near.join(", "))
        };
        writeln!(
            err,
            "microlateral-atlas: unknown country code \"{code}\"; expected an ISO 3166-1 \
             alpha-3 code of the world map{hint}"
        )?;
        return Ok(ExitCode::FAILURE);
    };
    let (loaded, source) = load_dataset(data, world)?;
    for warning in &loaded.warnings {
        writeln!(err, "{warning}")?;
    }
    let dataset = &loaded.dataset;
    let rendered = match format {
        HistoryFormat::Text => history_text(dataset, country, &source),
        HistoryFormat::Csv => export::history(dataset, code, export::Format::Csv)?,
        HistoryFormat::Json => export::history(dataset, code, export::Format::Json)?,
    };
    emit(&rendered, out_file, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the initiative list, one row per effort, from `data` or else the bundled dataset, to
/// `out_file` if given (replaced atomically) or else to `out`.
pub fn export_list(
    format: export::Format,
    data: Option<&Path>,
    out_file: Option<&Path>,
    world: &World,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let (loaded, _) = load_dataset(data, world)?;
    for warning in &loaded.warnings {
        writeln!(err, "{warning}")?;
    }
    let rendered = export::initiative_list(&loaded.dataset, format)?;
    emit(&rendered, out_file, out)?;
    Ok(ExitCode::SUCCESS)
}

/// What `export` draws.
#[derive(Clone, Debug, Default)]
pub struct PictureRequest {
    /// An initiative id; `None` draws the overview.
    pub initiative: Option<String>,
    /// A date (YYYY, YYYY-MM or YYYY-MM-DD) to show the world as of.
    pub date: Option<String>,
    /// One picture per tour step instead of one picture.
    pub tour: bool,
    pub size: [u32; 2],
    pub format: crate::render::PictureFormat,
}

/// Draws the map to SVG/PNG files in `dir`: one picture, or one per tour step (every milestone,
/// or the initiative's), and lists the files written.
pub fn export_pictures(
    request: &PictureRequest,
    data: Option<&Path>,
    world: &crate::app::WorldData,
    dir: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    use crate::render::{Picture, write_pictures};
    let (loaded, source) = load_dataset(data, &world.world)?;
    for warning in &loaded.warnings {
        writeln!(err, "{warning}")?;
    }
    let dataset = &loaded.dataset;
    let initiative = match &request.initiative {
        Some(id) => match dataset.index_of(id) {
            Some(i) => Some(i),
            None => {
                let ids: Vec<&str> = dataset.initiatives.iter().map(|i| i.id.as_str()).collect();
                writeln!(
                    err,
                    "no initiative \"{id}\" in {source}; the ids are: {}",
                    ids.join(", ")
                )?;
                return Ok(ExitCode::FAILURE);
            }
        },
        None => None,
    };
    let as_of = match &request.date {
        Some(text) => match crate::data::FuzzyDate::parse(text) {
            Ok(date) => Some(date.end_day()),
            Err(e) => {
                writeln!(err, "--date {text}: {e}")?;
                return Ok(ExitCode::FAILURE);
            }
        },
        None => None,
    };
    let pictures: Vec<(String, Picture)> = if request.tour {
        let initiatives: Vec<usize> = match initiative {
            Some(i) => vec![i],
            None => (0..dataset.initiatives.len()).collect(),
        };
        let steps = crate::ui::presenter::build_tour(dataset, &initiatives);
        steps
            .iter()
            .enumerate()
            .map(|(n, step)| {
                (
                    format!("step-{:03}", n + 1),
                    Picture::of_step(dataset, *step),
                )
            })
            .collect()
    } else {
        let stem = match (&request.initiative, &request.date) {
            (Some(id), Some(date)) => format!("{id}-{date}"),
            (Some(id), None) => id.clone(),
            (None, Some(date)) => format!("overview-{date}"),
            (None, None) => "overview".to_owned(),
        };
        vec![(
            stem,
            Picture {
                initiative,
                as_of,
                caption: None,
                view: None,
            },
        )]
    };
    let written = write_pictures(world, dataset, &pictures, request.size, request.format, dir)?;
    for path in written {
        writeln!(out, "{}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The dataset at `data`, or else the bundled one, with the name it goes by in messages.
fn load_dataset(data: Option<&Path>, world: &World) -> Result<(Loaded, String), DatasetError> {
    Ok(match data {
        Some(path) => (Dataset::load(path, world)?, path.display().to_string()),
        None => (
            Dataset::from_json(BUNDLED_INITIATIVES_NAME, BUNDLED_INITIATIVES, world)?,
            BUNDLED_INITIATIVES_NAME.to_owned(),
        ),
    })
}

/// Writes an export to `out_file` atomically, or else to `out`.
fn emit(text: &str, out_file: Option<&Path>, out: &mut impl Write) -> anyhow::Result<()> {
    match out_file {
        Some(path) => export::write_atomically(path, text.as_bytes())?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}

/// A country's history as readable lines: role, effort, span, status and outcome.
fn history_text(dataset: &Dataset, country: &Country, source: &str) -> String {
    let entries = dataset.history_of(&country.code);
    if entries.is_empty() {
        return format!(
            "{} ({}) takes part in none of the {} efforts in {source}.\n",
            country.name,
            country.code,
            dataset.initiatives.len()
        );
    }
    let count = entries.len();
    let plural = if count == 1 { "" } else { "s" };
    let mut text = format!(
        "{} ({}): {count} role{plural}\n",
        country.name, country.code
    );
    for entry in entries {
        let initiative = &dataset.initiatives[entry.initiative];
        let joined = entry
            .joined
            .map(|j| format!(" (from {j})"))
            .unwrap_or_default();
        text.push_str(&format!(
            "{}{joined} · {} · {} · {} · {}\n",
            entry.role.label(),
            initiative.name,
            initiative.span_label(),
            initiative.status.label(),
            initiative.outcome
        ));
    }
    text
}
