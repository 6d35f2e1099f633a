//! The geometry of the plans' charts, as plain numbers: scales from values and dates to the
//! drawing's coordinates, "nice" axis ticks, a measure's straight path from baseline to target
//! with its validated values, and how far along its way a measure is. The markup (SVG with its
//! title, description and text, escaped by Tera) is in `templates/plans/`; the page's views in
//! `web/plans/charts.rs`. Hand-written rather than drawn with a crate: a chart here is a line,
//! a few points and bars, and the SVG must carry `role`, `<title>`, `<desc>` and translated,
//! escaped labels that a drawing crate's backend does not write.

use chrono::{Datelike, NaiveDate};

/// A linear map from a domain `[d0, d1]` to a range `[r0, r1]` (a flat domain maps to the
/// middle of the range).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl LinearScale {
    pub fn map(&self, v: f64) -> f64 {
        if self.d1 == self.d0 {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// Ticks at a "nice" step (1, 2 or 5 times a power of ten) covering `[lo, hi]`, about `count`
/// of them; the domain widened to the outer ticks.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let first = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut i = 0;
    loop {
        let t = first + i as f64 * step;
        // Round away the binary noise (0.30000000000000004).
        let t = (t / step).round() * step;
        ticks.push(if t == 0.0 { 0.0 } else { t });
        if t >= hi - step * 1e-9 || i > 50 {
            break;
        }
        i += 1;
    }
    ticks
}

/// The drawing's size and the plot area inside its margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// The frame of a measure's chart.
pub const MEASURE_FRAME: Frame = Frame {
    width: 480.0,
    height: 236.0,
    left: 48.0,
    right: 464.0,
    top: 16.0,
    bottom: 196.0,
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A tick on an axis: where it is drawn and the value (or year) it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub value: f64,
}

/// A numeric measure's chart: the straight path from the baseline to the target, the due
/// date, the validated values (oldest first) and the axes' ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureGeometry {
    pub frame: Frame,
    pub path_start: Point,
    pub path_end: Point,
    pub due_x: f64,
    pub values: Vec<Point>,
    pub y_ticks: Vec<Tick>,
    /// The first of January of the years in view (year as the value).
    pub x_ticks: Vec<Tick>,
}

fn day_number(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// The geometry of a measure's chart from its path and its validated values.
pub fn measure_geometry(
    baseline: (NaiveDate, f64),
    target: (NaiveDate, f64),
    values: &[(NaiveDate, f64)],
) -> MeasureGeometry {
    let f = MEASURE_FRAME;
    let dates = values.iter().map(|v| v.0).chain([baseline.0, target.0]);
    let (first, last) = dates.fold((baseline.0, target.0), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let numbers = values
        .iter()
        .map(|v| v.1)
        .chain([baseline.1, target.1])
        .filter(|n| n.is_finite());
    let (lo, hi) = numbers.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), n| {
        (lo.min(n), hi.max(n))
    });
    let ticks = nice_ticks(lo, hi, 4);
    let (t0, t1) = (ticks[0], ticks[ticks.len() - 1]);
    let ys = LinearScale {
        d0: t0,
        d1: t1,
        r0: f.bottom,
        r1: f.top,
    };
    let xs = LinearScale {
        d0: day_number(first),
        d1: day_number(last),
        r0: f.left,
        r1: f.right,
    };
    let at = |d: NaiveDate, v: f64| Point {
        x: xs.map(day_number(d)),
        y: ys.map(v),
    };
    let mut x_ticks: Vec<Tick> = (first.year() + 1..=last.year())
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .map(|d| Tick {
            at: xs.map(day_number(d)),
            value: d.year() as f64,
        })
        .collect();
    // At most about eight year labels on the axis.
    let every = x_ticks.len().div_ceil(8).max(1);
    x_ticks = x_ticks.into_iter().step_by(every).collect();
    MeasureGeometry {
        frame: f,
        path_start: at(baseline.0, baseline.1),
        path_end: at(target.0, target.1),
        due_x: xs.map(day_number(target.0)),
        values: values.iter().map(|(d, v)| at(*d, *v)).collect(),
        y_ticks: ticks
            .iter()
            .map(|t| Tick {
                at: ys.map(*t),
                value: *t,
            })
            .collect(),
        x_ticks,
    }
}

/// How far along the way from `baseline` to `target` `value` is, from 0 (at the baseline, or
/// worse) to 1 (the target reached or passed), in the path's direction.
pub fn share_of_way(baseline: f64, target: f64, value: f64) -> f64 {
    let gap = target - baseline;
    if gap == 0.0 || !value.is_finite() {
        return 0.0;
    }
    ((value - baseline) / gap).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn scales_map_ends_and_middle() {
        let s = LinearScale {
            d0: 0.0,
            d1: 10.0,
            r0: 200.0,
            r1: 0.0,
        };
        assert_eq!(s.map(0.0), 200.0);
        assert_eq!(s.map(10.0), 0.0);
        assert_eq!(s.map(5.0), 100.0);
        let flat = LinearScale { d1: 0.0, ..s };
        assert_eq!(flat.map(3.0), 100.0);
    }

    #[test]
    fn nice_ticks_cover_the_domain() {
        assert_eq!(nice_ticks(0.0, 100.0, 4), vec![0.0, 50.0, 100.0]);
        assert_eq!(nice_ticks(12.0, 37.0, 4), vec![10.0, 20.0, 30.0, 40.0]);
        let small = nice_ticks(0.1, 0.35, 4);
        assert_eq!(small.first(), Some(&0.1));
        assert!(*small.last().unwrap() >= 0.35);
        // A flat domain still gets an axis.
        let flat = nice_ticks(5.0, 5.0, 4);
        assert!(flat.len() >= 2 && flat[0] < 5.0 && *flat.last().unwrap() > 5.0);
        assert!(nice_ticks(0.0, 0.0, 4).len() >= 2);
    }

    #[test]
    fn the_path_runs_from_baseline_to_target() {
        let g = measure_geometry((day("2024-01-01"), 0.0), (day("2026-01-01"), 100.0), &[]);
        let f = MEASURE_FRAME;
        assert_eq!(
            g.path_start,
            Point {
                x: f.left,
                y: f.bottom
            }
        );
        assert_eq!(
            g.path_end,
            Point {
                x: f.right,
                y: f.top
            }
        );
        assert_eq!(g.due_x, f.right);
        assert!(g.values.is_empty());
        assert_eq!(
            g.x_ticks.iter().map(|t| t.value).collect::<Vec<_>>(),
            [2025.0, 2026.0]
        );
    }

    #[test]
    fn one_point_and_values_beyond_the_target() {
        let g = measure_geometry(
            (day("2024-01-01"), 0.0),
            (day("2026-01-01"), 100.0),
            &[(day("2025-01-01"), 50.0)],
        );
        assert_eq!(g.values.len(), 1);
        let p = g.values[0];
        assert!(p.x > MEASURE_FRAME.left && p.x < MEASURE_FRAME.right);
        assert!((p.y - (MEASURE_FRAME.top + MEASURE_FRAME.bottom) / 2.0).abs() < 1e-9);
        // A value above the target and one after the due date widen the axes: every point
        // stays inside the frame.
        let g = measure_geometry(
            (day("2024-01-01"), 0.0),
            (day("2026-01-01"), 100.0),
            &[(day("2026-06-01"), 130.0)],
        );
        let p = g.values[0];
        assert!(p.y >= MEASURE_FRAME.top && p.y < g.path_end.y);
        assert_eq!(p.x, MEASURE_FRAME.right);
        assert!(g.due_x < MEASURE_FRAME.right);
    }

    #[test]
    fn descending_indicators_go_down() {
        let g = measure_geometry(
            (day("2024-01-01"), 40.0),
            (day("2026-01-01"), 10.0),
            &[(day("2025-01-01"), 30.0)],
        );
        assert!(
            g.path_start.y < g.path_end.y,
            "a lower value is drawn lower"
        );
        assert!(g.values[0].y > g.path_start.y && g.values[0].y < g.path_end.y);
    }

    #[test]
    fn share_of_the_way() {
        assert_eq!(share_of_way(0.0, 100.0, 50.0), 0.5);
        assert_eq!(share_of_way(0.0, 100.0, 150.0), 1.0);
        assert_eq!(share_of_way(0.0, 100.0, -5.0), 0.0);
        assert_eq!(share_of_way(40.0, 10.0, 25.0), 0.5);
        assert_eq!(share_of_way(40.0, 10.0, 45.0), 0.0);
        assert_eq!(share_of_way(5.0, 5.0, 5.0), 0.0);
    }
}
