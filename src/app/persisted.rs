//! What survives a restart, read in `restore` and written in `save`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use walkers::MapMemory;

use crate::app::AtlasApp;
use crate::scene::filters::Filters;
use crate::ui::files::Files;
use crate::ui::map_view::MapView;

/// What survives a restart. Selections are kept by code and id, so they survive a change of
/// data file too (a missing one is simply dropped).
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Persisted {
    country: Option<String>,
    initiative: Option<String>,
    map: Option<MapMemory>,
    list: PersistedList,
    basemap: bool,
    recent: Vec<PathBuf>,
}

/// The list's part, in the layout earlier versions wrote (`"list": {"filters": …}`), so a
/// restart after an update keeps the filters.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct PersistedList {
    filters: Filters,
}

impl AtlasApp {
    /// Restores what the last session saved.
    pub fn restore(mut self, storage: Option<&dyn eframe::Storage>) -> Self {
        let Some(saved) = storage.and_then(|s| eframe::get_value::<Persisted>(s, eframe::APP_KEY))
        else {
            return self;
        };
        self.selected = saved.country.and_then(|c| self.data.world.index_of(&c));
        self.initiative = saved.initiative.and_then(|id| self.dataset.index_of(&id));
        if let Some(memory) = saved.map {
            self.map = MapView::restored(memory, saved.basemap);
        } else {
            self.map.set_basemap(saved.basemap);
        }
        self.filters = saved.list.filters;
        self.files = Files::with_recent(saved.recent);
        self
    }

    /// Writes what the next session restores.
    pub(super) fn save_to(&self, storage: &mut dyn eframe::Storage) {
        let observed = self.observe();
        let persisted = Persisted {
            country: observed.selected_code.map(str::to_owned),
            initiative: observed.selected_initiative.map(str::to_owned),
            map: Some(self.map.memory().clone()),
            list: PersistedList {
                filters: self.filters.clone(),
            },
            basemap: self.map.basemap_enabled(),
            recent: self.files.recent().to_vec(),
        };
        eframe::set_value(storage, eframe::APP_KEY, &persisted);
    }
}
