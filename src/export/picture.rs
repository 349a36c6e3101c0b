//! Pictures of the map without a window: SVG drawn from the same meshes, projection, palette and
//! role logic as the app (see `scene`), and PNG rasterised from that SVG.
//!
//! A slide deck for people who present with other software: one picture per tour step, each
//! with its legend and caption.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use egui::{Color32, Pos2, Stroke};

use crate::data::Dataset;
use crate::export::{ExportError, write_atomically};
use crate::geo::WorldData;
use crate::geo::mesh::is_antimeridian_cut;
use crate::geo::{CountryMesh, MeshPart};
use crate::scene::framing::Corner;
use crate::scene::picture::CAPTION_PX;
use crate::scene::{
    CaptionText, HALO_MAX_PX, LayerColors, LegendRow, MICROSTATE_MAX_PX, Picture, ViewTransform,
    style,
};

const FONT: &str = "Ubuntu, sans-serif";

/// Draws a picture as SVG, `size` pixels wide and high.
pub fn svg(data: &WorldData, dataset: &Dataset, picture: &Picture, size: [u32; 2]) -> String {
    let (w, h) = (size[0] as f32, size[1] as f32);
    let look = picture.look(&data.world, dataset);
    let colors = &look.colors;
    let legend = LegendBox::of(&look.legend);
    let (view, framing) = picture.frame(&data.world, dataset, size, legend.margined_px());
    let zoom = framing.zoom;

    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}">"#
    );
    let _ = write!(
        out,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        hex(style::OCEAN)
    );
    countries_svg(&mut out, data, colors, &view, zoom);
    dots_svg(&mut out, data, colors, &view);
    let top = picture.top_px();
    legend_svg(&mut out, &look.legend, legend, framing.legend, [w, h], top);
    match picture.caption_text(dataset) {
        Some(words) => caption_svg(&mut out, &words, w),
        None => title_svg(&mut out, &title_of(dataset, picture), w),
    }
    text(
        &mut out,
        8.0,
        h - 8.0,
        11.0,
        "#555555",
        &format!("{} · Microlateral Atlas", data.credit()),
    );
    out.push_str("</svg>\n");
    out
}

/// Every country's fill and border at the level of detail for the view's zoom, then the role
/// outlines over all of them, so no neighbour's border covers an emphasised edge.
fn countries_svg(
    out: &mut String,
    data: &WorldData,
    colors: &LayerColors,
    view: &ViewTransform,
    zoom: f64,
) {
    let lod = &data.meshes.lods[data.meshes.lod_index(zoom)];
    let mut emphasis = String::new();
    for (ci, mesh) in lod.countries.iter().enumerate() {
        let fill = colors.fills[ci];
        for part in &mesh.parts {
            for wrap in view.visible_wraps(part.bbox) {
                let (d, outline) = part_paths(mesh, part, view, wrap);
                if d.is_empty() {
                    continue;
                }
                // Most parts stroke their fill path; a part cut at the antimeridian strokes
                // only its real edges, as the window does.
                let stroke = if outline.is_none() {
                    hex(colors.outline)
                } else {
                    "none".to_owned()
                };
                let _ = write!(
                    out,
                    r#"<path d="{d}" fill="{}" fill-rule="evenodd" stroke="{stroke}" stroke-width="0.6" stroke-linejoin="round"/>"#,
                    hex(fill),
                );
                if let Some(outline) = &outline {
                    let _ = write!(
                        out,
                        r#"<path d="{outline}" fill="none" stroke="{}" stroke-width="0.6" stroke-linejoin="round"/>"#,
                        hex(colors.outline)
                    );
                }
                let outline = outline.as_deref().unwrap_or(&d);
                if let Some(stroke) = colors.emphasis[ci] {
                    let stroke = view.outline_on(stroke, part.bbox);
                    let _ = write!(
                        emphasis,
                        r#"<path d="{outline}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"/>"#,
                        hex(stroke.color),
                        stroke.width
                    );
                }
            }
        }
    }
    out.push_str(&emphasis);
}

/// Microstates as dots, and small countries with a role ringed, as on screen.
fn dots_svg(out: &mut String, data: &WorldData, colors: &LayerColors, view: &ViewTransform) {
    for (ci, b) in data.meshes.unit_bboxes.iter().enumerate() {
        let span = ((b[2] - b[0]) * view.scale).max((b[3] - b[1]) * view.scale);
        let label = data.meshes.label_points[ci];
        for wrap in view.visible_wraps(*b) {
            let c = view.screen_from_unit(label, wrap);
            if span < MICROSTATE_MAX_PX {
                let _ = write!(
                    out,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{}" stroke="{}" stroke-width="1"/>"#,
                    c.x,
                    c.y,
                    hex(colors.fills[ci]),
                    hex(colors.outline)
                );
            }
            if let Some(stroke) = colors.emphasis[ci]
                && (MICROSTATE_MAX_PX..HALO_MAX_PX).contains(&span)
            {
                let _ = write!(
                    out,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="none" stroke="{}" stroke-width="{}"/>"#,
                    c.x,
                    c.y,
                    span / 2.0 + 6.0,
                    hex(colors.fills[ci]),
                    stroke.width + 1.5
                );
            }
        }
    }
}

/// The caption box across the top: the date and the effort (a title step has neither), the
/// title, and the text (a milestone's outcome, or the step's own) in two lines at most.
fn caption_svg(out: &mut String, words: &CaptionText, w: f32) {
    let x = 24.0;
    let _ = write!(
        out,
        r##"<rect x="12" y="12" width="{}" height="{}" rx="6" fill="#1b1b1b" fill-opacity="0.92"/>"##,
        w - 24.0,
        CAPTION_PX - 24.0
    );
    if let Some(date) = &words.date {
        text(out, x, 44.0, 20.0, "#D55E00", date);
    }
    if let Some(initiative) = &words.initiative {
        text(out, x + 180.0, 44.0, 18.0, "#bbbbbb", initiative);
    }
    text(out, x, 78.0, 28.0, "#ffffff", &words.title);
    let max_chars = ((w - 48.0) / 9.5) as usize;
    for (k, line) in wrap_words(&words.text, max_chars)
        .iter()
        .take(2)
        .enumerate()
    {
        text(out, x, 104.0 + 20.0 * k as f32, 17.0, "#dddddd", line);
    }
}

/// The legend box's size in an exported picture, from its title and rows.
#[derive(Clone, Copy, Debug)]
struct LegendBox {
    width: f32,
    height: f32,
}

/// The legend's distance from the picture's side edges and from the top band.
const LEGEND_INSET_PX: f32 = 12.0;
/// The legend's distance from the bottom edge: above the credits line.
const LEGEND_BOTTOM_PX: f32 = 24.0;

impl LegendBox {
    fn of(legend: &(String, Vec<LegendRow>)) -> Self {
        let (title, rows) = legend;
        Self {
            width: (title.chars().count() as f32 * 7.8 + 24.0).max(200.0),
            height: 34.0 + 22.0 * rows.len() as f32,
        }
    }

    /// The room the legend takes from the picture, with its distances from the edges and a
    /// little air on its open sides, for framing.
    fn margined_px(self) -> [f64; 2] {
        [
            f64::from(self.width + 2.0 * LEGEND_INSET_PX),
            f64::from(self.height + LEGEND_BOTTOM_PX + LEGEND_INSET_PX),
        ]
    }
}

/// The room an exported picture's legend takes, with its margins, for framing: what
/// [`svg`] passes to [`Picture::frame`].
pub fn legend_px(legend: &(String, Vec<LegendRow>)) -> [f64; 2] {
    LegendBox::of(legend).margined_px()
}

/// The line across the top of a single picture: what it shows, and as of when.
pub(crate) fn title_of(dataset: &Dataset, picture: &Picture) -> String {
    // "25 May 2008", as the window writes dates.
    let when = |day: i64| {
        let (y, m, d) = crate::data::date::ymd_from_day(day);
        crate::data::PartialDate::new(y, Some(m), Some(d)).map_or_else(
            |_| crate::data::date::iso_date(day),
            |date| crate::data::FuzzyDate::single(date).to_string(),
        )
    };
    let name = picture
        .initiative
        .and_then(|i| dataset.initiatives.get(i))
        .map_or("Small-state efforts", |i| i.name.as_str());
    match (picture.compare, picture.as_of) {
        (Some((a, b)), _) => format!("{name} · changes {} – {}", when(a), when(b)),
        (None, Some(day)) => format!("{name} · as of {}", when(day)),
        (None, None) => format!("{name} · all dates"),
    }
}

/// The title line across the top of a single picture.
fn title_svg(out: &mut String, title: &str, w: f32) {
    let _ = write!(
        out,
        r##"<rect x="12" y="10" width="{}" height="34" rx="6" fill="#1b1b1b" fill-opacity="0.9"/>"##,
        w - 24.0
    );
    text(out, 24.0, 33.0, 18.0, "#ffffff", title);
}

fn legend_svg(
    out: &mut String,
    legend: &(String, Vec<LegendRow>),
    size: LegendBox,
    corner: Corner,
    picture: [f32; 2],
    top_px: f32,
) {
    let (title, rows) = legend;
    let (width, box_h) = (size.width, size.height);
    let x = match corner {
        Corner::BottomLeft | Corner::TopLeft => LEGEND_INSET_PX,
        Corner::BottomRight | Corner::TopRight => picture[0] - width - LEGEND_INSET_PX,
    };
    let y = match corner {
        Corner::BottomLeft | Corner::BottomRight => picture[1] - box_h - LEGEND_BOTTOM_PX,
        Corner::TopLeft | Corner::TopRight => top_px + LEGEND_INSET_PX,
    };
    let _ = write!(
        out,
        r##"<rect x="{x}" y="{y}" width="{width}" height="{box_h}" rx="6" fill="#1b1b1b" fill-opacity="0.9"/>"##
    );
    text(out, x + 10.0, y + 22.0, 14.0, "#ffffff", title);
    for (k, (fill, stroke, label)) in rows.iter().enumerate() {
        let ry = y + 34.0 + 22.0 * k as f32;
        let outline = stroke.unwrap_or(Stroke::new(1.0, Color32::from_gray(120)));
        let _ = write!(
            out,
            r#"<rect x="{}" y="{ry}" width="22" height="14" rx="2" fill="{}" stroke="{}" stroke-width="{}"/>"#,
            x + 10.0,
            hex(*fill),
            hex(outline.color),
            outline.width
        );
        text(out, x + 40.0, ry + 12.0, 13.0, "#dddddd", label);
    }
}

fn text(out: &mut String, x: f32, y: f32, size: f32, color: &str, content: &str) {
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}" font-size="{size}" fill="{color}">{}</text>"#,
        escape(content)
    );
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn hex(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

fn wrap_words(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().map(|l| l.chars().count()).unwrap_or(0);
        if line > 0 && line + 1 + word.chars().count() > max_chars.max(10) {
            lines.push(String::new());
        }
        if let Some(last) = lines.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// Turns SVG drawn by [`svg`] into pixels. Text uses the font the app uses, which ships inside
/// the binary, so pictures look the same on every machine. The font is loaded once, so an
/// animation of many frames pays for it once.
pub struct Rasteriser {
    options: resvg::usvg::Options<'static>,
}

impl Default for Rasteriser {
    fn default() -> Self {
        let mut options = resvg::usvg::Options::default();
        options
            .fontdb_mut()
            .load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
        if let Some(family) = options
            .fontdb
            .faces()
            .next()
            .and_then(|f| f.families.first())
        {
            options.font_family = family.0.clone();
        }
        Self { options }
    }
}

impl Rasteriser {
    /// The picture's pixels: premultiplied RGBA, row by row.
    pub fn pixmap(&self, svg: &str) -> Result<resvg::tiny_skia::Pixmap, ExportError> {
        use resvg::{tiny_skia, usvg};
        let tree = usvg::Tree::from_str(svg, &self.options)
            .map_err(|e| ExportError::Render(e.to_string()))?;
        let size = tree.size().to_int_size();
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
            ExportError::Render(format!(
                "cannot make a {}×{} image",
                size.width(),
                size.height()
            ))
        })?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        Ok(pixmap)
    }
}

/// Rasterises an SVG drawn by [`svg`] to PNG bytes.
pub fn png(svg: &str) -> Result<Vec<u8>, ExportError> {
    Rasteriser::default()
        .pixmap(svg)?
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

/// Writes the map's part of a window screenshot as a PNG, atomically. `map` is the map's rect in
/// points (the whole window when it is `None`).
pub fn png_from_screenshot(
    image: &egui::ColorImage,
    map: Option<egui::Rect>,
    pixels_per_point: f32,
    path: &Path,
) -> Result<(), ExportError> {
    let [width, height] = image.size;
    // The map's rect in physical pixels; the whole window if the map has not been drawn.
    let pixel = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, y0, x1, y1) = match map {
        Some(r) => (
            pixel(r.min.x, width),
            pixel(r.min.y, height),
            pixel(r.max.x, width),
            pixel(r.max.y, height),
        ),
        None => (0, 0, width, height),
    };
    if x1 <= x0 || y1 <= y0 {
        return Err(ExportError::Render(
            "the map has no area to save".to_owned(),
        ));
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for px in &image.pixels[y * width + x0..y * width + x1] {
            rgba.extend_from_slice(&px.to_srgba_unmultiplied());
        }
    }
    let buffer = image::RgbaImage::from_raw((x1 - x0) as u32, (y1 - y0) as u32, rgba)
        .ok_or_else(|| ExportError::Render("the screenshot has the wrong size".to_owned()))?;
    let mut png = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| ExportError::Render(e.to_string()))?;
    write_atomically(path, png.get_ref())
}

/// Which formats to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum PictureFormat {
    /// An SVG file per picture.
    Svg,
    /// A PNG file per picture.
    Png,
    /// An SVG and a PNG per picture.
    #[default]
    Both,
    /// One PDF: a page per picture, then the pages of sources.
    Pdf,
    /// An animated GIF (implies --animate).
    Gif,
    /// An H.264 MP4 video, made by ffmpeg when it is on PATH, else a GIF (implies --animate).
    Mp4,
}

impl PictureFormat {
    /// Whether the format is an animation rather than still pictures.
    pub fn is_animation(self) -> bool {
        matches!(self, Self::Gif | Self::Mp4)
    }
}

/// Writes pictures as `DIR/STEM.svg` and/or `.png`, each atomically; any other format writes
/// both. Returns the files written.
pub fn write_pictures(
    data: &WorldData,
    dataset: &Dataset,
    pictures: &[(String, Picture)],
    size: [u32; 2],
    format: PictureFormat,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut written = Vec::new();
    for (stem, picture) in pictures {
        let drawing = svg(data, dataset, picture, size);
        if format != PictureFormat::Png {
            let path = dir.join(format!("{}.svg", super::file_stem(stem)));
            write_atomically(&path, drawing.as_bytes())?;
            written.push(path);
        }
        if format != PictureFormat::Svg {
            let path = dir.join(format!("{}.png", super::file_stem(stem)));
            write_atomically(&path, &png(&drawing)?)?;
            written.push(path);
        }
    }
    Ok(written)
}

/// One polygon's rings as SVG path data: the closed rings, for the fill, and, when an edge runs
/// along the antimeridian cut, the outline without those edges (open runs between the cuts).
fn part_paths(
    mesh: &CountryMesh,
    part: &MeshPart,
    view: &ViewTransform,
    wrap: f32,
) -> (String, Option<String>) {
    let mut fill = String::new();
    let mut outline = String::new();
    let mut cut_anywhere = false;
    for ring in mesh.part_rings(part) {
        let unit = &mesh.fill_positions[ring.start as usize..ring.end as usize];
        let screen: Vec<Pos2> = unit
            .iter()
            .map(|&u| view.screen_from_unit(u, wrap))
            .collect();
        let mut closed = String::new();
        for (k, p) in screen.iter().enumerate() {
            let _ = write!(
                closed,
                "{}{:.1} {:.1}",
                if k == 0 { "M" } else { "L" },
                p.x,
                p.y
            );
        }
        closed.push('Z');
        fill.push_str(&closed);
        let n = unit.len();
        let cut = |k: usize| is_antimeridian_cut(unit[k], unit[(k + 1) % n]);
        if !(0..n).any(cut) {
            outline.push_str(&closed);
            continue;
        }
        cut_anywhere = true;
        // Start just after a cut, so each run of real edges is one subpath with its corners
        // joined, even the run that passes the ring's first point.
        let start = (0..n).find(|&k| cut(k)).map_or(0, |k| k + 1);
        let mut drawing = false;
        for k in (start..start + n).map(|k| k % n) {
            if cut(k) {
                drawing = false;
                continue;
            }
            let (a, b) = (screen[k], screen[(k + 1) % n]);
            if !drawing {
                let _ = write!(outline, "M{:.1} {:.1}", a.x, a.y);
                drawing = true;
            }
            let _ = write!(outline, "L{:.1} {:.1}", b.x, b.y);
        }
    }
    (fill, cut_anywhere.then_some(outline))
}
