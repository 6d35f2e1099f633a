//! Attaching files from the thread page (a multipart form, so its CSRF token is checked by the
//! upload reader rather than by `CsrfForm`) and downloading them.

use actix_multipart::Multipart;
use actix_web::web::Path;
use actix_web::{get, post, HttpResponse};

use crate::auth::PageCaller;
use crate::error::AppResult;
use crate::services::messages::attachments;
use crate::web::common::api::Answer;
use crate::web::common::render::see_other;
use crate::web::common::upload::Received;
use crate::web::messages::attachments::post_files;

#[post("/messages/{id}/attachments")]
pub async fn upload_submit(
    caller: PageCaller,
    id: Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let thread_id = id.clone();
    let body_of = |form: &Received| form.first("body");
    let message_id = post_files(&caller, payload, body_of, move |conn, user, body, files| {
        attachments::post_with_files(conn, user, &thread_id, &body, files)
    })
    .await?;
    Ok(see_other(format!("/messages/{id}#m-{message_id}")))
}

#[get("/messages/{id}/attachments/{attachment_id}")]
pub fn download(caller: PageCaller, path: Path<(String, String)>) -> Answer {
    caller.download(move |conn, user, _| attachments::download(conn, user, &path.0, &path.1))
}
