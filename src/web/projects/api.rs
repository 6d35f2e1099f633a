//! `/api/v1/projects`.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{ApiCaller, ApiUser};
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::projects::{
    self, NewProject, ProjectPage, ProjectPatch, ProjectQuery, ProjectView,
};
use crate::state::AppState;
use crate::web::common::api::{caller_json, user_json};
use crate::web::common::csv::csv_response;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProjectListParams {
    /// ISO alpha-3 code: projects for the State, its regional group, or global ones (each
    /// item's `applies_by` says which).
    pub member_state: Option<String>,
    pub thematic_area: Option<String>,
    /// The owner's organisation code.
    pub organisation: Option<String>,
    /// A reference programme code.
    pub programme: Option<String>,
    /// `planned`, `active`, `completed` or `cancelled`.
    pub status: Option<String>,
    /// Text searched in titles and descriptions.
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl From<ProjectListParams> for ProjectQuery {
    fn from(p: ProjectListParams) -> Self {
        ProjectQuery {
            member_state: p.member_state,
            thematic_area: p.thematic_area,
            organisation: p.organisation,
            programme: p.programme,
            status: p.status,
            text: p.q,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Projects the caller may see, newest first.
#[utoipa::path(tag = "projects", params(ProjectListParams), security(("bearer" = [])),
    responses((status = 200, body = ProjectPage), (status = 400, body = ErrorBody)))]
#[get("/projects")]
pub async fn list_projects(
    state: web::Data<AppState>,
    user: ApiUser,
    q: web::Query<ProjectListParams>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    user_json(&state, user.0, StatusCode::OK, move |conn, user| {
        projects::list(conn, user, q.into())
    })
    .await
}

/// Every project the caller may see matching the filters, as CSV (audited).
#[utoipa::path(tag = "projects", params(ProjectListParams), security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "CSV export"),
        (status = 400, body = ErrorBody)))]
#[get("/projects/export")]
pub async fn export_projects(
    state: web::Data<AppState>,
    caller: ApiCaller,
    q: web::Query<ProjectListParams>,
) -> AppResult<HttpResponse> {
    let (user, q, ip) = (caller.user, q.into_inner(), caller.ip);
    // The export takes every match; a cursor is still checked like the list's.
    crate::pagination::decode_time_seek(q.cursor.as_deref())?;
    let csv = state
        .db(move |conn| projects::export_csv(conn, &user, &ip, q.into()))
        .await?;
    Ok(csv_response("projects.csv", csv))
}

/// Offers a project (focal points for their organisation, coordinators for any).
#[utoipa::path(tag = "projects", request_body = NewProject, security(("bearer" = [])),
    responses((status = 201, body = ProjectView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/projects")]
pub async fn create_project(
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: web::Json<NewProject>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    caller_json(
        &state,
        caller,
        StatusCode::CREATED,
        move |conn, user, ip| projects::create(conn, user, ip, body),
    )
    .await
}

/// One project the caller may see.
#[utoipa::path(tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = ProjectView), (status = 404, body = ErrorBody)))]
#[get("/projects/{id}")]
pub async fn get_project(
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    user_json(&state, user.0, StatusCode::OK, move |conn, user| {
        projects::read(conn, user, &id)
    })
    .await
}

/// Edits a project (its organisation's focal points and coordinators); keeps a version.
#[utoipa::path(tag = "projects", request_body = ProjectPatch, security(("bearer" = [])),
    responses((status = 200, body = ProjectView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/projects/{id}")]
pub async fn patch_project(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
    body: web::Json<ProjectPatch>,
) -> AppResult<HttpResponse> {
    let (id, body) = (id.into_inner(), body.into_inner());
    caller_json(&state, caller, StatusCode::OK, move |conn, user, ip| {
        projects::update(conn, user, ip, &id, body)
    })
    .await
}
