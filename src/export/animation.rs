//! Animated exports: a tour, or a sweep of dates, as a GIF a presenter can put in a deck or a
//! message. Each key picture is held for a while with its caption; between two, the camera moves
//! as it does in the window (the same duration and easing), and a line across the bottom shows
//! how far the animation has got.

use std::path::Path;

use crate::data::Dataset;
use crate::export::picture::{Rasteriser, legend_px, svg};
use crate::export::{ExportError, Ticket, write_atomically_with};
use crate::geo::WorldData;
use crate::scene::Picture;
use crate::scene::framing::Corner;

/// How long the camera takes from one key picture to the next: the window's flight time.
const MOVE_SECS: f64 = 0.8;
/// Frames drawn during a camera move.
const MOVE_FRAMES: usize = 8;
/// How hard the GIF encoder works to choose each frame's palette: 1 is best and slowest, 30 the
/// fastest. The map has few colours, so a fast setting keeps them.
const QUANTISE_SPEED: i32 = 10;

/// Where the camera is: the map's centre and zoom.
type Camera = ([f64; 2], f64);

/// A key picture's framing: its camera, and the corner its legend takes.
type Framed = (Camera, Corner);

/// One frame of the animation: what it shows, and for how long.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub picture: Picture,
    /// How far the whole animation has got, 0 to 1, for the line across the bottom.
    pub progress: f64,
    /// How long the frame stays, in hundredths of a second (GIF's unit).
    pub delay_cs: u16,
    /// Whether this is a key picture held for its reader, not a frame of a camera move.
    pub held: bool,
}

/// The frames of an animation of `keys`: each held for `hold_secs`, with eased camera moves
/// between them when the camera has somewhere to go.
pub fn frames(
    data: &WorldData,
    dataset: &Dataset,
    keys: &[Picture],
    size: [u32; 2],
    hold_secs: f64,
) -> Vec<Frame> {
    let framed: Vec<Framed> = keys
        .iter()
        .map(|picture| camera_of(data, dataset, picture, size))
        .collect();
    let last = keys.len().saturating_sub(1).max(1) as f64;
    let hold_cs = (hold_secs * 100.0).round().clamp(2.0, 65_535.0) as u16;
    let move_cs = ((MOVE_SECS * 100.0) / MOVE_FRAMES as f64).round() as u16;
    let cameras: Vec<Camera> = framed.iter().map(|f| f.0).collect();
    let mut frames = Vec::new();
    for (k, picture) in keys.iter().enumerate() {
        let legend = Some(framed[k].1);
        if k > 0 && cameras[k] != cameras[k - 1] {
            for f in 1..MOVE_FRAMES {
                let t = f as f64 / MOVE_FRAMES as f64;
                let camera = eased(cameras[k - 1], cameras[k], t);
                frames.push(Frame {
                    picture: Picture {
                        view: Some(camera),
                        legend,
                        ..picture.clone()
                    },
                    progress: (k as f64 - 1.0 + t) / last,
                    delay_cs: move_cs,
                    held: false,
                });
            }
        }
        frames.push(Frame {
            picture: Picture {
                view: Some(cameras[k]),
                legend,
                ..picture.clone()
            },
            progress: k as f64 / last,
            delay_cs: hold_cs,
            held: true,
        });
    }
    frames
}

/// Where a key picture's camera stands and its legend goes: its own framing.
fn camera_of(data: &WorldData, dataset: &Dataset, picture: &Picture, size: [u32; 2]) -> Framed {
    let look = picture.look(&data.world, dataset);
    let (_, framing) = picture.frame(&data.world, dataset, size, legend_px(&look.legend));
    ((framing.centre, framing.zoom), framing.legend)
}

/// The camera a share `t` of the way from `a` to `b`, eased in and out as the window's flights
/// are, so moves start and land gently.
fn eased(a: Camera, b: Camera, t: f64) -> Camera {
    let e = t * t * (3.0 - 2.0 * t);
    let lerp = |x: f64, y: f64| x + (y - x) * e;
    ([lerp(a.0[0], b.0[0]), lerp(a.0[1], b.0[1])], lerp(a.1, b.1))
}

/// Draws `frames` and writes them as a looping GIF to `path`, atomically. Returns how many frames
/// were written. Stops, writing nothing, when `ticket` is cancelled.
pub fn write_gif(
    data: &WorldData,
    dataset: &Dataset,
    frames: &[Frame],
    size: [u32; 2],
    path: &Path,
    ticket: &Ticket,
) -> Result<usize, ExportError> {
    let (width, height) = (
        size[0].min(u32::from(u16::MAX)) as u16,
        size[1].min(u32::from(u16::MAX)) as u16,
    );
    let mut encoded = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut encoded, width, height, &[])
            .map_err(|e| ExportError::Render(e.to_string()))?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(|e| ExportError::Render(e.to_string()))?;
        draw_frames(
            data,
            dataset,
            frames,
            size,
            ticket,
            |frame, mut rgba| {
                let mut gif_frame =
                    gif::Frame::from_rgba_speed(width, height, &mut rgba, QUANTISE_SPEED);
                gif_frame.delay = frame.delay_cs;
                Ok(gif_frame)
            },
            |_, gif_frame| {
                encoder
                    .write_frame(&gif_frame)
                    .map_err(|e| ExportError::Render(e.to_string()))
            },
        )?;
    }
    write_atomically_with(path, |file| std::io::Write::write_all(file, &encoded))?;
    Ok(frames.len())
}

/// Draws each frame, with its progress line, turns its pixels (RGBA, row by row) into what the
/// encoder takes with `prepare`, and hands the results to `emit` in frame order.
///
/// Drawing and `prepare` (a GIF's palette) are most of the time and do not depend on other
/// frames, so they run on every core, a batch of a few frames per core at a time: the batch
/// bounds the memory (a 720p frame is 3.7 MB). `emit` (the encoder) runs in order on this
/// thread. The map is opaque, so the rasteriser's premultiplied pixels are straight RGBA too.
pub(crate) fn draw_frames<T: Send>(
    data: &WorldData,
    dataset: &Dataset,
    frames: &[Frame],
    size: [u32; 2],
    ticket: &Ticket,
    prepare: impl Fn(&Frame, Vec<u8>) -> Result<T, ExportError> + Sync,
    mut emit: impl FnMut(&Frame, T) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    const FRAMES_PER_CORE: usize = 4;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    ticket.start(frames.len());
    let draw = |part: &[Frame]| -> Result<Vec<T>, ExportError> {
        // Each thread reads the font once.
        let rasteriser = Rasteriser::default();
        part.iter()
            .map(|frame| {
                if ticket.is_cancelled() {
                    return Err(ExportError::Cancelled);
                }
                let drawing = with_progress(&svg(data, dataset, &frame.picture, size), frame, size);
                prepare(frame, rasteriser.pixmap(&drawing)?.take())
            })
            .collect()
    };
    for batch in frames.chunks(cores * FRAMES_PER_CORE) {
        let prepared: Vec<Result<Vec<T>, ExportError>> = std::thread::scope(|scope| {
            let workers: Vec<_> = batch
                .chunks(FRAMES_PER_CORE)
                .map(|part| scope.spawn(|| draw(part)))
                .collect();
            workers
                .into_iter()
                .map(|worker| {
                    worker.join().unwrap_or_else(|_| {
                        Err(ExportError::Render("a frame could not be drawn".to_owned()))
                    })
                })
                .collect()
        });
        let mut frames_of_batch = batch.iter();
        for part in prepared {
            for (item, frame) in part?.into_iter().zip(frames_of_batch.by_ref()) {
                emit(frame, item)?;
                ticket.advance()?;
            }
        }
    }
    Ok(())
}

/// The frame's SVG with the progress line across its bottom edge.
fn with_progress(drawing: &str, frame: &Frame, size: [u32; 2]) -> String {
    let body = drawing.trim_end().trim_end_matches("</svg>");
    let width = f64::from(size[0]) * frame.progress.clamp(0.0, 1.0);
    if width < 0.5 {
        // An empty bar: SVG readers reject a zero-width rectangle.
        return drawing.to_owned();
    }
    format!(
        r##"{body}<rect x="0" y="{}" width="{width:.1}" height="4" fill="#D55E00"/></svg>
"##,
        size[1].saturating_sub(4)
    )
}
