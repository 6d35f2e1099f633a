//! The plans' charts as the templates draw them (`templates/plans/charts.html`): a measure's
//! path and validated values, and a plan's bars of progress towards each target. The geometry
//! is `domain::charts`; here only what is shown: formatted figures and coordinates rounded to
//! a tenth of a pixel. Only validated values are drawn.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::charts::{measure_geometry, share_of_way, Point};
use crate::domain::plans::{MeasureStatus, ProgressStatus};
use crate::services::plans::{MeasureView, PlanView};

/// A number as the language writes it (CLDR's symbols: `1 234,5` in French, `1.234,5` in
/// Spanish), to six decimals at most.
pub fn number(n: f64, lang: &str) -> String {
    crate::l10n::format_number(n, lang, 6)
}

fn px(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[derive(Debug, Serialize)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

/// One row of the table beside a measure's chart.
#[derive(Debug, Serialize)]
pub struct FigureRow {
    /// `baseline`, `value` or `target`.
    pub kind: &'static str,
    pub on: String,
    pub value: String,
    /// Where the straight path expects the measure that day (values only).
    pub expected: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MeasureChart {
    pub measure_id: String,
    pub numeric: bool,
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub path: [f64; 4],
    pub due_x: f64,
    /// The validated values' polyline (`x,y x,y …`).
    pub line: String,
    pub points: Vec<Mark>,
    pub y_ticks: Vec<Mark>,
    pub x_ticks: Vec<Mark>,
    pub baseline: String,
    pub baseline_on: String,
    pub target: String,
    pub due_on: String,
    pub count: usize,
    pub latest: Option<String>,
    pub latest_on: Option<String>,
    /// The table's rows: the baseline, every validated value, the target.
    pub figures: Vec<FigureRow>,
    /// Qualitative measures: the validated values as written.
    pub texts: Vec<FigureRow>,
}

fn validated(m: &MeasureView) -> impl Iterator<Item = (NaiveDate, &serde_json::Value)> + '_ {
    m.progress
        .iter()
        .filter(|p| p.status == ProgressStatus::Validated)
        .map(|p| (p.on, &p.value))
}

fn text_of(v: &serde_json::Value, lang: &str) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.as_f64().map(|n| number(n, lang)).unwrap_or_default(),
    }
}

fn expected_on(baseline: (NaiveDate, f64), target: (NaiveDate, f64), on: NaiveDate) -> f64 {
    let span = (target.0 - baseline.0).num_days().max(1) as f64;
    let elapsed = ((on - baseline.0).num_days() as f64 / span).clamp(0.0, 1.0);
    baseline.1 + (target.1 - baseline.1) * elapsed
}

/// A measure's chart (`numeric` false: no path, the values' texts only).
pub fn measure_chart(m: &MeasureView, lang: &str) -> MeasureChart {
    let base = m.baseline.value.as_f64();
    let goal = m.target.as_f64();
    let numeric = m.measure.is_numeric() && base.is_some() && goal.is_some();
    let baseline = (m.baseline.on, base.unwrap_or(0.0));
    let target = (m.due_on, goal.unwrap_or(1.0));
    let values: Vec<(NaiveDate, f64)> = validated(m)
        .filter_map(|(on, v)| v.as_f64().map(|n| (on, n)))
        .collect();
    let texts: Vec<FigureRow> = validated(m)
        .map(|(on, v)| FigureRow {
            kind: "value",
            on: on.to_string(),
            value: text_of(v, lang),
            expected: None,
        })
        .collect();
    let g = measure_geometry(baseline, target, if numeric { &values[..] } else { &[] });
    let mark = |p: &Point, label: String| Mark {
        x: px(p.x),
        y: px(p.y),
        label,
    };
    let points: Vec<Mark> = g
        .values
        .iter()
        .zip(&values)
        .map(|(p, (on, v))| mark(p, format!("{on}: {}", number(*v, lang))))
        .collect();
    let mut figures = vec![FigureRow {
        kind: "baseline",
        on: m.baseline.on.to_string(),
        value: text_of(&m.baseline.value, lang),
        expected: None,
    }];
    figures.extend(values.iter().map(|(on, v)| FigureRow {
        kind: "value",
        on: on.to_string(),
        value: number(*v, lang),
        expected: Some(number(expected_on(baseline, target, *on), lang)),
    }));
    figures.push(FigureRow {
        kind: "target",
        on: m.due_on.to_string(),
        value: text_of(&m.target, lang),
        expected: None,
    });
    let latest = texts.last();
    MeasureChart {
        measure_id: m.id.clone(),
        numeric,
        width: g.frame.width,
        height: g.frame.height,
        left: g.frame.left,
        right: g.frame.right,
        top: g.frame.top,
        bottom: g.frame.bottom,
        path: [
            px(g.path_start.x),
            px(g.path_start.y),
            px(g.path_end.x),
            px(g.path_end.y),
        ],
        due_x: px(g.due_x),
        line: points
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" "),
        points,
        y_ticks: g
            .y_ticks
            .iter()
            .map(|t| Mark {
                x: g.frame.left,
                y: px(t.at),
                label: number(t.value, lang),
            })
            .collect(),
        x_ticks: g
            .x_ticks
            .iter()
            .map(|t| Mark {
                x: px(t.at),
                y: g.frame.bottom,
                label: format!("{}", t.value as i32),
            })
            .collect(),
        baseline: text_of(&m.baseline.value, lang),
        baseline_on: m.baseline.on.to_string(),
        target: text_of(&m.target, lang),
        due_on: m.due_on.to_string(),
        count: texts.len(),
        latest: latest.map(|r| r.value.clone()),
        latest_on: latest.map(|r| r.on.clone()),
        figures: if numeric { figures } else { Vec::new() },
        texts,
    }
}

/// One bar: a measure's share of the way to its target.
#[derive(Debug, Serialize)]
pub struct Bar {
    pub measure_id: String,
    pub plan_id: String,
    pub label: String,
    pub status: MeasureStatus,
    pub percent: u32,
    /// The bar's length in the drawing (of [`BAR_LENGTH`]).
    pub length: f64,
    pub y: f64,
}

/// Bars in one drawing of `height` units.
#[derive(Debug, Serialize)]
pub struct BarChart {
    pub width: f64,
    /// The longest bar's length (100 %).
    pub track: f64,
    pub height: f64,
    pub bars: Vec<Bar>,
}

/// The longest bar, in the drawing's units.
pub const BAR_LENGTH: f64 = 240.0;
/// The bars' drawing's width: the longest bar and its label.
pub const BAR_WIDTH: f64 = 420.0;
/// Each bar's row, in the drawing's units.
pub const BAR_ROW: f64 = 44.0;

/// The percentage of the way a measure has come: from its latest validated value (numeric
/// measures), or 100 once achieved and 0 before (qualitative ones).
pub fn percent_of_way(m: &MeasureView) -> u32 {
    if m.status == MeasureStatus::Achieved {
        return 100;
    }
    let latest = m.latest.as_ref().and_then(|p| p.value.as_f64());
    match (m.baseline.value.as_f64(), m.target.as_f64(), latest) {
        (Some(b), Some(t), Some(v)) => (share_of_way(b, t, v) * 100.0).round() as u32,
        _ => 0,
    }
}

/// A label that fits one line of the drawing.
pub fn short(text: &str) -> String {
    if text.chars().count() <= 56 {
        text.to_string()
    } else {
        text.chars().take(55).chain(['…']).collect()
    }
}

/// A bar for each of `measures`, in order.
pub fn bars<'a>(plan_id: &str, measures: impl Iterator<Item = &'a MeasureView>) -> BarChart {
    let bars: Vec<Bar> = measures
        .enumerate()
        .map(|(i, m)| {
            let percent = percent_of_way(m);
            Bar {
                measure_id: m.id.clone(),
                plan_id: plan_id.to_string(),
                label: short(&format!("{}. {}", m.position, m.indicator)),
                status: m.status,
                percent,
                length: px(BAR_LENGTH * percent as f64 / 100.0),
                y: i as f64 * BAR_ROW,
            }
        })
        .collect();
    BarChart {
        width: BAR_WIDTH,
        track: BAR_LENGTH,
        height: bars.len().max(1) as f64 * BAR_ROW + 8.0,
        bars,
    }
}

/// The charts of a plan's page: one per measure, in order, and the plan's bars.
pub fn plan_charts(plan: &PlanView, lang: &str) -> (Vec<MeasureChart>, BarChart) {
    let charts = plan
        .measures
        .iter()
        .map(|m| measure_chart(m, lang))
        .collect();
    (charts, bars(&plan.id, plan.measures.iter()))
}
