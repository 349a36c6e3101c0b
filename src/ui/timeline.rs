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

mod members;

use members::{CHART_HEIGHT, paint_compare_marks, paint_step_chart};

const LANE_HEIGHT: f32 = 20.0;
const AXIS_HEIGHT: f32 = 24.0;
const LABEL_WIDTH: f32 = 210.0;

/// The timeline panel's own state: the axis and the text of the date fields.
#[derive(Debug, Default)]
pub struct TimelinePanel {
    ruler: Option<TimeRuler>,
    date_text: String,
    date_error: Option<String>,
    /// The cursor shown in the date field, to refresh the text when it moves.
    shown_cursor: Option<i64>,
    /// The text of Compare mode's two date fields, and the dates they were last set from.
    compare_text: [String; 2],
    shown_compare: Option<(i64, i64)>,
}

/// What the timeline shows this frame, borrowed from the app.
pub struct TimelineInput<'a> {
    pub dataset: &'a Dataset,
    /// Initiative indices, one lane each, in the side list's order.
    pub lanes: &'a [usize],
    pub selected: Option<usize>,
    /// The date the map shows (a day number).
    pub cursor: Option<i64>,
    /// Compare mode's two days, the earlier first.
    pub compare: Option<(i64, i64)>,
    /// The day number open-ended efforts run to.
    pub today: i64,
}

/// What one frame of the axis and the lanes shows, and where: the panel's inputs, borrowed for
/// the frame, so the drawing functions need not take them one by one.
struct LaneView<'a> {
    /// What the app gave the panel this frame.
    input: &'a TimelineInput<'a>,
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

    /// Draws the panel and pushes what the user asked for into `commands`.
    pub fn ui(&mut self, ui: &mut Ui, input: &TimelineInput<'_>, commands: &mut Vec<Command>) {
        let TimelineInput {
            dataset,
            lanes,
            cursor,
            compare,
            today,
            ..
        } = *input;
        self.sync_date_text(cursor, compare);
        ui.horizontal(|ui| self.toolbar_ui(ui, input, commands));

        let width_px = ui.available_width();
        let view = LaneView {
            input,
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
        // The axis marks, drawn last so they sit over the ticks.
        if let Some(days) = compare {
            paint_compare_marks(&axis_painter, ruler, axis_rect, days);
        } else if let Some(day) = cursor {
            let x = ruler.x_from_date(day as f64);
            if x >= view.axis_left_x {
                axis_painter.line_segment(
                    [pos2(x, axis_rect.top()), pos2(x, axis_rect.bottom())],
                    Stroke::new(2.0, TIMELINE_CURSOR),
                );
            }
        }
    }

    /// Refreshes the date fields' text when their dates were moved elsewhere (the axis, a
    /// tour), so the fields always show the dates the map shows.
    fn sync_date_text(&mut self, cursor: Option<i64>, compare: Option<(i64, i64)>) {
        if self.shown_cursor != cursor {
            self.date_text = cursor.map(iso_date).unwrap_or_default();
            self.shown_cursor = cursor;
            self.date_error = None;
        }
        if self.shown_compare != compare {
            if let Some((a, b)) = compare {
                self.compare_text = [iso_date(a), iso_date(b)];
            }
            self.shown_compare = compare;
        }
    }

    /// The row above the axis: the date field and the panel's buttons, then any error in the
    /// typed date.
    fn toolbar_ui(&mut self, ui: &mut Ui, input: &TimelineInput<'_>, commands: &mut Vec<Command>) {
        ui.strong("Timeline");
        ui.separator();
        if input.compare.is_none() {
            self.date_field_ui(ui, commands);
            if input.cursor.is_some() && ui.button("All dates").clicked() {
                commands.push(Command::SetCursor(None));
            }
        }
        self.compare_ui(ui, input, commands);
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

    /// Compare mode's switch and, while it is on, its two date fields: Enter in either sets
    /// both dates; a date that does not parse keeps them and shows why.
    fn compare_ui(&mut self, ui: &mut Ui, input: &TimelineInput<'_>, commands: &mut Vec<Command>) {
        let mut on = input.compare.is_some();
        let switch = ui.checkbox(&mut on, "Compare two dates").on_hover_text(
            "Colour the selected effort's states by whether they joined, left, stayed or \
             changed role between A and B. On the axis: click or drag sets A, Shift sets B.",
        );
        if switch.changed() {
            // Start from the date shown (or the effort's start) and today.
            let start = input
                .selected
                .and_then(|i| input.dataset.initiatives.get(i))
                .map(|i| i.start.start_day());
            let a = input.cursor.or(start).unwrap_or(input.today);
            commands.push(Command::SetCompare(
                on.then_some((a.min(input.today), input.today)),
            ));
        }
        let Some((a, b)) = input.compare else { return };
        for (k, name) in ["Date A", "Date B"].into_iter().enumerate() {
            let label = ui.label(name);
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.compare_text[k])
                        .desired_width(96.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                // Compared by day: a month or a year counts from its first day.
                match FuzzyDate::parse(self.compare_text[k].trim()) {
                    Ok(date) => {
                        self.date_error = None;
                        let day = date.start_day();
                        let days = if k == 0 { (day, b) } else { (a, day) };
                        commands.push(Command::SetCompare(Some(days)));
                    }
                    Err(e) => self.date_error = Some(format!("{name}: {e}")),
                }
            }
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
    let axis = axis.on_hover_text(match view.input.compare {
        Some(_) => "Click or drag to set date A, with Shift to set date B",
        None => "Click or drag to set the date the map shows; double-click to fit all dates",
    });
    if let Some(pos) = axis.interact_pointer_pos()
        && (axis.clicked() || axis.dragged())
        && pos.x >= view.axis_left_x
    {
        let day = ruler.date_from_x(pos.x).round() as i64;
        commands.push(match view.input.compare {
            Some((a, _)) if ui.input(|i| i.modifiers.shift) => Command::SetCompare(Some((a, day))),
            Some((_, b)) => Command::SetCompare(Some((day, b))),
            None => Command::SetCursor(Some(day)),
        });
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
    let chart = view
        .input
        .selected
        .is_some_and(|i| view.input.lanes.contains(&i));
    let height =
        LANE_HEIGHT * view.input.lanes.len() as f32 + if chart { CHART_HEIGHT } else { 0.0 };
    let (rect, response) = ui.allocate_exact_size(
        vec2(view.width_px, height.max(LANE_HEIGHT)),
        Sense::click_and_drag(),
    );
    let painter = ui.painter_at(rect);
    let pointer = response.hover_pos();
    let hovered_item = paint_lanes(&painter, ui.visuals(), ruler, view, rect, pointer);
    if let Some(days) = view.input.compare {
        paint_compare_marks(&painter, ruler, rect, days);
    } else if let Some(day) = view.input.cursor {
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
        && let Some(initiative) = view.input.dataset.initiatives.get(index)
    {
        response.on_hover_ui_at_pointer(|ui| lane_item_tooltip_ui(ui, initiative, item));
    }
}

/// Paints the lanes in view: the selection's highlight, the initiative's name, its bar and
/// milestones. Lanes scrolled out of the painter's clip are skipped, so a file of ten thousand
/// efforts costs a frame no more than a screenful does. Returns the initiative under the pointer
/// and what of it the pointer is over.
fn paint_lanes(
    painter: &Painter,
    visuals: &Visuals,
    ruler: &TimeRuler,
    view: &LaneView<'_>,
    rect: Rect,
    pointer: Option<Pos2>,
) -> Option<(usize, LaneItem)> {
    let mut hovered_item = None;
    let mut top = rect.top();
    let clip = painter.clip_rect();
    for &index in view.input.lanes {
        let Some(initiative) = view.input.dataset.initiatives.get(index) else {
            continue;
        };
        let lane = Rect::from_min_size(pos2(rect.left(), top), vec2(view.width_px, LANE_HEIGHT));
        let selected = view.input.selected == Some(index);
        top += LANE_HEIGHT + if selected { CHART_HEIGHT } else { 0.0 };
        if top < clip.top() {
            continue;
        }
        if lane.top() > clip.bottom() {
            break;
        }
        if selected {
            // The selected lane has its membership over time under its bar.
            let chart = Rect::from_min_size(lane.left_bottom(), vec2(view.width_px, CHART_HEIGHT));
            painter.rect_filled(
                lane.union(chart),
                0.0,
                visuals.selection.bg_fill.gamma_multiply(0.35),
            );
            let left_x = view.axis_left_x;
            paint_step_chart(
                painter,
                visuals,
                ruler,
                initiative,
                chart,
                left_x,
                view.input.today,
            );
        }
        painter.text(
            pos2(lane.left() + 4.0, lane.center().y),
            Align2::LEFT_CENTER,
            truncate(&initiative.name, 30),
            FontId::proportional(12.0),
            visuals.text_color(),
        );
        let item = draw_lane(painter, ruler, initiative, lane, view.input.today, pointer);
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
