//! Technical-assistance needs and their comments. Visibility is stored on each need (derived
//! from its source report and section) and every read filters on it in SQL.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::reports::{StateRef, STATE_COLUMNS};
use super::{
    bounded_count, containing_text, equal_where_given, of_organisation_code, row_writes, DbBackend,
};
use crate::access::reports::ReportScope;
use crate::db::fast_time::FastTime;
use crate::db::schema::{need_comments, needs, organisations, report_sections, users};
use crate::db::DbConnection;
use crate::domain::values::{Consent, NeedStatus, NeedVisibility, Priority};
use crate::pagination::{keyset_order, Keyset, PageParams, SeekKind, SeekValue, Sort, SortColumn};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = needs)]
#[diesel(treat_none_as_null = true)]
pub struct Need {
    pub id: String,
    pub member_state_id: String,
    pub report_id: Option<String>,
    pub section_id: Option<String>,
    pub title: String,
    pub description: String,
    pub thematic_area: String,
    pub priority: Priority,
    pub status: NeedStatus,
    pub visibility: NeedVisibility,
    pub created_by: String,
    #[diesel(deserialize_as = FastTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = FastTime)]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = need_comments)]
pub struct NeedComment {
    pub id: String,
    pub need_id: String,
    pub author_id: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// The filters of a list of needs as the caller gives them (blank values are no filter),
/// and the page asked for (read by the service).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NeedQuery {
    /// A Member State's code.
    pub member_state: Option<String>,
    /// A UN regional group: its States' needs (checked by the service).
    pub region: Option<String>,
    pub thematic_area: Option<String>,
    pub priority: Option<String>,
    pub status: Option<String>,
    pub report_id: Option<String>,
    /// Searched in the need's own title and description.
    pub text: Option<String>,
    /// Only needs without an accepted or completed match.
    pub uncovered: bool,
    /// The order a page chose (the API's lists keep the default order).
    pub sort: Option<Sort<NeedSort>>,
    pub page: PageParams,
}

/// Narrows a boxed needs query to what the scope grants (or returns early with `$empty`).
macro_rules! scoped {
    ($q:ident, $scope:expr, $empty:expr) => {
        $crate::repo::within_report_scope!($q, $scope, $empty, needs::member_state_id,
            own: $crate::repo::cached_sql::one_of(needs::visibility,
                [NeedVisibility::Withheld, NeedVisibility::Published]),
            published: needs::visibility.eq(NeedVisibility::Published))
    };
}

pub(crate) use scoped;

/// The columns a list of needs may be sorted by; priority by rank (high first when
/// descending), never alphabetically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NeedSort {
    Title,
    Priority,
    Status,
}

impl SortColumn for NeedSort {
    const COLUMNS: &'static [(NeedSort, &'static str, SeekKind)] = &[
        (NeedSort::Title, "title", SeekKind::Text),
        (NeedSort::Priority, "priority", SeekKind::Number),
        (NeedSort::Status, "status", SeekKind::Text),
    ];
}

/// Each priority's rank: what the priority sort compares.
const PRIORITY_RANKS: [(Priority, i64); 3] = [
    (Priority::High, 3),
    (Priority::Medium, 2),
    (Priority::Low, 1),
];

/// A need's value of a sort column (its next cursor's).
pub fn sort_value(need: &Need, column: NeedSort) -> SeekValue {
    match column {
        NeedSort::Title => SeekValue::Text(need.title.clone()),
        NeedSort::Priority => SeekValue::Number(
            PRIORITY_RANKS
                .iter()
                .find(|(p, _)| *p == need.priority)
                .map_or(0, |(_, rank)| *rank),
        ),
        NeedSort::Status => SeekValue::Text(need.status.to_string()),
    }
}

/// The priority's rank in SQL, written as the `needs_*_priority_rank_idx` indexes write it
/// (migration `000990_list_sorts`), so both backends sort by the index.
fn priority_rank() -> diesel::expression::SqlLiteral<diesel::sql_types::Integer> {
    let [(high, h), (medium, m), (_, l)] = PRIORITY_RANKS;
    diesel::dsl::sql(&format!(
        "(CASE priority WHEN '{high}' THEN {h} WHEN '{medium}' THEN {m} ELSE {l} END)"
    ))
}

/// Where a page of needs starts: newest first after `(created_at, id)`, or a chosen sort.
pub type NeedKeyset = Keyset<NeedSort, (NaiveDateTime, String)>;

/// The needs the scope grants that match the filters: the one query the list's pages and its
/// count read (`None` when the scope grants nothing).
fn filtered<'a>(
    scope: &ReportScope,
    query: &NeedQuery,
) -> QueryResult<Option<needs::BoxedQuery<'a, DbBackend>>> {
    let mut q = needs::table.into_boxed();
    scoped!(q, scope, None);
    of_organisation_code!(q, needs::member_state_id, &query.member_state);
    if let Some(region) = super::given(&query.region) {
        let states = organisations::table
            .filter(organisations::regional_group.eq(region.to_string()))
            .select(organisations::id);
        q = q.filter(needs::member_state_id.eq_any(states));
    }
    equal_where_given!(q,
        needs::thematic_area => &query.thematic_area,
        needs::priority => &query.priority,
        needs::status => &query.status,
        needs::report_id => &query.report_id,
    );
    containing_text!(q, &query.text, needs::title, needs::description);
    if query.uncovered {
        q = q.filter(super::matches::uncovered());
    }
    Ok(Some(q))
}

/// How many needs the list of `query` holds for this scope, at most `COUNT_BOUND`.
pub fn count(conn: &mut DbConnection, scope: &ReportScope, query: &NeedQuery) -> QueryResult<i64> {
    match filtered(scope, query)? {
        Some(q) => bounded_count(conn, q.select(needs::id)),
        None => Ok(0),
    }
}

/// One page of visible needs in the keyset's order, with their States.
/// Two queries whatever the page: the needs alone (no join, so the planner walks the
/// `(…, created_at, id)` index, or the sort's, and stops at the page's end), then the page's
/// States by id.
pub fn list(
    conn: &mut DbConnection,
    scope: &ReportScope,
    query: &NeedQuery,
    keyset: &NeedKeyset,
    limit: i64,
) -> QueryResult<Vec<(Need, StateRef)>> {
    let needs = page(conn, scope, query, keyset, limit)?;
    let mut ids: Vec<&str> = needs.iter().map(|n| n.member_state_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let states: std::collections::HashMap<String, StateRef> = organisations::table
        .filter(organisations::id.eq_any(&ids))
        .select((organisations::id, STATE_COLUMNS))
        .load::<(String, StateRef)>(conn)?
        .into_iter()
        .collect();
    Ok(needs
        .into_iter()
        .filter_map(|n| states.get(&n.member_state_id).cloned().map(|s| (n, s)))
        .collect())
}

fn page(
    conn: &mut DbConnection,
    scope: &ReportScope,
    query: &NeedQuery,
    keyset: &NeedKeyset,
    limit: i64,
) -> QueryResult<Vec<Need>> {
    let Some(mut q) = filtered(scope, query)? else {
        return Ok(Vec::new());
    };
    keyset_order!(q, keyset, needs::id, default: needs::created_at,
        NeedSort::Title => needs::title, text;
        NeedSort::Priority => priority_rank(), number;
        NeedSort::Status => needs::status, text;
    );
    q.select(Need::as_select()).limit(limit).load(conn)
}

pub fn find_visible(
    conn: &mut DbConnection,
    scope: &ReportScope,
    id: &str,
) -> QueryResult<Option<(Need, StateRef)>> {
    let mut q = needs::table
        .inner_join(organisations::table)
        .filter(needs::id.eq(id.to_string()))
        .select((Need::as_select(), STATE_COLUMNS))
        .into_boxed();
    scoped!(q, scope, None);
    q.first(conn).optional()
}

row_writes! {
    insert insert: Need => needs::table;
    update update: Need => needs::table;
    insert insert_comment: NeedComment => need_comments::table;
}

/// Re-derives the visibility of every need that came from this report.
pub fn recompute_visibility_for_report(
    conn: &mut DbConnection,
    report_id: &str,
    published: bool,
) -> QueryResult<()> {
    if !published {
        diesel::update(needs::table.filter(needs::report_id.eq(report_id)))
            .set(needs::visibility.eq(NeedVisibility::Draft))
            .execute(conn)?;
        return Ok(());
    }
    let withheld = report_sections::table
        .filter(report_sections::report_id.eq(report_id.to_string()))
        .filter(report_sections::consent.eq(Consent::Withheld))
        .select(report_sections::id.nullable());
    diesel::update(needs::table.filter(needs::report_id.eq(report_id)))
        .set(needs::visibility.eq(NeedVisibility::Published))
        .execute(conn)?;
    diesel::update(
        needs::table
            .filter(needs::report_id.eq(report_id))
            .filter(needs::section_id.eq_any(withheld)),
    )
    .set(needs::visibility.eq(NeedVisibility::Withheld))
    .execute(conn)?;
    Ok(())
}

/// Re-derives the visibility of every need drawn from this consultation's measures, as a
/// report's needs follow their section: draft while the consultation is, then its consent.
pub fn recompute_visibility_for_consultation(
    conn: &mut DbConnection,
    consultation_id: &str,
    published: bool,
    consent: Consent,
) -> QueryResult<usize> {
    use crate::db::schema::need_links;
    let linked = need_links::table
        .filter(need_links::consultation_id.eq(consultation_id.to_string()))
        .select(need_links::need_id);
    diesel::update(needs::table.filter(needs::id.eq_any(linked)))
        .set(needs::visibility.eq(NeedVisibility::from_source(Some(published), Some(consent))))
        .execute(conn)
}

/// How many needs point at any of these sections.
pub fn count_for_sections(conn: &mut DbConnection, section_ids: &[String]) -> QueryResult<i64> {
    if section_ids.is_empty() {
        return Ok(0);
    }
    needs::table
        .filter(needs::section_id.eq_any(section_ids))
        .count()
        .get_result(conn)
}

/// Comments with their author's name and organisation code, oldest first.
pub fn comments(
    conn: &mut DbConnection,
    need_id: &str,
) -> QueryResult<Vec<(NeedComment, String, String)>> {
    need_comments::table
        .inner_join(users::table.inner_join(organisations::table))
        .filter(need_comments::need_id.eq(need_id))
        .order(need_comments::created_at.asc())
        .select((NeedComment::as_select(), users::name, organisations::code))
        .load(conn)
}

/// Sets a need's status (a need follows its matches).
pub fn set_status(
    conn: &mut DbConnection,
    id: &str,
    status: NeedStatus,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(needs::table.find(id))
        .set((needs::status.eq(status), needs::updated_at.eq(now)))
        .execute(conn)
}
