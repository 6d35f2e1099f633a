//! IATI results as pure rules: a measure's reporting periods and the target each period
//! expects on the straight path from the baseline to the target.

use chrono::{Datelike, Duration, NaiveDate};

/// One reporting period, `start` strictly before `end` (IATI's rule), both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

fn year_end(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(day)
}

/// The calendar years from `from` to `to`, clipped to them; a one-day piece (a baseline on
/// 31 December, a last value on 1 January) joins its neighbour, so every period starts
/// before it ends. At least one period, even when `to` is not after `from`.
pub fn reporting_periods(from: NaiveDate, to: NaiveDate) -> Vec<Period> {
    let to = if to > from {
        to
    } else {
        from + Duration::days(1)
    };
    let mut pieces: Vec<Period> = Vec::new();
    let mut start = from;
    while start <= to {
        let end = year_end(start).min(to);
        pieces.push(Period { start, end });
        start = end + Duration::days(1);
    }
    let mut periods: Vec<Period> = Vec::with_capacity(pieces.len());
    let mut carry: Option<NaiveDate> = None;
    for piece in pieces {
        let start = carry.take().unwrap_or(piece.start);
        if start < piece.end {
            periods.push(Period {
                start,
                end: piece.end,
            });
        } else if let Some(last) = periods.last_mut() {
            last.end = piece.end;
        } else {
            carry = Some(start);
        }
    }
    periods
}

/// The value the straight path from `baseline` (on `baseline_on`) to `target` (on `due_on`)
/// reaches on `day`, kept at the target after `due_on`; rounded to two decimals.
pub fn expected_on(
    baseline: f64,
    baseline_on: NaiveDate,
    target: f64,
    due_on: NaiveDate,
    day: NaiveDate,
) -> f64 {
    let span = (due_on - baseline_on).num_days();
    let share = if span <= 0 {
        1.0
    } else {
        ((day - baseline_on).num_days() as f64 / span as f64).clamp(0.0, 1.0)
    };
    ((baseline + (target - baseline) * share) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(a: &str, b: &str) -> Period {
        Period {
            start: d(a),
            end: d(b),
        }
    }

    #[test]
    fn periods_are_calendar_years_clipped_to_the_range() {
        assert_eq!(
            reporting_periods(d("2024-03-01"), d("2026-06-30")),
            vec![
                p("2024-03-01", "2024-12-31"),
                p("2025-01-01", "2025-12-31"),
                p("2026-01-01", "2026-06-30")
            ]
        );
        assert_eq!(
            reporting_periods(d("2025-02-01"), d("2025-05-01")),
            vec![p("2025-02-01", "2025-05-01")]
        );
    }

    #[test]
    fn a_one_day_piece_joins_its_neighbour() {
        assert_eq!(
            reporting_periods(d("2024-12-31"), d("2025-06-30")),
            vec![p("2024-12-31", "2025-06-30")]
        );
        assert_eq!(
            reporting_periods(d("2024-06-01"), d("2025-01-01")),
            vec![p("2024-06-01", "2025-01-01")]
        );
        assert_eq!(
            reporting_periods(d("2025-03-01"), d("2025-03-01")),
            vec![p("2025-03-01", "2025-03-02")]
        );
        for (a, b) in [("2024-12-31", "2025-01-01"), ("2023-12-31", "2026-01-01")] {
            let periods = reporting_periods(d(a), d(b));
            assert!(periods.iter().all(|p| p.start < p.end), "{a}..{b}");
            assert_eq!(periods.first().unwrap().start, d(a));
            assert_eq!(periods.last().unwrap().end, d(b));
        }
    }

    #[test]
    fn the_expected_value_follows_the_straight_path() {
        let (b, t) = (d("2024-01-01"), d("2025-01-01"));
        assert_eq!(expected_on(10.0, b, 20.0, t, b), 10.0);
        assert_eq!(expected_on(10.0, b, 20.0, t, d("2024-07-02")), 15.0);
        assert_eq!(expected_on(10.0, b, 20.0, t, d("2030-01-01")), 20.0);
        assert_eq!(expected_on(50.0, b, 0.0, t, d("2024-07-02")), 25.0);
        assert_eq!(expected_on(1.0, t, 2.0, t, t), 2.0);
    }
}
