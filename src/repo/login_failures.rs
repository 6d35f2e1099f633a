//! Failed sign-ins, kept in the database so every instance behind a load balancer throttles
//! alike (the application keeps no state of its own). A failure made with a valid device cookie
//! carries the cookie's nonce in `device` and counts against that device only; the others
//! (`device` NULL) are the untrusted clients' failures.

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

/// Whose failures a count covers.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Untrusted clients' failures on one account (the normalised e-mail, whether or not an
    /// account has it) from one address.
    AccountFromAddress { email_lower: &'a str, ip: &'a str },
    /// Untrusted clients' failures on one account, from anywhere.
    Account { email_lower: &'a str },
    /// Untrusted clients' failures from one address, on any account.
    Address { ip: &'a str },
    /// Failures made while presenting one device cookie.
    Device { nonce: &'a str },
}

pub fn count_since(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    since: NaiveDateTime,
) -> QueryResult<FailureWindow> {
    let mut query = f::login_failures
        .filter(f::failed_at.gt(since))
        .select((count_star(), min(f::failed_at)))
        .into_boxed();
    query = match scope {
        Scope::AccountFromAddress { email_lower, ip } => query
            .filter(f::email_lower.eq(email_lower))
            .filter(f::ip.eq(ip))
            .filter(f::device.is_null()),
        Scope::Account { email_lower } => query
            .filter(f::email_lower.eq(email_lower))
            .filter(f::device.is_null()),
        Scope::Address { ip } => query.filter(f::ip.eq(ip)).filter(f::device.is_null()),
        Scope::Device { nonce } => query.filter(f::device.eq(nonce)),
    };
    let (count, oldest) = query.first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(FailureWindow { count, oldest })
}

pub fn record(conn: &mut DbConnection, failure: &LoginFailure) -> QueryResult<usize> {
    diesel::insert_into(f::login_failures)
        .values(failure)
        .execute(conn)
}

/// After a successful sign-in: forgets the failures the signing-in client made (its device's,
/// or its untrusted ones on this account from this address). Failures from elsewhere stay
/// counted, so the owner signing in does not give an attacker fresh tries.
pub fn clear_for_client(
    conn: &mut DbConnection,
    email_lower: &str,
    ip: &str,
    device: Option<&str>,
) -> QueryResult<usize> {
    match device {
        Some(nonce) => diesel::delete(f::login_failures.filter(f::device.eq(nonce))).execute(conn),
        None => diesel::delete(
            f::login_failures
                .filter(f::email_lower.eq(email_lower))
                .filter(f::ip.eq(ip))
                .filter(f::device.is_null()),
        )
        .execute(conn),
    }
}

pub fn purge_older_than(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(f::login_failures.filter(f::failed_at.lt(before))).execute(conn)
}
