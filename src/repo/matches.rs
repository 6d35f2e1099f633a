//! Matches between needs and projects, and their history. Every read takes a `MatchScope` and
//! keeps, in SQL, only the matches whose need and project the reader may both see.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::{exists, sql};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::needs::scoped as needs_scoped;
use super::projects::scoped as projects_scoped;
use super::row_writes;
use crate::access::matches::{MatchScope, Waiting};
use crate::access::projects::ProjectScope;
use crate::db::schema::{match_events, matches, needs, organisations, projects, users};
use crate::db::DbConnection;
use crate::domain::values::{
    MatchStatus, NeedStatus, NeedVisibility, ProjectStatus, ProjectVisibility,
};
use crate::pagination::newest_first;
use crate::repo::cached_sql::one_of;

/// The backend of [`DbConnection`], chosen at run time.
type DbBackend = <DbConnection as diesel::Connection>::Backend;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = matches)]
#[diesel(treat_none_as_null = true)]
pub struct Match {
    pub id: String,
    pub need_id: String,
    pub project_id: String,
    /// The need's State (a need never changes State).
    pub member_state_id: String,
    pub status: MatchStatus,
    pub note: String,
    pub proposed_by: String,
    pub proposed_by_org_id: String,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = match_events)]
pub struct MatchEvent {
    pub id: String,
    pub match_id: String,
    pub actor_id: String,
    pub from_status: Option<MatchStatus>,
    pub to_status: MatchStatus,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A match with what its views name: its need's title and status, its project's title, owner
/// and status.
#[derive(Debug, Clone, Queryable)]
pub struct MatchRow {
    pub row: Match,
    pub need_title: String,
    pub need_status: NeedStatus,
    pub project_title: String,
    pub project_owner_id: String,
    pub project_status: ProjectStatus,
}

#[derive(Debug, Clone, Default)]
pub struct MatchFilter {
    /// One match by its id (reading one applies the same scopes as the list).
    pub id: Option<String>,
    pub status: Option<MatchStatus>,
    pub need_id: Option<String>,
    pub project_id: Option<String>,
    /// The need's State, by its code (any case; an unknown code matches nothing).
    pub member_state: Option<String>,
    pub waiting: Option<Waiting>,
    /// An organisation's id: the matches it proposed or that are for its projects.
    pub organisation: Option<String>,
}

/// One page of the matches the scope grants, newest first, after the keyset cursor.
pub fn list(
    conn: &mut DbConnection,
    scope: &MatchScope,
    filter: &MatchFilter,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<MatchRow>> {
    let mut q = matches::table
        .inner_join(needs::table)
        .inner_join(projects::table)
        .select((
            Match::as_select(),
            needs::title,
            needs::status,
            projects::title,
            projects::owner_org_id,
            projects::status,
        ))
        .into_boxed();
    // Rule 6: the need's scope and the project's scope, on the joined rows.
    needs_scoped!(q, &scope.needs, Vec::new());
    projects_scoped!(q, &scope.projects);
    if let Some(status) = filter.status {
        q = q.filter(matches::status.eq(status));
    }
    if let Some(v) = &filter.id {
        q = q.filter(matches::id.eq(v.clone()));
    }
    if let Some(v) = &filter.need_id {
        q = q.filter(matches::need_id.eq(v.clone()));
    }
    if let Some(v) = &filter.project_id {
        q = q.filter(matches::project_id.eq(v.clone()));
    }
    super::of_organisation_code!(q, matches::member_state_id, &filter.member_state);
    if let Some(org) = &filter.organisation {
        q = q.filter(
            matches::proposed_by_org_id
                .eq(org.clone())
                .or(projects::owner_org_id.eq(org.clone())),
        );
    }
    match &filter.waiting {
        None => {}
        Some(Waiting::Nothing) => return Ok(Vec::new()),
        Some(Waiting::Everything) => {
            q = q.filter(one_of(
                matches::status,
                [MatchStatus::Proposed, MatchStatus::Accepted],
            ))
        }
        Some(Waiting::For(org)) => {
            let decisions = matches::status
                .eq(MatchStatus::Proposed)
                .and(matches::member_state_id.eq(org.clone()));
            let answers = one_of(
                matches::status,
                [MatchStatus::Accepted, MatchStatus::Declined],
            )
            .and(
                matches::proposed_by_org_id
                    .eq(org.clone())
                    .or(projects::owner_org_id.eq(org.clone())),
            );
            q = q.filter(decisions.or(answers));
        }
    }
    newest_first!(q, matches::created_at, matches::id, after);
    q.limit(limit)
        .load::<(Match, String, NeedStatus, String, String, ProjectStatus)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(row, nt, ns, pt, po, ps)| MatchRow {
                    row,
                    need_title: nt,
                    need_status: ns,
                    project_title: pt,
                    project_owner_id: po,
                    project_status: ps,
                })
                .collect()
        })
}

/// One match the scope grants.
pub fn find_visible(
    conn: &mut DbConnection,
    scope: &MatchScope,
    id: &str,
) -> QueryResult<Option<MatchRow>> {
    let filter = MatchFilter {
        id: Some(id.to_string()),
        ..MatchFilter::default()
    };
    Ok(list(conn, scope, &filter, None, 1)?.pop())
}

/// Whether the pair is already matched (in any status).
pub fn pair_exists(conn: &mut DbConnection, need_id: &str, project_id: &str) -> QueryResult<bool> {
    diesel::select(exists(
        matches::table
            .filter(matches::need_id.eq(need_id))
            .filter(matches::project_id.eq(project_id)),
    ))
    .get_result(conn)
}

/// The history of these matches, oldest first, with each actor's name, by match id.
pub fn events(
    conn: &mut DbConnection,
    match_ids: &[&str],
) -> QueryResult<HashMap<String, Vec<(MatchEvent, String)>>> {
    let rows: Vec<(MatchEvent, String)> = match_events::table
        .inner_join(users::table)
        .filter(match_events::match_id.eq_any(match_ids))
        .order((match_events::created_at.asc(), match_events::id.asc()))
        .select((MatchEvent::as_select(), users::name))
        .load(conn)?;
    let mut by_match: HashMap<String, Vec<(MatchEvent, String)>> = HashMap::new();
    for (event, name) in rows {
        by_match
            .entry(event.match_id.clone())
            .or_default()
            .push((event, name));
    }
    Ok(by_match)
}

/// Organisation codes by id.
pub fn organisation_codes(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<HashMap<String, String>> {
    Ok(organisations::table
        .filter(organisations::id.eq_any(ids))
        .select((organisations::id, organisations::code))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The condition "the need has no accepted or completed match" on a needs query (the needs
/// list's `uncovered`): a correlated NOT EXISTS on the `(need_id, status)` index.
pub fn uncovered() -> Box<dyn BoxableExpression<needs::table, DbBackend, SqlType = Bool>> {
    Box::new(
        sql::<Bool>("NOT EXISTS (SELECT 1 FROM matches WHERE matches.need_id = needs.id AND matches.status IN (")
            .bind::<Text, _>(MatchStatus::Accepted)
            .sql(", ")
            .bind::<Text, _>(MatchStatus::Completed)
            .sql("))"),
    )
}

/// The needs this project was accepted for move on to `in_progress` (work started), unless
/// they are further already.
pub fn start_accepted_needs(
    conn: &mut DbConnection,
    project_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let accepted = matches::table
        .filter(matches::project_id.eq(project_id.to_string()))
        .filter(matches::status.eq(MatchStatus::Accepted))
        .select(matches::need_id);
    diesel::update(
        needs::table
            .filter(needs::id.eq_any(accepted))
            .filter(needs::status.eq_any([NeedStatus::Open, NeedStatus::Matched])),
    )
    .set((
        needs::status.eq(NeedStatus::InProgress),
        needs::updated_at.eq(now),
    ))
    .execute(conn)
}

row_writes! {
    insert insert: Match => matches::table;
    update update: Match => matches::table;
    insert insert_event: MatchEvent => match_events::table;
}
