//! The app: the loaded data, what the user has selected, the map view, and the panel layout.

use std::path::{Path, PathBuf};

use egui::{Align2, Color32, Frame, Key, Ui, UiBuilder, vec2};
use walkers::{HttpOptions, HttpTiles, MapMemory, Tiles, lon_lat, sources::OpenStreetMap};

use crate::data::world::{BBox, World, WorldError, WorldOptions};
use crate::geo::{CountryIndex, WorldMeshes, mercator};
use crate::ui::map_layer::LayerCache;
use crate::ui::{CountryLayer, CountryPanel, LayerColors, LayerOutput, ViewTransform, style};

/// The world map that ships with the app (Natural Earth 1:50m; see `assets/PROVENANCE-world.md`).
pub const BUNDLED_WORLD: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/world.geojson"));
/// The name the bundled world goes by in messages.
pub const BUNDLED_WORLD_NAME: &str = "assets/world.geojson";

/// The closest the map zooms in. 1:50m borders carry no more detail than this.
pub const MAX_ZOOM: f64 = 11.0;
/// The part of the world the "Fit world" view shows: all inhabited land.
const WORLD_VIEW: BBox = BBox {
    min: [-170.0, -56.0],
    max: [180.0, 78.0],
};

/// A world with everything derived from it for drawing and hit-testing, computed once.
pub struct WorldData {
    pub world: World,
    pub meshes: WorldMeshes,
    pub index: CountryIndex,
    /// Where it came from, for messages.
    pub source: PathBuf,
}

impl WorldData {
    /// Loads, triangulates and indexes a world file.
    pub fn load(path: &Path, options: &WorldOptions) -> Result<Self, WorldError> {
        Ok(Self::from_world(
            World::load(path, options)?,
            path.to_owned(),
        ))
    }

    /// The world that ships with the app.
    pub fn bundled() -> Result<Self, WorldError> {
        let name = Path::new(BUNDLED_WORLD_NAME);
        let world = World::from_bytes(name, BUNDLED_WORLD, &WorldOptions::default())?;
        Ok(Self::from_world(world, name.to_owned()))
    }

    /// Derives meshes and the index from a validated world.
    pub fn from_world(world: World, source: PathBuf) -> Self {
        let meshes = WorldMeshes::build(&world);
        let index = CountryIndex::build(&world);
        Self {
            world,
            meshes,
            index,
            source,
        }
    }
}

/// Something the user asked of the map, applied after the map has drawn, because walkers holds
/// the map memory while it draws.
#[derive(Clone, Copy, Debug, PartialEq)]
enum MapCommand {
    ZoomIn,
    ZoomOut,
    FitWorld,
}

/// The optional OpenStreetMap basemap. Nothing is fetched until the user turns it on.
#[derive(Default)]
struct Basemap {
    enabled: bool,
    tiles: Option<HttpTiles>,
}

impl Basemap {
    fn tiles(&mut self, ctx: &egui::Context) -> Option<&mut HttpTiles> {
        if !self.enabled {
            return None;
        }
        let tiles = self.tiles.get_or_insert_with(|| {
            let options = HttpOptions {
                cache: eframe::storage_dir("microlateral-atlas").map(|dir| dir.join("tiles")),
                ..HttpOptions::default()
            };
            HttpTiles::with_options(OpenStreetMap, options, ctx.clone())
        });
        Some(tiles)
    }
}

/// The whole application state.
pub struct AtlasApp {
    data: WorldData,
    map_memory: MapMemory,
    selected: Option<usize>,
    layer: LayerOutput,
    layer_cache: LayerCache,
    colors: LayerColors,
    country_panel: CountryPanel,
    basemap: Basemap,
    /// Until the user moves the map, keep the world fitted to the map area, which changes size
    /// while the window and the panels settle.
    auto_fit: bool,
}

impl AtlasApp {
    /// An app showing `data`.
    pub fn new(data: WorldData) -> Self {
        let count = data.world.countries().len();
        let colors = LayerColors {
            fills: vec![style::LAND; count],
            outline: style::BORDER,
            hover_fill: style::HOVER,
            selected_outline: style::SELECTED,
            emphasis: vec![None; count],
        };
        Self {
            data,
            map_memory: MapMemory::default(),
            selected: None,
            layer: LayerOutput::default(),
            layer_cache: LayerCache::default(),
            colors,
            country_panel: CountryPanel,
            basemap: Basemap::default(),
            auto_fit: true,
        }
    }

    /// The loaded world.
    pub fn world(&self) -> &World {
        &self.data.world
    }

    /// The selected country's code.
    pub fn selected_code(&self) -> Option<&str> {
        self.selected
            .and_then(|i| self.data.world.countries().get(i))
            .map(|c| c.code.as_str())
    }

    /// The country under the pointer in the last frame.
    pub fn hovered_code(&self) -> Option<&str> {
        self.layer
            .hovered
            .and_then(|i| self.data.world.countries().get(i))
            .map(|c| c.code.as_str())
    }

    /// How the map was placed on screen in the last frame.
    pub fn view(&self) -> Option<ViewTransform> {
        self.layer.view
    }

    /// The map's zoom level.
    pub fn zoom(&self) -> f64 {
        self.map_memory.zoom()
    }

    /// Draws the whole app into `ui`.
    pub fn ui(&mut self, ui: &mut Ui) {
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            self.selected = None;
        }

        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Microlateral Atlas");
                ui.separator();
                ui.checkbox(&mut self.basemap.enabled, "Online basemap (OpenStreetMap)")
                    .on_hover_text(
                        "Off by default: the map works offline. On, it fetches tiles over HTTPS.",
                    );
            });
        });

        egui::Panel::right("country_panel")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                self.country_panel.ui(ui, &self.data.world, self.selected);
            });

        egui::CentralPanel::default()
            .frame(Frame::NONE.fill(style::OCEAN))
            .show(ui, |ui| self.map_ui(ui));
    }

    fn map_ui(&mut self, ui: &mut Ui) {
        let size = ui.available_size();
        let size_px = [size.x as f64, size.y as f64];
        let zoom_range = (min_zoom(size_px), MAX_ZOOM);
        if self.auto_fit && size.x > 0.0 && size.y > 0.0 {
            self.fit(WORLD_VIEW, size_px, zoom_range);
        }

        // With tiles underneath, let them show through the fills.
        let online = self.basemap.enabled;
        let mut colors = self.colors.clone();
        if online {
            colors
                .fills
                .iter_mut()
                .for_each(|c| *c = c.gamma_multiply(0.55));
        }
        let layer = CountryLayer {
            world: &self.data.world,
            meshes: &self.data.meshes,
            index: &self.data.index,
            colors: &colors,
            selected: self.selected,
            output: &mut self.layer,
            cache: &mut self.layer_cache,
        };
        let tiles = self.basemap.tiles(ui.ctx()).map(|t| t as &mut dyn Tiles);
        let attribution = tiles.as_ref().map(|t| t.attribution());
        let mut command = None;
        let zoom_before = self.map_memory.zoom();
        let response = walkers::Map::new(tiles, &mut self.map_memory, lon_lat(0.0, 20.0))
            .with_plugin(layer)
            .double_click_to_zoom(true)
            .show(ui, |ui, _, _, _| {
                let rect = ui.max_rect();
                let controls = egui::Rect::from_min_size(
                    rect.right_top() + vec2(-110.0, 10.0),
                    vec2(100.0, 100.0),
                );
                ui.scope_builder(UiBuilder::new().max_rect(controls), |ui| {
                    Frame::popup(ui.style()).show(ui, |ui| {
                        ui.vertical_centered_justified(|ui| {
                            if ui.button("Zoom in").clicked() {
                                command = Some(MapCommand::ZoomIn);
                            }
                            if ui.button("Zoom out").clicked() {
                                command = Some(MapCommand::ZoomOut);
                            }
                            if ui.button("Fit world").clicked() {
                                command = Some(MapCommand::FitWorld);
                            }
                        });
                    });
                });
                if let Some(attribution) = attribution {
                    let at = rect.left_bottom() + vec2(6.0, -6.0);
                    let area = egui::Rect::from_min_size(at - vec2(0.0, 20.0), vec2(300.0, 20.0));
                    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
                        Frame::popup(ui.style()).inner_margin(2.0).show(ui, |ui| {
                            ui.hyperlink_to(format!("© {}", attribution.text), attribution.url);
                        });
                    });
                }
            })
            .response;

        if response.dragged() || command.is_some() || zoom_before != self.map_memory.zoom() {
            self.auto_fit = false;
        }
        match command {
            Some(MapCommand::ZoomIn) => {
                let z = (self.map_memory.zoom() + 1.0).min(zoom_range.1);
                let _ = self.map_memory.set_zoom(z);
            }
            Some(MapCommand::ZoomOut) => {
                let z = (self.map_memory.zoom() - 1.0).max(zoom_range.0);
                let _ = self.map_memory.set_zoom(z);
            }
            Some(MapCommand::FitWorld) => self.fit(WORLD_VIEW, size_px, zoom_range),
            None => {}
        }
        self.clamp_view(zoom_range);

        if response.clicked() {
            self.selected = self.layer.hovered;
        }
        if let Some(country) = self
            .layer
            .hovered
            .and_then(|i| self.data.world.countries().get(i))
        {
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&country.name);
                ui.label(&country.code);
            });
        }
        if !online {
            // A quiet note that the map is the app's own, not a tile service.
            let painter = ui.painter();
            painter.text(
                ui.max_rect().left_bottom() + vec2(6.0, -4.0),
                Align2::LEFT_BOTTOM,
                "Borders: Natural Earth 1:50m (public domain)",
                egui::FontId::proportional(11.0),
                Color32::from_gray(90),
            );
        }
    }

    /// Centres and zooms the map on a box.
    fn fit(&mut self, bbox: BBox, size_px: [f64; 2], zoom_range: (f64, f64)) {
        let (centre, zoom) = mercator::fit_bbox(bbox, size_px, zoom_range);
        self.map_memory.center_at(lon_lat(centre[0], centre[1]));
        // The zoom is clamped to walkers' own range above, so this cannot fail.
        let _ = self.map_memory.set_zoom(zoom);
    }

    /// Keeps the zoom within limits and the centre on the world, so the map can't be lost.
    fn clamp_view(&mut self, zoom_range: (f64, f64)) {
        let zoom = self.map_memory.zoom();
        let clamped = zoom.clamp(zoom_range.0, zoom_range.1);
        if clamped != zoom {
            let _ = self.map_memory.set_zoom(clamped);
        }
        if let Some(centre) = self.map_memory.detached() {
            let (lon, lat) = (centre.x(), centre.y());
            let (clon, clat) = (lon.clamp(-180.0, 180.0), lat.clamp(-80.0, 80.0));
            if (clon, clat) != (lon, lat) {
                self.map_memory.center_at(lon_lat(clon, clat));
            }
        }
    }
}

/// The zoom at which the whole Mercator square fits the map area.
pub fn min_zoom(size_px: [f64; 2]) -> f64 {
    (size_px[0].min(size_px[1]) / 256.0)
        .log2()
        .clamp(0.0, MAX_ZOOM)
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        AtlasApp::ui(self, ui);
    }
}
