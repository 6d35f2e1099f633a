//! `/api/v1/threads`: list, start, read and reply. Access is decided in the queries.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ApiUser;
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::messages::{self, InboxPage, NewThread, ThreadDetail};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThreadBody {
    pub subject: String,
    /// E-mail addresses of people.
    #[serde(default)]
    pub to_users: Vec<String>,
    /// Organisation codes: every active user of the organisation takes part.
    #[serde(default)]
    pub to_organisations: Vec<String>,
    pub body: String,
    /// When true (the default), notification mails do not name the subject.
    #[serde(default)]
    pub restricted: Option<bool>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyBody {
    pub body: String,
}

/// The threads the caller takes part in, most recent activity first.
#[utoipa::path(tag = "messages", params(PageParams), security(("bearer" = [])),
    responses((status = 200, body = InboxPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
#[get("/threads")]
pub async fn list_threads(
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<PageParams>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let page = state
        .db(move |conn| messages::inbox(conn, &user.0, &q))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Starts a thread with people and organisations; notifies them by e-mail without content.
#[utoipa::path(tag = "messages", request_body = NewThreadBody, security(("bearer" = [])),
    responses((status = 201, body = ThreadDetail), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody, description = "observers cannot send"),
        (status = 429, body = ErrorBody, description = "too many messages this minute; see Retry-After")))]
#[post("/threads")]
pub async fn create_thread(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewThreadBody>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let user = user.0;
    let detail = state
        .db(move |conn| {
            let id = messages::create_thread(
                conn,
                &user,
                NewThread {
                    subject: body.subject,
                    to_users: body.to_users,
                    to_organisations: body.to_organisations,
                    body: body.body,
                    restricted: body.restricted.unwrap_or(true),
                },
            )?;
            messages::open_thread(conn, &user, &id)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/threads/{}", detail.id)))
        .json(detail))
}

/// A thread with its messages, authors, times and read receipts; marks it read for the caller.
#[utoipa::path(tag = "messages", security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id")),
    responses((status = 200, body = ThreadDetail), (status = 404, body = ErrorBody, description = "no such thread, or not a participant")))]
#[get("/threads/{id}")]
pub async fn get_thread(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let detail = state
        .db(move |conn| messages::open_thread(conn, &user.0, &id))
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Replies in a thread the caller takes part in.
#[utoipa::path(tag = "messages", request_body = ReplyBody, security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id")),
    responses((status = 201, body = ThreadDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many messages this minute; see Retry-After")))]
#[post("/threads/{id}/messages")]
pub async fn reply(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<String>,
    body: web::Json<ReplyBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let body = body.into_inner();
    let user = user.0;
    let detail = state
        .db(move |conn| {
            messages::reply(conn, &user, &id, &body.body)?;
            messages::open_thread(conn, &user, &id)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail))
}
