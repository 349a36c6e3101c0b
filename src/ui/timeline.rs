//! The timeline panel: one lane per initiative, milestones on them, and a date cursor that sets
//! the date the map shows the world as of.

use egui::{
    Align2, Color32, FontId, Painter, Pos2, Rect, RichText, Sense, Stroke, Ui, Visuals, pos2, vec2,
};

use crate::data::date::{FuzzyDate, iso_date};
use crate::data::{Dataset, Initiative, Precision, Status};
use crate::scene::palette::{DARK_OUTLINE, TIMELINE_BAR, TIMELINE_BAR_CONTRAST, TIMELINE_CURSOR};
use crate::ui::command::Command;
use crate::ui::time_ruler::TimeRuler;

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

/// What one frame of the axis and the lanes shows, and where: the panel's inputs, borrowed for
/// the frame, so the drawing functions need not take them one by one.
struct LaneView<'a> {
    dataset: &'a Dataset,
    /// Initiative indices, one lane each, in the side list's order.
    lanes: &'a [usize],
    selected: Option<usize>,
    cursor: Option<i64>,
    /// The day number open-ended efforts run to.
    today: i64,
    /// The first and last day the lanes cover.
    span_days: (i64, i64),
    width_px: f32,
    /// Where the axis starts, right of the lanes' names.
    axis_left_x: f32,
    axis_width_px: f32,
}

impl LaneView<'_> {
    /// The axis that shows every date of the lanes.
    fn fitted_ruler(&self) -> TimeRuler {
        let (first, last) = self.span_days;
        TimeRuler::fit(first, last, self.axis_left_x, self.axis_width_px)
    }
}

impl TimelinePanel {
    /// The current axis, once drawn.
    pub fn ruler(&self) -> Option<TimeRuler> {
        self.ruler
    }

    /// Draws the panel and pushes what the user asked for into `commands`. `lanes` are
    /// initiative indices in the side list's order; `today` is the day number open-ended efforts
    /// run to.
    #[expect(
        clippy::too_many_arguments,
        reason = "the app's state, borrowed field by field; a struct would only rename them"
    )]
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        dataset: &Dataset,
        lanes: &[usize],
        selected: Option<usize>,
        cursor: Option<i64>,
        today: i64,
        commands: &mut Vec<Command>,
    ) {
        self.sync_date_text(cursor);
        ui.horizontal(|ui| self.toolbar_ui(ui, cursor, commands));

        let width_px = ui.available_width();
        let view = LaneView {
            dataset,
            lanes,
            selected,
            cursor,
            today,
            span_days: span(dataset, lanes, today),
            width_px,
            axis_left_x: ui.cursor().min.x + LABEL_WIDTH,
            axis_width_px: (width_px - LABEL_WIDTH).max(50.0),
        };
        let ruler = self.ruler.get_or_insert_with(|| view.fitted_ruler());
        ruler.left_x = view.axis_left_x;

        let (axis_rect, axis_painter) = axis_ui(ui, ruler, &view, commands);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| lanes_ui(ui, ruler, &view, commands));
        // The axis cursor mark, drawn last so it sits over the ticks.
        if let Some(day) = cursor {
            let x = ruler.x_from_date(day as f64);
            if x >= view.axis_left_x {
                axis_painter.line_segment(
                    [pos2(x, axis_rect.top()), pos2(x, axis_rect.bottom())],
                    Stroke::new(2.0, TIMELINE_CURSOR),
                );
            }
        }
    }

    /// Refreshes the date field's text when the cursor was moved elsewhere (the axis, a tour),
    /// so the field always shows the date the map shows.
    fn sync_date_text(&mut self, cursor: Option<i64>) {
        if self.shown_cursor != cursor {
            self.date_text = cursor.map(iso_date).unwrap_or_default();
            self.shown_cursor = cursor;
            self.date_error = None;
        }
    }

    /// The row above the axis: the date field and the panel's buttons, then any error in the
    /// typed date.
    fn toolbar_ui(&mut self, ui: &mut Ui, cursor: Option<i64>, commands: &mut Vec<Command>) {
        ui.strong("Timeline");
        ui.separator();
        self.date_field_ui(ui, commands);
        if cursor.is_some() && ui.button("All dates").clicked() {
            commands.push(Command::SetCursor(None));
        }
        if ui.button("Fit all").clicked() {
            self.ruler = None;
        }
        if ui.button("Present (F5)").clicked() {
            commands.push(Command::StartPresenting);
        }
        if ui.button("Hide timeline").clicked() {
            commands.push(Command::SetTimelineOpen(false));
        }
        if let Some(error) = &self.date_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
    }

    /// A field to type the date the map shows: Enter moves the cursor there, and an empty
    /// field clears it. A date that does not parse keeps the cursor and shows why.
    fn date_field_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
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
                "" => commands.push(Command::SetCursor(None)),
                text => match FuzzyDate::parse(text) {
                    Ok(date) => {
                        self.date_error = None;
                        commands.push(Command::SetCursor(Some(date.end_day())));
                    }
                    Err(e) => self.date_error = Some(e.to_string()),
                },
            }
        }
    }
}

/// The date axis above the lanes: click or drag on it to move the date cursor. Returns its rect
/// and painter, so the cursor mark can be drawn over it once the lanes are drawn.
fn axis_ui(
    ui: &mut Ui,
    ruler: &TimeRuler,
    view: &LaneView<'_>,
    commands: &mut Vec<Command>,
) -> (Rect, Painter) {
    let (axis_rect, axis) =
        ui.allocate_exact_size(vec2(view.width_px, AXIS_HEIGHT), Sense::click_and_drag());
    let axis = axis.on_hover_text(
        "Click or drag to set the date the map shows; double-click to fit all dates",
    );
    if let Some(pos) = axis.interact_pointer_pos()
        && (axis.clicked() || axis.dragged())
        && pos.x >= view.axis_left_x
    {
        commands.push(Command::SetCursor(Some(
            ruler.date_from_x(pos.x).round() as i64
        )));
    }
    let painter = ui.painter_at(axis_rect);
    paint_ticks(&painter, ui.visuals(), ruler, axis_rect, view.axis_width_px);
    (axis_rect, painter)
}

/// The axis's tick marks, long for major ticks, with their labels.
fn paint_ticks(
    painter: &Painter,
    visuals: &Visuals,
    ruler: &TimeRuler,
    axis_rect: Rect,
    axis_width_px: f32,
) {
    for tick in ruler.ticks(axis_width_px) {
        let x = ruler.x_from_date(tick.day as f64);
        let top = if tick.major {
            axis_rect.top() + 4.0
        } else {
            axis_rect.bottom() - 7.0
        };
        painter.line_segment(
            [pos2(x, top), pos2(x, axis_rect.bottom())],
            Stroke::new(1.0, visuals.weak_text_color()),
        );
        if !tick.label.is_empty() {
            painter.text(
                pos2(x + 3.0, axis_rect.top() + 2.0),
                Align2::LEFT_TOP,
                &tick.label,
                FontId::proportional(11.0),
                visuals.text_color(),
            );
        }
    }
}

/// The lanes under the axis, inside the scroll area. Ctrl + wheel (or a pinch) zooms the axis,
/// a drag pans it, a double-click fits it; a click selects the initiative or milestone under
/// the pointer, and hovering one explains it.
fn lanes_ui(ui: &mut Ui, ruler: &mut TimeRuler, view: &LaneView<'_>, commands: &mut Vec<Command>) {
    let height = LANE_HEIGHT * view.lanes.len() as f32;
    let (rect, response) = ui.allocate_exact_size(
        vec2(view.width_px, height.max(LANE_HEIGHT)),
        Sense::click_and_drag(),
    );
    let painter = ui.painter_at(rect);
    let pointer = response.hover_pos();
    let hovered_item = paint_lanes(&painter, ui.visuals(), ruler, view, rect, pointer);
    if let Some(day) = view.cursor {
        let x = ruler.x_from_date(day as f64);
        painter.line_segment(
            [pos2(x, rect.top()), pos2(x, rect.bottom())],
            Stroke::new(2.0, TIMELINE_CURSOR),
        );
    }

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
        *ruler = view.fitted_ruler();
    } else if response.clicked() {
        match hovered_item {
            Some((index, LaneItem::Milestone(m))) => commands.push(Command::ShowMilestone {
                initiative: index,
                milestone: m,
            }),
            Some((index, _)) => commands.push(Command::SelectInitiative(Some(index))),
            None => {}
        }
    }
    if let Some((index, item)) = hovered_item
        && let Some(initiative) = view.dataset.initiatives.get(index)
    {
        response.on_hover_ui_at_pointer(|ui| lane_item_tooltip_ui(ui, initiative, item));
    }
}

/// Paints every lane: the selection's highlight, the initiative's name, its bar and milestones.
/// Returns the initiative under the pointer and what of it the pointer is over.
fn paint_lanes(
    painter: &Painter,
    visuals: &Visuals,
    ruler: &TimeRuler,
    view: &LaneView<'_>,
    rect: Rect,
    pointer: Option<Pos2>,
) -> Option<(usize, LaneItem)> {
    let mut hovered_item = None;
    for (row, &index) in view.lanes.iter().enumerate() {
        let Some(initiative) = view.dataset.initiatives.get(index) else {
            continue;
        };
        let lane = Rect::from_min_size(
            pos2(rect.left(), rect.top() + row as f32 * LANE_HEIGHT),
            vec2(view.width_px, LANE_HEIGHT),
        );
        if view.selected == Some(index) {
            painter.rect_filled(lane, 0.0, visuals.selection.bg_fill.gamma_multiply(0.35));
        }
        painter.text(
            pos2(lane.left() + 4.0, lane.center().y),
            Align2::LEFT_CENTER,
            truncate(&initiative.name, 30),
            FontId::proportional(12.0),
            visuals.text_color(),
        );
        let item = draw_lane(painter, ruler, initiative, lane, view.today, pointer);
        if let Some(item) = item {
            hovered_item = Some((index, item));
        }
        if pointer.is_some_and(|p| lane.contains(p)) && hovered_item.is_none() {
            hovered_item = Some((index, LaneItem::Lane));
        }
    }
    hovered_item
}

/// The tooltip of what the pointer is over: a milestone's date, title and outcome, or an
/// initiative's span and status.
fn lane_item_tooltip_ui(ui: &mut Ui, initiative: &Initiative, item: LaneItem) {
    match item {
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
    painter: &Painter,
    ruler: &TimeRuler,
    initiative: &Initiative,
    lane: Rect,
    today: i64,
    pointer: Option<Pos2>,
) -> Option<LaneItem> {
    let bar = paint_bar(painter, ruler, initiative, lane, today);
    paint_milestones(painter, ruler, initiative, lane, pointer).or_else(|| {
        pointer
            .filter(|p| bar.expand(2.0).contains(*p))
            .map(|_| LaneItem::Bar)
    })
}

/// Paints the bar from an effort's start to its end (or today), drawn so its status shows
/// without colour. Returns the bar's rect, to hit-test it.
fn paint_bar(
    painter: &Painter,
    ruler: &TimeRuler,
    initiative: &Initiative,
    lane: Rect,
    today: i64,
) -> Rect {
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
    bar
}

/// Paints an effort's milestones on its lane. Returns the milestone under the pointer.
fn paint_milestones(
    painter: &Painter,
    ruler: &TimeRuler,
    initiative: &Initiative,
    lane: Rect,
    pointer: Option<Pos2>,
) -> Option<LaneItem> {
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
    over
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
