//! The `microlateral-atlas` command: opens the atlas window, or with a subcommand checks a
//! dataset, prints a country's history or exports without opening one.

use std::process::ExitCode;
use std::thread::JoinHandle;

use anyhow::Context as _;
use clap::Parser as _;
use microlateral_atlas::AtlasApp;
use microlateral_atlas::cli::{self, Args, Config, ConfigError, Job, WindowData};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = Args::parse();
    if args.command.is_none() {
        // The window's data loads on its own thread while the window and its GPU context are
        // made, which under software rendering takes far longer; the app waits for it only if
        // it is not ready by then.
        let config = std::thread::spawn(move || Config::new(args));
        return match open_window(config) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("microlateral-atlas: {}", said_once(&err));
                ExitCode::FAILURE
            }
        };
    }
    let result = Config::new(args)
        .map_err(anyhow::Error::from)
        .and_then(|config| {
            for warning in &config.warnings {
                eprintln!("{warning}");
            }
            cli::run_job(config.job, &mut std::io::stdout().lock())
        });
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("microlateral-atlas: {}", said_once(&err));
            ExitCode::FAILURE
        }
    }
}

/// An error with its causes, each said once. Our errors name their cause in their own message
/// (so a report in the window reads whole), and also give it as their `source`; anyhow's `{:#}`
/// would then print the system's reason twice. A cause already in the text before it is left out.
fn said_once(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// The data the window opens on, from the loading thread, with its warnings printed.
fn window_data(config: JoinHandle<Result<Config, ConfigError>>) -> anyhow::Result<WindowData> {
    let config = config
        .join()
        .map_err(|_| anyhow::anyhow!("loading the data panicked"))??;
    for warning in &config.warnings {
        eprintln!("{warning}");
    }
    match config.job {
        Job::Window(window) => Ok(*window),
        _ => anyhow::bail!("the command line asked for no window"),
    }
}

fn open_window(config: JoinHandle<Result<Config, ConfigError>>) -> anyhow::Result<()> {
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Microlateral Atlas")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "microlateral-atlas",
        native_options,
        Box::new(move |cc| {
            let window = window_data(config)?;
            let mut app = AtlasApp::new(window.data, window.dataset).restore(cc.storage);
            app.opened_from(window.world_file, window.source, &cc.egui_ctx);
            if let Some((path, lines, failed)) = window.report {
                app.report(path, lines, failed);
            }
            // Beside eframe's own settings; after the report of the files given at start, so
            // that a recovery file that cannot be read is the report shown.
            if let Some(dir) = eframe::storage_dir("microlateral-atlas") {
                app = app.with_recovery(dir);
            }
            return_freed_memory();
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
    .context("could not open the window")
}

/// Hands back to the system what loading freed: the prepared world's plan and the checker's
/// value trees, freed on the loading thread. glibc returns only the top of an arena by itself,
/// and nothing of a finished thread's arena.
/// Without it those pages stay resident under the first frames, which are when the process
/// peaks (measured with `scripts/bench-startup.sh`; README, "Start-up").
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator's own arenas; it has no
    // preconditions and touches no memory the program holds.
    unsafe {
        libc::malloc_trim(0);
    }
}
