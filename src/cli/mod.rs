//! The command line: clap's arguments ([`args`]), checked and loaded in one step ([`config`]),
//! then run ([`run`]). Only opening the window is left to `main`.

pub mod args;
pub mod config;
pub mod run;

use std::io::Write;
use std::process::ExitCode;

pub use args::{Args, HistoryFormat};
pub use config::{Config, ConfigError, Job, WindowData};

/// Runs a job that needs no window, writing what it prints to `out`. The window job is `main`'s,
/// and here does nothing.
pub fn run_job(job: Job, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    match job {
        Job::Window(_) => Ok(ExitCode::SUCCESS),
        Job::ValidateWorld { file, options } => run::validate_world(&file, &options, out),
        Job::ValidateInitiatives { file, world } => run::validate(&file, &world, out),
        Job::History {
            country,
            format,
            dataset,
            source_name,
            out: out_file,
        } => run::history(
            &country,
            format,
            &dataset,
            &source_name,
            out_file.as_deref(),
            out,
        ),
        Job::ExportList {
            format,
            dataset,
            out: out_file,
        } => run::export_list(format, &dataset, out_file.as_deref(), out),
        Job::Diff {
            world,
            dataset,
            initiative,
            days,
            format,
            out: out_file,
        } => run::diff(
            &world,
            &dataset.initiatives[initiative],
            days,
            format,
            out_file.as_deref(),
            out,
        ),
        Job::Animation {
            world,
            dataset,
            keys,
            size,
            hold_secs,
            path,
            mp4,
        } => run::animation(&world, &dataset, &keys, size, hold_secs, (&path, mp4), out),
        Job::ExportMembers {
            world,
            dataset,
            format,
            out: out_file,
        } => run::export_members(&world, &dataset, format, out_file.as_deref(), out),
        Job::Import {
            import,
            world,
            out: out_file,
        } => run::import(&import, &world, &out_file, out),
        Job::Deck {
            world,
            dataset,
            pictures,
            size,
            path,
        } => run::deck(&world, &dataset, &pictures, size, &path, out),
        Job::Pictures {
            world,
            dataset,
            pictures,
            size,
            format,
            dir,
        } => run::export_pictures(&world, &dataset, &pictures, size, format, &dir, out),
    }
}
