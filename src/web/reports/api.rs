//! `/api/v1/reports`.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, patch, post};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiEntrant;
use crate::error::ErrorBody;
use crate::pagination::PageParams;
use crate::services::reports::{self, NewReport, ReportPage, ReportPatch, ReportQuery, ReportView};
use crate::web::common::api::Answer;

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
            sort: None,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Reports the caller may see, newest visit first.
#[utoipa::path(tag = "reports", params(ReportListParams), security(("bearer" = [])),
    responses((status = 200, body = ReportPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
#[get("/reports")]
pub fn list_reports(caller: ApiEntrant, q: Query<ReportListParams>) -> Answer {
    let state = caller.state.clone();
    caller.ok_json_bytes(move |conn, user, _| {
        reports::kept_page(conn, user, q.0.into(), &state.report_lists)?.json()
    })
}

/// Creates a draft report (coordinators).
#[utoipa::path(tag = "reports", request_body = NewReport, security(("bearer" = [])),
    responses((status = 201, body = ReportView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/reports")]
pub fn create_report(caller: ApiEntrant, body: Json<NewReport>) -> Answer {
    caller.created(move |conn, user, ip| reports::create(conn, user, ip, body.0))
}

/// One report with the sections the caller may read; the read is audited.
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 404, body = ErrorBody)))]
#[get("/reports/{id}")]
pub fn get_report(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| reports::read(conn, user, ip, &id))
}

/// Edits a report (coordinators); after publication each edit is a new version.
#[utoipa::path(tag = "reports", request_body = ReportPatch, security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/reports/{id}")]
pub fn patch_report(caller: ApiEntrant, id: Path<String>, body: Json<ReportPatch>) -> Answer {
    caller.ok(move |conn, user, ip| reports::update(conn, user, ip, &id, body.0))
}

/// Publishes a draft (coordinators).
#[utoipa::path(tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/reports/{id}/publish")]
pub fn publish_report(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| reports::publish(conn, user, ip, &id))
}
