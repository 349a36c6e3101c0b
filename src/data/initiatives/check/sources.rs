//! An initiative's sources, and the references to them from its actors and milestones.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{Checker, EXPECTED_ID, is_valid_id};
use crate::data::initiatives::{CountryCodes, Source};
use crate::data::json_locate::{index_path, key_path};
use crate::data::suggest::closest;

const SOURCE_FIELDS: &[&str] = &["id", "title", "url"];

impl<C: CountryCodes> Checker<'_, C> {
    pub(super) fn sources(&mut self, map: &Map<String, Value>, path: &str) -> Option<Vec<Source>> {
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
        if self.rules.essay && !sources.iter().any(|s| s.id == "essay") {
            self.error(
                &key_path(path, "sources"),
                "the essay is not among the sources".to_owned(),
                "a source with the id \"essay\" (see docs/data-format.md)",
            );
            return None;
        }
        Some(sources)
    }

    pub(super) fn source(&mut self, value: &Value, path: &str) -> Option<Source> {
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
    pub(super) fn source_refs(
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
}
