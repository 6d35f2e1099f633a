//! `/api/v1/matches`.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, patch, post};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiEntrant;
use crate::error::ErrorBody;
use crate::pagination::PageParams;
use crate::services::matches::{self, MatchPage, MatchPatch, MatchQuery, MatchView, NewMatch};
use crate::web::common::api::Answer;

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
pub fn list_matches(caller: ApiEntrant, q: Query<MatchListParams>) -> Answer {
    caller.ok(move |conn, user, _| matches::list(conn, user, q.0.into()))
}

/// Proposes a project for a need (the project's organisation or a coordinator).
#[utoipa::path(tag = "matches", request_body = NewMatch, security(("bearer" = [])),
    responses((status = 201, body = MatchView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/matches")]
pub fn propose_match(caller: ApiEntrant, body: Json<NewMatch>) -> Answer {
    caller.created(move |conn, user, ip| matches::propose(conn, user, ip, body.0))
}

/// One match the caller may see, with its history.
#[utoipa::path(tag = "matches", security(("bearer" = [])),
    responses((status = 200, body = MatchView), (status = 404, body = ErrorBody)))]
#[get("/matches/{id}")]
pub fn get_match(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| matches::read(conn, user, &id))
}

/// Accepts, declines (with a reason) or completes a match.
#[utoipa::path(tag = "matches", request_body = MatchPatch, security(("bearer" = [])),
    responses((status = 200, body = MatchView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/matches/{id}")]
pub fn patch_match(caller: ApiEntrant, id: Path<String>, body: Json<MatchPatch>) -> Answer {
    caller.ok(move |conn, user, ip| matches::transition(conn, user, ip, &id, body.0))
}
