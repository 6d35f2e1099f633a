//! Threads and messages: start a thread, reply, open a thread (which marks it read), list the
//! inbox. Who may see what is decided by the queries in `repo::messages`; this module checks
//! bounds, writes in one transaction and queues the notification mails in that transaction.

pub mod attachments;
pub mod views;

use chrono::{Duration, NaiveDateTime};

use crate::access::messages::may_post;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::messaging::{self as rules, MessageProblem};
use crate::domain::values::{MailMode, ParticipantKind};
use crate::domain::Email;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::{self, Page, PageParams, PageSize};
use crate::repo::messages::{self as repo, Message, Participant, Thread};
use crate::repo::{organisations, users};
use crate::services::mail_queue::{self, QueuedMail};
pub use crate::services::messages::views::*;

pub const MAIL_NEW_MESSAGE: &str = "new_message";

use crate::domain::time::now;

impl From<MessageProblem> for AppError {
    fn from(p: MessageProblem) -> Self {
        AppError::invalid(p.code(), p.message())
    }
}

pub struct NewThread {
    pub subject: String,
    pub to_users: Vec<String>,
    pub to_organisations: Vec<String>,
    /// Working group codes: every active user of its member organisations takes part.
    pub to_working_groups: Vec<String>,
    pub body: String,
    pub restricted: bool,
}

/// Ids are UUIDs; anything else names no thread (and never reaches the database, which for
/// PostgreSQL means no NUL in a text parameter).
pub(crate) fn thread_id_shape(id: &str) -> AppResult<()> {
    crate::auth::tokens::require_id(id).map(|_| ())
}

/// Refuses the post past the per-minute bound, counted over every instance's writes.
pub(crate) fn check_rate(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let window = Duration::seconds(60);
    let (count, oldest) = repo::posted_since(conn, user_id, now - window)?;
    if count >= rules::MAX_MESSAGES_PER_MINUTE {
        let free_at = oldest.unwrap_or(now) + window;
        let secs = (free_at - now).num_seconds().max(1) as u64;
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    Ok(())
}

pub fn create_thread(
    conn: &mut DbConnection,
    author: &CurrentUser,
    new: NewThread,
) -> AppResult<String> {
    may_post(&author.actor())?;
    let subject = rules::check_subject(&new.subject)?;
    let body = rules::check_body(&new.body)?;
    rules::check_recipient_counts(
        new.to_users.len(),
        new.to_organisations.len() + new.to_working_groups.len(),
    )?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let now = now();
        check_rate(conn, &author.id, now)?;
        let thread_id = uuid::Uuid::new_v4().to_string();
        let mut people = vec![author.id.clone()];
        for raw in &new.to_users {
            let unknown = || {
                AppError::invalid(
                    ErrorCode::UnknownRecipient,
                    format!("no active account has the address `{}`", raw.trim()),
                )
            };
            let email = Email::parse(raw).map_err(|_| unknown())?;
            match users::find_by_email(conn, &email.lowered())? {
                Some((user, org)) if user.active && org.active => {
                    if !people.contains(&user.id) {
                        people.push(user.id);
                    }
                }
                _ => return Err(unknown()),
            }
        }
        let mut orgs = Vec::new();
        for raw in &new.to_organisations {
            let code = raw.trim();
            let unknown = || {
                AppError::invalid(
                    ErrorCode::UnknownOrganisation,
                    format!("no active organisation has the code `{}`", raw.trim()),
                )
            };
            if code.is_empty() || code.chars().any(char::is_control) {
                return Err(unknown());
            }
            match organisations::find_by_code(conn, code)? {
                Some(org) if org.active => {
                    if !orgs.contains(&org.id) {
                        orgs.push(org.id);
                    }
                }
                _ => return Err(unknown()),
            }
        }
        let groups = crate::services::groups::known_codes(conn, &new.to_working_groups)?;
        repo::insert_thread(
            conn,
            &Thread {
                id: thread_id.clone(),
                subject,
                restricted: new.restricted,
                created_by: author.id.clone(),
                created_at: now,
                last_message_at: now,
            },
        )?;
        let participant = |kind: ParticipantKind, who: &String| Participant {
            id: uuid::Uuid::new_v4().to_string(),
            thread_id: thread_id.clone(),
            kind,
            participant_id: who.clone(),
        };
        let rows: Vec<Participant> = people
            .iter()
            .map(|p| participant(ParticipantKind::User, p))
            .chain(
                orgs.iter()
                    .map(|o| participant(ParticipantKind::Organisation, o)),
            )
            .chain(
                groups
                    .iter()
                    .map(|g| participant(ParticipantKind::WorkingGroup, g)),
            )
            .collect();
        repo::insert_participants(conn, &rows)?;
        post_in_thread(conn, author, &thread_id, body, now)?;
        Ok(thread_id)
    })
}

pub fn reply(
    conn: &mut DbConnection,
    author: &CurrentUser,
    thread_id: &str,
    body: &str,
) -> AppResult<String> {
    thread_id_shape(thread_id)?;
    may_post(&author.actor())?;
    let body = rules::check_body(body)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let now = now();
        repo::find_visible(conn, &author.id, thread_id)?.ok_or(AppError::NotFound)?;
        check_rate(conn, &author.id, now)?;
        post_in_thread(conn, author, thread_id, body, now)
    })
}

/// Writes the message and, in the same transaction, one notification per person it reaches.
pub(crate) fn post_in_thread(
    conn: &mut DbConnection,
    author: &CurrentUser,
    thread_id: &str,
    body: String,
    now: NaiveDateTime,
) -> AppResult<String> {
    let thread = repo::find_visible(conn, &author.id, thread_id)?.ok_or(AppError::NotFound)?;
    let message_id = uuid::Uuid::new_v4().to_string();
    repo::insert_message(
        conn,
        &Message {
            id: message_id.clone(),
            thread_id: thread_id.to_string(),
            author_id: author.id.clone(),
            body,
            created_at: now,
        },
    )?;
    // Only what the sender marked unrestricted may leave the portal: never the body.
    let payload = serde_json::json!({
        "thread_id": thread.id,
        "subject": if thread.restricted { None } else { Some(thread.subject.clone()) },
    });
    for r in repo::recipients(conn, thread_id, &author.id)? {
        let language = crate::i18n::mail_language(r.language.as_deref());
        mail_queue::queue(
            conn,
            QueuedMail {
                recipient_user_id: Some(&r.user_id),
                to_address: &r.email,
                template: MAIL_NEW_MESSAGE,
                language,
                payload: payload.clone(),
                hold_for_digest: r.mail_mode == MailMode::Digest,
            },
            now,
        )?;
    }
    Ok(message_id)
}

/// The thread as the reader sees it; opening it marks its messages read for the reader.
pub fn open_thread(
    conn: &mut DbConnection,
    reader: &CurrentUser,
    thread_id: &str,
) -> AppResult<ThreadDetail> {
    thread_id_shape(thread_id)?;
    let now = now();
    let thread = repo::find_visible(conn, &reader.id, thread_id)?.ok_or(AppError::NotFound)?;
    for message_id in repo::unread_message_ids(conn, &reader.id, thread_id)? {
        // A concurrent open of the same thread may have written it first: that is fine.
        match repo::insert_read(conn, &message_id, &reader.id, now) {
            Ok(_)
            | Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let receipts = repo::receipts_visible(conn, &reader.id, thread_id)?;
    let files = crate::repo::attachments::of_thread_visible(conn, &reader.id, thread_id)?;
    let messages = repo::messages_visible(conn, &reader.id, thread_id)?
        .into_iter()
        .map(|(m, author)| MessageView {
            read_by: receipts
                .iter()
                .filter(|r| r.message_id == m.id && r.user_id != m.author_id)
                .map(|r| ReceiptView {
                    user_id: r.user_id.clone(),
                    name: r.name.clone(),
                    read_at: r.read_at.into(),
                })
                .collect(),
            attachments: files
                .iter()
                .filter(|f| f.message_id == m.id)
                .map(|f| AttachmentView {
                    id: f.id.clone(),
                    filename: f.filename.clone(),
                    size_bytes: f.size_bytes,
                    content_type: f.content_type.clone(),
                })
                .collect(),
            id: m.id,
            author: person(author),
            body: m.body,
            created_at: m.created_at.into(),
        })
        .collect();
    Ok(ThreadDetail {
        users: repo::user_participants_visible(conn, &reader.id, thread_id)?
            .into_iter()
            .map(person)
            .collect(),
        organisations: repo::organisation_participants_visible(conn, &reader.id, thread_id)?
            .into_iter()
            .map(|(code, name)| OrganisationView { code, name })
            .collect(),
        working_groups: crate::repo::groups::addressed_in_thread(conn, &thread.id)?,
        id: thread.id,
        subject: thread.subject,
        restricted: thread.restricted,
        created_at: thread.created_at.into(),
        messages,
    })
}

fn person(p: repo::Person) -> PersonView {
    PersonView {
        id: p.id,
        name: p.name,
        email: p.email,
        organisation: p.organisation_code,
    }
}

pub fn inbox(
    conn: &mut DbConnection,
    user: &CurrentUser,
    page: &PageParams,
) -> AppResult<InboxPage> {
    let after = pagination::decode_time_seek(page.cursor())?;
    if let Some((_, id)) = &after {
        uuid::Uuid::parse_str(id).map_err(|_| pagination::invalid_cursor())?;
    }
    let limit = page.limit(PageSize::STANDARD);
    let rows = repo::list_visible(conn, &user.id, after, limit + 1)?;
    let page = Page::cut(rows, limit, |t| {
        pagination::time_seek(t.last_message_at, &t.id)
    });
    let ids: Vec<String> = page.items.iter().map(|t| t.id.clone()).collect();
    let unread = repo::unread_by_thread(conn, &user.id, &ids)?;
    let next_cursor = page.next_cursor;
    let items = page
        .items
        .into_iter()
        .map(|t| ThreadSummary {
            unread: unread
                .iter()
                .find(|(id, _)| *id == t.id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            id: t.id,
            subject: t.subject,
            restricted: t.restricted,
            created_at: t.created_at.into(),
            last_message_at: t.last_message_at.into(),
        })
        .collect();
    Ok(InboxPage {
        items,
        next_cursor,
        unread_total: repo::unread_total(conn, &user.id)?,
    })
}

pub fn unread_total(conn: &mut DbConnection, user_id: &str) -> AppResult<i64> {
    Ok(repo::unread_total(conn, user_id)?)
}
