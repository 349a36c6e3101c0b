//! Authoring in the window, as a person does it: edit mode, forms, the map click that adds a
//! state, typing a bad date, saving, undo and redo, and not losing unsaved edits.

mod common;

use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use microlateral_atlas::data::edit::{Edit, InitiativeField};
use microlateral_atlas::data::{ActorId, Dataset, Role};
use microlateral_atlas::ui::Command;
use microlateral_atlas::{AtlasApp, WorldData};

/// The app on the bundled world with no initiatives: an empty file to start a story in. Tall,
/// so every field of the forms is on screen to click.
fn empty_app() -> Harness<'static, AtlasApp> {
    let data = WorldData::bundled().expect("the bundled world loads");
    let app = AtlasApp::new(data, Dataset::default());
    common::app_harness(app, vec2(1500.0, 1900.0), 400, None)
}

/// Clicks the `nth` field labelled `label`, selects its text and types `text` over it.
fn type_into(harness: &mut Harness<'_, AtlasApp>, label: &str, nth: usize, text: &str) {
    harness
        .get_all_by_label(label)
        .nth(nth)
        .expect(label)
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_label(label)
        .nth(nth)
        .expect(label)
        .type_text(text);
    harness.run();
}

fn click(harness: &mut Harness<'_, AtlasApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Opens or closes the first collapsible row whose heading holds `heading`.
fn toggle_row(harness: &mut Harness<'_, AtlasApp>, heading: &str) {
    harness
        .get_all_by_label_contains(heading)
        .next()
        .unwrap_or_else(|| panic!("a row \"{heading}\""))
        .click();
    harness.run();
}

/// Presses Ctrl+Z (or Ctrl+Shift+Z) until there is nothing left to undo (redo); returns how
/// many steps that took.
fn undo_all(harness: &mut Harness<'_, AtlasApp>, redo: bool) -> usize {
    let mut steps = 0;
    loop {
        let (undo, again) = harness.state().history_labels();
        let left = if redo { again } else { undo };
        if left.is_none() {
            return steps;
        }
        assert!(steps < 200, "the history does not end");
        let modifiers = if redo {
            Modifiers::COMMAND | Modifiers::SHIFT
        } else {
            Modifiers::COMMAND
        };
        harness.key_press_modifiers(modifiers, Key::Z);
        harness.run();
        steps += 1;
    }
}

fn edited(harness: &Harness<'_, AtlasApp>) -> Dataset {
    harness.state().observe().dataset.clone()
}

#[test]
fn a_story_built_from_scratch_saves_reopens_and_undoes_back_to_the_empty_file() {
    let mut harness = empty_app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "New initiative");
    type_into(&mut harness, "Name", 0, "Pacific Cable Compact");
    type_into(&mut harness, "Id", 0, "pacific-cable");
    type_into(&mut harness, "Start", 0, "2020-03");

    // Two sources, each with its address.
    for n in 0..2 {
        click(&mut harness, "Add source");
        let header = if n == 0 {
            "source — New source"
        } else {
            "source-2 — New source"
        };
        click(&mut harness, header);
        type_into(
            &mut harness,
            "Address",
            0,
            &format!("https://example.org/{n}"),
        );
        click(
            &mut harness,
            &format!("source{} — New source", ["", "-2"][n]),
        );
    }

    // A lead, a co-lead and two participants by name, as people write them.
    for (name, role) in [
        ("Fiji", "lead"),
        ("Holland", "co-lead"),
        ("Côte d'Ivoire", "participant"),
        ("Samoa", "participant"),
    ] {
        type_into(&mut harness, "Add a state", 0, name);
        click(&mut harness, &format!("Add as {role}"));
    }
    // A third participant by clicking the map.
    let australia = common::screen_pos(&harness, 134.0, -25.0);
    common::click_at(&mut harness, australia);
    click(&mut harness, "Add Australia as participant");

    // Samoa left: a former member.
    toggle_row(&mut harness, "Samoa — participant");
    type_into(&mut harness, "Left", 0, "2024-06");
    toggle_row(&mut harness, "Samoa — participant");

    // Two milestones, each with a title and an outcome.
    for (title, outcome) in [
        ("Talks open", "The parties met."),
        ("Compact signed", "The cable was agreed."),
    ] {
        click(&mut harness, "Add milestone");
        toggle_row(&mut harness, "New milestone");
        type_into(&mut harness, "Title", 0, title);
        type_into(&mut harness, "Outcome", 1, outcome);
        toggle_row(&mut harness, title);
    }
    type_into(&mut harness, "Summary", 0, "A made-up story for the test.");

    // A tour of three steps: a title step, then two milestones, one in words of its own; each
    // with notes. The last is moved up with Alt+↑, then down again with its button.
    click(&mut harness, "New tour");
    type_into(&mut harness, "Name", 1, "The cable story");
    click(&mut harness, "Add title step");
    type_into(&mut harness, "Title", 0, "A cable for three islands");
    type_into(
        &mut harness,
        "Caption",
        0,
        "How small states wired the Pacific.",
    );
    type_into(&mut harness, "Notes", 0, "Welcome the room.");
    for (title, notes) in [
        (None, "Point at Fiji."),
        (Some("Signed at last"), "Pause here."),
    ] {
        click(&mut harness, "Add step");
        if let Some(title) = title {
            type_into(&mut harness, "Title", 0, title);
        }
        type_into(&mut harness, "Notes", 0, notes);
    }
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    let notes = |h: &Harness<'_, AtlasApp>| -> Vec<Option<String>> {
        edited(h).tours[0]
            .steps
            .iter()
            .map(|s| s.notes.clone())
            .collect()
    };
    assert_eq!(
        notes(&harness),
        [
            Some("Welcome the room."),
            Some("Pause here."),
            Some("Point at Fiji.")
        ]
        .map(|n| n.map(str::to_owned))
    );
    click(&mut harness, "Move down");
    assert_eq!(notes(&harness)[2].as_deref(), Some("Pause here."));

    // The presenter plays the new tour at once, the title step as a slide of its own words.
    harness.state_mut().command(Command::StartPresenting);
    harness.run();
    assert_eq!(
        harness.state().observe().caption,
        Some([
            String::new(),
            String::new(),
            "A cable for three islands".to_owned(),
            "How small states wired the Pacific.".to_owned()
        ])
    );
    harness.state_mut().command(Command::StopPresenting);
    harness.run();

    let story = edited(&harness);
    let tour = &story.tours[0];
    assert_eq!(tour.name, "The cable story");
    assert_eq!(tour.steps.len(), 3);
    assert_eq!(tour.steps[0].shows, None);
    assert_eq!(tour.steps[1].shows, Some((0, 0)));
    assert_eq!(tour.steps[2].title.as_deref(), Some("Signed at last"));
    assert!(tour.steps.iter().all(|s| s.camera.is_some()));
    let initiative = &story.initiatives[0];
    assert_eq!(initiative.id, "pacific-cable");
    assert_eq!(initiative.name, "Pacific Cable Compact");
    let roles: Vec<(&str, Role)> = initiative.states(None);
    assert_eq!(
        roles,
        vec![
            ("FJI", Role::Lead),
            ("NLD", Role::CoLead),
            ("CIV", Role::Participant),
            ("WSM", Role::Participant),
            ("AUS", Role::Participant),
        ]
    );
    let samoa = initiative
        .actors
        .iter()
        .find(|a| a.actor.state_code() == Some("WSM"))
        .expect("Samoa");
    assert_eq!(
        samoa.left.map(|d| d.to_iso_string()).as_deref(),
        Some("2024-06")
    );
    assert_eq!(initiative.milestones.len(), 2);
    assert_eq!(initiative.sources[1].url, "https://example.org/1");
    assert!(
        harness.state().problems().next().is_none(),
        "{:?}",
        harness.state().problems().collect::<Vec<_>>()
    );
    assert!(harness.state().title().ends_with("• unsaved edits"));

    // Saved, reopened: the same model.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("story.json");
    let dialogs = common::scripted_dialogs(&mut harness);
    // Cancelled first: nothing is written and the edits stay unsaved.
    dialogs.answer(None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!path.exists());
    assert!(harness.state().has_unsaved_edits());
    // An empty file has no file of its own, so Ctrl+S asks where.
    dialogs.answer(Some(path.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let asked = dialogs.asked();
    assert_eq!(asked.len(), 2);
    assert!(asked[1].save);
    assert_eq!(asked[1].file_name.as_deref(), Some("initiatives.json"));
    assert!(!harness.state().has_unsaved_edits());
    let world = &harness.state().observe().world.clone();
    let reopened = Dataset::load(&path, world).expect("the saved file loads");
    assert_eq!(reopened.dataset, story);

    // Undone step by step to the empty file, then redone to the story.
    let steps = undo_all(&mut harness, false);
    assert!(steps >= 25, "{steps} steps");
    assert_eq!(edited(&harness), Dataset::default());
    assert!(harness.state().has_unsaved_edits());
    assert_eq!(undo_all(&mut harness, true), steps);
    assert_eq!(edited(&harness), story);
    assert!(!harness.state().has_unsaved_edits());
}

#[test]
fn a_date_typed_wrong_keeps_its_text_shows_the_problem_and_save_names_the_field() {
    let mut harness = common::bundled_harness(vec2(1500.0, 1900.0), 400, None);
    click(&mut harness, "Christchurch Call");
    let before = edited(&harness);
    let fill = harness.state().observe().fill_of("NZL");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    type_into(&mut harness, "Start", 0, "2019-13-40");
    let start = harness.get_by_label("Start");
    assert_eq!(start.value().as_deref(), Some("2019-13-40"));
    harness
        .get_all_by_label_contains("has month 13, which does not exist")
        .next()
        .expect("the problem is shown");
    assert_eq!(edited(&harness), before);
    assert_eq!(harness.state().observe().fill_of("NZL"), fill);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let (lines, failed) = harness.state().observe().load_report.expect("a report");
    assert!(failed);
    assert!(
        lines[0].contains(".start: \"2019-13-40\" has month 13"),
        "{lines:?}"
    );
}

#[test]
fn a_file_changed_on_disk_under_unsaved_edits_keeps_both_until_the_user_picks() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("data.json");
    let mut harness = common::bundled_harness(vec2(1500.0, 1000.0), 400, None);
    common::scripted_dialogs(&mut harness).answer(Some(path.clone()));
    harness.state_mut().command(Command::SaveAs);
    harness.run();
    let on_disk = edited(&harness);
    // Let the watcher report the app's own save before editing.
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(30));
        harness.step();
    }

    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "Oslo channel and Oslo Accords");
    type_into(&mut harness, "Name", 0, "Oslo (mine)");
    let mine = edited(&harness);

    // Another program changes the file.
    let theirs = std::fs::read_to_string(&path)
        .expect("the saved file")
        .replace("Oslo channel and Oslo Accords", "Oslo (theirs)");
    std::fs::write(&path, theirs).expect("the file is written");
    common::wait_for(&mut harness, |app| {
        app.changed_on_disk()
            .is_some_and(|d| d.initiatives[0].name == "Oslo (theirs)")
    });
    harness.get_by_label("The file changed on disk");
    assert_eq!(edited(&harness), mine);
    assert!(harness.state().has_unsaved_edits());

    click(&mut harness, "Take the file's version");
    let taken = edited(&harness);
    assert_eq!(taken.initiatives[0].name, "Oslo (theirs)");
    assert_ne!(taken, on_disk);
    assert!(!harness.state().has_unsaved_edits());
}

#[test]
fn opening_another_file_with_unsaved_edits_asks_first_and_cancel_keeps_them() {
    let mut harness = common::bundled_harness(vec2(1500.0, 1000.0), 400, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "Oslo channel and Oslo Accords");
    type_into(&mut harness, "Name", 0, "Oslo (edited)");
    let mine = edited(&harness);
    let other = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/valid.json");
    harness.state_mut().open(other);
    harness.run();
    harness.get_by_label("Unsaved edits");
    click(&mut harness, "Cancel");
    common::wait_for(&mut harness, |app| !app.observe().loading);
    assert_eq!(edited(&harness), mine);
    assert!(harness.query_by_label("Unsaved edits").is_none());
}

#[test]
fn the_edit_menu_names_what_undo_and_redo_would_do() {
    let mut harness = common::bundled_harness(vec2(1500.0, 1900.0), 400, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "Christchurch Call");
    type_into(&mut harness, "Add a state", 0, "Nauru");
    click(&mut harness, "Add as participant");
    assert_eq!(
        harness.state().history_labels().0,
        Some("add Nauru to Christchurch Call")
    );
    click(&mut harness, "Edit");
    harness
        .get_by_label_contains("Undo: add Nauru to Christchurch Call")
        .click();
    harness.run();
    assert_eq!(
        harness.state().history_labels().1,
        Some("add Nauru to Christchurch Call")
    );
    assert!(
        edited(&harness)
            .by_id("christchurch-call")
            .expect("in the data")
            .role_of("NRU", None)
            .is_none()
    );
}

#[test]
fn an_initiative_inserted_and_removed_before_others_keeps_their_problems_and_the_selection() {
    let mut harness = common::bundled_harness(vec2(1500.0, 1000.0), 400, None);
    let dataset = edited(&harness);
    let last = dataset.initiatives.len() - 1;
    let last_id = dataset.initiatives[last].id.clone();
    harness
        .state_mut()
        .command(Command::SelectInitiative(Some(last)));
    let too_early = microlateral_atlas::data::FuzzyDate::parse("1200").expect("a date");
    harness.state_mut().command(Command::Edit(Edit::Initiative {
        initiative: last,
        field: InitiativeField::End(Some(too_early)),
    }));
    harness.run();
    let problem = |harness: &Harness<'_, AtlasApp>| {
        harness
            .state()
            .problems()
            .map(|d| d.path.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(problem(&harness), vec![format!("initiatives[{last}].end")]);
    let copy = microlateral_atlas::data::edit::duplicate_of(&dataset, &dataset.initiatives[1]);
    harness
        .state_mut()
        .command(Command::Edit(Edit::InsertInitiative {
            at: 0,
            initiative: Box::new(copy),
        }));
    harness.run();
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some(last_id.as_str())
    );
    harness
        .state_mut()
        .command(Command::Edit(Edit::RemoveInitiative { at: 0 }));
    harness.run();
    assert_eq!(
        harness.state().observe().selected_initiative,
        Some(last_id.as_str())
    );
    assert_eq!(
        problem(&harness).len(),
        1,
        "the last initiative's problem is kept"
    );
}

#[test]
fn an_organisation_is_added_from_the_form_and_stands_for_a_territory_typed_by_name() {
    let mut harness = common::bundled_harness(vec2(1500.0, 1900.0), 400, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "Oslo channel and Oslo Accords");
    let before = edited(&harness)
        .by_id("oslo-accords")
        .expect("in the data")
        .actors
        .len();
    toggle_row(&mut harness, "Add an organisation");
    type_into(&mut harness, "Short name", 0, "Fafo");
    type_into(
        &mut harness,
        "Full name",
        0,
        "Fafo Institute for Applied Social Science",
    );
    click(&mut harness, "Add organisation as supporter");
    let org = |harness: &Harness<'_, AtlasApp>| {
        let data = edited(harness);
        let call = data.by_id("oslo-accords").expect("in the data");
        assert_eq!(call.actors.len(), before + 1);
        call.actors[before].clone()
    };
    let added = org(&harness);
    assert_eq!(
        added.actor,
        ActorId::Org {
            short: "Fafo".to_owned(),
            name: "Fafo Institute for Applied Social Science".to_owned(),
        }
    );
    assert_eq!(added.role, Role::Supporter);
    assert_eq!(
        harness.state().history_labels().0,
        Some("add Fafo to Oslo channel and Oslo Accords")
    );

    // A territory is typed as people name it; a name that fits no state is kept with why.
    toggle_row(&mut harness, "Fafo — supporter");
    type_into(&mut harness, "Stands for", 0, "Atlantis");
    // Beside the field and in the Problems list.
    assert_eq!(
        harness
            .get_all_by_label_contains("no state of that name")
            .count(),
        2
    );
    assert_eq!(org(&harness).territory, None);
    type_into(&mut harness, "Stands for", 0, "Palestine");
    assert_eq!(org(&harness).territory.as_deref(), Some("PSE"));

    // An emptied name is kept as typed, and the model keeps the last one.
    harness
        .get_all_by_label("Short name")
        .nth(1)
        .expect("the row's short name")
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    assert!(
        harness
            .get_all_by_label_contains("expected a name")
            .next()
            .is_some()
    );
    assert_eq!(org(&harness).actor.label(), "Fafo");
}

#[test]
fn a_shared_id_flags_both_initiatives_until_it_is_changed_undone_or_one_is_removed() {
    let mut harness = common::bundled_harness(vec2(1500.0, 1900.0), 400, None);
    let flagged = |harness: &Harness<'_, AtlasApp>| {
        let mut paths: Vec<String> = harness
            .state()
            .problems()
            .filter(|d| d.message.starts_with("duplicate initiative id"))
            .map(|d| d.path.clone())
            .collect();
        paths.sort();
        paths
    };
    let set_id = |harness: &mut Harness<'_, AtlasApp>, initiative: usize, id: &str| {
        harness.state_mut().command(Command::Edit(Edit::Initiative {
            initiative,
            field: InitiativeField::Id(id.to_owned()),
        }));
        harness.run();
    };
    let both = vec![
        "initiatives[0].id".to_owned(),
        "initiatives[4].id".to_owned(),
    ];
    set_id(&mut harness, 4, "oslo-accords");
    assert_eq!(flagged(&harness), both);
    set_id(&mut harness, 4, "oslo-accords-2");
    assert!(flagged(&harness).is_empty(), "{:?}", flagged(&harness));
    set_id(&mut harness, 4, "oslo-accords");
    assert_eq!(flagged(&harness), both);
    // The three id edits are one step, as typing into one field is.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(flagged(&harness).is_empty(), "{:?}", flagged(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(flagged(&harness), both, "redo brings the shared id back");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();

    // An initiative inserted with an id in use, then removed.
    let dataset = edited(&harness);
    let mut twin = microlateral_atlas::data::edit::duplicate_of(&dataset, &dataset.initiatives[0]);
    twin.id = "oslo-accords".to_owned();
    harness
        .state_mut()
        .command(Command::Edit(Edit::InsertInitiative {
            at: 0,
            initiative: Box::new(twin),
        }));
    harness.run();
    assert_eq!(
        flagged(&harness),
        vec![
            "initiatives[0].id".to_owned(),
            "initiatives[1].id".to_owned()
        ]
    );
    harness
        .state_mut()
        .command(Command::Edit(Edit::RemoveInitiative { at: 0 }));
    harness.run();
    assert!(flagged(&harness).is_empty(), "{:?}", flagged(&harness));
}

/// What the window asked of the desktop in the last frame.
fn window_commands(harness: &Harness<'_, AtlasApp>) -> Vec<egui::ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// The desktop asks the window to close (its close button, Alt+F4), for one frame.
fn ask_to_close(harness: &mut Harness<'_, AtlasApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
}

#[test]
fn closing_the_window_with_unsaved_edits_asks_first_then_cancel_stays_and_discard_closes() {
    let mut harness = common::bundled_harness(vec2(1500.0, 1000.0), 400, None);
    ask_to_close(&mut harness);
    assert!(
        !window_commands(&harness).contains(&egui::ViewportCommand::CancelClose),
        "with nothing unsaved the window closes at once"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "Oslo channel and Oslo Accords");
    type_into(&mut harness, "Name", 0, "Oslo (edited)");
    let mine = edited(&harness);

    ask_to_close(&mut harness);
    assert!(window_commands(&harness).contains(&egui::ViewportCommand::CancelClose));
    harness.run();
    harness.get_by_label("Unsaved edits");
    click(&mut harness, "Cancel");
    assert!(harness.query_by_label("Unsaved edits").is_none());
    assert_eq!(edited(&harness), mine);

    ask_to_close(&mut harness);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.step();
    assert!(window_commands(&harness).contains(&egui::ViewportCommand::Close));
}
