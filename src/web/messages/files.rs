//! Attaching files from the thread page (a multipart form, so its CSRF token is checked by the
//! upload reader rather than by `CsrfForm`) and downloading them.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::PageUser;
use crate::error::AppResult;
use crate::services::messages::attachments;
use crate::state::AppState;
use crate::web::common::upload;

#[post("/messages/{id}/attachments")]
pub async fn upload_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let limits = upload::ATTACHMENT_LIMITS;
    upload::check_declared_length(&req, limits.max_files as u64 * limits.max_bytes)?;
    // The CSRF token is the form's first field, checked before any file is stored.
    let check = upload::csrf_check(&req, &state);
    let form = upload::receive(&state, payload, Some(&check), limits).await?;
    let thread_id = path.into_inner();
    let (id, user, blobs) = (thread_id.clone(), user.0, form.blob_ids());
    let body = form.first("body");
    let result = state
        .db(move |conn| attachments::post_with_files(conn, &user, &id, &body, form.files))
        .await;
    if result.is_err() {
        upload::discard_all(&state, blobs).await;
    }
    let message_id = result?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/messages/{thread_id}#m-{message_id}"),
        ))
        .finish())
}

#[get("/messages/{id}/attachments/{attachment_id}")]
pub async fn download(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (thread_id, attachment_id) = path.into_inner();
    let file = state
        .db(move |conn| attachments::download(conn, &user.0, &thread_id, &attachment_id))
        .await?;
    Ok(crate::web::documents::api::stream_file(state, file))
}
