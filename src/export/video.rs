//! Animations as H.264 MP4, for decks and messages that do not play GIFs well. The frames are
//! the GIF's, drawn the same way, and piped raw to an `ffmpeg` program found on `PATH`; the
//! atlas does not link a video encoder. Without ffmpeg, the caller writes the GIF instead.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::data::Dataset;
use crate::export::animation::{Frame, draw_frames};
use crate::export::{ExportError, Ticket};
use crate::geo::WorldData;

/// Frames per second of the video. A GIF frame's delay is in hundredths of a second; at 20 fps
/// each becomes a whole number of video frames for the window's 0.1 s camera steps.
const FPS: u32 = 20;

/// What to tell someone without ffmpeg.
pub const INSTALL_HINT: &str = "install ffmpeg to write MP4 (Debian/Ubuntu: `sudo apt install ffmpeg`; \
     macOS: `brew install ffmpeg`; Windows: `winget install ffmpeg`, or https://ffmpeg.org/download.html)";

/// The `ffmpeg` program on `PATH`, if there is one.
pub fn ffmpeg() -> Option<PathBuf> {
    let name = if cfg!(windows) {
        "ffmpeg.exe"
    } else {
        "ffmpeg"
    };
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The size a video is drawn at: H.264 in 4:2:0 needs even sides.
pub fn video_size(size: [u32; 2]) -> [u32; 2] {
    size.map(|side| (side & !1).max(2))
}

/// Draws `frames` at [`video_size`] and has `ffmpeg` encode them into an MP4 at `path`. The video
/// is written under a temporary name and renamed when complete, so a failure or a cancel leaves
/// any older file as it was. Returns the number of video frames.
pub fn write_mp4(
    data: &WorldData,
    dataset: &Dataset,
    frames: &[Frame],
    size: [u32; 2],
    path: &Path,
    ffmpeg: &Path,
    ticket: &Ticket,
) -> Result<usize, ExportError> {
    let [width, height] = video_size(size);
    let io_error = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    // Beside the target, so the rename at the end is atomic; removed when it drops unrenamed
    // (an error, a cancel, a panic). ffmpeg's `-y` writes over the empty file tempfile made.
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let part = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name()
                .map_or_else(Default::default, |n| n.to_string_lossy())
        ))
        .suffix(".part.mp4")
        .tempfile_in(directory)
        .map_err(io_error)?;
    let temporary = part.path().to_path_buf();
    let mut child = Command::new(ffmpeg)
        .args(["-y", "-hide_banner", "-loglevel", "error"])
        .args(["-f", "rawvideo", "-pix_fmt", "rgba"])
        .args(["-s", &format!("{width}x{height}")])
        .args(["-r", &FPS.to_string(), "-i", "-"])
        .args([
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
        ])
        // The index goes first, so a deck or a browser can start playing before the end loads.
        .args(["-movflags", "+faststart", "-f", "mp4"])
        .arg(&temporary)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ExportError::Render(format!("cannot start {}: {e}", ffmpeg.display())))?;
    // ffmpeg's complaints are read as they come, so a full pipe can never stall it while we
    // are still writing frames to it.
    let complaints = child.stderr.take().map(|mut stderr| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        })
    });
    let mut written = 0;
    let drawn = match child.stdin.take() {
        Some(mut stdin) => draw_frames(
            data,
            dataset,
            frames,
            [width, height],
            ticket,
            |_, rgba| Ok(rgba),
            |frame, rgba| {
                let repeats = repeats(frame.delay_cs);
                for _ in 0..repeats {
                    stdin.write_all(&rgba).map_err(io_error)?;
                }
                written += repeats;
                Ok(())
            },
        ),
        None => Err(ExportError::Render(
            "cannot write to ffmpeg's input".to_owned(),
        )),
    };
    // Closing its input (above, when `stdin` dropped) tells ffmpeg the video has ended.
    let status = child.wait();
    let complaint = complaints
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default();
    let status = match status {
        Ok(status) => status,
        Err(e) => return Err(io_error(e)),
    };
    // When ffmpeg stops early, writing to it fails with a broken pipe; its own message says why.
    let result = match (drawn, status.success()) {
        (Err(ExportError::Cancelled), _) => Err(ExportError::Cancelled),
        (_, false) => Err(ExportError::Render(format!(
            "ffmpeg failed ({status}): {}",
            complaint.trim()
        ))),
        (Err(error), true) => Err(error),
        (Ok(()), true) => part.persist(path).map(drop).map_err(|e| io_error(e.error)),
    };
    result.map(|()| written)
}

/// How many video frames show a frame held for `delay_cs` hundredths of a second: at least one.
fn repeats(delay_cs: u16) -> usize {
    ((f64::from(delay_cs) * f64::from(FPS) / 100.0).round() as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_frame_lasts_as_long_in_the_video_as_in_the_gif() {
        assert_eq!(repeats(250), 50);
        assert_eq!(repeats(10), 2);
        assert_eq!(repeats(1), 1);
    }

    #[test]
    fn a_video_is_drawn_with_even_sides() {
        assert_eq!(video_size([1281, 721]), [1280, 720]);
        assert_eq!(video_size([1, 1]), [2, 2]);
    }
}
