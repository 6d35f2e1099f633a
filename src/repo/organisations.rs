use diesel::prelude::*;

use super::models::Organisation;
use crate::db::schema::organisations::dsl as o;
use crate::db::DbConnection;

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Organisation>> {
    o::organisations
        .filter(o::code.eq(code))
        .select(Organisation::as_select())
        .first(conn)
        .optional()
}

pub fn all_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    o::organisations.select(o::code).load(conn)
}

pub fn insert(conn: &mut DbConnection, org: &Organisation) -> QueryResult<usize> {
    diesel::insert_into(o::organisations)
        .values(org)
        .execute(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    o::organisations.count().get_result(conn)
}
