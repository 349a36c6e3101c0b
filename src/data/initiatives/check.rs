//! From the bytes of a dataset file to a [`Dataset`], checking everything on the way.
//!
//! The file is parsed into a `serde_json::Value` and then walked by hand rather than
//! deserialised with derived types: a derived deserialiser stops at the first problem, and
//! analysts fixing a file by hand want every problem at once. Each check that fails records a
//! [`Diagnostic`] and yields `None`, so a broken value never reaches the model and one mistake
//! does not cascade into others.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{
    Actor, ActorId, Category, Confidence, CountryCodes, Dataset, Diagnostic, Initiative, Kind,
    Milestone, Role, Severity, Source, Status, Tour,
};
use crate::data::date::FuzzyDate;
use crate::data::json_locate::{
    self, LineColumn, MAX_DEPTH, Positions, ScanError, index_path, key_path,
};
use crate::data::suggest::closest;

const FORMAT: &str = "microlateral-atlas/initiatives";
const VERSION: u64 = 1;

const TOP_FIELDS: &[&str] = &["format", "version", "initiatives", "tours"];
const TOUR_FIELDS: &[&str] = &["id", "name", "steps"];
const STEP_FIELDS: &[&str] = &["initiative", "milestone"];
const INITIATIVE_FIELDS: &[&str] = &[
    "id",
    "name",
    "kind",
    "category",
    "status",
    "summary",
    "start",
    "end",
    "outcome",
    "essay_quote",
    "sources",
    "actors",
    "milestones",
    "confidence",
    "note",
];
const SOURCE_FIELDS: &[&str] = &["id", "title", "url"];
const ACTOR_FIELDS: &[&str] = &[
    "state",
    "org",
    "name",
    "role",
    "joined",
    "sources",
    "confidence",
    "note",
];
const MILESTONE_FIELDS: &[&str] = &["date", "title", "outcome", "sources", "confidence", "note"];

const EXPECTED_ID: &str = "lowercase a-z, 0-9 and single hyphens, like oslo-accords";
const EXPECTED_CODE: &str = "an ISO 3166-1 alpha-3 code of the world map";

/// Checks a whole file. Returns the dataset only if no error was found, and every problem
/// (errors and warnings) in any case.
pub(super) fn check(
    file: &str,
    bytes: &[u8],
    codes: &impl CountryCodes,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    let mut checker = Checker {
        file,
        positions: Positions::default(),
        codes,
        all_codes: None,
        diagnostics: Vec::new(),
    };
    let dataset = checker.file(bytes);
    (dataset, checker.diagnostics)
}

struct Checker<'a, C> {
    file: &'a str,
    positions: Positions,
    codes: &'a C,
    /// The world's codes, fetched on the first unknown code.
    all_codes: Option<Vec<String>>,
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

impl<C: CountryCodes> Checker<'_, C> {
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
        let at = self.positions.value(path);
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
        let at = self.positions.value(path);
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
        let at = self.positions.value(path);
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

    fn file(&mut self, bytes: &[u8]) -> Option<Dataset> {
        const EXPECTED_FILE: &str = "a JSON object with \"format\", \"version\" and \"initiatives\" \
             (see docs/data-format.md)";
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
        // Positions first: the scanner refuses deep nesting before serde_json recurses into it.
        match json_locate::scan(text) {
            Ok(positions) => self.positions = positions,
            Err(ScanError::TooDeep(at)) => {
                self.file_error(
                    at,
                    format!("arrays and objects are nested more than {MAX_DEPTH} levels deep"),
                    "the shallow structure of docs/data-format.md",
                );
                return None;
            }
            // serde_json describes syntax errors better; it runs next.
            Err(ScanError::Syntax) => {}
        }
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
        for (path, at) in std::mem::take(&mut self.positions.duplicate_keys) {
            self.report(
                Severity::Error,
                at,
                &path,
                "this field is written twice in the same object".to_owned(),
                Some("each field once (the second would silently replace the first)".to_owned()),
                None,
            );
        }

        let top = self.object(&root, "", "the file", TOP_FIELDS, EXPECTED_FILE)?;
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
        let list = self.required(top, "", "initiatives", "a list of initiatives")?;
        let items = self.array(list, "initiatives", "a list of initiatives")?;

        let mut initiatives = Vec::with_capacity(items.len());
        let mut first_use: HashMap<String, String> = HashMap::new();
        let mut all_valid = true;
        for (index, item) in items.iter().enumerate() {
            let path = index_path("initiatives", index);
            // Duplicate ids are checked here, where all initiatives are in view.
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                if let Some(first) = first_use.get(id) {
                    let first_line = self.positions.value(first).0;
                    let id_path = key_path(&path, "id");
                    self.error(
                        &id_path,
                        format!(
                            "duplicate id \"{id}\": {first} (line {first_line}) already has it"
                        ),
                        "an id used by one initiative only",
                    );
                } else {
                    first_use.insert(id.to_owned(), key_path(&path, "id"));
                }
            }
            match self.initiative(item, &path) {
                Some(initiative) => initiatives.push(initiative),
                None => all_valid = false,
            }
        }
        // Tours refer to initiatives, so they are checked once all initiatives are known.
        let tours = match (all_valid, top.get("tours")) {
            (true, Some(value)) => self.tours(value, &initiatives),
            (true, None) => Some(Vec::new()),
            (false, _) => None,
        };
        tours.map(|tours| Dataset { initiatives, tours })
    }

    /// The optional `tours`: each an id, a name, and steps naming an initiative and, optionally,
    /// one of its milestones (counted from 1; without it, every milestone in order).
    fn tours(&mut self, value: &Value, initiatives: &[Initiative]) -> Option<Vec<Tour>> {
        let items = self.array(value, "tours", "a list of tours")?;
        let mut tours = Vec::with_capacity(items.len());
        let mut ids: Vec<String> = Vec::new();
        let mut all_valid = true;
        for (index, item) in items.iter().enumerate() {
            let path = index_path("tours", index);
            let Some(map) = self.object(
                item,
                &path,
                "a tour",
                TOUR_FIELDS,
                "{\"id\", \"name\", \"steps\"}",
            ) else {
                all_valid = false;
                continue;
            };
            let id = self.required_string(map, &path, "id");
            let name = self.required_string(map, &path, "name");
            if let Some(id) = &id {
                if ids.contains(id) {
                    self.error(
                        &key_path(&path, "id"),
                        format!("duplicate tour id \"{id}\""),
                        "an id used by one tour only",
                    );
                    all_valid = false;
                }
                ids.push(id.clone());
            }
            let steps = self.list(
                map,
                &path,
                "steps",
                "a list of steps",
                |this, value, step_path| this.tour_step(value, step_path, initiatives),
            );
            match (id, name, steps) {
                (Some(id), Some(name), Some(steps)) => tours.push(Tour {
                    id,
                    name,
                    steps: steps.into_iter().flatten().collect(),
                }),
                _ => all_valid = false,
            }
        }
        all_valid.then_some(tours)
    }

    fn tour_step(
        &mut self,
        value: &Value,
        path: &str,
        initiatives: &[Initiative],
    ) -> Option<Vec<(usize, usize)>> {
        let map = self.object(
            value,
            path,
            "a step",
            STEP_FIELDS,
            "{\"initiative\": ID, \"milestone\": N}",
        )?;
        let id = self.required_string(map, path, "initiative")?;
        let Some(index) = initiatives.iter().position(|i| i.id == id) else {
            let known: Vec<&str> = initiatives.iter().map(|i| i.id.as_str()).collect();
            let near = closest(&id, known.iter().copied());
            self.error_suggesting(
                &key_path(path, "initiative"),
                format!("unknown initiative \"{id}\""),
                "the id of an initiative in this file".to_owned(),
                near,
            );
            return None;
        };
        let count = initiatives[index].milestones.len();
        match map.get("milestone") {
            None => Some((0..count).map(|m| (index, m)).collect()),
            Some(value) => match value.as_u64() {
                Some(n) if n >= 1 && (n as usize) <= count => Some(vec![(index, n as usize - 1)]),
                _ => {
                    self.error(
                        &key_path(path, "milestone"),
                        format!("found {value}"),
                        format!("a milestone number from 1 to {count} (\"{id}\" has {count})"),
                    );
                    None
                }
            },
        }
    }

    /// The value as an object, reporting any field not in `fields`.
    fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        what: &str,
        fields: &[&str],
        expected: &str,
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = value else {
            self.error(
                path,
                format!("{what} is {}", kind_of(value)),
                expected.to_owned(),
            );
            return None;
        };
        for key in map.keys() {
            if !fields.contains(&key.as_str()) {
                let key_path = key_path(path, key);
                let at = self.positions.key(&key_path);
                let near = closest(key, fields.iter().copied());
                self.report(
                    Severity::Error,
                    at,
                    &key_path,
                    format!("unknown field \"{key}\""),
                    Some(format!("one of {}", fields.join(", "))),
                    (!near.is_empty()).then(|| near.join(", ")),
                );
            }
        }
        Some(map)
    }

    fn array<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        expected: &str,
    ) -> Option<&'v Vec<Value>> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.error(path, format!("found {}", kind_of(other)), expected);
                None
            }
        }
    }

    /// A field that must be present.
    fn required<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        name: &str,
        expected: &str,
    ) -> Option<&'v Value> {
        let value = map.get(name);
        if value.is_none() {
            self.error(
                path,
                format!("missing required field \"{name}\""),
                format!("\"{name}\": {expected}"),
            );
        }
        value
    }

    /// A non-empty string.
    fn string(&mut self, value: &Value, path: &str) -> Option<String> {
        match value {
            Value::String(s) if s.trim().is_empty() => {
                self.error(path, "the text is empty".to_owned(), "some text");
                None
            }
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(path, format!("found {}", kind_of(other)), "a string");
                None
            }
        }
    }

    fn required_string(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Option<String> {
        let value = self.required(map, path, name, "a string")?;
        self.string(value, &key_path(path, name))
    }

    /// An optional string: `Some(None)` when absent, `None` when present but wrong.
    fn optional_string(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Option<Option<String>> {
        match map.get(name) {
            None => Some(None),
            Some(value) => self.string(value, &key_path(path, name)).map(Some),
        }
    }

    fn date(&mut self, value: &Value, path: &str) -> Option<FuzzyDate> {
        let Value::String(text) = value else {
            self.error(
                path,
                format!("found {}", kind_of(value)),
                format!("a string holding {}", crate::data::date::EXPECTED_DATE),
            );
            return None;
        };
        match FuzzyDate::parse(text) {
            Ok(date) => Some(date),
            Err(e) => {
                self.error(path, format!("invalid date: {}", e.problem()), e.expected());
                None
            }
        }
    }

    fn required_date(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Option<FuzzyDate> {
        let value = self.required(map, path, name, "a date")?;
        self.date(value, &key_path(path, name))
    }

    /// One word of a closed vocabulary, with a suggestion when it is misspelt.
    fn word<T: Copy>(
        &mut self,
        value: &Value,
        path: &str,
        all: &[T],
        id: impl Fn(&T) -> &'static str,
    ) -> Option<T> {
        let ids: Vec<&'static str> = all.iter().map(&id).collect();
        let expected = format!("one of {}", ids.join(", "));
        let Value::String(text) = value else {
            self.error(path, format!("found {}", kind_of(value)), expected);
            return None;
        };
        if let Some(found) = all.iter().find(|v| id(v) == text) {
            return Some(*found);
        }
        let near = closest(text, ids.iter().copied());
        self.error_suggesting(path, format!("unknown value \"{text}\""), expected, near);
        None
    }

    fn required_word<T: Copy>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
        all: &[T],
        id: impl Fn(&T) -> &'static str,
    ) -> Option<T> {
        let value = self.required(map, path, name, "a word from the format's list")?;
        self.word(value, &key_path(path, name), all, id)
    }

    fn confidence(&mut self, map: &Map<String, Value>, path: &str) -> Option<Confidence> {
        match map.get("confidence") {
            None => Some(Confidence::Verified),
            Some(value) => self.word(
                value,
                &key_path(path, "confidence"),
                &Confidence::ALL,
                Confidence::id,
            ),
        }
    }

    fn initiative(&mut self, value: &Value, path: &str) -> Option<Initiative> {
        let map = self.object(
            value,
            path,
            "an initiative",
            INITIATIVE_FIELDS,
            "an initiative object",
        )?;
        let id = self.required_string(map, path, "id");
        if let Some(id) = &id
            && !is_valid_id(id)
        {
            self.error(
                &key_path(path, "id"),
                format!("malformed id \"{id}\""),
                EXPECTED_ID,
            );
        }
        let name = self.required_string(map, path, "name");
        let kind = self.required_word(map, path, "kind", &Kind::ALL, Kind::id);
        let category = self.required_word(map, path, "category", &Category::ALL, Category::id);
        let status = self.required_word(map, path, "status", &Status::ALL, Status::id);
        let summary = self.required_string(map, path, "summary");
        let start = self.required_date(map, path, "start");
        let end_path = key_path(path, "end");
        let end = match self.required(map, path, "end", "a date, or null for an open-ended effort")
        {
            None => None,
            Some(Value::Null) => Some(None),
            Some(value) => self.date(value, &end_path).map(Some),
        };
        // An end before the start is reported and then treated as invalid, so no model (and no
        // span warning) is built from it.
        let end = match (start, end) {
            (Some(start), Some(Some(end_date))) if end_date.end_day() < start.start_day() => {
                self.error(
                    &end_path,
                    format!("the end ({end_date}) is before the start ({start})"),
                    "an end on or after the start, or null for an open-ended effort",
                );
                None
            }
            (_, end) => end,
        };
        let outcome = self.required_string(map, path, "outcome");
        let essay_quote = self.required_string(map, path, "essay_quote");
        let sources = self.sources(map, path);
        let source_ids: Option<HashMap<&str, usize>> = sources.as_ref().map(|sources| {
            sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect()
        });
        let actors = self.list(map, path, "actors", "a list of actors", |c, item, p| {
            c.actor(item, p, source_ids.as_ref())
        });
        let milestones = self.list(
            map,
            path,
            "milestones",
            "a list of milestones",
            |c, item, p| c.milestone(item, p, source_ids.as_ref()),
        );
        let confidence = self.confidence(map, path);
        let note = self.optional_string(map, path, "note");

        let initiative = Initiative {
            id: id?,
            name: name?,
            kind: kind?,
            category: category?,
            status: status?,
            summary: summary?,
            start: start?,
            end: end?,
            outcome: outcome?,
            essay_quote: essay_quote?,
            sources: sources?,
            actors: actors?,
            milestones: milestones?,
            confidence: confidence?,
            note: note?,
        };
        self.warnings(&initiative, path);
        Some(initiative)
    }

    /// A required list whose items are checked one by one; `None` if any item is wrong, after
    /// checking them all.
    fn list<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
        expected: &str,
        mut item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let value = self.required(map, path, name, expected)?;
        let list_path = key_path(path, name);
        let items = self.array(value, &list_path, expected)?;
        let mut out = Vec::with_capacity(items.len());
        let mut all_valid = true;
        for (index, value) in items.iter().enumerate() {
            match item(self, value, &index_path(&list_path, index)) {
                Some(checked) => out.push(checked),
                None => all_valid = false,
            }
        }
        all_valid.then_some(out)
    }

    fn sources(&mut self, map: &Map<String, Value>, path: &str) -> Option<Vec<Source>> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let sources = self.list(map, path, "sources", "a list of sources", |c, item, p| {
            let source = c.source(item, p)?;
            if let Some(first) = seen.get(&source.id) {
                c.error(
                    &key_path(p, "id"),
                    format!(
                        "duplicate source id \"{}\": {first} already has it",
                        source.id
                    ),
                    "a source id used once in its initiative",
                );
                return None;
            }
            seen.insert(source.id.clone(), key_path(p, "id"));
            Some(source)
        })?;
        if !sources.iter().any(|s| s.id == "essay") {
            self.error(
                &key_path(path, "sources"),
                "the essay is not among the sources".to_owned(),
                "a source with the id \"essay\" (see docs/data-format.md)",
            );
            return None;
        }
        Some(sources)
    }

    fn source(&mut self, value: &Value, path: &str) -> Option<Source> {
        let map = self.object(
            value,
            path,
            "a source",
            SOURCE_FIELDS,
            "a source {\"id\", \"title\", \"url\"}",
        )?;
        let id = self.required_string(map, path, "id");
        if let Some(id) = &id
            && !is_valid_id(id)
        {
            self.error(
                &key_path(path, "id"),
                format!("malformed source id \"{id}\""),
                EXPECTED_ID,
            );
            return None;
        }
        let title = self.required_string(map, path, "title");
        let url = self.required_string(map, path, "url");
        if let Some(url) = &url
            && (!url.starts_with("https://") || url.len() <= "https://".len())
        {
            self.error(
                &key_path(path, "url"),
                format!("\"{url}\" is not a full https:// address"),
                "a full address starting with https://",
            );
            return None;
        }
        Some(Source {
            id: id?,
            title: title?,
            url: url?,
        })
    }

    /// The `sources` of an actor or milestone: at least one, each an id of the initiative's
    /// sources. When the initiative's own sources are broken, references are not checked, so
    /// one mistake does not show up as many.
    fn source_refs(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        what: &str,
        source_ids: Option<&HashMap<&str, usize>>,
    ) -> Option<Vec<usize>> {
        let expected = "at least one source id from this initiative's sources";
        let value = self.required(map, path, "sources", "a list of source ids")?;
        let list_path = key_path(path, "sources");
        let items = self.array(value, &list_path, "a list of source ids")?;
        if items.is_empty() {
            self.error(&list_path, format!("{what} has no source"), expected);
            return None;
        }
        let mut refs = Vec::with_capacity(items.len());
        let mut all_valid = true;
        for (index, item) in items.iter().enumerate() {
            let item_path = index_path(&list_path, index);
            let Some(id) = self.string(item, &item_path) else {
                all_valid = false;
                continue;
            };
            let Some(source_ids) = source_ids else {
                all_valid = false;
                continue;
            };
            match source_ids.get(id.as_str()) {
                Some(&i) => refs.push(i),
                None => {
                    let mut known: Vec<&str> = source_ids.keys().copied().collect();
                    known.sort_unstable();
                    let near = closest(&id, known.iter().copied());
                    self.error_suggesting(
                        &item_path,
                        format!("unknown source id \"{id}\""),
                        format!("one of this initiative's sources: {}", known.join(", ")),
                        near,
                    );
                    all_valid = false;
                }
            }
        }
        all_valid.then_some(refs)
    }

    fn actor(
        &mut self,
        value: &Value,
        path: &str,
        source_ids: Option<&HashMap<&str, usize>>,
    ) -> Option<Actor> {
        let map = self.object(value, path, "an actor", ACTOR_FIELDS, "an actor object")?;
        let actor = match (map.get("state"), map.get("org")) {
            (Some(_), Some(_)) => {
                self.error(
                    path,
                    "an actor has both \"state\" and \"org\"".to_owned(),
                    "either a state or an org, never both",
                );
                None
            }
            (None, None) => {
                self.error(
                    path,
                    "missing required field \"state\" or \"org\"".to_owned(),
                    "\"state\": an ISO 3166-1 alpha-3 code, or \"org\" and \"name\" for a non-state actor",
                );
                None
            }
            (Some(state), None) => {
                if map.contains_key("name") {
                    let at = self.positions.key(&key_path(path, "name"));
                    self.report(
                        Severity::Error,
                        at,
                        &key_path(path, "name"),
                        "a state has a \"name\"".to_owned(),
                        Some("no name for a state: the world map supplies it".to_owned()),
                        None,
                    );
                }
                let state_path = key_path(path, "state");
                self.string(state, &state_path)
                    .and_then(|code| self.country_code(code, &state_path))
                    .map(ActorId::State)
            }
            (None, Some(org)) => {
                let short = self.string(org, &key_path(path, "org"));
                let name = self.required_string(map, path, "name");
                short
                    .zip(name)
                    .map(|(short, name)| ActorId::Org { short, name })
            }
        };
        let role = self.required_word(map, path, "role", &Role::ALL, Role::id);
        let joined = match map.get("joined") {
            None => Some(None),
            Some(value) => self.date(value, &key_path(path, "joined")).map(Some),
        };
        let sources = self.source_refs(map, path, "the actor", source_ids);
        let confidence = self.confidence(map, path);
        let note = self.optional_string(map, path, "note");
        Some(Actor {
            actor: actor?,
            role: role?,
            joined: joined?,
            sources: sources?,
            confidence: confidence?,
            note: note?,
        })
    }

    fn country_code(&mut self, code: String, path: &str) -> Option<String> {
        if self.codes.has_code(&code) {
            return Some(code);
        }
        let all = self.all_codes.get_or_insert_with(|| self.codes.all_codes());
        let near: Vec<String> = closest(&code, all.iter().map(String::as_str))
            .into_iter()
            .map(str::to_owned)
            .collect();
        self.error_suggesting(
            path,
            format!("unknown country code \"{code}\""),
            EXPECTED_CODE.to_owned(),
            near.iter().map(String::as_str).collect(),
        );
        None
    }

    fn milestone(
        &mut self,
        value: &Value,
        path: &str,
        source_ids: Option<&HashMap<&str, usize>>,
    ) -> Option<Milestone> {
        let map = self.object(
            value,
            path,
            "a milestone",
            MILESTONE_FIELDS,
            "a milestone object",
        )?;
        let date = self.required_date(map, path, "date");
        let title = self.required_string(map, path, "title");
        let outcome = self.required_string(map, path, "outcome");
        let sources = self.source_refs(map, path, "the milestone", source_ids);
        let confidence = self.confidence(map, path);
        let note = self.optional_string(map, path, "note");
        Some(Milestone {
            date: date?,
            title: title?,
            outcome: outcome?,
            sources: sources?,
            confidence: confidence?,
            note: note?,
        })
    }

    /// Problems that do not stop a valid initiative loading.
    fn warnings(&mut self, initiative: &Initiative, path: &str) {
        let (start, end) = (
            initiative.start.start_day(),
            initiative.end.map(|e| e.end_day()),
        );
        for (index, milestone) in initiative.milestones.iter().enumerate() {
            let date = milestone.date;
            if date.start_day() < start || end.is_some_and(|end| date.end_day() > end) {
                let date_path = key_path(&index_path(&key_path(path, "milestones"), index), "date");
                self.warning(
                    &date_path,
                    format!(
                        "the milestone ({date}) falls outside its effort's span ({})",
                        initiative.span_label()
                    ),
                    Some("a date between the effort's start and end".to_owned()),
                );
            }
        }
        for (index, actor) in initiative.actors.iter().enumerate() {
            let Some(code) = actor.actor.state_code() else {
                continue;
            };
            let is_lead_too = initiative
                .actors
                .iter()
                .any(|a| a.role == Role::Lead && a.actor.state_code() == Some(code));
            if actor.role == Role::Participant && is_lead_too {
                let state_path = key_path(&index_path(&key_path(path, "actors"), index), "state");
                self.warning(
                    &state_path,
                    format!(
                        "{code} is both lead and participant in this effort (it counts as lead)"
                    ),
                    Some("either lead or participant, not both".to_owned()),
                );
            }
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
