//! A country's history: every role it held in every effort, with the periods it held each.

use crate::data::date::FuzzyDate;
use crate::data::initiatives::{ActorId, Dataset, Period, Role};

/// One role of a country in one effort: see [`Dataset::history_of`].
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    /// Index into [`Dataset::initiatives`].
    pub initiative: usize,
    pub role: Role,
    /// When it held the role, in date order; never empty.
    pub periods: Vec<Period>,
    /// The organisation that held the role for this territory (the PLO for Palestine), if it
    /// was not the state itself.
    pub through: Option<String>,
}

impl HistoryEntry {
    /// " (as PLO)" for a role an organisation held for this territory, or nothing.
    pub fn through_label(&self) -> String {
        self.through
            .as_deref()
            .map(|org| format!(" (as {org})"))
            .unwrap_or_default()
    }

    /// The periods in words, "2016 – 4 Nov 2020, 19 Feb 2021 – 27 Jan 2026", or `None` when the
    /// state held the role for the effort's whole span.
    pub fn periods_label(&self, start: FuzzyDate) -> Option<String> {
        let labels: Vec<String> = self.periods.iter().filter_map(|p| p.label(start)).collect();
        (!labels.is_empty()).then(|| labels.join(", "))
    }
}

impl Dataset {
    /// Every role the state held in every effort, each with the periods it held it, ordered by
    /// the effort's start, then its name, then when the state first took the role. A state
    /// listed in two roles in one effort (a participant the essay also proposes as lead) gives
    /// two entries; a state that left and rejoined in one role gives one entry with two periods.
    pub fn history_of(&self, code: &str) -> Vec<HistoryEntry> {
        let mut entries: Vec<HistoryEntry> = Vec::new();
        for (index, initiative) in self.initiatives.iter().enumerate() {
            for actor in initiative.actors.iter().filter(|a| a.place() == Some(code)) {
                let through = match &actor.actor {
                    ActorId::Org { short, .. } => Some(short.clone()),
                    ActorId::State(_) => None,
                };
                let same = entries.iter_mut().find(|e| {
                    e.initiative == index && e.role == actor.role && e.through == through
                });
                match same {
                    Some(entry) => entry.periods.push(actor.period()),
                    None => entries.push(HistoryEntry {
                        initiative: index,
                        role: actor.role,
                        periods: vec![actor.period()],
                        through,
                    }),
                }
            }
        }
        for entry in &mut entries {
            let start = self.initiatives[entry.initiative].start;
            entry
                .periods
                .sort_by_key(|p| (p.first_day(start), p.end_day()));
        }
        entries.sort_by(|a, b| {
            let (ia, ib) = (
                &self.initiatives[a.initiative],
                &self.initiatives[b.initiative],
            );
            ia.start
                .cmp(&ib.start)
                .then_with(|| ia.name.cmp(&ib.name))
                .then_with(|| a.initiative.cmp(&b.initiative))
                .then_with(|| a.periods[0].joined.cmp(&b.periods[0].joined))
        });
        entries
    }
}
