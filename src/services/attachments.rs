//! Messages with files: the bytes go to `file_blobs`, the link to `message_attachments`, the
//! message and its notifications as for any reply, all in one transaction.

use diesel::Connection;

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::messaging::{self as rules, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES};
use crate::error::{AppError, AppResult};
use crate::repo::attachments::{self, Attachment};
use crate::repo::file_blobs::{self, FileBlob};
use crate::repo::threads;
use crate::services::messaging::{check_rate, may_post, now, post_in_thread, thread_id_shape};

pub struct Upload {
    pub filename: String,
    pub content_type: Option<String>,
    pub content: Vec<u8>,
}

/// Posts `body` (which may be empty when files come with it) and the files in the thread.
pub fn post_with_files(
    conn: &mut DbConnection,
    author: &CurrentUser,
    thread_id: &str,
    body: &str,
    files: Vec<Upload>,
) -> AppResult<String> {
    thread_id_shape(thread_id)?;
    may_post(author)?;
    if files.is_empty() {
        return Err(AppError::invalid("no_file", "attach at least one file"));
    }
    if files.len() > MAX_ATTACHMENTS {
        return Err(AppError::invalid(
            "too_many_files",
            format!("at most {MAX_ATTACHMENTS} files per message"),
        ));
    }
    if files.iter().any(|f| f.content.len() > MAX_ATTACHMENT_BYTES) {
        return Err(AppError::PayloadTooLarge);
    }
    let body = if body.trim().is_empty() {
        String::new()
    } else {
        rules::check_body(body)?
    };
    conn.transaction::<_, AppError, _>(|conn| {
        crate::db::write_lock::take_write_lock(conn)?;
        let now = now();
        threads::find_visible(conn, &author.id, thread_id)?.ok_or(AppError::NotFound)?;
        check_rate(conn, &author.id, now)?;
        let message_id = post_in_thread(conn, author, thread_id, body, now)?;
        for file in files {
            let blob = FileBlob::new(
                &rules::clean_content_type(file.content_type.as_deref()),
                file.content,
            );
            file_blobs::insert(conn, &blob)?;
            attachments::insert(
                conn,
                &Attachment {
                    id: uuid::Uuid::new_v4().to_string(),
                    message_id: message_id.clone(),
                    blob_id: blob.id,
                    filename: rules::clean_filename(&file.filename),
                    created_at: now,
                },
            )?;
        }
        Ok(message_id)
    })
}

/// The name and bytes of an attachment in a thread the reader takes part in.
pub fn download(
    conn: &mut DbConnection,
    reader: &CurrentUser,
    thread_id: &str,
    attachment_id: &str,
) -> AppResult<(String, Vec<u8>)> {
    thread_id_shape(thread_id)?;
    thread_id_shape(attachment_id)?;
    attachments::content_visible(conn, &reader.id, thread_id, attachment_id)?
        .ok_or(AppError::NotFound)
}
