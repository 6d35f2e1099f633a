//! The reports lists: a page and a count of the reports the caller may see. The API's list
//! and `/reports` keep them per scope and checked query for the version of the reports' data
//! (`data_versions::REPORTS`: every change to `reports` or `organisations` moves it), so the
//! database is read once per change, not once per request, and the API answers the page's
//! JSON as it was written the first time.

use std::sync::Arc;

use super::{ReportListItem, ReportPage, ReportQuery};
use crate::access::reports::ReportScope;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::pagination::{self, Keyset, PageParams, PageSize};
use crate::repo::reports as repo;
use crate::services::content;
use crate::services::kept::{KeptLists, KeptPage};

/// The pages and counts kept (`AppState::report_lists`), by scope and query as [`checked`].
pub type ReportLists = KeptLists<(ReportScope, ReportQuery), ReportListItem>;

/// A page of the list, and its JSON once asked for.
pub type KeptReportPage = KeptPage<ReportListItem>;

/// One page of the reports the caller may see, read now (for lists seldom asked: a State's
/// page, the dashboard's drafts).
pub fn list(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: ReportQuery,
) -> AppResult<ReportPage> {
    let (scope, query) = checked(user, query)?;
    page(conn, &scope, query)
}

/// [`list`], kept for the reports' version.
pub fn kept_page(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: ReportQuery,
    kept: &ReportLists,
) -> AppResult<Arc<KeptReportPage>> {
    let (scope, query) = checked(user, query)?;
    kept.page(conn, (scope.clone(), query.clone()), |conn| {
        page(conn, &scope, query)
    })
}

/// How many reports `query`'s list holds for the caller, at most `repo::COUNT_BOUND`; kept
/// for the reports' version, whatever the page and order.
pub fn count(
    conn: &mut DbConnection,
    user: &CurrentUser,
    query: ReportQuery,
    kept: &ReportLists,
) -> AppResult<i64> {
    let (scope, query) = checked(user, query)?;
    let query = ReportQuery {
        sort: None,
        page: PageParams::default(),
        ..query
    };
    kept.count(conn, (scope.clone(), query.clone()), |conn| {
        Ok(repo::count(conn, &scope, &query)?)
    })
}

/// The caller's scope and the query as it may ask it: only those who see drafts may choose a
/// status; the others see the published alone.
fn checked(user: &CurrentUser, query: ReportQuery) -> AppResult<(ReportScope, ReportQuery)> {
    let scope = content::scope(user);
    content::check_year_filter(query.year)?;
    let query = ReportQuery {
        status: query.status.filter(|_| scope.sees_drafts()),
        ..query
    };
    Ok((scope, query))
}

fn page(conn: &mut DbConnection, scope: &ReportScope, query: ReportQuery) -> AppResult<ReportPage> {
    let limit = query.page.limit(PageSize::STANDARD);
    let keyset = Keyset::read(
        query.sort,
        query.page.cursor(),
        pagination::decode_date_seek,
    )?;
    let rows = repo::list(conn, scope, &query, &keyset, limit + 1)?;
    let page = keyset.cut(
        rows,
        limit,
        |(r, _)| pagination::date_seek(r.visit_date, &r.id),
        |(r, _), column| (repo::sort_value(r, column), &r.id),
    );
    Ok(page.map(|(r, s)| ReportListItem {
        id: r.id,
        member_state: s.code,
        member_state_name: s.name,
        regional_group: s.regional_group,
        title: r.title,
        visit_date: r.visit_date,
        programme: r.programme,
        status: r.status.to_string(),
    }))
}
