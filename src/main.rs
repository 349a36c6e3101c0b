//! The `microlateral-atlas` command: opens the atlas window, or with a subcommand checks a
//! dataset, prints a country's history or exports without opening one.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;
use microlateral_atlas::AtlasApp;
use microlateral_atlas::cli::{self, Args, Config, Job, WindowData};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let result = Config::new(Args::parse())
        .map_err(anyhow::Error::from)
        .and_then(|config| {
            for warning in &config.warnings {
                eprintln!("{warning}");
            }
            match config.job {
                Job::Window(window) => open_window(*window).map(|()| ExitCode::SUCCESS),
                job => cli::run_job(job, &mut std::io::stdout().lock()),
            }
        });
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("microlateral-atlas: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn open_window(window: WindowData) -> anyhow::Result<()> {
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
            let mut app = AtlasApp::new(window.data, window.dataset).restore(cc.storage);
            app.opened_from(window.world_file, window.source, &cc.egui_ctx);
            if let Some((path, lines, failed)) = window.report {
                app.report(path, lines, failed);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
    .context("could not open the window")
}
