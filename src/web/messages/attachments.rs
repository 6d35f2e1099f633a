//! Files in threads: `POST /api/v1/threads/{id}/attachments` (multipart: `file` repeated, an
//! optional `body`) and `GET /api/v1/threads/{id}/attachments/{attachment_id}`.

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::{ApiUser, CurrentUser};
use crate::db::DbConnection;
use crate::error::{AppResult, ErrorBody};
use crate::services::documents::StoredUpload;
use crate::services::messages::attachments;
use crate::services::messages::{self, ThreadDetail};
use crate::state::AppState;
use crate::web::common::upload::{self as reader, Received};

/// Posts a message with files (up to 5, 10 MiB each) in a thread the caller takes part in.
#[utoipa::path(tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id")),
    request_body(content_type = "multipart/form-data", description = "`file` (repeated) and an optional `body`"),
    responses((status = 201, body = ThreadDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody, description = "a file is larger than 10 MiB"), (status = 429, body = ErrorBody)))]
#[post("/threads/{id}/attachments")]
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (id, user) = (path.into_inner(), user.0);
    let body_of = |form: &Received| form.optional("body").unwrap_or_default();
    let detail = post_files(
        &req,
        &state,
        payload,
        None,
        body_of,
        move |conn, body, files| {
            attachments::post_with_files(conn, &user, &id, &body, files)?;
            messages::open_thread(conn, &user, &id)
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(detail))
}

/// Receives a message's files (the attachment limits; `csrf` checks a page form's token before
/// any file is stored) and runs `post` with the body `body_of` reads and the stored files; the
/// files go again when it fails.
pub(super) async fn post_files<T: Send + 'static>(
    req: &HttpRequest,
    state: &AppState,
    payload: Multipart,
    csrf: Option<&dyn Fn(&str) -> bool>,
    body_of: fn(&Received) -> String,
    post: impl FnOnce(&mut DbConnection, String, Vec<StoredUpload>) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let limits = reader::ATTACHMENT_LIMITS;
    reader::check_declared_length(req, limits.max_files as u64 * limits.max_bytes)?;
    let form = reader::receive(state, payload, csrf, limits).await?;
    let (blobs, body) = (form.blob_ids(), body_of(&form));
    let result = state.db(move |conn| post(conn, body, form.files)).await;
    if result.is_err() {
        reader::discard_all(state, blobs).await;
    }
    result
}

/// The bytes of an attachment, always as a download (`application/octet-stream`).
#[utoipa::path(tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id"), ("attachment_id" = String, Path, description = "attachment id")),
    responses((status = 200, content_type = "application/octet-stream", description = "the file"), (status = 404, body = ErrorBody)))]
#[get("/threads/{id}/attachments/{attachment_id}")]
pub async fn download(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    download_file(state, user.0, path.into_inner()).await
}

/// The bytes of attachment `attachment_id` of thread `thread_id`, for `user`.
pub(super) async fn download_file(
    state: web::Data<AppState>,
    user: CurrentUser,
    (thread_id, attachment_id): (String, String),
) -> AppResult<HttpResponse> {
    let file = state
        .db(move |conn| attachments::download(conn, &user, &thread_id, &attachment_id))
        .await?;
    Ok(crate::web::documents::api::stream_file(state, file))
}
