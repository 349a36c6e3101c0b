//! The optional tours, which step through initiatives and their milestones.

use serde_json::Value;

use super::Checker;
use crate::data::initiatives::{Camera, CountryCodes, Initiative, Tour, TourStep};
use crate::data::json_locate::{index_path, key_path};
use crate::data::suggest::closest;

const TOUR_FIELDS: &[&str] = &["id", "name", "steps"];
const STEP_FIELDS: &[&str] = &[
    "initiative",
    "milestone",
    "title",
    "caption",
    "notes",
    "date",
    "view",
];
const VIEW_FIELDS: &[&str] = &["lon", "lat", "zoom"];
/// The web map's latitude limit, past which a centre cannot be shown.
const MAX_LAT: f64 = 85.051_128_78;
/// The closest zoom a web map's tiles go to; the app shows a closer one at its own limit.
const MAX_ZOOM: f64 = 20.0;

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
                    let steps = steps.into_iter().flatten().collect();
                    tours.push(Tour { id, name, steps });
                }
                _ => all_valid = false,
            }
        }
        all_valid.then_some(tours)
    }

    /// One step: a milestone (`initiative`, and `milestone` counted from 1; without it, every
    /// milestone in order), or a title step (no `initiative`, a `title`). Either may give its own
    /// `title`, `caption`, `notes`, `date` and `view`.
    pub(super) fn tour_step(
        &mut self,
        value: &Value,
        path: &str,
        initiatives: &[Initiative],
    ) -> Option<Vec<TourStep>> {
        let map = self.object(
            value,
            path,
            "a step",
            STEP_FIELDS,
            "{\"initiative\": ID, \"milestone\": N, \"title\": TEXT, \"caption\": TEXT, \"notes\": TEXT, \"date\": DATE, \"view\": {\"lon\", \"lat\", \"zoom\"}}",
        )?;
        // Every field is read (and each problem reported) before any is given up on.
        let title = self.optional_string(map, path, "title");
        let caption = self.optional_string(map, path, "caption");
        let notes = self.optional_string(map, path, "notes");
        let date = self.optional_date(map, path, "date");
        let camera = match map.get("view") {
            None => Some(None),
            Some(view) => self.camera(view, &key_path(path, "view")).map(Some),
        };
        let own = TourStep {
            shows: None,
            title: title?,
            caption: caption?,
            notes: notes?,
            date: date?,
            camera: camera?,
        };
        if !map.contains_key("initiative") {
            if own.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                self.error(
                    path,
                    "a step with no initiative and no title".to_owned(),
                    "an \"initiative\" for a milestone step, or a \"title\" for a title step",
                );
                // Kept all the same, so a recovery file of a step still being written reads
                // back whole; the error stops a normal load.
                return Some(vec![own]);
            }
            if let Some(value) = map.get("milestone") {
                self.error(
                    &key_path(path, "milestone"),
                    format!("found {value} on a title step"),
                    "an \"initiative\" for the milestone to belong to",
                );
                return None;
            }
            return Some(vec![own]);
        }
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
        let at = |m: usize| TourStep {
            shows: Some((index, m)),
            ..own.clone()
        };
        // A step without a milestone stands for each of them, and what it gives goes with each.
        match map.get("milestone") {
            None => Some((0..count).map(at).collect()),
            Some(value) => match value.as_u64() {
                Some(n) if n >= 1 && (n as usize) <= count => Some(vec![at(n as usize - 1)]),
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

    /// A step's `view`: a centre in degrees and a zoom, each within the map's range.
    fn camera(&mut self, value: &Value, path: &str) -> Option<Camera> {
        let map = self.object(
            value,
            path,
            "a view",
            VIEW_FIELDS,
            "{\"lon\": DEGREES, \"lat\": DEGREES, \"zoom\": LEVEL}",
        )?;
        let lon = self.bounded_number(map, path, "lon", -180.0, 180.0);
        let lat = self.bounded_number(map, path, "lat", -MAX_LAT, MAX_LAT);
        let zoom = self.bounded_number(map, path, "zoom", 0.0, MAX_ZOOM);
        Some(Camera {
            lon: lon?,
            lat: lat?,
            zoom: zoom?,
        })
    }

    fn bounded_number(
        &mut self,
        map: &serde_json::Map<String, Value>,
        path: &str,
        name: &str,
        min: f64,
        max: f64,
    ) -> Option<f64> {
        let expected = format!("a number from {min} to {max}");
        let value = self.required(map, path, name, &expected)?;
        match value.as_f64() {
            Some(x) if (min..=max).contains(&x) => Some(x),
            _ => {
                self.error(&key_path(path, name), format!("found {value}"), expected);
                None
            }
        }
    }
}
