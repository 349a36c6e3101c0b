//! The selected effort's membership on the timeline: a step chart of how many states took part
//! over time, under its bar, so a presenter can point at the growth and the departures; and the
//! two dates Compare mode compares, as marks on the axis and the lanes.

use egui::{Align2, Color32, FontId, Painter, Rect, Stroke, Visuals, pos2};

use crate::data::Initiative;
use crate::ui::time_ruler::TimeRuler;

/// The height of the step chart under the selected lane's bar.
pub const CHART_HEIGHT: f32 = 28.0;
/// The colour of Compare mode's two dates: a dark purple, apart from the date cursor's orange.
pub const COMPARE_MARK: Color32 = Color32::from_rgb(0x5e, 0x3c, 0x99);

/// Paints how many states took part in `initiative` over time, as steps in `rect` (right of
/// `axis_left_x`), up to its end or `today`, with the largest count written beside it.
pub fn paint_step_chart(
    painter: &Painter,
    visuals: &Visuals,
    ruler: &TimeRuler,
    initiative: &Initiative,
    rect: Rect,
    axis_left_x: f32,
    today: i64,
) {
    let counts = initiative.member_counts();
    let max = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    painter.text(
        pos2(rect.left() + 4.0, rect.center().y),
        Align2::LEFT_CENTER,
        format!("states taking part (up to {max})"),
        FontId::proportional(11.0),
        visuals.weak_text_color(),
    );
    if max == 0 {
        return;
    }
    // A membership that changed after the effort's end (a state that left later) is shown.
    let last_change = counts.last().map_or(i64::MIN, |&(day, _)| day);
    let end_day = initiative
        .end
        .map_or(today, |e| e.end_day())
        .max(last_change);
    let y_of = |n: usize| rect.bottom() - 2.0 - (rect.height() - 6.0) * n as f32 / max as f32;
    let x_of = |day: i64| ruler.x_from_date(day as f64).max(axis_left_x);
    let color = visuals.strong_text_color();
    let mut points = Vec::with_capacity(counts.len() * 2 + 1);
    for (k, &(day, n)) in counts.iter().enumerate() {
        let next = counts.get(k + 1).map_or(end_day, |&(d, _)| d);
        let y = y_of(n);
        points.push(pos2(x_of(day), y));
        points.push(pos2(x_of(next), y));
    }
    painter.add(egui::Shape::line(points, Stroke::new(1.5, color)));
    for &(day, n) in &counts {
        let x = x_of(day);
        if x > axis_left_x {
            painter.text(
                pos2(x + 2.0, y_of(n) - 1.0),
                Align2::LEFT_BOTTOM,
                n.to_string(),
                FontId::proportional(10.0),
                color,
            );
        }
    }
}

/// Marks Compare mode's two dates across `rect`, each labelled, "A" at the earlier.
pub fn paint_compare_marks(painter: &Painter, ruler: &TimeRuler, rect: Rect, days: (i64, i64)) {
    for (day, label) in [(days.0, "A"), (days.1, "B")] {
        let x = ruler.x_from_date(day as f64);
        if x < rect.left() {
            continue;
        }
        painter.line_segment(
            [pos2(x, rect.top()), pos2(x, rect.bottom())],
            Stroke::new(2.0, COMPARE_MARK),
        );
        painter.text(
            pos2(x + 3.0, rect.bottom() - 1.0),
            Align2::LEFT_BOTTOM,
            label,
            FontId::proportional(12.0),
            COMPARE_MARK,
        );
    }
}
