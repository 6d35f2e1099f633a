//! `/api/v1/consultations`.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, post};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::ApiCaller;
use crate::error::ErrorBody;
use crate::pagination::PageParams;
use crate::services::consultations::{
    self, ConsultationPage, ConsultationQuery, ConsultationView, NewConsultation,
};
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
pub fn list_consultations(caller: ApiCaller, q: Query<ConsultationListParams>) -> Answer {
    caller.ok(move |conn, user, _| consultations::list(conn, user, q.0.into()))
}

/// Creates a draft consultation with its implementation plan, measures and needs
/// (coordinators).
#[utoipa::path(tag = "consultations", request_body = NewConsultation, security(("bearer" = [])),
    responses((status = 201, body = ConsultationView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/consultations")]
pub fn create_consultation(caller: ApiCaller, body: Json<NewConsultation>) -> Answer {
    caller.created(move |conn, user, ip| consultations::create(conn, user, ip, body.0))
}

/// One consultation; the read is audited.
#[utoipa::path(tag = "consultations", security(("bearer" = [])),
    responses((status = 200, body = ConsultationView), (status = 404, body = ErrorBody)))]
#[get("/consultations/{id}")]
pub fn get_consultation(caller: ApiCaller, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| consultations::read(conn, user, ip, &id))
}

/// Publishes a draft consultation and its plan (coordinators); the answer carries `plan_id`.
#[utoipa::path(tag = "consultations", security(("bearer" = [])),
    responses((status = 200, body = ConsultationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/consultations/{id}/publish")]
pub fn publish_consultation(caller: ApiCaller, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| consultations::publish(conn, user, ip, &id))
}
