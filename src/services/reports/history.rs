//! A report's history for coordinators: who has read it, and its versions.

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::repo::audit::{self as audit_repo, AuditEntry};
use crate::repo::reports::{self as repo, ReportVersion};
use crate::services::audit::Outcome;
use crate::services::content::require_editor;

/// Who has read a report (coordinators only): the latest reads first.
pub fn readers(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
) -> AppResult<Vec<AuditEntry>> {
    require_editor(user)?;
    crate::services::audit::settle(conn)?;
    let reads = audit_repo::for_target(conn, "report", id, "report.read", 200)?;
    Ok(reads
        .into_iter()
        .filter(|e| e.outcome == <&str>::from(Outcome::Success))
        .collect())
}

pub fn versions(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
) -> AppResult<Vec<(ReportVersion, String)>> {
    require_editor(user)?;
    Ok(repo::versions(conn, id)?)
}
