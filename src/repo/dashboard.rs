//! The dashboard's own queries: the time of each user's previous visit, the places and areas
//! of an organisation's open projects and the needs in them, and the progress values waiting
//! for validation. Each read takes the caller's scope and filters in SQL.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::needs::scoped as needs_scoped;
use super::projects::scoped as projects_scoped;
use crate::access::projects::ProjectScope;
use crate::access::reports::ReportScope;
use crate::db::schema::{
    consultations, dashboard_visits, matches, measure_progress, needs, organisations,
    plan_measures, plans, project_areas, project_regions, project_states, projects,
    suggestion_dismissals,
};
use crate::db::DbConnection;
use crate::domain::plans::ProgressStatus;
use crate::domain::values::{NeedStatus, NeedVisibility, ProjectStatus, ProjectVisibility};
use crate::repo::cached_sql::one_of;

/// When the user last opened the dashboard, if ever.
pub fn visited_at(conn: &mut DbConnection, user_id: &str) -> QueryResult<Option<NaiveDateTime>> {
    dashboard_visits::table
        .find(user_id)
        .select(dashboard_visits::visited_at)
        .first(conn)
        .optional()
}

/// Records a visit at `now` (an update, or the first row).
pub fn record_visit(conn: &mut DbConnection, user_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    let updated = diesel::update(dashboard_visits::table.find(user_id))
        .set(dashboard_visits::visited_at.eq(now))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(dashboard_visits::table)
            .values((
                dashboard_visits::user_id.eq(user_id),
                dashboard_visits::visited_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// An open project of the organisation and where it works: the matching criteria of the
/// suggestions (a thematic area in common; the same State, its regional group, or global).
#[derive(Debug, Clone, Default)]
pub struct OwnProject {
    pub id: String,
    pub title: String,
    pub is_global: bool,
    pub state_ids: Vec<String>,
    pub regions: Vec<String>,
    pub areas: Vec<String>,
}

/// The organisation's planned and active projects with their places and areas: four queries.
pub fn open_projects_of(conn: &mut DbConnection, org_id: &str) -> QueryResult<Vec<OwnProject>> {
    let rows: Vec<(String, String, bool)> = projects::table
        .filter(projects::owner_org_id.eq(org_id))
        .filter(one_of(
            projects::status,
            [ProjectStatus::Planned, ProjectStatus::Active],
        ))
        .select((projects::id, projects::title, projects::is_global))
        .order(projects::updated_at.desc())
        .limit(200)
        .load(conn)?;
    let ids: Vec<&String> = rows.iter().map(|r| &r.0).collect();
    let states: Vec<(String, String)> = project_states::table
        .filter(project_states::project_id.eq_any(&ids))
        .select((project_states::project_id, project_states::state_id))
        .load(conn)?;
    let regions: Vec<(String, String)> = project_regions::table
        .filter(project_regions::project_id.eq_any(&ids))
        .select((project_regions::project_id, project_regions::region))
        .load(conn)?;
    let areas: Vec<(String, String)> = project_areas::table
        .filter(project_areas::project_id.eq_any(&ids))
        .select((project_areas::project_id, project_areas::thematic_area))
        .load(conn)?;
    let of = |pairs: &[(String, String)], id: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(p, _)| p == id)
            .map(|(_, v)| v.clone())
            .collect()
    };
    Ok(rows
        .iter()
        .map(|(id, title, is_global)| OwnProject {
            state_ids: of(&states, id),
            regions: of(&regions, id),
            areas: of(&areas, id),
            id: id.clone(),
            title: title.clone(),
            is_global: *is_global,
        })
        .collect())
}

/// An open need in a place and area of some projects.
#[derive(Debug, Clone, Queryable)]
pub struct NeedInPlace {
    pub id: String,
    pub title: String,
    pub thematic_area: String,
    pub member_state_id: String,
    pub state_code: String,
    pub regional_group: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Open needs the scope grants in any of these projects' areas and places, newest first, at
/// most `limit` (the caller pairs each with a project that fits it exactly).
pub fn open_needs_near(
    conn: &mut DbConnection,
    scope: &ReportScope,
    own: &[OwnProject],
    limit: i64,
) -> QueryResult<Vec<NeedInPlace>> {
    let areas: HashSet<&String> = own.iter().flat_map(|p| &p.areas).collect();
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = needs::table
        .inner_join(organisations::table)
        .filter(needs::status.eq(NeedStatus::Open))
        .filter(needs::thematic_area.eq_any(areas.into_iter().cloned().collect::<Vec<_>>()))
        .select((
            needs::id,
            needs::title,
            needs::thematic_area,
            needs::member_state_id,
            organisations::code,
            organisations::regional_group,
            needs::created_at,
        ))
        .into_boxed();
    needs_scoped!(q, scope, Vec::new());
    if !own.iter().any(|p| p.is_global) {
        let states: Vec<String> = own.iter().flat_map(|p| p.state_ids.clone()).collect();
        let regions: Vec<String> = own.iter().flat_map(|p| p.regions.clone()).collect();
        q = q.filter(
            needs::member_state_id
                .eq_any(states)
                .or(organisations::regional_group.eq_any(regions)),
        );
    }
    q.order((needs::created_at.desc(), needs::id.desc()))
        .limit(limit)
        .load(conn)
}

/// The (need, project) pairs among these that are matched (in any status) or dismissed.
pub fn paired(
    conn: &mut DbConnection,
    need_ids: &[String],
    project_ids: &[String],
) -> QueryResult<HashSet<(String, String)>> {
    let matched: Vec<(String, String)> = matches::table
        .filter(matches::need_id.eq_any(need_ids))
        .filter(matches::project_id.eq_any(project_ids))
        .select((matches::need_id, matches::project_id))
        .load(conn)?;
    let dismissed: Vec<(String, String)> = suggestion_dismissals::table
        .filter(suggestion_dismissals::need_id.eq_any(need_ids))
        .filter(suggestion_dismissals::project_id.eq_any(project_ids))
        .select((
            suggestion_dismissals::need_id,
            suggestion_dismissals::project_id,
        ))
        .load(conn)?;
    Ok(matched.into_iter().chain(dismissed).collect())
}

/// A progress value waiting for validation, with its plan, measure and State.
#[derive(Debug, Clone, Queryable)]
pub struct PendingValue {
    pub plan_id: String,
    pub indicator: String,
    pub state_code: String,
    pub reported_at: NaiveDateTime,
}

/// The progress values waiting for validation, oldest first (for the validators, who see
/// every plan), at most `limit`, and how many there are.
pub fn pending_progress(
    conn: &mut DbConnection,
    limit: i64,
) -> QueryResult<(Vec<PendingValue>, i64)> {
    let rows = measure_progress::table
        .inner_join(plan_measures::table.inner_join(
            plans::table.inner_join(consultations::table.inner_join(organisations::table)),
        ))
        .filter(measure_progress::status.eq(ProgressStatus::Pending))
        .select((
            measure_progress::plan_id,
            plan_measures::indicator,
            organisations::code,
            measure_progress::reported_at,
        ))
        .order((
            measure_progress::reported_at.asc(),
            measure_progress::id.asc(),
        ))
        .limit(limit)
        .load(conn)?;
    let count = measure_progress::table
        .filter(measure_progress::status.eq(ProgressStatus::Pending))
        .count()
        .get_result(conn)?;
    Ok((rows, count))
}

/// The organisations with projects the scope grants that list the State (not cancelled), with
/// how many: the organisations active there.
pub fn organisations_in_state(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    state_id: &str,
) -> QueryResult<Vec<(String, String, i64)>> {
    let listing = project_states::table
        .filter(project_states::state_id.eq(state_id.to_string()))
        .select(project_states::project_id);
    let mut q = projects::table
        .inner_join(organisations::table)
        .filter(projects::id.eq_any(listing))
        .filter(projects::status.ne(ProjectStatus::Cancelled))
        .group_by((organisations::code, organisations::name))
        .select((
            organisations::code,
            organisations::name,
            diesel::dsl::count(projects::id),
        ))
        .into_boxed();
    projects_scoped!(q, scope);
    q.order(organisations::code.asc()).load(conn)
}

/// The needs the scope grants about one State, counted by status and, for open ones, whether
/// covered: (status, uncovered, count).
pub fn need_counts(
    conn: &mut DbConnection,
    scope: &ReportScope,
    state_id: &str,
) -> QueryResult<Vec<(NeedStatus, i64)>> {
    let mut q = needs::table
        .filter(needs::member_state_id.eq(state_id.to_string()))
        .group_by(needs::status)
        .select((needs::status, diesel::dsl::count(needs::id)))
        .into_boxed();
    needs_scoped!(q, scope, Vec::new());
    q.load(conn)
}

/// How many open needs about the State the scope grants have no accepted or completed match.
pub fn uncovered_count(
    conn: &mut DbConnection,
    scope: &ReportScope,
    state_id: &str,
) -> QueryResult<i64> {
    let mut q = needs::table
        .filter(needs::member_state_id.eq(state_id.to_string()))
        .filter(needs::status.eq(NeedStatus::Open))
        .filter(super::matches::uncovered())
        .count()
        .into_boxed();
    needs_scoped!(q, scope, 0);
    q.get_result(conn)
}
