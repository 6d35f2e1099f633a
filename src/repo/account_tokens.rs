use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::end_open_rows;
use super::models::AccountToken;
use crate::db::schema::account_tokens::dsl as t;
use crate::db::DbConnection;
use crate::domain::values::TokenPurpose;

pub fn insert(conn: &mut DbConnection, token: &AccountToken) -> QueryResult<usize> {
    diesel::insert_into(t::account_tokens)
        .values(token)
        .execute(conn)
}

/// Marks it used; returns 0 when someone else used it first.
pub fn consume(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    end_open_rows!(conn, t::account_tokens, t::used_at, now, t::id.eq(id))
}

/// A newer token or a password change ends every older one.
pub fn retire_all_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    end_open_rows!(
        conn,
        t::account_tokens,
        t::used_at,
        now,
        t::user_id.eq(user_id)
    )
}

/// Retires the user's older links and stores a new one of `purpose` (its hash) valid for
/// `lifetime` from `now`.
pub fn replace_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    purpose: TokenPurpose,
    token_hash: String,
    now: NaiveDateTime,
    lifetime: Duration,
) -> QueryResult<usize> {
    retire_all_for_user(conn, user_id, now)?;
    insert(
        conn,
        &AccountToken {
            id: crate::auth::tokens::new_id(),
            user_id: user_id.to_string(),
            purpose,
            token_hash,
            created_at: now,
            expires_at: now + lifetime,
            used_at: None,
        },
    )
}

/// An unused, unexpired token with this hash and one of these purposes.
pub fn find_usable_for(
    conn: &mut DbConnection,
    hash: &str,
    purposes: &[TokenPurpose],
    now: NaiveDateTime,
) -> QueryResult<Option<AccountToken>> {
    t::account_tokens
        .filter(t::token_hash.eq(hash))
        .filter(t::purpose.eq_any(purposes))
        .filter(t::used_at.is_null())
        .filter(t::expires_at.gt(now))
        .select(AccountToken::as_select())
        .first(conn)
        .optional()
}

/// When the newest token of this purpose was issued to the user.
pub fn latest_issued(
    conn: &mut DbConnection,
    user_id: &str,
    purpose: TokenPurpose,
) -> QueryResult<Option<NaiveDateTime>> {
    t::account_tokens
        .filter(t::user_id.eq(user_id))
        .filter(t::purpose.eq(purpose))
        .select(diesel::dsl::max(t::created_at))
        .first(conn)
}
