//! The timeline's time ↔ x mapping, apart from any drawing, after rerun's `re_time_ruler`.
//!
//! Dates are day numbers (days since 1970-01-01, as in `data::date`), kept in `f64` so the axis
//! can zoom between whole decades and single days smoothly.

use crate::data::date::{day_from_ymd, ymd_from_day};

/// A linear mapping between day numbers and x coordinates in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeRuler {
    /// The day at `left_x`.
    pub left_day: f64,
    /// Days per point; smaller is more zoomed in.
    pub days_per_point: f64,
    /// Where the axis starts on screen.
    pub left_x: f32,
}

/// A labelled mark on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub day: i64,
    pub label: String,
    /// Major ticks get a longer line and their label.
    pub major: bool,
}

/// The least the ruler zooms in to: a few days across a wide panel.
const MIN_DAYS_PER_POINT: f64 = 0.05;
/// The most it zooms out to: two centuries across a small panel.
const MAX_DAYS_PER_POINT: f64 = 200.0;

impl TimeRuler {
    /// A ruler showing `first_day..=last_day` across `width` points from `left_x`, with a
    /// little room either side.
    pub fn fit(first_day: i64, last_day: i64, left_x: f32, width: f32) -> Self {
        let span = (last_day - first_day).max(1) as f64;
        let margin = span * 0.03;
        let days_per_point = ((span + 2.0 * margin) / f64::from(width.max(1.0)))
            .clamp(MIN_DAYS_PER_POINT, MAX_DAYS_PER_POINT);
        Self {
            left_day: first_day as f64 - margin,
            days_per_point,
            left_x,
        }
    }

    /// The x of a day.
    pub fn x_from_date(&self, day: f64) -> f32 {
        self.left_x + ((day - self.left_day) / self.days_per_point) as f32
    }

    /// The day at an x.
    pub fn date_from_x(&self, x: f32) -> f64 {
        self.left_day + f64::from(x - self.left_x) * self.days_per_point
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the day under `x` in place.
    pub fn zoom_around(&mut self, x: f32, factor: f64) {
        let pinned = self.date_from_x(x);
        self.days_per_point = (self.days_per_point / factor.max(f64::MIN_POSITIVE))
            .clamp(MIN_DAYS_PER_POINT, MAX_DAYS_PER_POINT);
        self.left_day = pinned - f64::from(x - self.left_x) * self.days_per_point;
    }

    /// Moves the axis by `dx` points (positive moves content right, to earlier dates).
    pub fn pan(&mut self, dx: f32) {
        self.left_day -= f64::from(dx) * self.days_per_point;
    }

    /// Ticks across `width` points: decades, years or months, whichever keeps labels apart.
    pub fn ticks(&self, width: f32) -> Vec<Tick> {
        let first = self.date_from_x(self.left_x).floor() as i64;
        let last = self.date_from_x(self.left_x + width).ceil() as i64;
        let (y0, _, _) = ymd_from_day(first);
        let (y1, _, _) = ymd_from_day(last);
        let year_px = 365.25 / self.days_per_point;
        let mut ticks = Vec::new();
        if year_px >= 70.0 {
            // Months, labelled; years are the major ticks.
            let month_step = if year_px >= 300.0 {
                1
            } else if year_px >= 140.0 {
                3
            } else {
                6
            };
            for year in y0..=y1 {
                for month in (1..=12).step_by(month_step) {
                    let day = day_from_ymd(year, month as u8, 1);
                    let label = if month == 1 {
                        year.to_string()
                    } else {
                        MONTHS[month - 1].to_owned()
                    };
                    ticks.push(Tick {
                        day,
                        label,
                        major: month == 1,
                    });
                }
            }
        } else {
            // Years, labelled every 1, 2, 5 or 10; decades are major.
            let label_every = [1, 2, 5, 10, 20, 50]
                .into_iter()
                .find(|n| year_px * f64::from(*n) >= 40.0)
                .unwrap_or(100);
            let step = if year_px >= 6.0 { 1 } else { label_every };
            let start = y0 - y0.rem_euclid(step);
            for year in (start..=y1).step_by(step as usize) {
                ticks.push(Tick {
                    day: day_from_ymd(year, 1, 1),
                    label: if year % label_every == 0 {
                        year.to_string()
                    } else {
                        String::new()
                    },
                    major: year % 10 == 0,
                });
            }
        }
        ticks.retain(|t| t.day >= first && t.day <= last);
        ticks
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> f64 {
        day_from_ymd(y, m, d) as f64
    }

    #[test]
    fn x_and_date_are_inverse() {
        let ruler = TimeRuler::fit(day(1990, 1, 1) as i64, day(2025, 1, 1) as i64, 100.0, 800.0);
        for d in [day(1993, 9, 13), day(2008, 5, 21), day(2021, 5, 14)] {
            // x is in f32 points: a hundredth of a day is far below a pixel.
            assert!((ruler.date_from_x(ruler.x_from_date(d)) - d).abs() < 0.01);
        }
    }

    #[test]
    fn fitting_puts_the_span_inside_the_width() {
        let (a, b) = (day(1990, 1, 1), day(2025, 1, 1));
        let ruler = TimeRuler::fit(a as i64, b as i64, 100.0, 800.0);
        assert!(ruler.x_from_date(a) > 100.0 && ruler.x_from_date(a) < 130.0);
        assert!(ruler.x_from_date(b) < 900.0 && ruler.x_from_date(b) > 870.0);
    }

    #[test]
    fn later_dates_are_further_right() {
        let ruler = TimeRuler::fit(day(1990, 1, 1) as i64, day(2025, 1, 1) as i64, 0.0, 500.0);
        assert!(ruler.x_from_date(day(2001, 1, 1)) < ruler.x_from_date(day(2001, 1, 2)));
    }

    #[test]
    fn zooming_keeps_the_day_under_the_pointer() {
        let mut ruler = TimeRuler::fit(day(1990, 1, 1) as i64, day(2025, 1, 1) as i64, 0.0, 1000.0);
        let before = ruler.date_from_x(420.0);
        ruler.zoom_around(420.0, 3.0);
        assert!((ruler.date_from_x(420.0) - before).abs() < 1e-6);
        assert!(ruler.days_per_point < 13.0);
    }

    #[test]
    fn ticks_go_from_decades_to_years_to_months_as_the_axis_zooms_in() {
        let mut ruler = TimeRuler::fit(day(1990, 1, 1) as i64, day(2025, 1, 1) as i64, 0.0, 800.0);
        let wide = ruler.ticks(800.0);
        assert!(wide.iter().any(|t| t.label == "2000"));
        assert!(!wide.iter().any(|t| MONTHS.contains(&t.label.as_str())));
        ruler.zoom_around(400.0, 40.0);
        let close = ruler.ticks(800.0);
        assert!(
            close.iter().any(|t| MONTHS.contains(&t.label.as_str())),
            "{close:?}"
        );
    }

    #[test]
    fn zoom_stops_at_its_limits() {
        let mut ruler = TimeRuler::fit(0, 10_000, 0.0, 800.0);
        ruler.zoom_around(0.0, 1e9);
        assert_eq!(ruler.days_per_point, MIN_DAYS_PER_POINT);
        ruler.zoom_around(0.0, 1e-9);
        assert_eq!(ruler.days_per_point, MAX_DAYS_PER_POINT);
    }
}
