//! The dashboard (issue 15): by role, what waits for the user and what changed since their
//! previous visit. Each block reads through its own area's service or scope
//! (`access::dashboard` says which blocks a user gets); the visit is recorded as it is read,
//! so the next visit marks only what changed after this one.

mod blocks;
mod types;

pub use types::*;

use crate::access::coordination::sees_coverage;
use crate::access::dashboard::{own_state, DashboardRole};
use crate::access::plans::may_validate_progress;
use crate::access::reports::ReportScope;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::now;
use crate::error::{AppError, AppResult};
use crate::repo;
use crate::services::coordination::NeedFigures;
use crate::services::{content, coordination, messages};
use crate::state::Versioned;

/// The caller's dashboard; records this visit. The needs' figures come from `kept` while the
/// coordination data stays as it was (`coordination::need_figures`).
pub fn read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    kept: &Versioned<ReportScope, NeedFigures>,
) -> AppResult<Dashboard> {
    let since = write_transaction::<_, AppError, _>(conn, |conn| {
        let since = repo::dashboard::visited_at(conn, &user.id)?;
        repo::dashboard::record_visit(conn, &user.id, now())?;
        Ok(since)
    })?;
    let actor = user.actor();
    let role = DashboardRole::for_actor(&actor);
    let mut blocks = Vec::new();
    match role {
        DashboardRole::State => {
            blocks.push(blocks::uncovered_needs(conn, user, since)?);
            blocks.push(blocks::decisions(conn, user, since)?);
            // Measures at risk (another block, issue 15) go in the template, not here.
            blocks.push(blocks::upcoming_activities(conn, user, since, true)?);
        }
        DashboardRole::Entity => {
            blocks.push(blocks::own_proposals(conn, user, since)?);
            blocks.push(blocks::needs_for_projects(conn, user, since)?);
            blocks.push(blocks::overlaps(conn, user, true)?);
            blocks.push(blocks::upcoming_activities(conn, user, since, false)?);
        }
        DashboardRole::Coordinator => {
            blocks.extend(blocks::drafts(conn, user)?);
            if may_validate_progress(&actor) {
                blocks.push(blocks::values_to_validate(conn, since)?);
            }
            blocks.push(blocks::overlaps(conn, user, false)?);
        }
        DashboardRole::Reader => {}
    }
    blocks.push(blocks::unread_threads(conn, user, since)?);
    blocks.push(blocks::shared_documents(conn, user, since)?);
    let figures = coordination::need_figures(conn, user, kept)?;
    // Every reader of needs gets the coverage figures (each counts only what they see).
    let coverage = sees_coverage(&actor).then(|| figures.coverage.clone());
    let scope = content::scope(user);
    Ok(Dashboard {
        role: role.name(),
        since: since.map(|t| t.and_utc().to_rfc3339()),
        own_state: own_state(&actor).map(str::to_string),
        report_count: repo::reports::count_visible(conn, &scope)?,
        open_need_count: figures.open,
        unread_count: messages::unread_total(conn, &user.id)?,
        new_count: blocks.iter().map(|b| b.new_count).sum(),
        coverage,
        blocks,
    })
}
