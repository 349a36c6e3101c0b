//! Writes a synthetic initiatives file for trying the atlas at scale:
//! `cargo run --release --example synthetic -- [COUNT] [OUT.json]` (default 10000 efforts,
//! `synthetic-initiatives.json`), each with 40 states and 5 milestones, then open it with
//! `--data OUT.json` or File → Open. Every effort in it is made up.

#[path = "../benches/synthetic.rs"]
mod synthetic;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map_or(Ok(10_000), |n| n.parse())?;
    let out = args
        .next()
        .unwrap_or_else(|| "synthetic-initiatives.json".to_owned());
    let world = microlateral_atlas::WorldData::bundled()?;
    let codes = synthetic::codes_of(&world.world);
    let text = synthetic::initiatives_json(count, 40, 5, &codes);
    std::fs::write(&out, &text)?;
    println!("wrote {out}: {count} efforts, {} bytes", text.len());
    Ok(())
}
