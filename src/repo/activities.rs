//! Activities of the shared calendar, their organisers and versions. Every read takes an
//! `ActivityScope` and filters in SQL (rule 8), so a list, a calendar month or a clash warning
//! never loads an activity the caller may not see.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{equal_where_given, given, row_writes};
use crate::access::activities::ActivityScope;
use crate::db::schema::{activities, activity_organisers, activity_versions, organisations, users};
use crate::db::DbConnection;
use crate::domain::values::{ActivityKind, ActivityStatus, ActivityVisibility};
use crate::pagination::PageParams;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = activities)]
#[diesel(treat_none_as_null = true)]
pub struct Activity {
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: ActivityKind,
    pub member_state_id: Option<String>,
    /// A regional group: activities placed in it, or in one of its States.
    pub region: Option<String>,
    pub programme: Option<String>,
    pub thematic_area: Option<String>,
    pub project_id: Option<String>,
    pub plan_id: Option<String>,
    pub working_group: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: ActivityStatus,
    pub visibility: ActivityVisibility,
    pub sequence: i32,
    pub organisation_id: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activity_versions)]
pub struct ActivityVersion {
    pub id: String,
    pub activity_id: String,
    pub sequence: i32,
    pub edited_by: String,
    pub edited_at: NaiveDateTime,
    pub changes: String,
    pub previous: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = activity_organisers)]
pub struct OrganiserRow {
    pub activity_id: String,
    pub organisation_id: String,
}

/// An organisation as an activity names it (organiser, owner or State).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct OrgRef {
    pub code: String,
    pub name: String,
}

/// The filters of a list of activities as the caller gives them (blank values are no filter),
/// and the page asked for. Kind and status are checked by the service before the query.
#[derive(Debug, Clone, Default)]
pub struct ActivityQuery {
    pub member_state: Option<String>,
    /// A regional group: activities placed in it, or in one of its States.
    pub region: Option<String>,
    pub programme: Option<String>,
    pub kind: Option<String>,
    /// An organising organisation's code.
    pub organisation: Option<String>,
    pub status: Option<String>,
    /// A working group's code (the group's work plan).
    pub working_group: Option<String>,
    /// `YYYY-MM-DD`: activities that end on or after it.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: activities that start on or before it.
    pub to: Option<String>,
    pub page: PageParams,
}

/// What a clash warning looks for: other activities overlapping these days in this State,
/// programme or thematic area.
#[derive(Debug, Clone)]
pub struct ClashProbe {
    pub exclude_id: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub member_state_id: Option<String>,
    pub programme: Option<String>,
    pub thematic_area: Option<String>,
}

/// An activity named in a clash warning.
#[derive(Debug, Clone, Queryable)]
pub struct ClashRow {
    pub id: String,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// How many activities a clash warning names per reason.
const CLASHES_PER_REASON: i64 = 50;

/// Narrows a boxed activities query to the scope: the visibilities it grants, and whatever the
/// scope's organisation organises.
macro_rules! scoped {
    ($q:ident, $scope:expr) => {
        let organised = activity_organisers::table
            .filter(activity_organisers::organisation_id.eq($scope.organisation_id.clone()))
            .select(activity_organisers::activity_id);
        $q = $q.filter(
            activities::visibility
                .eq_any($scope.visibilities.clone())
                .or(activities::id.eq_any(organised)),
        );
    };
}
// The search's visible activities (`repo::search`).
pub(crate) use scoped;

/// Keeps the activities whose nullable organisation column names the organisation `$code`.
macro_rules! of_code {
    ($q:ident, $column:expr, $code:expr) => {
        if let Some(code) = given($code) {
            let ids = organisations::table
                .filter(crate::repo::lower(organisations::code).eq(code.to_lowercase()))
                .select(organisations::id.nullable());
            $q = $q.filter($column.eq_any(ids));
        }
    };
}

/// One page of visible activities in start order after the keyset cursor `(starts_on, id)`,
/// within the window (`ends_on >= from`, `starts_on <= to`).
pub fn list(
    conn: &mut DbConnection,
    scope: &ActivityScope,
    query: &ActivityQuery,
    window: (Option<NaiveDate>, Option<NaiveDate>),
    after: Option<(NaiveDate, String)>,
    limit: i64,
) -> QueryResult<Vec<Activity>> {
    let mut q = activities::table.select(Activity::as_select()).into_boxed();
    scoped!(q, scope);
    of_code!(q, activities::member_state_id, &query.member_state);
    equal_where_given!(q,
        activities::kind => &query.kind,
        activities::status => &query.status,
        activities::working_group => &query.working_group,
    );
    if let Some(v) = given(&query.region) {
        // In the region itself, or in one of its States (an activity in Kenya is in Africa).
        let states = organisations::table
            .filter(organisations::regional_group.eq(v.to_string()))
            .select(organisations::id.nullable());
        q = q.filter(
            activities::region
                .eq(v.to_string())
                .or(activities::member_state_id.eq_any(states)),
        );
    }
    if let Some(v) = given(&query.programme) {
        q = q.filter(activities::programme.eq(v.to_string()));
    }
    if let Some(code) = given(&query.organisation) {
        let organised = activity_organisers::table
            .inner_join(organisations::table)
            .filter(crate::repo::lower(organisations::code).eq(code.to_lowercase()))
            .select(activity_organisers::activity_id);
        q = q.filter(activities::id.eq_any(organised));
    }
    if let Some(from) = window.0 {
        q = q.filter(activities::ends_on.ge(from));
    }
    if let Some(to) = window.1 {
        q = q.filter(activities::starts_on.le(to));
    }
    if let Some((day, id)) = after {
        q = q.filter(
            activities::starts_on
                .gt(day)
                .or(activities::starts_on.eq(day).and(activities::id.gt(id))),
        );
    }
    q.order((activities::starts_on.asc(), activities::id.asc()))
        .limit(limit)
        .load(conn)
}

pub fn find_visible(
    conn: &mut DbConnection,
    scope: &ActivityScope,
    id: &str,
) -> QueryResult<Option<Activity>> {
    let mut q = activities::table
        .filter(activities::id.eq(id.to_string()))
        .select(Activity::as_select())
        .into_boxed();
    scoped!(q, scope);
    q.first(conn).optional()
}

/// The other visible, non-cancelled activities overlapping the probe's days in its State, in
/// its programme, and in its thematic area outside that programme.
pub fn clashes(
    conn: &mut DbConnection,
    scope: &ActivityScope,
    probe: &ClashProbe,
) -> QueryResult<[Vec<ClashRow>; 3]> {
    macro_rules! overlapping {
        () => {{
            let mut q = activities::table
                .filter(activities::status.ne(ActivityStatus::Cancelled))
                .filter(activities::starts_on.le(probe.ends_on))
                .filter(activities::ends_on.ge(probe.starts_on))
                .select((
                    activities::id,
                    activities::title,
                    activities::starts_on,
                    activities::ends_on,
                ))
                .order((activities::starts_on.asc(), activities::id.asc()))
                .limit(CLASHES_PER_REASON)
                .into_boxed();
            scoped!(q, scope);
            if let Some(id) = &probe.exclude_id {
                q = q.filter(activities::id.ne(id.clone()));
            }
            q
        }};
    }
    let same_state = match &probe.member_state_id {
        Some(state) => overlapping!()
            .filter(activities::member_state_id.eq(state.clone()))
            .load(conn)?,
        None => Vec::new(),
    };
    let same_programme = match &probe.programme {
        Some(p) => overlapping!()
            .filter(activities::programme.eq(p.clone()))
            .load(conn)?,
        None => Vec::new(),
    };
    let same_area = match &probe.thematic_area {
        Some(area) => {
            let mut q = overlapping!().filter(activities::thematic_area.eq(area.clone()));
            if let Some(p) = &probe.programme {
                q = q.filter(
                    activities::programme
                        .ne(p.clone())
                        .or(activities::programme.is_null()),
                );
            }
            q.load(conn)?
        }
        None => Vec::new(),
    };
    Ok([same_state, same_programme, same_area])
}

/// The organisers of these activities (by activity id), sorted by code: one query.
pub fn organisers_of(
    conn: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<HashMap<String, Vec<(String, OrgRef)>>> {
    let rows: Vec<(String, String, OrgRef)> = activity_organisers::table
        .inner_join(organisations::table)
        .filter(activity_organisers::activity_id.eq_any(ids))
        .order(organisations::code.asc())
        .select((
            activity_organisers::activity_id,
            organisations::id,
            (organisations::code, organisations::name),
        ))
        .load(conn)?;
    let mut out: HashMap<String, Vec<(String, OrgRef)>> = HashMap::new();
    for (activity, org_id, org) in rows {
        out.entry(activity).or_default().push((org_id, org));
    }
    Ok(out)
}

/// Code and name of these organisations (States and owners of a page of activities).
pub fn org_refs(conn: &mut DbConnection, ids: &[&str]) -> QueryResult<HashMap<String, OrgRef>> {
    Ok(organisations::table
        .filter(organisations::id.eq_any(ids))
        .select((
            organisations::id,
            (organisations::code, organisations::name),
        ))
        .load::<(String, OrgRef)>(conn)?
        .into_iter()
        .collect())
}

/// Makes the organisers of an activity exactly `organisation_ids`.
pub fn set_organisers(
    conn: &mut DbConnection,
    activity_id: &str,
    organisation_ids: &[String],
) -> QueryResult<()> {
    diesel::delete(
        activity_organisers::table.filter(activity_organisers::activity_id.eq(activity_id)),
    )
    .execute(conn)?;
    // One insert per row: the generic backend has no batch insert (at most a score of rows).
    for organisation_id in organisation_ids {
        diesel::insert_into(activity_organisers::table)
            .values(OrganiserRow {
                activity_id: activity_id.to_string(),
                organisation_id: organisation_id.clone(),
            })
            .execute(conn)?;
    }
    Ok(())
}

row_writes! {
    insert insert: Activity => activities::table;
    update update: Activity => activities::table;
    insert insert_version: ActivityVersion => activity_versions::table;
}

/// An activity's versions with the editor's name, newest first.
pub fn versions(
    conn: &mut DbConnection,
    activity_id: &str,
) -> QueryResult<Vec<(ActivityVersion, String)>> {
    activity_versions::table
        .inner_join(users::table)
        .filter(activity_versions::activity_id.eq(activity_id))
        .order(activity_versions::sequence.desc())
        .select((ActivityVersion::as_select(), users::name))
        .load(conn)
}

/// How many activities exist at all (the demo seeds them once).
pub fn count_all(conn: &mut DbConnection) -> QueryResult<i64> {
    activities::table.count().get_result(conn)
}
