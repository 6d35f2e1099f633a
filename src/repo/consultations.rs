//! Capacity consultations. Every read takes the caller's `ReportScope` (the consultation's
//! consent plays the section's part) and filters in SQL.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::reports::{StateRef, STATE_COLUMNS};
use super::{equal_where_given, of_organisation_code, row_writes, within_report_scope};
use crate::access::plans::AtRiskFocus;
use crate::access::reports::ReportScope;
use crate::db::schema::{consultations, organisations, plans};
use crate::db::DbConnection;
use crate::domain::plans::ConsultationStatus;
use crate::domain::values::Consent;
use crate::pagination::{newest_first, PageParams};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = consultations)]
#[diesel(treat_none_as_null = true)]
pub struct Consultation {
    pub id: String,
    pub member_state_id: String,
    pub programme: String,
    pub held_on: NaiveDate,
    pub situation: String,
    pub gaps: String,
    pub obstacles: String,
    pub ongoing_actions: String,
    /// Organisation codes, as a JSON array.
    pub participants: String,
    pub consent: Consent,
    pub status: ConsultationStatus,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
}

/// The filters of a list of consultations as given (blank values are no filter), and the page.
#[derive(Debug, Clone, Default)]
pub struct ConsultationQuery {
    /// A Member State's code.
    pub member_state: Option<String>,
    pub programme: Option<String>,
    pub year: Option<i32>,
    /// `draft` or `published` (read by the service only for those who see drafts).
    pub status: Option<String>,
    pub page: PageParams,
}

/// Narrows a boxed consultations query to what the scope grants (or returns `$empty`).
macro_rules! scoped {
    ($q:ident, $scope:expr, $empty:expr) => {
        within_report_scope!($q, $scope, $empty, consultations::member_state_id,
            own: consultations::status.eq(ConsultationStatus::Published),
            published: consultations::status
                .eq(ConsultationStatus::Published)
                .and(consultations::consent.eq(Consent::Published)))
    };
}
// The search's visible plans (`repo::search`).
pub(crate) use scoped;

/// One page of the consultations the scope grants, newest first, with their State and plan.
pub fn list(
    conn: &mut DbConnection,
    scope: &ReportScope,
    query: &ConsultationQuery,
    after: Option<(NaiveDate, String)>,
    limit: i64,
) -> QueryResult<Vec<(Consultation, StateRef, String)>> {
    let mut q = consultations::table
        .inner_join(organisations::table)
        .inner_join(plans::table)
        .select((Consultation::as_select(), STATE_COLUMNS, plans::id))
        .into_boxed();
    scoped!(q, scope, Vec::new());
    of_organisation_code!(q, consultations::member_state_id, &query.member_state);
    equal_where_given!(q,
        consultations::programme => &query.programme,
        consultations::status => &query.status,
    );
    if let Some(year) = query.year {
        if let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year + 1, 1, 1),
        ) {
            q = q
                .filter(consultations::held_on.ge(from))
                .filter(consultations::held_on.lt(to));
        }
    }
    newest_first!(q, consultations::held_on, consultations::id, after);
    q.limit(limit).load(conn)
}

/// The consultation, its State and its plan's id if the scope grants it; `None` for denied and
/// missing alike.
pub fn find_visible(
    conn: &mut DbConnection,
    scope: &ReportScope,
    id: &str,
) -> QueryResult<Option<(Consultation, StateRef, String)>> {
    let mut q = consultations::table
        .inner_join(organisations::table)
        .inner_join(plans::table)
        .filter(consultations::id.eq(id.to_string()))
        .select((Consultation::as_select(), STATE_COLUMNS, plans::id))
        .into_boxed();
    scoped!(q, scope, None);
    q.first(conn).optional()
}

/// The consultation of a plan, its State, if the scope grants it.
pub fn find_visible_by_plan(
    conn: &mut DbConnection,
    scope: &ReportScope,
    plan_id: &str,
) -> QueryResult<Option<(Consultation, StateRef)>> {
    let mut q = consultations::table
        .inner_join(organisations::table)
        .inner_join(plans::table)
        .filter(plans::id.eq(plan_id.to_string()))
        .select((Consultation::as_select(), STATE_COLUMNS))
        .into_boxed();
    scoped!(q, scope, None);
    q.first(conn).optional()
}

row_writes! {
    insert insert: Consultation => consultations::table;
    update update: Consultation => consultations::table;
}

/// Every consultation of a programme the scope grants, with its State and plan, oldest first
/// (the programme's IATI export).
pub fn visible_of_programme(
    conn: &mut DbConnection,
    scope: &ReportScope,
    programme: &str,
) -> QueryResult<Vec<(Consultation, StateRef, String)>> {
    let mut q = consultations::table
        .inner_join(organisations::table)
        .inner_join(plans::table)
        .filter(consultations::programme.eq(programme.to_string()))
        .select((Consultation::as_select(), STATE_COLUMNS, plans::id))
        .into_boxed();
    scoped!(q, scope, Vec::new());
    q.order((consultations::held_on.asc(), consultations::id.asc()))
        .load(conn)
}

/// The published consultations the scope grants within the dashboard's focus, with their
/// State and plan: one query (the measures at risk are read from their plans).
pub fn visible_in_focus(
    conn: &mut DbConnection,
    scope: &ReportScope,
    focus: &AtRiskFocus,
) -> QueryResult<Vec<(Consultation, StateRef, String)>> {
    let mut q = consultations::table
        .inner_join(organisations::table)
        .inner_join(plans::table)
        .filter(consultations::status.eq(ConsultationStatus::Published))
        .select((Consultation::as_select(), STATE_COLUMNS, plans::id))
        .into_boxed();
    scoped!(q, scope, Vec::new());
    match focus {
        AtRiskFocus::Every => {}
        AtRiskFocus::State(org_id) => {
            q = q.filter(consultations::member_state_id.eq(org_id.clone()))
        }
        AtRiskFocus::Programmes { led, code } => {
            // Codes are capitals and digits: nothing in them is a LIKE wildcard.
            let listed = format!("%\"{code}\"%");
            q = q.filter(
                consultations::programme
                    .eq_any(led.clone())
                    .or(consultations::participants.like(listed)),
            )
        }
        AtRiskFocus::Nothing => return Ok(Vec::new()),
    }
    q.order((consultations::held_on.desc(), consultations::id.asc()))
        .limit(200)
        .load(conn)
}
