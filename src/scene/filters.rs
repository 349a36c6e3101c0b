//! What narrows the initiative list, and the list's order. The list, the timeline, the tours and
//! the arrow keys all read the same filters, so they are part of the app's state and change only
//! through `Command::SetFilters`; the list panel edits a copy and sends it.

use serde::{Deserialize, Serialize};

use crate::data::search::{fold, initiative_matches};
use crate::data::{Category, Dataset, Initiative, Kind, Status};

/// The first and last years the year filter offers.
pub const YEAR_RANGE: (i32, i32) = (1990, 2030);

/// What narrows the list. Persisted with the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Not kept across restarts: a stale search would hide the list without saying why.
    #[serde(skip)]
    pub query: String,
    pub category: Option<Category>,
    pub concluded: bool,
    pub ongoing: bool,
    pub proposed: bool,
    pub from_year: i32,
    pub to_year: i32,
    pub small_state_only: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            query: String::new(),
            category: None,
            concluded: true,
            ongoing: true,
            proposed: true,
            from_year: YEAR_RANGE.0,
            to_year: YEAR_RANGE.1,
            small_state_only: false,
        }
    }
}

impl Filters {
    /// Whether the initiative passes every filter and matches `query`, the search text folded.
    fn accepts(&self, initiative: &Initiative, query: &str) -> bool {
        let status_ok = match initiative.status {
            Status::Concluded => self.concluded,
            Status::Ongoing => self.ongoing,
            Status::Proposed => self.proposed,
        };
        let start_year = initiative.start.earliest.year();
        let end_year = initiative
            .end
            .as_ref()
            .map_or(i32::MAX, |e| e.latest.year());
        status_ok
            && self.category.is_none_or(|c| c == initiative.category)
            && (!self.small_state_only || initiative.kind == Kind::SmallState)
            && start_year <= self.to_year
            && end_year >= self.from_year
            && initiative_matches(initiative, query)
    }

    /// The initiatives that pass, in the list's order: small-state efforts by status, then the
    /// contrast formats; by start date within each group.
    pub fn visible(&self, dataset: &Dataset) -> Vec<usize> {
        let query = fold(self.query.trim());
        let mut out: Vec<usize> = (0..dataset.initiatives.len())
            .filter(|&i| self.accepts(&dataset.initiatives[i], &query))
            .collect();
        out.sort_by_cached_key(|&i| {
            let initiative = &dataset.initiatives[i];
            (group_of(initiative), initiative.start.sort_key())
        });
        out
    }
}

/// The list's groups, in order: see [`group_of`].
pub const GROUPS: [&str; 4] = [
    "Concluded efforts",
    "Ongoing efforts",
    "Proposed efforts",
    "For contrast: great-power formats and reversals",
];

/// Which of [`GROUPS`] an initiative is listed under.
pub fn group_of(initiative: &Initiative) -> usize {
    match (initiative.kind, initiative.status) {
        (Kind::Contrast, _) => 3,
        (Kind::SmallState, Status::Concluded) => 0,
        (Kind::SmallState, Status::Ongoing) => 1,
        (Kind::SmallState, Status::Proposed) => 2,
    }
}
