//! `/api/v1/threads`: list, start, read and reply. Access is decided in the queries.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::messages::{self, InboxPage, NewThread, ThreadDetail};
use crate::web::common::api::Answer;

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
    /// Working group codes: every active user of its member organisations takes part.
    #[serde(default)]
    pub to_working_groups: Vec<String>,
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
pub fn list_threads(caller: ApiEntrant, q: Query<PageParams>) -> Answer {
    caller.ok(move |conn, user, _| messages::inbox(conn, user, &q))
}

/// Starts a thread with people and organisations; notifies them by e-mail without content.
#[utoipa::path(tag = "messages", request_body = NewThreadBody, security(("bearer" = [])),
    responses((status = 201, body = ThreadDetail), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody, description = "observers cannot send"),
        (status = 429, body = ErrorBody, description = "too many messages this minute; see Retry-After")))]
#[post("/threads")]
pub async fn create_thread(
    caller: ApiCaller,
    body: Json<NewThreadBody>,
) -> AppResult<HttpResponse> {
    let body = body.0;
    let new = NewThread {
        subject: body.subject,
        to_users: body.to_users,
        to_organisations: body.to_organisations,
        to_working_groups: body.to_working_groups,
        body: body.body,
        restricted: body.restricted.unwrap_or(true),
    };
    let detail = caller
        .db(move |conn, user, _| {
            let id = messages::create_thread(conn, user, new)?;
            messages::open_thread(conn, user, &id)
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
pub fn get_thread(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| messages::open_thread(conn, user, &id))
}

/// Replies in a thread the caller takes part in.
#[utoipa::path(tag = "messages", request_body = ReplyBody, security(("bearer" = [])),
    params(("id" = String, Path, description = "thread id")),
    responses((status = 201, body = ThreadDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many messages this minute; see Retry-After")))]
#[post("/threads/{id}/messages")]
pub fn reply(caller: ApiEntrant, id: Path<String>, body: Json<ReplyBody>) -> Answer {
    caller.created(move |conn, user, _| {
        messages::reply(conn, user, &id, &body.body)?;
        messages::open_thread(conn, user, &id)
    })
}
