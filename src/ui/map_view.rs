//! The map panel: the walkers map with the country layer, its camera (flights, fitting, zoom
//! limits), the optional basemap, the zoom buttons, the legend, the tooltip and the credits.

use egui::{Color32, Frame, Ui, UiBuilder, vec2};
use std::sync::{Arc, Mutex};

use walkers::{HttpOptions, HttpTiles, MapMemory, Tiles, lon_lat, sources::OpenStreetMap};

use crate::data::world::BBox;
use crate::data::{Former, Initiative};
use crate::geo::{MAX_ZOOM, WorldData, mercator, min_zoom};
use crate::scene::framing::{self, Corner, Overlays};
use crate::scene::{self, LayerColors, LegendRow, ViewTransform};
use crate::ui::command::Command;
use crate::ui::map_layer::LayerCache;
use crate::ui::{CountryLayer, LayerOutput, palette, style};

/// How long the map takes to fly to a new view.
const FLY_SECS: f64 = 0.8;
/// The height a caption takes at the top of the map.
const CAPTION_HEIGHT_PX: f64 = 230.0;
/// How much larger presenter mode draws the legend.
pub const PRESENTER_TEXT_SCALE: f32 = 1.4;

/// A time-based camera move: the same duration at any frame rate.
#[derive(Clone, Copy, Debug)]
struct Flight {
    from: ([f64; 2], f64),
    to: ([f64; 2], f64),
    start_secs: f64,
}

/// The optional OpenStreetMap basemap. Nothing is fetched until the user turns it on.
#[derive(Default)]
struct Basemap {
    enabled: bool,
    tiles: Option<HttpTiles>,
    /// Whether the tile server answered when the basemap was turned on: `None` while the check
    /// runs, then why not if it did not. walkers only logs a failed fetch, and a user offline
    /// would otherwise see the offline map and wonder where the tiles are.
    reachable: Option<Arc<Mutex<Option<Reachable>>>>,
}

/// Whether the tile server took a connection, or why not.
type Reachable = Result<(), String>;

/// Where the tiles come from, for the reachability check.
const TILE_SERVER: &str = "tile.openstreetmap.org:443";

impl Basemap {
    /// Why tiles cannot be fetched, once the check has found out.
    fn unreachable(&self) -> Option<String> {
        let slot = self.reachable.as_ref()?.lock().ok()?;
        slot.as_ref()?.as_ref().err().cloned()
    }

    /// Checks, off the UI thread, that the tile server takes a connection.
    fn check_reachable(&mut self, ctx: &egui::Context) {
        let slot = Arc::new(Mutex::new(None));
        self.reachable = Some(Arc::clone(&slot));
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = connect(TILE_SERVER);
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(result);
            }
            ctx.request_repaint();
        });
    }

    fn tiles(&mut self, ctx: &egui::Context) -> Option<&mut HttpTiles> {
        if !self.enabled {
            return None;
        }
        if self.reachable.is_none() {
            self.check_reachable(ctx);
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

/// Whether `server` ("host:port") takes a TCP connection within a few seconds, or why not.
fn connect(server: &str) -> Result<(), String> {
    use std::net::{TcpStream, ToSocketAddrs as _};
    let timeout = std::time::Duration::from_secs(5);
    let mut addresses = server
        .to_socket_addrs()
        .map_err(|e| format!("cannot find {server}: {e}"))?;
    let address = addresses
        .next()
        .ok_or_else(|| format!("{server} has no address"))?;
    TcpStream::connect_timeout(&address, timeout)
        .map(drop)
        .map_err(|e| format!("no connection to {server}: {e}"))
}

/// What the map shows this frame, borrowed from the app.
pub struct MapScene<'a> {
    pub data: &'a WorldData,
    pub colors: &'a LayerColors,
    /// The legend's title and rows.
    pub legend: &'a (String, Vec<LegendRow>),
    /// The selected country.
    pub selected: Option<usize>,
    /// The selected initiative, for the legend and the tooltip.
    pub initiative: Option<&'a Initiative>,
    /// The date the map shows (a day number); `None` for every date.
    pub as_of: Option<i64>,
    /// Per country: small-state efforts led and others joined, for the tooltip.
    pub involvement: &'a [(usize, usize)],
    /// The states that had left the selected effort by the date shown, by country index.
    pub former: &'a [(usize, Former<'a>)],
    /// Whether former members are drawn (and listed in the legend).
    pub show_former: bool,
    pub presenting: bool,
}

/// The map panel's own state: the camera and what the layer saw last frame.
pub struct MapView {
    memory: MapMemory,
    flight: Option<Flight>,
    /// A fit asked for before the map's size was known.
    pending_fit: Option<BBox>,
    /// Until the user moves the map, keep the world fitted to the map area, which changes size
    /// while the window and the panels settle.
    auto_fit: bool,
    size_px: [f64; 2],
    layer: LayerOutput,
    cache: LayerCache,
    basemap: Basemap,
    /// The legend's height last frame, so it can stand on the map's bottom edge and grow up.
    legend_height: f32,
    /// The legend's width, larger in presenter mode; framing leaves room for it.
    legend_width: f32,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            memory: MapMemory::default(),
            flight: None,
            pending_fit: None,
            auto_fit: true,
            size_px: [0.0, 0.0],
            layer: LayerOutput::default(),
            cache: LayerCache::default(),
            basemap: Basemap::default(),
            legend_height: 160.0,
            legend_width: 230.0,
        }
    }
}

impl MapView {
    /// A map placed where a past session left it: no longer kept fitted to the world.
    pub fn restored(memory: MapMemory, basemap: bool) -> Self {
        let mut view = Self {
            memory,
            auto_fit: false,
            ..Self::default()
        };
        view.basemap.enabled = basemap;
        view
    }

    /// The camera, to save for the next session.
    pub fn memory(&self) -> &MapMemory {
        &self.memory
    }

    /// The map's zoom level.
    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// The map's centre (longitude, latitude).
    pub fn centre(&self) -> [f64; 2] {
        self.memory
            .detached()
            .map_or([0.0, 20.0], |p| [p.x(), p.y()])
    }

    /// How the map was placed on screen in the last frame.
    pub fn view(&self) -> Option<ViewTransform> {
        self.layer.view
    }

    /// The country under the pointer in the last frame.
    pub fn hovered(&self) -> Option<usize> {
        self.layer.hovered
    }

    /// Whether the camera is still flying to a view.
    pub fn is_flying(&self) -> bool {
        self.flight.is_some()
    }

    /// Whether the online basemap is on.
    pub fn basemap_enabled(&self) -> bool {
        self.basemap.enabled
    }

    /// Turns the online basemap on or off.
    pub fn set_basemap(&mut self, enabled: bool) {
        self.basemap.enabled = enabled;
        // Turned on again: check the connection again.
        self.basemap.reachable = None;
    }

    /// Forgets what was drawn for the last world, after another world loaded.
    pub fn forget_layer(&mut self) {
        self.cache = LayerCache::default();
        self.layer = LayerOutput::default();
    }

    /// Stops keeping the world fitted to the map: the user has chosen where to look.
    pub fn stop_fitting(&mut self) {
        self.auto_fit = false;
    }

    fn zoom_range(&self) -> (f64, f64) {
        (min_zoom(self.size_px), MAX_ZOOM)
    }

    /// Zooms in or out by whole steps, within the limits, and stops keeping the world fitted.
    pub fn zoom_by(&mut self, steps: f64) {
        let (min, max) = self.zoom_range();
        let zoom = self.memory.zoom() + steps;
        // As the buttons always did: a step in never goes past the closest zoom, a step out never
        // past the farthest.
        let zoom = if steps > 0.0 {
            zoom.min(max)
        } else {
            zoom.max(min)
        };
        let _ = self.memory.set_zoom(zoom);
        self.auto_fit = false;
    }

    /// Starts a flight that fits `bbox` into what the caption (when one is shown) and the legend
    /// leave free, zooming in no further than `max_zoom`; or fits at once when the map has no
    /// size yet.
    pub fn fly_to(&mut self, bbox: BBox, max_zoom: f64, caption_shown: bool) {
        // The camera has somewhere to be: stop keeping the world fitted.
        self.auto_fit = false;
        if self.size_px[0] <= 0.0 {
            self.pending_fit = Some(bbox);
            return;
        }
        let overlays = Overlays {
            top_px: if caption_shown {
                CAPTION_HEIGHT_PX.min(self.size_px[1] / 2.0)
            } else {
                0.0
            },
            // The legend stands in the bottom-left corner, above the credits line.
            legend_px: [
                f64::from(self.legend_width) + 20.0,
                f64::from(self.legend_height) + 40.0,
            ],
        };
        let (min, max) = self.zoom_range();
        let zoom_range = (min, max.min(max_zoom).max(min));
        let framing = framing::frame(
            bbox,
            self.size_px,
            zoom_range,
            overlays,
            &[Corner::BottomLeft],
        );
        self.flight = Some(Flight {
            from: (self.centre(), self.memory.zoom()),
            to: (framing.centre, framing.zoom),
            start_secs: f64::NAN,
        });
    }

    /// Starts a flight to a view a tour step recorded, within the zoom this map allows. The view
    /// was recorded with no caption over the map; with one shown, the recorded centre goes to the
    /// middle of the area below it, so what the author framed is not under the caption.
    pub fn fly_to_view(&mut self, centre: [f64; 2], zoom: f64, caption_shown: bool) {
        self.auto_fit = false;
        let (min, max) = self.zoom_range();
        let zoom = zoom.clamp(min, max.max(min));
        let centre = if caption_shown {
            let top_px = CAPTION_HEIGHT_PX.min(self.size_px[1] / 2.0);
            let [x, y] = mercator::unit_from_lonlat(centre);
            let world_px = 256.0 * 2f64.powf(zoom);
            mercator::lonlat_from_unit([x, (y - top_px / 2.0 / world_px).clamp(0.0, 1.0)])
        } else {
            centre
        };
        self.flight = Some(Flight {
            from: (self.centre(), self.memory.zoom()),
            to: (centre, zoom),
            start_secs: f64::NAN,
        });
    }

    /// Moves the camera along the current flight.
    fn advance_flight(&mut self, now_secs: f64) {
        let Some(flight) = &mut self.flight else {
            return;
        };
        if flight.start_secs.is_nan() {
            flight.start_secs = now_secs;
        }
        let t = ((now_secs - flight.start_secs) / FLY_SECS).clamp(0.0, 1.0);
        // Ease in and out, so the move starts and lands gently.
        let e = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        let (from, to) = (flight.from, flight.to);
        self.memory
            .center_at(lon_lat(lerp(from.0[0], to.0[0]), lerp(from.0[1], to.0[1])));
        let _ = self.memory.set_zoom(lerp(from.1, to.1));
        if t >= 1.0 {
            self.flight = None;
        }
    }

    /// Before drawing: learn the map's size, then fit what was asked before it was known, keep
    /// the world fitted, or fly on.
    fn place_camera(&mut self, ui: &Ui, caption_shown: bool) {
        let size = ui.available_size();
        self.size_px = [f64::from(size.x), f64::from(size.y)];
        if size.x > 0.0 && size.y > 0.0 {
            if let Some(bbox) = self.pending_fit.take() {
                self.fly_to(bbox, MAX_ZOOM, caption_shown);
            } else if self.auto_fit && self.flight.is_none() {
                let (centre, zoom) =
                    mercator::fit_bbox(scene::WORLD_VIEW, self.size_px, self.zoom_range());
                self.memory.center_at(lon_lat(centre[0], centre[1]));
                let _ = self.memory.set_zoom(zoom);
            }
        }
        if self.flight.is_some() {
            self.advance_flight(ui.input(|i| i.time));
            ui.ctx().request_repaint();
        }
    }

    /// Draws the map and what stands over it; a click on a country asks to select it.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        scene: &MapScene<'_>,
        caption_shown: bool,
        commands: &mut Vec<Command>,
    ) {
        self.legend_width = legend_width(scene.presenting);
        self.place_camera(ui, caption_shown);
        let zoom_range = self.zoom_range();
        let layer = CountryLayer {
            world: &scene.data.world,
            meshes: &scene.data.meshes,
            index: &scene.data.index,
            colors: scene.colors,
            selected: scene.selected,
            output: &mut self.layer,
            cache: &mut self.cache,
        };
        let unreachable = self.basemap.unreachable();
        let tiles = self.basemap.tiles(ui.ctx()).map(|t| t as &mut dyn Tiles);
        let attributed = tiles.is_some();
        let attribution = tiles.as_ref().map(|t| t.attribution());
        let zoom_before = self.memory.zoom();
        let legend_height = self.legend_height;
        let mut measured_legend = legend_height;
        let response = walkers::Map::new(tiles, &mut self.memory, lon_lat(0.0, 20.0))
            .with_plugin(layer)
            .double_click_to_zoom(true)
            // The wheel zooms, as people expect of a map; dragging pans.
            .zoom_with_ctrl(false)
            .show(ui, |ui, _, _, _| {
                let rect = ui.max_rect();
                zoom_buttons_ui(ui, rect, commands);
                measured_legend = legend_ui(ui, rect, scene, legend_height, attributed, commands);
                if let Some(attribution) = attribution {
                    let at = rect.left_bottom() + vec2(6.0, -6.0);
                    let area = egui::Rect::from_min_size(at - vec2(0.0, 20.0), vec2(700.0, 20.0));
                    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
                        Frame::popup(ui.style()).inner_margin(2.0).show(ui, |ui| {
                            ui.horizontal(|ui| {
                                ui.hyperlink_to(format!("© {}", attribution.text), attribution.url);
                                if let Some(why) = &unreachable {
                                    ui.colored_label(
                                        ui.visuals().warn_fg_color,
                                        "Map tiles cannot be fetched (offline?); the offline \
                                         map is shown.",
                                    )
                                    .on_hover_text(why);
                                }
                            });
                        });
                    });
                }
            })
            .response;

        if (measured_legend - self.legend_height).abs() > 0.5 {
            self.legend_height = measured_legend;
            // Lay the frame out again with the new height rather than show it misplaced once.
            ui.ctx().request_discard("the legend changed height");
        }
        self.follow_the_user(ui, &response, zoom_before, zoom_range);
        if response.clicked() {
            commands.push(Command::SelectCountry(self.layer.hovered));
        }
        if let Some(ci) = self.layer.hovered {
            response.on_hover_ui_at_pointer(|ui| tooltip_ui(ui, scene, ci));
        }
        if !self.basemap.enabled {
            credits_ui(ui, scene.data);
        }
    }

    /// After the map has taken the pointer: a drag or a zoom by the user ends any flight and
    /// fitting, and a zoom past the limits is clamped about the pointer.
    fn follow_the_user(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        zoom_before: f64,
        zoom_range: (f64, f64),
    ) {
        let zoomed = zoom_before != self.memory.zoom();
        if response.dragged() || zoomed && self.flight.is_none() {
            self.auto_fit = false;
            // The user takes the camera: stop any flight.
            self.flight = None;
        }
        // The pointer's offset from the map's centre while the wheel or a pinch zooms, so a zoom
        // stopped at a limit keeps the place under the pointer where it is.
        // As walkers does, a pinch zooms about the fingers' centre and the wheel about the pointer.
        let anchor = zoomed
            .then(|| {
                ui.input(|i| i.multi_touch().map(|t| t.center_pos))
                    .or(response.hover_pos())
                    .map(|p| p - response.rect.center())
            })
            .flatten();
        clamp_view(&mut self.memory, zoom_range, anchor);
    }
}

/// The zoom buttons in the map's top-right corner.
fn zoom_buttons_ui(ui: &mut Ui, rect: egui::Rect, commands: &mut Vec<Command>) {
    let controls =
        egui::Rect::from_min_size(rect.right_top() + vec2(-110.0, 10.0), vec2(100.0, 100.0));
    ui.scope_builder(UiBuilder::new().max_rect(controls), |ui| {
        Frame::popup(ui.style()).show(ui, |ui| {
            ui.vertical_centered_justified(|ui| {
                if ui.button("Zoom in").clicked() {
                    commands.push(Command::ZoomIn);
                }
                if ui.button("Zoom out").clicked() {
                    commands.push(Command::ZoomOut);
                }
                if ui.button("Fit world").clicked() {
                    commands.push(Command::FitWorld);
                }
            });
        });
    });
}

/// The legend in the map's bottom-left corner: roles for a selected initiative, the overview
/// scale otherwise. Returns the height it took, so the next frame can place it.
fn legend_ui(
    ui: &mut Ui,
    rect: egui::Rect,
    scene: &MapScene<'_>,
    height: f32,
    attributed: bool,
    commands: &mut Vec<Command>,
) -> f32 {
    // Above the credits line (or the tiles' attribution), growing upwards: a long initiative
    // name wraps the title and must not push the box over the credits.
    let above = if attributed { 34.0 } else { 22.0 };
    let width = legend_width(scene.presenting);
    let legend = egui::Rect::from_min_size(
        rect.left_bottom() + vec2(10.0, -above - height),
        vec2(width, height),
    );
    ui.scope_builder(UiBuilder::new().max_rect(legend), |ui| {
        if scene.presenting {
            style::enlarge_text(ui.style_mut(), PRESENTER_TEXT_SCALE);
        }
        Frame::popup(ui.style()).show(ui, |ui| {
            let (title, rows) = scene.legend;
            ui.strong(title);
            for (fill, stroke, label) in rows {
                palette::legend_row(ui, *fill, *stroke, label);
            }
            if !scene.former.is_empty() {
                let mut show = scene.show_former;
                if ui.checkbox(&mut show, "Show former members").changed() {
                    commands.push(Command::ShowFormerMembers(show));
                }
            }
        });
    })
    .response
    .rect
    .height()
}

/// The legend's width: wider in presenter mode, where its type is larger.
fn legend_width(presenting: bool) -> f32 {
    if presenting { 330.0 } else { 230.0 }
}

/// The tooltip of the country under the pointer: its name, its role, its record.
fn tooltip_ui(ui: &mut Ui, scene: &MapScene<'_>, ci: usize) {
    let country = &scene.data.world.countries()[ci];
    let role = scene
        .initiative
        .and_then(|i| i.role_of(&country.code, scene.as_of));
    let former = scene
        .former
        .iter()
        .find(|(i, _)| *i == ci)
        .filter(|_| scene.show_former);
    ui.strong(country.label());
    if let (Some(initiative), Some(role)) = (scene.initiative, role) {
        ui.label(format!("{} in {}", role.label(), initiative.name));
    } else if let Some((initiative, org)) = scene
        .initiative
        .and_then(|i| Some((i, i.org_on(&country.code, scene.as_of)?)))
    {
        ui.label(format!(
            "{}: {} in {}",
            org.actor.label(),
            org.role.label(),
            initiative.name
        ));
    } else if let (Some(initiative), Some((_, former))) = (scene.initiative, former) {
        ui.label(format!(
            "Former {} in {} · left {}",
            former.role.label(),
            initiative.name,
            former.left
        ));
    } else if let Some(initiative) = scene.initiative {
        ui.label(format!("Not part of {}", initiative.name));
    }
    let (led, joined) = scene.involvement[ci];
    ui.label(involvement_text(led, joined));
}

/// The sources of the borders and figures, along the map's bottom edge.
fn credits_ui(ui: &mut Ui, data: &WorldData) {
    // A label rather than painted text, so screen readers (and tests) find the credits.
    let text = data.credit();
    let rect = ui.max_rect();
    let line = egui::Rect::from_min_max(
        rect.left_bottom() + vec2(6.0, -18.0),
        rect.right_bottom() + vec2(-6.0, -2.0),
    );
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(line)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
        |ui| {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(text)
                        .size(11.0)
                        .color(Color32::from_gray(90)),
                )
                .truncate()
                .selectable(false),
            );
        },
    );
}

/// Keeps the zoom within limits and the centre on the world, so the map can't be lost.
///
/// walkers zooms about the pointer: it moves the centre so the place under the pointer stays put
/// at the new zoom. Clamping only the zoom afterwards would leave the centre where walkers put it
/// for a zoom the map never shows, and the map would slide away from the pointer with each wheel
/// step past the limit. With `anchor` (the pointer's offset from the map's centre, in points),
/// the centre is moved back so that the place under the pointer stays put at the clamped zoom.
fn clamp_view(memory: &mut MapMemory, zoom_range: (f64, f64), anchor: Option<egui::Vec2>) {
    let zoom = memory.zoom();
    let clamped = zoom.clamp(zoom_range.0, zoom_range.1);
    if clamped != zoom {
        if let (Some(offset), Some(centre)) = (anchor, memory.detached()) {
            let c = mercator::unit_from_lonlat([centre.x(), centre.y()]);
            let units_per_px = |z: f64| 1.0 / (256.0 * 2f64.powf(z));
            let k = units_per_px(zoom) - units_per_px(clamped);
            let moved = [
                c[0] + f64::from(offset.x) * k,
                c[1] + f64::from(offset.y) * k,
            ];
            let [lon, lat] = mercator::lonlat_from_unit(moved);
            memory.center_at(lon_lat(lon, lat));
        }
        let _ = memory.set_zoom(clamped);
    }
    if let Some(centre) = memory.detached() {
        let (lon, lat) = (centre.x(), centre.y());
        let (clon, clat) = (lon.clamp(-180.0, 180.0), lat.clamp(-80.0, 80.0));
        if (clon, clat) != (lon, lat) {
            memory.center_at(lon_lat(clon, clat));
        }
    }
}

/// "Led 2 small-state efforts · took part in 1 more", in words for a tooltip.
fn involvement_text(led: usize, joined: usize) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (led, joined) {
        (0, 0) => "No efforts recorded".to_owned(),
        (0, j) => format!("Took part in {j} effort{}", plural(j)),
        (l, 0) => format!("Led {l} small-state effort{}", plural(l)),
        (l, j) => format!(
            "Led {l} small-state effort{} · took part in {j} more",
            plural(l)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tile_server_that_cannot_be_found_says_so() {
        // ".invalid" never resolves (RFC 6761), online or off.
        let why = connect("tiles.invalid:443").expect_err("no such server");
        assert!(why.starts_with("cannot find tiles.invalid:443"), "{why}");
    }
}
