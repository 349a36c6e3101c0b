//! Presenter mode: a tour of steps for a room, driven by the keyboard or a clicker.

use egui::{Color32, FontId, Key, Modifiers, RichText, Ui};

use crate::scene::presenter::{Presenter, PresenterKey};
use crate::scene::{CaptionText, palette};
use crate::ui::command::Command;
use crate::ui::map_view::PRESENTER_TEXT_SCALE;
use crate::ui::style;

/// Reads and consumes the presenter's keys, so no other widget acts on them.
pub fn read_keys(ui: &Ui) -> Vec<PresenterKey> {
    let mut keys = Vec::new();
    ui.input_mut(|input| {
        // Several presses in one frame (a fast clicker, a held key) each count.
        let mut take = |key: Key| input.count_and_consume_key(Modifiers::NONE, key);
        for key in [
            Key::ArrowRight,
            Key::ArrowDown,
            Key::Space,
            Key::N,
            Key::PageDown,
        ] {
            keys.extend(std::iter::repeat_n(PresenterKey::Next, take(key)));
        }
        for key in [
            Key::ArrowLeft,
            Key::ArrowUp,
            Key::Backspace,
            Key::P,
            Key::PageUp,
        ] {
            keys.extend(std::iter::repeat_n(PresenterKey::Previous, take(key)));
        }
        keys.extend(std::iter::repeat_n(PresenterKey::First, take(Key::Home)));
        keys.extend(std::iter::repeat_n(PresenterKey::Last, take(Key::End)));
        let digits = [
            Key::Num0,
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (d, key) in digits.into_iter().enumerate() {
            keys.extend(std::iter::repeat_n(PresenterKey::Digit(d as u8), take(key)));
        }
        keys.extend(std::iter::repeat_n(PresenterKey::Jump, take(Key::Enter)));
        let blackouts = take(Key::Period) + take(Key::B);
        keys.extend(std::iter::repeat_n(PresenterKey::Blackout, blackouts));
        keys.extend(std::iter::repeat_n(
            PresenterKey::PresenterView,
            take(Key::S),
        ));
        keys.extend(std::iter::repeat_n(PresenterKey::Exit, take(Key::Escape)));
    });
    keys
}

/// The step controls under the caption: previous, next, play or pause, the interval, exit.
pub fn controls_ui(presenter: &Presenter, ui: &mut Ui, commands: &mut Vec<Command>) {
    if ui.button("Previous").clicked() {
        commands.push(Command::Present(PresenterKey::Previous));
    }
    if ui.button("Next").clicked() {
        commands.push(Command::Present(PresenterKey::Next));
    }
    let label = if presenter.is_autoplaying() {
        "Pause"
    } else {
        "Play"
    };
    if ui.button(label).clicked() {
        commands.push(Command::ToggleAutoplay);
    }
    let label = ui.label("every");
    let mut interval_secs = presenter.interval_secs();
    let changed = ui
        .add(
            egui::DragValue::new(&mut interval_secs)
                .range(1.0..=60.0)
                .suffix(" s"),
        )
        .labelled_by(label.id)
        .changed();
    if changed {
        commands.push(Command::SetAutoplayInterval(interval_secs));
    }
    if ui.button("Exit presentation").clicked() {
        commands.push(Command::StopPresenting);
    }
}

/// The caption box over the top of the map, with the presenter's controls while presenting or a
/// close button otherwise. With `controls` off (the presenter view has them), the room sees the
/// caption only.
pub fn caption_box_ui(
    ui: &mut Ui,
    caption: &CaptionText,
    presenter: Option<&Presenter>,
    controls: bool,
    commands: &mut Vec<Command>,
) {
    let rect = ui.max_rect();
    let width = (rect.width() * 0.6).clamp(320.0, 900.0);
    let area = egui::Rect::from_min_size(
        egui::pos2(rect.center().x - width / 2.0, rect.top() + 12.0),
        egui::vec2(width, 260.0),
    );
    let progress = presenter.map(Presenter::progress);
    ui.scope_builder(egui::UiBuilder::new().max_rect(area), |ui| {
        egui::Frame::popup(ui.style())
            .inner_margin(14.0)
            .show(ui, |ui| {
                caption_ui(ui, caption, progress.as_deref());
                if !controls {
                    return;
                }
                ui.horizontal(|ui| match presenter {
                    Some(presenter) => {
                        style::enlarge_text(ui.style_mut(), PRESENTER_TEXT_SCALE);
                        controls_ui(presenter, ui, commands);
                    }
                    None => {
                        if ui.button("Close caption").clicked() {
                            commands.push(Command::CloseCaption);
                        }
                    }
                });
            });
    });
}

/// The caption of a step, in type that reads from the back of a room.
pub fn caption_ui(ui: &mut Ui, caption: &CaptionText, progress: Option<&str>) {
    if let Some(date) = &caption.date {
        ui.label(
            RichText::new(date)
                .font(FontId::proportional(22.0))
                .color(palette::LEAD_FILL),
        );
    }
    if let Some(initiative) = &caption.initiative {
        ui.label(
            RichText::new(initiative)
                .font(FontId::proportional(20.0))
                .italics(),
        );
    }
    // A title step is a slide: its heading is larger than a milestone's title.
    let size = if caption.initiative.is_some() {
        32.0
    } else {
        44.0
    };
    ui.label(
        RichText::new(&caption.title)
            .font(FontId::proportional(size))
            .strong(),
    );
    if !caption.text.is_empty() {
        ui.label(RichText::new(&caption.text).font(FontId::proportional(22.0)));
    }
    if let Some(progress) = progress {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            ui.label(RichText::new(progress).font(FontId::proportional(20.0)));
        });
    }
}

/// Paints the whole screen black, as slide software does on "." or B.
pub fn blackout(ctx: &egui::Context) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("blackout"),
    ));
    painter.rect_filled(ctx.content_rect(), 0.0, Color32::BLACK);
}
