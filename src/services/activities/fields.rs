//! Checks of what an activity's input names: dates, State, region, programme, organisers and
//! links. Each refusal is a 400 with its own code, before anything is written.

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::activities::{check_range, check_year, DateProblem};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::organisations;
use crate::services::content::{self, line};
use crate::services::reference;

/// At most this many partner organisations.
const MAX_ORGANISERS: usize = 20;

impl From<DateProblem> for AppError {
    fn from(p: DateProblem) -> Self {
        match p {
            DateProblem::YearOutOfRange => {
                AppError::invalid(ErrorCode::InvalidYear, "years run from 2000 to 2100")
            }
            DateProblem::EndsBeforeStart => {
                AppError::invalid(ErrorCode::InvalidPeriod, "ends_on comes before starts_on")
            }
        }
    }
}

pub fn dates(starts_on: NaiveDate, ends_on: NaiveDate) -> AppResult<()> {
    Ok(check_range(starts_on, ends_on)?)
}

/// A `YYYY-MM-DD` text of a filter or a form, when given.
pub fn date_text(field: &str, value: Option<&str>) -> AppResult<Option<NaiveDate>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => {
            let date = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                AppError::invalid(
                    ErrorCode::InvalidDate,
                    format!("{field} is a date written YYYY-MM-DD"),
                )
            })?;
            Ok(Some(check_year(date)?))
        }
    }
}

/// A blank optional value is none.
pub fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The Member State's id, when a code is given.
pub fn member_state(conn: &mut DbConnection, code: Option<&str>) -> AppResult<Option<String>> {
    match given(code) {
        None => Ok(None),
        Some(code) => Ok(Some(content::member_state(conn, code)?.id)),
    }
}

pub fn region(region: Option<&str>) -> AppResult<Option<String>> {
    match given(region) {
        None => Ok(None),
        Some(r) if reference::regions().iter().any(|x| x == r) => Ok(Some(r.to_string())),
        Some(r) => Err(AppError::invalid(
            ErrorCode::UnknownRegion,
            format!("`{r}` is not a regional group"),
        )),
    }
}

/// The programme and its thematic area, when a programme is given.
pub fn programme(programme: Option<&str>) -> AppResult<(Option<String>, Option<String>)> {
    let Some(code) = content::check_programme(programme)? else {
        return Ok((None, None));
    };
    let area = reference::programmes()
        .iter()
        .find(|p| p.code == code)
        .map(|p| p.thematic_area.clone());
    Ok((Some(code), area))
}

/// The organisers' ids: `owner` first, then the partners named by code (each once).
pub fn organisers(
    conn: &mut DbConnection,
    owner: &str,
    codes: &[String],
) -> AppResult<Vec<String>> {
    if codes.len() > MAX_ORGANISERS {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            format!("at most {MAX_ORGANISERS} partner organisations"),
        ));
    }
    let mut ids = vec![owner.to_string()];
    for code in codes {
        let code = code.trim().to_uppercase();
        let org = organisations::find_by_code(conn, &code)?
            .filter(|o| o.active)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::UnknownOrganisation,
                    format!("`{code}` is not an organisation code"),
                )
            })?;
        if !ids.contains(&org.id) {
            ids.push(org.id);
        }
    }
    Ok(ids)
}

/// An optional link (project, plan, working group): a short line, or none when blank.
pub fn link(field: &'static str, value: Option<&str>) -> AppResult<Option<String>> {
    given(value).map(|v| line(field, v, 64)).transpose()
}

/// A working group's code as stored, any case given; blank clears; an unknown group is a 400.
pub fn working_group(conn: &mut DbConnection, value: Option<&str>) -> AppResult<Option<String>> {
    given(value)
        .map(|code| crate::services::groups::check_code(conn, code))
        .transpose()
}
