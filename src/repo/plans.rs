//! Implementation plans, their measures and progress values. Reading a plan goes through its
//! consultation's scope (`repo::consultations::find_visible_by_plan`) first; the queries here
//! take the plan id that check gave.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::needs::Need;
use super::row_writes;
use crate::access::reports::ReportScope;
use crate::db::schema::{measure_progress, need_links, needs, plan_measures, plans, users};
use crate::db::DbConnection;
use crate::domain::plans::{MeasureKind, ProgressStatus};
use crate::domain::values::NeedVisibility;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plans)]
pub struct Plan {
    pub id: String,
    pub consultation_id: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = plan_measures)]
#[diesel(treat_none_as_null = true)]
pub struct Measure {
    pub id: String,
    pub plan_id: String,
    pub position: i32,
    pub requirement: String,
    pub recommendation: String,
    /// Thematic areas, as a JSON array.
    pub assistance_areas: String,
    pub indicator: String,
    pub unit: String,
    pub measure: MeasureKind,
    pub ascending: bool,
    pub baseline_value: Option<f64>,
    pub baseline_text: String,
    pub baseline_on: NaiveDate,
    pub target_value: Option<f64>,
    pub target_text: String,
    pub due_on: NaiveDate,
    /// Organisation codes, as a JSON array.
    pub responsible: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = measure_progress)]
#[diesel(treat_none_as_null = true)]
pub struct Progress {
    pub id: String,
    pub plan_id: String,
    pub measure_id: String,
    pub value_number: Option<f64>,
    pub value_text: String,
    pub measured_on: NaiveDate,
    pub note: String,
    pub status: ProgressStatus,
    pub reported_by: String,
    pub reported_at: NaiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = need_links)]
pub struct NeedLink {
    pub need_id: String,
    pub consultation_id: String,
    pub measure_id: String,
}

row_writes! {
    insert insert: Plan => plans::table;
    insert insert_measure: Measure => plan_measures::table;
    insert insert_progress: Progress => measure_progress::table;
    update update_progress: Progress => measure_progress::table;
    insert insert_need_link: NeedLink => need_links::table;
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Plan>> {
    plans::table
        .find(id)
        .select(Plan::as_select())
        .first(conn)
        .optional()
}

/// A plan's measures, in order.
pub fn measures(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<Measure>> {
    plan_measures::table
        .filter(plan_measures::plan_id.eq(plan_id))
        .order(plan_measures::position.asc())
        .select(Measure::as_select())
        .load(conn)
}

/// One measure of this plan (`None` for a measure of another plan or none).
pub fn measure_of_plan(
    conn: &mut DbConnection,
    plan_id: &str,
    measure_id: &str,
) -> QueryResult<Option<Measure>> {
    plan_measures::table
        .filter(plan_measures::id.eq(measure_id))
        .filter(plan_measures::plan_id.eq(plan_id))
        .select(Measure::as_select())
        .first(conn)
        .optional()
}

/// A plan's values with the reporter's and the decider's names, oldest measurement first;
/// validated ones only unless `unvalidated_too`. One query whatever the number of measures.
pub fn progress(
    conn: &mut DbConnection,
    plan_id: &str,
    unvalidated_too: bool,
) -> QueryResult<Vec<(Progress, String, Option<String>)>> {
    let deciders = diesel::alias!(users as deciders);
    let mut q = measure_progress::table
        .inner_join(users::table.on(users::id.eq(measure_progress::reported_by)))
        .left_join(
            deciders.on(deciders
                .field(users::id)
                .nullable()
                .eq(measure_progress::decided_by)),
        )
        .filter(measure_progress::plan_id.eq(plan_id.to_string()))
        .select((
            Progress::as_select(),
            users::name,
            deciders.field(users::name).nullable(),
        ))
        .into_boxed();
    if !unvalidated_too {
        q = q.filter(measure_progress::status.eq(ProgressStatus::Validated));
    }
    q.order((
        measure_progress::measured_on.asc(),
        measure_progress::reported_at.asc(),
    ))
    .load(conn)
}

/// One value of this plan's measure (`None` otherwise).
pub fn progress_of_measure(
    conn: &mut DbConnection,
    plan_id: &str,
    measure_id: &str,
    progress_id: &str,
) -> QueryResult<Option<Progress>> {
    measure_progress::table
        .filter(measure_progress::id.eq(progress_id))
        .filter(measure_progress::measure_id.eq(measure_id))
        .filter(measure_progress::plan_id.eq(plan_id))
        .select(Progress::as_select())
        .first(conn)
        .optional()
}

/// The needs drawn from a consultation's measures that the scope grants (the one needs scope,
/// `repo::needs::scoped!`), with the measure each came from.
pub fn visible_needs(
    conn: &mut DbConnection,
    scope: &ReportScope,
    consultation_id: &str,
) -> QueryResult<Vec<(Need, String)>> {
    let mut q = needs::table
        .inner_join(need_links::table)
        .filter(need_links::consultation_id.eq(consultation_id.to_string()))
        .select((Need::as_select(), need_links::measure_id))
        .into_boxed();
    super::needs::scoped!(q, scope, Vec::new());
    q.order((needs::created_at.asc(), needs::id.asc()))
        .load(conn)
}

/// The name of the user who reported a value.
pub fn reporter_name(conn: &mut DbConnection, user_id: &str) -> QueryResult<String> {
    users::table.find(user_id).select(users::name).first(conn)
}

/// The measures of several plans, in each plan's order: one query.
pub fn measures_of_plans(
    conn: &mut DbConnection,
    plan_ids: &[String],
) -> QueryResult<Vec<Measure>> {
    plan_measures::table
        .filter(plan_measures::plan_id.eq_any(plan_ids))
        .order((plan_measures::plan_id.asc(), plan_measures::position.asc()))
        .select(Measure::as_select())
        .load(conn)
}

/// The validated values of several plans, oldest measurement first: one query.
pub fn validated_of_plans(
    conn: &mut DbConnection,
    plan_ids: &[String],
) -> QueryResult<Vec<Progress>> {
    measure_progress::table
        .filter(measure_progress::plan_id.eq_any(plan_ids))
        .filter(measure_progress::status.eq(ProgressStatus::Validated))
        .order((
            measure_progress::measured_on.asc(),
            measure_progress::reported_at.asc(),
        ))
        .select(Progress::as_select())
        .load(conn)
}

row_writes! {
    update update_measure: Measure => plan_measures::table;
}

/// The position after a plan's last measure.
pub fn next_position(conn: &mut DbConnection, plan_id: &str) -> QueryResult<i32> {
    use diesel::dsl::max;
    let last: Option<i32> = plan_measures::table
        .filter(plan_measures::plan_id.eq(plan_id))
        .select(max(plan_measures::position))
        .first(conn)?;
    Ok(last.unwrap_or(0) + 1)
}

/// Removes a measure and closes the gap in its plan's order.
pub fn delete_measure(conn: &mut DbConnection, m: &Measure) -> QueryResult<()> {
    diesel::delete(plan_measures::table.find(&m.id)).execute(conn)?;
    diesel::update(
        plan_measures::table
            .filter(plan_measures::plan_id.eq(&m.plan_id))
            .filter(plan_measures::position.gt(m.position)),
    )
    .set(plan_measures::position.eq(plan_measures::position - 1))
    .execute(conn)?;
    Ok(())
}

/// The needs drawn from a measure: their id and thematic area.
pub fn needs_of_measure(
    conn: &mut DbConnection,
    measure_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    needs::table
        .inner_join(need_links::table)
        .filter(need_links::measure_id.eq(measure_id))
        .select((needs::id, needs::thematic_area))
        .load(conn)
}

/// Whether any of the needs is matched, documented or had a suggestion dismissed: such a
/// need is kept (removing it would lose that work).
pub fn needs_in_use(conn: &mut DbConnection, ids: &[String]) -> QueryResult<bool> {
    use crate::db::schema::{documents, matches, suggestion_dismissals};
    use diesel::dsl::count_star;
    if ids.is_empty() {
        return Ok(false);
    }
    let matched: i64 = matches::table
        .filter(matches::need_id.eq_any(ids))
        .select(count_star())
        .first(conn)?;
    let documented: i64 = documents::table
        .filter(documents::need_id.eq_any(ids.iter().map(|i| Some(i.clone()))))
        .select(count_star())
        .first(conn)?;
    let dismissed: i64 = suggestion_dismissals::table
        .filter(suggestion_dismissals::need_id.eq_any(ids))
        .select(count_star())
        .first(conn)?;
    Ok(matched + documented + dismissed > 0)
}

/// Deletes needs drawn from a measure (their links and comments go with them).
pub fn delete_needs(conn: &mut DbConnection, ids: &[String]) -> QueryResult<usize> {
    diesel::delete(needs::table.filter(needs::id.eq_any(ids))).execute(conn)
}

/// Gives the needs drawn from a measure its new title and description.
pub fn retitle_needs(
    conn: &mut DbConnection,
    ids_and_titles: &[(String, String)],
    description: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    for (id, title) in ids_and_titles {
        diesel::update(needs::table.find(id))
            .set((
                needs::title.eq(title),
                needs::description.eq(description),
                needs::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}
