//! The left panel: search, filters, and the initiatives grouped by status.

use egui::{RichText, Ui};

use crate::data::search::find_countries;
use crate::data::{Category, Dataset, World};
use crate::scene::filters::{Filters, GROUPS, YEAR_RANGE, group_of};
use crate::ui::command::Command;

/// One row of the list: a group's heading, or an initiative (with its group).
#[derive(Clone, Copy)]
enum Row {
    Heading(usize),
    Initiative(usize, usize),
}

impl Row {
    fn group(self) -> usize {
        match self {
            Self::Heading(g) | Self::Initiative(_, g) => g,
        }
    }
}

/// What the list shows: the data, the filters as the app holds them, and what they let through.
pub struct ListScene<'a> {
    pub dataset: &'a Dataset,
    pub world: &'a World,
    pub filters: &'a Filters,
    /// [`Filters::visible`] of this frame, which the app works out once for the list, the
    /// timeline and the arrow keys: with ten thousand efforts it costs a millisecond.
    pub visible: &'a [usize],
    pub selected: Option<usize>,
}

/// The initiative list panel. The filters it shows belong to the app (the timeline, the tours and
/// the arrow keys read them too); the panel edits a copy and sends it as one command.
#[derive(Default)]
pub struct InitiativeList;

impl InitiativeList {
    /// Draws the panel. A picked initiative asks to be selected; a country found by the search
    /// asks to be shown on the map; a changed filter asks to be set.
    pub fn ui(&mut self, ui: &mut Ui, scene: &ListScene, commands: &mut Vec<Command>) {
        let ListScene {
            dataset,
            world,
            filters,
            visible,
            selected,
        } = *scene;
        let mut draft = filters.clone();
        ui.heading("Initiatives");
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.text_edit_singleline(&mut draft.query)
                .labelled_by(label.id)
                .on_hover_text("An initiative's name, or a country's name, code or other spelling");
        });
        filters_ui(ui, &mut draft);
        if draft != *filters {
            commands.push(Command::SetFilters(draft));
        }
        ui.separator();

        let countries = find_countries(world, &filters.query);
        if !countries.is_empty() {
            ui.label(RichText::new("Countries").strong());
            for &ci in countries.iter().take(8) {
                let country = &world.countries()[ci];
                if ui.selectable_label(false, country.label()).clicked() {
                    commands.push(Command::ShowCountry(ci));
                }
            }
            ui.add_space(6.0);
        }
        ui.label(format!(
            "{} of {} initiatives",
            visible.len(),
            dataset.initiatives.len()
        ));
        // One row per group heading and per initiative, so the scroll area lays out only the
        // rows in view: a file of ten thousand efforts scrolls like ten. Rows are taken to be
        // one line high; the few that wrap only make the scroll bar's estimate a little short.
        let mut rows: Vec<Row> = Vec::with_capacity(visible.len() + GROUPS.len());
        for &i in visible {
            let g = group_of(&dataset.initiatives[i]);
            if rows.last().is_none_or(|last| last.group() != g) {
                rows.push(Row::Heading(g));
            }
            rows.push(Row::Initiative(i, g));
        }
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical().show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                match *row {
                    Row::Heading(g) => {
                        ui.add_space(4.0);
                        ui.label(RichText::new(GROUPS[g]).strong());
                    }
                    Row::Initiative(i, _) => {
                        let initiative = &dataset.initiatives[i];
                        let response = ui
                            .selectable_label(selected == Some(i), &initiative.name)
                            .on_hover_text(format!(
                                "{} · {}",
                                initiative.category.label(),
                                initiative.span_label()
                            ));
                        if response.clicked() {
                            commands.push(Command::SelectInitiative(Some(i)));
                        }
                    }
                }
            }
        });
    }
}

/// The category, status, year and kind filters, edited in `f`.
fn filters_ui(ui: &mut Ui, f: &mut Filters) {
    egui::ComboBox::from_label("Category")
        .selected_text(f.category.map_or("All categories", |c| c.label()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.category, None, "All categories");
            for c in Category::ALL {
                ui.selectable_value(&mut f.category, Some(c), c.label());
            }
        });
    ui.horizontal(|ui| {
        ui.checkbox(&mut f.concluded, "Concluded");
        ui.checkbox(&mut f.ongoing, "Ongoing");
        ui.checkbox(&mut f.proposed, "Proposed");
    });
    ui.horizontal(|ui| {
        let from = ui.label("From");
        ui.add(egui::DragValue::new(&mut f.from_year).range(YEAR_RANGE.0..=f.to_year))
            .labelled_by(from.id);
        let to = ui.label("to");
        ui.add(egui::DragValue::new(&mut f.to_year).range(f.from_year..=YEAR_RANGE.1))
            .labelled_by(to.id);
    });
    ui.checkbox(&mut f.small_state_only, "Small-state led only");
    if *f != Filters::default() && ui.button("Clear filters").clicked() {
        *f = Filters::default();
    }
}
