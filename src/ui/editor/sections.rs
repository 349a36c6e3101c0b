//! The lists of one initiative's form: actors (with the ways to add a state), milestones
//! and sources.

use egui::{RichText, Ui};

use super::{
    Form, InitiativeEditor, choose, move_buttons, optional, problems_at, short, show_problems,
    start_year,
};
use crate::data::date::FuzzyDate;
use crate::data::edit::{self, ActorField, Edit, MilestoneField, SourceField};
use crate::data::import::names::{self, Match};
use crate::data::{Actor, ActorId, Confidence, Initiative, Role, World};
use crate::ui::command::Command;

impl InitiativeEditor {
    /// The actors: a row each (role, dates, sources, note, order), and ways to add one.
    pub(super) fn actors_ui(
        &mut self,
        ui: &mut Ui,
        form: &Form<'_>,
        country: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        let (i, initiative) = (form.index, form.initiative);
        ui.label(RichText::new(format!("Actors ({})", initiative.actors.len())).strong());
        let clicked_code = country
            .and_then(|c| form.world.countries().get(c))
            .filter(|c| c.has_code())
            .map(|c| (c.code.as_str(), c.name.as_str()));
        if let Some((code, name)) = clicked_code
            && initiative
                .actors
                .iter()
                .all(|a| a.actor.state_code() != Some(code))
        {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{name} is not in it."));
                for role in Role::ALL {
                    if ui
                        .button(format!("Add {name} as {}", role.label()))
                        .clicked()
                    {
                        let actor = Box::new(edit::new_state_actor(initiative, code, role));
                        let at = initiative.actors.len();
                        commands.push(Command::Edit(Edit::InsertActor {
                            initiative: i,
                            at,
                            actor,
                        }));
                    }
                }
            });
        }
        self.add_state_ui(ui, form, commands);
        self.add_org_ui(ui, form, commands);
        for (a, actor) in initiative.actors.iter().enumerate() {
            let path = format!("initiatives[{i}].actors[{a}]");
            let name = actor_name(actor, form.world);
            let is_clicked =
                clicked_code.is_some_and(|(code, _)| actor.actor.state_code() == Some(code));
            let header = short(&format!("{name} — {}", actor.role.label()));
            let has_problem = problems_at(form.problems, &path).next().is_some();
            egui::CollapsingHeader::new(if has_problem {
                format!("(problem) {header}")
            } else {
                header
            })
            .id_salt(&path)
            .open((is_clicked && self.opened_for != country).then_some(true))
            .show(ui, |ui| self.actor_ui(ui, form, a, actor, &path, commands));
        }
        self.opened_for = country;
    }

    /// One actor's fields.
    fn actor_ui(
        &mut self,
        ui: &mut Ui,
        form: &Form<'_>,
        a: usize,
        actor: &Actor,
        path: &str,
        commands: &mut Vec<Command>,
    ) {
        let i = form.index;
        let mut set = |field| {
            commands.push(Command::Edit(Edit::Actor {
                initiative: i,
                actor: a,
                field,
            }))
        };
        if let ActorId::Org { short, name } = &actor.actor {
            self.org_fields_ui(ui, form.world, (short, name, actor), path, &mut set);
        }
        ui.horizontal_wrapped(|ui| {
            if let Some(v) = choose(
                ui,
                (&format!("{path}.role"), "Role"),
                actor.role,
                &Role::ALL,
                Role::label,
            ) {
                set(ActorField::Role(v));
            }
            if let Some(v) = choose(
                ui,
                (&format!("{path}.confidence"), "Confidence"),
                actor.confidence,
                &Confidence::ALL,
                Confidence::label,
            ) {
                set(ActorField::Confidence(v));
            }
        });
        if let Some(v) = self.date(ui, &format!("{path}.joined"), "Joined", actor.joined, true) {
            set(ActorField::Joined(v));
        }
        if let Some(v) = self.date(ui, &format!("{path}.left"), "Left", actor.left, true) {
            set(ActorField::Left(v));
        }
        if let Some(v) = sources_picker(
            ui,
            &format!("{path}.sources"),
            form.initiative,
            &actor.sources,
        ) {
            set(ActorField::Sources(v));
        }
        let note = actor.note.as_deref().unwrap_or_default();
        if let Some(v) = self.text(ui, &format!("{path}.note"), "Note", note, false) {
            set(ActorField::Note(optional(v)));
        }
        show_problems(ui, form.problems, path);
        ui.horizontal(|ui| {
            if let Some(to) = move_buttons(ui, a, form.initiative.actors.len()) {
                commands.push(Command::Edit(Edit::MoveActor {
                    initiative: i,
                    from: a,
                    to,
                }));
            }
            if ui.button("Remove").clicked() {
                commands.push(Command::Edit(Edit::RemoveActor {
                    initiative: i,
                    at: a,
                }));
            }
        });
    }

    /// An organisation's own fields: its short and full names, and the territory on the map it
    /// stands for (the PLO for Palestine), typed as a state's name or code.
    fn org_fields_ui(
        &mut self,
        ui: &mut Ui,
        world: &World,
        (short, name, actor): (&str, &str, &Actor),
        path: &str,
        set: &mut impl FnMut(ActorField),
    ) {
        let required = |text: &str| {
            if text.is_empty() {
                Err("empty; expected a name".to_owned())
            } else {
                Ok(text.to_owned())
            }
        };
        let org = |short: String, name: String| ActorField::Actor(ActorId::Org { short, name });
        let at = (&*format!("{path}.org"), "Short name", "UN, EU, PLO", 160.0);
        if let Some(v) = self.typed(ui, at, short.to_owned(), short.to_owned(), required) {
            set(org(v, name.to_owned()));
        }
        let at = (
            &*format!("{path}.name"),
            "Full name",
            "United Nations",
            f32::INFINITY,
        );
        if let Some(v) = self.typed(ui, at, name.to_owned(), name.to_owned(), required) {
            set(org(short.to_owned(), v));
        }
        let territory = actor.territory.clone();
        let shown = territory.as_deref().map_or_else(String::new, |code| {
            world
                .by_code(code)
                .map_or_else(|| code.to_owned(), |c| c.name.clone())
        });
        let parse = |text: &str| match text {
            "" => Ok(None),
            text => state_named(text, world).map(Some),
        };
        let at = (
            &*format!("{path}.territory"),
            "Stands for",
            "a territory, or empty",
            240.0,
        );
        if let Some(v) = self.typed(ui, at, shown, territory, parse) {
            set(ActorField::Territory(v));
        }
    }

    /// "Add an organisation": its short and full names, in the role chosen. Closed until opened,
    /// since most actors are states.
    fn add_org_ui(&mut self, ui: &mut Ui, form: &Form<'_>, commands: &mut Vec<Command>) {
        egui::CollapsingHeader::new("Add an organisation")
            .id_salt("add organisation")
            .show(ui, |ui| {
                // A row each, so the panel keeps its width.
                ui.horizontal(|ui| {
                    let label = ui.label("Short name");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.add_org.0)
                            .id_salt("add organisation short")
                            .hint_text("UN, EU, PLO")
                            .desired_width(160.0),
                    )
                    .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Full name");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.add_org.1)
                            .id_salt("add organisation name")
                            .hint_text("the short name if empty")
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(label.id);
                });
                ui.horizontal_wrapped(|ui| {
                    for role in Role::ALL {
                        let button =
                            egui::Button::new(format!("Add organisation as {}", role.label()));
                        let clicked = ui
                            .add_enabled(!self.add_org.0.trim().is_empty(), button)
                            .clicked();
                        if clicked {
                            let (short, name) = std::mem::take(&mut self.add_org);
                            let actor =
                                Box::new(edit::new_org_actor(form.initiative, &short, &name, role));
                            commands.push(Command::Edit(Edit::InsertActor {
                                initiative: form.index,
                                at: form.initiative.actors.len(),
                                actor,
                            }));
                        }
                    }
                });
            });
    }

    /// "Add a state": a name as people write it ("Holland", "Côte d'Ivoire"), matched as the
    /// import matches table rows, in the role chosen.
    fn add_state_ui(&mut self, ui: &mut Ui, form: &Form<'_>, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Add a state");
            ui.add(
                egui::TextEdit::singleline(&mut self.add_state)
                    .id_salt("add state")
                    .hint_text("name or code")
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
            let mut chosen = None;
            for role in Role::ALL {
                if ui.button(format!("Add as {}", role.label())).clicked() {
                    chosen = Some(role);
                }
            }
            if let Some(role) = chosen {
                match state_named(&self.add_state, form.world) {
                    Ok(code) => {
                        let actor = Box::new(edit::new_state_actor(form.initiative, &code, role));
                        let at = form.initiative.actors.len();
                        commands.push(Command::Edit(Edit::InsertActor {
                            initiative: form.index,
                            at,
                            actor,
                        }));
                        self.add_state.clear();
                        self.add_problem = None;
                    }
                    Err(why) => self.add_problem = Some(why),
                }
            }
        });
        if let Some(why) = &self.add_problem {
            ui.label(RichText::new(why).color(ui.visuals().warn_fg_color).small());
        }
        ui.label(
            RichText::new("Or click a country on the map; a click on a member opens its row.")
                .weak()
                .small(),
        );
    }

    /// The milestones: date, title, outcome, sources, the presenter's notes.
    pub(super) fn milestones_ui(
        &mut self,
        ui: &mut Ui,
        form: &Form<'_>,
        (as_of, today): (Option<i64>, i64),
        commands: &mut Vec<Command>,
    ) {
        let (i, initiative) = (form.index, form.initiative);
        ui.label(RichText::new(format!("Milestones ({})", initiative.milestones.len())).strong());
        for (m, milestone) in initiative.milestones.iter().enumerate() {
            let path = format!("initiatives[{i}].milestones[{m}]");
            let header = short(&format!("{} — {}", milestone.date, milestone.title));
            egui::CollapsingHeader::new(header)
                .id_salt(&path)
                .show(ui, |ui| {
                    let mut set = |field| {
                        commands.push(Command::Edit(Edit::Milestone {
                            initiative: i,
                            milestone: m,
                            field,
                        }))
                    };
                    if let Some(Some(v)) = self.date(
                        ui,
                        &format!("{path}.date"),
                        "Date",
                        Some(milestone.date),
                        false,
                    ) {
                        set(MilestoneField::Date(v));
                    }
                    if let Some(v) = self.text(
                        ui,
                        &format!("{path}.title"),
                        "Title",
                        &milestone.title,
                        false,
                    ) {
                        set(MilestoneField::Title(v));
                    }
                    if let Some(v) = self.text(
                        ui,
                        &format!("{path}.outcome"),
                        "Outcome",
                        &milestone.outcome,
                        true,
                    ) {
                        set(MilestoneField::Outcome(v));
                    }
                    if let Some(v) = sources_picker(
                        ui,
                        &format!("{path}.sources"),
                        initiative,
                        &milestone.sources,
                    ) {
                        set(MilestoneField::Sources(v));
                    }
                    let notes = milestone.notes.as_deref().unwrap_or_default();
                    if let Some(v) =
                        self.text(ui, &format!("{path}.notes"), "Presenter notes", notes, true)
                    {
                        set(MilestoneField::Notes(optional(v)));
                    }
                    show_problems(ui, form.problems, &path);
                    if ui.button("Delete milestone").clicked() {
                        commands.push(Command::Edit(Edit::RemoveMilestone {
                            initiative: i,
                            at: m,
                        }));
                    }
                });
        }
        if ui.button("Add milestone").clicked()
            && let Ok(date) = FuzzyDate::parse(
                &as_of.map_or_else(|| start_year(None, today), crate::data::date::iso_date),
            )
        {
            // Milestones are kept in date order: the new one goes after those not later.
            let at = initiative
                .milestones
                .iter()
                .take_while(|m| m.date <= date)
                .count();
            let milestone = Box::new(edit::new_milestone(initiative, date));
            commands.push(Command::Edit(Edit::InsertMilestone {
                initiative: i,
                at,
                milestone,
            }));
        }
    }

    /// The sources: id, title, address. One still cited cannot be deleted, and says where.
    pub(super) fn sources_ui(&mut self, ui: &mut Ui, form: &Form<'_>, commands: &mut Vec<Command>) {
        let (i, initiative) = (form.index, form.initiative);
        ui.label(RichText::new(format!("Sources ({})", initiative.sources.len())).strong());
        for (s, source) in initiative.sources.iter().enumerate() {
            let path = format!("initiatives[{i}].sources[{s}]");
            egui::CollapsingHeader::new(short(&format!("{} — {}", source.id, source.title)))
                .id_salt(&path)
                .show(ui, |ui| {
                    let mut set = |field| {
                        commands.push(Command::Edit(Edit::Source {
                            initiative: i,
                            source: s,
                            field,
                        }))
                    };
                    if let Some(v) = self.text(ui, &format!("{path}.id"), "Id", &source.id, false) {
                        set(SourceField::Id(v));
                    }
                    if let Some(v) =
                        self.text(ui, &format!("{path}.title"), "Title", &source.title, false)
                    {
                        set(SourceField::Title(v));
                    }
                    if let Some(v) =
                        self.text(ui, &format!("{path}.url"), "Address", &source.url, false)
                    {
                        set(SourceField::Url(v));
                    }
                    show_problems(ui, form.problems, &path);
                    let cited = edit::citations(initiative, s);
                    let delete =
                        ui.add_enabled(cited.is_empty(), egui::Button::new("Delete source"));
                    let delete = if cited.is_empty() {
                        delete
                    } else {
                        delete.on_disabled_hover_text(format!("Cited by {}", cited.join(", ")))
                    };
                    if !cited.is_empty() {
                        ui.label(
                            RichText::new(format!("Cited by {}", cited.join(", ")))
                                .weak()
                                .small(),
                        );
                    }
                    if delete.clicked() {
                        commands.push(Command::Edit(Edit::RemoveSource {
                            initiative: i,
                            at: s,
                        }));
                    }
                });
        }
        show_problems(ui, form.problems, &format!("initiatives[{i}].sources"));
        if ui.button("Add source").clicked() {
            let source = edit::new_source(initiative);
            let at = initiative.sources.len();
            commands.push(Command::Edit(Edit::InsertSource {
                initiative: i,
                at,
                source,
            }));
        }
    }
}

/// A checkbox per source of the initiative; the new list of cited sources if it changed.
fn sources_picker(
    ui: &mut Ui,
    id: &str,
    initiative: &Initiative,
    cited: &[usize],
) -> Option<Vec<usize>> {
    let mut changed = None;
    ui.push_id(id, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label("Sources");
            if initiative.sources.is_empty() {
                ui.label(RichText::new("none yet: add one below").weak());
            }
            for (s, source) in initiative.sources.iter().enumerate() {
                let mut on = cited.contains(&s);
                if ui
                    .checkbox(&mut on, &source.id)
                    .on_hover_text(&source.title)
                    .changed()
                {
                    let mut list: Vec<usize> = cited.iter().copied().filter(|&c| c != s).collect();
                    if on {
                        list.push(s);
                        list.sort_unstable();
                    }
                    changed = Some(list);
                }
            }
        });
    });
    changed
}

/// An actor as the forms name it: a state by its name on the map, an organisation by its
/// short name.
fn actor_name(actor: &Actor, world: &World) -> String {
    match &actor.actor {
        ActorId::State(code) => world
            .by_code(code)
            .map_or_else(|| code.clone(), |c| c.name.clone()),
        ActorId::Org { short, .. } => short.clone(),
    }
}

/// The code of the state on `world` that `text` names as people write it ("Holland", "NLD"), or
/// why it names none.
fn state_named(text: &str, world: &World) -> Result<String, String> {
    match names::resolve(text) {
        Match::Country(code) if world.has_code(&code) => Ok(code),
        Match::Country(code) => Err(format!("{code} is not on this world map")),
        Match::Ambiguous(codes) => Err(format!(
            "that name fits several states: {}",
            codes.join(", ")
        )),
        Match::Unknown(close) if close.is_empty() => Err("no state of that name".to_owned()),
        Match::Unknown(close) => Err(format!(
            "no state of that name; did you mean {}?",
            close.join(", ")
        )),
    }
}
