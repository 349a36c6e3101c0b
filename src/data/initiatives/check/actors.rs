//! The actors of an initiative: states, by their code on the world map, and organisations.

use std::collections::HashMap;

use serde_json::Value;

use super::Checker;
use crate::data::initiatives::{Actor, ActorId, CountryCodes, Initiative, Role, Severity};
use crate::data::json_locate::{index_path, key_path};
use crate::data::suggest::closest;

const ACTOR_FIELDS: &[&str] = &[
    "state",
    "org",
    "name",
    "role",
    "joined",
    "left",
    "territory",
    "sources",
    "confidence",
    "note",
];
const EXPECTED_CODE: &str = "an ISO 3166-1 alpha-3 code of the world map";

impl<C: CountryCodes> Checker<'_, C> {
    pub(super) fn actor(
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
                    let at = self.positions().key(&key_path(path, "name"));
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
        let joined = self.optional_date(map, path, "joined");
        let left = self.optional_date(map, path, "left");
        let territory = self.territory(map, path);
        let sources = self.source_refs(map, path, "the actor", source_ids);
        let confidence = self.confidence(map, path);
        let note = self.optional_string(map, path, "note");
        Some(Actor {
            actor: actor?,
            role: role?,
            joined: joined?,
            left: left?,
            territory: territory?,
            sources: sources?,
            confidence: confidence?,
            note: note?,
        })
    }

    /// An organisation's optional `territory`: a country code of the world map. A state has
    /// none (it is drawn on its own country).
    fn territory(
        &mut self,
        map: &serde_json::Map<String, Value>,
        path: &str,
    ) -> Option<Option<String>> {
        let Some(value) = map.get("territory") else {
            return Some(None);
        };
        let territory_path = key_path(path, "territory");
        if map.contains_key("state") {
            self.error(
                &territory_path,
                "a state has a \"territory\"".to_owned(),
                "no territory for a state: it is drawn on its own country",
            );
            return None;
        }
        let code = self.string(value, &territory_path)?;
        self.country_code(code, &territory_path).map(Some)
    }

    pub(super) fn country_code(&mut self, code: String, path: &str) -> Option<String> {
        if self.codes.has_code(&code) {
            return Some(code);
        }
        // A real country that this map lacks (a 1:110m map has no Singapore or Bahrain): the
        // role is kept, and the map draws what it has.
        if let Some(name) = crate::data::bundled::country_name(&code) {
            self.off_map.insert(code.clone(), name);
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

    /// Checks the periods of an initiative's states: a `left` on or after the day the role was
    /// taken, and no two periods of one state in one role sharing a day (a state that left and
    /// rejoined is listed once per period). Roles of different kinds may overlap: a participant
    /// the essay also proposes as lead is listed in both.
    pub(super) fn periods(&mut self, initiative: &Initiative, path: &str) {
        let start = initiative.start;
        let actors_path = key_path(path, "actors");
        for (index, actor) in initiative.actors.iter().enumerate() {
            let (Some(left), period) = (actor.left, actor.period()) else {
                continue;
            };
            if period
                .end_day()
                .is_some_and(|end| end < period.first_day(start))
            {
                let from = match actor.joined {
                    Some(joined) => format!("it joined ({joined})"),
                    None => format!("the effort's start ({start})"),
                };
                self.error(
                    &key_path(&index_path(&actors_path, index), "left"),
                    format!("\"left\" ({left}) is before {from}"),
                    "a date on or after the day the state took the role",
                );
            }
        }
        for (index, actor) in initiative.actors.iter().enumerate() {
            let Some(code) = actor.actor.state_code() else {
                continue;
            };
            let earlier = initiative.actors[..index]
                .iter()
                .enumerate()
                .find(|(_, a)| {
                    a.actor.state_code() == Some(code)
                        && a.role == actor.role
                        && a.period().overlaps(&actor.period(), start)
                });
            if let Some((other, _)) = earlier {
                let span = |a: &Actor| {
                    a.period()
                        .label(start)
                        .unwrap_or_else(|| initiative.span_label())
                };
                self.error(
                    &index_path(&actors_path, index),
                    format!(
                        "{code} has overlapping periods as {}: actors[{other}] ({}) and this one ({})",
                        actor.role.label(),
                        span(&initiative.actors[other]),
                        span(actor)
                    ),
                    "one entry per period, each \"left\" on or before the next \"joined\"",
                );
            }
        }
    }
}
