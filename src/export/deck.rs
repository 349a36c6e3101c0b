//! A PDF deck and handout: one vector page per picture (map, caption, legend, drawn by the same
//! SVG as `export`), then pages listing every page's sources with their addresses, each address
//! a link.
//!
//! Each SVG becomes a PDF form by `svg2pdf`, with the text kept as text in the app's own embedded
//! font, so a reader can search and copy the captions. Pages are converted on every core: the
//! SVG parse and conversion are most of the time, and pages do not depend on each other.

use std::fmt::Write as _;
use std::path::Path;

use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use svg2pdf::usvg;

use crate::data::{Confidence, Dataset};
use crate::export::picture::{escape, svg, title_of};
use crate::export::{ExportError, Ticket, create_parent, write_atomically};
use crate::geo::WorldData;
use crate::scene::Picture;

/// PDF points per SVG pixel: CSS pixels are 1/96 inch, points 1/72.
const PT_PER_PX: f32 = 72.0 / 96.0;
/// The sources pages' type sizes and margins, in SVG pixels.
const HEADING_PX: f32 = 17.0;
const ITEM_PX: f32 = 14.0;
const LINE_PX: f32 = 22.0;
const MARGIN_PX: f32 = 56.0;
/// About how wide a character of the sources pages is, as a share of the type size: Ubuntu
/// Light's average advance is about half an em.
const CHAR_EM: f32 = 0.5;

/// One line of the sources pages.
#[derive(Clone, Debug, PartialEq)]
enum Line {
    /// A page of the deck: its number and what it shows.
    Heading(String),
    /// A source: its title and address.
    Source { title: String, url: String },
    /// A remark without an address.
    Remark(String),
}

/// A sources page drawn as SVG, with the links to lay over its addresses.
struct SourcesPage {
    svg: String,
    /// Each address with its box in SVG pixels: left, top, right, bottom.
    links: Vec<(String, [f32; 4])>,
}

/// The deck as PDF bytes, with its number of pages: a page per picture, then the sources pages.
pub fn pdf(
    data: &WorldData,
    dataset: &Dataset,
    pictures: &[(String, Picture)],
    size: [u32; 2],
    ticket: &Ticket,
) -> Result<(Vec<u8>, usize), ExportError> {
    let maps: Vec<String> = pictures
        .iter()
        .map(|(_, picture)| svg(data, dataset, picture, size))
        .collect();
    let sources = sources_pages(&source_lines(data, dataset, pictures), size);
    let drawings: Vec<&str> = maps
        .iter()
        .map(String::as_str)
        .chain(sources.iter().map(|page| page.svg.as_str()))
        .collect();
    let chunks = convert_all(&drawings, ticket)?;
    let pages = chunks.len();

    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree = alloc.bump();
    let page_refs: Vec<Ref> = chunks.iter().map(|_| alloc.bump()).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    let (w, h) = (size[0] as f32 * PT_PER_PX, size[1] as f32 * PT_PER_PX);
    let no_links = Vec::new();
    for (k, (chunk, root)) in chunks.into_iter().enumerate() {
        let mut renumbered = std::collections::HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let form = renumbered.get(&root).copied().ok_or_else(|| {
            ExportError::Render("the PDF converter lost a page's drawing".to_owned())
        })?;
        let links = k
            .checked_sub(maps.len())
            .map_or(&no_links, |s| &sources[s].links);
        let annotations: Vec<Ref> = links.iter().map(|_| alloc.bump()).collect();
        for ((url, [x0, y0, x1, y1]), &id) in links.iter().zip(&annotations) {
            let mut link = pdf.annotation(id);
            link.subtype(AnnotationType::Link)
                .rect(Rect::new(
                    x0 * PT_PER_PX,
                    h - y1 * PT_PER_PX,
                    x1 * PT_PER_PX,
                    h - y0 * PT_PER_PX,
                ))
                .border(0.0, 0.0, 0.0, None);
            link.action()
                .action_type(ActionType::Uri)
                .uri(Str(url.as_bytes()));
        }
        let content_ref = alloc.bump();
        let name = Name(b"Map");
        let mut content = Content::new();
        content.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content_ref, &content.finish());
        let mut page = pdf.page(page_refs[k]);
        page.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(tree)
            .contents(content_ref);
        page.resources().x_objects().pair(name, form);
        if !annotations.is_empty() {
            page.annotations(annotations);
        }
        page.finish();
        pdf.extend(&chunk);
    }
    let info = alloc.bump();
    pdf.document_info(info)
        .title(TextStr("Microlateral Atlas: slides and sources"))
        .producer(TextStr("Microlateral Atlas, svg2pdf"));
    Ok((pdf.finish(), pages))
}

/// Draws the deck and writes it to `path`, atomically. Returns the number of pages. Stops,
/// writing nothing, when `ticket` is cancelled.
pub fn write_pdf(
    data: &WorldData,
    dataset: &Dataset,
    pictures: &[(String, Picture)],
    size: [u32; 2],
    path: &Path,
    ticket: &Ticket,
) -> Result<usize, ExportError> {
    create_parent(path)?;
    let (bytes, pages) = pdf(data, dataset, pictures, size, ticket)?;
    write_atomically(path, &bytes)?;
    Ok(pages)
}

/// SVG reading options with the app's font, so the PDF embeds the font the pictures use. The
/// rasteriser sets up its options the same way, but for the newer usvg that resvg uses: the two
/// are different types, so they cannot share this.
fn svg_options() -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
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
    options
}

/// Converts each SVG to a PDF form, in order, spreading the pages over the machine's cores.
fn convert_all(
    drawings: &[&str],
    ticket: &Ticket,
) -> Result<Vec<(pdf_writer::Chunk, Ref)>, ExportError> {
    ticket.start(drawings.len());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = drawings.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = drawings
            .chunks(per_thread)
            .map(|part| {
                scope.spawn(move || {
                    // Each thread reads the font once; the options are not shareable.
                    let options = svg_options();
                    part.iter()
                        .map(|drawing| {
                            let chunk = convert(drawing, &options)?;
                            ticket.advance()?;
                            Ok::<_, ExportError>(chunk)
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(drawings.len());
        for worker in workers {
            let part = worker.join().map_err(|_| {
                ExportError::Render("a PDF page could not be converted".to_owned())
            })??;
            all.extend(part);
        }
        Ok(all)
    })
}

fn convert(
    drawing: &str,
    options: &usvg::Options,
) -> Result<(pdf_writer::Chunk, Ref), ExportError> {
    let tree =
        usvg::Tree::from_str(drawing, options).map_err(|e| ExportError::Render(e.to_string()))?;
    svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
        .map_err(|e| ExportError::Render(format!("cannot make the PDF: {e}")))
}

/// What the sources pages list: for each page of the deck, the sources of what it shows.
fn source_lines(data: &WorldData, dataset: &Dataset, pictures: &[(String, Picture)]) -> Vec<Line> {
    let mut lines = Vec::new();
    for (k, (_, picture)) in pictures.iter().enumerate() {
        let initiative = picture.initiative.and_then(|i| dataset.initiatives.get(i));
        let milestone = picture
            .caption
            .and_then(|(i, m)| dataset.initiatives.get(i)?.milestones.get(m));
        // The page's caption as the page shows it: a step's own words, else its milestone's.
        let heading = match picture.caption_text(dataset) {
            Some(words) => {
                let place: Vec<&str> = [words.initiative.as_deref(), words.date.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if place.is_empty() {
                    format!("Page {}: {}", k + 1, words.title)
                } else {
                    format!("Page {}: {}: {}", k + 1, place.join(", "), words.title)
                }
            }
            None => format!("Page {}: {}", k + 1, title_of(dataset, picture)),
        };
        lines.push(Line::Heading(heading));
        let Some(initiative) = initiative else {
            lines.push(Line::Remark(
                "The overview: each initiative's sources are listed on its own page and in the atlas."
                    .to_owned(),
            ));
            continue;
        };
        let cited: Vec<usize> = match milestone {
            Some(m) => m.sources.clone(),
            None => (0..initiative.sources.len()).collect(),
        };
        for source in cited.iter().filter_map(|&s| initiative.sources.get(s)) {
            lines.push(Line::Source {
                title: source.title.clone(),
                url: source.url.clone(),
            });
        }
        let confidence = milestone.map_or(initiative.confidence, |m| m.confidence);
        if confidence != Confidence::Verified {
            lines.push(Line::Remark(format!(
                "Marked {} in the data: see the note in the atlas.",
                confidence.label()
            )));
        }
    }
    lines.push(Line::Heading("The map".to_owned()));
    if data.is_bundled() {
        lines.push(Line::Source {
            title: "Borders: Natural Earth 1:50m, public domain".to_owned(),
            url: "https://www.naturalearthdata.com/".to_owned(),
        });
        lines.push(Line::Source {
            title: "Population: World Bank, SP.POP.TOTL 2019, CC BY 4.0".to_owned(),
            url: "https://data.worldbank.org/indicator/SP.POP.TOTL".to_owned(),
        });
    } else {
        lines.push(Line::Remark(data.credit()));
    }
    lines
}

/// Lays the lines out on as many pages as they need. A source takes two lines (title, then
/// address), and never splits across pages.
fn sources_pages(lines: &[Line], size: [u32; 2]) -> Vec<SourcesPage> {
    let (w, h) = (size[0] as f32, size[1] as f32);
    let bottom = h - MARGIN_PX;
    let mut pages = Vec::new();
    // The page being filled, and how far down it is.
    let mut page: Option<(SourcesPage, f32)> = None;
    for line in lines {
        // A heading needs room for itself and a source under it, so it never ends a page.
        let needed = match line {
            Line::Source { .. } => 2.0 * LINE_PX,
            Line::Heading(_) => 3.6 * LINE_PX,
            Line::Remark(_) => LINE_PX,
        };
        if page.as_ref().is_some_and(|(_, y)| y + needed > bottom) {
            pages.extend(page.take());
        }
        let (SourcesPage { svg, links }, y) = page.get_or_insert_with(|| {
            let mut svg = format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#ffffff"/>"##
            );
            text(&mut svg, MARGIN_PX, MARGIN_PX, 24.0, "#1b1b1b", "Sources");
            let page = SourcesPage {
                svg,
                links: Vec::new(),
            };
            (page, MARGIN_PX + 1.5 * LINE_PX)
        });
        match line {
            Line::Heading(heading) => {
                *y += 0.6 * LINE_PX;
                text(svg, MARGIN_PX, *y, HEADING_PX, "#1b1b1b", heading);
            }
            Line::Source { title, url } => {
                text(svg, MARGIN_PX + 16.0, *y, ITEM_PX, "#333333", title);
                *y += LINE_PX;
                // An address too long for the page is shortened there; its link keeps all of it.
                let room = (w - 2.0 * MARGIN_PX - 16.0) / (CHAR_EM * ITEM_PX);
                let shown = shortened(url, room as usize);
                text(svg, MARGIN_PX + 16.0, *y, ITEM_PX, "#0060a8", &shown);
                // The box only has to cover the text for a click to find it.
                let width = CHAR_EM * ITEM_PX * shown.chars().count() as f32;
                let x = MARGIN_PX + 16.0;
                links.push((url.clone(), [x, *y - ITEM_PX, x + width, *y + 4.0]));
            }
            Line::Remark(remark) => text(svg, MARGIN_PX + 16.0, *y, ITEM_PX, "#666666", remark),
        }
        *y += LINE_PX;
    }
    pages.extend(page);
    pages
        .into_iter()
        .map(|(mut page, _)| {
            page.svg.push_str("</svg>\n");
            page
        })
        .collect()
}

fn shortened(url: &str, max_chars: usize) -> String {
    if url.chars().count() <= max_chars {
        return url.to_owned();
    }
    let head: String = url.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{head}…")
}

fn text(out: &mut String, x: f32, y: f32, size: f32, color: &str, content: &str) {
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}" font-size="{size}" fill="{color}">{}</text>"#,
        escape(content)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_source_list_flows_onto_more_pages_and_every_address_gets_a_link() {
        let lines: Vec<Line> = (0..60)
            .map(|k| Line::Source {
                title: format!("Source {k}"),
                url: format!("https://example.org/{k}"),
            })
            .collect();
        let pages = sources_pages(&lines, [1600, 900]);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let links: usize = pages.iter().map(|p| p.links.len()).sum();
        assert_eq!(links, 60);
        for page in &pages {
            for (_, [_, top, _, bottom]) in &page.links {
                assert!(*top > 0.0 && *bottom < 900.0);
            }
        }
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let mut lines = Vec::new();
        for k in 0..40 {
            lines.push(Line::Heading(format!("Page {k}")));
            lines.push(Line::Source {
                title: format!("Source {k}"),
                url: format!("https://example.org/{k}"),
            });
        }
        for page in sources_pages(&lines, [1600, 900]) {
            let last_heading = page.svg.rfind(">Page ").unwrap_or(0);
            let last_source = page.svg.rfind(">Source ").unwrap_or(0);
            assert!(last_source > last_heading, "a page ends with a heading");
        }
    }

    #[test]
    fn a_very_long_address_is_shortened_on_the_page_but_not_in_its_link() {
        let url = format!("https://example.org/{}", "a".repeat(400));
        let pages = sources_pages(
            &[Line::Source {
                title: "Long".to_owned(),
                url: url.clone(),
            }],
            [1600, 900],
        );
        assert_eq!(pages[0].links[0].0, url);
        assert!(!pages[0].svg.contains(&url));
        assert!(pages[0].svg.contains('…'));
    }
}
