//! Pure rules about activities: their dates (whole days, inclusive) and why two clash.

use chrono::{Datelike, NaiveDate};

/// The years an activity (and a calendar query) may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// What is wrong with an activity's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// A year outside [`YEARS`].
    YearOutOfRange,
    /// `ends_on` before `starts_on`.
    EndsBeforeStart,
}

/// Checks a date against [`YEARS`].
pub fn check_year(date: NaiveDate) -> Result<NaiveDate, DateProblem> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateProblem::YearOutOfRange)
    }
}

/// Checks a whole-day range: both years within [`YEARS`], the end on or after the start.
pub fn check_range(starts_on: NaiveDate, ends_on: NaiveDate) -> Result<(), DateProblem> {
    check_year(starts_on)?;
    check_year(ends_on)?;
    if ends_on < starts_on {
        return Err(DateProblem::EndsBeforeStart);
    }
    Ok(())
}

/// Whether two inclusive day ranges share at least one day.
pub fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Why another activity is named in a clash warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClashReason {
    SameMemberState,
    SameProgramme,
    SameThematicArea,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ranges_are_checked() {
        assert_eq!(check_range(d(2026, 1, 2), d(2026, 1, 2)), Ok(()));
        assert_eq!(
            check_range(d(2026, 1, 2), d(2026, 1, 1)),
            Err(DateProblem::EndsBeforeStart)
        );
        assert_eq!(
            check_range(d(1999, 12, 31), d(2026, 1, 1)),
            Err(DateProblem::YearOutOfRange)
        );
        assert_eq!(
            check_range(d(2026, 1, 1), d(2101, 1, 1)),
            Err(DateProblem::YearOutOfRange)
        );
        assert_eq!(check_range(d(2000, 1, 1), d(2100, 12, 31)), Ok(()));
    }

    #[test]
    fn overlap_is_inclusive() {
        let a = (d(2026, 3, 1), d(2026, 3, 3));
        assert!(overlaps(a, (d(2026, 3, 3), d(2026, 3, 9))));
        assert!(overlaps(a, (d(2026, 2, 1), d(2026, 3, 1))));
        assert!(!overlaps(a, (d(2026, 3, 4), d(2026, 3, 9))));
    }
}
