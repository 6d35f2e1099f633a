//! `/api/v1/plans`: a plan with its measures' statuses, and progress on its measures.

use actix_web::http::header;
use actix_web::web::{Json, Path};
use actix_web::{get, patch, post, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::{AppResult, ErrorBody};
use crate::services::plans::{
    self, NewProgress, PlanView, ProgressDecisionInput, ProgressView, Publisher,
};
use crate::services::reference;
use crate::web::common::api::Answer;

/// One implementation plan with its measures, each measure's `status` and the count per
/// status. A measure's status comes from its latest validated value: `not_started` without
/// one; `achieved` when it reaches the target in the indicator's direction; otherwise the
/// progress made (share of the way from baseline to target) against the progress expected on
/// the straight line from the baseline's date to `due_on` at the value's date: at least 90 %
/// `on_track`, at least 60 % `at_risk`, below `off_track`. A qualitative measure is
/// `achieved` when its latest validated text is the target's, else `on_track` until `due_on`
/// and `off_track` after it.
#[utoipa::path(tag = "plans", security(("bearer" = [])),
    responses((status = 200, body = PlanView), (status = 404, body = ErrorBody)))]
#[get("/plans/{id}")]
pub fn get_plan(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| plans::read(conn, user, ip, &id))
}

/// Reports a value on a measure (the concerned State's focal points, coordinators); it counts
/// once a coordinator validates it.
#[utoipa::path(tag = "plans", request_body = NewProgress, security(("bearer" = [])),
    responses((status = 201, body = ProgressView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/plans/{id}/measures/{mid}/progress")]
pub fn report_progress(
    caller: ApiEntrant,
    path: Path<(String, String)>,
    body: Json<NewProgress>,
) -> Answer {
    caller.created(move |conn, user, ip| {
        let (plan_id, measure_id) = path.into_inner();
        plans::report(conn, user, ip, &plan_id, &measure_id, body.0)
    })
}

/// Validates a reported value or returns it with a reason (coordinators).
#[utoipa::path(tag = "plans", request_body = ProgressDecisionInput, security(("bearer" = [])),
    responses((status = 200, body = ProgressView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/plans/{id}/measures/{mid}/progress/{progress_id}")]
pub fn decide_progress(
    caller: ApiEntrant,
    path: Path<(String, String, String)>,
    body: Json<ProgressDecisionInput>,
) -> Answer {
    caller.ok(move |conn, user, ip| {
        let (plan_id, measure_id, progress_id) = path.into_inner();
        plans::decide(conn, user, ip, &plan_id, &measure_id, &progress_id, body.0)
    })
}

/// Who publishes the IATI files, from the settings.
pub(super) fn publisher<K>(caller: &crate::auth::Caller<K>) -> Publisher {
    let settings = &caller.state.settings;
    Publisher {
        org_ref: settings.iati_org_ref.clone(),
        vocabulary_uri: format!("{}/api/v1/thematic-areas", settings.public_url),
    }
}

pub(super) fn xml_response(name: &str, xml: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(xml)
}

/// The plan as an IATI 2.03 activity file: one `result` per measure with its baseline and a
/// period per calendar year (target on the straight path, the latest validated value as
/// actual). The export is audited.
#[utoipa::path(tag = "plans", security(("bearer" = [])),
    responses((status = 200, content_type = "application/xml", description = "IATI 2.03 activities"),
        (status = 404, body = ErrorBody)))]
#[get("/plans/{id}/iati.xml")]
pub async fn plan_iati(caller: ApiCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let publisher = publisher(&caller);
    let id = id.into_inner();
    let xml = caller
        .db(move |conn, user, ip| plans::plan_activity(conn, user, ip, &publisher, &id))
        .await?;
    Ok(xml_response("iati-plan.xml", xml))
}

/// Every plan of a programme the caller may see, one IATI 2.03 activity each (404 when the
/// caller sees none). The export is audited.
#[utoipa::path(tag = "plans", security(("bearer" = [])),
    responses((status = 200, content_type = "application/xml", description = "IATI 2.03 activities"),
        (status = 404, body = ErrorBody)))]
#[get("/programmes/{code}/iati.xml")]
pub async fn programme_iati(caller: ApiCaller, code: Path<String>) -> AppResult<HttpResponse> {
    let publisher = publisher(&caller);
    let code = code.into_inner();
    let xml = caller
        .db(move |conn, user, ip| plans::programme_activities(conn, user, ip, &publisher, &code))
        .await?;
    Ok(xml_response("iati-programme.xml", xml))
}

/// A thematic area: the sector vocabulary 99 of the IATI export.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThematicArea {
    pub code: String,
    pub name: String,
}

/// The thematic areas with their codes (the `vocabulary-uri` of the IATI export's sectors).
#[utoipa::path(tag = "plans", security(("bearer" = [])),
    responses((status = 200, body = Vec<ThematicArea>)))]
#[get("/thematic-areas")]
pub async fn thematic_areas(_caller: ApiCaller) -> HttpResponse {
    let areas: Vec<ThematicArea> = reference::thematic_areas()
        .iter()
        .map(|name| ThematicArea {
            code: plans::area_code(name),
            name: name.clone(),
        })
        .collect();
    HttpResponse::Ok().json(areas)
}
