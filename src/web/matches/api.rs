//! `/api/v1/matches`.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{ApiCaller, ApiUser};
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::matches::{self, MatchPage, MatchPatch, MatchQuery, MatchView, NewMatch};
use crate::state::AppState;
use crate::web::common::api::{caller_json, user_json};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MatchListParams {
    /// `proposed`, `accepted`, `declined` or `completed`.
    pub status: Option<String>,
    pub need_id: Option<String>,
    pub project_id: Option<String>,
    /// ISO alpha-3 code of the need's State.
    pub member_state: Option<String>,
    /// `me`: what waits for the caller (decisions for their State, answers to their
    /// organisation's proposals; every open step for a coordinator).
    pub waiting: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<MatchListParams> for MatchQuery {
    fn from(p: MatchListParams) -> Self {
        MatchQuery {
            status: p.status,
            need_id: p.need_id,
            project_id: p.project_id,
            member_state: p.member_state,
            waiting: p.waiting,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Matches whose need and project the caller may both see, newest first.
#[utoipa::path(tag = "matches", params(MatchListParams), security(("bearer" = [])),
    responses((status = 200, body = MatchPage), (status = 400, body = ErrorBody)))]
#[get("/matches")]
pub async fn list_matches(
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<MatchListParams>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    user_json(&state, user.0, StatusCode::OK, move |conn, user| {
        matches::list(conn, user, q.into())
    })
    .await
}

/// Proposes a project for a need (the project's organisation or a coordinator).
#[utoipa::path(tag = "matches", request_body = NewMatch, security(("bearer" = [])),
    responses((status = 201, body = MatchView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/matches")]
pub async fn propose_match(
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: web::Json<NewMatch>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    caller_json(
        &state,
        caller,
        StatusCode::CREATED,
        move |conn, user, ip| matches::propose(conn, user, ip, body),
    )
    .await
}

/// One match the caller may see, with its history.
#[utoipa::path(tag = "matches", security(("bearer" = [])),
    responses((status = 200, body = MatchView), (status = 404, body = ErrorBody)))]
#[get("/matches/{id}")]
pub async fn get_match(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    user_json(&state, user.0, StatusCode::OK, move |conn, user| {
        matches::read(conn, user, &id)
    })
    .await
}

/// Accepts, declines (with a reason) or completes a match.
#[utoipa::path(tag = "matches", request_body = MatchPatch, security(("bearer" = [])),
    responses((status = 200, body = MatchView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/matches/{id}")]
pub async fn patch_match(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
    body: web::Json<MatchPatch>,
) -> AppResult<HttpResponse> {
    let (id, body) = (id.into_inner(), body.into_inner());
    caller_json(&state, caller, StatusCode::OK, move |conn, user, ip| {
        matches::transition(conn, user, ip, &id, body)
    })
    .await
}
