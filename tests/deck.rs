//! The PDF deck a presenter hands out: a page per tour step, then the sources with their links.

mod common;

use common::atlas;

use microlateral_atlas::WorldData;
use microlateral_atlas::data::{Dataset, bundled};
use pdf_extract::{Document, Object};

fn bundled_dataset() -> Dataset {
    let world = WorldData::bundled().expect("the bundled world loads").world;
    bundled::dataset(&world).expect("the bundled initiatives load")
}

/// Exports `args` as a PDF into a fresh folder and reads it back: the document, the text of
/// each page, and what the command printed.
fn deck(name: &str, args: &[&str]) -> (Document, Vec<String>, String) {
    let temp = tempfile::Builder::new()
        .prefix(&format!("atlas-deck-{name}-"))
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let dir_text = dir.to_str().expect("a UTF-8 temporary folder");
    let mut all = vec!["export", "--format", "pdf", "--out", dir_text];
    all.extend_from_slice(args);
    let output = atlas(&all);
    assert!(output.status.success(), "{output:?}");
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    let file = std::fs::read_dir(&dir)
        .expect("the folder was made")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF was written");
    let document = Document::load(&file).expect("the PDF parses");
    // svg2pdf places each glyph on its own, so a reader sees spaces between letters: compare
    // text without white space.
    let texts = pdf_extract::extract_text_by_pages(&file)
        .expect("the text can be read")
        .iter()
        .map(|text| squeezed(text))
        .collect();
    (document, texts, printed)
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The addresses the page's link annotations open.
fn links(document: &Document, page: pdf_extract::ObjectId) -> Vec<String> {
    let Ok(annotations) = document.get_page_annotations(page) else {
        return Vec::new();
    };
    annotations
        .iter()
        .filter_map(|annotation| {
            let action = match annotation.get(b"A").ok()? {
                Object::Reference(id) => document.get_dictionary(*id).ok()?,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            let uri = action.get(b"URI").ok()?.as_str().ok()?;
            Some(String::from_utf8_lossy(uri).into_owned())
        })
        .collect()
}

#[test]
fn the_christchurch_tour_as_pdf_has_a_page_per_step_with_its_caption_then_its_sources() {
    let (document, texts, printed) = deck(
        "christchurch",
        &["--initiative", "christchurch-call", "--tour"],
    );
    let dataset = bundled_dataset();
    let call = dataset
        .initiatives
        .iter()
        .find(|i| i.id == "christchurch-call")
        .expect("the bundled Call");
    let steps = call.milestones.len();
    assert!(
        texts.len() > steps,
        "{} pages for {steps} steps",
        texts.len()
    );
    for (milestone, text) in call.milestones.iter().zip(&texts) {
        assert!(
            text.contains(&squeezed(&milestone.title)),
            "page for {:?} reads {text:?}",
            milestone.title
        );
    }
    let sources_text = texts[steps..].concat();
    assert!(sources_text.contains("Sources"), "{sources_text}");
    let pages: Vec<_> = document.get_pages().values().copied().collect();
    let linked: Vec<String> = pages[steps..]
        .iter()
        .flat_map(|&page| links(&document, page))
        .collect();
    for milestone in &call.milestones {
        for &s in &milestone.sources {
            let url = &call.sources[s].url;
            // A long address is shortened on the page; its link holds all of it.
            let shown: String = url.chars().take(100).collect();
            assert!(
                sources_text.contains(&shown),
                "{url} is not on the sources pages"
            );
            assert!(linked.contains(url), "{url} is not a link: {linked:?}");
        }
    }
    assert!(
        printed.contains("(6 pictures, 1 page of sources)"),
        "{printed}"
    );
}

#[test]
fn a_single_initiative_picture_as_pdf_lists_all_of_its_sources() {
    let (_, texts, _) = deck(
        "doha",
        &["--initiative", "doha-agreement", "--date", "2020-03-01"],
    );
    assert!(texts.len() >= 2, "{} pages", texts.len());
    assert!(texts[0].contains("Doha"), "{}", texts[0]);
    let dataset = bundled_dataset();
    let doha = dataset
        .initiatives
        .iter()
        .find(|i| i.id == "doha-agreement")
        .expect("the bundled Doha Agreement");
    let sources_text = texts[1..].concat();
    for source in &doha.sources {
        let shown: String = source.url.chars().take(60).collect();
        assert!(sources_text.contains(&shown), "{} is missing", source.url);
    }
}
