//! Message threads. Every read takes the acting user and keeps only the threads they take part
//! in, directly or through their organisation; organisation membership is resolved inside the
//! query (from `users` at that moment), so moving or deactivating a user takes effect at once.
//! Administrators get no exception.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::schema::{
    message_reads, messages, organisations, thread_participants, threads, users,
    working_group_members,
};
use crate::db::DbConnection;
use crate::domain::values::{MailMode, ParticipantKind};
use crate::pagination::newest_first;

/// `SELECT thread_id FROM thread_participants` of the threads `$uid` may see: as a named
/// participant, as an active user of a participating organisation, or of a member organisation
/// of a participating working group.
// Aliases keep the subquery's tables apart from the same tables in the outer query.
macro_rules! visible_thread_ids {
    ($uid:expr) => {{
        use $crate::db::schema::{thread_participants as tp, users as u};
        let (vp, vu) = diesel::alias!(tp as visible_participants, u as visible_members);
        vp.select(vp.field(tp::thread_id)).filter(
            vp.field(tp::kind)
                .eq($crate::domain::values::ParticipantKind::User)
                .and(vp.field(tp::participant_id).eq($uid))
                .or(vp
                    .field(tp::kind)
                    .eq($crate::domain::values::ParticipantKind::Organisation)
                    .and(
                        vp.field(tp::participant_id).eq_any(
                            vu.select(vu.field(u::organisation_id))
                                .filter(vu.field(u::id).eq($uid))
                                .filter(vu.field(u::active).eq(true)),
                        ),
                    ))
                .or(vp
                    .field(tp::kind)
                    .eq($crate::domain::values::ParticipantKind::WorkingGroup)
                    .and(vp.field(tp::participant_id).eq_any(
                        $crate::repo::groups::groups_of_organisations!(vu
                            .select(vu.field(u::organisation_id))
                            .filter(vu.field(u::id).eq($uid))
                            .filter(vu.field(u::active).eq(true))),
                    ))),
        )
    }};
}
pub(crate) use visible_thread_ids;

/// The messages of thread `$thread_id` when `$uid` may see that thread.
macro_rules! in_visible_thread {
    ($uid:expr, $thread_id:expr) => {
        $crate::db::schema::messages::thread_id.eq($thread_id).and(
            $crate::db::schema::messages::thread_id
                .eq_any($crate::repo::messages::visible_thread_ids!($uid)),
        )
    };
}
pub(crate) use in_visible_thread;

/// `SELECT participant_id FROM thread_participants` of one kind in one thread.
macro_rules! participant_ids {
    ($thread_id:expr, $kind:expr) => {
        thread_participants::table
            .select(thread_participants::participant_id)
            .filter(thread_participants::thread_id.eq($thread_id))
            .filter(thread_participants::kind.eq($kind))
    };
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = threads)]
pub struct Thread {
    pub id: String,
    pub subject: String,
    pub restricted: bool,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub last_message_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = thread_participants)]
pub struct Participant {
    pub id: String,
    pub thread_id: String,
    pub kind: ParticipantKind,
    pub participant_id: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = messages)]
pub struct Message {
    pub id: String,
    pub thread_id: String,
    pub author_id: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organisation_code: String,
}

#[derive(Debug, Clone, Queryable)]
pub struct Receipt {
    pub message_id: String,
    pub user_id: String,
    pub name: String,
    pub read_at: NaiveDateTime,
}

pub fn list_visible(
    conn: &mut DbConnection,
    user_id: &str,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<Thread>> {
    let mut query = threads::table
        .filter(threads::id.eq_any(visible_thread_ids!(user_id)))
        .select(Thread::as_select())
        .into_boxed();
    newest_first!(query, threads::last_message_at, threads::id, after);
    query.limit(limit).load(conn)
}

pub fn find_visible(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
) -> QueryResult<Option<Thread>> {
    threads::table
        .filter(threads::id.eq(thread_id))
        .filter(threads::id.eq_any(visible_thread_ids!(user_id)))
        .select(Thread::as_select())
        .first(conn)
        .optional()
}

/// The messages by others than `$uid` that `$uid` has not read.
macro_rules! unread_by {
    ($uid:expr) => {
        messages::author_id.ne($uid).and(
            messages::id.ne_all(
                message_reads::table
                    .select(message_reads::message_id)
                    .filter(message_reads::user_id.eq($uid)),
            ),
        )
    };
}

/// Unread messages (by others) per thread, for the given threads the user may see.
pub fn unread_by_thread(
    conn: &mut DbConnection,
    user_id: &str,
    thread_ids: &[String],
) -> QueryResult<Vec<(String, i64)>> {
    messages::table
        .filter(messages::thread_id.eq_any(thread_ids))
        .filter(messages::thread_id.eq_any(visible_thread_ids!(user_id)))
        .filter(unread_by!(user_id))
        .group_by(messages::thread_id)
        .select((messages::thread_id, count_star()))
        .load(conn)
}

/// Unread messages (by others) in every thread the user may see.
pub fn unread_total(conn: &mut DbConnection, user_id: &str) -> QueryResult<i64> {
    messages::table
        .filter(messages::thread_id.eq_any(visible_thread_ids!(user_id)))
        .filter(unread_by!(user_id))
        .count()
        .get_result(conn)
}

/// The messages of a thread the user may see, oldest first, with their authors.
pub fn messages_visible(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
) -> QueryResult<Vec<(Message, Person)>> {
    messages::table
        .inner_join(users::table.inner_join(organisations::table))
        .filter(in_visible_thread!(user_id, thread_id))
        .order((messages::created_at.asc(), messages::id.asc()))
        .select((
            Message::as_select(),
            (users::id, users::name, users::email, organisations::code),
        ))
        .load(conn)
}

/// Who has read which message of a thread the user may see.
pub fn receipts_visible(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
) -> QueryResult<Vec<Receipt>> {
    message_reads::table
        .inner_join(messages::table)
        .inner_join(users::table)
        .filter(in_visible_thread!(user_id, thread_id))
        .order(message_reads::read_at.asc())
        .select((
            message_reads::message_id,
            message_reads::user_id,
            users::name,
            message_reads::read_at,
        ))
        .load(conn)
}

/// Named people of a thread the user may see.
pub fn user_participants_visible(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
) -> QueryResult<Vec<Person>> {
    users::table
        .inner_join(organisations::table)
        .filter(
            users::id.eq_any(
                participant_ids!(thread_id, ParticipantKind::User)
                    .filter(thread_participants::thread_id.eq_any(visible_thread_ids!(user_id))),
            ),
        )
        .order(users::name.asc())
        .select((users::id, users::name, users::email, organisations::code))
        .load(conn)
}

/// Organisations of a thread the user may see: (code, name).
pub fn organisation_participants_visible(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    organisations::table
        .filter(
            organisations::id.eq_any(
                participant_ids!(thread_id, ParticipantKind::Organisation)
                    .filter(thread_participants::thread_id.eq_any(visible_thread_ids!(user_id))),
            ),
        )
        .order(organisations::code.asc())
        .select((organisations::code, organisations::name))
        .load(conn)
}

/// Ids of messages by others in a thread the user may see that the user has not read yet.
pub fn unread_message_ids(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
) -> QueryResult<Vec<String>> {
    messages::table
        .filter(in_visible_thread!(user_id, thread_id))
        .filter(unread_by!(user_id))
        .select(messages::id)
        .load(conn)
}

pub fn insert_read(
    conn: &mut DbConnection,
    message_id: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(message_reads::table)
        .values((
            message_reads::message_id.eq(message_id),
            message_reads::user_id.eq(user_id),
            message_reads::read_at.eq(now),
        ))
        .execute(conn)
}

pub fn insert_thread(conn: &mut DbConnection, thread: &Thread) -> QueryResult<usize> {
    diesel::insert_into(threads::table)
        .values(thread)
        .execute(conn)
}

pub fn insert_participants(conn: &mut DbConnection, rows: &[Participant]) -> QueryResult<usize> {
    let mut n = 0;
    for row in rows {
        n += diesel::insert_into(thread_participants::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(n)
}

pub fn insert_message(conn: &mut DbConnection, message: &Message) -> QueryResult<usize> {
    diesel::insert_into(messages::table)
        .values(message)
        .execute(conn)?;
    diesel::update(threads::table.find(&message.thread_id))
        .set(threads::last_message_at.eq(message.created_at))
        .execute(conn)
}

/// Messages the author posted since `since`, with the oldest time among them.
pub fn posted_since(
    conn: &mut DbConnection,
    author_id: &str,
    since: NaiveDateTime,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    messages::table
        .filter(messages::author_id.eq(author_id))
        .filter(messages::created_at.gt(since))
        .select((count_star(), diesel::dsl::min(messages::created_at)))
        .first(conn)
}

#[derive(Debug, Clone, Queryable)]
pub struct MailRecipient {
    pub user_id: String,
    pub email: String,
    pub language: Option<String>,
    pub mail_mode: MailMode,
}

/// Everybody the thread reaches now (named users and active users of participating, active
/// organisations), except `except_user`: whom a new message notifies.
pub fn recipients(
    conn: &mut DbConnection,
    thread_id: &str,
    except_user: &str,
) -> QueryResult<Vec<MailRecipient>> {
    let named = participant_ids!(thread_id, ParticipantKind::User);
    let orgs = participant_ids!(thread_id, ParticipantKind::Organisation);
    let group_orgs = working_group_members::table
        .filter(
            working_group_members::group_code
                .eq_any(participant_ids!(thread_id, ParticipantKind::WorkingGroup)),
        )
        .select(working_group_members::organisation_id);
    users::table
        .inner_join(organisations::table)
        .filter(users::active.eq(true))
        .filter(organisations::active.eq(true))
        .filter(users::id.ne(except_user))
        .filter(
            users::id
                .eq_any(named)
                .or(users::organisation_id.eq_any(orgs))
                .or(users::organisation_id.eq_any(group_orgs)),
        )
        .order(users::id.asc())
        .select((users::id, users::email, users::language, users::mail_mode))
        .load(conn)
}
