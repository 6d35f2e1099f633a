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

/// Member States for pickers: (code, name, regional group), by name.
pub fn member_states(
    conn: &mut DbConnection,
) -> QueryResult<Vec<(String, String, Option<String>)>> {
    o::organisations
        .filter(o::kind.eq("member_state"))
        .order(o::name.asc())
        .select((o::code, o::name, o::regional_group))
        .load(conn)
}

pub fn code_of(conn: &mut DbConnection, id: &str) -> QueryResult<Option<String>> {
    o::organisations
        .find(id)
        .select(o::code)
        .first(conn)
        .optional()
}
