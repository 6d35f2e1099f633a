//! Attaching files from the thread page (a multipart form, so its CSRF token is checked here
//! rather than by `CsrfForm`) and downloading them.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

use super::uploads;
use crate::auth::csrf;
use crate::auth::PageUser;
use crate::error::{AppError, AppResult};
use crate::services::attachments;
use crate::state::AppState;

#[post("/messages/{id}/attachments")]
pub async fn upload_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let form = uploads::read(payload, "file").await?;
    let valid = req
        .cookie(csrf::COOKIE)
        .zip(form.field(csrf::FIELD))
        .map(|(cookie, token)| state.csrf.verify(cookie.value(), token))
        .unwrap_or(false);
    if !valid {
        return Err(AppError::Forbidden {
            code: "csrf",
            message:
                "the form has expired or did not come from this site; reload the page and try again"
                    .into(),
        });
    }
    let thread_id = path.into_inner();
    let id = thread_id.clone();
    let body = form.field("body").unwrap_or("").to_string();
    let user = user.0;
    let message_id = state
        .db(move |conn| attachments::post_with_files(conn, &user, &id, &body, form.files))
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
    let (thread_id, attachment_id) = path.into_inner();
    let file = state
        .db(move |conn| attachments::download(conn, &user.0, &thread_id, &attachment_id))
        .await?;
    Ok(super::api_documents::stream_file(state, file))
}
