//! Readers of single JSON values: objects, lists, strings, dates and words of a closed
//! vocabulary. Each reports what is wrong at the value's path and yields `None`.

use serde_json::{Map, Value};

use super::{Checker, kind_of};
use crate::data::date::FuzzyDate;
use crate::data::initiatives::{Confidence, CountryCodes, Severity};
use crate::data::json_locate::{index_path, key_path};
use crate::data::suggest::closest;

impl<C: CountryCodes> Checker<'_, C> {
    /// The value as an object, reporting any field not in `fields`.
    pub(super) fn object<'v>(
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
                let at = self.positions().key(&key_path);
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

    pub(super) fn array<'v>(
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
    pub(super) fn required<'v>(
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
    pub(super) fn string(&mut self, value: &Value, path: &str) -> Option<String> {
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

    pub(super) fn required_string(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Option<String> {
        let value = self.required(map, path, name, "a string")?;
        self.string(value, &key_path(path, name))
    }

    /// A text the bundled file must give but an analyst's may leave empty (or out): a table
    /// of memberships has no summary or outcome to give.
    pub(super) fn text_unless_bundled(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Option<String> {
        if self.rules.essay {
            return self.required_string(map, path, name);
        }
        match map.get(name) {
            None => Some(String::new()),
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(
                    &key_path(path, name),
                    format!("found {}", kind_of(other)),
                    "a string",
                );
                None
            }
        }
    }

    /// An optional string: `Some(None)` when absent, `None` when present but wrong.
    pub(super) fn optional_string(
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

    /// An optional date field: `Some(None)` when it is absent, `None` when it is there but
    /// not a date (reported).
    pub(super) fn optional_date(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Option<FuzzyDate>> {
        match map.get(key) {
            None => Some(None),
            Some(value) => self.date(value, &key_path(path, key)).map(Some),
        }
    }

    pub(super) fn date(&mut self, value: &Value, path: &str) -> Option<FuzzyDate> {
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

    pub(super) fn required_date(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Option<FuzzyDate> {
        let value = self.required(map, path, name, "a date")?;
        self.date(value, &key_path(path, name))
    }

    /// One word of a closed vocabulary, with a suggestion when it is misspelt.
    pub(super) fn word<T: Copy>(
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

    pub(super) fn required_word<T: Copy>(
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

    pub(super) fn confidence(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
    ) -> Option<Confidence> {
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

    /// A required list whose items are checked one by one; `None` if any item is wrong, after
    /// checking them all.
    pub(super) fn list<T>(
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
}
