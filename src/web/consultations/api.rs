//! `/api/v1/consultations`.

use actix_web::web::{Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::consultations::{
    self, ConsultationPage, ConsultationQuery, ConsultationView, MeasureInput, NewConsultation,
};
use crate::services::plans::MeasureView;
use crate::web::common::api::Answer;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ConsultationListParams {
    /// ISO alpha-3 code of the Member State.
    pub member_state: Option<String>,
    /// A programme code.
    pub programme: Option<String>,
    /// The year the consultation was held, 1 to 9999.
    #[param(minimum = 1, maximum = 9999)]
    pub year: Option<i32>,
    /// `draft` or `published` (coordinators).
    pub status: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<ConsultationListParams> for ConsultationQuery {
    fn from(p: ConsultationListParams) -> Self {
        ConsultationQuery {
            member_state: p.member_state,
            programme: p.programme,
            year: p.year,
            status: p.status,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Consultations the caller may see, newest first.
#[utoipa::path(tag = "consultations", params(ConsultationListParams), security(("bearer" = [])),
    responses((status = 200, body = ConsultationPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
#[get("/consultations")]
pub fn list_consultations(caller: ApiEntrant, q: Query<ConsultationListParams>) -> Answer {
    caller.ok(move |conn, user, _| consultations::list(conn, user, q.0.into()))
}

/// Creates a draft consultation with its implementation plan, measures and needs
/// (coordinators).
#[utoipa::path(tag = "consultations", request_body = NewConsultation, security(("bearer" = [])),
    responses((status = 201, body = ConsultationView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/consultations")]
pub fn create_consultation(caller: ApiEntrant, body: Json<NewConsultation>) -> Answer {
    caller.created(move |conn, user, ip| consultations::create(conn, user, ip, body.0))
}

/// One consultation; the read is audited.
#[utoipa::path(tag = "consultations", security(("bearer" = [])),
    responses((status = 200, body = ConsultationView), (status = 404, body = ErrorBody)))]
#[get("/consultations/{id}")]
pub fn get_consultation(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| consultations::read(conn, user, ip, &id))
}

/// Publishes a draft consultation and its plan (coordinators); the answer carries `plan_id`.
#[utoipa::path(tag = "consultations", security(("bearer" = [])),
    responses((status = 200, body = ConsultationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/consultations/{id}/publish")]
pub fn publish_consultation(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| consultations::publish(conn, user, ip, &id))
}

/// Adds a measure to a draft consultation's plan, with the needs drawn from its assistance
/// areas (coordinators; 409 once published).
#[utoipa::path(tag = "consultations", request_body = MeasureInput, security(("bearer" = [])),
    responses((status = 201, body = MeasureView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/consultations/{id}/measures")]
pub fn add_measure(caller: ApiEntrant, id: Path<String>, body: Json<MeasureInput>) -> Answer {
    caller.created(move |conn, user, ip| consultations::add_measure(conn, user, ip, &id, body.0))
}

/// Replaces a measure of a draft consultation (the whole measure, as on creation); the needs
/// follow its assistance areas (coordinators; 409 once published).
#[utoipa::path(tag = "consultations", request_body = MeasureInput, security(("bearer" = [])),
    responses((status = 200, body = MeasureView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/consultations/{id}/measures/{mid}")]
pub fn update_measure(
    caller: ApiEntrant,
    path: Path<(String, String)>,
    body: Json<MeasureInput>,
) -> Answer {
    let (id, mid) = path.into_inner();
    caller
        .ok(move |conn, user, ip| consultations::update_measure(conn, user, ip, &id, &mid, body.0))
}

/// Removes a measure of a draft consultation and the needs drawn from it (coordinators; 409
/// once published).
#[utoipa::path(tag = "consultations", security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
#[delete("/consultations/{id}/measures/{mid}")]
pub async fn remove_measure(
    caller: ApiCaller,
    path: Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, mid) = path.into_inner();
    caller
        .db(move |conn, user, ip| consultations::remove_measure(conn, user, ip, &id, &mid))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
