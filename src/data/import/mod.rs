//! Membership tables from spreadsheets: one row per (initiative, country, role, joined, left,
//! source, note), and optionally a table of the initiatives themselves, turned into an
//! initiatives file that then goes through the same checks as any other.
//!
//! Columns are recognised by their headers in common spellings; countries by name through the
//! alias table (`names`) or by code. Dates are the format's (`2019`, `2019-05`, `2019-05-15`,
//! ranges); `DD/MM/YYYY` and spreadsheet date cells are read only when the user says how, since
//! 03/04/2020 is a guess either way. Every problem names its table, row and column.

pub mod names;
pub mod table;
mod values;

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::data::FuzzyDate;
pub use table::{Cell, Table};
use values::{role_of, slashed};

/// Why a table could not be turned into initiatives.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read the table: {message}")]
    Read { path: String, message: String },
    #[error("{path}: no sheet named \"{sheet}\"; the sheets are: {sheets}")]
    NoSuchSheet {
        path: String,
        sheet: String,
        sheets: String,
    },
    #[error("{}", problems.join("\n"))]
    Problems { problems: Vec<String> },
}

/// What a membership table's column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Initiative,
    Country,
    Code,
    Role,
    Joined,
    Left,
    Source,
    Note,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Initiative,
        Field::Country,
        Field::Code,
        Field::Role,
        Field::Joined,
        Field::Left,
        Field::Source,
        Field::Note,
    ];

    /// The field's name, as messages and the preview show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Initiative => "initiative",
            Self::Country => "country",
            Self::Code => "country code",
            Self::Role => "role",
            Self::Joined => "joined",
            Self::Left => "left",
            Self::Source => "source",
            Self::Note => "note",
        }
    }

    /// Header spellings that mean this field, normalised (see [`header_key`]).
    fn spellings(self) -> &'static [&'static str] {
        match self {
            Self::Initiative => &[
                "initiative",
                "initiative id",
                "initiative name",
                "effort",
                "effort id",
            ],
            Self::Country => &[
                "country",
                "country name",
                "state",
                "state name",
                "nation",
                "member",
                "government",
            ],
            Self::Code => &[
                "iso3",
                "iso",
                "iso a3",
                "iso alpha 3",
                "iso code",
                "code",
                "country code",
                "alpha 3",
                "a3",
            ],
            Self::Role => &["role", "membership", "status in initiative"],
            Self::Joined => &[
                "joined",
                "start",
                "start date",
                "from",
                "since",
                "date joined",
                "joined on",
            ],
            Self::Left => &[
                "left",
                "end",
                "end date",
                "until",
                "to",
                "date left",
                "left on",
            ],
            Self::Source => &[
                "source",
                "source url",
                "url",
                "link",
                "reference",
                "sources",
            ],
            Self::Note => &["note", "notes", "comment", "comments", "remarks"],
        }
    }
}

/// A header as it is compared: lowercase, with `_`, `-` and runs of spaces as one space.
fn header_key(header: &str) -> String {
    names::normalised(header)
}

/// The field each column holds, recognised from the headers: a column the user can change in
/// the preview before importing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// Recognises the headers; a field is given to the first column that spells it.
    pub fn recognise(headers: &[String]) -> Self {
        let mut columns = vec![None; headers.len()];
        for field in Field::ALL {
            let found = headers.iter().enumerate().position(|(i, h)| {
                columns[i].is_none() && field.spellings().contains(&header_key(h).as_str())
            });
            if let Some(i) = found {
                columns[i] = Some(field);
            }
        }
        Self { columns }
    }

    /// The column holding `field`.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }

    /// Whether the table can be read: an initiative, a country (by name or code) and a role.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.column(Field::Initiative).is_none() {
            missing.push("initiative");
        }
        if self.column(Field::Country).is_none() && self.column(Field::Code).is_none() {
            missing.push("country (a name) or country code (ISO3)");
        }
        if self.column(Field::Role).is_none() {
            missing.push("role");
        }
        missing
    }
}

/// How dates written as numbers with slashes are read; without it they are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DateOrder {
    /// Not said: `03/04/2020` is refused.
    #[default]
    Unsaid,
    /// Day first: 03/04/2020 is 3 April 2020.
    Dmy,
    /// Month first: 03/04/2020 is 4 March 2020.
    Mdy,
}

/// What the user said about dates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRules {
    pub order: DateOrder,
    /// Whether spreadsheet date cells are read as the days they show.
    pub date_cells: bool,
}

/// A table with its mapping, as the preview shows and the user corrects it.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub members: Table,
    pub mapping: Mapping,
    /// The optional table of initiatives: id, name, kind, category, status, start, end,
    /// summary, outcome.
    pub initiatives: Option<Table>,
    pub dates: DateRules,
}

impl Import {
    /// The tables of `path`: the membership table (the sheet named `sheet`, or the first whose
    /// headers name a country and a role) and a table of initiatives (another sheet whose headers
    /// name a category or a status), each recognised.
    pub fn open(path: &std::path::Path, sheet: Option<&str>) -> Result<Self, ImportError> {
        let tables = table::read(path)?;
        let names = || {
            tables
                .iter()
                .map(|t| t.name.rsplit('"').nth(1).unwrap_or(&t.name).to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let members = match sheet {
            Some(sheet) => tables
                .iter()
                .find(|t| t.name.ends_with(&format!("sheet \"{sheet}\"")))
                .ok_or_else(|| ImportError::NoSuchSheet {
                    path: path.display().to_string(),
                    sheet: sheet.to_owned(),
                    sheets: names(),
                })?,
            None => tables
                .iter()
                .find(|t| Mapping::recognise(&t.headers).missing().is_empty())
                .or_else(|| tables.first())
                .ok_or_else(|| ImportError::Read {
                    path: path.display().to_string(),
                    message: "the file has no table".to_owned(),
                })?,
        }
        .clone();
        let initiatives = tables
            .iter()
            .find(|t| {
                t.name != members.name
                    && t.headers.iter().any(|h| {
                        let key = header_key(h);
                        key == "category" || key == "status"
                    })
            })
            .cloned();
        Ok(Self {
            mapping: Mapping::recognise(&members.headers),
            members,
            initiatives,
            dates: DateRules::default(),
        })
    }

    /// A CSV of initiatives given apart from the membership table.
    pub fn with_initiatives_file(mut self, path: &std::path::Path) -> Result<Self, ImportError> {
        self.initiatives = Some(table::read_csv(path)?);
        Ok(self)
    }

    /// The initiatives file the tables make, as JSON text in the format, with the notes on what
    /// was filled in. It still has to pass the checks of any initiatives file.
    pub fn to_json(&self) -> Result<(String, Vec<String>), ImportError> {
        let missing = self.mapping.missing();
        if !missing.is_empty() {
            let found: Vec<&str> = self.members.headers.iter().map(String::as_str).collect();
            return Err(ImportError::Problems {
                problems: missing
                    .iter()
                    .map(|m| {
                        format!(
                            "{}: row 1: no column for the {m}; expected a header such as {} \
                             (the headers are: {})",
                            self.members.name,
                            example_header(m),
                            found.join(", ")
                        )
                    })
                    .collect(),
            });
        }
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        let described = self.described(&mut problems);
        let mut file = self.build(described, &mut problems, &mut notes);
        if !problems.is_empty() {
            return Err(ImportError::Problems { problems });
        }
        if let Some(list) = file.get_mut("initiatives").and_then(Value::as_array_mut) {
            list.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        }
        let text = serde_json::to_string_pretty(&file).map_err(|e| ImportError::Read {
            path: self.members.name.clone(),
            message: e.to_string(),
        })?;
        Ok((text, notes))
    }
}

fn example_header(missing: &str) -> &'static str {
    match missing {
        "initiative" => "\"Initiative\"",
        "role" => "\"Role\"",
        _ => "\"Country\", \"country_name\" or \"ISO3\"",
    }
}

/// A row's problems, each with the field whose cell has it.
type RowProblems = Vec<(Field, String)>;

/// One initiative as the initiatives table describes it, by id.
type Described = BTreeMap<String, serde_json::Map<String, Value>>;

impl Import {
    /// The initiatives table's rows, by id, with their fields as the format writes them.
    fn described(&self, problems: &mut Vec<String>) -> Described {
        let mut out = Described::new();
        let Some(table) = &self.initiatives else {
            return out;
        };
        let column = |name: &str| table.headers.iter().position(|h| header_key(h) == name);
        let Some(id_column) = column("id").or_else(|| column("initiative")) else {
            problems.push(format!(
                "{}: row 1: no column for the id; expected a header \"id\"",
                table.name
            ));
            return out;
        };
        for (r, _) in table.rows.iter().enumerate() {
            let id = table.cell(r, id_column).text();
            if id.is_empty() {
                continue;
            }
            let mut fields = serde_json::Map::new();
            for key in [
                "name", "kind", "category", "status", "summary", "outcome", "start", "end",
            ] {
                let Some(c) = column(key) else { continue };
                let cell = table.cell(r, c);
                if cell.is_empty() {
                    continue;
                }
                let value = if key == "start" || key == "end" {
                    match self.date(cell) {
                        Ok(date) => Value::String(date),
                        Err(why) => {
                            problems.push(at(table, r, &table.headers[c], &why));
                            continue;
                        }
                    }
                } else {
                    Value::String(cell.text())
                };
                fields.insert(key.to_owned(), value);
            }
            out.insert(slug(&id), fields);
        }
        out
    }

    /// The file: every initiative the rows name, with its states and sources.
    fn build(
        &self,
        described: Described,
        problems: &mut Vec<String>,
        notes: &mut Vec<String>,
    ) -> Value {
        let table = &self.members;
        let col = |f: Field| self.mapping.column(f);
        let header = |f: Field| col(f).map_or("", |c| table.headers[c].as_str());
        let mut actors: BTreeMap<String, (String, Vec<Value>, Vec<String>)> = BTreeMap::new();
        for r in 0..table.rows.len() {
            let initiative = col(Field::Initiative)
                .map(|c| table.cell(r, c).text())
                .unwrap_or_default();
            if initiative.is_empty() && table.rows[r].iter().all(Cell::is_empty) {
                continue;
            }
            let row = match self.row(r, &initiative) {
                Ok(row) => row,
                Err(row_problems) => {
                    problems.extend(
                        row_problems
                            .into_iter()
                            .map(|(f, why)| at(table, r, header(f), &why)),
                    );
                    continue;
                }
            };
            let (mut actor, source) = row;
            let entry = actors
                .entry(slug(&initiative))
                .or_insert_with(|| (initiative.clone(), Vec::new(), Vec::new()));
            let source_index = match entry.2.iter().position(|s| *s == source) {
                Some(i) => i,
                None => {
                    entry.2.push(source.clone());
                    entry.2.len() - 1
                }
            };
            actor.insert("sources".into(), json!([format!("s{}", source_index + 1)]));
            entry.1.push(Value::Object(actor));
        }
        let initiatives: Vec<Value> = actors
            .into_iter()
            .map(|(id, (written, actors, sources))| {
                let given = described.get(&id).cloned().unwrap_or_default();
                initiative_json(&id, &written, given, actors, &sources, notes)
            })
            .collect();
        json!({
            "format": "microlateral-atlas/initiatives",
            "version": 1,
            "initiatives": initiatives,
        })
    }

    /// One row as an actor of the format (without its sources) and its source's address, or
    /// the problems of its cells.
    fn row(
        &self,
        r: usize,
        initiative: &str,
    ) -> Result<(serde_json::Map<String, Value>, String), RowProblems> {
        let table = &self.members;
        let col = |f: Field| self.mapping.column(f);
        let text = |f: Field| col(f).map(|c| table.cell(r, c).text()).unwrap_or_default();
        let mut problems = Vec::new();
        if initiative.is_empty() {
            problems.push((
                Field::Initiative,
                "empty; expected the initiative's id or name".to_owned(),
            ));
        } else if slug(initiative).is_empty() {
            // Ids are ASCII (letters, digits, hyphens); a name in another script makes none.
            problems.push((
                Field::Initiative,
                format!(
                    "\"{initiative}\" gives no id (ids use the letters a-z, digits and \
                     hyphens); write an id such as green-pact, and the name in the initiatives \
                     table"
                ),
            ));
        }
        let code = self.country(r).map_err(|p| problems.push(p)).ok();
        let role = role_of(&text(Field::Role));
        if role.is_none() {
            problems.push((
                Field::Role,
                format!(
                    "\"{}\" is not a role; expected lead, co-lead, proposed lead, participant \
                     or supporter",
                    text(Field::Role)
                ),
            ));
        }
        let mut actor = serde_json::Map::new();
        for (field, key) in [(Field::Joined, "joined"), (Field::Left, "left")] {
            let Some(c) = col(field) else { continue };
            let cell = table.cell(r, c);
            if cell.is_empty() {
                continue;
            }
            match self.date(cell) {
                Ok(date) => {
                    actor.insert(key.into(), Value::String(date));
                }
                Err(why) => problems.push((field, why)),
            }
        }
        let source = text(Field::Source);
        if source.is_empty() {
            problems.push((
                Field::Source,
                "no source; expected the address of the page that states this role".to_owned(),
            ));
        }
        let (Some(code), Some(role), true) = (code, role, problems.is_empty()) else {
            return Err(problems);
        };
        actor.insert("state".into(), Value::String(code));
        actor.insert("role".into(), Value::String(role.id().to_owned()));
        let note = text(Field::Note);
        if !note.is_empty() {
            actor.insert("note".into(), Value::String(note));
        }
        Ok((actor, source))
    }

    /// The row's country code: from the code column, else the name through the alias table.
    fn country(&self, r: usize) -> Result<String, (Field, String)> {
        let table = &self.members;
        if let Some(c) = self.mapping.column(Field::Code) {
            let code = table.cell(r, c).text().to_uppercase();
            if !code.is_empty() {
                return match crate::data::bundled::country_name(&code) {
                    Some(_) => Ok(code),
                    None => Err((
                        Field::Code,
                        format!("\"{code}\" is not an ISO 3166-1 alpha-3 code the atlas knows"),
                    )),
                };
            }
        }
        let Some(c) = self.mapping.column(Field::Country) else {
            return Err((Field::Code, "empty; expected a country code".into()));
        };
        let name = table.cell(r, c).text();
        if name.is_empty() {
            return Err((Field::Country, "empty; expected a country's name".into()));
        }
        match names::resolve(&name) {
            names::Match::Country(code) => Ok(code),
            names::Match::Ambiguous(codes) => Err((
                Field::Country,
                format!(
                    "\"{name}\" matches more than one country ({}); write the country's full \
                     name or its ISO3 code",
                    codes.join(", ")
                ),
            )),
            names::Match::Unknown(near) => Err((
                Field::Country,
                if near.is_empty() {
                    format!("no country is called \"{name}\"; write its ISO3 code")
                } else {
                    format!(
                        "no country is called \"{name}\"; did you mean {}? (or write its ISO3 \
                         code)",
                        near.join(", ")
                    )
                },
            )),
        }
    }

    /// A date cell as the format writes dates, or why it is refused.
    fn date(&self, cell: &Cell) -> Result<String, String> {
        match cell {
            Cell::Date(..) if self.dates.date_cells => Ok(cell.text()),
            Cell::Date(..) => Err(
                "a spreadsheet date cell; write the date as text (2019-05-15), or say that date \
                 cells are days (--date-cells)"
                    .into(),
            ),
            Cell::Number(n) if n.fract() == 0.0 && (1000.0..=2999.0).contains(n) => {
                Ok(format!("{}", *n as i64))
            }
            other => {
                let text = other.text();
                if FuzzyDate::parse(&text).is_ok() {
                    return Ok(text);
                }
                slashed(&text, self.dates.order).unwrap_or_else(|| {
                    Err(format!(
                        "\"{text}\" is not a date; expected 2019, 2019-05 or 2019-05-15"
                    ))
                })
            }
        }
    }
}

/// An id from what a table writes in its initiative column: lowercase letters, digits and
/// hyphens ("Christchurch Call" becomes christchurch-call).
pub fn slug(text: &str) -> String {
    names::normalised(text).replace(' ', "-")
}

/// "Table, row 4, column Joined: why".
fn at(table: &Table, row: usize, column: &str, why: &str) -> String {
    // Row 1 is the header, so the first row of data is row 2, as a spreadsheet numbers it.
    format!("{}: row {}, column {column}: {why}", table.name, row + 2)
}

/// One initiative in the format: what the initiatives table gives, and what it does not filled
/// in (and said so in `notes`).
fn initiative_json(
    id: &str,
    written: &str,
    mut given: serde_json::Map<String, Value>,
    actors: Vec<Value>,
    sources: &[String],
    notes: &mut Vec<String>,
) -> Value {
    let mut filled = Vec::new();
    let mut fill = |key: &str, value: Value, given: &mut serde_json::Map<String, Value>| {
        if !given.contains_key(key) {
            filled.push(format!("{key} {value}"));
            given.insert(key.to_owned(), value);
        }
    };
    fill("name", Value::String(written.to_owned()), &mut given);
    fill("kind", Value::String("small_state".into()), &mut given);
    fill("category", Value::String("other".into()), &mut given);
    let earliest = actors
        .iter()
        .filter_map(|a| a.get("joined")?.as_str())
        .filter_map(|d| Some((FuzzyDate::parse(d).ok()?.start_day(), d.to_owned())))
        .min()
        .map(|(_, d)| d);
    if let Some(earliest) = earliest {
        fill("start", Value::String(earliest), &mut given);
    }
    fill("status", Value::String("ongoing".into()), &mut given);
    // Summary and outcome may be empty: the card says a table gave none.
    for key in ["summary", "outcome"] {
        given
            .entry(key.to_owned())
            .or_insert_with(|| Value::String(String::new()));
    }
    given.entry("end".to_owned()).or_insert(Value::Null);
    if !filled.is_empty() {
        notes.push(format!(
            "{id}: no initiatives table row, so filled in: {}",
            filled.join(", ")
        ));
    }
    let mut object = serde_json::Map::new();
    object.insert("id".into(), Value::String(id.to_owned()));
    for key in [
        "name", "kind", "category", "status", "summary", "start", "end", "outcome",
    ] {
        if let Some(value) = given.remove(key) {
            object.insert(key.into(), value);
        }
    }
    object.insert(
        "sources".into(),
        Value::Array(
            sources
                .iter()
                .enumerate()
                .map(|(i, url)| json!({"id": format!("s{}", i + 1), "title": url, "url": url}))
                .collect(),
        ),
    );
    object.insert("actors".into(), Value::Array(actors));
    object.insert("milestones".into(), json!([]));
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_common_spellings_are_recognised() {
        let headers: Vec<String> = [
            "Initiative",
            "country_name",
            "ISO3",
            "Role",
            "Start date",
            "Left",
            "Source URL",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let mapping = Mapping::recognise(&headers);
        assert_eq!(
            mapping.columns,
            [
                Some(Field::Initiative),
                Some(Field::Country),
                Some(Field::Code),
                Some(Field::Role),
                Some(Field::Joined),
                Some(Field::Left),
                Some(Field::Source),
            ]
        );
        assert!(mapping.missing().is_empty());
    }
}
