//! Matches between needs and assistance projects (issue 12): proposed by the project's
//! organisation or a coordinator, accepted or declined by the concerned State, completed by the
//! project's organisation. The need follows its matches in the same transaction; each step is
//! kept in the match's history, audited, and announced by mail without restricted content.

use chrono::NaiveDateTime;

use crate::access::matches::{self as access, MatchScope, Waiting};
use crate::auth::tokens::{is_id, new_id, require_id};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::matching::need_follows;
use crate::domain::time::now;
use crate::domain::values::{NeedStatus, ProjectStatus};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::{self, Page, PageSize};
use crate::repo::matches::{self as repo, Match, MatchEvent, MatchFilter, MatchRow};
use crate::repo::{needs as needs_repo, projects as projects_repo};
use crate::services::audit::{self, Event};
use crate::services::content;

mod mail;
mod types;
pub use mail::{MAIL_MATCH_ANSWERED, MAIL_MATCH_PROPOSED};
pub use types::*;

/// The matches the caller may read.
pub fn scope(user: &CurrentUser) -> MatchScope {
    MatchScope::for_actor(&user.actor())
}

fn event(user: &CurrentUser, ip: &str, action: &'static str, id: &str) -> Event {
    Event::by(action, user, ip).target("match", id)
}

/// The views of these rows: their history and organisation codes in two queries.
fn views_of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    rows: Vec<MatchRow>,
) -> AppResult<Vec<MatchView>> {
    let actor = user.actor();
    let ids: Vec<&str> = rows.iter().map(|r| r.row.id.as_str()).collect();
    let mut history = repo::events(conn, &ids)?;
    let mut org_ids: Vec<&str> = rows
        .iter()
        .flat_map(|r| {
            [
                r.row.member_state_id.as_str(),
                r.project_owner_id.as_str(),
                r.row.proposed_by_org_id.as_str(),
            ]
        })
        .collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    let codes = repo::organisation_codes(conn, &org_ids)?;
    let code = |id: &str| codes.get(id).cloned().unwrap_or_default();
    Ok(rows
        .iter()
        .map(|r| {
            let m = &r.row;
            let steps = history.remove(&m.id).unwrap_or_default();
            MatchView {
                id: m.id.clone(),
                need_id: m.need_id.clone(),
                need_title: r.need_title.clone(),
                member_state: code(&m.member_state_id),
                project_id: m.project_id.clone(),
                project_title: r.project_title.clone(),
                organisation: code(&r.project_owner_id),
                status: m.status,
                note: m.note.clone(),
                proposed_by: code(&m.proposed_by_org_id),
                reason: m.reason.clone(),
                history: steps.into_iter().map(event_view).collect(),
                may_decide: m.status.may_become(MatchStatus::Accepted)
                    && access::may_decide(&actor, &m.member_state_id),
                may_complete: m.status.may_become(MatchStatus::Completed)
                    && access::may_complete(&actor, &r.project_owner_id),
                created_at: m.created_at.into(),
                updated_at: m.updated_at.into(),
            }
        })
        .collect())
}

fn event_view((e, actor): (MatchEvent, String)) -> MatchEventView {
    MatchEventView {
        actor,
        from: e.from_status,
        to: e.to_status,
        reason: e.reason,
        at: e.created_at.into(),
    }
}

fn view_of(conn: &mut DbConnection, user: &CurrentUser, id: &str) -> AppResult<MatchView> {
    require_id(id)?;
    let row = repo::find_visible(conn, &scope(user), id)?.ok_or(AppError::NotFound)?;
    Ok(views_of(conn, user, vec![row])?.remove(0))
}

fn record_step(
    conn: &mut DbConnection,
    m: &Match,
    user: &CurrentUser,
    from: Option<MatchStatus>,
    now: NaiveDateTime,
) -> AppResult<()> {
    repo::insert_event(
        conn,
        &MatchEvent {
            id: new_id(),
            match_id: m.id.clone(),
            actor_id: user.id.clone(),
            from_status: from,
            to_status: m.status,
            reason: m.reason.clone().filter(|_| from.is_some()),
            created_at: now,
        },
    )?;
    Ok(())
}

/// Proposes a project for a need: both must be visible to the proposer (404 otherwise), the
/// proposer must speak for the project's organisation (403), the project must still run and
/// the pair must be new (409).
pub fn propose(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    input: NewMatch,
) -> AppResult<MatchView> {
    let actor = user.actor();
    let scope = scope(user);
    let note = content::block("note", &input.note, 5_000)?;
    let (need_id, project_id) = (input.need_id.trim(), input.project_id.trim());
    require_id(need_id)?;
    require_id(project_id)?;
    write_transaction(conn, |conn| {
        let (need, _) =
            needs_repo::find_visible(conn, &scope.needs, need_id)?.ok_or(AppError::NotFound)?;
        let project = projects_repo::find_visible(conn, &scope.projects, project_id)?
            .ok_or(AppError::NotFound)?;
        access::require_proposer(&actor, &project.owner_org_id)?;
        if matches!(
            project.status,
            ProjectStatus::Completed | ProjectStatus::Cancelled
        ) {
            return Err(AppError::Conflict(format!(
                "a {} project takes no new match",
                project.status
            )));
        }
        if repo::pair_exists(conn, &need.id, &project.id)? {
            return Err(AppError::Conflict(
                "this need and this project are already matched".into(),
            ));
        }
        let now = now();
        let m = Match {
            id: new_id(),
            need_id: need.id.clone(),
            project_id: project.id.clone(),
            member_state_id: need.member_state_id.clone(),
            status: MatchStatus::Proposed,
            note,
            proposed_by: user.id.clone(),
            proposed_by_org_id: actor.organisation_id.clone(),
            decided_by: None,
            reason: None,
            created_at: now,
            updated_at: now,
        };
        repo::insert(conn, &m)?;
        record_step(conn, &m, user, None, now)?;
        let details = serde_json::json!({"need": m.need_id, "project": m.project_id});
        audit::record(
            conn,
            event(user, ip, "match.propose", &m.id).details(details),
        )?;
        mail::proposed(conn, &m, now)?;
        view_of(conn, user, &m.id)
    })
}

/// Moves a match: 404 when the caller may not see it, 403 when they may not make this move,
/// 400 for a decline without a reason, 409 for a move the match does not make.
pub fn transition(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    patch: MatchPatch,
) -> AppResult<MatchView> {
    let actor = user.actor();
    let scope = scope(user);
    let reason = match &patch.reason {
        Some(r) => Some(content::block("reason", r, 2_000)?).filter(|r| !r.is_empty()),
        None => None,
    };
    require_id(id)?;
    write_transaction(conn, |conn| {
        let found = repo::find_visible(conn, &scope, id)?.ok_or(AppError::NotFound)?;
        let mut m = found.row;
        access::require_mover(
            &actor,
            patch.status,
            &m.member_state_id,
            &found.project_owner_id,
        )?;
        if patch.status == MatchStatus::Declined && reason.is_none() {
            return Err(AppError::invalid(
                ErrorCode::InvalidField,
                "a decline carries a reason",
            ));
        }
        if !m.status.may_become(patch.status) {
            return Err(AppError::Conflict(format!(
                "a {} match cannot become {}",
                m.status, patch.status
            )));
        }
        let now = now();
        let from = m.status;
        m.status = patch.status;
        if matches!(patch.status, MatchStatus::Accepted | MatchStatus::Declined) {
            m.decided_by = Some(user.id.clone());
        }
        if reason.is_some() {
            m.reason = reason.clone();
        }
        m.updated_at = now;
        repo::update(conn, &m)?;
        record_step(conn, &m, user, Some(from), now)?;
        if let Some(next) = need_follows(found.need_status, m.status, found.project_status) {
            needs_repo::set_status(conn, &m.need_id, next, now)?;
        }
        let action = match m.status {
            MatchStatus::Accepted => "match.accept",
            MatchStatus::Declined => "match.decline",
            _ => "match.complete",
        };
        let details = serde_json::json!({"from": from, "to": m.status});
        audit::record(conn, event(user, ip, action, &m.id).details(details))?;
        if matches!(m.status, MatchStatus::Accepted | MatchStatus::Declined) {
            mail::answered(conn, &m, now)?;
        }
        view_of(conn, user, &m.id)
    })
}

/// Work on a project started: the needs it was accepted for are in progress.
pub fn project_started(
    conn: &mut DbConnection,
    project_id: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    Ok(repo::start_accepted_needs(conn, project_id, now).map(|_| ())?)
}

/// One match the caller may see (404 otherwise).
pub fn read(conn: &mut DbConnection, user: &CurrentUser, id: &str) -> AppResult<MatchView> {
    view_of(conn, user, id)
}

fn keep(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// An id filter: a value that is no id matches nothing.
fn an_id(value: String) -> String {
    if is_id(&value) {
        value
    } else {
        "-".into()
    }
}

fn filter_from(user: &CurrentUser, q: &MatchQuery) -> AppResult<MatchFilter> {
    let bad = |message: &str| AppError::invalid(ErrorCode::InvalidFilter, message);
    let status = keep(&q.status)
        .map(|s| {
            s.parse()
                .map_err(|_| bad("status is proposed, accepted, declined or completed"))
        })
        .transpose()?;
    let waiting = match keep(&q.waiting).as_deref() {
        None => None,
        Some("me") => Some(Waiting::for_actor(&user.actor())),
        Some(_) => return Err(bad("waiting takes one value: me")),
    };
    Ok(MatchFilter {
        organisation: None,
        id: None,
        status,
        need_id: keep(&q.need_id).map(an_id),
        project_id: keep(&q.project_id).map(an_id),
        member_state: q.member_state.clone(),
        waiting,
    })
}

/// The matches the caller may see, newest first.
pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: MatchQuery,
) -> AppResult<MatchPage> {
    let limit = query.page.limit(PageSize::STANDARD);
    let after = pagination::decode_time_seek(query.page.cursor())?;
    let filter = filter_from(user, &query)?;
    let rows = repo::list(conn, &scope(user), &filter, after, limit + 1)?;
    let page = Page::cut(rows, limit, |r| {
        pagination::time_seek(r.row.created_at, &r.row.id)
    });
    Ok(Page {
        items: views_of(conn, user, page.items)?,
        next_cursor: page.next_cursor,
    })
}

/// The matches of one need or one project that the caller may see (their pages), newest first.
pub fn of(
    conn: &mut DbConnection,
    user: &CurrentUser,
    need_id: Option<&str>,
    project_id: Option<&str>,
) -> AppResult<Vec<MatchView>> {
    let query = MatchQuery {
        need_id: need_id.map(str::to_string),
        project_id: project_id.map(str::to_string),
        page: pagination::PageParams::new(None, Some(100)),
        ..MatchQuery::default()
    };
    Ok(list(conn, user, query)?.items)
}

/// The newest matches the caller's organisation proposed or that are for its projects, with
/// their answers (the dashboard of a Compact entity).
pub fn of_own_organisation(
    conn: &mut DbConnection,
    user: &CurrentUser,
    limit: i64,
) -> AppResult<Vec<MatchView>> {
    let filter = MatchFilter {
        organisation: Some(user.organisation_id.clone()),
        ..MatchFilter::default()
    };
    let rows = repo::list(conn, &scope(user), &filter, None, limit)?;
    views_of(conn, user, rows)
}

/// Whether the caller may propose this project for needs now (what its page offers).
pub fn may_propose(user: &CurrentUser, project: &crate::services::projects::ProjectView) -> bool {
    !matches!(
        project.status,
        ProjectStatus::Completed | ProjectStatus::Cancelled
    ) && access::may_propose(&user.actor(), &project.owner_id)
}

/// A short list of open needs with no accepted match that the caller may see, for the
/// project's first State when it names States: the choices of the "propose" form.
pub fn need_choices(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: &crate::services::projects::ProjectView,
) -> AppResult<Vec<(String, String)>> {
    let query = crate::services::needs::NeedQuery {
        member_state: project.member_states.first().cloned(),
        status: Some(NeedStatus::Open.to_string()),
        uncovered: true,
        page: pagination::PageParams::new(None, Some(30)),
        ..Default::default()
    };
    Ok(crate::services::needs::list(conn, user, query)?
        .items
        .into_iter()
        .map(|n| (n.id, format!("{} · {}", n.member_state, n.title)))
        .collect())
}
