//! The floor for start-up measurements (`scripts/bench-startup.sh`): a bare eframe window with
//! the atlas's window options and one label, built with the same flags. Whatever the atlas costs
//! above this is its own.

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare eframe window")
            .with_inner_size([1400.0, 860.0]),
        ..Default::default()
    };
    eframe::run_ui_native("bare", options, |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window.");
        });
    })
}
