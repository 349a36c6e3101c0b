//! Presenter mode: a tour of steps for a room, driven by the keyboard or a clicker.

use egui::{Color32, FontId, Key, Modifiers, RichText, Ui};

use crate::scene::{CaptionText, Step, palette};
use crate::ui::command::{Command, PresenterKey};
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

/// What a key did to the presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pressed {
    /// The step stayed (a digit typed, blackout toggled, already at the end).
    Stayed,
    /// Another step is shown.
    Moved,
    /// The presenter asked to leave.
    Exit,
}

/// A running presentation.
#[derive(Clone, Debug)]
pub struct Presenter {
    tour: Vec<Step>,
    index: usize,
    /// Digits typed so far for a jump ("12" then Enter goes to step 12).
    digits: String,
    blackout: bool,
    /// When autoplay is on: the time (egui's clock, seconds) of the next step.
    next_step_at: Option<f64>,
    interval_secs: f64,
}

impl Presenter {
    /// Takes the tour as it now is, after an edit, staying at the same step number (or the last
    /// one), so an author sees a new or changed step at once.
    pub fn retour(&mut self, tour: Vec<Step>) {
        self.index = self.index.min(tour.len().saturating_sub(1));
        self.tour = tour;
    }

    /// A presentation of `tour`, at its first step.
    pub fn new(tour: Vec<Step>) -> Self {
        Self {
            tour,
            index: 0,
            digits: String::new(),
            blackout: false,
            next_step_at: None,
            interval_secs: 5.0,
        }
    }

    /// The current step.
    pub fn step(&self) -> Option<&Step> {
        self.tour.get(self.index)
    }

    /// The step after the current one, if there is one.
    pub fn next_step(&self) -> Option<&Step> {
        self.tour.get(self.index + 1)
    }

    /// The presenter's notes for the current step.
    pub fn notes(&self) -> Option<&str> {
        self.tour.get(self.index)?.notes.as_deref()
    }

    /// "5 / 23".
    pub fn progress(&self) -> String {
        format!("{} / {}", self.index + 1, self.tour.len())
    }

    /// Whether the screen is blacked out.
    pub fn is_blacked_out(&self) -> bool {
        self.blackout
    }

    /// Whether autoplay is running.
    pub fn is_autoplaying(&self) -> bool {
        self.next_step_at.is_some()
    }

    /// When autoplay steps next (egui's clock, seconds).
    pub fn next_step_at(&self) -> Option<f64> {
        self.next_step_at
    }

    /// Whether autoplay's next step is due at `now_secs`.
    pub fn is_due(&self, now_secs: f64) -> bool {
        self.next_step_at.is_some_and(|at| now_secs >= at)
    }

    /// Sets autoplay's interval, within 1 and 60 seconds.
    pub fn set_interval_secs(&mut self, secs: f64) {
        self.interval_secs = secs.clamp(1.0, 60.0);
    }

    /// Applies one key at `now_secs`.
    pub fn press(&mut self, key: PresenterKey, now_secs: f64) -> Pressed {
        let before = self.index;
        let last = self.tour.len().saturating_sub(1);
        match key {
            PresenterKey::Next if self.digits.is_empty() => self.index = (self.index + 1).min(last),
            PresenterKey::Previous => self.index = self.index.saturating_sub(1),
            PresenterKey::First => self.index = 0,
            PresenterKey::Last => self.index = last,
            PresenterKey::Digit(d) => {
                if self.digits.len() < 4 {
                    self.digits.push(char::from(b'0' + d));
                }
            }
            // Enter both confirms a typed number and, like slide software, goes forward.
            PresenterKey::Jump | PresenterKey::Next => {
                match self.digits.parse::<usize>() {
                    Ok(n) if n >= 1 => self.index = (n - 1).min(last),
                    Ok(_) => {}
                    Err(_) => self.index = (self.index + 1).min(last),
                }
                self.digits.clear();
            }
            PresenterKey::Blackout => self.blackout = !self.blackout,
            // The window opens and closes the view; the step stays.
            PresenterKey::PresenterView => {}
            PresenterKey::Exit => return Pressed::Exit,
        }
        if !matches!(
            key,
            PresenterKey::Digit(_) | PresenterKey::Jump | PresenterKey::Next
        ) {
            self.digits.clear();
        }
        let manual_step = matches!(key, PresenterKey::Previous | PresenterKey::Next);
        if manual_step && self.next_step_at.is_some() {
            // A manual step restarts autoplay's clock so it does not jump twice.
            self.next_step_at = Some(now_secs + self.interval_secs);
        }
        if self.index == before {
            Pressed::Stayed
        } else {
            Pressed::Moved
        }
    }

    /// Moves on when autoplay's time has come; stops at the end. Returns whether it stepped.
    pub fn tick(&mut self, now_secs: f64) -> bool {
        let Some(at) = self.next_step_at else {
            return false;
        };
        if now_secs < at {
            return false;
        }
        if self.index + 1 >= self.tour.len() {
            self.next_step_at = None;
            return false;
        }
        self.index += 1;
        self.next_step_at =
            (self.index + 1 < self.tour.len()).then_some(now_secs + self.interval_secs);
        true
    }

    /// Starts or pauses autoplay.
    pub fn toggle_autoplay(&mut self, now_secs: f64) {
        self.next_step_at = match self.next_step_at {
            Some(_) => None,
            None => Some(now_secs + self.interval_secs),
        };
    }

    /// The step controls under the caption: previous, next, play or pause, the interval, exit.
    pub fn controls_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if ui.button("Previous").clicked() {
            commands.push(Command::Present(PresenterKey::Previous));
        }
        if ui.button("Next").clicked() {
            commands.push(Command::Present(PresenterKey::Next));
        }
        let label = if self.is_autoplaying() {
            "Pause"
        } else {
            "Play"
        };
        if ui.button(label).clicked() {
            commands.push(Command::ToggleAutoplay);
        }
        let label = ui.label("every");
        let mut interval_secs = self.interval_secs;
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
                        presenter.controls_ui(ui, commands);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn presenter(n: usize) -> Presenter {
        Presenter::new((0..n).map(|i| Step::milestone(0, i)).collect())
    }

    #[test]
    fn next_and_previous_stop_at_the_ends() {
        let mut p = presenter(3);
        p.press(PresenterKey::Previous, 0.0);
        assert_eq!(p.index, 0);
        for _ in 0..5 {
            p.press(PresenterKey::Next, 0.0);
        }
        assert_eq!(p.index, 2);
    }

    #[test]
    fn digits_then_enter_jump_to_a_step() {
        let mut p = presenter(30);
        p.press(PresenterKey::Digit(1), 0.0);
        p.press(PresenterKey::Digit(2), 0.0);
        p.press(PresenterKey::Jump, 0.0);
        assert_eq!(p.index, 11);
        assert_eq!(p.progress(), "12 / 30");
        p.press(PresenterKey::Digit(9), 0.0);
        p.press(PresenterKey::Digit(9), 0.0);
        p.press(PresenterKey::Jump, 0.0);
        assert_eq!(p.index, 29, "a number past the end goes to the last step");
    }

    #[test]
    fn autoplay_steps_on_time_and_stops_at_the_end() {
        let mut p = presenter(3);
        p.toggle_autoplay(0.0);
        assert!(!p.tick(4.0));
        assert!(p.tick(5.0));
        assert!(p.tick(10.0));
        assert_eq!(p.index, 2);
        assert!(!p.tick(100.0));
        assert_eq!(p.next_step_at, None);
    }
}
