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

/// The fields of `AtlasApp` that are its state: what the scene reads (the world and the
/// initiatives, the selection, the date, the filters, the tour and the presentation) and edit
/// mode with its history. Left out on purpose: the camera and the panels' own widget state
/// (`map`, `timeline`, `editor`…), the file machinery (`files`, `recovery`), and caches worked
/// out from the state once a frame (`involvement`).
const STATE: [&str; 12] = [
    "data",
    "dataset",
    "as_of",
    "caption",
    "selected",
    "initiative",
    "show_former",
    "compare",
    "filters",
    "tour_choice",
    "presenter",
    "authoring",
];

/// Methods of the standard library that change what they are called on.
const STD_MUTATORS: [&str; 24] = [
    "push",
    "pop",
    "insert",
    "remove",
    "retain",
    "clear",
    "take",
    "replace",
    "get_mut",
    "as_mut",
    "iter_mut",
    "extend",
    "truncate",
    "drain",
    "append",
    "sort",
    "sort_by",
    "swap",
    "entry",
    "values_mut",
    "get_or_insert",
    "get_or_insert_with",
    "last_mut",
    "first_mut",
];

/// Every method of ours that takes `&mut self`, by name (the signature may be wrapped over
/// several lines by rustfmt).
fn mutating_methods(files: &[(String, String)]) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = STD_MUTATORS.iter().map(|m| (*m).to_owned()).collect();
    for (_, text) in files {
        let code = code_lines(text);
        for (name, start, _) in functions(&code) {
            let signature: String = code[start - 1..]
                .iter()
                .take(6)
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            if takes_mut_self(&signature) {
                names.insert(name);
            }
        }
    }
    names
}

/// Whether a function's signature (its first lines, joined) takes `&mut self`: read from its
/// parameter list, after `fn name`, so `pub(super)` is not taken for the list's end.
fn takes_mut_self(signature: &str) -> bool {
    let after_fn = signature.split_once("fn ").map_or("", |(_, rest)| rest);
    let params = after_fn.split_once('(').map_or("", |(_, rest)| rest);
    params.split(')').next().unwrap_or("").contains("&mut self")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `line` changes one of [`STATE`]: assigns to it or into it, borrows it mutably, or
/// calls a method on it (or on a field of it) that takes `&mut self`. Returns the field.
fn state_written(line: &str, mutating: &BTreeSet<String>) -> Option<&'static str> {
    for field in STATE {
        let needle = format!("self.{field}");
        let mut from = 0;
        while let Some(found) = line[from..].find(&needle) {
            let at = from + found;
            from = at + needle.len();
            let rest = &line[from..];
            if rest.starts_with(is_ident) || line[..at].ends_with(|c: char| is_ident(c) || c == '.')
            {
                continue;
            }
            if line[..at].trim_end().ends_with("&mut") {
                return Some(field);
            }
            // Walk the path after the field: `.name`, `[index]`, a call that ends it.
            let mut rest = rest;
            loop {
                if let Some(after) = rest.strip_prefix('.') {
                    let name: String = after.chars().take_while(|c| is_ident(*c)).collect();
                    let after = &after[name.len()..];
                    if after.starts_with('(') || after.starts_with("::<") {
                        if mutating.contains(&name) {
                            return Some(field);
                        }
                        break;
                    }
                    rest = after;
                } else if rest.starts_with('[') {
                    match rest.find(']') {
                        Some(end) => rest = &rest[end + 1..],
                        None => break,
                    }
                } else {
                    let op = rest.trim_start();
                    let assigns = ["=", "+=", "-=", "*=", "/=", "|=", "&="]
                        .iter()
                        .any(|o| op.starts_with(o) && !op.starts_with("=="));
                    if assigns && !op.starts_with("=>") {
                        return Some(field);
                    }
                    break;
                }
            }
        }
    }
    None
}

/// The methods of `AtlasApp` (by name, across `app.rs` and `app/`) with what each calls on
/// `self`, where it is, whether it takes `&mut self`, and the first line where it changes the
/// state, if it does.
struct AppMethod {
    place: String,
    calls: BTreeSet<String>,
    takes_mut_self: bool,
    /// `pub`: main, a test or eframe may call it directly.
    public: bool,
    writes: Option<String>,
}

fn app_methods(files: &[(String, String)]) -> BTreeMap<String, Vec<AppMethod>> {
    let mutating = mutating_methods(files);
    let app_files = files
        .iter()
        .filter(|(path, _)| path.ends_with("src/app.rs") || path.contains("src/app/"));
    let mut methods: BTreeMap<String, Vec<AppMethod>> = BTreeMap::new();
    for (path, text) in app_files {
        let code = code_lines(text);
        for (name, start, length) in functions(&code) {
            let body = &code[start - 1..start - 1 + length];
            let signature = body.iter().take(6).copied().collect::<Vec<_>>().join(" ");
            let takes_mut_self = takes_mut_self(&signature);
            let public = body[0].trim_start().starts_with("pub fn");
            let mut calls = BTreeSet::new();
            let mut writes = None;
            for (n, line) in body.iter().enumerate().skip(1) {
                for prefix in ["self.", "Self::", "AtlasApp::"] {
                    let mut rest = *line;
                    while let Some(at) = rest.find(prefix) {
                        let after = &rest[at + prefix.len()..];
                        let callee: String = after.chars().take_while(|c| is_ident(*c)).collect();
                        // A call of a method of the same name is eframe's `App::ui` calling
                        // `AtlasApp::ui`: one way in, not a path between two.
                        if after[callee.len()..].starts_with('(') && callee != name {
                            calls.insert(callee);
                        }
                        rest = after;
                    }
                }
                if writes.is_none()
                    && let Some(field) = state_written(line, &mutating)
                {
                    writes = Some(format!("{path}:{}: self.{field}", start + n));
                }
            }
            methods.entry(name).or_default().push(AppMethod {
                place: format!("{path}:{start}"),
                calls,
                takes_mut_self,
                public,
                writes,
            });
        }
    }
    methods
}

/// Every change of the state that happens outside `apply`: in a method that a frame (or any
/// other way in) reaches without going through `apply`, or in one that `apply` never reaches.
/// A method that takes `self` by value or makes a new app builds it before its first frame, so
/// it may set what it likes.
fn state_changes_outside_apply(files: &[(String, String)]) -> Vec<String> {
    let methods = app_methods(files);
    let callees = |name: &str| -> BTreeSet<String> {
        methods
            .get(name)
            .into_iter()
            .flatten()
            .flat_map(|m| m.calls.iter().cloned())
            .filter(|c| methods.contains_key(c))
            .collect()
    };
    // From each way in (a public method, or one nothing of ours calls), the path by which each
    // method is reached, never passing `apply`.
    let mut reached: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let called: BTreeSet<String> = methods.keys().flat_map(|n| callees(n)).collect();
    let roots = methods.keys().filter(|n| {
        let versions = &methods[*n];
        let builds = versions.iter().all(|m| !m.takes_mut_self);
        let way_in = versions.iter().any(|m| m.public) || !called.contains(*n);
        *n != "apply" && !builds && way_in
    });
    let mut queue: Vec<Vec<String>> = roots.map(|r| vec![r.clone()]).collect();
    while let Some(path) = queue.pop() {
        let last = path.last().cloned().unwrap_or_default();
        if reached.contains_key(&last) {
            continue;
        }
        for next in callees(&last) {
            if next != "apply" && !reached.contains_key(&next) {
                let mut longer = path.clone();
                longer.push(next);
                queue.push(longer);
            }
        }
        reached.insert(last, path);
    }
    let mut from_apply = BTreeSet::from(["apply".to_owned()]);
    let mut queue = vec!["apply".to_owned()];
    while let Some(name) = queue.pop() {
        for next in callees(&name) {
            if from_apply.insert(next.clone()) {
                queue.push(next);
            }
        }
    }
    let mut problems = Vec::new();
    for (name, versions) in &methods {
        for m in versions {
            let (Some(write), true) = (&m.writes, m.takes_mut_self) else {
                continue;
            };
            if let Some(path) = reached.get(name) {
                problems.push(format!(
                    "{write}: changed in fn {name}, reached without apply by {}",
                    path.join(" → ")
                ));
            } else if !from_apply.contains(name) {
                problems.push(format!(
                    "{write}: changed in fn {name} ({}), which apply never calls",
                    m.place
                ));
            }
        }
    }
    problems
}

fn source_files() -> Vec<(String, String)> {
    rust_files(&src())
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("a source file is UTF-8");
            (f.display().to_string(), text)
        })
        .collect()
}

#[test]
fn nothing_outside_apply_changes_the_state() {
    let problems = state_changes_outside_apply(&source_files());
    assert!(
        problems.is_empty(),
        "the state changes outside AtlasApp::apply (make it a Command):\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_state_checker_finds_a_change_outside_apply_and_passes_one_inside() {
    let app = |body: &str| {
        vec![(
            "src/app.rs".to_owned(),
            format!(
                "impl AtlasApp {{\n    pub fn apply(&mut self, command: Command) {{\n        \
                 self.select(command);\n    }}\n\n    fn select(&mut self, c: Command) {{\n        \
                 self.initiative = Some(1);\n    }}\n\n    pub fn ui(&mut self, ui: &mut Ui) {{\n        \
                 {body}\n    }}\n}}\n"
            ),
        )]
    };
    assert_eq!(
        state_changes_outside_apply(&app("self.apply(Command::ZoomIn);")),
        Vec::<String>::new()
    );
    for change in [
        "self.as_of = None;",
        "self.dataset.initiatives[0].name = x;",
        "if let Some(p) = &mut self.presenter { p.go(); }",
        "self.authoring.history.clear();",
        "self.select(Command::ZoomIn);",
    ] {
        let problems = state_changes_outside_apply(&app(change));
        assert_eq!(problems.len(), 1, "{change}: {problems:?}");
    }
    let reads = "let n = self.dataset.initiatives.len(); if self.as_of == None {}";
    assert_eq!(
        state_changes_outside_apply(&app(reads)),
        Vec::<String>::new()
    );
}
