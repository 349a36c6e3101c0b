//! The rooms of the house and which may use which (see `docs/architecture.md`).
//!
//! These tests read the source text, not the compiled crate: a `use crate::ui::…` in the model
//! is caught even when nothing calls it yet. A module is a top-level folder or file of `src/`
//! (`data`, `geo`, `scene`, `export`, `ui`, `app`…); `lib.rs` and `main.rs` only declare and
//! dispatch, so they are not rooms.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The rooms that must draw and compute without a window: the model, its geometry, what a
/// picture shows, the files written from it, loading, and the command line that exports.
const WINDOWLESS: [&str; 6] = ["data", "geo", "scene", "export", "loader", "cli"];
/// What those rooms must not name: the window's own modules, and the parts of egui and eframe
/// that only exist while a window runs. Plain colour and geometry types of egui are allowed.
const WINDOW_ONLY: [&str; 7] = [
    "crate::ui",
    "crate::app",
    "eframe",
    "egui::Ui",
    "egui::Context",
    "walkers",
    "rfd",
];

/// The longest a file may be, in lines, and the longest `app.rs` may be.
const MAX_FILE_LINES: usize = 700;
const MAX_APP_LINES: usize = 500;
/// The longest a function may be, in lines.
const MAX_FUNCTION_LINES: usize = 100;

/// The crate's `src/`. Cargo sets `CARGO_MANIFEST_DIR` when it runs a test too, so the built test
/// can also be pointed at another checkout (to show what it finds in an older layout).
fn src() -> PathBuf {
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    root.join("src")
}

/// Every `.rs` file under `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The room a file belongs to: `src/data/world/mod.rs` → `data`, `src/app.rs` → `app`.
fn room_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src()).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let room = first.trim_end_matches(".rs");
    (room != "lib" && room != "main").then(|| room.to_owned())
}

/// A file's code without its comments (line comments and doc comments), so prose that mentions
/// `crate::ui` does not count as a use of it. Test modules are left out too: a test may build
/// whatever it needs.
fn code_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        lines.push(code);
    }
    lines
}

/// Every `crate::X` a file names, as the room X, with the line it is on.
fn crate_paths(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (n, line) in code_lines(text).iter().enumerate() {
        let mut rest = *line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((name, n + 1));
            }
            rest = after;
        }
    }
    found
}

/// Which rooms each room names, with one place (file:line) for each edge.
fn room_graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in rust_files(&src()) {
        let Some(room) = room_of(&file) else { continue };
        let text = std::fs::read_to_string(&file).expect("a source file is UTF-8");
        let edges = graph.entry(room.clone()).or_default();
        for (target, line) in crate_paths(&text) {
            if target != room {
                edges
                    .entry(target)
                    .or_insert_with(|| format!("{}:{line}", file.display()));
            }
        }
    }
    graph
}

/// A circle of rooms, if there is one, as the rooms in order with the first repeated at the end.
fn find_circle(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(
        room: &str,
        graph: &BTreeMap<String, BTreeMap<String, String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|r| r == room) {
            let mut circle = path[start..].to_vec();
            circle.push(room.to_owned());
            return Some(circle);
        }
        if done.contains(room) {
            return None;
        }
        path.push(room.to_owned());
        for next in graph.get(room).into_iter().flat_map(BTreeMap::keys) {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(room.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|room| visit(room, graph, &mut Vec::new(), &mut done))
}

#[test]
fn modules_import_each_other_in_no_circle() {
    let graph = room_graph();
    if let Some(circle) = find_circle(&graph) {
        let steps: Vec<String> = circle
            .windows(2)
            .map(|w| format!("{} → {} ({})", w[0], w[1], graph[&w[0]][&w[1]]))
            .collect();
        panic!(
            "modules import each other in a circle:\n  {}",
            steps.join("\n  ")
        );
    }
}

#[test]
fn the_model_the_scene_exports_and_the_command_line_know_nothing_of_the_window() {
    let mut problems = Vec::new();
    for file in rust_files(&src()) {
        let Some(room) = room_of(&file) else { continue };
        if !WINDOWLESS.contains(&room.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("a source file is UTF-8");
        for (n, line) in code_lines(&text).iter().enumerate() {
            let words = line.replace(['{', '}', ','], " ");
            // `use egui::{Color32, Ui}` names Ui without the `egui::` before it.
            let names_ui = line.contains("use egui::")
                && words
                    .split_whitespace()
                    .any(|w| w == "Ui" || w == "Context" || w == "Ui;" || w == "Context;");
            for forbidden in WINDOW_ONLY {
                if line.contains(forbidden) {
                    problems.push(format!("{}:{}: names {forbidden}", file.display(), n + 1));
                }
            }
            if names_ui {
                problems.push(format!(
                    "{}:{}: names egui's Ui or Context",
                    file.display(),
                    n + 1
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "data/, geo/, scene/, export/, loader and cli/ must work without a window:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn files_and_functions_stay_short_enough_to_read() {
    let mut problems = Vec::new();
    for file in rust_files(&src()) {
        let text = std::fs::read_to_string(&file).expect("a source file is UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        let limit = if file.ends_with("src/app.rs") {
            MAX_APP_LINES
        } else {
            MAX_FILE_LINES
        };
        if lines.len() > limit {
            problems.push(format!(
                "{}: {} lines (at most {limit})",
                file.display(),
                lines.len()
            ));
        }
        for (name, start, length) in functions(&lines) {
            if length > MAX_FUNCTION_LINES {
                problems.push(format!(
                    "{}:{start}: fn {name} is {length} lines (at most {MAX_FUNCTION_LINES})",
                    file.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "too long:\n  {}",
        problems.join("\n  ")
    );
}

/// Each function's name, first line (1-based) and length in lines, found by matching braces
/// from its `fn` line. Good enough for rustfmt-formatted code, which this crate is.
fn functions(lines: &[&str]) -> Vec<(String, usize, usize)> {
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        let before = &trimmed[..at];
        let is_item = before
            .split_whitespace()
            .all(|w| matches!(w, "pub" | "const" | "async" | "unsafe") || w.starts_with("pub("));
        if !is_item || trimmed.starts_with("//") {
            continue;
        }
        let name: String = trimmed[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i64;
        let mut opened = false;
        for (j, body) in lines.iter().enumerate().skip(i) {
            let code = body.split("//").next().unwrap_or("");
            depth += code.matches('{').count() as i64 - code.matches('}').count() as i64;
            opened |= code.contains('{');
            if !opened && code.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                found.push((name.clone(), i + 1, j - i + 1));
                break;
            }
        }
    }
    found
}

#[test]
fn the_circle_finder_finds_a_circle_and_passes_a_tree() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry((*a).to_owned())
                .or_default()
                .insert((*b).to_owned(), String::new());
        }
        g
    };
    let circle = find_circle(&graph(&[
        ("app", "loader"),
        ("loader", "app"),
        ("app", "data"),
    ]));
    assert_eq!(
        circle,
        Some(vec![
            "app".to_owned(),
            "loader".to_owned(),
            "app".to_owned()
        ])
    );
    assert_eq!(
        find_circle(&graph(&[("app", "ui"), ("ui", "scene"), ("app", "scene")])),
        None
    );
}

/// The "may use" column of the rooms table in `docs/architecture.md`: each room with the rooms it
/// may name. "nothing of ours" is none; "everything above" is every room listed before it.
fn may_use_table() -> BTreeMap<String, BTreeSet<String>> {
    let doc = src().join("../docs/architecture.md");
    let text = std::fs::read_to_string(&doc).expect("docs/architecture.md is readable");
    let mut table = BTreeMap::new();
    let mut above: Vec<String> = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let (Some(room), Some(may)) = (cells.first(), cells.last()) else {
            continue;
        };
        let room = room
            .trim_matches('`')
            .trim_end_matches('/')
            .trim_end_matches(".rs");
        if room == "main" {
            // Not a room (see `room_of`): it only declares and dispatches.
            continue;
        }
        let allowed: BTreeSet<String> = if *may == "everything above" {
            above.iter().cloned().collect()
        } else {
            may.split(',')
                .map(|r| r.trim().trim_matches('`').to_owned())
                .filter(|r| !r.is_empty() && r != "nothing of ours")
                .collect()
        };
        table.insert(room.to_owned(), allowed);
        above.push(room.to_owned());
    }
    table
}

#[test]
fn each_room_uses_only_the_rooms_the_architecture_doc_says_it_may() {
    let table = may_use_table();
    assert!(
        table.len() >= 8,
        "the rooms table of docs/architecture.md was not found or lost rows: {table:?}"
    );
    let mut wrong = Vec::new();
    for (room, edges) in room_graph() {
        let Some(allowed) = table.get(&room) else {
            wrong.push(format!(
                "src/{room} is not in the rooms table of docs/architecture.md"
            ));
            continue;
        };
        for (target, place) in edges {
            // `crate::X` where X is not a room (a re-export in lib.rs, such as `crate::AtlasApp`)
            // is checked by the rows of the rooms it leads to, not here.
            if table.contains_key(&target) && !allowed.contains(&target) {
                wrong.push(format!(
                    "{place}: {room} uses {target}, which docs/architecture.md does not let it"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_may_use_table_is_read_from_the_doc_as_written() {
    let table = may_use_table();
    let rooms =
        |names: &[&str]| -> BTreeSet<String> { names.iter().map(|n| (*n).to_owned()).collect() };
    assert_eq!(table.get("data"), Some(&rooms(&[])));
    assert_eq!(table.get("geo"), Some(&rooms(&["data"])));
    assert_eq!(
        table.get("app"),
        Some(&rooms(&[
            "data", "geo", "scene", "export", "loader", "cli", "ui"
        ]))
    );
}
