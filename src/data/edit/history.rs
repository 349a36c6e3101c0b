//! The edit history: undo, redo, and typing kept as one step.

use super::{Edit, EditError, Touched};
use crate::data::initiatives::Dataset;

/// The edit history: what can be undone and redone, each step with its words.
#[derive(Debug)]
pub struct History {
    /// Steps that can be undone, the last made last.
    done: Vec<Step>,
    /// Steps undone that can be made again, the last undone last.
    undone: Vec<Step>,
    /// Whether the next edit of the same field as the last step joins that step.
    open: bool,
    /// How many steps are kept (the oldest are dropped past it).
    limit: usize,
    /// The serial number the next new step gets; never reused, so a position names one state.
    next_serial: u64,
}

/// One step of the history: how to make it again, how to undo it, and its words.
#[derive(Clone, Debug)]
struct Step {
    serial: u64,
    label: String,
    redo: Edit,
    undo: Edit,
}

/// Steps kept by default: the issue asks for at least 1,000.
pub const HISTORY_STEPS: usize = 10_000;

impl Default for History {
    fn default() -> Self {
        Self::with_limit(HISTORY_STEPS)
    }
}

impl History {
    /// A history that keeps up to `limit` steps.
    pub fn with_limit(limit: usize) -> Self {
        Self {
            done: Vec::new(),
            undone: Vec::new(),
            open: false,
            limit: limit.max(1),
            next_serial: 1,
        }
    }

    /// Applies `edit`, records it as a step named `label`, and drops what could be redone.
    /// Consecutive edits of one field join one step until [`History::seal`].
    pub fn apply(
        &mut self,
        dataset: &mut Dataset,
        edit: Edit,
        label: String,
    ) -> Result<Touched, EditError> {
        let touched = edit.touched();
        let key = edit.field_key();
        let undo = edit.clone().apply(dataset)?;
        self.undone.clear();
        let joins = self.open
            && key.is_some()
            && self.done.last().is_some_and(|s| s.redo.field_key() == key);
        match self.done.last_mut() {
            // Keep the first undo (the value before typing began) and the latest value.
            Some(last) if joins => last.redo = edit,
            _ => {
                self.next_serial += 1;
                self.done.push(Step {
                    serial: self.next_serial,
                    label,
                    redo: edit,
                    undo,
                });
                if self.done.len() > self.limit {
                    self.done.remove(0);
                }
            }
        }
        self.open = key.is_some();
        Ok(touched)
    }

    /// Ends the step being typed: the next edit starts a new one.
    pub fn seal(&mut self) {
        self.open = false;
    }

    /// Undoes the last step, if there is one; returns what it changed.
    pub fn undo(&mut self, dataset: &mut Dataset) -> Option<Result<Touched, EditError>> {
        self.open = false;
        replay(dataset, &mut self.done, &mut self.undone, |s| &s.undo)
    }

    /// Makes the last undone step again, if there is one; returns what it changed.
    pub fn redo(&mut self, dataset: &mut Dataset) -> Option<Result<Touched, EditError>> {
        self.open = false;
        replay(dataset, &mut self.undone, &mut self.done, |s| &s.redo)
    }

    /// Where the history stands: equal positions mean the same data, so a saved position
    /// tells whether there are unsaved edits. 0 is before the first step.
    pub fn position(&self) -> u64 {
        self.done.last().map_or(0, |s| s.serial)
    }

    /// What Undo would undo, in words.
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.label.as_str())
    }

    /// What Redo would make again, in words.
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.label.as_str())
    }

    /// How many steps can be undone.
    pub fn undo_steps(&self) -> usize {
        self.done.len()
    }

    /// How many steps can be redone.
    pub fn redo_steps(&self) -> usize {
        self.undone.len()
    }

    /// Forgets every step (a new file was opened).
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
        self.open = false;
    }
}

/// Takes the last step of `from`, applies its `edit` (its undo or its redo) and moves it to
/// `to`; a step that cannot be applied stays where it was.
fn replay(
    dataset: &mut Dataset,
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
    edit: impl Fn(&Step) -> &Edit,
) -> Option<Result<Touched, EditError>> {
    let step = from.pop()?;
    let touched = edit(&step).touched();
    Some(match edit(&step).clone().apply(dataset) {
        Ok(_) => {
            to.push(step);
            Ok(touched)
        }
        Err(err) => {
            from.push(step);
            Err(err)
        }
    })
}
