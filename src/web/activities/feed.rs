//! Calendar files: the personal feed (`/calendar/feed/{token}.ics`, read by calendar
//! applications without signing in), turning it on, renewing and revoking it (API and the
//! `/calendar/feed` page), and one activity as a `.ics` download.

use actix_web::http::header;
use actix_web::web::{self, Bytes, Path};
use actix_web::{delete, get, post, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::csrf::CsrfForm;
use crate::auth::{ApiCaller, PageCaller};
use crate::error::{AppError, AppResult, ErrorBody, ErrorCode};
use crate::services::activities::feed::{self, FeedFilters, FeedStatus};
use crate::services::{groups, reference};
use crate::state::AppState;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{refused_input, see_other};

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

/// Turns on the caller's personal calendar feed, or renews it (the previous URL stops working),
/// with the list filters given in the body, if any (an empty body: every visible activity).
/// The URL is shown only in this answer.
#[utoipa::path(tag = "activities", request_body(content = Option<FeedFilters>), security(("bearer" = [])),
    responses((status = 201, body = FeedUrl), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
#[post("/account/calendar-feed")]
pub async fn create_feed(caller: ApiCaller, body: Bytes) -> AppResult<HttpResponse> {
    // The body is optional, so it is read by hand: a body that is there must be right.
    let filters: FeedFilters = if body.iter().all(u8::is_ascii_whitespace) {
        FeedFilters::default()
    } else {
        // An object only: serde would also take the fields in order from an array.
        let invalid = |e: String| {
            AppError::invalid(
                ErrorCode::InvalidJson,
                format!("the JSON body is invalid: {e}"),
            )
        };
        match serde_json::from_slice(&body).map_err(|e| invalid(e.to_string()))? {
            object @ serde_json::Value::Object(_) => {
                serde_json::from_value(object).map_err(|e| invalid(e.to_string()))?
            }
            _ => return Err(invalid("an object of filters is expected".into())),
        }
    };
    let new = caller
        .db(move |conn, user, ip| feed::turn_on(conn, user, ip, filters))
        .await?;
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

/// The filters of the feed's form (all optional).
#[derive(Debug, Default, Deserialize)]
pub struct FeedForm {
    csrf_token: String,
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    working_group: String,
}
csrf_protected!(FeedForm);

/// The feed's page: on or off (with its filters), the forms to turn it on with filters, renew
/// or revoke it, and the new address once, just after it was made.
async fn render_feed(
    caller: &PageCaller,
    new_url: Option<String>,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let (status, groups) = caller
        .db(|conn, user, _| Ok((feed::status(conn, user)?, groups::list(conn)?)))
        .await?;
    let mut ctx = caller.context();
    ctx.insert("feed", &status);
    ctx.insert("new_url", &new_url);
    ctx.insert("programmes", reference::programmes());
    ctx.insert("groups", &groups);
    {
        use strum::VariantArray;
        ctx.insert("kinds", crate::domain::values::ActivityKind::VARIANTS);
    }
    let problem = error.map(|m| (actix_web::http::StatusCode::BAD_REQUEST, m));
    caller.render_refused("activities/feed.html", ctx, problem)
}

#[get("/calendar/feed")]
pub async fn feed_page(caller: PageCaller) -> AppResult<HttpResponse> {
    render_feed(&caller, None, None).await
}

/// Turns the feed on (or renews it) with the form's filters, and shows the new URL once.
#[post("/calendar/feed")]
pub async fn feed_submit(caller: PageCaller, form: CsrfForm<FeedForm>) -> AppResult<HttpResponse> {
    let form = form.0;
    let some = |v: String| Some(v).filter(|v| !v.trim().is_empty());
    let filters = FeedFilters {
        member_state: some(form.member_state),
        programme: some(form.programme),
        kind: some(form.kind),
        working_group: some(form.working_group),
        ..Default::default()
    };
    let made = caller
        .db(move |conn, user, ip| feed::turn_on(conn, user, ip, filters))
        .await;
    match refused_input(made, caller.lang)? {
        Ok(new) => {
            let url = feed_url(&caller.state, &new.token);
            render_feed(&caller, Some(url), None).await
        }
        Err(message) => render_feed(&caller, None, Some(message)).await,
    }
}

#[post("/calendar/feed/revoke")]
pub async fn feed_revoke_submit(
    caller: PageCaller,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    caller.db(feed::revoke).await?;
    Ok(see_other("/calendar/feed"))
}
