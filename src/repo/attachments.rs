//! Files attached to messages. Like every thread query, each read keeps only threads the acting
//! user takes part in (see `repo::messages`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::messages::in_visible_thread;
use crate::db::schema::{file_blobs, message_attachments, messages};
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = message_attachments)]
pub struct Attachment {
    pub id: String,
    pub message_id: String,
    pub blob_id: String,
    pub filename: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct AttachmentMeta {
    pub id: String,
    pub message_id: String,
    pub filename: String,
    pub size_bytes: i64,
    pub content_type: String,
}

pub fn insert(conn: &mut DbConnection, attachment: &Attachment) -> QueryResult<usize> {
    diesel::insert_into(message_attachments::table)
        .values(attachment)
        .execute(conn)
}

/// Attachments of a thread the user may see (without their bytes).
pub fn of_thread_visible(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
) -> QueryResult<Vec<AttachmentMeta>> {
    message_attachments::table
        .inner_join(messages::table)
        .inner_join(file_blobs::table)
        .filter(in_visible_thread!(user_id, thread_id))
        .order((
            message_attachments::created_at.asc(),
            message_attachments::id.asc(),
        ))
        .select((
            message_attachments::id,
            message_attachments::message_id,
            message_attachments::filename,
            file_blobs::size_bytes,
            file_blobs::content_type,
        ))
        .load(conn)
}

/// One attachment's name and stored bytes (blob id, type, size), if it belongs to this thread
/// and the user may see it.
pub fn content_visible(
    conn: &mut DbConnection,
    user_id: &str,
    thread_id: &str,
    attachment_id: &str,
) -> QueryResult<Option<(String, String, String, i64)>> {
    message_attachments::table
        .inner_join(messages::table)
        .inner_join(file_blobs::table)
        .filter(message_attachments::id.eq(attachment_id))
        .filter(in_visible_thread!(user_id, thread_id))
        .select((
            message_attachments::filename,
            file_blobs::id,
            file_blobs::content_type,
            file_blobs::size_bytes,
        ))
        .first(conn)
        .optional()
}
