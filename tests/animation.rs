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
    let dir = std::env::temp_dir().join(format!("atlas-animation-{}", std::process::id()));
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
    std::fs::remove_dir_all(&dir).expect("clean up");

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
