//! Queues a mail in the outbox, inside the caller's transaction: if the change rolls back, so
//! does the mail. Later invitations and password resets use the same door.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::DbConnection;
use crate::domain::values::OutboxStatus;
use crate::repo::outbox::{self, OutboxRow};

pub struct QueuedMail<'a> {
    pub recipient_user_id: Option<&'a str>,
    pub to_address: &'a str,
    /// A folder under `templates/email/`.
    pub template: &'a str,
    pub language: &'a str,
    pub payload: serde_json::Value,
    /// Held for the recipient's daily digest instead of sent at once.
    pub hold_for_digest: bool,
}

pub fn queue(
    conn: &mut DbConnection,
    mail: QueuedMail<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    outbox::insert(
        conn,
        &OutboxRow {
            id: id.clone(),
            recipient_user_id: mail.recipient_user_id.map(str::to_string),
            to_address: mail.to_address.to_string(),
            template: mail.template.to_string(),
            language: mail.language.to_string(),
            payload: mail.payload.to_string(),
            status: if mail.hold_for_digest {
                OutboxStatus::Held
            } else {
                OutboxStatus::Pending
            },
            attempts: 0,
            next_attempt_at: now,
            lease_until: None,
            last_error: None,
            created_at: now,
            sent_at: None,
        },
    )?;
    Ok(id)
}
