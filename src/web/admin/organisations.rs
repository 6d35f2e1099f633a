//! Organisation administration pages.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::{AdminCaller, CurrentUser};
use crate::domain::OrgKind;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::admin::organisations::{NewOrganisation, OrganisationPatch};
use crate::state::AppState;
use crate::web::common::lists::next_url;
use crate::web::common::render::{non_empty, page_context, render, see_other};
use strum::VariantArray;

use super::pages::form_problem;

#[derive(Debug, Default, Deserialize)]
pub struct OrganisationListForm {
    #[serde(default)]
    cursor: String,
    #[serde(default)]
    done: String,
}

async fn organisations_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    cursor: String,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let page = state
        .db(move |conn| {
            let page = PageParams::new(non_empty(&cursor), Some(300));
            crate::services::admin::organisations::list(conn, None, &page)
        })
        .await?;
    let mut ctx = page_context(req, state, Some(user));
    ctx.insert(
        "next_url",
        &next_url("/admin/organisations", &[], page.next_cursor.as_deref()),
    );
    ctx.insert("items", &page.items);
    ctx.insert("kinds", OrgKind::VARIANTS);
    ctx.insert("notice", &notice);
    ctx.insert("error", &error);
    render(state, status, "admin/organisations.html", &ctx)
}

#[get("/admin/organisations")]
pub async fn organisations_list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: AdminCaller,
    f: web::Query<OrganisationListForm>,
) -> AppResult<HttpResponse> {
    let f = f.into_inner();
    let notice = match f.done.as_str() {
        "created" => Some("admin-notice-org-created"),
        "updated" => Some("admin-notice-updated"),
        _ => None,
    };
    organisations_page(
        &req,
        &state,
        &caller.user,
        f.cursor,
        StatusCode::OK,
        notice,
        None,
    )
    .await
}

async fn organisation_change<F>(
    req: &HttpRequest,
    state: &AppState,
    caller: AdminCaller,
    done: &str,
    change: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut crate::db::DbConnection, &CurrentUser, &str) -> AppResult<()> + Send + 'static,
{
    let (user, actor, ip) = (caller.user.clone(), caller.user, caller.ip);
    match state.db(move |conn| change(conn, &actor, &ip)).await {
        Ok(()) => {
            state.state_picker.clear();
            Ok(see_other(format!("/admin/organisations?done={done}")))
        }
        Err(err) => {
            let (status, message) = form_problem(err)?;
            organisations_page(
                req,
                state,
                &user,
                String::new(),
                status,
                None,
                Some(message),
            )
            .await
        }
    }
}

fn kind_of(value: &str) -> AppResult<OrgKind> {
    value
        .parse()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidKind, "unknown kind"))
}

#[derive(Deserialize)]
pub struct NewOrganisationForm {
    csrf_token: String,
    code: String,
    name: String,
    kind: String,
}
csrf_protected!(NewOrganisationForm);

#[post("/admin/organisations")]
pub async fn organisation_create_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: AdminCaller,
    form: CsrfForm<NewOrganisationForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    organisation_change(&req, &state, caller, "created", move |conn, actor, ip| {
        let new = NewOrganisation {
            code: form.code,
            name: form.name,
            kind: kind_of(&form.kind)?,
            regional_group: None,
        };
        crate::services::admin::organisations::create(conn, actor, ip, new).map(|_| ())
    })
    .await
}

/// Checkboxes are sent only when ticked.
#[derive(Deserialize)]
pub struct OrganisationForm {
    csrf_token: String,
    name: String,
    kind: String,
    #[serde(default)]
    active: Option<String>,
    #[serde(default)]
    require_totp: Option<String>,
}
csrf_protected!(OrganisationForm);

#[post("/admin/organisations/{id}")]
pub async fn organisation_update_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: AdminCaller,
    id: web::Path<String>,
    form: CsrfForm<OrganisationForm>,
) -> AppResult<HttpResponse> {
    let (id, form) = (id.into_inner(), form.0);
    organisation_change(&req, &state, caller, "updated", move |conn, actor, ip| {
        let patch = OrganisationPatch {
            name: Some(form.name),
            kind: Some(kind_of(&form.kind)?),
            active: Some(form.active.is_some()),
            require_totp: Some(form.require_totp.is_some()),
        };
        crate::services::admin::organisations::update(conn, actor, ip, &id, patch).map(|_| ())
    })
    .await
}
