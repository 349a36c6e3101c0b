//! The subcommands that work without a window: `validate` and `history`.
//!
//! Each writes to the `out` it is given, so tests can read what it prints.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::data::initiatives::{
    BUNDLED_INITIATIVES, BUNDLED_INITIATIVES_NAME, Dataset, DatasetError, Initiative, Severity,
    count_summary,
};
use crate::data::{FuzzyDate, Role, World};

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

/// Prints one country's efforts, from `data` or else the bundled dataset. An unknown code is
/// reported on `err` with the closest known codes, and exits with 1.
pub fn history(
    code: &str,
    format: HistoryFormat,
    data: Option<&Path>,
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
    let (loaded, source) = match data {
        Some(path) => (Dataset::load(path, world)?, path.display().to_string()),
        None => (
            Dataset::from_json(BUNDLED_INITIATIVES_NAME, BUNDLED_INITIATIVES, world)?,
            BUNDLED_INITIATIVES_NAME.to_owned(),
        ),
    };
    for warning in &loaded.warnings {
        writeln!(err, "{warning}")?;
    }
    let dataset = &loaded.dataset;
    let entries = dataset.history_of(code);
    let rows = entries
        .iter()
        .map(|e| Row::new(&dataset.initiatives[e.initiative], e.role, e.joined));
    match format {
        HistoryFormat::Text => {
            if entries.is_empty() {
                writeln!(
                    out,
                    "{} ({code}) takes part in none of the {} efforts in {source}.",
                    country.name,
                    dataset.initiatives.len()
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            let count = entries.len();
            let plural = if count == 1 { "" } else { "s" };
            writeln!(out, "{} ({code}): {count} role{plural}", country.name)?;
            for row in rows {
                let joined = row
                    .joined
                    .map(|j| format!(" (from {j})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}{joined} · {} · {} · {} · {}",
                    row.role.label(),
                    row.initiative.name,
                    row.initiative.span_label(),
                    row.initiative.status.label(),
                    row.initiative.outcome
                )?;
            }
        }
        HistoryFormat::Csv => {
            writeln!(
                out,
                "initiative_id,initiative,role,joined,start,end,status,outcome"
            )?;
            for row in rows {
                let fields = row.fields();
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", line.join(","))?;
            }
        }
        HistoryFormat::Json => {
            let objects: Vec<JsonRow<'_>> = rows.map(|row| row.json()).collect();
            serde_json::to_writer_pretty(&mut *out, &objects)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One object of the JSON output: the CSV columns, in the same order.
#[derive(serde::Serialize)]
struct JsonRow<'a> {
    initiative_id: &'a str,
    initiative: &'a str,
    role: Role,
    joined: Option<FuzzyDate>,
    start: FuzzyDate,
    end: Option<FuzzyDate>,
    status: crate::data::Status,
    outcome: &'a str,
}

/// One line of a country's history.
struct Row<'a> {
    initiative: &'a Initiative,
    role: Role,
    joined: Option<FuzzyDate>,
}

impl<'a> Row<'a> {
    fn new(initiative: &'a Initiative, role: Role, joined: Option<FuzzyDate>) -> Self {
        Self {
            initiative,
            role,
            joined,
        }
    }

    /// The CSV columns, with dates and words as the data file writes them, so the output can
    /// be read back by other tools without guessing.
    fn fields(&self) -> [String; 8] {
        let i = self.initiative;
        [
            i.id.clone(),
            i.name.clone(),
            self.role.id().to_owned(),
            self.joined.map(|d| d.to_iso_string()).unwrap_or_default(),
            i.start.to_iso_string(),
            i.end.map(|d| d.to_iso_string()).unwrap_or_default(),
            i.status.id().to_owned(),
            i.outcome.clone(),
        ]
    }

    fn json(&self) -> JsonRow<'a> {
        let i = self.initiative;
        JsonRow {
            initiative_id: &i.id,
            initiative: &i.name,
            role: self.role,
            joined: self.joined,
            start: i.start,
            end: i.end,
            status: i.status,
            outcome: &i.outcome,
        }
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180), with quotes
/// doubled inside.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
