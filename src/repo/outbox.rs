//! The mail outbox. Rows are written in the transaction of the change that causes them; the
//! worker claims a row by moving its lease forward with a conditional UPDATE, so two instances
//! on one PostgreSQL never hold the same row at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{outbox, users};
use crate::db::DbConnection;
use crate::domain::values::OutboxStatus::{self, Digested, Failed, Held, Pending, Sent};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: String,
    pub recipient_user_id: Option<String>,
    pub to_address: String,
    pub template: String,
    pub language: String,
    pub payload: String,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub lease_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &OutboxRow) -> QueryResult<usize> {
    diesel::insert_into(outbox::table).values(row).execute(conn)
}

/// Pending rows that are due and not leased by anybody (or whose lease ran out).
pub fn due_ids(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<String>> {
    outbox::table
        .filter(outbox::status.eq(Pending))
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::lease_until
                .is_null()
                .or(outbox::lease_until.lt(now)),
        )
        .order(outbox::next_attempt_at.asc())
        .limit(limit)
        .select(outbox::id)
        .load(conn)
}

/// Takes the row for `lease_until`; `None` when another worker got it first.
pub fn claim(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<Option<OutboxRow>> {
    let taken = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(Pending))
            .filter(
                outbox::lease_until
                    .is_null()
                    .or(outbox::lease_until.lt(now)),
            ),
    )
    .set(outbox::lease_until.eq(lease_until))
    .execute(conn)?;
    if taken == 0 {
        return Ok(None);
    }
    outbox::table
        .find(id)
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()
}

pub fn mark_sent(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(Sent),
            outbox::sent_at.eq(now),
            // What the mail said (links with one-time tokens among it) is not kept.
            outbox::payload.eq("{}"),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::lease_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
}

/// Records a failed attempt: tried again at `next_attempt_at`, or `failed` for good.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: &str,
    error: &str,
    next_attempt_at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    let status = if next_attempt_at.is_some() {
        Pending
    } else {
        Failed
    };
    let mut error: String = error
        .chars()
        .filter(|c| !c.is_control())
        .take(500)
        .collect();
    if error.is_empty() {
        error = "unknown error".into();
    }
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(status),
            outbox::attempts.eq(outbox::attempts + 1),
            // A `None` in a changeset leaves the column as it is.
            next_attempt_at.map(|at| outbox::next_attempt_at.eq(at)),
            outbox::lease_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error),
        ))
        .execute(conn)
}

/// Users with notifications held for their digest.
pub fn users_with_held(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    outbox::table
        .filter(outbox::status.eq(Held))
        .filter(outbox::recipient_user_id.is_not_null())
        .select(outbox::recipient_user_id.assume_not_null())
        .distinct()
        .load(conn)
}

/// Marks the user's digest as started now, unless another instance (or an earlier run) did so
/// after `due_before`; true when this caller is the one to send it.
pub fn take_digest_turn(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
    due_before: NaiveDateTime,
) -> QueryResult<bool> {
    let taken = diesel::update(
        users::table.find(user_id).filter(
            users::last_digest_at
                .is_null()
                .or(users::last_digest_at.le(due_before)),
        ),
    )
    .set(users::last_digest_at.eq(now))
    .execute(conn)?;
    Ok(taken == 1)
}

pub fn held_for(conn: &mut DbConnection, user_id: &str) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::status.eq(Held))
        .filter(outbox::recipient_user_id.eq(user_id))
        .order(outbox::created_at.asc())
        .select(OutboxRow::as_select())
        .load(conn)
}

pub fn mark_digested(conn: &mut DbConnection, ids: &[String]) -> QueryResult<usize> {
    diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
        .set(outbox::status.eq(Digested))
        .execute(conn)
}

/// Address and language of a user, for a digest.
pub fn address_of(
    conn: &mut DbConnection,
    user_id: &str,
) -> QueryResult<Option<(String, Option<String>, bool)>> {
    users::table
        .find(user_id)
        .select((users::email, users::language, users::active))
        .first(conn)
        .optional()
}

/// Mails waiting (pending, held for a digest) and given up (failed), by status, for the
/// metrics; one grouped count.
pub fn depth(conn: &mut DbConnection) -> QueryResult<Vec<(OutboxStatus, i64)>> {
    outbox::table
        .filter(outbox::status.eq_any([Pending, Held, Failed]))
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)
}
