//! HTML pages for assistance projects: list with filters and CSV export, project page, forms.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::projects::{may_offer, require_editor, require_offer_for};
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::{CurrentUser, PageCaller, PageUser};
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::matches;
use crate::services::projects::{self, ProjectQuery, ProjectView};
use crate::services::reference;
use crate::state::AppState;
use crate::web::common::csv::csv_response;
use crate::web::common::lists::{filter_query, next_url};
use crate::web::common::render::{non_empty, page_context, render};

use super::forms::{render_form, saved_or_form, ProjectForm};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ProjectFilterForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    thematic_area: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

impl ProjectFilterForm {
    fn query(&self) -> ProjectQuery {
        ProjectQuery {
            member_state: non_empty(&self.member_state),
            thematic_area: non_empty(&self.thematic_area),
            organisation: non_empty(&self.organisation),
            programme: non_empty(&self.programme),
            status: non_empty(&self.status),
            text: non_empty(&self.q),
            page: PageParams::html(&self.cursor),
        }
    }

    fn pairs(&self) -> [(&'static str, &str); 6] {
        [
            ("member_state", self.member_state.as_str()),
            ("thematic_area", self.thematic_area.as_str()),
            ("organisation", self.organisation.as_str()),
            ("programme", self.programme.as_str()),
            ("status", self.status.as_str()),
            ("q", self.q.as_str()),
        ]
    }
}

#[get("/projects")]
pub async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<ProjectFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, f) = (user.0, f.into_inner());
    let (viewer, query) = (user.clone(), f.query());
    let page = state
        .db(move |conn| projects::list(conn, &viewer, query))
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert("filter_query", &filter_query(&f.pairs()));
    ctx.insert(
        "next_url",
        &next_url("/projects", &f.pairs(), page.next_cursor.as_deref()),
    );
    ctx.insert("items", &page.items);
    ctx.insert("f", &f);
    ctx.insert("states", &state.state_picker().await?.states);
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("programmes", reference::programmes());
    ctx.insert(
        "statuses",
        <projects::ProjectStatus as strum::VariantArray>::VARIANTS,
    );
    ctx.insert("may_offer", &may_offer(&user.actor()));
    render(&state, StatusCode::OK, "projects/list.html", &ctx)
}

#[get("/projects/export.csv")]
pub async fn export(
    state: web::Data<AppState>,
    caller: PageCaller,
    f: web::Query<ProjectFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, mut query, ip) = (caller.user, f.into_inner().query(), caller.ip);
    query.page.cursor = None;
    let csv = state
        .db(move |conn| projects::export_csv(conn, &user, &ip, query))
        .await?;
    Ok(csv_response("projects.csv", csv))
}

#[get("/projects/new")]
pub async fn new_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
) -> AppResult<HttpResponse> {
    let user = user.0;
    require_offer_for(&user.actor(), &user.organisation_id)?;
    render_form(&req, &state, &user, None, ProjectForm::blank(), None).await
}

#[post("/projects/new")]
pub async fn create_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (user, ip) = (caller.user, caller.ip);
    let form = ProjectForm::from_fields(&fields.0);
    let viewer = user.clone();
    let result = match form.new_project() {
        Ok(input) => {
            state
                .db(move |conn| projects::create(conn, &viewer, &ip, input))
                .await
        }
        Err(e) => require_offer_for(&user.actor(), &user.organisation_id).and(Err(e)),
    };
    saved_or_form(&req, &state, &user, None, form, result).await
}

#[get("/projects/{id}")]
pub async fn show_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id) = (user.0, id.into_inner());
    let viewer = user.clone();
    let (project, versions, match_items, need_choices) = state
        .db(move |conn| {
            let project = projects::read(conn, &viewer, &id)?;
            let match_items = matches::of(conn, &viewer, None, Some(&project.id))?;
            let need_choices = if matches::may_propose(&viewer, &project) {
                Some(matches::need_choices(conn, &viewer, &project)?)
            } else {
                None
            };
            let versions = if projects::may_edit(&viewer, &project) {
                Some(projects::versions(conn, &viewer, &project.id)?)
            } else {
                None
            };
            Ok((project, versions, match_items, need_choices))
        })
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert("may_edit", &versions.is_some());
    ctx.insert("versions", &versions);
    ctx.insert("match_items", &match_items);
    ctx.insert("need_choices", &need_choices);
    ctx.insert("back", &format!("/projects/{}", project.id));
    ctx.insert("project", &project);
    render(&state, StatusCode::OK, "projects/show.html", &ctx)
}

/// The project if the caller may edit it: 404 when unseen, 403 when seen only.
async fn editable(state: &AppState, user: &CurrentUser, id: String) -> AppResult<ProjectView> {
    let viewer = user.clone();
    let project = state
        .db(move |conn| projects::read(conn, &viewer, &id))
        .await?;
    require_editor(&user.actor(), &project.owner_id)?;
    Ok(project)
}

#[get("/projects/{id}/edit")]
pub async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id) = (user.0, id.into_inner());
    let project = editable(&state, &user, id).await?;
    let form = ProjectForm::of(&project);
    render_form(&req, &state, &user, Some(&project.id), form, None).await
}

#[post("/projects/{id}/edit")]
pub async fn edit_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (user, id, ip) = (caller.user, id.into_inner(), caller.ip);
    let form = ProjectForm::from_fields(&fields.0);
    let (viewer, project_id) = (user.clone(), id.clone());
    let result = match form.patch() {
        Ok(patch) => {
            state
                .db(move |conn| projects::update(conn, &viewer, &ip, &project_id, patch))
                .await
        }
        // Refusals come before a bad form: only an editor learns what the form lacks.
        Err(e) => editable(&state, &user, id.clone()).await.and(Err(e)),
    };
    saved_or_form(&req, &state, &user, Some(&id), form, result).await
}
