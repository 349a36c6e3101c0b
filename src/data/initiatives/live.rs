//! The checks of one initiative, run after each edit in the window: the same rules as a load,
//! for the one initiative that changed, plus the one rule that crosses initiatives (ids).

use super::{CountryCodes, Dataset, Diagnostic, Rules, Severity, check};

impl Dataset {
    /// The checker's problems with the initiative at `index` (see [`Dataset::from_json`]), as
    /// a file holding it alone would have them, with paths naming it at its place in this
    /// dataset; and an error if another initiative has its id. What the window checks after
    /// each edit: the same rules as a load, for the one initiative that changed.
    pub fn check_initiative(&self, index: usize, codes: &impl CountryCodes) -> Vec<Diagnostic> {
        let Some(initiative) = self.initiatives.get(index) else {
            return Vec::new();
        };
        let mut diagnostics = match Self::initiative_json(initiative) {
            Ok(text) => check::check("", text.as_bytes(), codes, Rules::default()).1,
            Err(err) => vec![Diagnostic::at(
                "",
                format!("cannot be written as JSON: {err}"),
                None,
            )],
        };
        let prefix = format!("initiatives[{index}]");
        for d in &mut diagnostics {
            if let Some(rest) = d.path.strip_prefix("initiatives[0]") {
                d.path = format!("{prefix}{rest}");
            }
        }
        let twin = self
            .initiatives
            .iter()
            .enumerate()
            .any(|(i, other)| i != index && other.id == initiative.id);
        if twin {
            diagnostics.push(Diagnostic::at(
                &format!("{prefix}.id"),
                format!("duplicate initiative id \"{}\"", initiative.id),
                Some("an id no other initiative uses".to_owned()),
            ));
        }
        diagnostics
    }

    /// The load's problems with the whole dataset against another map's `codes`: what opening
    /// a world map checks the data on screen with, since whether a state can be drawn depends on
    /// the map. The data is checked as the file it saves as, so the problems are a load's (one
    /// summary of the states the map lacks, not one per initiative); their paths name places
    /// in the data, their lines a file nobody sees.
    pub fn check_against(&self, codes: &impl CountryCodes) -> Vec<Diagnostic> {
        match self.to_json() {
            Ok(text) => check::check("", text.as_bytes(), codes, Rules::default()).1,
            Err(err) => vec![Diagnostic::at(
                "",
                format!("cannot be written as JSON: {err}"),
                None,
            )],
        }
    }
}

impl Diagnostic {
    /// An error at a JSON path of a dataset in memory, which has no line or column.
    fn at(path: &str, message: String, expected: Option<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: String::new(),
            line: 0,
            column: 0,
            path: path.to_owned(),
            message,
            expected,
            suggestion: None,
        }
    }

    /// The problem without its file position: what the editor shows beside a field.
    pub fn brief(&self) -> String {
        let mut text = self.message.clone();
        if let Some(expected) = &self.expected {
            text.push_str("; expected ");
            text.push_str(expected);
        }
        if let Some(suggestion) = &self.suggestion {
            text.push_str(&format!(" (did you mean {suggestion}?)"));
        }
        text
    }
}

impl Dataset {
    /// The problems of the tours, by the load's rules that typed edits can break: an id two
    /// tours share, a title step without a title. (A step cannot name a milestone that is not
    /// there: the edits keep the indices in step.)
    pub fn check_tours(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (t, tour) in self.tours.iter().enumerate() {
            let path = format!("tours[{t}]");
            if self.tours[..t].iter().any(|other| other.id == tour.id) {
                problems.push(Diagnostic::at(
                    &format!("{path}.id"),
                    format!("duplicate tour id \"{}\"", tour.id),
                    Some("an id used by one tour only".to_owned()),
                ));
            }
            for (k, step) in tour.steps.iter().enumerate() {
                if step.shows.is_none() && step.title.as_deref().is_none_or(|t| t.trim().is_empty())
                {
                    problems.push(Diagnostic::at(
                        &format!("{path}.steps[{k}].title"),
                        "a title step with no title".to_owned(),
                        Some("the title the slide shows".to_owned()),
                    ));
                }
            }
        }
        problems
    }
}
