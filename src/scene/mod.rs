//! What the map shows for a selection and a date: each country's colour, the legend, the box to
//! frame. One implementation, used by the window and by `microlateral-atlas export`.

pub mod compare;
pub mod filters;
pub mod framing;
mod involvement;
pub mod palette;
pub mod picture;
pub mod presenter;
pub mod style;
pub mod tour;
pub mod view;

pub use involvement::Involvement;
pub use picture::Picture;
pub use tour::{CaptionText, Step, TourChoice, build_tour, step_day};
pub use view::{HALO_MAX_PX, LayerColors, MICROSTATE_MAX_PX, ViewTransform};

use egui::{Color32, Stroke};

use crate::data::world::{BBox, World};
use crate::data::{Dataset, Former, Initiative, Role};

/// The part of the world the overview shows, on screen and in exports: all inhabited land.
pub const WORLD_VIEW: BBox = BBox {
    min: [-170.0, -56.0],
    max: [180.0, 78.0],
};

/// For each country, how many small-state efforts it led and how many others it took part in,
/// counting only efforts begun and roles taken by `as_of` (`None`: every date).
pub fn involvement(world: &World, dataset: &Dataset, as_of: Option<i64>) -> Vec<(usize, usize)> {
    Involvement::new(world, dataset, as_of).counts().to_vec()
}

/// The states of an initiative that, on day `as_of`, had left it and hold no role in it, each
/// with its index among the world's countries (states the map lacks are left out).
pub fn former_members<'d>(
    world: &World,
    initiative: &'d Initiative,
    as_of: Option<i64>,
) -> Vec<(usize, Former<'d>)> {
    let Some(day) = as_of else {
        return Vec::new();
    };
    initiative
        .former_states(day)
        .into_iter()
        .filter_map(|f| world.index_of(f.code).map(|i| (i, f)))
        .collect()
}

/// The country colours: roles when an initiative is selected (only the members of `as_of`, and
/// unless `show_former` is off, the states that had left as former members), the overview
/// shading from `involvement` otherwise.
pub fn country_colors(
    world: &World,
    dataset: &Dataset,
    initiative: Option<usize>,
    as_of: Option<i64>,
    involvement: &[(usize, usize)],
    show_former: bool,
) -> LayerColors {
    let count = world.countries().len();
    let mut colors = LayerColors {
        fills: vec![style::LAND; count],
        outline: style::BORDER,
        hover_fill: style::HOVER,
        selected_outline: style::SELECTED,
        emphasis: vec![None; count],
    };
    match initiative.and_then(|i| dataset.initiatives.get(i)) {
        Some(initiative) => {
            colors.fills.fill(palette::MUTED);
            let started = as_of.is_none_or(|day| initiative.has_started(day));
            // States, and the territories organisations stand for.
            let states = if started {
                initiative.places(as_of)
            } else {
                Vec::new()
            };
            for (code, role) in states {
                if let Some(i) = world.index_of(code) {
                    colors.fills[i] = palette::role_fill(role);
                    colors.emphasis[i] = palette::role_stroke(role);
                }
            }
            if show_former {
                for (i, former) in former_members(world, initiative, as_of) {
                    colors.emphasis[i] = Some(palette::former_stroke(former.role));
                }
            }
        }
        None => {
            for (i, &(led, joined)) in involvement.iter().enumerate() {
                if let Some(fill) = palette::overview_fill(led, joined) {
                    colors.fills[i] = fill;
                }
            }
        }
    }
    colors
}

/// One row of a legend: a swatch's fill and outline, and its label.
pub type LegendRow = (Color32, Option<Stroke>, String);

/// What the map shows for one selection: each country's colours, and the legend that explains
/// them. The window and exported pictures both draw from this.
pub struct Look {
    pub colors: LayerColors,
    /// The legend's title and rows.
    pub legend: (String, Vec<LegendRow>),
}

/// The look of the map for `initiative` (or the overview, shaded by `involvement`, see
/// [`involvement`]) as of `as_of`, or, with `compare` and an initiative, the changes between two
/// days. The window computes `involvement` once a frame for its tooltips too.
pub fn look(
    world: &World,
    dataset: &Dataset,
    initiative: Option<usize>,
    as_of: Option<i64>,
    compare: Option<(i64, i64)>,
    show_former: bool,
    involvement: &[(usize, usize)],
) -> Look {
    let selected = initiative.and_then(|i| dataset.initiatives.get(i));
    if let (Some(selected), Some((a, b))) = (selected, compare) {
        let changes = compare::changes(selected, a, b);
        return Look {
            colors: compare::colors(world, &changes),
            legend: compare::legend(&selected.name, a, b, &changes),
        };
    }
    let colors = country_colors(world, dataset, initiative, as_of, involvement, show_former);
    let former_roles: Vec<Role> = match selected {
        Some(selected) if show_former => former_members(world, selected, as_of)
            .iter()
            .map(|(_, f)| f.role)
            .collect(),
        _ => Vec::new(),
    };
    let present: Vec<Role> = selected
        .map(|i| {
            let started = as_of.is_none_or(|day| i.has_started(day));
            let places = if started { i.places(as_of) } else { Vec::new() };
            places.into_iter().map(|(_, role)| role).collect()
        })
        .unwrap_or_default();
    Look {
        colors,
        legend: legend(
            selected.map(|i| (i.name.as_str(), present.as_slice())),
            &former_roles,
        ),
    }
}

/// The legend: a title and its rows (fill, outline, label). With an initiative, `present` are the
/// roles on the map, each with a row; `former_roles` are the last roles of the former members
/// shown, each with its own row.
pub fn legend(
    initiative: Option<(&str, &[Role])>,
    former_roles: &[Role],
) -> (String, Vec<LegendRow>) {
    match initiative {
        Some((name, present)) => {
            // Only the roles the picture shows: a legend of six rows for a step with two roles
            // sends the eye looking for colours that are not there.
            let mut rows: Vec<(Color32, Option<Stroke>, String)> = palette::LEGEND_ROLES
                .iter()
                .filter(|role| present.contains(role))
                .map(|&role| {
                    (
                        palette::role_fill(role),
                        palette::role_stroke(role),
                        role.label().to_owned(),
                    )
                })
                .collect();
            rows.push((palette::MUTED, None, "not involved".to_owned()));
            for role in palette::LEGEND_ROLES
                .iter()
                .filter(|role| former_roles.contains(role))
            {
                let label = format!("former {} (left)", role.label());
                rows.push((palette::MUTED, Some(palette::former_stroke(*role)), label));
            }
            (format!("Roles in {name}"), rows)
        }
        None => {
            let mut rows: Vec<(Color32, Option<Stroke>, String)> = palette::OVERVIEW_STEPS
                .iter()
                .map(|&(label, led, joined)| {
                    (
                        palette::overview_fill(led, joined).unwrap_or(style::LAND),
                        None,
                        label.to_owned(),
                    )
                })
                .collect();
            rows.push((style::LAND, None, "none recorded".to_owned()));
            ("Small-state efforts, 1990–today".to_owned(), rows)
        }
    }
}
