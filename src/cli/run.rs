//! The jobs that need no window: `validate`, `history`, `export-list` and `export`.
//!
//! Each writes to the `out` it is given, so tests can read what it prints. What they get has
//! already been loaded and checked by [`Config`](super::Config).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::args::HistoryFormat;
use crate::data::date::iso_date;
use crate::data::initiatives::{Dataset, DatasetError, Initiative, Severity, count_summary};
use crate::data::{Country, World, WorldError, WorldOptions, bundled};
use crate::export::{self, PictureFormat};
use crate::geo::WorldData;
use crate::scene::{Picture, compare};

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
    let world = match World::load(file, options, &crate::data::NoProgress) {
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
    for warning in world.warnings() {
        writeln!(out, "{name}: warning: {warning}")?;
    }
    let repairs = world.warnings().len();
    let roles = match bundled::initiatives(None, &world) {
        Ok((loaded, _)) => {
            for warning in &loaded.warnings {
                writeln!(out, "{warning}")?;
            }
            loaded.warnings.len()
        }
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
    let warnings = repairs + roles;
    let plural = if warnings == 1 { "" } else { "s" };
    let countries = world.countries().len();
    let country_plural = if countries == 1 {
        "country"
    } else {
        "countries"
    };
    writeln!(
        out,
        "0 errors, {warnings} warning{plural} in {name}: {countries} {country_plural}"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Prints one country's efforts to `out_file` if given (replaced atomically) or else to `out`.
pub fn history(
    country: &Country,
    format: HistoryFormat,
    dataset: &Dataset,
    source_name: &str,
    out_file: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let code = &country.code;
    let rendered = match format {
        HistoryFormat::Text => history_text(dataset, country, source_name),
        HistoryFormat::Csv => export::history(dataset, code, export::Format::Csv)?,
        HistoryFormat::Json => export::history(dataset, code, export::Format::Json)?,
    };
    emit(&rendered, out_file, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the initiative list, one row per effort, to `out_file` if given (replaced atomically)
/// or else to `out`.
pub fn export_list(
    format: export::Format,
    dataset: &Dataset,
    out_file: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let rendered = export::initiative_list(dataset, format)?;
    emit(&rendered, out_file, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints what changed in `initiative` between two days, to `out_file` if given (replaced
/// atomically) or else to `out`.
pub fn diff(
    world: &World,
    initiative: &Initiative,
    days: (i64, i64),
    format: HistoryFormat,
    out_file: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let (a, b) = days;
    let rendered = match format {
        HistoryFormat::Text => changes_text(world, initiative, a, b),
        HistoryFormat::Csv => export::table::changes(initiative, world, a, b, export::Format::Csv)?,
        HistoryFormat::Json => {
            export::table::changes(initiative, world, a, b, export::Format::Json)?
        }
    };
    emit(&rendered, out_file, out)?;
    Ok(ExitCode::SUCCESS)
}

/// A comparison as readable lines: a heading, then one line per change with its date and
/// sources, then the states that stayed.
fn changes_text(world: &World, initiative: &Initiative, a: i64, b: i64) -> String {
    let changes = compare::changes(initiative, a, b);
    let rows = export::table::change_rows(initiative, world, &changes);
    let mut text = format!(
        "{}: {} – {} (by day; a month or year counts from its first day)\n",
        initiative.name,
        iso_date(a),
        iso_date(b)
    );
    if rows.is_empty() {
        text.push_str("No state held a role at either date.\n");
    }
    for (change, row) in changes.iter().zip(&rows) {
        let role = match (change.before, change.after) {
            (Some(x), Some(y)) if x != y => format!("{}, then {}", x.label(), y.label()),
            (_, Some(role)) | (Some(role), None) => role.label().to_owned(),
            (None, None) => String::new(),
        };
        let date = change.date.map(|d| format!(" · {d}")).unwrap_or_default();
        let uncertain = if change.uncertain {
            " (uncertain: the date is coarser than the interval)"
        } else {
            ""
        };
        let sources = if row.sources.is_empty() {
            String::new()
        } else {
            format!(" · {}", row.sources.join(" "))
        };
        text.push_str(&format!(
            "{}: {} ({}) · {role}{date}{uncertain}{sources}\n",
            change.kind.label(),
            row.country,
            change.code
        ));
    }
    text
}

/// Writes an animation: an MP4 when one is asked for and ffmpeg is on PATH, else a GIF (saying
/// why on standard error when an MP4 was asked for).
pub fn animation(
    world: &WorldData,
    dataset: &Dataset,
    keys: &[Picture],
    size: [u32; 2],
    hold_secs: f64,
    (gif_path, mp4): (&Path, bool),
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    export::create_parent(gif_path)?;
    let ticket = export::Ticket::default();
    let frames = export::animation::frames(world, dataset, keys, size, hold_secs);
    let ffmpeg = if mp4 { export::video::ffmpeg() } else { None };
    if mp4 && ffmpeg.is_none() {
        eprintln!(
            "warning: no ffmpeg on PATH, so the animation is a GIF; {}",
            export::video::INSTALL_HINT
        );
    }
    let (path, count) = match ffmpeg {
        Some(ffmpeg) => {
            let path = gif_path.with_extension("mp4");
            let written =
                export::video::write_mp4(world, dataset, &frames, size, &path, &ffmpeg, &ticket)?;
            (path, written)
        }
        None => {
            let written =
                export::animation::write_gif(world, dataset, &frames, size, gif_path, &ticket)?;
            (gif_path.to_owned(), written)
        }
    };
    writeln!(
        out,
        "{} ({count} frames, {} held)",
        path.display(),
        keys.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a PDF deck and says how many pages it has.
pub fn deck(
    world: &WorldData,
    dataset: &Dataset,
    pictures: &[(String, Picture)],
    size: [u32; 2],
    path: &Path,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let ticket = export::Ticket::default();
    let pages = export::deck::write_pdf(world, dataset, pictures, size, path, &ticket)?;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (maps, sources) = (pictures.len(), pages - pictures.len());
    writeln!(
        out,
        "{} ({maps} picture{}, {sources} page{} of sources)",
        path.display(),
        plural(maps),
        plural(sources)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Draws pictures to SVG/PNG files in `dir` and lists the files written.
pub fn export_pictures(
    world: &WorldData,
    dataset: &Dataset,
    pictures: &[(String, Picture)],
    size: [u32; 2],
    format: PictureFormat,
    dir: &Path,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let written: Vec<PathBuf> =
        export::write_pictures(world, dataset, pictures, size, format, dir)?;
    for path in written {
        writeln!(out, "{}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
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
            .periods_label(initiative.start)
            .map(|periods| format!(" ({periods})"))
            .unwrap_or_default();
        text.push_str(&format!(
            "{}{}{joined} · {} · {} · {} · {}\n",
            entry.role.label(),
            entry.through_label(),
            initiative.name,
            initiative.span_label(),
            initiative.status.label(),
            initiative.outcome
        ));
    }
    text
}

/// Writes the membership table.
pub fn export_members(
    world: &World,
    dataset: &Dataset,
    format: export::Format,
    out_file: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let text = export::table::members(dataset, world, format)?;
    emit(&text, out_file, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Turns the table into an initiatives file, checks it as any initiatives file is checked, and
/// writes it only if it passes. Prints what was filled in and the checks' warnings.
pub fn import(
    import: &crate::data::import::Import,
    world: &World,
    out_file: &Path,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let (text, notes) = match import.to_json() {
        Ok(made) => made,
        Err(err) => {
            writeln!(out, "{err}")?;
            return Ok(ExitCode::FAILURE);
        }
    };
    for note in &notes {
        writeln!(out, "note: {note}")?;
    }
    let name = out_file.display().to_string();
    match Dataset::from_json(&name, text.as_bytes(), world) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                writeln!(out, "{warning}")?;
            }
            export::write_atomically(out_file, text.as_bytes())?;
            let roles: usize = loaded
                .dataset
                .initiatives
                .iter()
                .map(|i| i.actors.len())
                .sum();
            writeln!(
                out,
                "{name}: {} initiatives, {roles} roles",
                loaded.dataset.initiatives.len()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            writeln!(
                out,
                "the table makes an initiatives file that does not pass its checks \
                 (places are in the file it would write, {name}):"
            )?;
            writeln!(out, "{err}")?;
            Ok(ExitCode::FAILURE)
        }
    }
}
