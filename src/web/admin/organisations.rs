//! Organisation administration pages.

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::AdminCaller;
use crate::domain::OrgKind;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::admin::organisations::{NewOrganisation, OrganisationPatch};
use crate::web::common::api::{Answer, ServiceCall};
use crate::web::common::render::{non_empty, see_other};
use strum::VariantArray;

use super::pages::form_problem;

#[derive(Debug, Default, Deserialize)]
pub struct OrganisationListForm {
    #[serde(default)]
    cursor: String,
    #[serde(default)]
    done: String,
}

/// The organisations list: with a `notice` after a change, or again with `problem` (its status
/// and message) when a change was refused.
async fn organisations_page(
    caller: &AdminCaller,
    cursor: String,
    notice: Option<&str>,
    problem: Option<(StatusCode, String)>,
) -> AppResult<HttpResponse> {
    let page = PageParams::new(non_empty(&cursor), Some(300));
    let page = caller
        .db(move |conn, _, _| crate::services::admin::organisations::list(conn, None, &page))
        .await?;
    let next = page.next_cursor.as_deref();
    let path = "/admin/organisations";
    let mut ctx = caller.list_context(path, &[], next, &page.items, &());
    ctx.insert("kinds", OrgKind::VARIANTS);
    ctx.insert("notice", &notice);
    caller.render_refused("admin/organisations.html", ctx, problem)
}

#[get("/admin/organisations")]
pub async fn organisations_list_page(
    caller: AdminCaller,
    f: Query<OrganisationListForm>,
) -> AppResult<HttpResponse> {
    let notice = match f.done.as_str() {
        "created" => Some("admin-notice-org-created"),
        "updated" => Some("admin-notice-updated"),
        _ => None,
    };
    organisations_page(&caller, f.0.cursor, notice, None).await
}

/// Runs an organisation change from a form: back to the list with a notice, or the list with
/// the reason it was refused.
fn organisation_change(
    caller: AdminCaller,
    done: &'static str,
    change: impl ServiceCall<()>,
) -> Answer {
    Box::pin(async move {
        match form_problem(caller.db(change).await)? {
            Ok(()) => {
                caller.state.state_picker.clear();
                Ok(see_other(format!("/admin/organisations?done={done}")))
            }
            Err(problem) => organisations_page(&caller, String::new(), None, Some(problem)).await,
        }
    })
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
pub fn organisation_create_submit(
    caller: AdminCaller,
    form: CsrfForm<NewOrganisationForm>,
) -> Answer {
    let form = form.0;
    organisation_change(caller, "created", move |conn, actor, ip| {
        let new = NewOrganisation {
            code: form.code,
            name: form.name,
            kind: kind_of(&form.kind)?,
            regional_group: None,
        };
        crate::services::admin::organisations::create(conn, actor, ip, new).map(|_| ())
    })
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
pub fn organisation_update_submit(
    caller: AdminCaller,
    id: Path<String>,
    form: CsrfForm<OrganisationForm>,
) -> Answer {
    let form = form.0;
    organisation_change(caller, "updated", move |conn, actor, ip| {
        let patch = OrganisationPatch {
            name: Some(form.name),
            kind: Some(kind_of(&form.kind)?),
            active: Some(form.active.is_some()),
            require_totp: Some(form.require_totp.is_some()),
        };
        crate::services::admin::organisations::update(conn, actor, ip, &id, patch).map(|_| ())
    })
}
