//! The side panel about the selected country.

use egui::{RichText, Ui};

use crate::data::World;

/// Shows the selected country. The initiative history will grow here.
#[derive(Debug, Default)]
pub struct CountryPanel;

impl CountryPanel {
    /// Draws the panel for `selected`, an index into `world`'s countries.
    pub fn ui(&mut self, ui: &mut Ui, world: &World, selected: Option<usize>) {
        let Some(country) = selected.and_then(|i| world.countries().get(i)) else {
            ui.heading("No country selected");
            ui.label("Click a country on the map to see it here. Esc clears the selection.");
            return;
        };
        ui.heading(RichText::new(&country.name).strong());
        ui.label(format!("ISO 3166-1 alpha-3: {}", country.code));
        match country.population {
            Some(p) if p.year > 0 => ui.label(format!(
                "Population: {} ({})",
                format_count(p.count),
                p.year
            )),
            Some(p) => ui.label(format!("Population: {}", format_count(p.count))),
            None => ui.label("Population: not in the world file"),
        };
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
