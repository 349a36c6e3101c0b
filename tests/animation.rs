//! Animated exports, as a presenter makes them: a date sweep of the Christchurch Call as a GIF.

mod common;

use common::atlas;

use microlateral_atlas::data::Role;
use microlateral_atlas::scene::palette;

/// Each frame of a GIF, with its delay (hundredths of a second) and RGBA pixels.
fn frames(path: &std::path::Path) -> Vec<(u16, Vec<u8>)> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let file = std::fs::File::open(path).expect("the GIF was written");
    let mut decoder = options.read_info(file).expect("a GIF");
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        frames.push((frame.delay, frame.buffer.to_vec()));
    }
    frames
}

/// The share of pixels within a small distance of `colour` (GIF palettes move colours a little).
fn share(rgba: &[u8], colour: egui::Color32) -> f64 {
    let near = |a: u8, b: u8| a.abs_diff(b) <= 14;
    let matching = rgba
        .chunks_exact(4)
        .filter(|p| near(p[0], colour.r()) && near(p[1], colour.g()) && near(p[2], colour.b()))
        .count();
    matching as f64 / (rgba.len() / 4) as f64
}

#[test]
fn a_monthly_sweep_of_the_christchurch_call_is_a_gif_with_a_held_frame_per_month_that_grows() {
    let temp = tempfile::Builder::new()
        .prefix("atlas-animation-")
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let dir_text = dir.to_str().expect("a UTF-8 temporary folder");
    let output = atlas(&[
        "export",
        "--animate",
        "--initiative",
        "christchurch-call",
        "--from",
        "2019-05",
        "--to",
        "2021-06",
        "--every",
        "month",
        "--hold",
        "1.5",
        "--width",
        "800",
        "--height",
        "450",
        "--out",
        dir_text,
    ]);
    assert!(output.status.success(), "{output:?}");
    let path = dir.join("christchurch-call-2019-05-2021-06-monthly.gif");
    let frames = frames(&path);

    // May 2019 to June 2021: 26 months, each held for 1.5 s; camera moves between are quicker.
    let held: Vec<&(u16, Vec<u8>)> = frames.iter().filter(|(delay, _)| *delay == 150).collect();
    assert_eq!(held.len(), 26);
    assert!(
        frames
            .iter()
            .all(|(delay, _)| *delay == 150 || *delay == 10)
    );
    let participant = palette::role_fill(Role::Participant);
    let first = share(&held[0].1, participant);
    let last = share(&held[25].1, participant);
    assert!(first < 0.001, "no member before the launch: {first}");
    assert!(last > 0.02, "the Call has grown by June 2021: {last}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("26 held"), "{stdout}");
}

/// Runs the built command with `PATH` set to `path`.
fn atlas_with_path(args: &[&str], path: &std::ffi::OsStr) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_microlateral-atlas"))
        .args(args)
        .env("PATH", path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// A short yearly sweep, as MP4, into a fresh folder named after `name`.
fn mp4_sweep(name: &str, path: &std::ffi::OsStr) -> (std::process::Output, tempfile::TempDir) {
    let temp = tempfile::Builder::new()
        .prefix(&format!("atlas-video-{name}-"))
        .tempdir()
        .expect("a temporary folder");
    let dir = temp.path().to_path_buf();
    let dir_text = dir.to_str().expect("a UTF-8 temporary folder").to_owned();
    let output = atlas_with_path(
        &[
            "export",
            "--animate",
            "--format",
            "mp4",
            "--initiative",
            "christchurch-call",
            "--from",
            "2019",
            "--to",
            "2021",
            "--every",
            "year",
            "--hold",
            "0.5",
            "--width",
            "641",
            "--height",
            "361",
            "--out",
            &dir_text,
        ],
        path,
    );
    (output, temp)
}

#[test]
fn asking_for_mp4_without_ffmpeg_writes_the_gif_and_says_how_to_install_ffmpeg() {
    let empty_dir = tempfile::Builder::new()
        .prefix("atlas-no-ffmpeg-")
        .tempdir()
        .expect("a temporary folder");
    let empty = empty_dir.path().to_path_buf();
    let (output, temp) = mp4_sweep("fallback", empty.as_os_str());
    let dir = temp.path();
    let gif = dir.join("christchurch-call-2019-2021-yearly.gif");
    let written = gif.exists();
    let mp4_written = gif.with_extension("mp4").exists();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("install ffmpeg"), "{stderr}");
    assert!(written && !mp4_written);
}

#[test]
fn with_ffmpeg_on_path_an_mp4_holds_each_year_for_its_hold_time() {
    let Some(path) = std::env::var_os("PATH") else {
        panic!("no PATH");
    };
    if microlateral_atlas::export::video::ffmpeg().is_none() {
        // CI installs ffmpeg (.ci/run), so this runs there; a developer without it is told.
        eprintln!("skipped: no ffmpeg on PATH");
        return;
    }
    let (output, temp) = mp4_sweep("mp4", &path);
    let dir = temp.path();
    let video = dir.join("christchurch-call-2019-2021-yearly.mp4");
    let probe = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-select_streams", "v:0"])
        .args([
            "-show_entries",
            "stream=codec_name,width,height,nb_read_frames",
        ])
        .args(["-of", "csv=p=0"])
        .arg(&video)
        .output()
        .expect("ffprobe comes with ffmpeg");
    assert!(output.status.success(), "{output:?}");
    let probed = String::from_utf8_lossy(&probe.stdout);
    // Three years held 0.5 s each at 20 fps, and two camera moves of seven 0.1 s frames when
    // the framing changes: at least 30 frames, at the even size H.264 needs.
    let fields: Vec<&str> = probed.trim().split(',').collect();
    assert_eq!(fields[..3], ["h264", "640", "360"], "{probed}");
    let frames: usize = fields[3].parse().expect("a frame count");
    assert!((30..=30 + 2 * 7 * 2).contains(&frames), "{frames} frames");
}
