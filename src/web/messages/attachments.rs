//! Files in threads: `POST /api/v1/threads/{id}/attachments` (multipart: `file` repeated, an
//! optional `body`) and `GET /api/v1/threads/{id}/attachments/{attachment_id}`.

use actix_multipart::Multipart;
use actix_web::web::Path;
use actix_web::{get, post, HttpResponse};

use crate::auth::caller::Entry;
use crate::auth::{ApiCaller, Caller, CurrentUser};
use crate::db::DbConnection;
use crate::error::{AppResult, ErrorBody};
use crate::services::documents::StoredUpload;
use crate::services::messages::attachments;
use crate::services::messages::{self, ThreadDetail};
use crate::web::common::api::Answer;
use crate::web::common::upload::{Received, ATTACHMENT_LIMITS};

/// Posts a message with files (up to 5, 10 MiB each) in a thread the caller takes part in.
#[utoipa::path(tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id")),
    request_body(content_type = "multipart/form-data", description = "`file` (repeated) and an optional `body`"),
    responses((status = 201, body = ThreadDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody, description = "a file is larger than 10 MiB"), (status = 429, body = ErrorBody)))]
#[post("/threads/{id}/attachments")]
pub async fn upload(
    caller: ApiCaller,
    id: Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let body_of = |form: &Received| form.optional("body").unwrap_or_default();
    let detail = post_files(&caller, payload, body_of, move |conn, user, body, files| {
        attachments::post_with_files(conn, user, &id, &body, files)?;
        messages::open_thread(conn, user, &id)
    })
    .await?;
    Ok(HttpResponse::Created().json(detail))
}

/// Receives a message's files (the attachment limits) and runs `post` with the body `body_of`
/// reads and the stored files; the files go again when it fails.
pub(super) async fn post_files<K: Entry, T: Send + 'static>(
    caller: &Caller<K>,
    payload: Multipart,
    body_of: fn(&Received) -> String,
    post: impl FnOnce(&mut DbConnection, &CurrentUser, String, Vec<StoredUpload>) -> AppResult<T>
        + Send
        + 'static,
) -> AppResult<T> {
    let form = caller.receive_upload(payload, ATTACHMENT_LIMITS).await?;
    let (blobs, body) = (form.blob_ids(), body_of(&form));
    caller
        .keep_uploads(blobs, move |conn, user, _| {
            post(conn, user, body, form.files)
        })
        .await
}

/// The bytes of an attachment, always as a download (`application/octet-stream`).
#[utoipa::path(tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id"), ("attachment_id" = String, Path, description = "attachment id")),
    responses((status = 200, content_type = "application/octet-stream", description = "the file"), (status = 404, body = ErrorBody)))]
#[get("/threads/{id}/attachments/{attachment_id}")]
pub fn download(caller: ApiCaller, path: Path<(String, String)>) -> Answer {
    caller.download(move |conn, user, _| attachments::download(conn, user, &path.0, &path.1))
}
