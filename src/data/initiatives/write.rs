//! The dataset written back as an initiatives file, in one stable layout: the format's field
//! order, two-space indentation, optional fields only when they say something, one line per
//! value. Saving the same model twice gives the same bytes, and a small edit changes few lines,
//! so analysts can keep their data in git and read the diff.

use serde::Serialize;

use super::{Actor, ActorId, Confidence, Dataset, Initiative, Milestone, Source, Tour};

#[derive(Serialize)]
struct File<'a> {
    format: &'static str,
    version: u64,
    initiatives: Vec<InitiativeOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tours: Vec<TourOut<'a>>,
}

#[derive(Serialize)]
struct InitiativeOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    category: &'static str,
    status: &'static str,
    summary: &'a str,
    start: String,
    /// Always written: `null` says the effort is open-ended.
    end: Option<String>,
    outcome: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    essay_quote: &'a str,
    sources: &'a [SourceOut<'a>],
    actors: Vec<ActorOut<'a>>,
    milestones: Vec<MilestoneOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct ActorOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    joined: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    left: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    territory: Option<&'a str>,
    sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct MilestoneOut<'a> {
    date: String,
    title: &'a str,
    outcome: &'a str,
    sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
}

#[derive(Serialize)]
struct TourOut<'a> {
    id: &'a str,
    name: &'a str,
    steps: Vec<StepOut<'a>>,
}

/// A title step has neither `initiative` nor `milestone`.
#[derive(Serialize)]
struct StepOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    initiative: Option<&'a str>,
    /// Counted from 1, as the format does.
    #[serde(skip_serializing_if = "Option::is_none")]
    milestone: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<ViewOut>,
}

#[derive(Serialize)]
struct ViewOut {
    lon: f64,
    lat: f64,
    zoom: f64,
}

/// `verified` is the default, so it is left out.
fn confidence(c: Confidence) -> Option<&'static str> {
    (c != Confidence::Verified).then(|| c.id())
}

/// The ids of the cited sources; an index past the list (never made by an edit) is skipped
/// rather than written as an id that does not exist.
fn cited<'a>(sources: &'a [Source], cited: &[usize]) -> Vec<&'a str> {
    cited
        .iter()
        .filter_map(|&s| sources.get(s).map(|s| s.id.as_str()))
        .collect()
}

fn actor_out<'a>(a: &'a Actor, sources: &'a [Source]) -> ActorOut<'a> {
    let (state, org, name) = match &a.actor {
        ActorId::State(code) => (Some(code.as_str()), None, None),
        ActorId::Org { short, name } => (None, Some(short.as_str()), Some(name.as_str())),
    };
    ActorOut {
        state,
        org,
        name,
        role: a.role.id(),
        joined: a.joined.map(|d| d.to_iso_string()),
        left: a.left.map(|d| d.to_iso_string()),
        territory: a.territory.as_deref().filter(|_| org.is_some()),
        sources: cited(sources, &a.sources),
        confidence: confidence(a.confidence),
        note: a.note.as_deref(),
    }
}

fn milestone_out<'a>(m: &'a Milestone, sources: &'a [Source]) -> MilestoneOut<'a> {
    MilestoneOut {
        date: m.date.to_iso_string(),
        title: &m.title,
        outcome: &m.outcome,
        sources: cited(sources, &m.sources),
        confidence: confidence(m.confidence),
        note: m.note.as_deref(),
        notes: m.notes.as_deref(),
    }
}

fn initiative_out<'a>(i: &'a Initiative, sources: &'a [SourceOut<'a>]) -> InitiativeOut<'a> {
    InitiativeOut {
        id: &i.id,
        name: &i.name,
        kind: i.kind.id(),
        category: i.category.id(),
        status: i.status.id(),
        summary: &i.summary,
        start: i.start.to_iso_string(),
        end: i.end.map(|d| d.to_iso_string()),
        outcome: &i.outcome,
        essay_quote: &i.essay_quote,
        sources,
        actors: i.actors.iter().map(|a| actor_out(a, &i.sources)).collect(),
        milestones: i
            .milestones
            .iter()
            .map(|m| milestone_out(m, &i.sources))
            .collect(),
        confidence: confidence(i.confidence),
        note: i.note.as_deref(),
    }
}

fn tour_out<'a>(t: &'a Tour, initiatives: &'a [Initiative]) -> TourOut<'a> {
    let steps = t
        .steps
        .iter()
        .filter_map(|step| {
            // A step naming an initiative past the list (never made by an edit) is skipped.
            let shows = match step.shows {
                Some((i, m)) => Some((initiatives.get(i)?.id.as_str(), m + 1)),
                None => None,
            };
            Some(StepOut {
                initiative: shows.map(|(id, _)| id),
                milestone: shows.map(|(_, m)| m),
                title: step.title.as_deref(),
                caption: step.caption.as_deref(),
                notes: step.notes.as_deref(),
                date: step.date.map(|d| d.to_iso_string()),
                view: step.camera.map(|c| ViewOut {
                    lon: c.lon,
                    lat: c.lat,
                    zoom: c.zoom,
                }),
            })
        })
        .collect();
    TourOut {
        id: &t.id,
        name: &t.name,
        steps,
    }
}

fn sources_out(i: &Initiative) -> Vec<SourceOut<'_>> {
    i.sources
        .iter()
        .map(|s| SourceOut {
            id: &s.id,
            title: &s.title,
            url: &s.url,
        })
        .collect()
}

impl Dataset {
    /// The dataset as an initiatives file (see `docs/data-format.md`), ending in a newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let sources: Vec<Vec<SourceOut>> = self.initiatives.iter().map(sources_out).collect();
        let file = File {
            format: "microlateral-atlas/initiatives",
            version: 1,
            initiatives: self
                .initiatives
                .iter()
                .zip(&sources)
                .map(|(i, s)| initiative_out(i, s))
                .collect(),
            tours: self
                .tours
                .iter()
                .map(|t| tour_out(t, &self.initiatives))
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file)?;
        text.push('\n');
        Ok(text)
    }

    /// One initiative alone as a file, for checking it by itself as the user edits it.
    pub(super) fn initiative_json(initiative: &Initiative) -> Result<String, serde_json::Error> {
        let sources = sources_out(initiative);
        let file = File {
            format: "microlateral-atlas/initiatives",
            version: 1,
            initiatives: vec![initiative_out(initiative, &sources)],
            tours: Vec::new(),
        };
        serde_json::to_string(&file)
    }
}
