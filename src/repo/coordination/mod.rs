//! Who does what where: the matrix's grouped counts, the coverage figures, the placements of
//! projects that possible overlaps are found in, the pairs marked "coordinated" and the 3W
//! rows. Every read takes the caller's scopes and filters in SQL; the counts are GROUP BY
//! queries (needs over `need_cells`, which triggers keep; projects over their State and area
//! rows), never loaded rows.

use std::collections::HashMap;

use crate::repo::cached_sql::static_sql;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::projects::scoped as projects_scoped;
use crate::access::projects::ProjectScope;
use crate::access::reports::ReportScope;
use crate::db::schema::{
    need_cells, organisations, overlap_notes, project_areas, project_cells, project_regions,
    project_states, projects,
};
use crate::db::DbConnection;
use crate::domain::values::{NeedStatus, NeedVisibility, ProjectStatus, ProjectVisibility};

/// What the matrix is narrowed to: a regional group's States, one thematic area, one
/// programme's projects (blank: no narrowing; the service checks the values).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CellFilter {
    pub region: Option<String>,
    pub thematic_area: Option<String>,
    pub programme: Option<String>,
}

// The matrix groups projects by a State of one child table and an area of another.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    project_states::state_id,
    project_areas::thematic_area,
);

/// One (State id, thematic area) cell's projects and organisations.
pub type Cell = (String, String, i64, i64);

/// Narrows a boxed `need_cells` query to what the needs scope grants (the needs list's
/// conditions on the same columns).
macro_rules! cells_scoped {
    ($q:ident, $scope:expr, $empty:expr) => {
        $crate::repo::within_report_scope!($q, $scope, $empty, need_cells::member_state_id,
            own: $crate::repo::cached_sql::one_of(need_cells::visibility,
                [NeedVisibility::Withheld, NeedVisibility::Published]),
            published: need_cells::visibility.eq(NeedVisibility::Published))
    };
}

mod coverage;
pub use coverage::{open_need_total, uncovered_by_area, uncovered_by_region};

/// One `need_cells` row of open needs: State id, thematic area, whether they are covered,
/// and how many.
pub type OpenCell = (String, String, bool, i64);

/// The open needs' cells the scope grants, as stored: the caller adds them up. Read in the
/// covering index's order with no GROUP BY, since the matrix adds them into its grid anyway:
/// grouping in SQLite cost more than the scan (issue 19: 6.7 M instructions a matrix).
pub fn open_need_cells(
    conn: &mut DbConnection,
    scope: &ReportScope,
    filter: &CellFilter,
) -> QueryResult<Vec<OpenCell>> {
    let mut q = need_cells::table
        .filter(need_cells::status.eq(NeedStatus::Open))
        .select((
            need_cells::member_state_id,
            need_cells::thematic_area,
            need_cells::covered,
            need_cells::need_count,
        ))
        .into_boxed();
    cells_scoped!(q, scope, Vec::new());
    if let Some(region) = &filter.region {
        let ids = organisations::table
            .filter(organisations::regional_group.eq(region.clone()))
            .select(organisations::id);
        q = q.filter(need_cells::member_state_id.eq_any(ids));
    }
    if let Some(area) = &filter.thematic_area {
        q = q.filter(need_cells::thematic_area.eq(area.clone()));
    }
    q.load(conn)
}

/// Projects (not cancelled) that list the State, and their distinct owners, by (State, area),
/// over `project_cells` (kept by triggers), with the projects scope on its columns.
pub fn project_cells(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    filter: &CellFilter,
) -> QueryResult<Vec<Cell>> {
    let mut q = project_cells::table
        .filter(project_cells::status.ne(ProjectStatus::Cancelled))
        .filter(project_cells::project_count.gt(0))
        .group_by((project_cells::state_id, project_cells::thematic_area))
        .select((
            project_cells::state_id,
            project_cells::thematic_area,
            static_sql::<BigInt>("CAST(SUM(project_count) AS BIGINT)"),
            static_sql::<BigInt>("COUNT(DISTINCT owner_org_id)"),
        ))
        .into_boxed();
    projects_scoped!(
        q,
        scope,
        project_cells::visibility,
        project_cells::owner_org_id
    );
    if let Some(region) = &filter.region {
        let ids = organisations::table
            .filter(organisations::regional_group.eq(region.clone()))
            .select(organisations::id);
        q = q.filter(project_cells::state_id.eq_any(ids));
    }
    if let Some(area) = &filter.thematic_area {
        q = q.filter(project_cells::thematic_area.eq(area.clone()));
    }
    if let Some(programme) = &filter.programme {
        q = q.filter(project_cells::programme.eq(programme.clone()));
    }
    q.load(conn)
}

/// A visible, not cancelled project placed in a State it lists, for one thematic area: what
/// possible overlaps are found among.
#[derive(Debug, Clone, Queryable)]
pub struct Placement {
    pub state_id: String,
    pub thematic_area: String,
    pub project_id: String,
    pub owner_org_id: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// Where to look for overlaps: one State, one area, or the States and areas of some projects
/// (a project page).
#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    pub state_id: Option<String>,
    pub thematic_area: Option<String>,
    pub near_projects: Option<Vec<String>>,
}

pub fn placements(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    filter: &PlacementFilter,
) -> QueryResult<Vec<Placement>> {
    let mut q = project_states::table
        .inner_join(projects::table.on(projects::id.eq(project_states::project_id)))
        .inner_join(
            project_areas::table.on(project_areas::project_id.eq(project_states::project_id)),
        )
        .filter(projects::status.ne(ProjectStatus::Cancelled))
        .select((
            project_states::state_id,
            project_areas::thematic_area,
            projects::id,
            projects::owner_org_id,
            projects::starts_on,
            projects::ends_on,
        ))
        .into_boxed();
    projects_scoped!(q, scope);
    if let Some(state) = &filter.state_id {
        q = q.filter(project_states::state_id.eq(state.clone()));
    }
    if let Some(area) = &filter.thematic_area {
        q = q.filter(project_areas::thematic_area.eq(area.clone()));
    }
    if let Some(ids) = &filter.near_projects {
        let states: Vec<String> = project_states::table
            .filter(project_states::project_id.eq_any(ids))
            .select(project_states::state_id)
            .load(conn)?;
        let areas: Vec<String> = project_areas::table
            .filter(project_areas::project_id.eq_any(ids))
            .select(project_areas::thematic_area)
            .load(conn)?;
        q = q
            .filter(project_states::state_id.eq_any(states))
            .filter(project_areas::thematic_area.eq_any(areas));
    }
    q.load(conn)
}

/// A project's title, owner code, status and owner id.
pub type ProjectLabel = (String, String, ProjectStatus, String);

/// The labels of these projects, by id (the caller found them visible).
pub fn project_labels(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<HashMap<String, ProjectLabel>> {
    Ok(projects::table
        .inner_join(organisations::table.on(organisations::id.eq(projects::owner_org_id)))
        .filter(projects::id.eq_any(ids))
        .select((
            projects::id,
            (
                projects::title,
                organisations::code,
                projects::status,
                projects::owner_org_id,
            ),
        ))
        .load::<(String, ProjectLabel)>(conn)?
        .into_iter()
        .collect())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = overlap_notes)]
pub struct OverlapNote {
    /// The smaller id of the pair.
    pub project_a: String,
    pub project_b: String,
    pub note: String,
    pub marked_by: String,
    pub marked_by_org_id: String,
    pub marked_at: NaiveDateTime,
}

/// The notes of pairs with a project among `ids`, with the marking organisation's code.
pub fn notes_of(conn: &mut DbConnection, ids: &[&str]) -> QueryResult<Vec<(OverlapNote, String)>> {
    overlap_notes::table
        .inner_join(organisations::table.on(organisations::id.eq(overlap_notes::marked_by_org_id)))
        .filter(
            overlap_notes::project_a
                .eq_any(ids)
                .or(overlap_notes::project_b.eq_any(ids)),
        )
        .select((OverlapNote::as_select(), organisations::code))
        .load(conn)
}

super::row_writes! {
    insert insert_note: OverlapNote => overlap_notes::table;
}

/// One row of the 3W export: a visible project in a State it lists (or, for a regional or
/// global project, `None`), for one of its thematic areas.
#[derive(Debug, Clone, Queryable)]
pub struct ThreeWRow {
    pub state_id: Option<String>,
    pub thematic_area: String,
    pub project_id: String,
    pub title: String,
    pub owner_org_id: String,
    pub status: ProjectStatus,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// The 3W rows of every project the scope grants: those listing States, then the others.
pub fn three_w_rows(conn: &mut DbConnection, scope: &ProjectScope) -> QueryResult<Vec<ThreeWRow>> {
    let mut listed = project_states::table
        .inner_join(projects::table.on(projects::id.eq(project_states::project_id)))
        .inner_join(
            project_areas::table.on(project_areas::project_id.eq(project_states::project_id)),
        )
        .select((
            project_states::state_id.nullable(),
            project_areas::thematic_area,
            projects::id,
            projects::title,
            projects::owner_org_id,
            projects::status,
            projects::starts_on,
            projects::ends_on,
        ))
        .into_boxed();
    projects_scoped!(listed, scope);
    let mut rows: Vec<ThreeWRow> = listed.load(conn)?;
    let with_states = project_states::table.select(project_states::project_id);
    let mut unlisted = project_areas::table
        .inner_join(projects::table.on(projects::id.eq(project_areas::project_id)))
        .filter(diesel::dsl::not(projects::id.eq_any(with_states)))
        .select((
            static_sql::<diesel::sql_types::Nullable<diesel::sql_types::Text>>("NULL"),
            project_areas::thematic_area,
            projects::id,
            projects::title,
            projects::owner_org_id,
            projects::status,
            projects::starts_on,
            projects::ends_on,
        ))
        .into_boxed();
    projects_scoped!(unlisted, scope);
    rows.extend(unlisted.load::<ThreeWRow>(conn)?);
    Ok(rows)
}

/// The regions of these projects, by project id.
pub fn regions_of(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let rows: Vec<(String, String)> = project_regions::table
        .filter(project_regions::project_id.eq_any(ids))
        .order(project_regions::region.asc())
        .load(conn)?;
    for (project, region) in rows {
        out.entry(project).or_default().push(region);
    }
    Ok(out)
}

/// A Member State's id, code, name and regional group.
pub type StateRow = (String, String, String, Option<String>);

/// Every Member State, or one regional group's, by code.
pub fn member_states(conn: &mut DbConnection, region: Option<&str>) -> QueryResult<Vec<StateRow>> {
    let mut q = organisations::table
        .filter(organisations::kind.eq(crate::domain::OrgKind::MemberState))
        .order(organisations::code.asc())
        .select((
            organisations::id,
            organisations::code,
            organisations::name,
            organisations::regional_group,
        ))
        .into_boxed();
    if let Some(region) = region {
        q = q.filter(organisations::regional_group.eq(region.to_string()));
    }
    q.load(conn)
}

/// Code and name of every organisation, by id (the 3W export's owners and States).
pub fn organisation_names(
    conn: &mut DbConnection,
) -> QueryResult<HashMap<String, (String, String)>> {
    Ok(organisations::table
        .select((
            organisations::id,
            (organisations::code, organisations::name),
        ))
        .load::<(String, (String, String))>(conn)?
        .into_iter()
        .collect())
}

/// Every pair marked coordinated (a small table of human decisions).
pub fn note_keys(
    conn: &mut DbConnection,
) -> QueryResult<std::collections::HashSet<(String, String)>> {
    Ok(overlap_notes::table
        .select((overlap_notes::project_a, overlap_notes::project_b))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}
