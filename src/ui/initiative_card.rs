//! The detail card of the selected initiative.

use egui::{RichText, Ui};

use crate::data::{Confidence, FuzzyDate, Initiative, Role, World};
use crate::scene::palette;
use crate::ui::command::Command;
use crate::ui::country_panel::format_count;
use crate::ui::palette::legend_row;

/// Shows one initiative: what, when, who in which role, outcome, the essay's words, sources.
#[derive(Debug, Default)]
pub struct InitiativeCard;

impl InitiativeCard {
    /// Draws the card, and pushes a `SelectCountry` command when the user clicks a state in it.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        initiative: &Initiative,
        world: &World,
        commands: &mut Vec<Command>,
    ) {
        summary_ui(ui, initiative);
        population_lens_ui(ui, initiative, world);
        ui.add_space(6.0);
        states_by_role_ui(ui, initiative, world, commands);
        non_state_actors_ui(ui, initiative, world);
        ui.add_space(6.0);
        milestones_ui(ui, initiative);
        sources_ui(ui, initiative);
    }
}

/// What the effort is: its name, kind, status and span, how sure the sources are, what it was
/// for, how it ended, and the essay's words about it.
fn summary_ui(ui: &mut Ui, initiative: &Initiative) {
    ui.heading(RichText::new(&initiative.name).strong());
    ui.label(format!(
        "{} · {} · {}",
        initiative.category.label(),
        initiative.status.label(),
        initiative.span_label()
    ));
    if initiative.kind == crate::data::Kind::Contrast {
        ui.label(RichText::new("For contrast: not a small-state effort").italics());
    }
    confidence_note(ui, initiative.confidence);
    ui.add_space(4.0);
    // A file made from a table may give no summary or outcome; say so rather than show a gap.
    let given = |ui: &mut Ui, text: &str, what: &str| {
        if text.trim().is_empty() {
            ui.label(
                RichText::new(format!("No {what} in the data."))
                    .weak()
                    .italics(),
            );
        } else {
            ui.label(text);
        }
    };
    given(ui, &initiative.summary, "summary");
    ui.add_space(4.0);
    ui.label(RichText::new("Outcome").strong());
    given(ui, &initiative.outcome, "outcome");
    ui.add_space(4.0);
    if !initiative.essay_quote.trim().is_empty() {
        ui.label(RichText::new(format!("“{}”", initiative.essay_quote)).italics())
            .on_hover_text("The essay's own words");
    }
}

/// The small-state lens: how many people the leading states have against the participating
/// ones. Shown only when the leads' population is known.
fn population_lens_ui(ui: &mut Ui, initiative: &Initiative, world: &World) {
    let lens = initiative.lens(|code| {
        world
            .by_code(code)
            .and_then(|c| c.population)
            .map(|p| p.count)
    });
    if lens.lead_population > 0 {
        let ratio = lens
            .ratio()
            .map(|r| format!(" (×{r:.0})"))
            .unwrap_or_default();
        ui.label(format!(
            "Small-state lens: lead {} people · participants {}{ratio}",
            format_count(lens.lead_population),
            format_count(lens.participant_population)
        ))
        .on_hover_text("Population of the leading states against that of the participating states (supporters left out)");
    }
}

/// The states taking part, one row per role in the legend's order, each behind its map swatch.
/// Clicking a state's name selects it on the map.
fn states_by_role_ui(
    ui: &mut Ui,
    initiative: &Initiative,
    world: &World,
    commands: &mut Vec<Command>,
) {
    for role in palette::LEGEND_ROLES {
        // Each state once, with when it left if it no longer holds the role (a state that left
        // and rejoined is listed once per period in the data).
        let mut states: Vec<(usize, &str, Option<FuzzyDate>)> = Vec::new();
        for actor in initiative.actors.iter().filter(|a| a.role == role) {
            let Some(i) = actor.actor.state_code().and_then(|c| world.index_of(c)) else {
                continue;
            };
            match states.iter_mut().find(|(j, _, _)| *j == i) {
                Some((_, _, left)) => *left = left.zip(actor.left).map(|(a, b)| a.max(b)),
                None => states.push((i, world.countries()[i].name.as_str(), actor.left)),
            }
        }
        if states.is_empty() {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            legend_row(
                ui,
                palette::role_fill(role),
                palette::role_stroke(role),
                &format!("{}:", role_heading(role)),
            );
            for (i, name, left) in states {
                if ui.link(name).clicked() {
                    commands.push(Command::SelectCountry(Some(i)));
                }
                if let Some(left) = left {
                    ui.label(RichText::new(format!("(left {left})")).weak());
                }
            }
        });
    }
}

/// The organisations and other non-state actors. Most have no place on the map; one that
/// stands for a territory is named with it ("PLO (Palestine)"), where the map draws it.
fn non_state_actors_ui(ui: &mut Ui, initiative: &Initiative, world: &World) {
    let orgs: Vec<String> = initiative
        .orgs()
        .map(|a| {
            let territory = a
                .territory
                .as_deref()
                .map(|code| world.by_code(code).map_or(code, |c| c.name.as_str()));
            match (&a.actor, territory) {
                (crate::data::ActorId::Org { short, name }, Some(place)) => {
                    format!("{short} ({place}; {name}), {}", a.role.label())
                }
                (crate::data::ActorId::Org { short, name }, None) if short != name => {
                    format!("{short} ({name}), {}", a.role.label())
                }
                (other, _) => format!("{}, {}", other.label(), a.role.label()),
            }
        })
        .collect();
    if !orgs.is_empty() {
        ui.label(RichText::new("Non-state actors").strong());
        for org in orgs {
            ui.label(format!("• {org}"));
        }
    }
}

/// The milestones, each with its outcome and how sure the sources are, in a section open at
/// first.
fn milestones_ui(ui: &mut Ui, initiative: &Initiative) {
    egui::CollapsingHeader::new(format!("Milestones ({})", initiative.milestones.len()))
        .default_open(true)
        .show(ui, |ui| {
            for m in &initiative.milestones {
                ui.label(RichText::new(format!("{} — {}", m.date, m.title)).strong());
                ui.label(&m.outcome);
                confidence_note(ui, m.confidence);
            }
        });
}

/// The sources, in a section closed at first; web links open in the browser.
fn sources_ui(ui: &mut Ui, initiative: &Initiative) {
    egui::CollapsingHeader::new(format!("Sources ({})", initiative.sources.len()))
        .default_open(false)
        .show(ui, |ui| {
            for s in &initiative.sources {
                // Only web links open; anything else is shown as text.
                if s.url.starts_with("https://") || s.url.starts_with("http://") {
                    ui.hyperlink_to(&s.title, &s.url).on_hover_text(&s.url);
                } else {
                    ui.label(format!("{} ({})", s.title, s.url));
                }
            }
        });
}

fn role_heading(role: Role) -> &'static str {
    match role {
        Role::Lead => "Lead",
        Role::CoLead => "Co-lead",
        Role::ProposedLead => "Proposed lead",
        Role::Participant => "Participants",
        Role::Supporter => "Supporters",
    }
}

/// A visible mark on anything the sources do not confirm.
pub fn confidence_note(ui: &mut Ui, confidence: Confidence) {
    match confidence {
        Confidence::Verified => {}
        Confidence::Unverified => {
            ui.label(
                RichText::new("unverified: not confirmed by the sources")
                    .color(ui.visuals().warn_fg_color),
            );
        }
        Confidence::Disputed => {
            ui.label(
                RichText::new("disputed: the sources disagree").color(ui.visuals().warn_fg_color),
            );
        }
    }
}
