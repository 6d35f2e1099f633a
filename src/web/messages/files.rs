//! Attaching files from the thread page (a multipart form, so its CSRF token is checked by the
//! upload reader rather than by `CsrfForm`) and downloading them.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use crate::auth::PageUser;
use crate::error::AppResult;
use crate::services::messages::attachments;
use crate::state::AppState;
use crate::web::common::upload::{self, Received};
use crate::web::messages::attachments::{download_file, post_files};

#[post("/messages/{id}/attachments")]
pub async fn upload_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    // The CSRF token is the form's first field, checked before any file is stored.
    let check = upload::csrf_check(&req, &state);
    let (thread_id, user) = (path.into_inner(), user.0);
    let id = thread_id.clone();
    let body_of = |form: &Received| form.first("body");
    let message_id = post_files(
        &req,
        &state,
        payload,
        Some(&check),
        body_of,
        move |conn, body, files| attachments::post_with_files(conn, &user, &id, &body, files),
    )
    .await?;
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
    download_file(state, user.0, path.into_inner()).await
}
