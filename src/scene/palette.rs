//! How roles and counts look on the map, the legend that explains them, and the timeline's
//! colours, which share the map's lead colour and outlines.
//!
//! Roles use the Okabe-Ito palette, which people with colour-vision deficiency can tell apart,
//! and a second cue besides hue: the leading roles get heavier outlines, so the map still reads
//! in greyscale or on a washed-out projector.

use egui::{Color32, Stroke};

use crate::data::Role;

/// A country that takes no part in the selected effort.
pub const MUTED: Color32 = Color32::from_rgb(0xe2, 0xe0, 0xda);

/// The fill of a leading state (Okabe-Ito vermilion): the strongest colour on the map, so it is
/// also the accent for the date the map shows.
pub const LEAD_FILL: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// Near-black for outlines that must read on any fill: leading roles' borders on the map and
/// milestones on the timeline.
pub const DARK_OUTLINE: Color32 = Color32::from_rgb(0x20, 0x20, 0x20);

/// An effort's bar on the timeline.
pub const TIMELINE_BAR: Color32 = Color32::from_rgb(0x56, 0x8f, 0xb8);

/// The bar of an effort listed only for contrast (not a small-state effort): grey, so the
/// small-state efforts stand out beside it.
pub const TIMELINE_BAR_CONTRAST: Color32 = Color32::from_rgb(0x8c, 0x8c, 0x8c);

/// The timeline's date cursor, in the lead colour: the one accent on the timeline.
pub const TIMELINE_CURSOR: Color32 = LEAD_FILL;

/// The fill of a role.
pub fn role_fill(role: Role) -> Color32 {
    match role {
        Role::Lead => LEAD_FILL,
        Role::CoLead => Color32::from_rgb(0xE6, 0x9F, 0x00),
        Role::ProposedLead => Color32::from_rgb(0xCC, 0x79, 0xA7),
        Role::Participant => Color32::from_rgb(0x56, 0xB4, 0xE9),
        Role::Supporter => Color32::from_rgb(0x00, 0x9E, 0x73),
    }
}

/// The outline a role adds over the country's border: the second cue besides colour.
pub fn role_stroke(role: Role) -> Option<Stroke> {
    match role {
        Role::Lead => Some(Stroke::new(2.5, DARK_OUTLINE)),
        Role::CoLead | Role::ProposedLead => Some(Stroke::new(1.6, DARK_OUTLINE)),
        Role::Supporter => Some(Stroke::new(1.0, Color32::from_rgb(0x00, 0x4d, 0x38))),
        Role::Participant => Some(Stroke::new(0.8, Color32::from_rgb(0x1f, 0x5f, 0x8b))),
    }
}

/// How a former member is drawn: no fill of its own (the muted land of the states not involved)
/// and a heavy outline in the colour of the role it held last. Hollow against filled is the cue
/// beside colour, so a former member reads as such in greyscale too.
pub fn former_stroke(role: Role) -> Stroke {
    Stroke::new(2.4, role_fill(role))
}

/// Roles in the order the legend lists them.
pub const LEGEND_ROLES: [Role; 5] = [
    Role::Lead,
    Role::CoLead,
    Role::ProposedLead,
    Role::Participant,
    Role::Supporter,
];

/// Overview shading: how many small-state efforts a country led (ColorBrewer Oranges), or a pale
/// blue if it only took part.
pub fn overview_fill(led: usize, joined: usize) -> Option<Color32> {
    match (led, joined) {
        (0, 0) => None,
        (0, _) => Some(Color32::from_rgb(0xdc, 0xd3, 0xea)),
        (1, _) => Some(Color32::from_rgb(0xfd, 0xbe, 0x85)),
        (2, _) => Some(Color32::from_rgb(0xfd, 0x8d, 0x3c)),
        _ => Some(Color32::from_rgb(0xd9, 0x47, 0x01)),
    }
}

/// The steps of the overview legend, with the counts they stand for.
pub const OVERVIEW_STEPS: [(&str, usize, usize); 4] = [
    ("Led 3 or more efforts", 3, 0),
    ("Led 2 efforts", 2, 0),
    ("Led 1 effort", 1, 0),
    ("Took part, never led", 0, 1),
];
