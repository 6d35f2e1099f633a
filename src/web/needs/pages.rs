//! HTML pages for technical-assistance needs: list with filters and CSV export, need page
//! with comments, coordinator forms.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::reports::may_edit_content;
use crate::auth::csrf::{CsrfForm, CsrfProtected};
use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::auth::{CurrentUser, PageUser};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::content::require_editor;
use crate::services::matches;
use crate::services::needs::{
    self, NeedPatch, NeedQuery, NeedStatus, NewComment, NewNeed, Priority,
};
use crate::services::reference;
use crate::state::AppState;
use crate::web::common::csv::csv_response;
use crate::web::common::lists::next_url;
use crate::web::common::render::{non_empty, page_context, render, see_other};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct NeedFilterForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    thematic_area: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    /// `true` when the "uncovered only" box is ticked.
    #[serde(default)]
    uncovered: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

impl NeedFilterForm {
    fn query(&self) -> NeedQuery {
        NeedQuery {
            member_state: non_empty(&self.member_state),
            thematic_area: non_empty(&self.thematic_area),
            priority: non_empty(&self.priority),
            status: non_empty(&self.status),
            report_id: None,
            text: non_empty(&self.q),
            uncovered: self.uncovered == "true",
            page: PageParams::html(&self.cursor),
        }
    }

    fn pairs(&self) -> [(&'static str, &str); 6] {
        [
            ("member_state", self.member_state.as_str()),
            ("thematic_area", self.thematic_area.as_str()),
            ("priority", self.priority.as_str()),
            ("status", self.status.as_str()),
            ("q", self.q.as_str()),
            ("uncovered", self.uncovered.as_str()),
        ]
    }
}

#[get("/needs")]
pub async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<NeedFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, f) = (user.0, f.into_inner());
    let (viewer, query) = (user.clone(), f.query());
    let page = state
        .db(move |conn| needs::list(conn, &viewer, query))
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    let mut filter_query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in f.pairs().iter().filter(|(_, v)| !v.is_empty()) {
        filter_query.append_pair(k, v);
    }
    ctx.insert("filter_query", &filter_query.finish());
    ctx.insert(
        "next_url",
        &next_url("/needs", &f.pairs(), page.next_cursor.as_deref()),
    );
    ctx.insert("items", &need_rows(page.items));
    ctx.insert("f", &f);
    ctx.insert("states", &state.state_picker().await?.states);
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("may_edit", &may_edit_content(&user.actor()));
    render(&state, StatusCode::OK, "needs/list.html", &ctx)
}

#[get("/needs/export.csv")]
pub async fn export(
    state: web::Data<AppState>,
    caller: PageCaller,
    f: web::Query<NeedFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, mut query) = (caller.user, f.into_inner().query());
    query.page.cursor = None;
    let ip = caller.ip;
    let csv = state
        .db(move |conn| needs::export_csv(conn, &user, &ip, query))
        .await?;
    Ok(csv_response("needs.csv", csv))
}

#[get("/needs/{id}")]
pub async fn show_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let ip = caller.ip;
    let viewer = user.clone();
    let (detail, match_items) = state
        .db(move |conn| {
            let detail = needs::read(conn, &viewer, &ip, &id)?;
            let match_items = matches::of(conn, &viewer, Some(&detail.need.id), None)?;
            Ok((detail, match_items))
        })
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert(
        "priority_key",
        &format!("priority-{}", detail.need.priority),
    );
    ctx.insert("status_key", &format!("need-status-{}", detail.need.status));
    ctx.insert("need", &detail.need);
    ctx.insert("comments", &detail.comments);
    ctx.insert("may_comment", &detail.may_comment);
    ctx.insert("match_items", &match_items);
    ctx.insert("back", &format!("/needs/{}", detail.need.id));
    ctx.insert("may_edit", &may_edit_content(&user.actor()));
    render(&state, StatusCode::OK, "needs/show.html", &ctx)
}

#[derive(Deserialize)]
pub struct CommentForm {
    csrf_token: String,
    body: String,
}

impl CsrfProtected for CommentForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

#[post("/needs/{id}/comments")]
pub async fn comment_submit(
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    form: CsrfForm<CommentForm>,
) -> AppResult<HttpResponse> {
    let (user, id, body) = (caller.user, id.into_inner(), form.0.body);
    let ip = caller.ip;
    let need_id = id.clone();
    state
        .db(move |conn| needs::comment(conn, &user, &ip, &need_id, NewComment { body }))
        .await?;
    Ok(see_other(format!("/needs/{id}")))
}

#[post("/needs/{id}/edit")]
pub async fn edit_submit(
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (user, id, fields) = (caller.user, id.into_inner(), fields.0);
    let status = fields
        .optional("status")
        .map(|s| s.parse::<NeedStatus>())
        .transpose()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidField, "unknown status"))?;
    let priority = fields
        .optional("priority")
        .map(|s| s.parse::<Priority>())
        .transpose()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidField, "unknown priority"))?;
    let ip = caller.ip;
    let need_id = id.clone();
    let patch = NeedPatch {
        status,
        priority,
        ..Default::default()
    };
    state
        .db(move |conn| needs::update(conn, &user, &ip, &need_id, patch))
        .await?;
    Ok(see_other(format!("/needs/{id}")))
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct NeedFormValues {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    thematic_area: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    report_id: String,
    #[serde(default)]
    section_id: String,
}

async fn render_form(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    form: &NeedFormValues,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let mut ctx = page_context(req, state, Some(user));
    ctx.insert("form", form);
    ctx.insert("error", &error);
    ctx.insert("states", &state.state_picker().await?.states);
    ctx.insert("areas", reference::thematic_areas());
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    render(state, status, "needs/form.html", &ctx)
}

#[get("/needs/new")]
pub async fn new_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    q: web::Query<NeedFormValues>,
) -> AppResult<HttpResponse> {
    let user = caller.user;
    require_editor(&user)?;
    let mut form = q.into_inner();
    if let Some(report_id) = non_empty(&form.report_id) {
        // Prefill the State from the source report, read through the same policy.
        let ip = caller.ip;
        let viewer = user.clone();
        let report = state
            .db(move |conn| crate::services::reports::read(conn, &viewer, &ip, &report_id))
            .await?;
        form.member_state = report.member_state;
    }
    if form.priority.is_empty() {
        form.priority = "medium".into();
    }
    render_form(&req, &state, &user, &form, None).await
}

#[post("/needs/new")]
pub async fn create_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (user, fields) = (caller.user, fields.0);
    let form = NeedFormValues {
        member_state: fields.text("member_state"),
        title: fields.text("title"),
        description: fields.text("description"),
        thematic_area: fields.text("thematic_area"),
        priority: fields.text("priority"),
        report_id: fields.text("report_id"),
        section_id: fields.text("section_id"),
    };
    let input = form
        .priority
        .parse::<Priority>()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidField, "unknown priority"))
        .map(|priority| NewNeed {
            member_state: form.member_state.clone(),
            title: form.title.clone(),
            description: form.description.clone(),
            thematic_area: form.thematic_area.clone(),
            priority,
            report_id: non_empty(&form.report_id),
            section_id: non_empty(&form.section_id),
        });
    let ip = caller.ip;
    let viewer = user.clone();
    let result = match input {
        Ok(input) => {
            state
                .db(move |conn| needs::create(conn, &viewer, &ip, input))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(view) => Ok(see_other(format!("/needs/{}", view.id))),
        Err(AppError::BadRequest { message, .. }) => {
            render_form(&req, &state, &user, &form, Some(message)).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Serialize)]
struct NeedRow {
    #[serde(flatten)]
    need: needs::NeedView,
    priority_key: String,
    status_key: String,
}

pub fn need_rows(items: Vec<needs::NeedView>) -> Vec<impl Serialize> {
    items
        .into_iter()
        .map(|need| NeedRow {
            priority_key: format!("priority-{}", need.priority),
            status_key: format!("need-status-{}", need.status),
            need,
        })
        .collect()
}
