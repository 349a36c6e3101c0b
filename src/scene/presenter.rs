//! A running presentation: the tour's steps, where it is, the digits typed for a jump, blackout
//! and autoplay's clock. Plain state with no window in it, so the app changes it in `apply` and
//! tests step it without one; `ui/presenter.rs` reads the keys and draws the controls.

use crate::scene::Step;

/// A key press in presenter mode, turned into what it means for the tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresenterKey {
    Next,
    Previous,
    First,
    Last,
    Digit(u8),
    Jump,
    Blackout,
    /// Opens or closes the presenter view (key S).
    PresenterView,
    Exit,
}

/// What a key did to the presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pressed {
    /// The step stayed (a digit typed, blackout toggled, already at the end).
    Stayed,
    /// Another step is shown.
    Moved,
    /// The presenter asked to leave.
    Exit,
}

/// A running presentation.
#[derive(Clone, Debug)]
pub struct Presenter {
    tour: Vec<Step>,
    index: usize,
    /// Digits typed so far for a jump ("12" then Enter goes to step 12).
    digits: String,
    blackout: bool,
    /// When autoplay is on: the time (egui's clock, seconds) of the next step.
    next_step_at: Option<f64>,
    interval_secs: f64,
}

impl Presenter {
    /// Takes the tour as it now is, after an edit, staying at the same step number (or the last
    /// one), so an author sees a new or changed step at once.
    pub fn retour(&mut self, tour: Vec<Step>) {
        self.index = self.index.min(tour.len().saturating_sub(1));
        self.tour = tour;
    }

    /// A presentation of `tour`, at its first step.
    pub fn new(tour: Vec<Step>) -> Self {
        Self {
            tour,
            index: 0,
            digits: String::new(),
            blackout: false,
            next_step_at: None,
            interval_secs: 5.0,
        }
    }

    /// The current step.
    pub fn step(&self) -> Option<&Step> {
        self.tour.get(self.index)
    }

    /// The step after the current one, if there is one.
    pub fn next_step(&self) -> Option<&Step> {
        self.tour.get(self.index + 1)
    }

    /// The presenter's notes for the current step.
    pub fn notes(&self) -> Option<&str> {
        self.tour.get(self.index)?.notes.as_deref()
    }

    /// "5 / 23".
    pub fn progress(&self) -> String {
        format!("{} / {}", self.index + 1, self.tour.len())
    }

    /// Whether the screen is blacked out.
    pub fn is_blacked_out(&self) -> bool {
        self.blackout
    }

    /// Whether autoplay is running.
    pub fn is_autoplaying(&self) -> bool {
        self.next_step_at.is_some()
    }

    /// When autoplay steps next (egui's clock, seconds).
    pub fn next_step_at(&self) -> Option<f64> {
        self.next_step_at
    }

    /// Whether autoplay's next step is due at `now_secs`.
    pub fn is_due(&self, now_secs: f64) -> bool {
        self.next_step_at.is_some_and(|at| now_secs >= at)
    }

    /// Autoplay's interval, in seconds.
    pub fn interval_secs(&self) -> f64 {
        self.interval_secs
    }

    /// Sets autoplay's interval, within 1 and 60 seconds.
    pub fn set_interval_secs(&mut self, secs: f64) {
        self.interval_secs = secs.clamp(1.0, 60.0);
    }

    /// Applies one key at `now_secs`.
    pub fn press(&mut self, key: PresenterKey, now_secs: f64) -> Pressed {
        let before = self.index;
        let last = self.tour.len().saturating_sub(1);
        match key {
            PresenterKey::Next if self.digits.is_empty() => self.index = (self.index + 1).min(last),
            PresenterKey::Previous => self.index = self.index.saturating_sub(1),
            PresenterKey::First => self.index = 0,
            PresenterKey::Last => self.index = last,
            PresenterKey::Digit(d) => {
                if self.digits.len() < 4 {
                    self.digits.push(char::from(b'0' + d));
                }
            }
            // Enter both confirms a typed number and, like slide software, goes forward.
            PresenterKey::Jump | PresenterKey::Next => {
                match self.digits.parse::<usize>() {
                    Ok(n) if n >= 1 => self.index = (n - 1).min(last),
                    Ok(_) => {}
                    Err(_) => self.index = (self.index + 1).min(last),
                }
                self.digits.clear();
            }
            PresenterKey::Blackout => self.blackout = !self.blackout,
            // The window opens and closes the view; the step stays.
            PresenterKey::PresenterView => {}
            PresenterKey::Exit => return Pressed::Exit,
        }
        if !matches!(
            key,
            PresenterKey::Digit(_) | PresenterKey::Jump | PresenterKey::Next
        ) {
            self.digits.clear();
        }
        let manual_step = matches!(key, PresenterKey::Previous | PresenterKey::Next);
        if manual_step && self.next_step_at.is_some() {
            // A manual step restarts autoplay's clock so it does not jump twice.
            self.next_step_at = Some(now_secs + self.interval_secs);
        }
        if self.index == before {
            Pressed::Stayed
        } else {
            Pressed::Moved
        }
    }

    /// Moves on when autoplay's time has come; stops at the end. Returns whether it stepped.
    pub fn tick(&mut self, now_secs: f64) -> bool {
        let Some(at) = self.next_step_at else {
            return false;
        };
        if now_secs < at {
            return false;
        }
        if self.index + 1 >= self.tour.len() {
            self.next_step_at = None;
            return false;
        }
        self.index += 1;
        self.next_step_at =
            (self.index + 1 < self.tour.len()).then_some(now_secs + self.interval_secs);
        true
    }

    /// Starts or pauses autoplay.
    pub fn toggle_autoplay(&mut self, now_secs: f64) {
        self.next_step_at = match self.next_step_at {
            Some(_) => None,
            None => Some(now_secs + self.interval_secs),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presenter(n: usize) -> Presenter {
        Presenter::new((0..n).map(|i| Step::milestone(0, i)).collect())
    }

    #[test]
    fn next_and_previous_stop_at_the_ends() {
        let mut p = presenter(3);
        p.press(PresenterKey::Previous, 0.0);
        assert_eq!(p.index, 0);
        for _ in 0..5 {
            p.press(PresenterKey::Next, 0.0);
        }
        assert_eq!(p.index, 2);
    }

    #[test]
    fn digits_then_enter_jump_to_a_step() {
        let mut p = presenter(30);
        p.press(PresenterKey::Digit(1), 0.0);
        p.press(PresenterKey::Digit(2), 0.0);
        p.press(PresenterKey::Jump, 0.0);
        assert_eq!(p.index, 11);
        assert_eq!(p.progress(), "12 / 30");
        p.press(PresenterKey::Digit(9), 0.0);
        p.press(PresenterKey::Digit(9), 0.0);
        p.press(PresenterKey::Jump, 0.0);
        assert_eq!(p.index, 29, "a number past the end goes to the last step");
    }

    #[test]
    fn autoplay_steps_on_time_and_stops_at_the_end() {
        let mut p = presenter(3);
        p.toggle_autoplay(0.0);
        assert!(!p.tick(4.0));
        assert!(p.tick(5.0));
        assert!(p.tick(10.0));
        assert_eq!(p.index, 2);
        assert!(!p.tick(100.0));
        assert_eq!(p.next_step_at, None);
    }
}
