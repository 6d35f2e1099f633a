//! Technical-assistance needs: created by coordinators, seen as their source allows,
//! commented on by the concerned State, exported as CSV. Reads of restricted needs (from a
//! withheld section) and every export are written to the audit trail.

use std::sync::Arc;

use diesel::Connection;

use crate::access::needs as access;
use crate::access::reports::ReportScope;
use crate::auth::tokens::new_id;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::policy::NeedVisibility;
use crate::domain::time::now;
use crate::domain::values::ReportStatus;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::{self, Keyset, PageParams, PageSize};
use crate::repo::needs::{self as repo, Need, NeedComment};
use crate::repo::reports::{self as reports_repo, StateRef};
use crate::services::audit::{self, Event};
use crate::services::content::{self, block, line, require_editor};
use crate::services::kept::{KeptLists, KeptPage};
use crate::services::reference;

mod export;
mod types;

pub use export::export_csv;
pub use types::*;

fn check_area(area: &str) -> AppResult<String> {
    let area = area.trim();
    if reference::thematic_areas().iter().any(|a| a == area) {
        Ok(area.to_string())
    } else {
        Err(AppError::invalid(
            ErrorCode::UnknownThematicArea,
            "the thematic area is not one of the programmes' areas",
        ))
    }
}

fn event(user: &CurrentUser, ip: &str, action: &'static str, need_id: &str) -> Event {
    Event::by(action, user, ip).target("need", need_id)
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewNeed,
) -> AppResult<NeedView> {
    require_editor(user)?;
    let title = line("title", &input.title, 300)?;
    let description = block("description", &input.description, 20_000)?;
    let area = check_area(&input.thematic_area)?;
    write_transaction(conn, |conn| {
        let state = content::member_state(conn, &input.member_state)?;
        let visibility = match (&input.report_id, &input.section_id) {
            (None, None) => NeedVisibility::Published,
            (None, Some(_)) => {
                return Err(AppError::invalid(
                    ErrorCode::InvalidField,
                    "section_id needs a report_id",
                ))
            }
            (Some(report_id), section_id) => {
                let bad_report = || {
                    AppError::invalid(
                        ErrorCode::UnknownReport,
                        "report_id names no report of this Member State",
                    )
                };
                let (report, _) =
                    reports_repo::find_visible(conn, &content::scope(user), report_id)?
                        .ok_or_else(bad_report)?;
                if report.member_state_id != state.id {
                    return Err(bad_report());
                }
                let consent = match section_id {
                    None => None,
                    Some(sid) => {
                        let sections = reports_repo::all_sections(conn, &report.id)?;
                        let section = sections.iter().find(|s| &s.id == sid).ok_or_else(|| {
                            AppError::invalid(
                                ErrorCode::UnknownSection,
                                "section_id names no section of this report",
                            )
                        })?;
                        Some(section.consent)
                    }
                };
                NeedVisibility::from_source(Some(report.status == ReportStatus::Published), consent)
            }
        };
        let now = now();
        let need = Need {
            id: new_id(),
            member_state_id: state.id.clone(),
            report_id: input.report_id.clone(),
            section_id: input.section_id.clone(),
            title,
            description,
            thematic_area: area,
            priority: input.priority,
            status: NeedStatus::Open,
            visibility,
            created_by: user.id.clone(),
            created_at: now,
            updated_at: now,
        };
        repo::insert(conn, &need)?;
        audit::record(conn, event(user, ip, "need.create", &need.id))?;
        Ok(need_view(need, StateRef::from(state)))
    })
}

pub fn update(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    patch: NeedPatch,
) -> AppResult<NeedView> {
    write_transaction(conn, |conn| {
        let (mut need, state) =
            repo::find_visible(conn, &content::scope(user), id)?.ok_or(AppError::NotFound)?;
        require_editor(user)?;
        let mut changes = Vec::new();
        if let Some(v) = &patch.title {
            need.title = line("title", v, 300)?;
            changes.push("title");
        }
        if let Some(v) = &patch.description {
            need.description = block("description", v, 20_000)?;
            changes.push("description");
        }
        if let Some(v) = &patch.thematic_area {
            need.thematic_area = check_area(v)?;
            changes.push("thematic_area");
        }
        if let Some(v) = patch.priority {
            need.priority = v;
            changes.push("priority");
        }
        if let Some(v) = patch.status {
            need.status = v;
            changes.push("status");
        }
        need.updated_at = now();
        repo::update(conn, &need)?;
        let details = serde_json::json!({"changes": changes, "status": need.status});
        audit::record(
            conn,
            event(user, ip, "need.update", &need.id).details(details),
        )?;
        Ok(need_view(need, state))
    })
}

/// One need as the caller may see it; reads of restricted needs are audited.
pub fn read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
) -> AppResult<NeedDetail> {
    let scope = content::scope(user);
    let actor = user.actor();
    // Read in one read transaction, outside the write lock; a restricted need's read is in the
    // trail before it is answered.
    let (need, state, comments) = conn.transaction(|conn| -> AppResult<_> {
        let (need, state) = repo::find_visible(conn, &scope, id)?.ok_or(AppError::NotFound)?;
        let comments = if access::sees_comments(&actor, &need.member_state_id) {
            Some(repo::comments(conn, &need.id)?)
        } else {
            None
        };
        Ok((need, state, comments))
    })?;
    if need.visibility != NeedVisibility::Published {
        audit::record_read(conn, event(user, ip, "need.read", &need.id))?;
    }
    let comments = comments.map(|comments| {
        comments
            .into_iter()
            .map(|(c, author, organisation)| CommentView {
                id: c.id,
                author,
                organisation,
                body: c.body,
                created_at: c.created_at.into(),
            })
            .collect()
    });
    Ok(NeedDetail {
        may_comment: access::may_comment_on_need(&actor, &need.member_state_id),
        need: need_view(need, state),
        comments,
    })
}

pub fn comment(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    input: NewComment,
) -> AppResult<CommentView> {
    let body = block("body", &input.body, 10_000)?;
    if body.is_empty() {
        return Err(AppError::invalid(
            ErrorCode::InvalidField,
            "body is required",
        ));
    }
    write_transaction(conn, |conn| {
        let (need, _) =
            repo::find_visible(conn, &content::scope(user), id)?.ok_or(AppError::NotFound)?;
        if !access::may_comment_on_need(&user.actor(), &need.member_state_id) {
            return Err(AppError::forbidden(
                "only coordinators and the concerned State comment on a need",
            ));
        }
        let comment = NeedComment {
            id: new_id(),
            need_id: need.id.clone(),
            author_id: user.id.clone(),
            body,
            created_at: now(),
        };
        repo::insert_comment(conn, &comment)?;
        audit::record(conn, event(user, ip, "need.comment", &need.id))?;
        Ok(CommentView {
            id: comment.id,
            author: user.name.clone(),
            organisation: user.organisation_code.clone(),
            body: comment.body,
            created_at: comment.created_at.into(),
        })
    })
}

/// The pages and counts of the needs lists kept for the needs' version
/// (`AppState::need_lists`), by scope and query as checked.
pub type NeedLists = KeptLists<(ReportScope, NeedQuery), NeedView>;

/// One page of the needs the caller may see, read now (for lists seldom asked).
pub fn list(conn: &mut DbConnection, user: &CurrentUser, query: NeedQuery) -> AppResult<NeedPage> {
    let scope = checked(user, &query)?;
    page(conn, &scope, query)
}

/// [`list`], kept for the needs' version (the API's list, `/needs`, a report's needs).
pub fn kept_page(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: NeedQuery,
    kept: &NeedLists,
) -> AppResult<Arc<KeptPage<NeedView>>> {
    let scope = checked(user, &query)?;
    kept.page(conn, (scope.clone(), query.clone()), |conn| {
        page(conn, &scope, query)
    })
}

/// How many needs `query`'s list holds for the caller, at most `repo::COUNT_BOUND`; kept for
/// the needs' version, whatever the page and order.
pub fn count(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: &NeedQuery,
    kept: &NeedLists,
) -> AppResult<i64> {
    let scope = checked(user, query)?;
    let query = NeedQuery {
        sort: None,
        page: PageParams::default(),
        ..query.clone()
    };
    kept.count(conn, (scope.clone(), query.clone()), |conn| {
        Ok(repo::count(conn, &scope, &query)?)
    })
}

/// The caller's scope, once the query's filters are checked.
fn checked(user: &CurrentUser, query: &NeedQuery) -> AppResult<ReportScope> {
    content::check_region(query.region.as_deref())?;
    Ok(content::scope(user))
}

fn page(conn: &mut DbConnection, scope: &ReportScope, query: NeedQuery) -> AppResult<NeedPage> {
    let limit = query.page.limit(PageSize::STANDARD);
    let keyset = Keyset::read(
        query.sort,
        query.page.cursor(),
        pagination::decode_time_seek,
    )?;
    let rows = repo::list(conn, scope, &query, &keyset, limit + 1)?;
    let page = keyset.cut(
        rows,
        limit,
        |(n, _)| pagination::time_seek(n.created_at, &n.id),
        |(n, _), column| (repo::sort_value(n, column), &n.id),
    );
    Ok(page.map(|(n, s)| need_view(n, s)))
}
