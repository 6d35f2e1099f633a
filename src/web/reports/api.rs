//! `/api/v1/reports`.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiCaller;
use crate::auth::ApiUser;
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::reports::{self, NewReport, ReportPage, ReportPatch, ReportQuery, ReportView};
use crate::state::AppState;
use crate::web::common::api::{caller_json, user_json};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReportListParams {
    /// ISO alpha-3 code of the Member State.
    pub member_state: Option<String>,
    pub regional_group: Option<String>,
    /// The year of the visit, 1 to 9999.
    #[param(minimum = 1, maximum = 9999)]
    pub year: Option<i32>,
    pub programme: Option<String>,
    /// Text searched in titles and summaries.
    pub q: Option<String>,
    /// `draft` or `published` (coordinators).
    pub status: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<ReportListParams> for ReportQuery {
    fn from(p: ReportListParams) -> Self {
        ReportQuery {
            member_state: p.member_state,
            regional_group: p.regional_group,
            year: p.year,
            programme: p.programme,
            text: p.q,
            status: p.status,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Reports the caller may see, newest visit first.
#[utoipa::path(tag = "reports", params(ReportListParams), security(("bearer" = [])),
    responses((status = 200, body = ReportPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<ReportListParams>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    user_json(&state, user.0, StatusCode::OK, move |conn, user| {
        reports::list(conn, user, q.into())
    })
    .await
}

/// Creates a draft report (coordinators).
#[utoipa::path(tag = "reports", request_body = NewReport, security(("bearer" = [])),
    responses((status = 201, body = ReportView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/reports")]
pub async fn create_report(
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: web::Json<NewReport>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    caller_json(
        &state,
        caller,
        StatusCode::CREATED,
        move |conn, user, ip| reports::create(conn, user, ip, body),
    )
    .await
}

/// One report with the sections the caller may read; the read is audited.
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 404, body = ErrorBody)))]
#[get("/reports/{id}")]
pub async fn get_report(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    caller_json(&state, caller, StatusCode::OK, move |conn, user, ip| {
        reports::read(conn, user, ip, &id)
    })
    .await
}

/// Edits a report (coordinators); after publication each edit is a new version.
#[utoipa::path(tag = "reports", request_body = ReportPatch, security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/reports/{id}")]
pub async fn patch_report(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
    body: web::Json<ReportPatch>,
) -> AppResult<HttpResponse> {
    let (id, body) = (id.into_inner(), body.into_inner());
    caller_json(&state, caller, StatusCode::OK, move |conn, user, ip| {
        reports::update(conn, user, ip, &id, body)
    })
    .await
}

/// Publishes a draft (coordinators).
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/reports/{id}/publish")]
pub async fn publish_report(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    caller_json(&state, caller, StatusCode::OK, move |conn, user, ip| {
        reports::publish(conn, user, ip, &id)
    })
    .await
}
