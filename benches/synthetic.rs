//! A synthetic initiatives file of any size, for the scale benches and tests, and for
//! `cargo run --release --example synthetic` to write one to try in the window.
//!
//! Every effort is made up and says so: its one source is marked as synthetic. The file is the
//! same for the same arguments, so figures from different runs compare.

use microlateral_atlas::data::World;
use serde_json::{Value, json};

const CATEGORIES: [&str; 6] = [
    "mediation",
    "digital_government",
    "online_extremism",
    "conservation",
    "development_finance",
    "education",
];

/// The codes of the countries on `world` that can hold roles: what efforts are drawn from.
pub fn codes_of(world: &World) -> Vec<String> {
    world
        .countries()
        .iter()
        .filter(|c| c.has_code())
        .map(|c| c.code.clone())
        .collect()
}

/// An initiatives file of `count` efforts, each with `states` states (drawn from `codes`) and
/// `milestones` milestones, as JSON text.
pub fn initiatives_json(
    count: usize,
    states: usize,
    milestones: usize,
    codes: &[String],
) -> String {
    // xorshift64: deterministic and dependency-free; the quality of the numbers does not matter.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut pool: Vec<&String> = codes.iter().collect();
    let states = states.min(pool.len());
    let initiatives: Vec<Value> = (0..count)
        .map(|i| {
            // The first `states` codes of a shuffled pool: distinct states, one lead.
            for k in 0..states {
                let j = k + (next() as usize) % (pool.len() - k);
                pool.swap(k, j);
            }
            let start_year = 1990 + (next() % 34) as i32;
            let start_month = 1 + (next() % 12) as u32;
            let concluded = i % 3 == 0;
            let end_year = start_year + 1 + (next() % 3) as i32;
            let actors: Vec<Value> = pool[..states]
                .iter()
                .enumerate()
                .map(|(k, code)| {
                    let role = match k {
                        0 => "lead",
                        1 => "co_lead",
                        2 | 3 => "supporter",
                        _ => "participant",
                    };
                    let mut actor =
                        json!({ "state": code, "role": role, "sources": ["synthetic"] });
                    // Some join later, and some of those leave again.
                    if k >= 4 && k % 4 == 0 {
                        actor["joined"] = json!(format!("{}-06", start_year + 1));
                        if k % 8 == 0 {
                            actor["left"] = json!(format!("{}-01", start_year + 2));
                        }
                    }
                    actor
                })
                .collect();
            let milestones: Vec<Value> = (0..milestones)
                .map(|m| {
                    // Every six months from the start, so all fall inside the effort's span.
                    let month = (start_month - 1) as usize + 6 * m;
                    json!({
                        "date": format!("{}-{:02}", start_year + (month / 12) as i32, 1 + month % 12),
                        "title": format!("Synthetic milestone {m} of effort {i}"),
                        "outcome": "Made up for a scale test.",
                        "sources": ["synthetic"],
                    })
                })
                .collect();
            let mut initiative = json!({
                "id": format!("synthetic-{i:05}"),
                "name": format!("Synthetic effort {i:05} led by {}", pool[0]),
                "kind": if i % 10 == 9 { "contrast" } else { "small_state" },
                "category": CATEGORIES[i % CATEGORIES.len()],
                "status": if concluded { "concluded" } else { "ongoing" },
                "start": format!("{start_year}-{start_month:02}"),
                "sources": [{
                    "id": "synthetic",
                    "title": "Synthetic data for a scale test (not a fact)",
                    "url": "https://example.org/microlateral-atlas/synthetic",
                }],
                "actors": actors,
                "milestones": milestones,
            });
            initiative["end"] = if concluded {
                json!(format!("{}-12", end_year.max(start_year + 3)))
            } else {
                Value::Null
            };
            initiative
        })
        .collect();
    json!({
        "format": "microlateral-atlas/initiatives",
        "version": 1,
        "initiatives": initiatives,
    })
    .to_string()
}
