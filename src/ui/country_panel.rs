//! The side panel about the selected country: who it is and its whole initiative history.

use egui::{RichText, Ui};

use crate::data::{Dataset, World};
use crate::export::Format;
use crate::ui::command::{Command, Export};

/// Shows the selected country and every effort it led, co-led, joined or supported.
#[derive(Debug, Default)]
pub struct CountryPanel;

impl CountryPanel {
    /// Draws the panel for `selected`, an index into `world`'s countries. An initiative clicked
    /// in the history asks to show it; an export button asks to save the history.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        world: &World,
        dataset: &Dataset,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        let Some(country) = selected.and_then(|i| world.countries().get(i)) else {
            ui.heading("No country selected");
            ui.label("Click a country on the map to see its initiative history. Esc clears the selection.");
            return;
        };
        ui.heading(RichText::new(&country.name).strong());
        if country.has_code() {
            ui.label(format!("ISO 3166-1 alpha-3: {}", country.code));
        } else {
            ui.label("No country code in the map file: drawn as land, it holds no role.");
        }
        match country.population {
            Some(p) if p.year > 0 => ui.label(format!(
                "Population: {} ({})",
                format_count(p.count),
                p.year
            )),
            Some(p) => ui.label(format!("Population: {}", format_count(p.count))),
            None => ui.label("Population: not in the world file"),
        };
        ui.add_space(6.0);
        let history = dataset.history_of(&country.code);
        if history.is_empty() {
            ui.label(format!(
                "{} takes part in none of the efforts in this dataset.",
                country.name
            ));
            return;
        }
        ui.label(RichText::new(format!("Initiative history ({})", history.len())).strong());
        ui.horizontal_wrapped(|ui| {
            for (format, label) in [
                (Format::Csv, "Export history as CSV…"),
                (Format::Json, "Export history as JSON…"),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::Export(
                        Export::History(country.code.clone()),
                        format,
                    ));
                }
            }
        });
        for entry in history {
            let Some(initiative) = dataset.initiatives.get(entry.initiative) else {
                continue;
            };
            ui.add_space(4.0);
            let joined = entry
                .periods_label(initiative.start)
                .map(|periods| format!(", {periods}"))
                .unwrap_or_default();
            if ui
                .link(
                    RichText::new(format!(
                        "{}{}: {}",
                        entry.role.label(),
                        entry.through_label(),
                        initiative.name
                    ))
                    .strong(),
                )
                .on_hover_text("Show this initiative")
                .clicked()
            {
                commands.push(Command::SelectInitiative(Some(entry.initiative)));
            }
            ui.label(format!(
                "{} · {}{joined}",
                initiative.span_label(),
                initiative.status.label()
            ));
            ui.label(RichText::new(&initiative.outcome).weak());
        }
    }
}

/// A population in words a briefing reader takes in at a glance: 5.4 M, 1.41 bn.
pub fn format_count(count: u64) -> String {
    let n = count as f64;
    if n >= 1e9 {
        format!("{:.2} bn", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} M", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.0} k", n / 1e3)
    } else {
        count.to_string()
    }
}
