//! `/api/v1/reports` and `/api/v1/needs`.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiUser;
use crate::error::{AppResult, ErrorBody};
use crate::services::needs::{
    self, CommentView, NeedDetail, NeedPage, NeedPatch, NeedQuery, NeedView, NewComment, NewNeed,
};
use crate::services::reports::{self, NewReport, ReportPage, ReportPatch, ReportQuery, ReportView};
use crate::state::AppState;

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
            cursor: p.cursor,
            limit: p.limit,
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NeedListParams {
    pub member_state: Option<String>,
    pub thematic_area: Option<String>,
    /// `high`, `medium` or `low`.
    pub priority: Option<String>,
    /// `open`, `matched`, `in_progress` or `addressed`.
    pub status: Option<String>,
    pub report_id: Option<String>,
    /// Text searched in titles and descriptions.
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<NeedListParams> for NeedQuery {
    fn from(p: NeedListParams) -> Self {
        NeedQuery {
            member_state: p.member_state,
            thematic_area: p.thematic_area,
            priority: p.priority,
            status: p.status,
            report_id: p.report_id,
            text: p.q,
            cursor: p.cursor,
            limit: p.limit,
        }
    }
}

/// Reports the caller may see, newest visit first.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(ReportListParams), security(("bearer" = [])),
    responses((status = 200, body = ReportPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<ReportListParams>,
) -> AppResult<HttpResponse> {
    let (user, q) = (user.0, q.into_inner());
    let page = state
        .db(move |conn| reports::list(conn, &user, q.into()))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Creates a draft report (coordinators).
#[utoipa::path(post, path = "/api/v1/reports", tag = "reports", request_body = NewReport, security(("bearer" = [])),
    responses((status = 201, body = ReportView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/reports")]
pub async fn create_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewReport>,
) -> AppResult<HttpResponse> {
    let (user, body, ip) = (user.0, body.into_inner(), state.client_ip(&req));
    let view = state
        .db(move |conn| reports::create(conn, &user, &ip, body))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One report with the sections the caller may read; the read is audited.
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 404, body = ErrorBody)))]
#[get("/reports/{id}")]
pub async fn get_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id, ip) = (user.0, id.into_inner(), state.client_ip(&req));
    let view = state
        .db(move |conn| reports::read(conn, &user, &ip, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Edits a report (coordinators); after publication each edit is a new version.
#[utoipa::path(patch, path = "/api/v1/reports/{id}", tag = "reports", request_body = ReportPatch, security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/reports/{id}")]
pub async fn patch_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
    body: web::Json<ReportPatch>,
) -> AppResult<HttpResponse> {
    let (user, id, body, ip) = (
        user.0,
        id.into_inner(),
        body.into_inner(),
        state.client_ip(&req),
    );
    let view = state
        .db(move |conn| reports::update(conn, &user, &ip, &id, body))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Publishes a draft (coordinators).
#[utoipa::path(post, path = "/api/v1/reports/{id}/publish", tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/reports/{id}/publish")]
pub async fn publish_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id, ip) = (user.0, id.into_inner(), state.client_ip(&req));
    let view = state
        .db(move |conn| reports::publish(conn, &user, &ip, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Needs the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/needs", tag = "needs", params(NeedListParams), security(("bearer" = [])),
    responses((status = 200, body = NeedPage), (status = 400, body = ErrorBody)))]
#[get("/needs")]
pub async fn list_needs(
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<NeedListParams>,
) -> AppResult<HttpResponse> {
    let (user, q) = (user.0, q.into_inner());
    let page = state
        .db(move |conn| needs::list(conn, &user, q.into()))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Every need the caller may see matching the filters, as CSV (audited).
#[utoipa::path(get, path = "/api/v1/needs/export", tag = "needs", params(NeedListParams), security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "CSV export")))]
#[get("/needs/export")]
pub async fn export_needs(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<NeedListParams>,
) -> AppResult<HttpResponse> {
    let (user, q, ip) = (user.0, q.into_inner(), state.client_ip(&req));
    // The export takes every match; a cursor is still checked like the list's.
    crate::services::content::parse_time_cursor(q.cursor.as_deref())?;
    let csv = state
        .db(move |conn| needs::export_csv(conn, &user, &ip, q.into()))
        .await?;
    Ok(csv_response(csv))
}

pub fn csv_response(csv: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("content-disposition", "attachment; filename=\"needs.csv\""))
        .body(csv)
}

/// Creates a need (coordinators).
#[utoipa::path(post, path = "/api/v1/needs", tag = "needs", request_body = NewNeed, security(("bearer" = [])),
    responses((status = 201, body = NeedView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/needs")]
pub async fn create_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<NewNeed>,
) -> AppResult<HttpResponse> {
    let (user, body, ip) = (user.0, body.into_inner(), state.client_ip(&req));
    let view = state
        .db(move |conn| needs::create(conn, &user, &ip, body))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One need; comments for coordinators and the concerned State.
#[utoipa::path(get, path = "/api/v1/needs/{id}", tag = "needs", security(("bearer" = [])),
    responses((status = 200, body = NeedDetail), (status = 404, body = ErrorBody)))]
#[get("/needs/{id}")]
pub async fn get_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id, ip) = (user.0, id.into_inner(), state.client_ip(&req));
    let view = state
        .db(move |conn| needs::read(conn, &user, &ip, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Edits a need (coordinators).
#[utoipa::path(patch, path = "/api/v1/needs/{id}", tag = "needs", request_body = NeedPatch, security(("bearer" = [])),
    responses((status = 200, body = NeedView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[patch("/needs/{id}")]
pub async fn patch_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
    body: web::Json<NeedPatch>,
) -> AppResult<HttpResponse> {
    let (user, id, body, ip) = (
        user.0,
        id.into_inner(),
        body.into_inner(),
        state.client_ip(&req),
    );
    let view = state
        .db(move |conn| needs::update(conn, &user, &ip, &id, body))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Comments on a need (coordinators and the concerned State's focal points).
#[utoipa::path(post, path = "/api/v1/needs/{id}/comments", tag = "needs", request_body = NewComment, security(("bearer" = [])),
    responses((status = 201, body = CommentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[post("/needs/{id}/comments")]
pub async fn comment_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
    body: web::Json<NewComment>,
) -> AppResult<HttpResponse> {
    let (user, id, body, ip) = (
        user.0,
        id.into_inner(),
        body.into_inner(),
        state.client_ip(&req),
    );
    let view = state
        .db(move |conn| needs::comment(conn, &user, &ip, &id, body))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
