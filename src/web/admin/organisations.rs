//! Organisation administration pages: a searchable, paged list (code or name, any case; a
//! kind), the new-organisation form, and one page per organisation to edit it.

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::AdminCaller;
use crate::domain::OrgKind;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::admin::organisations::{self, NewOrganisation, OrganisationPatch};
use crate::web::common::render::{non_empty, see_other};
use strum::VariantArray;

use super::pages::form_problem;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OrganisationListForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default, skip_serializing)]
    cursor: String,
    #[serde(default, skip_serializing)]
    done: String,
}

/// What the new-organisation form holds (kept when it is refused).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct NewOrganisationForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    code: String,
    name: String,
    kind: String,
}
csrf_protected!(NewOrganisationForm);

/// The organisations list (50 a page), again with `problem` and the typed `new` organisation
/// when a creation was refused.
async fn organisations_page(
    caller: &AdminCaller,
    f: OrganisationListForm,
    new: Option<NewOrganisationForm>,
    problem: Option<(StatusCode, String)>,
) -> AppResult<HttpResponse> {
    let page = PageParams::html(&f.cursor);
    let (kind, text) = (non_empty(&f.kind), non_empty(&f.q));
    let (page, count) = caller
        .db(move |conn, _, _| {
            let count = organisations::count(conn, kind.as_deref(), &text)?;
            Ok((
                organisations::list(conn, kind.as_deref(), text, &page)?,
                count,
            ))
        })
        .await?;
    let notice = (f.done == "created").then_some("admin-notice-org-created");
    let pairs = [("q", f.q.as_str()), ("kind", &f.kind)];
    let next = page.next_cursor.as_deref();
    let path = "/admin/organisations";
    let mut ctx = caller.list_context(path, &pairs, next, &page.items, &f);
    caller.insert_count(&mut ctx, count);
    ctx.insert("kinds", OrgKind::VARIANTS);
    ctx.insert("notice", &notice);
    ctx.insert("new", &new.unwrap_or_default());
    caller.render_refused("admin/organisations.html", ctx, problem)
}

#[get("/admin/organisations")]
pub async fn organisations_list_page(
    caller: AdminCaller,
    f: Query<OrganisationListForm>,
) -> AppResult<HttpResponse> {
    organisations_page(&caller, f.0, None, None).await
}

fn kind_of(value: &str) -> AppResult<OrgKind> {
    value
        .parse()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidKind, "unknown kind"))
}

#[post("/admin/organisations")]
pub async fn organisation_create_submit(
    caller: AdminCaller,
    form: CsrfForm<NewOrganisationForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let (code, name, kind) = (form.code.clone(), form.name.clone(), form.kind.clone());
    let created = caller
        .db(move |conn, actor, ip| {
            let new = NewOrganisation {
                code,
                name,
                kind: kind_of(&kind)?,
                regional_group: None,
            };
            organisations::create(conn, actor, ip, new)
        })
        .await;
    match form_problem(created, caller.lang)? {
        Ok(org) => {
            caller.state.organisations_changed();
            Ok(see_other(format!(
                "/admin/organisations/{}?done=created",
                org.code
            )))
        }
        Err(problem) => {
            let f = OrganisationListForm::default();
            organisations_page(&caller, f, Some(form), Some(problem)).await
        }
    }
}

#[derive(Deserialize)]
pub struct OrganisationPageQuery {
    #[serde(default)]
    done: String,
}

/// One organisation's page: its form, with `problem` when a change was refused (the typed
/// values shown again).
async fn organisation_page(
    caller: &AdminCaller,
    id: String,
    typed: Option<OrganisationForm>,
    notice: Option<&str>,
    problem: Option<(StatusCode, String)>,
) -> AppResult<HttpResponse> {
    let org = caller
        .db(move |conn, user, _| organisations::find(conn, user, &id))
        .await?;
    let mut ctx = caller.context();
    let shown = match typed {
        Some(t) => serde_json::json!({
            "name": t.name, "kind": t.kind,
            "active": t.active.is_some(), "require_totp": t.require_totp.is_some(),
        }),
        None => serde_json::json!({
            "name": org.name, "kind": org.kind,
            "active": org.active, "require_totp": org.require_totp,
        }),
    };
    ctx.insert("org", &org);
    ctx.insert("shown", &shown);
    ctx.insert("kinds", OrgKind::VARIANTS);
    ctx.insert("notice", &notice);
    caller.render_refused("admin/organisation.html", ctx, problem)
}

/// `/admin/organisations/{id}`, where `id` is the organisation's id or its code.
#[get("/admin/organisations/{id}")]
pub async fn organisation_page_get(
    caller: AdminCaller,
    id: Path<String>,
    q: Query<OrganisationPageQuery>,
) -> AppResult<HttpResponse> {
    let notice = match q.done.as_str() {
        "created" => Some("admin-notice-org-created"),
        "updated" => Some("admin-notice-updated"),
        _ => None,
    };
    organisation_page(&caller, id.into_inner(), None, notice, None).await
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
    caller: AdminCaller,
    id: Path<String>,
    form: CsrfForm<OrganisationForm>,
) -> AppResult<HttpResponse> {
    let (id, form) = (id.into_inner(), form.0);
    let patch = (
        form.name.clone(),
        form.kind.clone(),
        form.active.is_some(),
        form.require_totp.is_some(),
    );
    let target = id.clone();
    let updated = caller
        .db(move |conn, actor, ip| {
            let org = organisations::find(conn, actor, &target)?;
            let patch = OrganisationPatch {
                name: Some(patch.0),
                kind: Some(kind_of(&patch.1)?),
                active: Some(patch.2),
                require_totp: Some(patch.3),
            };
            organisations::update(conn, actor, ip, &org.id, patch)
        })
        .await;
    match form_problem(updated, caller.lang)? {
        Ok(org) => {
            caller.state.organisations_changed();
            Ok(see_other(format!(
                "/admin/organisations/{}?done=updated",
                org.code
            )))
        }
        Err(problem) => organisation_page(&caller, id, Some(form), None, Some(problem)).await,
    }
}
