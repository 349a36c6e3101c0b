//! The country layer: a walkers plugin that fills and outlines every country from the meshes
//! built at load time, finds the country under the pointer, and draws microstates as dots.

use egui::{Color32, Mesh, Pos2, Response, Shape, Stroke, Ui, epaint::Vertex, pos2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use crate::data::world::World;
use crate::geo::{CountryIndex, Lod, WorldMeshes};
use crate::scene::{HALO_MAX_PX, LayerColors, MICROSTATE_MAX_PX, ViewTransform};

const DOT_RADIUS_PX: f32 = 3.5;
/// Dots are easier to hit than to see.
const DOT_HIT_RADIUS_PX: f32 = 7.0;
/// Frame meshes are split at this many vertices; see where it is used.
const MAX_MESH_VERTICES: usize = 60_000;
/// How far a hairline fades out beyond its ring. A border is drawn by the countries on both
/// sides, so it is a line twice this wide, opaque in the middle; a coast only fades out over the
/// sea. At 1 px coasts were too faint to follow; at 1.5 they are still a little lighter than the
/// two-sided line they replaced.
const HAIRLINE_FADE_PX: f32 = 1.5;

/// What the layer saw in this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayerOutput {
    /// The country under the pointer.
    pub hovered: Option<usize>,
    /// The transform used, so the app can place things in screen space and tests can click on
    /// a place.
    pub view: Option<ViewTransform>,
}

/// The screen meshes of the last frame, reused while the view and the colours stay the same:
/// hovering, clicking and panel work then cost the map almost nothing.
#[derive(Default)]
pub struct LayerCache {
    key: Option<CacheKey>,
    shapes: Vec<Shape>,
}

#[derive(Clone, Debug, PartialEq)]
struct CacheKey {
    view: ViewTransform,
    lod: usize,
    fills: Vec<Color32>,
    outline: Color32,
}

/// A walkers plugin that draws the countries. It is built each frame from borrowed data.
pub struct CountryLayer<'a> {
    pub world: &'a World,
    pub meshes: &'a WorldMeshes,
    pub index: &'a CountryIndex,
    pub colors: &'a LayerColors,
    pub selected: Option<usize>,
    pub output: &'a mut LayerOutput,
    pub cache: &'a mut LayerCache,
}

/// The transform walkers' projector uses this frame.
pub fn view_from_projector(projector: &Projector<'_>) -> ViewTransform {
    let scale = 256.0 * 2f64.powf(projector.zoom());
    let centre = projector.project(lon_lat(0.0, 0.0));
    ViewTransform {
        origin: pos2(
            (centre.x as f64 - 0.5 * scale) as f32,
            (centre.y as f64 - 0.5 * scale) as f32,
        ),
        scale: scale as f32,
        rect: projector.clip_rect(),
    }
}
impl Plugin for CountryLayer<'_> {
    fn run(
        mut self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector<'_>,
        _: &MapMemory,
    ) {
        let view = view_from_projector(projector);
        let hovered = response
            .hover_pos()
            .and_then(|pointer| self.country_at_screen(&view, pointer));
        self.output.view = Some(view);
        self.output.hovered = hovered;
        // walkers does not clip its painter for plugins.
        let painter = ui.painter().with_clip_rect(view.rect);
        self.paint(&painter, view, projector.zoom(), hovered);
    }
}

impl CountryLayer<'_> {
    /// The country at a screen position: a microstate dot first (they sit on top), then the
    /// polygons.
    pub fn country_at_screen(&self, view: &ViewTransform, pointer: Pos2) -> Option<usize> {
        if !view.rect.contains(pointer) {
            return None;
        }
        let dot = self
            .microstates(view)
            .map(|(ci, centre)| (ci, centre.distance(pointer)))
            .filter(|(_, d)| *d <= DOT_HIT_RADIUS_PX)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((ci, _)) = dot {
            return Some(ci);
        }
        self.index
            .country_at(self.world, view.lonlat_from_screen(pointer))
    }

    /// Countries too small to see at this zoom, with where their dot goes.
    fn microstates<'v>(
        &'v self,
        view: &'v ViewTransform,
    ) -> impl Iterator<Item = (usize, Pos2)> + 'v {
        self.meshes
            .unit_bboxes
            .iter()
            .enumerate()
            .filter(|(_, b)| view.size_px(**b).max_elem() < MICROSTATE_MAX_PX)
            .flat_map(move |(ci, b)| {
                let label = self.meshes.label_points[ci];
                view.visible_wraps(*b)
                    .map(move |wrap| (ci, view.screen_from_unit(label, wrap)))
            })
    }

    /// Paints the layer for this frame, bottom to top: every country's fill and hairline, the
    /// hovered country, heavier outlines, rings around small emphasised countries, and the
    /// microstate dots.
    fn paint(
        &mut self,
        painter: &egui::Painter,
        view: ViewTransform,
        zoom: f64,
        hovered: Option<usize>,
    ) {
        let meshes = self.meshes;
        let lod_index = meshes.lod_index(zoom);
        let lod = &meshes.lods[lod_index];
        self.paint_countries(painter, view, lod_index);
        let view = &view;
        self.paint_hovered(painter, lod, view, hovered);
        self.paint_thick_outlines(painter, lod, view);
        self.paint_halos(painter, view);
        self.paint_microstate_dots(painter, view, hovered);
    }

    /// Paints every country's fill and hairline outline, from the cached meshes when the view,
    /// the level of detail and the colours are those of the last frame.
    fn paint_countries(&mut self, painter: &egui::Painter, view: ViewTransform, lod_index: usize) {
        let key = CacheKey {
            view,
            lod: lod_index,
            fills: self.colors.fills.clone(),
            outline: self.colors.outline,
        };
        if self.cache.key.as_ref() != Some(&key) {
            self.cache.shapes = self.country_shapes(&self.meshes.lods[lod_index], &view);
            self.cache.key = Some(key);
        }
        painter.extend(self.cache.shapes.iter().cloned());
    }

    /// Every country's fill and hairline moved to the screen: all fills first, so no fill covers
    /// a border drawn before it.
    fn country_shapes(&self, lod: &Lod, view: &ViewTransform) -> Vec<Shape> {
        let outline_color = self.colors.outline;
        let mut fills = Vec::new();
        let mut outlines = Vec::new();
        let mut fill = Mesh::default();
        let mut outline = Mesh::default();
        for (ci, mesh) in lod.countries.iter().enumerate() {
            let color = self.colors.fills.get(ci).copied().unwrap_or(Color32::GRAY);
            for part in &mesh.parts {
                for wrap in view.visible_wraps(part.bbox) {
                    // epaint takes a much slower path for meshes past u16 indices: keep
                    // each one under that (measured: 2.9 ms → 0.2 ms a frame at world view).
                    let extra = 2 * (part.fill_vertices.end - part.fill_vertices.start) as usize;
                    if outline.vertices.len() + extra > MAX_MESH_VERTICES {
                        fills.push(Shape::mesh(std::mem::take(&mut fill)));
                        outlines.push(Shape::mesh(std::mem::take(&mut outline)));
                    }
                    push_part(
                        &mut fill,
                        &mut outline,
                        mesh,
                        part,
                        view,
                        wrap,
                        color,
                        outline_color,
                    );
                }
            }
        }
        fills.push(Shape::mesh(fill));
        outlines.push(Shape::mesh(outline));
        fills.extend(outlines);
        fills
    }

    /// Paints the hovered country again on top, so the cached meshes need not change.
    fn paint_hovered(
        &self,
        painter: &egui::Painter,
        lod: &Lod,
        view: &ViewTransform,
        hovered: Option<usize>,
    ) {
        let Some(mesh) = hovered.and_then(|ci| lod.countries.get(ci)) else {
            return;
        };
        let mut fill = Mesh::default();
        let mut outline = Mesh::default();
        for part in &mesh.parts {
            for wrap in view.visible_wraps(part.bbox) {
                push_part(
                    &mut fill,
                    &mut outline,
                    mesh,
                    part,
                    view,
                    wrap,
                    self.colors.hover_fill,
                    self.colors.outline,
                );
            }
        }
        painter.add(Shape::mesh(fill));
        painter.add(Shape::mesh(outline));
    }

    /// Paints a heavier outline around emphasised and selected countries, built from the same
    /// prebuilt normals (mitres are capped there, so sharp corners cannot throw spikes).
    fn paint_thick_outlines(&self, painter: &egui::Painter, lod: &Lod, view: &ViewTransform) {
        let mut thick = Mesh::default();
        for (ci, mesh) in lod.countries.iter().enumerate() {
            let stroke = if self.selected == Some(ci) {
                Some(Stroke::new(2.5, self.colors.selected_outline))
            } else {
                self.colors.emphasis.get(ci).copied().flatten()
            };
            let Some(stroke) = stroke else { continue };
            for part in &mesh.parts {
                let stroke = view.outline_on(stroke, part.bbox);
                for wrap in view.visible_wraps(part.bbox) {
                    push_thick_outline(&mut thick, mesh, part, view, wrap, stroke);
                }
            }
        }
        painter.add(Shape::mesh(thick));
    }

    /// Paints a ring in its colour around an emphasised country too small to read its colour
    /// (Qatar, Bahrain, Lebanon at a regional zoom), so a small lead is never lost.
    fn paint_halos(&self, painter: &egui::Painter, view: &ViewTransform) {
        for (ci, b) in self.meshes.unit_bboxes.iter().enumerate() {
            let Some(stroke) = self.colors.emphasis.get(ci).copied().flatten() else {
                continue;
            };
            let size = view.size_px(*b).max_elem();
            if !(MICROSTATE_MAX_PX..HALO_MAX_PX).contains(&size) {
                continue;
            }
            let fill = self.colors.fills.get(ci).copied().unwrap_or(Color32::GRAY);
            for wrap in view.visible_wraps(*b) {
                let centre = view.screen_from_unit(self.meshes.label_points[ci], wrap);
                let radius = size / 2.0 + 6.0;
                painter.circle_stroke(
                    centre,
                    radius,
                    Stroke::new(stroke.width + 2.0, stroke.color),
                );
                painter.circle_stroke(centre, radius, Stroke::new(2.0, fill));
            }
        }
    }

    /// Paints a dot for each country too small to see at this zoom, on top of everything so it
    /// can be seen and clicked.
    fn paint_microstate_dots(
        &self,
        painter: &egui::Painter,
        view: &ViewTransform,
        hovered: Option<usize>,
    ) {
        for (ci, centre) in self.microstates(view) {
            let fill = if hovered == Some(ci) {
                self.colors.hover_fill
            } else {
                self.colors.fills.get(ci).copied().unwrap_or(Color32::GRAY)
            };
            let ring = if self.selected == Some(ci) {
                Stroke::new(2.0, self.colors.selected_outline)
            } else {
                self.colors
                    .emphasis
                    .get(ci)
                    .copied()
                    .flatten()
                    .unwrap_or(Stroke::new(1.0, self.colors.outline))
            };
            painter.circle(centre, DOT_RADIUS_PX, fill, ring);
        }
    }
}

/// Appends one polygon's fill and hairline outline, moved to the screen, to the frame's meshes.
#[expect(
    clippy::too_many_arguments,
    reason = "a hot inner loop; a struct would only rename them"
)]
fn push_part(
    fill: &mut Mesh,
    outline: &mut Mesh,
    mesh: &crate::geo::CountryMesh,
    part: &crate::geo::MeshPart,
    view: &ViewTransform,
    wrap: f32,
    color: Color32,
    outline_color: Color32,
) {
    let range = |r: &std::ops::Range<u32>| r.start as usize..r.end as usize;
    // Indices in a part count from the start of the country's arrays.
    let (base, first) = (fill.vertices.len() as u32, part.fill_vertices.start);
    fill.vertices.extend(
        mesh.fill_positions[range(&part.fill_vertices)]
            .iter()
            .map(|u| Vertex {
                pos: view.screen_from_unit(*u, wrap),
                uv: egui::epaint::WHITE_UV,
                color,
            }),
    );
    fill.indices.extend(
        mesh.fill_indices[range(&part.fill_indices)]
            .iter()
            .map(|i| i - first + base),
    );

    // A feathered hairline: opaque at the ring, transparent `HAIRLINE_FADE_PX` away from the fill
    // (see `geo::mesh`). Each point becomes two vertices: the point and its side.
    let base = outline.vertices.len() as u32;
    let positions = &mesh.fill_positions[range(&part.fill_vertices)];
    let normals = &mesh.outline_normals[range(&part.fill_vertices)];
    let vertex = |pos, color| Vertex {
        pos,
        uv: egui::epaint::WHITE_UV,
        color,
    };
    for (u, n) in positions.iter().zip(normals) {
        let p = view.screen_from_unit(*u, wrap);
        outline.vertices.extend([
            vertex(p, outline_color),
            vertex(
                pos2(p.x + n[0] * HAIRLINE_FADE_PX, p.y + n[1] * HAIRLINE_FADE_PX),
                Color32::TRANSPARENT,
            ),
        ]);
    }
    for ring in mesh.part_rings(part) {
        for (a, b) in mesh.outline_edges(ring) {
            let (c0, c1) = (base + 2 * (a - first), base + 2 * (b - first));
            outline.indices.extend([c0, c0 + 1, c1 + 1, c0, c1 + 1, c1]);
        }
    }
}

/// Appends a stroke of `stroke.width` pixels, with a one-pixel feather each side, around every
/// ring of one polygon.
fn push_thick_outline(
    out: &mut Mesh,
    mesh: &crate::geo::CountryMesh,
    part: &crate::geo::MeshPart,
    view: &ViewTransform,
    wrap: f32,
    stroke: Stroke,
) {
    let half = stroke.width / 2.0;
    let clear = Color32::TRANSPARENT;
    for ring in mesh.part_rings(part) {
        let base = out.vertices.len() as u32;
        for point in ring.clone() {
            let centre = view.screen_from_unit(mesh.fill_positions[point as usize], wrap);
            let normal = mesh.outline_normals[point as usize];
            let at = |d: f32| pos2(centre.x + normal[0] * d, centre.y + normal[1] * d);
            for (pos, color) in [
                (at(half + 1.0), clear),
                (at(half), stroke.color),
                (at(-half), stroke.color),
                (at(-half - 1.0), clear),
            ] {
                out.vertices.push(Vertex {
                    pos,
                    uv: egui::epaint::WHITE_UV,
                    color,
                });
            }
        }
        for (i, j) in mesh.outline_edges(ring) {
            let (a, b) = (base + 4 * (i - ring.start), base + 4 * (j - ring.start));
            for k in 0..3 {
                out.indices
                    .extend([a + k, a + k + 1, b + k, a + k + 1, b + k + 1, b + k]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Rect, vec2};

    /// A 1000 × 600 view at `scale` points per world, centred on unit-space `centre`.
    fn view_at(centre: [f32; 2], scale: f32) -> ViewTransform {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 600.0));
        ViewTransform {
            origin: rect.center() - vec2(centre[0], centre[1]) * scale,
            scale,
            rect,
        }
    }

    #[test]
    fn a_view_across_the_antimeridian_draws_the_land_beyond_it_one_world_over() {
        // Centred on 180° near Fiji, zoomed so the view spans about 7° of longitude.
        let view = view_at([1.0, 0.55], 50_000.0);
        // Islands just east of 180° (x just above 0) show to the east of the centre.
        let east_of_180 = [0.0005, 0.549, 0.0015, 0.551];
        assert_eq!(view.visible_wraps(east_of_180).collect::<Vec<_>>(), [1.0]);
        // Islands just west of 180° show as they are.
        let west_of_180 = [0.998, 0.549, 0.999, 0.551];
        assert_eq!(view.visible_wraps(west_of_180).collect::<Vec<_>>(), [0.0]);
    }

    #[test]
    fn a_view_inside_the_world_draws_each_box_once() {
        let view = view_at([0.5, 0.5], 1000.0);
        let europe = [0.48, 0.3, 0.56, 0.36];
        assert_eq!(view.visible_wraps(europe).collect::<Vec<_>>(), [0.0]);
    }
}
