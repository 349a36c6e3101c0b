//! Presenting: the tour's steps, autoplay, full screen, and the presenter view in a second
//! window.

use crate::app::AtlasApp;
use crate::scene;
use crate::ui::command::{Command, PresenterKey};
use crate::ui::presenter::{Presenter, Pressed};
use crate::ui::presenter_view::{PresenterScene, PresenterView};

impl AtlasApp {
    /// Steps the presentation when autoplay's time has come, and wakes up for the next step.
    pub(super) fn autoplay(&mut self, ctx: &egui::Context) {
        let Some(p) = &mut self.presenter else { return };
        let now = ctx.input(|i| i.time);
        if p.tick(now) {
            self.go_to_step();
        }
        if let Some(at) = self.presenter.as_ref().and_then(Presenter::next_step_at) {
            let wait = std::time::Duration::from_secs_f64((at - now).max(0.0));
            ctx.request_repaint_after(wait);
        }
    }

    /// Shows the presenter's current step: the initiative, the date, the caption, the camera.
    pub(super) fn go_to_step(&mut self) {
        let Some(step) = self.presenter.as_ref().and_then(Presenter::step) else {
            return;
        };
        let Some(milestone) = self
            .dataset
            .initiatives
            .get(step.initiative)
            .and_then(|i| i.milestones.get(step.milestone))
        else {
            return;
        };
        self.initiative = Some(step.initiative);
        self.as_of = Some(milestone.date.end_day());
        self.caption = Some((step.initiative, step.milestone));
        self.fly_to_initiative(step.initiative);
    }

    /// The presenter's commands, and the window's full screen that goes with them.
    pub(super) fn apply_presenting(&mut self, command: Command, ctx: &egui::Context) {
        let now_secs = ctx.input(|i| i.time);
        match command {
            Command::StartPresenting => {
                let listed = self.list.filters.visible(&self.dataset);
                let tour =
                    scene::tour::steps(self.tour_choice, &self.dataset, &listed, self.initiative);
                if !tour.is_empty() {
                    let notes = scene::tour::notes(self.tour_choice, &self.dataset, &tour);
                    self.presenter = Some(Presenter::new(tour).with_notes(notes));
                    self.go_to_step();
                    self.set_fullscreen(true, ctx);
                }
            }
            Command::StopPresenting => {
                self.presenter = None;
                self.presenter_view = None;
                self.caption = None;
                self.set_fullscreen(false, ctx);
            }
            Command::Present(PresenterKey::PresenterView) if self.presenter.is_some() => {
                self.presenter_view = match self.presenter_view {
                    Some(_) => None,
                    None => Some(PresenterView::default()),
                };
            }
            Command::Present(key) => {
                let pressed = self.presenter.as_mut().map(|p| p.press(key, now_secs));
                match pressed {
                    Some(Pressed::Moved) => self.go_to_step(),
                    Some(Pressed::Exit) => self.apply(Command::StopPresenting, ctx),
                    Some(Pressed::Stayed) | None => {}
                }
            }
            Command::ToggleAutoplay => {
                if let Some(p) = &mut self.presenter {
                    p.toggle_autoplay(now_secs);
                }
            }
            Command::SetAutoplayInterval(secs) => {
                if let Some(p) = &mut self.presenter {
                    p.set_interval_secs(secs);
                }
            }
            Command::ToggleFullscreen => self.set_fullscreen(!self.fullscreen, ctx),
            // `apply` passes only the commands above.
            _ => {}
        }
    }

    fn set_fullscreen(&mut self, on: bool, ctx: &egui::Context) {
        self.fullscreen = on;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
    }

    /// The presenter view, in its own window while presenting with the view open. Where the
    /// platform has one window only (the web, a test harness), egui shows it inside the main one.
    pub(super) fn presenter_view_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let (Some(presenter), Some(view)) = (&self.presenter, &mut self.presenter_view) else {
            return;
        };
        let scene = PresenterScene {
            data: &self.data,
            dataset: &self.dataset,
            presenter,
        };
        let builder = egui::ViewportBuilder::default()
            .with_title("Microlateral Atlas: presenter view")
            .with_inner_size([1000.0, 640.0]);
        ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("presenter view"),
            builder,
            |ui, class| {
                if class == egui::ViewportClass::EmbeddedWindow {
                    view.ui(ui, &scene, commands);
                } else {
                    egui::CentralPanel::default().show(ui, |ui| view.ui(ui, &scene, commands));
                }
                if ui.input(|i| i.viewport().close_requested()) {
                    commands.push(Command::Present(PresenterKey::PresenterView));
                }
            },
        );
    }
}
