//! Messages with files: the bytes were streamed into `file_blobs` as they arrived (the same
//! reader, store and type rules as documents); here the message, its links in
//! `message_attachments` and its notifications are written in one transaction.

use crate::access::messages::may_post;
use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::messaging::{self as rules, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES};
use crate::domain::time::now;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::attachments::{self, Attachment};
use crate::repo::files;
use crate::repo::messages as repo;
use crate::services::documents::{Download, StoredUpload};
use crate::services::messages::{check_rate, post_in_thread, thread_id_shape};

/// Posts `body` (which may be empty when files come with it) and the files in the thread.
pub fn post_with_files(
    conn: &mut DbConnection,
    author: &CurrentUser,
    thread_id: &str,
    body: &str,
    files: Vec<StoredUpload>,
) -> AppResult<String> {
    thread_id_shape(thread_id)?;
    may_post(&author.actor())?;
    if files.is_empty() {
        return Err(AppError::invalid(
            ErrorCode::NoFile,
            "attach at least one file",
        ));
    }
    if files.len() > MAX_ATTACHMENTS {
        return Err(AppError::invalid(
            ErrorCode::TooManyFiles,
            format!("at most {MAX_ATTACHMENTS} files per message"),
        ));
    }
    if files
        .iter()
        .any(|f| f.size as u64 > MAX_ATTACHMENT_BYTES as u64)
    {
        return Err(AppError::PayloadTooLarge);
    }
    let body = if body.trim().is_empty() {
        String::new()
    } else {
        rules::check_body(body)?
    };
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let now = now();
        repo::find_visible(conn, &author.id, thread_id)?.ok_or(AppError::NotFound)?;
        check_rate(conn, &author.id, now)?;
        let message_id = post_in_thread(conn, author, thread_id, body, now)?;
        for stored in files {
            files::complete(
                conn,
                &stored.blob_id,
                &stored.sha256,
                stored.size,
                &stored.content_type,
            )?;
            attachments::insert(
                conn,
                &Attachment {
                    id: uuid::Uuid::new_v4().to_string(),
                    message_id: message_id.clone(),
                    blob_id: stored.blob_id,
                    filename: stored.filename,
                    created_at: now,
                },
            )?;
        }
        Ok(message_id)
    })
}

/// Where the bytes of an attachment are, in a thread the reader takes part in.
pub fn download(
    conn: &mut DbConnection,
    reader: &CurrentUser,
    thread_id: &str,
    attachment_id: &str,
) -> AppResult<Download> {
    thread_id_shape(thread_id)?;
    thread_id_shape(attachment_id)?;
    let (filename, blob_id, content_type, size) =
        attachments::content_visible(conn, &reader.id, thread_id, attachment_id)?
            .ok_or(AppError::NotFound)?;
    Ok(Download {
        blob_id,
        filename,
        content_type,
        size,
    })
}
