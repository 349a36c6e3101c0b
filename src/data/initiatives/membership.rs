//! Membership over time: the periods in which a state held a role, and the states that left.

use crate::data::date::FuzzyDate;
use crate::data::initiatives::Role;

/// One period in which a state held a role: from `joined` (the initiative's start when `None`)
/// until the day before `left` (still holding it when `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub joined: Option<FuzzyDate>,
    pub left: Option<FuzzyDate>,
}

impl Period {
    /// The first day of the period, given the initiative's start.
    pub fn first_day(&self, start: FuzzyDate) -> i64 {
        self.joined.unwrap_or(start).start_day()
    }

    /// The first day the role is no longer held, if it ended. A partial date counts from its
    /// first day: "left 2020" ends the period on 31 Dec 2019.
    pub fn end_day(&self) -> Option<i64> {
        self.left.map(|l| l.start_day())
    }

    /// Whether the role is held on day `day`.
    pub fn holds(&self, start: FuzzyDate, day: i64) -> bool {
        self.first_day(start) <= day && self.end_day().is_none_or(|end| day < end)
    }

    /// Whether two periods share a day.
    pub fn overlaps(&self, other: &Period, start: FuzzyDate) -> bool {
        let before =
            |a: &Period, b: &Period| a.end_day().is_some_and(|end| end <= b.first_day(start));
        !before(self, other) && !before(other, self)
    }

    /// The period in words, as a history lists it: "2016 – 4 Nov 2020", "from May 2021", or
    /// nothing when it is the initiative's whole span.
    pub fn label(&self, start: FuzzyDate) -> Option<String> {
        match (self.joined, self.left) {
            (None, None) => None,
            (Some(joined), None) => Some(format!("from {joined}")),
            (joined, Some(left)) => Some(format!("{} – {left}", joined.unwrap_or(start))),
        }
    }
}

/// A state that held a role in an effort and no longer does, on some day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Former<'a> {
    pub code: &'a str,
    /// The role it held last.
    pub role: Role,
    /// When it left that role.
    pub left: FuzzyDate,
}
