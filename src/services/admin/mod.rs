//! Administration: creating accounts and their set-password links, managing accounts,
//! invitations, organisations, and searching the audit trail.

pub mod account_creation;
pub mod account_detail;
pub mod account_management;
pub mod audit_search;
pub mod invitations;
pub mod organisations;

use crate::error::{AppError, AppResult, ErrorCode};

/// A search filter's value, trimmed (`None` when blank); one longer than `max` characters or
/// with control characters is refused (400): it never reaches a query (PostgreSQL refuses NUL).
pub(crate) fn filter_text(value: &Option<String>, max: usize) -> AppResult<Option<String>> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if v.chars().count() > max || v.chars().any(char::is_control) => {
            Err(AppError::invalid(
                ErrorCode::InvalidFilter,
                "a filter value is too long or malformed",
            ))
        }
        other => Ok(other.map(str::to_string)),
    }
}
