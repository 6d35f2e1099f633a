//! HTML pages for visit reports: list with filters, report page, coordinator forms.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::reports::may_edit_content;
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::auth::PageUser;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::needs::{self, NeedQuery};
use crate::services::reference;
use crate::services::reports::{self, NewReport, ReportPatch, ReportQuery};
use crate::state::AppState;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::lists::next_url;
use crate::web::common::render::{non_empty, page_context, render, see_other};
use crate::web::needs::pages::need_rows;

use super::forms::{render_form, ReportForm, SectionForm};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ReportFilterForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    regional_group: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

#[get("/reports")]
pub async fn list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<ReportFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, f) = (user.0, f.into_inner());
    let year =
        match f.year.trim() {
            "" => None,
            y => Some(y.parse::<i32>().map_err(|_| {
                AppError::invalid(ErrorCode::InvalidQuery, "the year is not a number")
            })?),
        };
    let query = ReportQuery {
        member_state: non_empty(&f.member_state),
        regional_group: non_empty(&f.regional_group),
        year,
        programme: non_empty(&f.programme),
        text: non_empty(&f.q),
        status: non_empty(&f.status),
        page: PageParams::html(&f.cursor),
    };
    let viewer = user.clone();
    let page = state
        .db(move |conn| reports::list(conn, &viewer, query))
        .await?;
    let picker = state.state_picker().await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    let pairs = [
        ("member_state", f.member_state.as_str()),
        ("regional_group", f.regional_group.as_str()),
        ("year", f.year.as_str()),
        ("programme", f.programme.as_str()),
        ("status", f.status.as_str()),
        ("q", f.q.as_str()),
    ];
    ctx.insert(
        "next_url",
        &next_url("/reports", &pairs, page.next_cursor.as_deref()),
    );
    ctx.insert("items", &page.items);
    ctx.insert("f", &f);
    ctx.insert("states", &picker.states);
    ctx.insert("groups", &picker.groups);
    ctx.insert("programmes", reference::programmes());
    ctx.insert("may_edit", &may_edit_content(&user.actor()));
    render(&state, StatusCode::OK, "reports/list.html", &ctx)
}

#[derive(Serialize)]
struct VersionRow {
    version: i32,
    editor: String,
    at: String,
    changes: String,
}

#[get("/reports/{id}")]
pub async fn show_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let ip = caller.ip;
    let viewer = user.clone();
    let (report, need_items, versions, readers) = state
        .db(move |conn| {
            let report = reports::read(conn, &viewer, &ip, &id)?;
            let query = NeedQuery {
                report_id: Some(report.id.clone()),
                page: PageParams::new(None, Some(100)),
                ..Default::default()
            };
            let need_items = needs::list(conn, &viewer, query)?.items;
            let (versions, readers) = if may_edit_content(&viewer.actor()) {
                (
                    reports::versions(conn, &viewer, &report.id)?,
                    reports::readers(conn, &viewer, &report.id)?,
                )
            } else {
                (Vec::new(), Vec::new())
            };
            Ok((report, need_items, versions, readers))
        })
        .await?;
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert("report", &report);
    ctx.insert("needs", &need_rows(need_items));
    let versions: Vec<VersionRow> = versions
        .into_iter()
        .map(|(v, editor)| VersionRow {
            version: v.version,
            editor,
            at: v.edited_at.format("%Y-%m-%d %H:%M").to_string(),
            changes: serde_json::from_str::<Vec<String>>(&v.changes)
                .unwrap_or_default()
                .join(", "),
        })
        .collect();
    ctx.insert("versions", &versions);
    let readers: Vec<serde_json::Value> = readers
        .into_iter()
        .map(|r| serde_json::json!({"actor_email": r.actor_email, "ip": r.ip, "at": r.at.format("%Y-%m-%d %H:%M:%S").to_string()}))
        .collect();
    ctx.insert("readers", &readers);
    ctx.insert("may_edit", &may_edit_content(&user.actor()));
    render(&state, StatusCode::OK, "reports/show.html", &ctx)
}

#[get("/reports/new")]
pub async fn new_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
) -> AppResult<HttpResponse> {
    crate::services::content::require_editor(&user.0)?;
    render_form(
        &req,
        &state,
        &user.0,
        None,
        ReportForm::default().with_blank_slots(),
        None,
    )
    .await
}

#[post("/reports/new")]
pub async fn create_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let user = caller.user;
    crate::services::content::require_editor(&user)?;
    let form = ReportForm::from_fields(&fields.0);
    let input = form.visit_date().and_then(|visit_date| {
        Ok(NewReport {
            member_state: form.member_state.clone(),
            title: form.title.clone(),
            visit_date,
            summary: form.summary.clone(),
            programme: non_empty(&form.programme),
            sections: form.section_inputs()?,
        })
    });
    let ip = caller.ip;
    let viewer = user.clone();
    let result = match input {
        Ok(input) => {
            state
                .db(move |conn| reports::create(conn, &viewer, &ip, input))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(view) => Ok(see_other(format!("/reports/{}", view.id))),
        Err(AppError::BadRequest { message, .. }) => {
            render_form(&req, &state, &user, None, form, Some(message)).await
        }
        Err(other) => Err(other),
    }
}

#[get("/reports/{id}/edit")]
pub async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    crate::services::content::require_editor(&user)?;
    let ip = caller.ip;
    let viewer = user.clone();
    let report = state
        .db(move |conn| reports::read(conn, &viewer, &ip, &id))
        .await?;
    let form = ReportForm {
        member_state: report.member_state.clone(),
        title: report.title.clone(),
        visit_date: report.visit_date.to_string(),
        programme: report.programme.clone().unwrap_or_default(),
        summary: report.summary.clone(),
        sections: report
            .sections
            .iter()
            .map(|s| SectionForm {
                id: s.id.clone(),
                heading: s.heading.clone(),
                body: s.body.clone(),
                consent: s.consent.to_string(),
            })
            .collect(),
    };
    render_form(
        &req,
        &state,
        &user,
        Some(&report.id),
        form.with_blank_slots(),
        None,
    )
    .await
}

#[post("/reports/{id}/edit")]
pub async fn edit_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let form = ReportForm::from_fields(&fields.0);
    let patch = form.visit_date().and_then(|visit_date| {
        Ok(ReportPatch {
            title: Some(form.title.clone()),
            visit_date: Some(visit_date),
            summary: Some(form.summary.clone()),
            programme: Some(form.programme.clone()),
            sections: Some(form.section_inputs()?),
        })
    });
    let ip = caller.ip;
    let (viewer, report_id) = (user.clone(), id.clone());
    let result = match patch {
        Ok(patch) => {
            state
                .db(move |conn| reports::update(conn, &viewer, &ip, &report_id, patch))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(view) => Ok(see_other(format!("/reports/{}", view.id))),
        Err(AppError::BadRequest { message, .. }) | Err(AppError::Conflict(message)) => {
            render_form(&req, &state, &user, Some(&id), form, Some(message)).await
        }
        Err(other) => Err(other),
    }
}

#[post("/reports/{id}/publish")]
pub async fn publish_submit(
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let (user, id) = (caller.user, id.into_inner());
    let ip = caller.ip;
    let view = state
        .db(move |conn| reports::publish(conn, &user, &ip, &id))
        .await?;
    Ok(see_other(format!("/reports/{}", view.id)))
}
