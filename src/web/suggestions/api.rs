//! `/api/v1/needs/{id}/suggestions`, `/api/v1/projects/{id}/suggestions` and
//! `/api/v1/suggestions/dismissals`.

use actix_web::web::{Json, Path};
use actix_web::{get, post};

use crate::auth::ApiEntrant;
use crate::error::ErrorBody;
use crate::services::suggestions::{
    self, DismissalView, NeedSuggestions, NewDismissal, ProjectSuggestions,
};
use crate::web::common::api::Answer;

/// Projects suggested for a need the caller may see, best first, with their score and reasons;
/// pairs already matched or dismissed are left out.
#[utoipa::path(tag = "suggestions", security(("bearer" = [])),
    responses((status = 200, body = ProjectSuggestions), (status = 404, body = ErrorBody)))]
#[get("/needs/{id}/suggestions")]
pub fn need_suggestions(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| suggestions::for_need(conn, user, &id))
}

/// Open needs the caller may see suggested for a project they may see, best first.
#[utoipa::path(tag = "suggestions", security(("bearer" = [])),
    responses((status = 200, body = NeedSuggestions), (status = 404, body = ErrorBody)))]
#[get("/projects/{id}/suggestions")]
pub fn project_suggestions(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| suggestions::for_project(conn, user, &id))
}

/// Dismisses a suggested pair for good, with a reason (the project's organisation, the
/// need's State or a coordinator).
#[utoipa::path(tag = "suggestions", request_body = NewDismissal, security(("bearer" = [])),
    responses((status = 201, body = DismissalView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[post("/suggestions/dismissals")]
pub fn dismiss_suggestion(caller: ApiEntrant, body: Json<NewDismissal>) -> Answer {
    caller.created(move |conn, user, ip| suggestions::dismiss(conn, user, ip, body.0))
}
