//! Exporting the tour from the window, as a presenter does before a talk: in the background,
//! with a progress bar and Cancel, and a report saying where the file went.

mod common;

use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable as _};
use microlateral_atlas::AtlasApp;
use microlateral_atlas::scene::TourChoice;
use microlateral_atlas::ui::Command;
use microlateral_atlas::ui::tour_export::TourFile;

fn report(harness: &Harness<'_, AtlasApp>) -> Option<String> {
    harness
        .state()
        .observe()
        .load_report
        .map(|(lines, _)| lines.join("\n"))
}

/// A temporary folder for one export; it goes when the guard is dropped.
fn temp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("atlas-tour-export-")
        .tempdir()
        .expect("a temporary folder")
}

#[test]
fn the_selected_efforts_tour_as_a_pdf_deck_is_written_in_the_background_and_reported() {
    let mut harness = common::bundled_harness(vec2(1400.0, 900.0), 50, None);
    harness.get_by_label("Christchurch Call").click();
    harness.run();
    let folder = temp();
    let path = folder.path().join("christchurch.pdf");
    common::scripted_dialogs(&mut harness).answer(Some(path.clone()));
    let app = harness.state_mut();
    app.command(Command::ChooseTour(TourChoice::SelectedInitiative));
    app.command(Command::ExportTour(TourFile::Pdf));
    harness.step();
    harness.step();
    common::wait_for(&mut harness, |app| app.observe().load_report.is_some());
    let report = report(&harness).expect("a report");
    let bytes = std::fs::read(&path).unwrap_or_default();
    assert!(
        report.starts_with("Saved the tour as a PDF deck to"),
        "{report}"
    );
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let pages = pdf_extract::Document::load_mem(&bytes)
        .expect("the PDF parses")
        .get_pages()
        .len();
    // Six milestones, then a page of sources.
    assert_eq!(pages, 7);
}

#[test]
fn cancel_stops_a_tour_video_and_leaves_no_file() {
    let mut harness = common::bundled_harness(vec2(1400.0, 900.0), 50, None);
    let folder = temp();
    let path = folder.path().join("everything.gif");
    common::scripted_dialogs(&mut harness).answer(Some(path.clone()));
    harness
        .state_mut()
        .command(Command::ExportTour(TourFile::Video));
    harness.step();
    harness.step();
    harness.get_by_label_contains("everything.gif: ");
    harness.get_by_label("Cancel export").click();
    common::wait_for(&mut harness, |app| app.observe().load_report.is_some());
    let report = report(&harness).expect("a report");
    assert!(report.contains("cancelled"), "{report}");
    assert!(
        !path.exists(),
        "a cancelled export wrote {}",
        path.display()
    );
}
