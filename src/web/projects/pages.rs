//! HTML pages for assistance projects: list with filters and CSV export, project page, forms.

use crate::web::common::organisations;
use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::projects::{may_offer, require_editor, require_offer_for};
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::{PageCaller, PageEntrant};
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::coordination;
use crate::services::matches;
use crate::services::projects::{self, ProjectQuery, ProjectSort, ProjectStatus, ProjectView};
use crate::services::reference;
use crate::services::suggestions;
use crate::web::common::csv::csv_response;
use crate::web::common::lists::{filter_query, SortFields};
use crate::web::common::render::non_empty;
use crate::web::coordination::pages::overlap_lines;

use super::forms::{render_form, saved_or_form, ProjectForm};
use super::rows::{project_rows, ProjectNames};
use crate::services::spreadsheet::Reader;

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
    #[serde(flatten)]
    order: SortFields,
}

/// The projects list's sortable headers.
const SORTABLE: [(&str, ProjectSort); 3] = [
    ("field-title", ProjectSort::Title),
    ("field-period", ProjectSort::StartsOn),
    ("field-status", ProjectSort::Status),
];

impl ProjectFilterForm {
    fn query(&self) -> AppResult<ProjectQuery> {
        Ok(ProjectQuery {
            member_state: non_empty(&self.member_state),
            thematic_area: non_empty(&self.thematic_area),
            organisation: non_empty(&self.organisation),
            programme: non_empty(&self.programme),
            status: non_empty(&self.status),
            text: non_empty(&self.q),
            sort: self.order.parse()?,
            page: PageParams::html(&self.cursor),
        })
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
    entrant: PageEntrant,
    f: Query<ProjectFilterForm>,
) -> actix_web::Result<HttpResponse> {
    let (f, query) = (&f.0, f.query()?);
    let sort = query.sort;
    let (caller, (page, count)) = entrant
        .db(move |conn, user, _| {
            let mut query = query;
            query.organisation = organisations::filter_typed(conn, query.organisation)?;
            let count = projects::count(conn, user, &query)?;
            Ok((projects::list(conn, user, query)?, count))
        })
        .await?;
    let next = page.next_cursor.as_deref();
    let pairs = f.order.with(&f.pairs());
    let rows = project_rows(&page.items, caller.lang);
    let mut ctx = caller.list_context("/projects", &pairs, next, &rows, f);
    caller.insert_count(&mut ctx, count);
    caller.insert_sorting(&mut ctx, "/projects", &f.pairs(), sort, &SORTABLE);
    ctx.insert("filter_query", &filter_query(&f.pairs()));
    caller
        .insert_state_filter(&mut ctx, &f.member_state)
        .await?;
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("programmes", reference::programmes());
    ctx.insert("statuses", <ProjectStatus as strum::VariantArray>::VARIANTS);
    ctx.insert("may_offer", &may_offer(&caller.actor));
    caller.insert_organisation_picker(&mut ctx).await?;
    Ok(caller.render("projects/list.html", &ctx)?)
}

#[get("/projects/export.csv")]
pub async fn export(caller: PageCaller, f: Query<ProjectFilterForm>) -> AppResult<HttpResponse> {
    let mut query = f.query()?;
    query.page.cursor = None;
    let lang = caller.lang;
    let csv = caller
        .db(move |conn, user, ip| {
            query.organisation = organisations::filter_typed(conn, query.organisation)?;
            projects::export_csv(conn, user, ip, query, Reader::Person(lang))
        })
        .await?;
    Ok(csv_response("projects.csv", csv))
}

#[get("/projects/new")]
pub async fn new_page(caller: PageCaller) -> AppResult<HttpResponse> {
    require_offer_for(&caller.actor, &caller.user.organisation_id)?;
    render_form(&caller, None, ProjectForm::blank(), None).await
}

#[post("/projects/new")]
pub async fn create_submit(
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let dir = caller.state.db(organisations::directory).await?;
    let mut form = ProjectForm::from_fields(&fields.0);
    let result = match form.read_names(&dir).and_then(|_| form.new_project()) {
        Ok(input) => {
            caller
                .db(move |conn, user, ip| projects::create(conn, user, ip, input))
                .await
        }
        Err(e) => require_offer_for(&caller.actor, &caller.user.organisation_id).and(Err(e)),
    };
    saved_or_form(&caller, None, form, result).await
}

/// What a refused match proposal entered, shown again on the project page with the reason.
#[derive(Debug, Default, Serialize)]
pub struct EnteredProposal {
    pub need_choice: String,
    pub need_id: String,
    pub note: String,
}

/// `need_id`: the need the proposal form starts with (the "propose" link of a need's
/// suggestions).
#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    #[serde(default)]
    need_id: String,
}

#[get("/projects/{id}")]
pub async fn show_page(
    caller: PageCaller,
    id: Path<String>,
    params: Query<ShowParams>,
) -> AppResult<HttpResponse> {
    let start = EnteredProposal {
        need_id: params.need_id.trim().to_string(),
        ..EnteredProposal::default()
    };
    project_page(&caller, id.into_inner(), None, start).await
}

/// The project page; with `problem`, again with a refused proposal's reason (and status), its
/// form holding what was entered (`proposal`).
pub async fn project_page(
    caller: &PageCaller,
    id: String,
    problem: Option<(StatusCode, String)>,
    proposal: EnteredProposal,
) -> AppResult<HttpResponse> {
    let (project, versions, match_items, need_choices, suggested, overlaps) = caller
        .db(move |conn, user, _| {
            let project = projects::read(conn, user, &id)?;
            let suggested = if suggestions::offered_on_project_page(user, &project) {
                Some(suggestions::for_project(conn, user, &project.id)?.items)
            } else {
                None
            };
            let match_items = matches::of(conn, user, None, Some(&project.id))?;
            let need_choices = if matches::may_propose(user, &project) {
                Some(matches::need_choices(conn, user, &project)?)
            } else {
                None
            };
            let versions = if projects::may_edit(user, &project) {
                Some(projects::versions(conn, user, &project.id)?)
            } else {
                None
            };
            let overlaps = coordination::overlaps_of_project(conn, user, &project.id)?;
            Ok((
                project,
                versions,
                match_items,
                need_choices,
                suggested,
                overlaps,
            ))
        })
        .await?;
    let mut ctx = caller.context();
    ctx.insert("may_edit", &versions.is_some());
    ctx.insert("versions", &versions);
    ctx.insert("match_items", &match_items);
    ctx.insert("need_choices", &need_choices);
    ctx.insert("suggestion_items", &suggested);
    ctx.insert("back", &format!("/projects/{}", project.id));
    ctx.insert("project", &project);
    ctx.insert("names", &ProjectNames::new(&project, caller.lang));
    ctx.insert("overlaps", &overlap_lines(caller, overlaps));
    ctx.insert("entered", &None::<()>);
    ctx.insert("proposal", &proposal);
    caller.render_refused("projects/show.html", ctx, problem)
}

/// The project if the caller may edit it: 404 when unseen, 403 when seen only.
async fn editable(caller: &PageCaller, id: String) -> AppResult<ProjectView> {
    let project = caller
        .db(move |conn, user, _| projects::read(conn, user, &id))
        .await?;
    require_editor(&caller.actor, &project.owner_id)?;
    Ok(project)
}

#[get("/projects/{id}/edit")]
pub async fn edit_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let project = editable(&caller, id.into_inner()).await?;
    let form = ProjectForm::of(&project);
    render_form(&caller, Some(&project.id), form, None).await
}

#[post("/projects/{id}/edit")]
pub async fn edit_submit(
    caller: PageCaller,
    id: Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (id, mut form) = (id.into_inner(), ProjectForm::from_fields(&fields.0));
    let dir = caller.state.db(organisations::directory).await?;
    let project_id = id.clone();
    let result = match form.read_names(&dir).and_then(|_| form.patch()) {
        Ok(patch) => {
            caller
                .db(move |conn, user, ip| projects::update(conn, user, ip, &project_id, patch))
                .await
        }
        // Refusals come before a bad form: only an editor learns what the form lacks.
        Err(e) => editable(&caller, id.clone()).await.and(Err(e)),
    };
    saved_or_form(&caller, Some(&id), form, result).await
}
