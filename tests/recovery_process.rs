//! A real atlas process, in a real X window, is killed with SIGKILL ten seconds after an edit.
//! The next start offers the edit back, and restoring it gives the model the killed process had.
//!
//! Needs Xvfb and xdotool (`scripts/test.sh` installs them). It fails, rather than skips, when
//! they are missing: a recovery that is never tried is not known to work.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use egui::vec2;
use egui_kittest::kittest::Queryable;
use microlateral_atlas::data::edit::blank_initiative;
use microlateral_atlas::data::recovery::RECOVERY_FILE;
use microlateral_atlas::data::{Dataset, FuzzyDate};
use microlateral_atlas::{AtlasApp, WorldData};

/// Kills what it holds when dropped, so a failing test leaves no X server or app behind.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The X server, stopped with SIGTERM when dropped: killed, it would leave its lock file and
/// socket in /tmp.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(pid) = i32::try_from(self.0.id()) {
            // SAFETY: kill(2) only sends a signal, to the child this test started.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let _ = self.0.wait();
    }
}

/// An X display no other server holds.
fn free_display() -> u32 {
    (90..140)
        .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
        .expect("a free X display number")
}

fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Process::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .expect("xdotool runs (apt-get install xdotool; scripts/test.sh installs it)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Waits for a window whose title matches `pattern`; returns its id.
fn window_titled(display: &str, pattern: &str, app: &mut Child, log: &Path) -> String {
    let within = Duration::from_secs(120);
    let start = Instant::now();
    loop {
        let found = xdotool(display, &["search", "--name", pattern]);
        if let Some(id) = found.lines().next() {
            return id.to_owned();
        }
        if let Ok(Some(status)) = app.try_wait() {
            let said = std::fs::read_to_string(log).unwrap_or_default();
            panic!("the atlas exited ({status}) before a window titled {pattern:?}:\n{said}");
        }
        if start.elapsed() > within {
            let said = std::fs::read_to_string(log).unwrap_or_default();
            let titles = xdotool(display, &["search", "--name", "Atlas"]);
            panic!("no window titled {pattern:?} (windows: {titles:?}); the atlas said:\n{said}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn data_file(dir: &Path) -> PathBuf {
    let path = dir.join("initiatives.json");
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/initiatives.json");
    std::fs::copy(bundled, &path).expect("the bundled initiatives copy");
    path
}

#[test]
fn an_edit_in_a_process_killed_ten_seconds_later_is_offered_back_and_restores_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_file(dir.path());
    let number = free_display();
    let display = format!(":{number}");
    let xvfb = Process::new("Xvfb")
        .args([
            display.as_str(),
            "-screen",
            "0",
            "1600x900x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb runs (apt-get install xvfb; scripts/test.sh installs it)");
    let _xvfb = Server(xvfb);
    let start = Instant::now();
    while !Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "Xvfb did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let log = dir.path().join("atlas.log");
    let app = Process::new(env!("CARGO_BIN_EXE_microlateral-atlas"))
        .arg("--data")
        .arg(&data)
        .env("DISPLAY", &display)
        .env("XDG_DATA_HOME", dir.path())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("the atlas starts");
    let mut app = Killed(app);
    // The title names the file once the first frame has run: keys sent before then are lost.
    // (xdotool's pattern is a byte regex under the C locale: no em dash in it.)
    let window = window_titled(
        &display,
        "Microlateral Atlas .* initiatives\\.json$",
        &mut app.0,
        &log,
    );
    // The first frames under software rendering come slowly, and keys sent while the window
    // is still being mapped are dropped: let it settle first.
    std::thread::sleep(Duration::from_secs(3));
    // With no window manager the keys go to the focused window only.
    xdotool(&display, &["windowfocus", "--sync", &window]);
    xdotool(&display, &["mousemove", "--window", &window, "700", "300"]);
    xdotool(
        &display,
        &["key", "--delay", "300", "ctrl+e", "ctrl+n", "ctrl+a"],
    );
    xdotool(&display, &["type", "--delay", "60", "Killed mid-edit"]);
    window_titled(&display, "unsaved edits", &mut app.0, &log);
    // Let the last letters reach the model before the clock starts.
    std::thread::sleep(Duration::from_secs(1));
    std::thread::sleep(Duration::from_secs(10));
    // SIGKILL: no exit handler runs, nothing is saved on the way out.
    app.0.kill().expect("the atlas is killed");
    app.0.wait().expect("the atlas is gone");

    let folder = dir.path().join("microlateral-atlas");
    assert!(
        folder.join(RECOVERY_FILE).exists(),
        "no recovery file after the kill"
    );

    // The next start, on the same file, in a headless window.
    let world = WorldData::bundled().expect("the bundled world loads");
    let text = std::fs::read(&data).unwrap();
    let on_disk = Dataset::from_json("initiatives.json", &text, &world.world)
        .expect("the data file loads")
        .dataset;
    let mut expected = on_disk.clone();
    let year = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400) as i64;
    let year = microlateral_atlas::data::date::ymd_from_day(year).0;
    let start = FuzzyDate::parse(&format!("{year:04}")).unwrap();
    let mut new = blank_initiative(&expected, start);
    new.name = "Killed mid-edit".to_owned();
    expected.initiatives.push(new);

    let app = AtlasApp::new(world, on_disk).with_recovery(folder);
    let mut harness = common::app_harness(app, vec2(1500.0, 1000.0), 400, None);
    harness.get_by_label("Restore unsaved edits?");
    harness.get_by_label_contains(&data.display().to_string());
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(harness.state().observe().dataset, &expected);
    assert!(harness.state().has_unsaved_edits());
}
