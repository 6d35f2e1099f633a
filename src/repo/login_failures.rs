//! Failed sign-ins, kept in the database so every instance behind a load balancer throttles
//! alike (the application keeps no state of its own).

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, min};
use diesel::prelude::*;

use super::models::LoginFailure;
use crate::db::schema::login_failures::dsl as f;
use crate::db::DbConnection;

pub struct FailureWindow {
    pub count: i64,
    pub oldest: Option<NaiveDateTime>,
}

pub fn by_ip_since(
    conn: &mut DbConnection,
    ip: &str,
    since: NaiveDateTime,
) -> QueryResult<FailureWindow> {
    let (count, oldest) = f::login_failures
        .filter(f::ip.eq(ip))
        .filter(f::failed_at.gt(since))
        .select((count_star(), min(f::failed_at)))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(FailureWindow { count, oldest })
}

pub fn by_email_since(
    conn: &mut DbConnection,
    email_lower: &str,
    since: NaiveDateTime,
) -> QueryResult<FailureWindow> {
    let (count, oldest) = f::login_failures
        .filter(f::email_lower.eq(email_lower))
        .filter(f::failed_at.gt(since))
        .select((count_star(), min(f::failed_at)))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(FailureWindow { count, oldest })
}

pub fn record(conn: &mut DbConnection, failure: &LoginFailure) -> QueryResult<usize> {
    diesel::insert_into(f::login_failures)
        .values(failure)
        .execute(conn)
}

pub fn clear_for_email(conn: &mut DbConnection, email_lower: &str) -> QueryResult<usize> {
    diesel::delete(f::login_failures.filter(f::email_lower.eq(email_lower))).execute(conn)
}

pub fn purge_older_than(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(f::login_failures.filter(f::failed_at.lt(before))).execute(conn)
}
