//! Calendar files: the personal feed (`/calendar/feed/{token}.ics`, read by calendar
//! applications without signing in), turning it on, renewing and revoking it (API and the
//! `/calendar/feed` page), and one activity as a `.ics` download.

use actix_web::http::header;
use actix_web::web::{self, Path};
use actix_web::{delete, get, post, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::csrf::CsrfForm;
use crate::auth::{ApiCaller, PageCaller};
use crate::error::{AppResult, ErrorBody};
use crate::services::activities::feed::{self, FeedStatus};
use crate::state::AppState;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::see_other;

/// A new feed's URL: shown once, since only its hash is kept.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedUrl {
    pub url: String,
}

fn calendar_file(text: String, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{filename}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(text)
}

fn feed_url(state: &AppState, token: &str) -> String {
    format!(
        "{}{}",
        state.settings.public_url.trim_end_matches('/'),
        feed::feed_path(token)
    )
}

/// Turns on the caller's personal calendar feed, or renews it (the previous URL stops working).
/// The URL is shown only in this answer.
#[utoipa::path(tag = "activities", security(("bearer" = [])),
    responses((status = 201, body = FeedUrl), (status = 401, body = ErrorBody)))]
#[post("/account/calendar-feed")]
pub async fn create_feed(caller: ApiCaller) -> AppResult<HttpResponse> {
    let new = caller.db(feed::turn_on).await?;
    let url = feed_url(&caller.state, &new.token);
    Ok(HttpResponse::Created().json(FeedUrl { url }))
}

/// Whether the caller has a feed.
#[utoipa::path(tag = "activities", security(("bearer" = [])),
    responses((status = 200, body = FeedStatus), (status = 401, body = ErrorBody)))]
#[get("/account/calendar-feed")]
pub async fn feed_status(caller: ApiCaller) -> AppResult<HttpResponse> {
    let status = caller.db(|conn, user, _| feed::status(conn, user)).await?;
    Ok(HttpResponse::Ok().json(status))
}

/// Revokes the caller's feed: its URL answers 404 from now on.
#[utoipa::path(tag = "activities", security(("bearer" = [])),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[delete("/account/calendar-feed")]
pub async fn revoke_feed(caller: ApiCaller) -> AppResult<HttpResponse> {
    caller.db(feed::revoke).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The feed itself: the secret in the path is the only credential, and it reads only the
/// activities its owner may see.
#[get("/calendar/feed/{token}.ics")]
pub async fn feed_file(state: web::Data<AppState>, token: Path<String>) -> AppResult<HttpResponse> {
    let base = state.settings.public_url.clone();
    let text = state
        .db(move |conn| feed::read(conn, &token, &base))
        .await?;
    Ok(calendar_file(text, "calendar.ics"))
}

/// One activity as a calendar file.
#[get("/activities/{id}/event.ics")]
pub async fn event_file(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let base = caller.state.settings.public_url.clone();
    let text = caller
        .db(move |conn, user, _| feed::single_event(conn, user, &id, &base))
        .await?;
    Ok(calendar_file(text, "activity.ics"))
}

/// The feed's page: on or off, with the forms to turn it on, renew or revoke it.
#[get("/calendar/feed")]
pub async fn feed_page(caller: PageCaller) -> AppResult<HttpResponse> {
    let status = caller.db(|conn, user, _| feed::status(conn, user)).await?;
    let mut ctx = caller.context();
    ctx.insert("feed", &status);
    ctx.insert("new_url", &None::<String>);
    caller.render("activities/feed.html", &ctx)
}

/// Turns the feed on or renews it, and shows the new URL once.
#[post("/calendar/feed")]
pub async fn feed_submit(caller: PageCaller, _form: CsrfForm<CsrfOnly>) -> AppResult<HttpResponse> {
    let new = caller.db(feed::turn_on).await?;
    let status = caller.db(|conn, user, _| feed::status(conn, user)).await?;
    let mut ctx = caller.context();
    ctx.insert("feed", &status);
    ctx.insert("new_url", &Some(feed_url(&caller.state, &new.token)));
    caller.render("activities/feed.html", &ctx)
}

#[post("/calendar/feed/revoke")]
pub async fn feed_revoke_submit(
    caller: PageCaller,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    caller.db(feed::revoke).await?;
    Ok(see_other("/calendar/feed"))
}
