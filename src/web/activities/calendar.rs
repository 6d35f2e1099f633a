//! The `/calendar` month: a grid of weeks (Monday first) whose days list their activities and
//! say when two of them fall in the same State, and the agenda of the same activities.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::domain::activities::check_year;
use crate::domain::values::ActivityStatus;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::activities::ActivityView;

/// The first day of the month `YYYY-MM` (years 2000 to 2100), or of `today`'s month.
pub fn first_of_month(month: &str, today: NaiveDate) -> AppResult<NaiveDate> {
    let month = month.trim();
    if month.is_empty() {
        return Ok(today.with_day(1).unwrap_or(today));
    }
    let bad = || AppError::invalid(ErrorCode::InvalidDate, "month is written YYYY-MM");
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").map_err(|_| bad())?;
    if month.len() != 7 {
        return Err(bad());
    }
    Ok(check_year(first)?)
}

pub fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

/// `YYYY-MM` of the month before and after, when within the years the calendar shows.
pub fn neighbours(first: NaiveDate) -> (Option<String>, Option<String>) {
    let shown = |d: Option<NaiveDate>| {
        d.filter(|d| check_year(*d).is_ok())
            .map(|d| d.format("%Y-%m").to_string())
    };
    (
        shown(first.checked_sub_months(Months::new(1))),
        shown(first.checked_add_months(Months::new(1))),
    )
}

#[derive(Debug, Serialize)]
pub struct DayEntry {
    pub id: String,
    pub title: String,
    pub cancelled: bool,
}

#[derive(Debug, Serialize)]
pub struct DayCell {
    pub day: u32,
    pub date: String,
    pub today: bool,
    pub activities: Vec<DayEntry>,
    /// Codes of the States with two or more (non-cancelled) activities on this day.
    pub clash_states: Vec<String>,
}

/// The weeks of the month, Monday first; days of the neighbouring months are `None`.
pub fn weeks(
    first: NaiveDate,
    today: NaiveDate,
    items: &[ActivityView],
) -> Vec<Vec<Option<DayCell>>> {
    let last = last_of_month(first);
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut cells: Vec<Option<DayCell>> = (0..lead).map(|_| None).collect();
    let mut day = first;
    while day <= last {
        let on_day: Vec<&ActivityView> = items
            .iter()
            .filter(|a| a.starts_on <= day && day <= a.ends_on)
            .collect();
        let mut per_state: HashMap<&str, usize> = HashMap::new();
        for a in on_day
            .iter()
            .filter(|a| a.status != ActivityStatus::Cancelled)
        {
            if let Some(state) = a.member_state.as_deref() {
                *per_state.entry(state).or_default() += 1;
            }
        }
        let mut clash_states: Vec<String> = per_state
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(s, _)| s.to_string())
            .collect();
        clash_states.sort();
        cells.push(Some(DayCell {
            day: day.day(),
            date: day.to_string(),
            today: day == today,
            activities: on_day
                .iter()
                .map(|a| DayEntry {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    cancelled: a.status == ActivityStatus::Cancelled,
                })
                .collect(),
            clash_states,
        }));
        day = match day.checked_add_days(Days::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    while cells.len() % 7 != 0 {
        cells.push(None);
    }
    let mut weeks = Vec::new();
    let mut rest = cells.into_iter();
    loop {
        let week: Vec<Option<DayCell>> = rest.by_ref().take(7).collect();
        if week.is_empty() {
            break;
        }
        weeks.push(week);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_neighbour() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let dec = first_of_month("", today).unwrap();
        assert_eq!(dec.to_string(), "2026-12-01");
        assert_eq!(last_of_month(dec).to_string(), "2026-12-31");
        assert_eq!(
            neighbours(dec),
            (Some("2026-11".into()), Some("2027-01".into()))
        );
        assert!(first_of_month("2026-13", today).is_err());
        assert!(first_of_month("1999-12", today).is_err());
        assert!(first_of_month("2026-1", today).is_err());
        let last = first_of_month("2100-12", today).unwrap();
        assert_eq!(neighbours(last).1, None);
        // December 2026 starts on a Tuesday: one blank day, five weeks.
        let grid = weeks(dec, today, &[]);
        assert_eq!(grid.len(), 5);
        assert!(grid[0][0].is_none());
        assert_eq!(grid[0][1].as_ref().unwrap().day, 1);
    }
}
