//! Comparing two dates: who joined an effort, who left, who stayed and who changed role between
//! A and B, for the map, the list beside it, the `diff` command and exported pictures.
//!
//! Dates are compared by day. A partial date counts from its first day ("2021-05" is 1 May
//! 2021), as everywhere else; a change whose date covers days on both sides of A or B is marked
//! uncertain, since the data cannot say on which side it fell.

use egui::{Color32, Stroke};

use crate::data::{Actor, FuzzyDate, Initiative, Role, World};
use crate::scene::{LayerColors, palette, style};

/// How a state's place in an effort changed between two dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Held no role at A, held one at B.
    Joined,
    /// Held a role at A, none at B (or joined and left in between).
    Left,
    /// Held the same role at both dates.
    Stayed,
    /// Held a role at both dates, but not the same one.
    RoleChanged,
}

impl ChangeKind {
    /// The classes in the order the legend and the list give them.
    pub const ALL: [Self; 4] = [Self::Joined, Self::Left, Self::RoleChanged, Self::Stayed];

    /// How the legend and the list name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Joined => "joined",
            Self::Left => "left",
            Self::Stayed => "member at both dates",
            Self::RoleChanged => "changed role",
        }
    }

    /// As exports write it.
    pub fn id(self) -> &'static str {
        match self {
            Self::Joined => "joined",
            Self::Left => "left",
            Self::Stayed => "stayed",
            Self::RoleChanged => "role_changed",
        }
    }

    /// The fill on the map. A state that left has none of its own: hollow against filled is the
    /// cue beside colour.
    pub fn fill(self) -> Color32 {
        match self {
            Self::Joined => Color32::from_rgb(0x00, 0x9E, 0x73),
            Self::Left => palette::MUTED,
            Self::Stayed => Color32::from_rgb(0xA6, 0xD2, 0xEE),
            Self::RoleChanged => Color32::from_rgb(0xE6, 0x9F, 0x00),
        }
    }

    /// The outline on the map: heavy for a change, light for a state that stayed.
    pub fn stroke(self) -> Stroke {
        match self {
            Self::Joined => Stroke::new(2.2, palette::DARK_OUTLINE),
            Self::Left => Stroke::new(2.6, Color32::from_rgb(0xD5, 0x5E, 0x00)),
            Self::Stayed => Stroke::new(0.8, Color32::from_rgb(0x1f, 0x5f, 0x8b)),
            Self::RoleChanged => Stroke::new(1.6, palette::DARK_OUTLINE),
        }
    }
}

/// One state's change between the two dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Change<'a> {
    pub code: &'a str,
    pub kind: ChangeKind,
    /// The role at A (`None` for a state that joined).
    pub before: Option<Role>,
    /// The role at B (`None` for a state that left).
    pub after: Option<Role>,
    /// When it joined, left or took the new role; `None` for a state that stayed.
    pub date: Option<FuzzyDate>,
    /// Whether `date` is too coarse to tell that it fell between A and B.
    pub uncertain: bool,
    /// Indices into the initiative's sources: the entry that says so.
    pub sources: &'a [usize],
    /// The data's note on that entry, if any.
    pub note: Option<&'a str>,
}

/// Every state's change in `initiative` between days `a` and `b` (in either order), in the
/// order the file first lists the states; states with no role at either date are left out,
/// unless they joined and left in between.
pub fn changes(initiative: &Initiative, a: i64, b: i64) -> Vec<Change<'_>> {
    let (a, b) = (a.min(b), a.max(b));
    let mut codes: Vec<&str> = Vec::new();
    for code in initiative
        .actors
        .iter()
        .filter_map(|x| x.actor.state_code())
    {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
        .into_iter()
        .filter_map(|code| change_of(initiative, code, a, b))
        .collect()
}

/// One state's change between days `a` ≤ `b`.
fn change_of<'i>(initiative: &'i Initiative, code: &'i str, a: i64, b: i64) -> Option<Change<'i>> {
    let start = initiative.start;
    let entries = || {
        initiative
            .actors
            .iter()
            .filter(move |x| x.actor.state_code() == Some(code))
    };
    let holding =
        |day: i64, role: Role| entries().find(|x| x.role == role && x.period().holds(start, day));
    let (before, after) = (
        initiative.role_of(code, Some(a)),
        initiative.role_of(code, Some(b)),
    );
    let (kind, entry, date): (ChangeKind, Option<&Actor>, Option<FuzzyDate>) = match (before, after)
    {
        (None, Some(role)) => {
            let entry = holding(b, role);
            (
                ChangeKind::Joined,
                entry,
                entry.map(|x| x.joined.unwrap_or(start)),
            )
        }
        (Some(role), None) => {
            let entry = holding(a, role);
            (ChangeKind::Left, entry, entry.and_then(|x| x.left))
        }
        (Some(x), Some(y)) if x == y => (ChangeKind::Stayed, holding(b, y), None),
        (Some(_), Some(role)) => {
            let entry = holding(b, role);
            (
                ChangeKind::RoleChanged,
                entry,
                entry.map(|x| x.joined.unwrap_or(start)),
            )
        }
        (None, None) => {
            // Joined and left between the two dates: it left.
            let entry = entries().find(|x| {
                x.period().first_day(start) > a && x.period().end_day().is_some_and(|e| e <= b)
            })?;
            (ChangeKind::Left, Some(entry), entry.left)
        }
    };
    let uncertain = date.is_some_and(|d| d.start_day() <= a || d.end_day() > b);
    Some(Change {
        code,
        kind,
        before,
        after,
        date,
        uncertain,
        sources: entry.map_or(&[], |x| x.sources.as_slice()),
        note: entry.and_then(|x| x.note.as_deref()),
    })
}

/// The map's colours for a comparison: each changed or staying state in its class's colour and
/// outline, everyone else muted.
pub fn colors(world: &World, changes: &[Change<'_>]) -> LayerColors {
    let count = world.countries().len();
    let mut colors = LayerColors {
        fills: vec![palette::MUTED; count],
        outline: style::BORDER,
        hover_fill: style::HOVER,
        selected_outline: style::SELECTED,
        emphasis: vec![None; count],
    };
    for change in changes {
        if let Some(i) = world.index_of(change.code) {
            colors.fills[i] = change.kind.fill();
            colors.emphasis[i] = Some(change.kind.stroke());
        }
    }
    colors
}

/// The comparison's legend: a title, and a row per class (fill, outline, label with its count).
pub fn legend(
    initiative: &str,
    a: i64,
    b: i64,
    changes: &[Change<'_>],
) -> (String, Vec<(Color32, Option<Stroke>, String)>) {
    let (a, b) = (a.min(b), a.max(b));
    let title = format!(
        "{initiative}: {} – {}",
        crate::data::date::iso_date(a),
        crate::data::date::iso_date(b)
    );
    let mut rows: Vec<(Color32, Option<Stroke>, String)> = ChangeKind::ALL
        .iter()
        .map(|&kind| {
            let n = changes.iter().filter(|c| c.kind == kind).count();
            (
                kind.fill(),
                Some(kind.stroke()),
                format!("{} ({n})", kind.label()),
            )
        })
        .collect();
    rows.push((palette::MUTED, None, "not involved".to_owned()));
    (title, rows)
}
