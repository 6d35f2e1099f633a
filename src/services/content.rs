//! What report and need use cases share: the caller's scope, input checks.

use crate::access::reports::ReportScope;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::text::{self, TextProblem};
use crate::domain::OrgKind;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::models::Organisation;
use crate::repo::organisations;
use crate::services::reference;

/// The reports (and needs) the caller may read.
pub fn scope(user: &CurrentUser) -> ReportScope {
    ReportScope::for_actor(&user.actor())
}

/// Coordinators and administrators only (DESIGN.md roles).
pub fn require_editor(user: &CurrentUser) -> AppResult<()> {
    crate::access::reports::require_editor(&user.actor())
}

impl From<TextProblem> for AppError {
    fn from(p: TextProblem) -> Self {
        AppError::invalid(ErrorCode::InvalidField, p.message)
    }
}

pub fn line(field: &'static str, value: &str, max: usize) -> AppResult<String> {
    Ok(text::line(field, value, max)?)
}

pub fn block(field: &'static str, value: &str, max: usize) -> AppResult<String> {
    Ok(text::block(field, value, max)?)
}

/// A Member State by its ISO alpha-3 code; anything else is a 400.
pub fn member_state(conn: &mut DbConnection, code: &str) -> AppResult<Organisation> {
    let code = code.trim().to_uppercase();
    match organisations::find_by_code(conn, &code)? {
        Some(org) if org.kind == OrgKind::MemberState => Ok(org),
        _ => Err(AppError::invalid(
            ErrorCode::UnknownMemberState,
            format!("`{code}` is not a Member State code"),
        )),
    }
}

/// A list's year filter, if one is given: 1 to 9999 (reports and consultations).
pub fn check_year_filter(year: Option<i32>) -> AppResult<()> {
    if year.is_some_and(|y| !(1..=9999).contains(&y)) {
        return Err(AppError::invalid(
            ErrorCode::InvalidYear,
            "year is from 1 to 9999",
        ));
    }
    Ok(())
}

/// A programme code, if one is given: one of the reference programmes.
pub fn check_programme(programme: Option<&str>) -> AppResult<Option<String>> {
    match programme.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) if reference::programmes().iter().any(|x| x.code == p) => Ok(Some(p.to_string())),
        Some(p) => Err(AppError::invalid(
            ErrorCode::UnknownProgramme,
            format!("`{p}` is not a programme code"),
        )),
    }
}

/// A regional group, if one is given: one of the Member States' groups; else 400.
pub fn check_region(region: Option<&str>) -> AppResult<Option<String>> {
    match region.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(r) if reference::regions().iter().any(|g| g == r) => Ok(Some(r.to_string())),
        Some(r) => Err(AppError::invalid(
            ErrorCode::UnknownRegion,
            format!("`{r}` is not a UN regional group"),
        )),
    }
}
