//! The panels around the map: the timeline at the bottom, the list on the left, and on the
//! right the initiative's card (or, in edit mode, its forms) over the country's history.

use egui::Ui;

use crate::app::AtlasApp;
use crate::data::Camera;
use crate::scene::TourChoice;
use crate::ui::changes_panel::ChangesPanel;
use crate::ui::command::Command;
use crate::ui::editor::{EditorInput, TourInput};
use crate::ui::initiative_list::ListScene;
use crate::ui::timeline::TimelineInput;

impl AtlasApp {
    /// The timeline at the bottom, or the button that shows it again.
    pub(super) fn timeline_ui(
        &mut self,
        ui: &mut Ui,
        lanes: &[usize],
        commands: &mut Vec<Command>,
    ) {
        if !self.timeline_open {
            egui::Panel::bottom("timeline_closed").show(ui, |ui| {
                if ui.button("Show timeline").clicked() {
                    commands.push(Command::SetTimelineOpen(true));
                }
            });
        }
        // Dragging the panel shut also collapses it.
        let mut open = self.timeline_open;
        let presenting = self.presenter.is_some();
        egui::Panel::bottom("timeline")
            .resizable(true)
            .default_size(if presenting { 150.0 } else { 230.0 })
            .show_collapsible(ui, &mut open, |ui| {
                let input = TimelineInput {
                    dataset: &self.dataset,
                    lanes,
                    selected: self.initiative,
                    cursor: self.as_of,
                    compare: self.compare,
                    today: self.today,
                };
                self.timeline.ui(ui, &input, commands);
            });
        if open != self.timeline_open {
            commands.push(Command::SetTimelineOpen(open));
        }
    }

    /// The initiative list on the left; the initiative's card and the country's history on the
    /// right.
    pub(super) fn side_panels_ui(
        &mut self,
        ui: &mut Ui,
        visible: &[usize],
        commands: &mut Vec<Command>,
    ) {
        egui::Panel::left("initiative_list")
            .resizable(true)
            .default_size(290.0)
            .show(ui, |ui| {
                let scene = ListScene {
                    dataset: &self.dataset,
                    world: &self.data.world,
                    filters: &self.filters,
                    visible,
                    selected: self.initiative,
                };
                self.list.ui(ui, &scene, commands);
            });
        egui::Panel::right("detail_panel")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let initiative = self
                        .initiative
                        .and_then(|i| self.dataset.initiatives.get(i));
                    if let (Some(initiative), Some(days)) = (initiative, self.compare) {
                        ChangesPanel.ui(ui, initiative, &self.data.world, days, commands);
                        ui.separator();
                    }
                    if self.authoring.on {
                        let input = EditorInput {
                            dataset: &self.dataset,
                            world: &self.data.world,
                            initiative: self.initiative,
                            country: self.selected,
                            problems: &self.authoring.problems,
                            tour_problems: &self.authoring.tour_problems,
                            as_of: self.as_of,
                            today: self.today,
                        };
                        self.editor.ui(ui, &input, commands);
                        ui.separator();
                        let [lon, lat] = self.map.centre();
                        let tours = TourInput {
                            dataset: &self.dataset,
                            tour: match self.tour_choice {
                                TourChoice::FromData(t) => Some(t),
                                _ => None,
                            },
                            initiative: self.initiative,
                            as_of: self.as_of,
                            camera: Camera {
                                lon,
                                lat,
                                zoom: self.map.zoom(),
                            },
                            problems: &self.authoring.tour_problems,
                        };
                        self.editor.tours_ui(ui, &tours, commands);
                        ui.separator();
                    } else if let Some(initiative) = initiative {
                        self.card.ui(ui, initiative, &self.data.world, commands);
                        ui.separator();
                    }
                    let (world, dataset) = (&self.data.world, &self.dataset);
                    self.country_panel
                        .ui(ui, world, dataset, self.selected, commands);
                });
            });
    }
}
