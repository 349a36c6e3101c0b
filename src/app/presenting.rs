//! Presenting: the tour's steps, autoplay, full screen, and the presenter view in a second
//! window.

use crate::app::AtlasApp;
use crate::scene::presenter::{Presenter, PresenterKey, Pressed};
use crate::scene::{self, CaptionText};
use crate::ui::command::Command;
use crate::ui::presenter_view::{PresenterScene, PresenterView};

impl AtlasApp {
    /// Once a frame: asks for autoplay's next step when its time has come, and wakes up for the
    /// one after.
    pub(super) fn autoplay(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if self.presenter.as_ref().is_some_and(|p| p.is_due(now)) {
            self.apply(Command::AutoplayTick(now), ctx);
        }
        if let Some(at) = self.presenter.as_ref().and_then(Presenter::next_step_at) {
            let wait = std::time::Duration::from_secs_f64((at - now).max(0.0));
            ctx.request_repaint_after(wait);
        }
    }

    /// Shows the presenter's current step: the initiative, the date, the caption, the camera.
    /// A title step shows the world under its slide, at its own date if it has one.
    pub(super) fn go_to_step(&mut self) {
        let Some(step) = self.presenter.as_ref().and_then(Presenter::step).cloned() else {
            return;
        };
        if CaptionText::of_step(&self.dataset, &step).is_none() {
            return;
        }
        self.initiative = step.initiative();
        if let Some(day) = scene::step_day(&self.dataset, &step) {
            self.as_of = Some(day);
        }
        self.caption = step.shows;
        match (step.camera, step.initiative()) {
            (Some(c), _) => {
                let caption = self.caption_text().is_some();
                self.map.fly_to_view([c.lon, c.lat], c.zoom, caption);
            }
            (None, Some(i)) => self.fly_to_initiative(i),
            (None, None) => {}
        }
    }

    /// The tour the Tour menu chooses, as the data now is.
    fn chosen_tour(&self) -> Vec<scene::Step> {
        let listed = self.filters.visible(&self.dataset);
        scene::tour::steps(self.tour_choice, &self.dataset, &listed, self.initiative)
    }

    /// After an edit, the presentation plays the tour as it now is.
    pub(super) fn retour(&mut self) {
        if self.presenter.is_none() {
            return;
        }
        let tour = self.chosen_tour();
        if let Some(p) = &mut self.presenter {
            p.retour(tour);
        }
    }

    /// What the caption box over the map says: the presenter's step in its own words while
    /// presenting, else the milestone the timeline opened.
    pub(super) fn caption_text(&self) -> Option<CaptionText> {
        if let Some(step) = self.presenter.as_ref().and_then(Presenter::step) {
            return CaptionText::of_step(&self.dataset, step);
        }
        let (i, m) = self.caption?;
        let initiative = self.dataset.initiatives.get(i)?;
        Some(CaptionText::of_milestone(
            initiative,
            initiative.milestones.get(m)?,
        ))
    }

    /// Starts presenting the chosen tour, full screen; a tour with no steps is not started.
    pub(super) fn start_presenting(&mut self, ctx: &egui::Context) {
        let tour = self.chosen_tour();
        if !tour.is_empty() {
            self.presenter = Some(Presenter::new(tour));
            self.go_to_step();
            self.set_fullscreen(true, ctx);
        }
    }

    pub(super) fn stop_presenting(&mut self, ctx: &egui::Context) {
        self.presenter = None;
        self.presenter_view = None;
        self.caption = None;
        self.set_fullscreen(false, ctx);
    }

    /// A presenter key: a step, the presenter view, or the way out.
    pub(super) fn present(&mut self, key: PresenterKey, ctx: &egui::Context) {
        if key == PresenterKey::PresenterView && self.presenter.is_some() {
            self.presenter_view = match self.presenter_view {
                Some(_) => None,
                None => Some(PresenterView::default()),
            };
            return;
        }
        let now_secs = ctx.input(|i| i.time);
        let pressed = self.presenter.as_mut().map(|p| p.press(key, now_secs));
        match pressed {
            Some(Pressed::Moved) => self.go_to_step(),
            Some(Pressed::Exit) => self.stop_presenting(ctx),
            Some(Pressed::Stayed) | None => {}
        }
    }

    /// Autoplay's next step, if its time has come at `now` (egui's clock, seconds).
    pub(super) fn autoplay_tick(&mut self, now: f64) {
        if self.presenter.as_mut().is_some_and(|p| p.tick(now)) {
            self.go_to_step();
        }
    }

    pub(super) fn toggle_autoplay(&mut self, ctx: &egui::Context) {
        let now_secs = ctx.input(|i| i.time);
        if let Some(p) = &mut self.presenter {
            p.toggle_autoplay(now_secs);
        }
    }

    pub(super) fn set_autoplay_interval(&mut self, secs: f64) {
        if let Some(p) = &mut self.presenter {
            p.set_interval_secs(secs);
        }
    }

    pub(super) fn set_fullscreen(&mut self, on: bool, ctx: &egui::Context) {
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
