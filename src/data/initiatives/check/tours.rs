//! The optional tours, which step through initiatives and their milestones.

use serde_json::Value;

use super::Checker;
use crate::data::initiatives::{CountryCodes, Initiative, Tour};
use crate::data::json_locate::{index_path, key_path};
use crate::data::suggest::closest;

const TOUR_FIELDS: &[&str] = &["id", "name", "steps"];
const STEP_FIELDS: &[&str] = &["initiative", "milestone", "notes"];

/// A step as (initiative index, milestone index), with the presenter's notes for it.
type StepWithNotes = ((usize, usize), Option<String>);

impl<C: CountryCodes> Checker<'_, C> {
    /// The optional `tours`: each an id, a name, and steps naming an initiative and, optionally,
    /// one of its milestones (counted from 1; without it, every milestone in order).
    pub(super) fn tours(&mut self, value: &Value, initiatives: &[Initiative]) -> Option<Vec<Tour>> {
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
                (Some(id), Some(name), Some(steps)) => {
                    let (steps, notes) = steps.into_iter().flatten().unzip();
                    tours.push(Tour {
                        id,
                        name,
                        steps,
                        notes,
                    });
                }
                _ => all_valid = false,
            }
        }
        all_valid.then_some(tours)
    }

    pub(super) fn tour_step(
        &mut self,
        value: &Value,
        path: &str,
        initiatives: &[Initiative],
    ) -> Option<Vec<StepWithNotes>> {
        let map = self.object(
            value,
            path,
            "a step",
            STEP_FIELDS,
            "{\"initiative\": ID, \"milestone\": N, \"notes\": TEXT}",
        )?;
        let notes = self.optional_string(map, path, "notes");
        let id = self.required_string(map, path, "initiative")?;
        let notes = notes?;
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
        // A step without a milestone stands for each of them, and its notes go with each.
        match map.get("milestone") {
            None => Some((0..count).map(|m| ((index, m), notes.clone())).collect()),
            Some(value) => match value.as_u64() {
                Some(n) if n >= 1 && (n as usize) <= count => {
                    Some(vec![((index, n as usize - 1), notes)])
                }
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
}
