//! Membership over time: the periods in which a state held a role, and the states that left.

use crate::data::date::FuzzyDate;
use crate::data::initiatives::{Initiative, Role};

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

    /// The period in words, as a history lists it: "2016 – 4 Nov 2020", "from May 2021", "from
    /// between 23 Sep 2019 and May 2024", or nothing when it is the initiative's whole span.
    pub fn label(&self, start: FuzzyDate) -> Option<String> {
        match (self.joined, self.left) {
            (None, None) => None,
            // A join known only to lie between two dates is not a period from one to the other.
            (Some(joined), None) if joined.is_range() => Some(format!(
                "from between {} and {}",
                joined.earliest, joined.latest
            )),
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

impl Initiative {
    /// The states that had a role and, on day `as_of`, hold none: each once, with the role it
    /// held last and when it left it, in the order the file first lists them.
    pub fn former_states(&self, as_of: i64) -> Vec<Former<'_>> {
        let mut former: Vec<Former<'_>> = Vec::new();
        for actor in &self.actors {
            let (Some(code), Some(left)) = (actor.actor.state_code(), actor.left) else {
                continue;
            };
            if left.start_day() > as_of || self.role_of(code, Some(as_of)).is_some() {
                continue;
            }
            match former.iter_mut().find(|f| f.code == code) {
                Some(f) if left > f.left => {
                    f.role = actor.role;
                    f.left = left;
                }
                Some(_) => {}
                None => former.push(Former {
                    code,
                    role: actor.role,
                    left,
                }),
            }
        }
        former
    }

    /// How many states held a role, from the effort's start on: one (day, count) at the start
    /// and at each day the count changed, in date order.
    pub fn member_counts(&self) -> Vec<(i64, usize)> {
        let start = self.start;
        let mut days: Vec<i64> = self
            .actors
            .iter()
            .filter(|a| a.actor.state_code().is_some())
            .flat_map(|a| {
                let period = a.period();
                [Some(period.first_day(start)), period.end_day()]
            })
            .flatten()
            .chain([start.start_day()])
            .collect();
        days.sort_unstable();
        days.dedup();
        let mut counts: Vec<(i64, usize)> = Vec::new();
        for day in days.into_iter().filter(|&d| d >= start.start_day()) {
            let count = self.states(Some(day)).len();
            if counts.last().is_none_or(|&(_, last)| last != count) {
                counts.push((day, count));
            }
        }
        counts
    }
}
