//! `/api/v1/plans`: a plan with its measures' statuses, and progress on its measures.

use actix_web::web::{Json, Path};
use actix_web::{get, patch, post};

use crate::auth::ApiCaller;
use crate::error::ErrorBody;
use crate::services::plans::{self, NewProgress, PlanView, ProgressDecisionInput, ProgressView};
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
pub fn get_plan(caller: ApiCaller, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| plans::read(conn, user, ip, &id))
}

/// Reports a value on a measure (the concerned State's focal points, coordinators); it counts
/// once a coordinator validates it.
#[utoipa::path(tag = "plans", request_body = NewProgress, security(("bearer" = [])),
    responses((status = 201, body = ProgressView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/plans/{id}/measures/{mid}/progress")]
pub fn report_progress(
    caller: ApiCaller,
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
    caller: ApiCaller,
    path: Path<(String, String, String)>,
    body: Json<ProgressDecisionInput>,
) -> Answer {
    caller.ok(move |conn, user, ip| {
        let (plan_id, measure_id, progress_id) = path.into_inner();
        plans::decide(conn, user, ip, &plan_id, &measure_id, &progress_id, body.0)
    })
}
