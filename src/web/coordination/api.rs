//! `/api/v1/coordination`.

use actix_web::web::{Json, Query};
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::coordination::{
    self, Matrix, MatrixQuery, NewOverlapNote, OverlapPage, OverlapQuery, OverlapView,
};
use crate::web::common::api::Answer;
use crate::web::common::csv::csv_response;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MatrixParams {
    /// A UN regional group: its Member States only.
    pub region: Option<String>,
    /// A programme code: its projects only, in its thematic area's column.
    pub programme: Option<String>,
    /// One thematic area's column.
    pub thematic_area: Option<String>,
}

impl From<MatrixParams> for MatrixQuery {
    fn from(p: MatrixParams) -> Self {
        MatrixQuery {
            region: p.region,
            programme: p.programme,
            thematic_area: p.thematic_area,
        }
    }
}

/// Member States by thematic area: open and uncovered needs, projects and organisations the
/// caller may see.
#[utoipa::path(tag = "coordination", params(MatrixParams), security(("bearer" = [])),
    responses((status = 200, body = Matrix), (status = 400, body = ErrorBody)))]
#[get("/coordination/matrix")]
pub fn matrix(caller: ApiEntrant, q: Query<MatrixParams>) -> Answer {
    let state = caller.state.clone();
    caller.ok_json_bytes(move |conn, user, _| {
        coordination::matrix(conn, user, q.0.into(), &state.matrices)?.json()
    })
}

/// Who does what where as CSV with HXL hashtags: one row per visible project, State and
/// thematic area (audited).
#[utoipa::path(tag = "coordination", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "3W CSV with HXL hashtags")))]
#[get("/coordination/3w.csv")]
pub async fn export_3w(caller: ApiCaller) -> AppResult<HttpResponse> {
    let csv = caller.db(coordination::export_3w).await?;
    Ok(csv_response("3w.csv", csv))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OverlapParams {
    /// ISO alpha-3 code.
    pub member_state: Option<String>,
    pub thematic_area: Option<String>,
    /// A project id: its possible overlaps.
    pub project: Option<String>,
    /// `true`: also the pairs already marked coordinated.
    pub include_coordinated: Option<bool>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<OverlapParams> for OverlapQuery {
    fn from(p: OverlapParams) -> Self {
        OverlapQuery {
            member_state: p.member_state,
            thematic_area: p.thematic_area,
            project: p.project,
            include_coordinated: p.include_coordinated.unwrap_or(false),
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Possible overlaps between projects the caller may see, not yet coordinated (unless asked).
#[utoipa::path(tag = "coordination", params(OverlapParams), security(("bearer" = [])),
    responses((status = 200, body = OverlapPage), (status = 400, body = ErrorBody)))]
#[get("/coordination/overlaps")]
pub fn list_overlaps(caller: ApiEntrant, q: Query<OverlapParams>) -> Answer {
    caller.ok(move |conn, user, _| coordination::list_overlaps(conn, user, q.0.into()))
}

/// Marks a possible overlap coordinated, with a note (coordinators and focal points of either
/// organisation; audited).
#[utoipa::path(tag = "coordination", request_body = NewOverlapNote, security(("bearer" = [])),
    responses((status = 201, body = OverlapView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/coordination/overlaps")]
pub fn mark_coordinated(caller: ApiEntrant, body: Json<NewOverlapNote>) -> Answer {
    caller.created(move |conn, user, ip| coordination::mark_coordinated(conn, user, ip, body.0))
}
