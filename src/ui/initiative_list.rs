//! The left panel: search, filters, and the initiatives grouped by status.

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::data::search::{find_countries, fold, initiative_matches};
use crate::data::{Category, Dataset, Initiative, Kind, Status, World};
use crate::ui::command::Command;

/// The first and last years the year filter offers.
pub const YEAR_RANGE: (i32, i32) = (1990, 2030);

/// What narrows the list. Persisted with the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Not kept across restarts: a stale search would hide the list without saying why.
    #[serde(skip)]
    pub query: String,
    pub category: Option<Category>,
    pub concluded: bool,
    pub ongoing: bool,
    pub proposed: bool,
    pub from_year: i32,
    pub to_year: i32,
    pub small_state_only: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            query: String::new(),
            category: None,
            concluded: true,
            ongoing: true,
            proposed: true,
            from_year: YEAR_RANGE.0,
            to_year: YEAR_RANGE.1,
            small_state_only: false,
        }
    }
}

impl Filters {
    /// Whether the initiative passes every filter and matches `query`, the search text folded.
    fn accepts(&self, initiative: &Initiative, query: &str) -> bool {
        let status_ok = match initiative.status {
            Status::Concluded => self.concluded,
            Status::Ongoing => self.ongoing,
            Status::Proposed => self.proposed,
        };
        let start_year = initiative.start.earliest.year();
        let end_year = initiative
            .end
            .as_ref()
            .map_or(i32::MAX, |e| e.latest.year());
        status_ok
            && self.category.is_none_or(|c| c == initiative.category)
            && (!self.small_state_only || initiative.kind == Kind::SmallState)
            && start_year <= self.to_year
            && end_year >= self.from_year
            && initiative_matches(initiative, query)
    }

    /// The initiatives that pass, in the list's order: small-state efforts by status, then the
    /// contrast formats; by start date within each group.
    pub fn visible(&self, dataset: &Dataset) -> Vec<usize> {
        let query = fold(self.query.trim());
        let mut out: Vec<usize> = (0..dataset.initiatives.len())
            .filter(|&i| self.accepts(&dataset.initiatives[i], &query))
            .collect();
        out.sort_by_cached_key(|&i| {
            let initiative = &dataset.initiatives[i];
            (group_of(initiative), initiative.start.sort_key())
        });
        out
    }
}

/// The list's groups, in order.
const GROUPS: [&str; 4] = [
    "Concluded efforts",
    "Ongoing efforts",
    "Proposed efforts",
    "For contrast: great-power formats and reversals",
];

fn group_of(initiative: &Initiative) -> usize {
    match (initiative.kind, initiative.status) {
        (Kind::Contrast, _) => 3,
        (Kind::SmallState, Status::Concluded) => 0,
        (Kind::SmallState, Status::Ongoing) => 1,
        (Kind::SmallState, Status::Proposed) => 2,
    }
}

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

/// The initiative list panel.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeList {
    pub filters: Filters,
}

impl InitiativeList {
    /// Draws the panel. A picked initiative asks to be selected; a country found by the search
    /// asks to be shown on the map.
    ///
    /// `visible` is [`Filters::visible`] of this frame, which the app works out once for the
    /// list, the timeline and the arrow keys: with ten thousand efforts it costs a millisecond.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        visible: &[usize],
        world: &World,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        ui.heading("Initiatives");
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.text_edit_singleline(&mut self.filters.query)
                .labelled_by(label.id)
                .on_hover_text("An initiative's name, or a country's name, code or other spelling");
        });
        self.filters_ui(ui);
        ui.separator();

        let countries = find_countries(world, &self.filters.query);
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

    fn filters_ui(&mut self, ui: &mut Ui) {
        let f = &mut self.filters;
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
}
