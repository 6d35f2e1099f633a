//! The versions of data the server keeps answers computed from (`data_versions`): each grows
//! in the transaction of every change to the rows it covers (triggers, both backends), so an
//! answer kept for a version is the answer for as long as the version stays.

use diesel::prelude::*;

use crate::db::schema::data_versions;
use crate::db::DbConnection;

/// The who-does-what-where matrix's rows: `need_cells`, `project_cells` and `organisations`.
pub const COORDINATION: &str = "coordination";

/// The reports lists' rows: `reports` and `organisations` (their States' names).
pub const REPORTS: &str = "reports";

/// The needs lists' rows: `needs`, `matches` (uncovered needs) and `organisations`.
pub const NEEDS: &str = "needs";

/// The version of `name` now; `None` if the database holds none (nothing should be kept).
pub fn current(conn: &mut DbConnection, name: &'static str) -> QueryResult<Option<i64>> {
    data_versions::table
        .find(name)
        .select(data_versions::version)
        .first(conn)
        .optional()
}
