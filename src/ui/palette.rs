//! The legend's rows as egui widgets. The colours themselves are the scene's
//! (`scene::palette`), shared with exports.

use egui::{Color32, Stroke, Ui, vec2};

/// One legend row: a swatch with its outline, and a label a screen reader reads too.
pub fn legend_row(ui: &mut Ui, fill: Color32, stroke: Option<Stroke>, label: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(22.0, 14.0), egui::Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 2.0, fill);
        let outline = stroke.unwrap_or(Stroke::new(1.0, Color32::from_gray(120)));
        painter.rect_stroke(rect, 2.0, outline, egui::StrokeKind::Inside);
        ui.label(label);
    });
}
