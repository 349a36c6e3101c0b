//! Tables as spreadsheets hold them: a CSV file, or a sheet of an Excel or OpenDocument
//! workbook, read into rows of cells with the header row apart.

use std::path::Path;

use calamine::{Data, Reader as _};

use super::ImportError;

/// One cell, typed as the file types it. A date cell keeps its spreadsheet serial number: it is
/// read as a date only when the user says so.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A spreadsheet date cell: the day it shows (year, month, day), whichever epoch (1900 or
    /// Mac Excel's 1904) the workbook counts from.
    Date(i32, u8, u8),
}

impl Cell {
    /// The cell as text: numbers without a needless ".0", dates as their serial number.
    pub fn text(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(text) => text.trim().to_owned(),
            Self::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Self::Number(n) => n.to_string(),
            Self::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// A table: where it came from, its header row, and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file, or "file, sheet NAME", for messages.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The cell at `row` (0-based, after the header) and `column`; empty past the row's end.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }
}

/// The file's kind by its extension: CSV, or a workbook.
fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
}

/// Reads a CSV file's rows. A `.tsv` is tab-separated; a CSV saved by Excel in some locales
/// uses semicolons, which the header row gives away.
pub fn read_csv(path: &Path) -> Result<Table, ImportError> {
    let read_error = |message: String| ImportError::Read {
        path: path.display().to_string(),
        message,
    };
    let text = std::fs::read(path).map_err(|e| read_error(e.to_string()))?;
    let text = String::from_utf8(text).map_err(|e| {
        read_error(format!(
            "the file is not UTF-8 text (byte {}); save it as CSV UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
    {
        b'\t'
    } else if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| read_error(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| read_error(e.to_string()))?;
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.trim().is_empty() {
                        Cell::Empty
                    } else {
                        // What the atlas's own CSV export escaped is read as it was.
                        Cell::Text(crate::data::cell::unescape_formula(field).to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Table {
        name: path.display().to_string(),
        headers,
        rows,
    })
}

/// The sheets of a workbook, each as a table, in the workbook's order.
pub fn read_workbook(path: &Path) -> Result<Vec<Table>, ImportError> {
    let read_error = |message: String| ImportError::Read {
        path: path.display().to_string(),
        message,
    };
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| read_error(e.to_string()))?;
    let mut tables = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&sheet)
            .map_err(|e| read_error(format!("sheet \"{sheet}\": {e}")))?;
        let mut rows = range
            .rows()
            .map(|row| row.iter().map(cell_of).collect::<Vec<_>>());
        let headers = rows
            .next()
            .map(|header| header.iter().map(Cell::text).collect())
            .unwrap_or_default();
        tables.push(Table {
            name: format!("{}, sheet \"{sheet}\"", path.display()),
            headers,
            rows: rows.collect(),
        });
    }
    Ok(tables)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        // "#N/A" and the like: shown as the spreadsheet shows them, so a message names them.
        Data::Error(error) => Cell::Text(error.to_string()),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Cell::Text(text.clone())
        }
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(date) => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            Cell::Date(i32::from(year), month, day)
        }
    }
}

/// The tables of a file: a CSV's one, or a workbook's sheets.
pub fn read(path: &Path) -> Result<Vec<Table>, ImportError> {
    if is_csv(path) {
        read_csv(path).map(|table| vec![table])
    } else {
        read_workbook(path)
    }
}
