//! Loading a user's files off the UI thread, and watching them for changes.
//!
//! A load runs on its own thread and sends back a finished [`WorldData`] or [`Dataset`], or every
//! problem it found. The app swaps the new data in only when a load succeeds, so a broken file
//! (or a broken save of a file being edited) never wipes what is on screen.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::data::{
    CountryCodes, Dataset, DatasetError, Diagnostic, Loaded, Progress, ProgressSink, Severity,
    WorldOptions,
};
use crate::geo::WorldData;

/// What kind of file a path holds, judged from its name and first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A GeoJSON FeatureCollection or a TopoJSON topology of countries.
    World,
    /// An initiatives file.
    Initiatives,
}

impl FileKind {
    /// `.geojson`, `.topojson`, `.shp` and `.zip` (a zipped Shapefile) files, and JSON whose start says it is GeoJSON or TopoJSON,
    /// are worlds; the rest are initiatives (whose loader then says precisely what is wrong if
    /// they are not). Only a regular file's start is read: the window asks this on its own thread,
    /// and opening a FIFO or a device would block it (their loader says what is wrong with them,
    /// on the load's thread).
    pub fn of(path: &Path) -> Self {
        let world_name = path.extension().is_some_and(|e| {
            ["geojson", "topojson", "shp", "zip"]
                .iter()
                .any(|world| e.eq_ignore_ascii_case(world))
        });
        if world_name {
            return Self::World;
        }
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return Self::Initiatives;
        }
        let mut head = [0u8; 4096];
        let read = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .unwrap_or(0);
        let head = String::from_utf8_lossy(&head[..read]);
        let world_type = head.contains("\"FeatureCollection\"") || head.contains("\"Topology\"");
        if world_type && !head.contains("microlateral-atlas/initiatives") {
            Self::World
        } else {
            Self::Initiatives
        }
    }
}

/// The result of one load.
#[derive(Clone)]
pub enum Outcome {
    /// A world map that the initiatives on screen fit (checked against its codes); they stay
    /// as they are, unsaved edits and an unsaved import included.
    World {
        path: PathBuf,
        /// Shared, as the window holds its world (a background export reads it without a copy).
        data: Arc<WorldData>,
        /// What was repaired or left out of the map, and what the checks of the initiatives on
        /// screen warn of against it.
        warnings: Vec<String>,
    },
    Initiatives {
        path: PathBuf,
        dataset: Dataset,
        warnings: Vec<Diagnostic>,
    },
    Failed {
        path: PathBuf,
        /// One line per problem, each naming the file and, where it can, line and column.
        problems: Vec<String>,
    },
}

impl Outcome {
    /// The file this load read.
    pub fn path(&self) -> &Path {
        match self {
            Self::World { path, .. }
            | Self::Initiatives { path, .. }
            | Self::Failed { path, .. } => path,
        }
    }
}

/// The country codes of a world, owned, so a loader thread can check a dataset against them.
#[derive(Clone, Debug, Default)]
pub struct CodeList(pub HashSet<String>);

impl CountryCodes for CodeList {
    fn has_code(&self, code: &str) -> bool {
        self.0.contains(code)
    }

    fn all_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self.0.iter().cloned().collect();
        codes.sort();
        codes
    }
}

/// Where the current initiatives came from: what *Save* writes to, what the recovery file
/// names, and what the window title says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DatasetSource {
    /// The initiatives that ship with the app.
    #[default]
    Bundled,
    /// A file the user opened.
    File(PathBuf),
    /// None: the world given at start lacks codes the bundled initiatives use, so the map opened
    /// without them.
    Empty,
}

/// What a load needs besides its file.
#[derive(Clone, Debug)]
pub enum Load {
    /// A world map: how to read its codes and names, and the initiatives on screen, to check
    /// against its codes (the load keeps them, so it needs a copy to check on its thread).
    World {
        options: WorldOptions,
        shown: Dataset,
    },
    /// An initiatives file: the current world's codes, to check it against.
    Initiatives { codes: CodeList },
}

/// Runs loads on background threads and hands back their results.
pub struct Loader {
    sender: Sender<Outcome>,
    receiver: Receiver<Outcome>,
    /// The loads running, oldest first, each with how far it has got.
    running: Vec<(PathBuf, Progress)>,
}

impl Default for Loader {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            running: Vec::new(),
        }
    }
}

impl Loader {
    /// Starts loading `path` as `load` says. `wake` is called when the result is ready, to
    /// repaint the UI.
    pub fn start(&mut self, path: PathBuf, load: Load, wake: impl Fn() + Send + 'static) {
        let progress = Progress::default();
        self.running.push((path.clone(), progress.clone()));
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let result = run(path, load, &progress);
            // The app may have closed meanwhile; then nobody needs the result.
            let _ = sender.send(result);
            wake();
        });
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        !self.running.is_empty()
    }

    /// The latest load still running and how far it has got.
    pub fn progress(&self) -> Option<(&Path, &Progress)> {
        self.running
            .last()
            .map(|(path, progress)| (path.as_path(), progress))
    }

    /// A finished load, if any.
    pub fn poll(&mut self) -> Option<Outcome> {
        let result = self.receiver.try_recv().ok()?;
        // Loads of the same file finish in any order, but each ends one of them.
        if let Some(i) = self.running.iter().position(|(p, _)| p == result.path()) {
            self.running.remove(i);
        }
        Some(result)
    }
}

/// Reads a world map for the window: the one way one is read, for the files given at start
/// (`cli::config`) and for those opened, reloaded or watched later. A refusal comes as one line
/// per problem, each naming the file.
pub fn read_world(
    path: &Path,
    options: &WorldOptions,
    progress: &dyn ProgressSink,
) -> Result<WorldData, Vec<String>> {
    WorldData::load(Some(path), options, progress)
        .map_err(|err| err.to_string().lines().map(str::to_owned).collect())
}

/// Reads an initiatives file for the window and checks it against `codes`: the one way one is
/// read, at start and later, as [`read_world`] is for maps. A refusal comes as one line per
/// problem, each with its place.
pub fn read_initiatives(path: &Path, codes: &impl CountryCodes) -> Result<Loaded, Vec<String>> {
    Dataset::load(path, codes).map_err(|err| match err {
        DatasetError::Invalid { diagnostics, .. } => {
            diagnostics.iter().map(ToString::to_string).collect()
        }
        other => other.to_string().lines().map(str::to_owned).collect(),
    })
}

fn run(path: PathBuf, load: Load, progress: &Progress) -> Outcome {
    let read = match load {
        Load::World { options, shown } => {
            read_world(&path, &options, progress).map(|data| world_outcome(&path, data, &shown))
        }
        Load::Initiatives { codes } => {
            read_initiatives(&path, &codes).map(|loaded| Outcome::Initiatives {
                path: path.clone(),
                dataset: loaded.dataset,
                warnings: loaded.warnings,
            })
        }
    };
    read.unwrap_or_else(|problems| Outcome::Failed { path, problems })
}

/// Watches loaded files and says when one changed on disk.
pub struct FileWatch {
    watcher: Option<notify::RecommendedWatcher>,
    changes: Receiver<PathBuf>,
    sender: Sender<PathBuf>,
    watched: Vec<PathBuf>,
}

impl Default for FileWatch {
    fn default() -> Self {
        let (sender, changes) = channel();
        Self {
            watcher: None,
            changes,
            sender,
            watched: Vec::new(),
        }
    }
}

impl FileWatch {
    /// Starts watching `path` (its folder, since editors often save by replacing the file).
    /// Returns an error message if the system refuses; the app then works without reloads.
    pub fn watch(
        &mut self,
        path: &Path,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<(), String> {
        use notify::Watcher as _;
        let path = path
            .canonicalize()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if self.watched.contains(&path) {
            return Ok(());
        }
        if self.watcher.is_none() {
            let sender = self.sender.clone();
            let watcher =
                notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                    if let Ok(event) = event
                        && (event.kind.is_modify() || event.kind.is_create())
                    {
                        for p in event.paths {
                            let _ = sender.send(p);
                        }
                        wake();
                    }
                })
                .map_err(|e| format!("cannot watch files: {e}"))?;
            self.watcher = Some(watcher);
        }
        let folder = path.parent().unwrap_or(&path).to_owned();
        if let Some(watcher) = &mut self.watcher {
            watcher
                .watch(&folder, notify::RecursiveMode::NonRecursive)
                .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
        }
        self.watched.push(path);
        Ok(())
    }

    /// The watched files that changed since the last call, each once.
    pub fn changed(&mut self) -> Vec<PathBuf> {
        let mut changed: Vec<PathBuf> = Vec::new();
        while let Ok(p) = self.changes.try_recv() {
            let p = p.canonicalize().unwrap_or(p);
            if self.watched.contains(&p) && !changed.contains(&p) {
                changed.push(p);
            }
        }
        changed
    }
}

/// A world map loaded: opened if the initiatives on screen fit it (their errors against its
/// codes refuse it, and nothing on screen changes), with its own warnings and theirs.
fn world_outcome(path: &Path, data: WorldData, shown: &Dataset) -> Outcome {
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = shown
        .check_against(&data.world)
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    let line = |d: &Diagnostic| match d.path.as_str() {
        "" => format!("the initiatives shown: {}", d.brief()),
        path => format!("the initiatives shown: {path}: {}", d.brief()),
    };
    if !errors.is_empty() {
        return Outcome::Failed {
            problems: std::iter::once(format!(
                "{}: the initiatives shown now do not fit this map, so it was not opened:",
                path.display()
            ))
            .chain(errors.iter().map(line))
            .collect(),
            path: path.to_owned(),
        };
    }
    Outcome::World {
        warnings: data
            .world
            .warnings()
            .iter()
            .cloned()
            .chain(warnings.iter().map(line))
            .collect(),
        path: path.to_owned(),
        data: Arc::new(data),
    }
}
