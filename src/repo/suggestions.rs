//! The candidates of suggestions, narrowed in SQL to what the reader may see (the need and
//! project scopes), to open work (needs `open`; projects `planned` or `active`), to a common
//! thematic area and place (the same State, its regional group, or a global project), and to
//! pairs neither matched (in any status) nor dismissed. Each place is one query, most specific
//! first, each bounded, so ranking in Rust never sees more than [`CANDIDATES`] rows.
//! Also the dismissals themselves.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::exists;
use diesel::prelude::*;

use super::needs::scoped as needs_scoped;
use super::projects::scoped as projects_scoped;
use super::row_writes;
use crate::access::projects::ProjectScope;
use crate::access::reports::ReportScope;
use crate::db::schema::{
    matches, needs, organisations, project_areas, project_regions, project_states, projects,
    reports, suggestion_dismissals,
};
use crate::db::DbConnection;
use crate::domain::suggestions::Place;
use crate::domain::values::{
    NeedStatus, NeedVisibility, Priority, ProjectStatus, ProjectVisibility,
};

/// At most this many candidates are ranked for one request.
pub const CANDIDATES: i64 = 400;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = suggestion_dismissals)]
pub struct Dismissal {
    pub id: String,
    pub need_id: String,
    pub project_id: String,
    pub reason: String,
    pub dismissed_by: String,
    pub dismissed_by_org_id: String,
    pub created_at: NaiveDateTime,
}

/// A project as a suggestion for a need.
#[derive(Debug, Clone, Queryable)]
pub struct ProjectCandidate {
    pub id: String,
    pub title: String,
    pub description: String,
    pub programme: Option<String>,
    pub owner_org_id: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// A need as a suggestion for a project, with its State and its report's programme.
#[derive(Debug, Clone, Queryable)]
pub struct NeedCandidate {
    pub id: String,
    pub title: String,
    pub description: String,
    pub thematic_area: String,
    pub priority: Priority,
    pub member_state_id: String,
    pub state_code: String,
    pub regional_group: Option<String>,
    pub programme: Option<String>,
}

/// The need a suggestion list is for: what places and areas its candidates must share.
pub struct NeedSubject<'a> {
    pub id: &'a str,
    pub state_id: &'a str,
    pub state_code: &'a str,
    pub regional_group: Option<&'a str>,
    pub thematic_area: &'a str,
}

/// The project a suggestion list is for.
pub struct ProjectSubject<'a> {
    pub id: &'a str,
    pub is_global: bool,
    pub state_ids: &'a [String],
    pub regions: &'a [String],
    pub areas: &'a [String],
}

/// The programme of the report a need came from, if any.
pub fn report_programme(
    conn: &mut DbConnection,
    report_id: Option<&str>,
) -> QueryResult<Option<String>> {
    let Some(id) = report_id else { return Ok(None) };
    Ok(reports::table
        .filter(reports::id.eq(id))
        .select(reports::programme)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

/// Open projects the scope grants for the need, each with its place: the need's State first,
/// then its regional group, then global projects; at most [`CANDIDATES`] in all.
pub fn projects_for_need(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    need: &NeedSubject,
) -> QueryResult<Vec<(ProjectCandidate, Place)>> {
    let mut places = vec![Place::SameState(need.state_code.to_string())];
    if let Some(region) = need.regional_group {
        places.push(Place::Region(region.to_string()));
    }
    places.push(Place::Global);
    let mut out: Vec<(ProjectCandidate, Place)> = Vec::new();
    for place in places {
        let room = CANDIDATES - out.len() as i64;
        if room <= 0 {
            break;
        }
        for row in projects_at(conn, scope, need, &place, room)? {
            if !out.iter().any(|(p, _)| p.id == row.id) {
                out.push((row, place.clone()));
            }
        }
    }
    Ok(out)
}

fn projects_at(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    need: &NeedSubject,
    place: &Place,
    limit: i64,
) -> QueryResult<Vec<ProjectCandidate>> {
    let with_area = project_areas::table
        .filter(project_areas::thematic_area.eq(need.thematic_area.to_string()))
        .select(project_areas::project_id);
    let matched = matches::table
        .filter(matches::need_id.eq(need.id.to_string()))
        .select(matches::project_id);
    let dismissed = suggestion_dismissals::table
        .filter(suggestion_dismissals::need_id.eq(need.id.to_string()))
        .select(suggestion_dismissals::project_id);
    let mut q = projects::table
        .filter(projects::status.eq_any([ProjectStatus::Planned, ProjectStatus::Active]))
        .filter(projects::id.eq_any(with_area))
        .filter(projects::id.ne_all(matched))
        .filter(projects::id.ne_all(dismissed))
        .select((
            projects::id,
            projects::title,
            projects::description,
            projects::programme,
            projects::owner_org_id,
            projects::starts_on,
            projects::ends_on,
        ))
        .into_boxed();
    projects_scoped!(q, scope);
    match place {
        Place::SameState(_) => {
            let for_state = project_states::table
                .filter(project_states::state_id.eq(need.state_id.to_string()))
                .select(project_states::project_id);
            q = q.filter(projects::id.eq_any(for_state));
        }
        Place::Region(region) => {
            let for_region = project_regions::table
                .filter(project_regions::region.eq(region.clone()))
                .select(project_regions::project_id);
            q = q.filter(projects::id.eq_any(for_region));
        }
        Place::Global => q = q.filter(projects::is_global.eq(true)),
    }
    q.order((projects::updated_at.desc(), projects::id.asc()))
        .limit(limit)
        .load(conn)
}

/// Open needs the scope grants for the project, in its thematic areas: needs of its States
/// first, then of its regions' States, then (a global project) of any State; newest first
/// within each; at most [`CANDIDATES`] in all.
pub fn needs_for_project(
    conn: &mut DbConnection,
    scope: &ReportScope,
    project: &ProjectSubject,
) -> QueryResult<Vec<NeedCandidate>> {
    #[derive(Clone, Copy)]
    enum Where {
        States,
        Regions,
        Anywhere,
    }
    let mut places = Vec::new();
    if !project.state_ids.is_empty() {
        places.push(Where::States);
    }
    if !project.regions.is_empty() {
        places.push(Where::Regions);
    }
    if project.is_global {
        places.push(Where::Anywhere);
    }
    let mut out: Vec<NeedCandidate> = Vec::new();
    for place in places {
        let room = CANDIDATES - out.len() as i64;
        if room <= 0 {
            break;
        }
        let matched = matches::table
            .filter(matches::project_id.eq(project.id.to_string()))
            .select(matches::need_id);
        let dismissed = suggestion_dismissals::table
            .filter(suggestion_dismissals::project_id.eq(project.id.to_string()))
            .select(suggestion_dismissals::need_id);
        let mut q = needs::table
            .inner_join(organisations::table)
            .left_join(reports::table.on(needs::report_id.eq(reports::id.nullable())))
            .filter(needs::status.eq(NeedStatus::Open))
            .filter(needs::thematic_area.eq_any(project.areas.to_vec()))
            .filter(needs::id.ne_all(matched))
            .filter(needs::id.ne_all(dismissed))
            .select((
                needs::id,
                needs::title,
                needs::description,
                needs::thematic_area,
                needs::priority,
                needs::member_state_id,
                organisations::code,
                organisations::regional_group,
                reports::programme.nullable(),
            ))
            .into_boxed();
        needs_scoped!(q, scope, Vec::new());
        match place {
            Where::States => {
                q = q.filter(needs::member_state_id.eq_any(project.state_ids.to_vec()));
            }
            Where::Regions => {
                q = q.filter(organisations::regional_group.eq_any(project.regions.to_vec()));
            }
            Where::Anywhere => {}
        }
        let rows: Vec<NeedCandidate> = q
            .order((needs::created_at.desc(), needs::id.desc()))
            .limit(room)
            .load(conn)?;
        for row in rows {
            if !out.iter().any(|n| n.id == row.id) {
                out.push(row);
            }
        }
    }
    Ok(out)
}

/// A project's State ids, regions and thematic areas.
pub fn project_places(
    conn: &mut DbConnection,
    project_id: &str,
) -> QueryResult<(Vec<String>, Vec<String>, Vec<String>)> {
    let states = project_states::table
        .filter(project_states::project_id.eq(project_id))
        .select(project_states::state_id)
        .load(conn)?;
    let regions = project_regions::table
        .filter(project_regions::project_id.eq(project_id))
        .select(project_regions::region)
        .load(conn)?;
    let areas = project_areas::table
        .filter(project_areas::project_id.eq(project_id))
        .select(project_areas::thematic_area)
        .load(conn)?;
    Ok((states, regions, areas))
}

/// Whether the pair was already dismissed.
pub fn dismissed(conn: &mut DbConnection, need_id: &str, project_id: &str) -> QueryResult<bool> {
    diesel::select(exists(
        suggestion_dismissals::table
            .filter(suggestion_dismissals::need_id.eq(need_id))
            .filter(suggestion_dismissals::project_id.eq(project_id)),
    ))
    .get_result(conn)
}

row_writes! {
    insert insert_dismissal: Dismissal => suggestion_dismissals::table;
}
