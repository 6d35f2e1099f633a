//! `/api/v1/projects`.

use actix_web::web::{Json, Path, Query};
use actix_web::{get, patch, post, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::{AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::projects::{
    self, NewProject, ProjectPage, ProjectPatch, ProjectQuery, ProjectView,
};
use crate::services::spreadsheet::Reader;
use crate::web::common::api::Answer;
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
            sort: None,
            page: PageParams::new(p.cursor, p.limit),
        }
    }
}

/// Projects the caller may see, newest first.
#[utoipa::path(tag = "projects", params(ProjectListParams), security(("bearer" = [])),
    responses((status = 200, body = ProjectPage), (status = 400, body = ErrorBody)))]
#[get("/projects")]
pub fn list_projects(caller: ApiEntrant, q: Query<ProjectListParams>) -> Answer {
    caller.ok(move |conn, user, _| projects::list(conn, user, q.0.into()))
}

/// Every project the caller may see matching the filters, as CSV (audited).
#[utoipa::path(tag = "projects", params(ProjectListParams), security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "CSV export"),
        (status = 400, body = ErrorBody)))]
#[get("/projects/export")]
pub async fn export_projects(
    caller: ApiCaller,
    q: Query<ProjectListParams>,
) -> AppResult<HttpResponse> {
    // The export takes every match; a cursor is still checked like the list's.
    crate::pagination::decode_time_seek(q.cursor.as_deref())?;
    let csv = caller
        .db(move |conn, user, ip| projects::export_csv(conn, user, ip, q.0.into(), Reader::Program))
        .await?;
    Ok(csv_response("projects.csv", csv))
}

/// Offers a project (focal points for their organisation, coordinators for any).
#[utoipa::path(tag = "projects", request_body = NewProject, security(("bearer" = [])),
    responses((status = 201, body = ProjectView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[post("/projects")]
pub fn create_project(caller: ApiEntrant, body: Json<NewProject>) -> Answer {
    caller.created(move |conn, user, ip| projects::create(conn, user, ip, body.0))
}

/// One project the caller may see.
#[utoipa::path(tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = ProjectView), (status = 404, body = ErrorBody)))]
#[get("/projects/{id}")]
pub fn get_project(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, _| projects::read(conn, user, &id))
}

/// Edits a project (its organisation's focal points and coordinators); keeps a version.
#[utoipa::path(tag = "projects", request_body = ProjectPatch, security(("bearer" = [])),
    responses((status = 200, body = ProjectView), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[patch("/projects/{id}")]
pub fn patch_project(caller: ApiEntrant, id: Path<String>, body: Json<ProjectPatch>) -> Answer {
    caller.ok(move |conn, user, ip| projects::update(conn, user, ip, &id, body.0))
}
