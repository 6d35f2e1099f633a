//! The dashboard's figures over the trigger-kept `need_cells`: open needs, and uncovered open
//! needs by region and by thematic area, under the needs' own access rule (`cells_scoped!`).

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::access::reports::ReportScope;
use crate::db::schema::{need_cells, organisations};
use crate::db::DbConnection;
use crate::domain::values::{NeedStatus, NeedVisibility};

/// How many open needs the scope grants (the dashboard's figure): the sum of their cells, the
/// same scope on the same columns as the needs' own (`repo::needs::scoped!`), over a few
/// thousand cells whatever the number of needs (counting the needs read every open one: 6 M
/// instructions a dashboard at 20,000 needs).
pub fn open_need_total(conn: &mut DbConnection, scope: &ReportScope) -> QueryResult<i64> {
    let mut q = need_cells::table
        .filter(need_cells::status.eq(NeedStatus::Open))
        .select(sql::<BigInt>(
            "CAST(COALESCE(SUM(need_count), 0) AS BIGINT)",
        ))
        .into_boxed();
    cells_scoped!(q, scope, 0);
    q.get_result(conn)
}

/// Uncovered open needs the scope grants, by the regional group of their State.
pub fn uncovered_by_region(
    conn: &mut DbConnection,
    scope: &ReportScope,
) -> QueryResult<Vec<(Option<String>, i64)>> {
    let mut q = need_cells::table
        .inner_join(organisations::table.on(organisations::id.eq(need_cells::member_state_id)))
        .filter(need_cells::status.eq(NeedStatus::Open))
        .filter(need_cells::covered.eq(false))
        .group_by(organisations::regional_group)
        .select((
            organisations::regional_group,
            sql::<BigInt>("CAST(SUM(need_count) AS BIGINT)"),
        ))
        .into_boxed();
    cells_scoped!(q, scope, Vec::new());
    q.load(conn)
}

/// Uncovered open needs the scope grants, by thematic area.
pub fn uncovered_by_area(
    conn: &mut DbConnection,
    scope: &ReportScope,
) -> QueryResult<Vec<(String, i64)>> {
    let mut q = need_cells::table
        .filter(need_cells::status.eq(NeedStatus::Open))
        .filter(need_cells::covered.eq(false))
        .group_by(need_cells::thematic_area)
        .select((
            need_cells::thematic_area,
            sql::<BigInt>("CAST(SUM(need_count) AS BIGINT)"),
        ))
        .into_boxed();
    cells_scoped!(q, scope, Vec::new());
    q.load(conn)
}
