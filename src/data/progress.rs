//! How far a load has got, told by the loading code and read by whoever shows it.
//!
//! Loading a large world takes seconds: reading the file, parsing it, checking every feature and
//! triangulating every country. Each step reports `done` out of `total` units of its own (bytes,
//! countries' vertices) to a [`ProgressSink`]. [`Progress`] is the sink the app uses: one atomic
//! word that a loading thread writes and the UI thread reads without locking.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The steps of a load, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Reading the file's bytes from disk.
    Reading,
    /// Parsing the JSON.
    Parsing,
    /// Checking each feature or initiative and building the model.
    Checking,
    /// Triangulating every country for drawing.
    Triangulating,
}

impl Stage {
    const ALL: [Self; 4] = [
        Self::Reading,
        Self::Parsing,
        Self::Checking,
        Self::Triangulating,
    ];

    /// The step in words, for a progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reading => "Reading",
            Self::Parsing => "Parsing",
            Self::Checking => "Checking",
            Self::Triangulating => "Triangulating",
        }
    }

    /// This step's share of a whole world load, measured on the bundled world and on a 40 MB
    /// file of provinces: parsing and triangulating dominate, reading from disk is quick.
    fn weight(self) -> f32 {
        match self {
            Self::Reading => 0.05,
            Self::Parsing => 0.35,
            Self::Checking => 0.10,
            Self::Triangulating => 0.50,
        }
    }

    fn from_index(index: u64) -> Option<Self> {
        Self::ALL.get(usize::try_from(index).ok()?).copied()
    }
}

/// Where loading code reports its progress. `Sync`, since triangulation reports from several
/// threads at once.
pub trait ProgressSink: Sync {
    /// `done` of `total` units of `stage` are finished.
    fn report(&self, stage: Stage, done: u64, total: u64);
}

/// A sink for loads that nobody watches (the command line, the bundled data).
pub struct NoProgress;

impl ProgressSink for NoProgress {
    fn report(&self, _stage: Stage, _done: u64, _total: u64) {}
}

/// Steps between 0 and 1 that a fraction is stored in.
const SCALE: u64 = 1 << 20;

/// The latest report of one load, shared between threads. Cloning shares it.
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    /// The stage reported last and how far through it the load is (0 to 1), or `None` before the
    /// first report.
    pub fn stage(&self) -> Option<(Stage, f32)> {
        let word = self.0.load(Ordering::Relaxed);
        // Zero means nothing was reported yet; reports store the stage plus one.
        let stage = Stage::from_index((word >> 32).checked_sub(1)?)?;
        let fraction = (word & 0xFFFF_FFFF) as f32 / SCALE as f32;
        Some((stage, fraction))
    }

    /// How far the whole load is, 0 to 1, weighing each stage by its usual share of the time.
    /// A load with fewer stages (initiatives are not triangulated) jumps to 1 when it ends.
    pub fn overall(&self) -> f32 {
        let Some((stage, fraction)) = self.stage() else {
            return 0.0;
        };
        let before: f32 = Stage::ALL
            .iter()
            .take_while(|s| **s < stage)
            .map(|s| s.weight())
            .sum();
        (before + stage.weight() * fraction).clamp(0.0, 1.0)
    }
}

impl ProgressSink for Progress {
    fn report(&self, stage: Stage, done: u64, total: u64) {
        let fraction = if total == 0 {
            SCALE
        } else {
            // u128: `done * SCALE` overflows u64 for files over 16 TB; cheap insurance.
            (u128::from(done.min(total)) * u128::from(SCALE) / u128::from(total)) as u64
        };
        let word = ((stage as u64 + 1) << 32) | fraction;
        // Threads triangulating in parallel report out of order; keep the furthest report so the
        // bar never steps back.
        self.0.fetch_max(word, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_reported_reads_as_no_stage_and_zero() {
        let progress = Progress::default();
        assert_eq!(progress.stage(), None);
        assert_eq!(progress.overall(), 0.0);
    }

    #[test]
    fn a_report_reads_back_as_its_stage_and_fraction() {
        let progress = Progress::default();
        progress.report(Stage::Parsing, 1, 4);
        let (stage, fraction) = progress.stage().expect("a stage");
        assert_eq!(stage, Stage::Parsing);
        assert!((fraction - 0.25).abs() < 1e-6);
        // Reading (0.05) is done, and a quarter of parsing (0.35).
        assert!((progress.overall() - (0.05 + 0.35 * 0.25)).abs() < 1e-6);
    }

    #[test]
    fn progress_never_steps_back_when_reports_arrive_out_of_order() {
        let progress = Progress::default();
        progress.report(Stage::Triangulating, 3, 4);
        progress.report(Stage::Triangulating, 1, 4);
        progress.report(Stage::Checking, 4, 4);
        let (stage, fraction) = progress.stage().expect("a stage");
        assert_eq!(stage, Stage::Triangulating);
        assert!((fraction - 0.75).abs() < 1e-6);
    }

    #[test]
    fn the_end_of_the_last_stage_is_the_whole_load() {
        let progress = Progress::default();
        progress.report(Stage::Triangulating, 10, 10);
        assert!((progress.overall() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn an_empty_stage_counts_as_finished_and_more_than_total_as_total() {
        let progress = Progress::default();
        progress.report(Stage::Reading, 0, 0);
        assert_eq!(progress.stage().map(|s| s.1), Some(1.0));
        progress.report(Stage::Parsing, 9, 4);
        assert_eq!(progress.stage().map(|s| s.1), Some(1.0));
    }
}
