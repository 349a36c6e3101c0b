//! Initiatives and their milestones, and the warnings about a valid initiative.

use std::collections::HashMap;

use serde_json::Value;

use super::{Checker, EXPECTED_ID, is_valid_id};
use crate::data::initiatives::{Category, CountryCodes, Initiative, Kind, Milestone, Role, Status};
use crate::data::json_locate::{index_path, key_path};

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
const MILESTONE_FIELDS: &[&str] = &[
    "date",
    "title",
    "outcome",
    "sources",
    "confidence",
    "note",
    "notes",
];

/// Lists at least this long are checked on two cores; shorter ones are not worth a thread.
const PARALLEL_FROM: usize = 512;

impl<C: CountryCodes> Checker<'_, C> {
    /// Every initiative of the file, or `None` if any is wrong (after checking them all).
    pub(super) fn initiatives(&mut self, items: &[Value]) -> Option<Vec<Initiative>> {
        let mut first_use: HashMap<String, String> = HashMap::new();
        for (index, item) in items.iter().enumerate() {
            // Duplicate ids are checked here, where all initiatives are in view.
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                let path = index_path("initiatives", index);
                if let Some(first) = first_use.get(id) {
                    let first_line = self.positions().value(first).0;
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
        }
        // Each initiative is checked on its own: a long list is split between two cores, each
        // half by a checker of its own whose findings join this one's.
        let checked: Vec<Option<Initiative>> = if items.len() >= PARALLEL_FROM {
            let (first, second) = items.split_at(items.len() / 2);
            let mut other = self.fork();
            let (mut checked, other) = std::thread::scope(|scope| {
                let second = scope.spawn(move || {
                    let checked = other.initiative_run(second, first.len());
                    (checked, other)
                });
                let checked = self.initiative_run(first, 0);
                let (rest, other) = second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                ((checked, rest), other)
            });
            self.join(other);
            checked.0.append(&mut checked.1);
            checked.0
        } else {
            self.initiative_run(items, 0)
        };
        checked.into_iter().collect()
    }

    /// Checks `items`, the initiatives from index `offset` on.
    fn initiative_run(&mut self, items: &[Value], offset: usize) -> Vec<Option<Initiative>> {
        items
            .iter()
            .enumerate()
            .map(|(k, item)| self.initiative(item, &index_path("initiatives", offset + k)))
            .collect()
    }

    pub(super) fn initiative(&mut self, value: &Value, path: &str) -> Option<Initiative> {
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
        let summary = self.text_unless_bundled(map, path, "summary");
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
        let outcome = self.text_unless_bundled(map, path, "outcome");
        let essay_quote = if self.rules.essay {
            self.required_string(map, path, "essay_quote")
        } else {
            self.optional_string(map, path, "essay_quote")
                .map(Option::unwrap_or_default)
        };
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
        self.periods(&initiative, path);
        self.warnings(&initiative, path);
        Some(initiative)
    }

    pub(super) fn milestone(
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
        let notes = self.optional_string(map, path, "notes");
        Some(Milestone {
            date: date?,
            title: title?,
            outcome: outcome?,
            sources: sources?,
            confidence: confidence?,
            note: note?,
            notes: notes?,
        })
    }

    /// Problems that do not stop a valid initiative loading.
    pub(super) fn warnings(&mut self, initiative: &Initiative, path: &str) {
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
