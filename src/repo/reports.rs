//! Visit reports and their sections. Every read takes a `ReportScope` and filters in SQL, so
//! a row the caller may not see is never loaded.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::models::Organisation;
use diesel::helper_types::{IntoBoxed, LeftJoin};

use super::{
    bounded_count, containing_text, equal_where_given, of_organisation_code, row_writes,
    within_report_scope, DbBackend,
};
use crate::access::reports::ReportScope;
use crate::db::fast_time::FastDate;
use crate::db::schema::{organisations, report_sections, report_versions, reports};
use crate::db::DbConnection;
use crate::domain::values::{Consent, ReportStatus};
use crate::pagination::{
    keyset_order, Direction, Keyset, PageParams, SeekKind, SeekValue, Sort, SortColumn,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = reports)]
#[diesel(treat_none_as_null = true)]
pub struct Report {
    pub id: String,
    pub member_state_id: String,
    pub title: String,
    pub visit_date: NaiveDate,
    pub summary: String,
    pub programme: Option<String>,
    pub status: ReportStatus,
    pub version: i32,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
}

/// A report as its lists show it: without its summary and timestamps, which a list of 50 rows
/// would read and parse for nothing.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct ReportListRow {
    pub id: String,
    pub title: String,
    #[diesel(deserialize_as = FastDate)]
    pub visit_date: NaiveDate,
    pub programme: Option<String>,
    pub status: ReportStatus,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = report_sections)]
pub struct Section {
    pub id: String,
    pub report_id: String,
    pub position: i32,
    pub heading: String,
    pub body: String,
    pub consent: Consent,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_versions)]
pub struct ReportVersion {
    pub id: String,
    pub report_id: String,
    pub version: i32,
    pub edited_by: String,
    pub edited_at: NaiveDateTime,
    pub changes: String,
    pub previous: String,
}

/// The State a report concerns, as lists show it.
#[derive(Debug, Clone, Queryable, serde::Serialize)]
pub struct StateRef {
    pub code: String,
    pub name: String,
    pub regional_group: Option<String>,
}

impl From<Organisation> for StateRef {
    fn from(state: Organisation) -> Self {
        StateRef {
            code: state.code,
            name: state.name,
            regional_group: state.regional_group,
        }
    }
}

/// The filters of a list of reports as the caller gives them (blank values are no filter),
/// and the page asked for (read by the service, which also checks `year` and `status`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ReportQuery {
    /// A Member State's code.
    pub member_state: Option<String>,
    pub regional_group: Option<String>,
    pub year: Option<i32>,
    pub programme: Option<String>,
    /// Searched in what every viewer of the report sees: its title and summary.
    pub text: Option<String>,
    pub status: Option<String>,
    /// The order a page chose (the API's lists keep the default order).
    pub sort: Option<Sort<ReportSort>>,
    pub page: PageParams,
}

/// Narrows a boxed reports query to what the scope grants (or returns early with `$empty`).
macro_rules! scoped {
    ($q:ident, $scope:expr, $empty:expr) => {
        within_report_scope!($q, $scope, $empty, reports::member_state_id,
            own: reports::status.eq(ReportStatus::Published),
            published: reports::status.eq(ReportStatus::Published))
    };
}
// The search's visible reports (`repo::search`).
pub(crate) use scoped;

pub(super) type StateColumns = (
    organisations::code,
    organisations::name,
    organisations::regional_group,
);
pub(super) const STATE_COLUMNS: StateColumns = (
    organisations::code,
    organisations::name,
    organisations::regional_group,
);

/// The columns a list of reports may be sorted by; its default order is the visit date's,
/// newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportSort {
    Title,
    VisitDate,
    Status,
}

impl SortColumn for ReportSort {
    const COLUMNS: &'static [(ReportSort, &'static str, SeekKind)] = &[
        (ReportSort::Title, "title", SeekKind::Text),
        (ReportSort::VisitDate, "visit_date", SeekKind::Date),
        (ReportSort::Status, "status", SeekKind::Text),
    ];
    const DEFAULT: Option<(ReportSort, Direction)> = Some((ReportSort::VisitDate, Direction::Desc));
}

/// A listed report's value of a sort column (its next cursor's).
pub fn sort_value(report: &ReportListRow, column: ReportSort) -> SeekValue {
    match column {
        ReportSort::Title => SeekValue::Text(report.title.clone()),
        ReportSort::VisitDate => SeekValue::Date(report.visit_date),
        ReportSort::Status => SeekValue::Text(report.status.to_string()),
    }
}

/// Where a page of reports starts: newest visit first after `(visit_date, id)`, or a sort.
pub type ReportKeyset = Keyset<ReportSort, (NaiveDate, String)>;

// A LEFT JOIN (every report has its State, so it gives the same rows as an inner one) lets
// SQLite leave the States out of the count, which reads none of their columns: a join to
// their primary key that nothing uses is dropped. With an inner join the count of the 965
// reports cost 286 µs, without it 58 µs.
type Filtered<'a> = IntoBoxed<'a, LeftJoin<reports::table, organisations::table>, DbBackend>;

/// The reports the scope grants that match the filters, with their States: the one query the
/// list's pages and its count read (`None` when the scope grants nothing).
fn filtered<'a>(scope: &ReportScope, query: &ReportQuery) -> QueryResult<Option<Filtered<'a>>> {
    let mut q = reports::table.left_join(organisations::table).into_boxed();
    scoped!(q, scope, None);
    of_organisation_code!(q, reports::member_state_id, &query.member_state);
    equal_where_given!(q,
        organisations::regional_group => &query.regional_group,
        reports::programme => &query.programme,
        reports::status => &query.status,
    );
    if let Some(year) = query.year {
        if let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year + 1, 1, 1),
        ) {
            q = q
                .filter(reports::visit_date.ge(from))
                .filter(reports::visit_date.lt(to));
        }
    }
    containing_text!(q, &query.text, reports::title, reports::summary);
    Ok(Some(q))
}

/// How many reports the list of `query` holds for this scope, at most `COUNT_BOUND`.
pub fn count(
    conn: &mut DbConnection,
    scope: &ReportScope,
    query: &ReportQuery,
) -> QueryResult<i64> {
    match filtered(scope, query)? {
        Some(q) => bounded_count(conn, q.select(reports::id)),
        None => Ok(0),
    }
}

/// One page of the reports the scope grants in the keyset's order.
pub fn list(
    conn: &mut DbConnection,
    scope: &ReportScope,
    query: &ReportQuery,
    keyset: &ReportKeyset,
    limit: i64,
) -> QueryResult<Vec<(ReportListRow, StateRef)>> {
    let Some(mut q) = filtered(scope, query)? else {
        return Ok(Vec::new());
    };
    keyset_order!(q, keyset, reports::id, default: reports::visit_date,
        ReportSort::Title => reports::title, text;
        ReportSort::VisitDate => reports::visit_date, date;
        ReportSort::Status => reports::status, text;
    );
    // The left-joined State is always there (its regional group may be empty).
    let state = (
        organisations::code.nullable().assume_not_null(),
        organisations::name.nullable().assume_not_null(),
        organisations::regional_group.nullable(),
    );
    q.select((ReportListRow::as_select(), state))
        .limit(limit)
        .load(conn)
}

/// The report if the scope grants it; `None` for denied and missing alike.
pub fn find_visible(
    conn: &mut DbConnection,
    scope: &ReportScope,
    id: &str,
) -> QueryResult<Option<(Report, StateRef)>> {
    let mut q = reports::table
        .inner_join(organisations::table)
        .filter(reports::id.eq(id.to_string()))
        .select((Report::as_select(), STATE_COLUMNS))
        .into_boxed();
    scoped!(q, scope, None);
    q.first(conn).optional()
}

/// The sections of a report the scope may read, in order.
pub fn visible_sections(
    conn: &mut DbConnection,
    scope: &ReportScope,
    report_id: &str,
) -> QueryResult<Vec<Section>> {
    let mut q = report_sections::table
        .filter(report_sections::report_id.eq(report_id.to_string()))
        .select(Section::as_select())
        .into_boxed();
    if !scope.sees_withheld_sections() {
        q = q.filter(report_sections::consent.eq(Consent::Published));
    }
    q.order(report_sections::position.asc()).load(conn)
}

pub fn all_sections(conn: &mut DbConnection, report_id: &str) -> QueryResult<Vec<Section>> {
    report_sections::table
        .filter(report_sections::report_id.eq(report_id))
        .order(report_sections::position.asc())
        .select(Section::as_select())
        .load(conn)
}

row_writes! {
    insert insert: Report => reports::table;
    update update: Report => reports::table;
    insert insert_section: Section => report_sections::table;
    update update_section: Section => report_sections::table;
    insert insert_version: ReportVersion => report_versions::table;
}

pub fn delete_section(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(report_sections::table.find(id)).execute(conn)
}

/// Versions with the editor's name, newest first.
pub fn versions(
    conn: &mut DbConnection,
    report_id: &str,
) -> QueryResult<Vec<(ReportVersion, String)>> {
    use crate::db::schema::users;
    report_versions::table
        .inner_join(users::table.on(users::id.eq(report_versions::edited_by)))
        .filter(report_versions::report_id.eq(report_id))
        .order(report_versions::version.desc())
        .select((ReportVersion::as_select(), users::name))
        .load(conn)
}

/// How many reports the scope grants (the dashboard's figure).
pub fn count_visible(conn: &mut DbConnection, scope: &ReportScope) -> QueryResult<i64> {
    let mut q = reports::table.count().into_boxed();
    scoped!(q, scope, 0);
    q.get_result(conn)
}
