//! Personal calendar feeds: one per user, found by the SHA-256 hash of its secret. The lookup
//! is an indexed equality on the hash, so the time it takes tells nothing about how much of a
//! guessed token was right (the guess is hashed before it reaches the database).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{calendar_feeds, organisations, users};
use crate::db::DbConnection;
use crate::repo::models::{Organisation, User};

/// Makes `token_hash` the user's only feed (a new one, or a renewal that ends the old URL), with
/// its saved `filters` (JSON).
pub fn replace(
    conn: &mut DbConnection,
    user_id: &str,
    token_hash: &str,
    filters: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    revoke(conn, user_id)?;
    diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::user_id.eq(user_id),
            calendar_feeds::token_hash.eq(token_hash),
            calendar_feeds::filters.eq(filters),
            calendar_feeds::created_at.eq(now),
        ))
        .execute(conn)
}

/// Ends the user's feed; returns 0 when there was none.
pub fn revoke(conn: &mut DbConnection, user_id: &str) -> QueryResult<usize> {
    diesel::delete(calendar_feeds::table.filter(calendar_feeds::user_id.eq(user_id))).execute(conn)
}

/// When the user's feed was turned on, when it was last read, and its filters, if it is on.
pub fn status(
    conn: &mut DbConnection,
    user_id: &str,
) -> QueryResult<Option<(NaiveDateTime, Option<NaiveDateTime>, String)>> {
    calendar_feeds::table
        .filter(calendar_feeds::user_id.eq(user_id))
        .select((
            calendar_feeds::created_at,
            calendar_feeds::last_fetched_at,
            calendar_feeds::filters,
        ))
        .first(conn)
        .optional()
}

/// A feed's owner and organisation, when it was last read, and its saved filters (JSON).
pub type FeedOwner = (User, Organisation, Option<NaiveDateTime>, String);

/// The owner of the feed with this hash, when the account and its organisation are active: a
/// deactivated account's feed answers nothing.
pub fn owner(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<FeedOwner>> {
    calendar_feeds::table
        .inner_join(users::table.inner_join(organisations::table))
        .filter(calendar_feeds::token_hash.eq(token_hash))
        .filter(users::active.eq(true))
        .filter(organisations::active.eq(true))
        .select((
            User::as_select(),
            Organisation::as_select(),
            calendar_feeds::last_fetched_at,
            calendar_feeds::filters,
        ))
        .first(conn)
        .optional()
}

pub fn touch(conn: &mut DbConnection, user_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(calendar_feeds::table.filter(calendar_feeds::user_id.eq(user_id)))
        .set(calendar_feeds::last_fetched_at.eq(now))
        .execute(conn)
}
