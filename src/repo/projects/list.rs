//! The list of projects: the one filtered, scoped query its pages and its count read, and its
//! sorts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Project, ProjectFilter};
use crate::access::projects::ProjectScope;
use crate::db::schema::{project_areas, project_regions, project_states, projects};
use crate::db::DbConnection;
use crate::domain::values::ProjectVisibility;
use crate::pagination::{keyset_order, Keyset, SeekKind, SeekValue, SortColumn};
use crate::repo::{bounded_count, containing_text, equal_where_given, DbBackend};

/// The columns a list of projects may be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectSort {
    Title,
    StartsOn,
    Status,
}

impl SortColumn for ProjectSort {
    const COLUMNS: &'static [(ProjectSort, &'static str, SeekKind)] = &[
        (ProjectSort::Title, "title", SeekKind::Text),
        (ProjectSort::StartsOn, "starts_on", SeekKind::Date),
        (ProjectSort::Status, "status", SeekKind::Text),
    ];
}

/// A project's value of a sort column (its next cursor's).
pub fn sort_value(project: &Project, column: ProjectSort) -> SeekValue {
    match column {
        ProjectSort::Title => SeekValue::Text(project.title.clone()),
        ProjectSort::StartsOn => SeekValue::Date(project.starts_on),
        ProjectSort::Status => SeekValue::Text(project.status.to_string()),
    }
}

/// Where a page of projects starts: newest first after `(created_at, id)`, or a sort.
pub type ProjectKeyset = Keyset<ProjectSort, (NaiveDateTime, String)>;

/// The projects the scope grants that match the filters: the one query the list's pages and
/// its count read.
fn filtered<'a>(
    scope: &ProjectScope,
    filter: &ProjectFilter,
) -> projects::BoxedQuery<'a, DbBackend> {
    let mut q = projects::table.into_boxed();
    scoped!(q, scope);
    equal_where_given!(q,
        projects::owner_org_id => &filter.owner_org_id,
        projects::programme => &filter.programme,
    );
    if let Some(status) = filter.status {
        q = q.filter(projects::status.eq(status));
    }
    if let Some(area) = &filter.thematic_area {
        let with_area = project_areas::table
            .filter(project_areas::thematic_area.eq(area.clone()))
            .select(project_areas::project_id);
        q = q.filter(projects::id.eq_any(with_area));
    }
    if let Some(state) = &filter.state {
        let for_state = project_states::table
            .filter(project_states::state_id.eq(state.id.clone()))
            .select(project_states::project_id);
        let region = state.regional_group.clone().unwrap_or_default();
        let for_region = project_regions::table
            .filter(project_regions::region.eq(region))
            .select(project_regions::project_id);
        q = q.filter(
            projects::is_global
                .eq(true)
                .or(projects::id.eq_any(for_state))
                .or(projects::id.eq_any(for_region)),
        );
    }
    containing_text!(q, &filter.text, projects::title, projects::description);
    q
}

/// How many projects the list of `filter` holds for this scope, at most `COUNT_BOUND`.
pub fn count(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    filter: &ProjectFilter,
) -> QueryResult<i64> {
    bounded_count(conn, filtered(scope, filter).select(projects::id))
}

/// One page of the projects the scope grants in the keyset's order.
pub fn list(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    filter: &ProjectFilter,
    keyset: &ProjectKeyset,
    limit: i64,
) -> QueryResult<Vec<Project>> {
    let mut q = filtered(scope, filter);
    keyset_order!(q, keyset, projects::id, default: projects::created_at,
        ProjectSort::Title => projects::title, text;
        ProjectSort::StartsOn => projects::starts_on, date;
        ProjectSort::Status => projects::status, text;
    );
    q.select(Project::as_select()).limit(limit).load(conn)
}
