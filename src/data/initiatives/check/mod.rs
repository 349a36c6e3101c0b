//! From the bytes of a dataset file to a [`Dataset`], checking everything on the way.
//!
//! The file is parsed into a `serde_json::Value` and then walked by hand rather than
//! deserialised with derived types: a derived deserialiser stops at the first problem, and
//! analysts fixing a file by hand want every problem at once. Each check that fails records a
//! [`Diagnostic`] and yields `None`, so a broken value never reaches the model and one mistake
//! does not cascade into others. The checks are split by what they read:
//! `values` holds the readers of single JSON values, and `initiative`, `sources`, `actors` and
//! `tours` the parts of the format.

use serde_json::{Map, Value};

use super::{CountryCodes, Dataset, Diagnostic, Rules, Severity};
use crate::data::json_locate::{self, LineColumn, MAX_DEPTH, Positions, ScanError};

mod actors;
mod initiative;
mod sources;
mod tours;
mod values;

const FORMAT: &str = "microlateral-atlas/initiatives";
const VERSION: u64 = 1;

const TOP_FIELDS: &[&str] = &["format", "version", "initiatives", "tours"];

const EXPECTED_ID: &str = "lowercase a-z, 0-9 and single hyphens, like oslo-accords";
/// What the whole file should be, for errors about the whole file.
const EXPECTED_FILE: &str = "a JSON object with \"format\", \"version\" and \"initiatives\" \
     (see docs/data-format.md)";

/// Checks a whole file. Returns the dataset only if no error was found, and every problem
/// (errors and warnings) in any case.
pub(super) fn check(
    file: &str,
    bytes: &[u8],
    codes: &impl CountryCodes,
    rules: Rules,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    let mut checker = Checker {
        file,
        rules,
        text: "",
        positions: None,
        codes,
        all_codes: None,
        off_map: std::collections::BTreeMap::new(),
        diagnostics: Vec::new(),
    };
    let dataset = checker.file(bytes);
    checker.off_map_warning();
    (dataset, checker.diagnostics)
}

/// One file being checked: where its values are, for messages, and the problems found so far.
struct Checker<'a, C> {
    file: &'a str,
    rules: Rules,
    /// The file's text, once decoded, for finding positions.
    text: &'a str,
    /// Where each value is, scanned the first time a message needs a position.
    positions: Option<Positions>,
    codes: &'a C,
    /// The world's codes, fetched on the first unknown code.
    all_codes: Option<Vec<String>>,
    /// Real countries the file names that this map lacks, by code, with their names: reported
    /// once, together, at the end.
    off_map: std::collections::BTreeMap<String, &'static str>,
    diagnostics: Vec<Diagnostic>,
}

/// The kind of a JSON value, as an error message names it.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Line and column of the byte at `offset` in `bytes`, counting columns in characters.
fn line_column_at(bytes: &[u8], offset: usize) -> LineColumn {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
        + 1;
    (line, column)
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl<'a, C: CountryCodes> Checker<'a, C> {
    /// A checker for part of the same file, whose findings [`Self::join`] adds to this one's.
    fn fork(&self) -> Self {
        Checker {
            file: self.file,
            rules: self.rules,
            text: self.text,
            positions: None,
            codes: self.codes,
            all_codes: None,
            off_map: std::collections::BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Adds what a [`Self::fork`] found.
    fn join(&mut self, other: Self) {
        self.diagnostics.extend(other.diagnostics);
        self.off_map.extend(other.off_map);
        // Positions scanned for a message of the fork's serve later messages too.
        if self.positions.is_none() {
            self.positions = other.positions;
        }
    }

    /// Where the file's values are, scanned on first use: most files need no position at all.
    fn positions(&mut self) -> &mut Positions {
        let text = self.text;
        self.positions
            .get_or_insert_with(|| json_locate::scan(text).unwrap_or_default())
    }

    fn report(
        &mut self,
        severity: Severity,
        (line, column): LineColumn,
        path: &str,
        message: String,
        expected: Option<String>,
        suggestion: Option<String>,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.file.to_owned(),
            line,
            column,
            path: path.to_owned(),
            message,
            expected,
            suggestion,
        });
    }

    /// An error about the value at `path`.
    fn error(&mut self, path: &str, message: String, expected: impl Into<String>) {
        let at = self.positions().value(path);
        self.report(
            Severity::Error,
            at,
            path,
            message,
            Some(expected.into()),
            None,
        );
    }

    /// An error about the value at `path`, with the closest accepted values, if any.
    fn error_suggesting(&mut self, path: &str, message: String, expected: String, near: Vec<&str>) {
        let at = self.positions().value(path);
        let suggestion = (!near.is_empty()).then(|| near.join(", "));
        self.report(
            Severity::Error,
            at,
            path,
            message,
            Some(expected),
            suggestion,
        );
    }

    fn warning(&mut self, path: &str, message: String, expected: Option<String>) {
        let at = self.positions().value(path);
        self.report(Severity::Warning, at, path, message, expected, None);
    }

    /// An error for the whole file, at its start.
    fn file_error(&mut self, at: LineColumn, message: String, expected: &str) {
        self.report(
            Severity::Error,
            at,
            "",
            message,
            Some(expected.to_owned()),
            None,
        );
    }

    /// One warning for all the countries the file names that the map lacks: a 1:110m map has no
    /// Singapore or Bahrain, and one line per role would bury the other warnings.
    fn off_map_warning(&mut self) {
        const LISTED: usize = 40;
        if self.off_map.is_empty() {
            return;
        }
        let count = self.off_map.len();
        let mut names: Vec<String> = self
            .off_map
            .iter()
            .take(LISTED)
            .map(|(code, name)| format!("{name} ({code})"))
            .collect();
        if count > LISTED {
            names.push(format!("and {} more", count - LISTED));
        }
        let (states, are) = if count == 1 {
            ("state", "is")
        } else {
            ("states", "are")
        };
        self.report(
            Severity::Warning,
            (1, 1),
            "",
            format!(
                "{count} {states} named here {are} not on this map, so their roles are kept but \
                 not drawn: {}",
                names.join(", ")
            ),
            None,
            None,
        );
    }

    /// The whole file: its text, its JSON, its header, then its initiatives and its tours. Each
    /// step that cannot go on without the one before stops at it.
    fn file(&mut self, bytes: &'a [u8]) -> Option<Dataset> {
        let text = self.text(bytes)?;
        self.text = text;
        let root = self.json(text)?;
        let dataset = self.dataset(&root);
        // Freeing the value tree of a large file takes a fifth of its check: it is freed on
        // another thread, so the dataset is ready that much sooner.
        if text.len() > 1 << 20 {
            // If no thread can be made, the closure and the tree are dropped right here.
            let _ = std::thread::Builder::new()
                .name("free checked json".to_owned())
                .spawn(move || drop(root));
        }
        dataset
    }

    /// The dataset from the file's JSON: its header, then its initiatives and its tours.
    fn dataset(&mut self, root: &Value) -> Option<Dataset> {
        let top = self.object(root, "", "the file", TOP_FIELDS, EXPECTED_FILE)?;
        self.header(top);
        let list = self.required(top, "", "initiatives", "a list of initiatives")?;
        let items = self.array(list, "initiatives", "a list of initiatives")?;
        let initiatives = self.initiatives(items)?;
        // Tours refer to initiatives, so they are checked once all initiatives are known.
        let tours = match top.get("tours") {
            Some(value) => self.tours(value, &initiatives)?,
            None => Vec::new(),
        };
        Some(Dataset { initiatives, tours })
    }

    /// The file as text: UTF-8 (a byte order mark is skipped) and not empty.
    fn text<'b>(&mut self, bytes: &'b [u8]) -> Option<&'b str> {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.valid_up_to();
                let at = line_column_at(bytes, offset);
                let byte = bytes.get(offset).copied().unwrap_or(0);
                self.file_error(
                    at,
                    format!("the file is not UTF-8 text (byte 0x{byte:02X} cannot start a character here)"),
                    "UTF-8 text; save the file as UTF-8",
                );
                return None;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            self.file_error((1, 1), "the file is empty".to_owned(), EXPECTED_FILE);
            return None;
        }
        Some(text)
    }

    /// The file's JSON, with the positions of its values for later messages. Syntax errors and
    /// fields written twice are reported here, before any value is checked.
    fn json(&mut self, text: &str) -> Option<Value> {
        // The shape first: the scanner refuses deep nesting before serde_json recurses into it.
        let duplicates = match json_locate::check_shape(text) {
            Ok(duplicates) => duplicates,
            Err(ScanError::TooDeep(at)) => {
                self.file_error(
                    at,
                    format!("arrays and objects are nested more than {MAX_DEPTH} levels deep"),
                    "the shallow structure of docs/data-format.md",
                );
                return None;
            }
            // serde_json describes syntax errors better; it runs next.
            Err(ScanError::Syntax) => false,
        };
        let root: Value = match serde_json::from_str(text) {
            Ok(root) => root,
            Err(e) => {
                let message = e.to_string();
                let message = message
                    .rfind(" at line ")
                    .map_or(message.as_str(), |i| &message[..i]);
                // serde_json counts columns in bytes; count characters like everything else.
                let at = serde_column_in_chars(text, e.line(), e.column());
                // serde_json's message already says what it expected.
                self.report(
                    Severity::Error,
                    at,
                    "",
                    format!(
                        "malformed JSON: {message} (look for a missing comma, quote or bracket \
                         at or just before this point)"
                    ),
                    None,
                    None,
                );
                return None;
            }
        };
        let duplicate_keys = if duplicates {
            std::mem::take(&mut self.positions().duplicate_keys)
        } else {
            Vec::new()
        };
        for (path, at) in duplicate_keys {
            self.report(
                Severity::Error,
                at,
                &path,
                "this field is written twice in the same object".to_owned(),
                Some("each field once (the second would silently replace the first)".to_owned()),
                None,
            );
        }
        Some(root)
    }

    /// The `format` and `version` fields. A wrong one is reported, and the rest of the file is
    /// still checked so every problem shows at once.
    fn header(&mut self, top: &Map<String, Value>) {
        if let Some(format) = self.required(top, "", "format", "a string")
            && format.as_str() != Some(FORMAT)
        {
            self.error(
                "format",
                format!("the format is {format}"),
                format!("\"{FORMAT}\""),
            );
        }
        if let Some(version) = self.required(top, "", "version", "a number")
            && version.as_u64() != Some(VERSION)
        {
            self.error(
                "version",
                format!("version {version} is not supported"),
                format!("{VERSION}"),
            );
        }
    }
}

/// serde_json's (line, column) with the column counted in characters rather than bytes.
fn serde_column_in_chars(text: &str, line: usize, byte_column: usize) -> LineColumn {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line, byte_column);
    };
    let bytes = byte_column.min(line_text.len());
    let column = line_text.as_bytes()[..bytes]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, column.max(1))
}
