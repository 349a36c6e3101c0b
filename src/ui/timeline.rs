//! The timeline panel: one lane per initiative, milestones on them, and a date cursor that sets
//! the date the map shows the world as of.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::data::date::{FuzzyDate, iso_date};
use crate::data::{Dataset, Initiative, Precision, Status};
use crate::scene::palette::{DARK_OUTLINE, TIMELINE_BAR, TIMELINE_BAR_CONTRAST, TIMELINE_CURSOR};
use crate::ui::time_ruler::TimeRuler;

/// What the user did in the timeline, applied by the app.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimelineAction {
    SelectInitiative(usize),
    /// A milestone was clicked: select its initiative and show its caption.
    ShowMilestone {
        initiative: usize,
        milestone: usize,
    },
    /// Move the date cursor (a day number), or clear it.
    SetCursor(Option<i64>),
    Present,
    /// Collapse the panel to a button.
    Hide,
}

const LANE_HEIGHT: f32 = 20.0;
const AXIS_HEIGHT: f32 = 24.0;
const LABEL_WIDTH: f32 = 210.0;

/// The timeline panel's own state: the axis and the text of the date field.
#[derive(Debug, Default)]
pub struct TimelinePanel {
    ruler: Option<TimeRuler>,
    date_text: String,
    date_error: Option<String>,
    /// The cursor shown in the date field, to refresh the text when it moves.
    shown_cursor: Option<i64>,
}

impl TimelinePanel {
    /// The current axis, once drawn.
    pub fn ruler(&self) -> Option<TimeRuler> {
        self.ruler
    }

    /// Draws the panel. `lanes` are initiative indices in the side list's order; `today` is the
    /// day number open-ended efforts run to.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        lanes: &[usize],
        selected: Option<usize>,
        cursor: Option<i64>,
        today: i64,
    ) -> Vec<TimelineAction> {
        let mut actions = Vec::new();
        if self.shown_cursor != cursor {
            self.date_text = cursor.map(iso_date).unwrap_or_default();
            self.shown_cursor = cursor;
            self.date_error = None;
        }
        ui.horizontal(|ui| {
            ui.strong("Timeline");
            ui.separator();
            let label = ui.label("Show the world as of");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.date_text)
                        .desired_width(110.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                match self.date_text.trim() {
                    "" => actions.push(TimelineAction::SetCursor(None)),
                    text => match FuzzyDate::parse(text) {
                        Ok(date) => {
                            self.date_error = None;
                            actions.push(TimelineAction::SetCursor(Some(date.end_day())));
                        }
                        Err(e) => self.date_error = Some(e.to_string()),
                    },
                }
            }
            if cursor.is_some() && ui.button("All dates").clicked() {
                actions.push(TimelineAction::SetCursor(None));
            }
            if ui.button("Fit all").clicked() {
                self.ruler = None;
            }
            if ui.button("Present (F5)").clicked() {
                actions.push(TimelineAction::Present);
            }
            if ui.button("Hide timeline").clicked() {
                actions.push(TimelineAction::Hide);
            }
            if let Some(error) = &self.date_error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
        });

        let (first, last) = span(dataset, lanes, today);
        let width = ui.available_width();
        let axis_left = ui.cursor().min.x + LABEL_WIDTH;
        let axis_width = (width - LABEL_WIDTH).max(50.0);
        let ruler = self
            .ruler
            .get_or_insert_with(|| TimeRuler::fit(first, last, axis_left, axis_width));
        ruler.left_x = axis_left;

        // The axis: drag or click on it to move the date cursor.
        let (axis_rect, axis) =
            ui.allocate_exact_size(vec2(width, AXIS_HEIGHT), Sense::click_and_drag());
        let axis = axis.on_hover_text(
            "Click or drag to set the date the map shows; double-click to fit all dates",
        );
        if let Some(pos) = axis.interact_pointer_pos()
            && (axis.clicked() || axis.dragged())
            && pos.x >= axis_left
        {
            actions.push(TimelineAction::SetCursor(Some(
                ruler.date_from_x(pos.x).round() as i64,
            )));
        }
        let painter = ui.painter_at(axis_rect);
        for tick in ruler.ticks(axis_width) {
            let x = ruler.x_from_date(tick.day as f64);
            let top = if tick.major {
                axis_rect.top() + 4.0
            } else {
                axis_rect.bottom() - 7.0
            };
            painter.line_segment(
                [pos2(x, top), pos2(x, axis_rect.bottom())],
                Stroke::new(1.0, ui.visuals().weak_text_color()),
            );
            if !tick.label.is_empty() {
                painter.text(
                    pos2(x + 3.0, axis_rect.top() + 2.0),
                    Align2::LEFT_TOP,
                    &tick.label,
                    FontId::proportional(11.0),
                    ui.visuals().text_color(),
                );
            }
        }

        let mut hovered_item = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let height = LANE_HEIGHT * lanes.len() as f32;
                let (rect, response) = ui.allocate_exact_size(
                    vec2(width, height.max(LANE_HEIGHT)),
                    Sense::click_and_drag(),
                );
                let painter = ui.painter_at(rect);
                let pointer = response.hover_pos();
                for (row, &index) in lanes.iter().enumerate() {
                    let Some(initiative) = dataset.initiatives.get(index) else {
                        continue;
                    };
                    let lane = Rect::from_min_size(
                        pos2(rect.left(), rect.top() + row as f32 * LANE_HEIGHT),
                        vec2(width, LANE_HEIGHT),
                    );
                    if selected == Some(index) {
                        painter.rect_filled(
                            lane,
                            0.0,
                            ui.visuals().selection.bg_fill.gamma_multiply(0.35),
                        );
                    }
                    painter.text(
                        pos2(lane.left() + 4.0, lane.center().y),
                        Align2::LEFT_CENTER,
                        truncate(&initiative.name, 30),
                        FontId::proportional(12.0),
                        ui.visuals().text_color(),
                    );
                    let item = draw_lane(&painter, ruler, initiative, lane, today, pointer);
                    if let Some(item) = item {
                        hovered_item = Some((index, item));
                    }
                    if pointer.is_some_and(|p| lane.contains(p)) && hovered_item.is_none() {
                        hovered_item = Some((index, LaneItem::Lane));
                    }
                }
                if let Some(day) = cursor {
                    let x = ruler.x_from_date(day as f64);
                    painter.line_segment(
                        [pos2(x, rect.top()), pos2(x, rect.bottom())],
                        Stroke::new(2.0, TIMELINE_CURSOR),
                    );
                }

                // Ctrl + wheel (or a pinch) zooms the axis; a plain drag pans it.
                if response.hovered() {
                    let zoom = ui.input(|i| i.zoom_delta());
                    if zoom != 1.0
                        && let Some(p) = pointer
                    {
                        ruler.zoom_around(p.x, f64::from(zoom));
                    }
                }
                if response.dragged() {
                    ruler.pan(response.drag_delta().x);
                }
                if response.double_clicked() {
                    *ruler = TimeRuler::fit(first, last, axis_left, axis_width);
                } else if response.clicked() {
                    match hovered_item {
                        Some((index, LaneItem::Milestone(m))) => {
                            actions.push(TimelineAction::ShowMilestone {
                                initiative: index,
                                milestone: m,
                            })
                        }
                        Some((index, _)) => actions.push(TimelineAction::SelectInitiative(index)),
                        None => {}
                    }
                }
                if let Some((index, item)) = hovered_item
                    && let Some(initiative) = dataset.initiatives.get(index)
                {
                    response.on_hover_ui_at_pointer(|ui| match item {
                        LaneItem::Milestone(m) => {
                            if let Some(m) = initiative.milestones.get(m) {
                                ui.strong(format!("{} — {}", m.date, m.title));
                                ui.label(RichText::new(&initiative.name).italics());
                                ui.label(&m.outcome);
                            }
                        }
                        LaneItem::Bar | LaneItem::Lane => {
                            ui.strong(&initiative.name);
                            ui.label(format!(
                                "{} · {}",
                                initiative.span_label(),
                                initiative.status.label()
                            ));
                        }
                    });
                }
            });
        // The axis cursor mark, drawn last so it sits over the ticks.
        if let Some(day) = cursor {
            let x = ruler.x_from_date(day as f64);
            if x >= axis_left {
                painter.line_segment(
                    [pos2(x, axis_rect.top()), pos2(x, axis_rect.bottom())],
                    Stroke::new(2.0, TIMELINE_CURSOR),
                );
            }
        }
        actions
    }
}

/// What the pointer is over in a lane.
#[derive(Clone, Copy, Debug, PartialEq)]
enum LaneItem {
    Milestone(usize),
    Bar,
    Lane,
}

/// Draws one lane: the effort's bar and its milestones. Returns what the pointer is over.
fn draw_lane(
    painter: &egui::Painter,
    ruler: &TimeRuler,
    initiative: &Initiative,
    lane: Rect,
    today: i64,
    pointer: Option<Pos2>,
) -> Option<LaneItem> {
    let contrast = initiative.kind == crate::data::Kind::Contrast;
    let color = if contrast {
        TIMELINE_BAR_CONTRAST
    } else {
        TIMELINE_BAR
    };
    let start = ruler
        .x_from_date(initiative.start.start_day() as f64)
        .max(lane.left() + LABEL_WIDTH);
    let end_day = initiative.end.map_or(today, |e| e.end_day());
    let end = ruler.x_from_date(end_day as f64).max(start + 2.0);
    let bar = Rect::from_min_max(
        pos2(start, lane.top() + 6.0),
        pos2(end, lane.bottom() - 6.0),
    );
    if bar.right() > lane.left() + LABEL_WIDTH {
        match (initiative.status, initiative.end) {
            // Proposed: an outline only, since it has not happened.
            (Status::Proposed, _) => {
                painter.rect_stroke(bar, 2.0, Stroke::new(1.5, color), egui::StrokeKind::Inside);
            }
            // Open-ended: filled to today, then an arrow to say it goes on.
            (_, None) => {
                painter.rect_filled(bar, 2.0, color.gamma_multiply(0.8));
                let tip = pos2(bar.right() + 7.0, bar.center().y);
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        pos2(bar.right(), bar.top() - 2.0),
                        tip,
                        pos2(bar.right(), bar.bottom() + 2.0),
                    ],
                    color,
                    Stroke::NONE,
                ));
            }
            _ => {
                painter.rect_filled(bar, 2.0, color);
            }
        }
    }
    let mut over = None;
    for (i, m) in initiative.milestones.iter().enumerate() {
        let x0 = ruler.x_from_date(m.date.start_day() as f64);
        let x1 = ruler.x_from_date((m.date.end_day() + 1) as f64);
        if x1 < lane.left() + LABEL_WIDTH {
            continue;
        }
        let y = lane.center().y;
        // A day is a point; a month, a year or a range is drawn as the span it may mean.
        let exact_day = !m.date.is_range() && m.date.latest.precision() == Precision::Day;
        let hit = if exact_day || x1 - x0 < 6.0 {
            let centre = pos2((x0 + x1) / 2.0, y);
            painter.circle(centre, 4.0, Color32::WHITE, Stroke::new(1.5, DARK_OUTLINE));
            Rect::from_center_size(centre, vec2(10.0, 12.0))
        } else {
            let span = Rect::from_min_max(pos2(x0, y - 4.0), pos2(x1, y + 4.0));
            painter.rect(
                span,
                3.0,
                Color32::WHITE.gamma_multiply(0.8),
                Stroke::new(1.5, DARK_OUTLINE),
                egui::StrokeKind::Inside,
            );
            span.expand(2.0)
        };
        if pointer.is_some_and(|p| hit.contains(p)) {
            over = Some(LaneItem::Milestone(i));
        }
    }
    over.or_else(|| {
        pointer
            .filter(|p| bar.expand(2.0).contains(*p))
            .map(|_| LaneItem::Bar)
    })
}

/// The days the lanes cover, from the first start to the last end (or today).
fn span(dataset: &Dataset, lanes: &[usize], today: i64) -> (i64, i64) {
    let mut first = i64::MAX;
    let mut last = i64::MIN;
    for initiative in lanes.iter().filter_map(|&i| dataset.initiatives.get(i)) {
        first = first.min(initiative.start.start_day());
        last = last.max(initiative.end.map_or(today, |e| e.end_day()));
        for m in &initiative.milestones {
            last = last.max(m.date.end_day());
        }
    }
    if first > last {
        (crate::data::date::day_from_ymd(1990, 1, 1), today)
    } else {
        (first, last)
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max_chars - 1).collect();
        format!("{cut}…")
    }
}
