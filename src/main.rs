//! The `microlateral-atlas` command: opens the atlas window.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use microlateral_atlas::{AtlasApp, WorldData, data::WorldOptions};

/// A desktop atlas of microlateral diplomacy.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// A world GeoJSON (FeatureCollection of countries) to use instead of the bundled one.
    #[arg(long, value_name = "FILE.geojson")]
    world: Option<PathBuf>,
    /// The feature property holding each country's code (default: detected among ISO_A3,
    /// ADM0_A3, iso_a3, A3, id).
    #[arg(long, value_name = "NAME")]
    code_property: Option<String>,
    /// The feature property holding each country's name (default: detected among NAME, name,
    /// ADMIN).
    #[arg(long, value_name = "NAME")]
    name_property: Option<String>,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("microlateral-atlas: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let options = WorldOptions {
        code_property: cli.code_property,
        name_property: cli.name_property,
    };
    let data = match &cli.world {
        Some(path) => WorldData::load(path, &options)?,
        None => WorldData::bundled()?,
    };
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
        Box::new(move |_cc| Ok(Box::new(AtlasApp::new(data)))),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
    .context("could not open the window")?;
    Ok(ExitCode::SUCCESS)
}
