//! The initiatives: who led which effort, who took part, when, and on whose word.
//!
//! [`Dataset::from_json`] turns the analysts' JSON file (see `docs/data-format.md`) into this
//! typed model in one step. It either returns a dataset in which every date is real, every
//! country code is on the world map and every source reference resolves, or it returns every
//! problem in the file at once, each with its line, column and JSON path.

mod check;
mod history;
mod live;
mod membership;
mod tour;
mod write;

pub use tour::{Camera, Tour, TourStep};

pub use history::HistoryEntry;
pub use membership::{Former, Period};

use std::fmt;
use std::path::Path;

use crate::data::date::FuzzyDate;
use crate::data::world::World;

/// Files larger than this are refused before they are read. The bundled file is about 160 KiB;
/// ten thousand efforts of 40 states and 5 milestones, each fact with its source, take 36 MB and
/// check in under two seconds, so the limit leaves room for that.
pub const MAX_INITIATIVES_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Declares one of the format's closed vocabularies: the enum, its `ALL` array, its human
/// `label()` and the `id()` the file writes. serde's snake_case names equal the ids (a test
/// checks this), so exports and persisted state use the same words as the data file.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = ($id:literal, $label:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order the format lists them.
            pub const ALL: [Self; [$($id),+].len()] = [$(Self::$variant),+];

            /// Human text for the value, in lower case.
            pub fn label(&self) -> &'static str {
                match self {
                    $( Self::$variant => $label, )+
                }
            }

            /// The value as the data file writes it.
            pub fn id(&self) -> &'static str {
                match self {
                    $( Self::$variant => $id, )+
                }
            }

            /// The value the data file writes as `id`.
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.id() == id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

vocabulary! {
    /// Whether an effort is one of the essay's small-state examples or a contrast to them.
    pub enum Kind {
        /// A small state leads.
        SmallState = ("small_state", "small-state effort"),
        /// A great-power format or a US reversal, shown for comparison.
        Contrast = ("contrast", "contrast"),
    }
}

vocabulary! {
    /// What an effort is about.
    pub enum Category {
        Mediation = ("mediation", "mediation"),
        CounterTerrorism = ("counter_terrorism", "counter-terrorism"),
        OnlineExtremism = ("online_extremism", "online extremism"),
        PandemicResponse = ("pandemic_response", "pandemic response"),
        DevelopmentFinance = ("development_finance", "development finance"),
        DigitalGovernment = ("digital_government", "digital government"),
        DigitalTrade = ("digital_trade", "digital trade"),
        Education = ("education", "education"),
        Normalisation = ("normalisation", "normalisation"),
        Conservation = ("conservation", "conservation"),
        /// Disarmament, demobilisation and reintegration.
        Ddr = ("ddr", "disarmament, demobilisation and reintegration"),
        GreatPowerFormat = ("great_power_format", "great-power format"),
        MultilateralReengagement = ("multilateral_reengagement", "multilateral re-engagement"),
        /// None of the above: what an imported table gets when it does not say.
        Other = ("other", "other"),
    }
}

vocabulary! {
    /// Where an effort stands.
    pub enum Status {
        Concluded = ("concluded", "concluded"),
        Ongoing = ("ongoing", "ongoing"),
        /// Suggested by the essay, not (yet) real.
        Proposed = ("proposed", "proposed"),
    }
}

vocabulary! {
    /// What an actor did in an effort.
    pub enum Role {
        /// The small state that convened or mediated the effort.
        Lead = ("lead", "lead"),
        /// Shared the convening with the lead.
        CoLead = ("co_lead", "co-lead"),
        /// Took part, was a party, or signed.
        Participant = ("participant", "participant"),
        /// A larger power that backed the effort without leading it.
        Supporter = ("supporter", "supporter"),
        /// For a proposed effort: the state the essay suggests should lead it.
        ProposedLead = ("proposed_lead", "proposed lead"),
    }
}

vocabulary! {
    /// How sure the sources make a claim.
    pub enum Confidence {
        /// Found in the cited source.
        Verified = ("verified", "verified"),
        /// Believed but not confirmed.
        Unverified = ("unverified", "unverified"),
        /// Sources disagree.
        Disputed = ("disputed", "disputed"),
    }
}

impl Role {
    /// How strong the role is when a state holds several in one effort:
    /// lead > co-lead > proposed lead > participant > supporter.
    fn strength(self) -> u8 {
        match self {
            Self::Lead => 4,
            Self::CoLead => 3,
            Self::ProposedLead => 2,
            Self::Participant => 1,
            Self::Supporter => 0,
        }
    }

    /// Whether the role leads the effort, really or as the essay proposes.
    pub fn is_leading(self) -> bool {
        matches!(self, Self::Lead | Self::CoLead | Self::ProposedLead)
    }
}

/// A source an initiative cites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Unique within its initiative.
    pub id: String,
    pub title: String,
    /// A full `https://` address.
    pub url: String,
}

/// Who an actor is: a state on the map, or an organisation that is listed but not drawn.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ActorId {
    /// An ISO 3166-1 alpha-3 code that the world map knows.
    State(String),
    /// A non-state actor: the UN, a company, an armed group.
    Org { short: String, name: String },
}

impl ActorId {
    /// A short label: the state's code or the organisation's short name.
    pub fn label(&self) -> &str {
        match self {
            Self::State(code) => code,
            Self::Org { short, .. } => short,
        }
    }

    /// The state's code, if this is a state.
    pub fn state_code(&self) -> Option<&str> {
        match self {
            Self::State(code) => Some(code),
            Self::Org { .. } => None,
        }
    }
}

/// One appearance of an actor in an initiative. A state may appear more than once, each time
/// with another role.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub actor: ActorId,
    pub role: Role,
    /// When the actor took this role, if later than the initiative's start.
    pub joined: Option<FuzzyDate>,
    /// When the actor gave the role up (left, withdrew), if it did: from this date on it no
    /// longer holds it. Never before `joined` or the start.
    pub left: Option<FuzzyDate>,
    /// For an organisation that stands for a territory (the PLO for the Palestinian
    /// territories): that territory's code on the world map, where the role is drawn.
    pub territory: Option<String>,
    /// Indices into the initiative's `sources`; never empty.
    pub sources: Vec<usize>,
    pub confidence: Confidence,
    pub note: Option<String>,
}

impl Actor {
    /// Where the map draws the actor: a state's own country, or the territory an organisation
    /// stands for; `None` for other organisations.
    pub fn place(&self) -> Option<&str> {
        match &self.actor {
            ActorId::State(code) => Some(code),
            ActorId::Org { .. } => self.territory.as_deref(),
        }
    }

    /// The period this entry gives the actor its role.
    pub fn period(&self) -> Period {
        Period {
            joined: self.joined,
            left: self.left,
        }
    }
}

/// A dated event in an initiative.
#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub date: FuzzyDate,
    pub title: String,
    pub outcome: String,
    /// Indices into the initiative's `sources`; never empty.
    pub sources: Vec<usize>,
    pub confidence: Confidence,
    pub note: Option<String>,
    /// The presenter's own notes for this milestone, shown in the presenter view, never to the
    /// room.
    pub notes: Option<String>,
}

/// One diplomatic effort.
#[derive(Clone, Debug, PartialEq)]
pub struct Initiative {
    /// Unique in the dataset; lowercase `a-z`, `0-9` and `-`.
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub category: Category,
    pub status: Status,
    pub summary: String,
    pub start: FuzzyDate,
    /// `None` for an open-ended effort. Never before `start`.
    pub end: Option<FuzzyDate>,
    pub outcome: String,
    pub essay_quote: String,
    /// Always includes the essay, under the id `essay`.
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    pub milestones: Vec<Milestone>,
    pub confidence: Confidence,
    pub note: Option<String>,
}

impl Initiative {
    /// Whether the actor holds its role on day `as_of` (`None`: at any time): it had taken it
    /// (when the initiative started, without a `joined` date) and not left it.
    fn holds(&self, actor: &Actor, as_of: Option<i64>) -> bool {
        as_of.is_none_or(|day| actor.period().holds(self.start, day))
    }

    /// The state's strongest role in this effort by day `as_of` (`None`: at any time), or
    /// `None` if it has none by then.
    pub fn role_of(&self, code: &str, as_of: Option<i64>) -> Option<Role> {
        self.actors
            .iter()
            .filter(|a| a.actor.state_code() == Some(code) && self.holds(a, as_of))
            .map(|a| a.role)
            .max_by_key(|r| r.strength())
    }

    /// Each state once, with its strongest role by day `as_of` (`None`: at any time), in the
    /// order the file first lists them.
    pub fn states(&self, as_of: Option<i64>) -> Vec<(&str, Role)> {
        self.strongest_roles(as_of, |a| a.actor.state_code())
    }

    /// Each place on the map once, with its strongest role by day `as_of`: the states, and the
    /// territories organisations stand for (the PLO's Palestinian territories). What the map
    /// colours; counts of states use [`Initiative::states`].
    pub fn places(&self, as_of: Option<i64>) -> Vec<(&str, Role)> {
        self.strongest_roles(as_of, Actor::place)
    }

    /// Each key of `key_of` once, with its strongest role among the actors holding one by day
    /// `as_of`, in the order the file first lists them.
    fn strongest_roles<'a>(
        &'a self,
        as_of: Option<i64>,
        key_of: impl Fn(&'a Actor) -> Option<&'a str>,
    ) -> Vec<(&'a str, Role)> {
        let mut roles: Vec<(&str, Role)> = Vec::new();
        for actor in self.actors.iter().filter(|a| self.holds(a, as_of)) {
            let Some(code) = key_of(actor) else {
                continue;
            };
            match roles.iter_mut().find(|(c, _)| *c == code) {
                Some((_, role)) if actor.role.strength() > role.strength() => *role = actor.role,
                Some(_) => {}
                None => roles.push((code, actor.role)),
            }
        }
        roles
    }

    /// The organisation drawn on the territory `code`, if one is, holding a role by `as_of`.
    pub fn org_on(&self, code: &str, as_of: Option<i64>) -> Option<&Actor> {
        self.orgs()
            .find(|a| a.territory.as_deref() == Some(code) && self.holds(a, as_of))
    }

    /// The non-state actors, which the panels list but the map does not draw.
    pub fn orgs(&self) -> impl Iterator<Item = &Actor> {
        self.actors
            .iter()
            .filter(|a| matches!(a.actor, ActorId::Org { .. }))
    }

    /// Whether the effort had begun by day `day`.
    pub fn has_started(&self, day: i64) -> bool {
        self.start.start_day() <= day
    }

    /// Whether the effort has no end.
    pub fn is_open(&self) -> bool {
        self.end.is_none()
    }

    /// The span in words: "Dec 1992 – 28 Sep 1995", "2015 – open", or one date for an effort
    /// that began and ended together.
    pub fn span_label(&self) -> String {
        match &self.end {
            None => format!("{} – open", self.start),
            Some(end) if *end == self.start => self.start.to_string(),
            Some(end) => format!("{} – {end}", self.start),
        }
    }

    /// The small-state lens: the population of the states leading the effort against the
    /// combined population of the states taking part.
    ///
    /// Leads are states whose strongest role is lead, co-lead or proposed lead; participants
    /// are states whose strongest role is participant. Supporters are left out on purpose:
    /// the lens asks how small the convener is next to the parties it brought together, and a
    /// great power backing from outside would swamp that comparison. A state that is both lead
    /// and participant counts once, as a lead. All roles held at any time count.
    pub fn lens(&self, population: impl Fn(&str) -> Option<u64>) -> Lens {
        let mut lens = Lens::default();
        for (code, role) in self.states(None) {
            let (total, missing) = if role.is_leading() {
                (
                    &mut lens.lead_population,
                    &mut lens.leads_without_population,
                )
            } else if role == Role::Participant {
                (
                    &mut lens.participant_population,
                    &mut lens.participants_without_population,
                )
            } else {
                continue;
            };
            match population(code) {
                Some(count) => *total += count,
                None => missing.push(code.to_owned()),
            }
        }
        lens
    }
}

/// The small-state lens of one effort: see [`Initiative::lens`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lens {
    pub lead_population: u64,
    pub participant_population: u64,
    /// Leading states the world data has no population for (they count as zero).
    pub leads_without_population: Vec<String>,
    /// Participating states the world data has no population for (they count as zero).
    pub participants_without_population: Vec<String>,
}

impl Lens {
    /// How many people the participants stand for per person of the leads; `None` when no
    /// lead has a known population.
    pub fn ratio(&self) -> Option<f64> {
        (self.lead_population > 0)
            .then(|| self.participant_population as f64 / self.lead_population as f64)
    }
}

/// Every initiative of a file, all valid.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub initiatives: Vec<Initiative>,
    /// Presenter tours the file defines, in file order.
    pub tours: Vec<Tour>,
}

/// What a file is held to beyond the format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// Every initiative quotes the essay the project comes from (`essay_quote`) and cites it
    /// (a source with the id `essay`). The bundled file must; an analyst's own file need not.
    pub essay: bool,
}

impl Rules {
    /// The rules of the file that ships with the atlas.
    pub const BUNDLED: Self = Self { essay: true };
}

/// A dataset that loaded, with the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Problems that do not stop the file loading, in file order.
    pub warnings: Vec<Diagnostic>,
}

/// The country codes a dataset may use: those of the world map.
/// `Sync` because a large file's initiatives are checked on two cores against the same codes.
pub trait CountryCodes: Sync {
    /// Whether `code` is a known country.
    fn has_code(&self, code: &str) -> bool;
    /// Every known code, for suggesting one when a code is unknown.
    fn all_codes(&self) -> Vec<String>;
}

impl CountryCodes for World {
    fn has_code(&self, code: &str) -> bool {
        World::has_code(self, code)
    }

    fn all_codes(&self) -> Vec<String> {
        self.countries().iter().map(|c| c.code.clone()).collect()
    }
}

impl Dataset {
    /// Reads and checks a dataset file against the world's country codes.
    pub fn load(path: &Path, codes: &impl CountryCodes) -> Result<Loaded, DatasetError> {
        let io_error = |source| DatasetError::Io {
            path: path.display().to_string(),
            source,
        };
        let size = std::fs::metadata(path).map_err(io_error)?.len();
        if size > MAX_INITIATIVES_FILE_BYTES {
            return Err(DatasetError::TooLarge {
                path: path.display().to_string(),
                size,
                max: MAX_INITIATIVES_FILE_BYTES,
            });
        }
        let bytes = std::fs::read(path).map_err(io_error)?;
        Self::from_json(&path.display().to_string(), &bytes, codes)
    }

    /// Checks a dataset already in memory. `file_name` is only used in messages.
    pub fn from_json(
        file_name: &str,
        text: &[u8],
        codes: &impl CountryCodes,
    ) -> Result<Loaded, DatasetError> {
        Self::from_json_with(file_name, text, codes, Rules::default())
    }

    /// Checks a dataset in memory under `rules`: the bundled file is held to the essay's.
    pub fn from_json_with(
        file_name: &str,
        text: &[u8],
        codes: &impl CountryCodes,
        rules: Rules,
    ) -> Result<Loaded, DatasetError> {
        let (dataset, mut diagnostics) = check::check(file_name, text, codes, rules);
        // Errors first, then warnings, each in file order.
        diagnostics.sort_by_key(|d| (d.severity, d.line, d.column));
        match dataset {
            Some(dataset) if diagnostics.iter().all(|d| d.severity == Severity::Warning) => {
                Ok(Loaded {
                    dataset,
                    warnings: diagnostics,
                })
            }
            _ => Err(DatasetError::Invalid {
                file: file_name.to_owned(),
                diagnostics,
            }),
        }
    }

    /// Reads back a dataset the app wrote, keeping it even where the checks find errors: what
    /// a recovery file holds is work in progress (a new initiative has no lead yet), and the
    /// errors are listed again once it is restored. Refuses only a file whose values cannot be
    /// read at all.
    pub fn from_json_unchecked(
        file_name: &str,
        text: &[u8],
        codes: &impl CountryCodes,
    ) -> Result<Loaded, DatasetError> {
        let (dataset, mut diagnostics) = check::check(file_name, text, codes, Rules::default());
        diagnostics.sort_by_key(|d| (d.severity, d.line, d.column));
        match dataset {
            Some(dataset) => Ok(Loaded {
                dataset,
                warnings: diagnostics,
            }),
            None => Err(DatasetError::Invalid {
                file: file_name.to_owned(),
                diagnostics,
            }),
        }
    }

    /// The initiative with this id.
    pub fn by_id(&self, id: &str) -> Option<&Initiative> {
        self.index_of(id).map(|i| &self.initiatives[i])
    }

    /// The index of the initiative with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.initiatives.iter().position(|i| i.id == id)
    }
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The file does not load.
    Error,
    /// The file loads; the problem is shown next to the data.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// One problem in a dataset file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// The JSON path of the value, like `initiatives[3].actors[2].state`; empty for the file
    /// as a whole.
    pub path: String,
    pub message: String,
    /// What would have been accepted.
    pub expected: Option<String>,
    /// The closest accepted values, e.g. `NOR, NRU`.
    pub suggestion: Option<String>,
}

impl fmt::Display for Diagnostic {
    /// `FILE:LINE:COL: error: PATH: message; expected … (did you mean …?)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: ",
            self.file, self.line, self.column, self.severity
        )?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(expected) = &self.expected {
            write!(f, "; expected {expected}")?;
        }
        if let Some(suggestion) = &self.suggestion {
            write!(f, " (did you mean {suggestion}?)")?;
        }
        Ok(())
    }
}

/// Why a dataset could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is {size} bytes; initiative files over {max} bytes are refused")]
    TooLarge { path: String, size: u64, max: u64 },
    /// Every problem found, errors first, each group in file order.
    #[error("{}", invalid_message(file, diagnostics))]
    Invalid {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },
}

/// "3 errors, 1 warning" with the right plurals.
pub fn count_summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn invalid_message(file: &str, diagnostics: &[Diagnostic]) -> String {
    let mut message = format!("{} in {file}", count_summary(diagnostics));
    for diagnostic in diagnostics {
        message.push('\n');
        message.push_str(&diagnostic.to_string());
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_ids_are_serdes_snake_case_names() {
        fn check<T: serde::Serialize>(values: &[T], id: impl Fn(&T) -> &'static str) {
            for value in values {
                let json = serde_json::to_string(value).unwrap();
                assert_eq!(json, format!("\"{}\"", id(value)));
            }
        }
        check(&Kind::ALL, Kind::id);
        check(&Category::ALL, Category::id);
        check(&Status::ALL, Status::id);
        check(&Role::ALL, Role::id);
        check(&Confidence::ALL, Confidence::id);
        assert_eq!(Role::from_id("co_lead"), Some(Role::CoLead));
        assert_eq!(Role::ProposedLead.label(), "proposed lead");
    }

    #[test]
    fn a_diagnostic_reads_as_file_line_column_path_and_message() {
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            file: "data.json".to_owned(),
            line: 12,
            column: 20,
            path: "initiatives[3].actors[2].state".to_owned(),
            message: "unknown country code \"NRO\"".to_owned(),
            expected: Some("an ISO 3166-1 alpha-3 code of the world map".to_owned()),
            suggestion: Some("NOR, NRU".to_owned()),
        };
        assert_eq!(
            diagnostic.to_string(),
            "data.json:12:20: error: initiatives[3].actors[2].state: unknown country code \"NRO\"; \
             expected an ISO 3166-1 alpha-3 code of the world map (did you mean NOR, NRU?)"
        );
    }
}
