//! The checks of a new consultation's measures and organisation lists: everything is checked
//! before anything is written, so a refused consultation writes nothing.

use chrono::NaiveDate;

use super::types::{MeasureInput, MAX_AREAS, MAX_MEASURES, MAX_ORGANISATIONS};
use crate::db::DbConnection;
use crate::domain::plans::MeasureKind;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::organisations;
use crate::services::content::{block, line};
use crate::services::plans::values::{check_value, CheckedValue};
use crate::services::reference;

/// A measure as it will be stored (without its ids).
pub struct CheckedMeasure {
    pub requirement: String,
    pub recommendation: String,
    pub assistance_areas: Vec<String>,
    pub indicator: String,
    pub unit: String,
    pub measure: MeasureKind,
    pub ascending: bool,
    pub baseline: CheckedValue,
    pub baseline_on: NaiveDate,
    pub target: CheckedValue,
    pub due_on: NaiveDate,
    pub responsible: Vec<String>,
}

fn invalid(code: ErrorCode, message: String) -> AppError {
    AppError::invalid(code, message)
}

/// The consultation's date: a year from 1990 to 2100.
pub fn check_held_on(date: NaiveDate) -> AppResult<NaiveDate> {
    use chrono::Datelike;
    if (1990..=2100).contains(&date.year()) {
        Ok(date)
    } else {
        Err(invalid(
            ErrorCode::InvalidDate,
            "held_on must be between 1990 and 2100".into(),
        ))
    }
}

/// A one-line value that may be left empty.
fn optional_line(field: &'static str, value: &str, max: usize) -> AppResult<String> {
    if value.trim().is_empty() {
        Ok(String::new())
    } else {
        line(field, value, max)
    }
}

/// Checks every measure against the consultation's date.
pub fn check_measures(
    measures: &[MeasureInput],
    held_on: NaiveDate,
) -> AppResult<Vec<CheckedMeasure>> {
    if measures.len() > MAX_MEASURES {
        return Err(invalid(
            ErrorCode::InvalidField,
            format!("a plan has at most {MAX_MEASURES} measures"),
        ));
    }
    measures.iter().map(|m| check_measure(m, held_on)).collect()
}

fn check_measure(m: &MeasureInput, held_on: NaiveDate) -> AppResult<CheckedMeasure> {
    let requirement = line("requirement", &m.requirement, 500)?;
    let indicator = line("indicator", &m.indicator, 300)?;
    if requirement.is_empty() || indicator.is_empty() {
        return Err(invalid(
            ErrorCode::InvalidField,
            "requirement and indicator are required".into(),
        ));
    }
    if m.assistance_areas.len() > MAX_AREAS {
        return Err(invalid(
            ErrorCode::InvalidField,
            format!("at most {MAX_AREAS} assistance areas"),
        ));
    }
    let mut areas = Vec::new();
    for area in &m.assistance_areas {
        let area = reference::known_thematic_area(area)?;
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    let baseline = check_value(m.measure, "baseline.value", &m.baseline.value)?;
    let target = check_value(m.measure, "target", &m.target)?;
    if m.due_on <= held_on {
        return Err(invalid(
            ErrorCode::InvalidDate,
            "due_on must be after the consultation".into(),
        ));
    }
    if m.due_on <= m.baseline.on {
        return Err(invalid(
            ErrorCode::InvalidDate,
            "due_on must be after the baseline's date".into(),
        ));
    }
    check_direction(m, &baseline, &target)?;
    Ok(CheckedMeasure {
        requirement,
        recommendation: block("recommendation", &m.recommendation, 10_000)?,
        assistance_areas: areas,
        indicator,
        unit: optional_line("unit", &m.unit, 50)?,
        measure: m.measure,
        ascending: m.ascending,
        baseline,
        baseline_on: m.baseline.on,
        target,
        due_on: m.due_on,
        responsible: m.responsible.clone(),
    })
}

/// The target differs from the baseline, and for numbers lies in the indicator's direction.
fn check_direction(
    m: &MeasureInput,
    baseline: &CheckedValue,
    target: &CheckedValue,
) -> AppResult<()> {
    let bad = |message: &str| Err(invalid(ErrorCode::InvalidValue, message.into()));
    match (baseline.number, target.number) {
        (Some(b), Some(t)) if b == t => bad("the target equals the baseline"),
        (Some(b), Some(t)) if (t > b) != m.ascending => bad(if m.ascending {
            "an ascending indicator's target is above its baseline"
        } else {
            "a descending indicator's target is below its baseline"
        }),
        (Some(_), Some(_)) => Ok(()),
        _ if baseline.text.to_lowercase() == target.text.to_lowercase() => {
            bad("the target equals the baseline")
        }
        _ => Ok(()),
    }
}

/// Organisation codes, each known (any case), returned as stored, without duplicates.
pub fn check_organisations(
    conn: &mut DbConnection,
    field: &str,
    codes: &[String],
) -> AppResult<Vec<String>> {
    if codes.len() > MAX_ORGANISATIONS {
        return Err(invalid(
            ErrorCode::InvalidField,
            format!("{field}: at most {MAX_ORGANISATIONS} organisations"),
        ));
    }
    let mut found = Vec::new();
    for code in codes {
        let org = organisations::find_by_code(conn, code.trim())?.ok_or_else(|| {
            invalid(
                ErrorCode::UnknownOrganisation,
                format!("{field}: `{}` is not an organisation code", code.trim()),
            )
        })?;
        if !found.contains(&org.code) {
            found.push(org.code);
        }
    }
    Ok(found)
}
