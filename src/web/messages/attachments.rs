//! Files in threads: `POST /api/v1/threads/{id}/attachments` (multipart: `file` repeated, an
//! optional `body`) and `GET /api/v1/threads/{id}/attachments/{attachment_id}`.

use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::ApiUser;
use crate::error::{AppResult, ErrorBody};
use crate::services::messages::attachments;
use crate::services::messages::{self, ThreadDetail};
use crate::state::AppState;
use crate::web::common::upload as reader;

/// Posts a message with files (up to 5, 10 MiB each) in a thread the caller takes part in.
#[utoipa::path(post, path = "/api/v1/threads/{id}/attachments", tag = "messages", security(("bearer" = [])),
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
    let limits = reader::ATTACHMENT_LIMITS;
    reader::check_declared_length(&req, limits.max_files as u64 * limits.max_bytes)?;
    let form = reader::receive(&state, payload, None, limits).await?;
    let (id, user, blobs) = (path.into_inner(), user.0, form.blob_ids());
    let body = form.optional("body").unwrap_or_default();
    let result = state
        .db(move |conn| {
            attachments::post_with_files(conn, &user, &id, &body, form.files)?;
            messages::open_thread(conn, &user, &id)
        })
        .await;
    if result.is_err() {
        reader::discard_all(&state, blobs).await;
    }
    Ok(HttpResponse::Created().json(result?))
}

/// The bytes of an attachment, always as a download (`application/octet-stream`).
#[utoipa::path(get, path = "/api/v1/threads/{id}/attachments/{attachment_id}", tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id"), ("attachment_id" = String, Path, description = "attachment id")),
    responses((status = 200, content_type = "application/octet-stream", description = "the file"), (status = 404, body = ErrorBody)))]
#[get("/threads/{id}/attachments/{attachment_id}")]
pub async fn download(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (thread_id, attachment_id) = path.into_inner();
    let file = state
        .db(move |conn| attachments::download(conn, &user.0, &thread_id, &attachment_id))
        .await?;
    Ok(crate::web::documents::api::stream_file(state, file))
}
