//! Two-factor columns of `users` and the `recovery_codes` table.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::end_open_rows;
use crate::db::schema::{recovery_codes, users};
use crate::db::DbConnection;

#[derive(Debug, Clone, Default, Queryable)]
pub struct TotpState {
    pub secret: Option<String>,
    pub pending_secret: Option<String>,
    pub enabled_at: Option<NaiveDateTime>,
    pub last_step: Option<i64>,
}

impl TotpState {
    pub fn enabled(&self) -> bool {
        self.enabled_at.is_some() && self.secret.is_some()
    }
}

pub fn state(conn: &mut DbConnection, user_id: &str) -> QueryResult<TotpState> {
    users::table
        .find(user_id)
        .select((
            users::totp_secret,
            users::totp_pending_secret,
            users::totp_enabled_at,
            users::totp_last_step,
        ))
        .first(conn)
}

pub fn set_pending(conn: &mut DbConnection, user_id: &str, secret: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set(users::totp_pending_secret.eq(secret))
        .execute(conn)
}

/// Turns the pending secret (the one the code was checked against) into the account's secret;
/// 0 when it changed in between.
pub fn enable(
    conn: &mut DbConnection,
    user_id: &str,
    pending: &str,
    step: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::totp_pending_secret.eq(pending)),
    )
    .set((
        users::totp_secret.eq(pending),
        users::totp_pending_secret.eq(None::<String>),
        users::totp_enabled_at.eq(now),
        users::totp_last_step.eq(step),
        users::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Records `step` as used; 0 when it (or a later one) was used already: a replayed code.
pub fn advance_step(conn: &mut DbConnection, user_id: &str, step: i64) -> QueryResult<usize> {
    diesel::update(
        users::table.find(user_id).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)
}

/// Which of the two secret columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretColumn {
    Active,
    Pending,
}

#[derive(Debug, Clone, Queryable)]
pub struct StoredSecrets {
    pub id: String,
    pub secret: Option<String>,
    pub pending_secret: Option<String>,
}

/// Accounts with a secret (or pending secret) that does not start with `prefix`.
pub fn secrets_not_under(conn: &mut DbConnection, prefix: &str) -> QueryResult<Vec<StoredSecrets>> {
    let pattern = format!("{prefix}%");
    users::table
        .filter(
            users::totp_secret
                .is_not_null()
                .and(users::totp_secret.not_like(pattern.clone()))
                .or(users::totp_pending_secret
                    .is_not_null()
                    .and(users::totp_pending_secret.not_like(pattern))),
        )
        .select((users::id, users::totp_secret, users::totp_pending_secret))
        .load(conn)
}

/// Replaces a stored secret with `new` if it is still `old`; 1 when replaced.
pub fn replace_secret(
    conn: &mut DbConnection,
    user_id: &str,
    column: SecretColumn,
    old: &str,
    new: &str,
) -> QueryResult<usize> {
    let row = users::table.find(user_id);
    match column {
        SecretColumn::Active => diesel::update(row.filter(users::totp_secret.eq(old)))
            .set(users::totp_secret.eq(new))
            .execute(conn),
        SecretColumn::Pending => diesel::update(row.filter(users::totp_pending_secret.eq(old)))
            .set(users::totp_pending_secret.eq(new))
            .execute(conn),
    }
}

/// Removes two-factor from the account (an administrator's reset).
pub fn clear(conn: &mut DbConnection, user_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_pending_secret.eq(None::<String>),
            users::totp_enabled_at.eq(None::<NaiveDateTime>),
            users::totp_last_step.eq(None::<i64>),
            users::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Replaces every recovery code of the account.
pub fn replace_recovery_codes(
    conn: &mut DbConnection,
    user_id: &str,
    hashes: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    // One statement per code: ten rows, and the multi-backend connection has no batch insert.
    for hash in hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::id.eq(uuid::Uuid::new_v4().to_string()),
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(hash),
                recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Uses an unused recovery code; 1 when it was there, 0 otherwise.
pub fn use_recovery_code(
    conn: &mut DbConnection,
    user_id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    end_open_rows!(
        conn,
        recovery_codes::table,
        recovery_codes::used_at,
        now,
        recovery_codes::user_id.eq(user_id),
        recovery_codes::code_hash.eq(hash),
    )
}

pub fn unused_recovery_codes(conn: &mut DbConnection, user_id: &str) -> QueryResult<i64> {
    recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}
