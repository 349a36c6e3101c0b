//! How the window's text is sized. The map's colours are the scene's (`scene::style`).

/// Scales every text style by `factor`: presenter mode's legend and controls, read from the back
/// of a room.
pub fn enlarge_text(style: &mut egui::Style, factor: f32) {
    for font in style.text_styles.values_mut() {
        font.size *= factor;
    }
}
