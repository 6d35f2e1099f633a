//! The dashboard's figures over the trigger-kept `need_cells`: open needs, and uncovered open
//! needs by region and by thematic area, under the needs' own access rule (`cells_scoped!`).

use std::collections::{BTreeMap, HashMap};

use crate::repo::cached_sql::static_sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::access::reports::ReportScope;
use crate::db::schema::{need_cells, organisations};
use crate::db::DbConnection;
use crate::domain::values::{NeedStatus, NeedVisibility};
use crate::domain::OrgKind;

/// How many open needs the scope grants (the dashboard's figure): the sum of their cells, the
/// same scope on the same columns as the needs' own (`repo::needs::scoped!`), over a few
/// thousand cells whatever the number of needs (counting the needs read every open one: 6 M
/// instructions a dashboard at 20,000 needs).
pub fn open_need_total(conn: &mut DbConnection, scope: &ReportScope) -> QueryResult<i64> {
    let mut q = need_cells::table
        .filter(need_cells::status.eq(NeedStatus::Open))
        .select(static_sql::<BigInt>(
            "CAST(COALESCE(SUM(need_count), 0) AS BIGINT)",
        ))
        .into_boxed();
    cells_scoped!(q, scope, 0);
    q.get_result(conn)
}

/// Uncovered open needs the scope grants, by the regional group of their State: summed by State
/// in SQL, in the cells' index order, then by region here over the States' groups (joining
/// each cell to its State and grouping by region cost SQLite a lookup a cell and a sort).
pub fn uncovered_by_region(
    conn: &mut DbConnection,
    scope: &ReportScope,
) -> QueryResult<Vec<(Option<String>, i64)>> {
    let mut q = need_cells::table
        .filter(need_cells::status.eq(NeedStatus::Open))
        .filter(need_cells::covered.eq(false))
        .group_by(need_cells::member_state_id)
        .select((
            need_cells::member_state_id,
            static_sql::<BigInt>("CAST(SUM(need_count) AS BIGINT)"),
        ))
        .into_boxed();
    cells_scoped!(q, scope, Vec::new());
    let by_state: Vec<(String, i64)> = q.load(conn)?;
    if by_state.is_empty() {
        return Ok(Vec::new());
    }
    let groups: HashMap<String, Option<String>> = organisations::table
        .filter(organisations::kind.eq(OrgKind::MemberState))
        .select((organisations::id, organisations::regional_group))
        .load::<(String, Option<String>)>(conn)?
        .into_iter()
        .collect();
    let mut by_region: BTreeMap<Option<String>, i64> = BTreeMap::new();
    for (state, n) in by_state {
        if let Some(group) = groups.get(&state) {
            *by_region.entry(group.clone()).or_default() += n;
        }
    }
    Ok(by_region.into_iter().collect())
}

/// Uncovered open needs the scope grants, by thematic area (in the order of the index on
/// (visibility, status, covered, thematic_area), so SQLite groups without sorting).
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
            static_sql::<BigInt>("CAST(SUM(need_count) AS BIGINT)"),
        ))
        .into_boxed();
    cells_scoped!(q, scope, Vec::new());
    q.load(conn)
}
