//! The presenter view: a second window for the presenter's own screen, as slide software has.
//! It shows the current step's caption and notes, the next step with a small map of it, the step
//! number and the time since the start. The room's window shows only the map and the caption.

use egui::{Color32, FontId, RichText, Sense, Ui};

use crate::data::Dataset;
use crate::geo::WorldData;
use crate::scene::presenter::{Presenter, PresenterKey};
use crate::scene::{CaptionText, Picture, ViewTransform, palette, style};
use crate::ui::command::Command;
use crate::ui::presenter::{caption_ui, read_keys};

/// The presenter view's own state: when its clock started.
#[derive(Clone, Debug, Default)]
pub struct PresenterView {
    /// egui's clock (seconds) when the presentation, or the last reset, began; set at the first
    /// frame the view is drawn.
    started_at: Option<f64>,
}

/// What the presenter view shows, borrowed from the app.
pub struct PresenterScene<'a> {
    pub data: &'a WorldData,
    pub dataset: &'a Dataset,
    pub presenter: &'a Presenter,
}

impl PresenterView {
    /// Draws the view and reads the presenter's keys, so they work here as in the room's window.
    pub fn ui(&mut self, ui: &mut Ui, scene: &PresenterScene<'_>, commands: &mut Vec<Command>) {
        commands.extend(read_keys(ui).into_iter().map(Command::Present));
        let now = ui.input(|i| i.time);
        let started = *self.started_at.get_or_insert(now);
        let presenter = scene.presenter;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("Step {}", presenter.progress()))
                    .font(FontId::proportional(26.0))
                    .strong(),
            );
            ui.separator();
            ui.label(RichText::new(clock(now - started)).font(FontId::monospace(26.0)));
            if ui.button("Reset clock").clicked() {
                self.started_at = Some(now);
            }
            ui.separator();
            if ui.button("Previous").clicked() {
                commands.push(Command::Present(PresenterKey::Previous));
            }
            if ui.button("Next").clicked() {
                commands.push(Command::Present(PresenterKey::Next));
            }
        });
        // The clock shows seconds.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(1));
        ui.separator();
        ui.columns(2, |columns| {
            let [now_column, next_column] = columns else {
                return;
            };
            // Columns justify their text; captions and notes read better ragged.
            let ragged = egui::Layout::top_down(egui::Align::Min);
            now_column.with_layout(ragged, |ui| current_ui(ui, scene));
            next_column.with_layout(ragged, |ui| next_ui(ui, scene));
        });
    }
}

/// The current step's caption, then its notes.
fn current_ui(ui: &mut Ui, scene: &PresenterScene<'_>) {
    let Some(caption) = scene
        .presenter
        .step()
        .and_then(|step| CaptionText::of_step(scene.dataset, step))
    else {
        ui.label("No step.");
        return;
    };
    caption_ui(ui, &caption, None);
    ui.add_space(12.0);
    ui.label(
        RichText::new("Notes")
            .font(FontId::proportional(20.0))
            .strong(),
    );
    match scene.presenter.notes() {
        Some(notes) => {
            egui::ScrollArea::vertical()
                .id_salt("presenter notes")
                .show(ui, |ui| {
                    ui.label(RichText::new(notes).font(FontId::proportional(22.0)));
                });
        }
        None => {
            ui.label(
                RichText::new(
                    "No notes for this step. Write them in edit mode (Ctrl+E), on the tour's \
                     step or on the milestone.",
                )
                .italics()
                .color(ui.visuals().weak_text_color()),
            );
        }
    }
}

/// The next step's date and title, and a small map of it.
fn next_ui(ui: &mut Ui, scene: &PresenterScene<'_>) {
    ui.label(
        RichText::new("Up next")
            .font(FontId::proportional(20.0))
            .strong(),
    );
    let Some(step) = scene.presenter.next_step() else {
        ui.label("This is the last step.");
        return;
    };
    let Some(caption) = CaptionText::of_step(scene.dataset, step) else {
        return;
    };
    if let Some(date) = &caption.date {
        ui.label(
            RichText::new(date)
                .font(FontId::proportional(18.0))
                .color(palette::LEAD_FILL),
        );
    }
    if let Some(initiative) = &caption.initiative {
        ui.label(RichText::new(initiative).italics());
    }
    ui.label(RichText::new(&caption.title).font(FontId::proportional(20.0)));
    let width = ui.available_width().max(80.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, width * 9.0 / 16.0), Sense::hover());
    let picture = Picture {
        // The caption is above; the small map needs the room.
        caption: None,
        words: None,
        ..Picture::of_step(scene.dataset, step)
    };
    paint_small_map(ui, rect, scene, &picture);
}

/// A small map of `picture`: filled countries at the level of detail made for its zoom, framed as
/// an export of that size would be. No outlines: at this size they would be a grey wash.
fn paint_small_map(ui: &Ui, rect: egui::Rect, scene: &PresenterScene<'_>, picture: &Picture) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, style::OCEAN);
    let look = picture.look(&scene.data.world, scene.dataset);
    // A picture without a caption keeps a title line free at its top; this map has none, so
    // frame a picture that much taller and draw its lower part.
    let title = picture.top_px();
    let framed = egui::Rect::from_min_max(egui::pos2(rect.min.x, rect.min.y - title), rect.max);
    let size = [
        framed.width().max(1.0) as u32,
        framed.height().max(1.0) as u32,
    ];
    let (_, framing) = picture.frame(&scene.data.world, scene.dataset, size, [0.0, 0.0]);
    let view = ViewTransform::centred(framing.centre, framing.zoom, framed);
    let meshes = &scene.data.meshes;
    let Some(lod) = meshes.lods.get(meshes.lod_index(framing.zoom)) else {
        return;
    };
    let mut mesh = egui::Mesh::default();
    for (k, country) in lod.countries.iter().enumerate() {
        let fill = look.colors.fills.get(k).copied().unwrap_or(Color32::GRAY);
        let bbox = scene.data.meshes.unit_bboxes[k];
        for wrap in view.visible_wraps(bbox) {
            let base = mesh.vertices.len() as u32;
            for &u in &country.fill_positions {
                mesh.colored_vertex(view.screen_from_unit(u, wrap), fill);
            }
            mesh.indices
                .extend(country.fill_indices.iter().map(|&i| base + i));
        }
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// "4:05", or "1:02:03" past an hour.
fn clock(secs: f64) -> String {
    let secs = secs.max(0.0) as u64;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_minutes_and_seconds_then_hours() {
        assert_eq!(clock(0.0), "0:00");
        assert_eq!(clock(245.9), "4:05");
        assert_eq!(clock(3723.0), "1:02:03");
    }
}
