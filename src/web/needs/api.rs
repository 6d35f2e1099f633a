//! `/api/v1/needs`.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, patch, post, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::needs::{
    self, CommentView, NeedDetail, NeedPage, NeedPatch, NeedQuery, NeedView, NewComment, NewNeed,
};
use crate::services::spreadsheet::Reader;
use crate::web::common::api::Answer;
use crate::web::common::csv::csv_response;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NeedListParams {
    pub member_state: Option<String>,
    /// A UN regional group: the needs of its Member States.
    pub region: Option<String>,
    pub thematic_area: Option<String>,
    /// `high`, `medium` or `low`.
    pub priority: Option<String>,
    /// `open`, `matched`, `in_progress` or `addressed`.
    pub status: Option<String>,
    pub report_id: Option<String>,
    /// Text searched in titles and descriptions.
    pub q: Option<String>,
    /// `true`: only needs with no accepted or completed match.
    pub uncovered: Option<bool>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<NeedListParams> for NeedQuery {
    fn from(p: NeedListParams) -> Self {
        NeedQuery {
            member_state: p.member_state,
            region: p.region,
            thematic_area: p.thematic_area,
            priority: p.priority,
            status: p.status,
            report_id: p.report_id,
            text: p.q,
            uncovered: p.uncovered.unwrap_or(false),
            sort: None,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Needs the caller may see, newest first.
#[utoipa::path(tag = "needs", params(NeedListParams), security(("bearer" = [])),
    responses((status = 200, body = NeedPage), (status = 400, body = ErrorBody)))]
#[get("/needs")]
pub fn list_needs(caller: ApiEntrant, q: Query<NeedListParams>) -> Answer {
    let state = caller.state.clone();
    caller.ok_json_bytes(move |conn, user, _| {
        needs::kept_page(conn, user, q.0.into(), &state.need_lists)?.json()
    })
}

/// Every need the caller may see matching the filters, as CSV (audited).
#[utoipa::path(tag = "needs", params(NeedListParams), security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "CSV export")))]
#[get("/needs/export")]
pub async fn export_needs(caller: ApiCaller, q: Query<NeedListParams>) -> AppResult<HttpResponse> {
    // The export takes every match; a cursor is still checked like the list's.
    crate::pagination::decode_time_seek(q.cursor.as_deref())?;
    let csv = caller
        .db(move |conn, user, ip| needs::export_csv(conn, user, ip, q.0.into(), Reader::Program))
        .await?;
    Ok(csv_response("needs.csv", csv))
}

/// Creates a need (coordinators).
#[utoipa::path(tag = "needs", request_body = NewNeed, security(("bearer" = [])),
    responses((status = 201, body = NeedView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/needs")]
pub fn create_need(caller: ApiEntrant, body: Json<NewNeed>) -> Answer {
    caller.created(move |conn, user, ip| needs::create(conn, user, ip, body.0))
}

/// One need; comments for coordinators and the concerned State.
#[utoipa::path(tag = "needs", security(("bearer" = [])),
    responses((status = 200, body = NeedDetail), (status = 404, body = ErrorBody)))]
#[get("/needs/{id}")]
pub fn get_need(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| needs::read(conn, user, ip, &id))
}

/// Edits a need (coordinators).
#[utoipa::path(tag = "needs", request_body = NeedPatch, security(("bearer" = [])),
    responses((status = 200, body = NeedView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[patch("/needs/{id}")]
pub fn patch_need(caller: ApiEntrant, id: Path<String>, body: Json<NeedPatch>) -> Answer {
    caller.ok(move |conn, user, ip| needs::update(conn, user, ip, &id, body.0))
}

/// Comments on a need (coordinators and the concerned State's focal points).
#[utoipa::path(tag = "needs", request_body = NewComment, security(("bearer" = [])),
    responses((status = 201, body = CommentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[post("/needs/{id}/comments")]
pub fn comment_need(caller: ApiEntrant, id: Path<String>, body: Json<NewComment>) -> Answer {
    caller.created(move |conn, user, ip| needs::comment(conn, user, ip, &id, body.0))
}
