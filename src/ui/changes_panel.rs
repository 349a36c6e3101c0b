//! Compare mode's list beside the map: each state that joined, left, stayed or changed role in
//! the selected effort between the two dates, with its date and its sources.

use egui::{RichText, Ui};

use crate::data::date::iso_date;
use crate::data::{Initiative, World};
use crate::export::Format;
use crate::scene::compare::{self, Change, ChangeKind};
use crate::ui::command::{Command, Export};

/// The changes panel. It keeps no state of its own.
pub struct ChangesPanel;

impl ChangesPanel {
    /// Draws the changes in `initiative` between `days`. A country's name selects it; the
    /// buttons export the list or leave Compare mode.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        initiative: &Initiative,
        world: &World,
        days: (i64, i64),
        commands: &mut Vec<Command>,
    ) {
        let (a, b) = days;
        ui.heading(format!("Changes {} – {}", iso_date(a), iso_date(b)));
        ui.label(RichText::new(&initiative.name).italics());
        ui.label(
            RichText::new("Compared by day; a month or a year counts from its first day.").weak(),
        );
        ui.horizontal_wrapped(|ui| {
            for (format, label) in [
                (Format::Csv, "Export changes as CSV…"),
                (Format::Json, "Export changes as JSON…"),
            ] {
                if ui.button(label).clicked() {
                    let what = Export::Changes {
                        initiative: initiative.id.clone(),
                        from: a,
                        to: b,
                    };
                    commands.push(Command::Export(what, format));
                }
            }
            if ui.button("Leave Compare mode").clicked() {
                commands.push(Command::SetCompare(None));
            }
        });
        let changes = compare::changes(initiative, a, b);
        if changes.is_empty() {
            ui.label("No state held a role at either date.");
        }
        for kind in ChangeKind::ALL {
            let of_kind: Vec<&Change<'_>> = changes.iter().filter(|c| c.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            ui.add_space(6.0);
            ui.label(
                RichText::new(format!("{} ({})", capitalised(kind.label()), of_kind.len()))
                    .strong(),
            );
            for change in of_kind {
                change_ui(ui, initiative, world, change, commands);
            }
        }
    }
}

/// One change: the country (a link that selects it), its role, its date, its sources.
fn change_ui(
    ui: &mut Ui,
    initiative: &Initiative,
    world: &World,
    change: &Change<'_>,
    commands: &mut Vec<Command>,
) {
    let name = world
        .by_code(change.code)
        .map_or(change.code, |c| c.name.as_str());
    ui.horizontal_wrapped(|ui| {
        if ui.link(format!("{name} ({})", change.code)).clicked() {
            commands.push(Command::SelectCountry(world.index_of(change.code)));
        }
        let role = match (change.before, change.after) {
            (Some(x), Some(y)) if x != y => format!("{}, then {}", x.label(), y.label()),
            (_, Some(role)) | (Some(role), None) => role.label().to_owned(),
            (None, None) => String::new(),
        };
        let date = change.date.map(|d| format!(" · {d}")).unwrap_or_default();
        ui.label(format!("{role}{date}"));
        if change.uncertain {
            ui.label(RichText::new("uncertain: the date is coarser than the interval").weak())
                .on_hover_text("The data gives only a month or a year, which reaches past A or B");
        }
    });
    for source in change
        .sources
        .iter()
        .filter_map(|&i| initiative.sources.get(i))
    {
        if source.url.starts_with("https://") || source.url.starts_with("http://") {
            ui.hyperlink_to(RichText::new(&source.title).small(), &source.url)
                .on_hover_text(&source.url);
        } else {
            ui.label(RichText::new(&source.title).small());
        }
    }
}

/// "Member at both dates" from "member at both dates", for a heading.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
