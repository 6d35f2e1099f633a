use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::end_open_rows;
use super::models::{Organisation, Session, User};
use crate::db::schema::{organisations, sessions, users};
use crate::db::DbConnection;

/// Revokes the sessions that match the filters and are not revoked yet; how many it revoked.
macro_rules! revoke_where {
    ($conn:expr, $now:expr, $($filter:expr),+ $(,)?) => {
        end_open_rows!($conn, sessions::table, sessions::revoked_at, $now, $($filter),+)
    };
}

pub fn insert(conn: &mut DbConnection, session: &Session) -> QueryResult<usize> {
    diesel::insert_into(sessions::table)
        .values(session)
        .execute(conn)
}

/// A session, its user, their organisation and when two-factor was turned on.
pub type SessionWithUser = (Session, User, Organisation, Option<NaiveDateTime>);

/// The session with its user, organisation and two-factor state, in one query. It runs on every authenticated
/// request, so it goes to the backend's own connection, whose prepared-statement cache keeps
/// it parsed (the multi-backend wrapper prepares each query anew).
pub fn find_with_user(
    conn: &mut DbConnection,
    session_id: &str,
    user_id: &str,
) -> QueryResult<Option<SessionWithUser>> {
    // `as_select()` is typed by backend, so the query is spelled once per backend.
    macro_rules! query {
        () => {
            sessions::table
                .inner_join(users::table.inner_join(organisations::table))
                .filter(sessions::id.eq(session_id))
                .filter(sessions::user_id.eq(user_id))
                .select((
                    Session::as_select(),
                    User::as_select(),
                    Organisation::as_select(),
                    users::totp_enabled_at,
                ))
        };
    }
    match conn {
        DbConnection::Sqlite(c) => query!().first(c).optional(),
        DbConnection::Postgresql(c) => query!().first(c).optional(),
    }
}

pub fn touch(conn: &mut DbConnection, session_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(sessions::table.find(session_id))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
}

pub fn revoke(conn: &mut DbConnection, session_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    revoke_where!(conn, now, sessions::id.eq(session_id))
}

pub fn revoke_all_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    revoke_where!(conn, now, sessions::user_id.eq(user_id))
}

/// The user's sessions that still work (not revoked, not past either limit), newest first.
pub fn list_active(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
    idle_since: NaiveDateTime,
) -> QueryResult<Vec<Session>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .filter(sessions::last_seen_at.gt(idle_since))
        .order(sessions::last_seen_at.desc())
        .select(Session::as_select())
        .load(conn)
}

/// Ends one of the user's own sessions; 0 when it is not theirs or already ended.
pub fn revoke_own(
    conn: &mut DbConnection,
    user_id: &str,
    session_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    revoke_where!(
        conn,
        now,
        sessions::id.eq(session_id),
        sessions::user_id.eq(user_id)
    )
}

/// Ends every session of the user but `keep`.
pub fn revoke_others(
    conn: &mut DbConnection,
    user_id: &str,
    keep: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    revoke_where!(
        conn,
        now,
        sessions::user_id.eq(user_id),
        sessions::id.ne(keep)
    )
}

/// When the user last signed in: their newest session's start, ended or not.
pub fn last_started(conn: &mut DbConnection, user_id: &str) -> QueryResult<Option<NaiveDateTime>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .select(diesel::dsl::max(sessions::created_at))
        .first(conn)
}
