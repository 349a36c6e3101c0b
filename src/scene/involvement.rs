//! How many efforts each country led and joined, kept with each initiative's share so that an
//! edit to one initiative costs that initiative, not the whole dataset.

use crate::data::world::World;
use crate::data::{Dataset, Initiative, Kind};

/// For each country, how many small-state efforts it led and how many others it took part in,
/// as of one date, with the share each initiative adds.
#[derive(Clone, Debug, Default)]
pub struct Involvement {
    as_of: Option<i64>,
    /// Per initiative: the countries it counts, each as an index into the world's countries and
    /// whether it led a small-state effort there.
    shares: Vec<Vec<(usize, bool)>>,
    counts: Vec<(usize, usize)>,
}

impl Involvement {
    /// The counts for every initiative of `dataset`, counting only efforts begun and roles
    /// taken by `as_of` (`None`: every date).
    pub fn new(world: &World, dataset: &Dataset, as_of: Option<i64>) -> Self {
        let mut involvement = Self {
            as_of,
            shares: Vec::with_capacity(dataset.initiatives.len()),
            counts: vec![(0, 0); world.countries().len()],
        };
        for initiative in &dataset.initiatives {
            let share = share(world, initiative, as_of);
            involvement.add(&share, 1);
            involvement.shares.push(share);
        }
        involvement
    }

    /// Per country, the efforts it led and the ones it joined otherwise.
    pub fn counts(&self) -> &[(usize, usize)] {
        &self.counts
    }

    /// The date the counts are for.
    pub fn as_of(&self) -> Option<i64> {
        self.as_of
    }

    /// Counts the initiative at `index` anew after an edit changed it (and nothing else): the
    /// same counts as [`Involvement::new`] on the edited dataset.
    pub fn refresh(&mut self, world: &World, dataset: &Dataset, index: usize) {
        let Some(initiative) = dataset.initiatives.get(index) else {
            return;
        };
        if self.shares.len() != dataset.initiatives.len() {
            // Initiatives were added or removed since: only a full count is right.
            *self = Self::new(world, dataset, self.as_of);
            return;
        }
        let fresh = share(world, initiative, self.as_of);
        let old = std::mem::take(&mut self.shares[index]);
        self.add(&old, -1);
        self.add(&fresh, 1);
        self.shares[index] = fresh;
    }

    fn add(&mut self, share: &[(usize, bool)], sign: isize) {
        for &(country, led) in share {
            if let Some((l, j)) = self.counts.get_mut(country) {
                let count = if led { l } else { j };
                *count = count.saturating_add_signed(sign);
            }
        }
    }
}

/// The countries `initiative` counts on day `as_of`: none before it began.
fn share(world: &World, initiative: &Initiative, as_of: Option<i64>) -> Vec<(usize, bool)> {
    if as_of.is_some_and(|day| !initiative.has_started(day)) {
        return Vec::new();
    }
    initiative
        .states(as_of)
        .into_iter()
        .filter_map(|(code, role)| {
            let i = world.index_of(code)?;
            Some((i, role.is_leading() && initiative.kind == Kind::SmallState))
        })
        .collect()
}
