//! Account administration pages: search, invite, deactivate, role, organisation, invitations, two-factor reset.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::auth::{CurrentUser, PageUser};
use crate::domain::Role;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::repo::organisations;
use crate::services::admin::account_management::{self, AccountPatch, AccountQuery};
use crate::services::admin::invitations::{self, NewInvitation};
use crate::state::AppState;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::lists::next_url;
use crate::web::common::render::{non_empty, page_context, render, see_other};

use super::pages::form_problem;
use crate::access::admin::{self as rules, account_managers_only};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct UserFilterForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    organisation: String,
    #[serde(default, skip_serializing)]
    cursor: String,
    #[serde(default, skip_serializing)]
    done: String,
}

async fn users_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    f: UserFilterForm,
    status: StatusCode,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let me = user.actor();
    account_managers_only(&me)?;
    let query = AccountQuery {
        text: non_empty(&f.q),
        organisation: non_empty(&f.organisation),
        page: PageParams::html(&f.cursor),
    };
    let viewer = user.clone();
    let is_admin = me.is_admin();
    let (page, orgs) = state
        .db(move |conn| {
            let page = account_management::list(conn, &viewer, query)?;
            let orgs = if is_admin {
                organisations::choices(conn)?
            } else {
                Vec::new()
            };
            Ok((page, orgs))
        })
        .await?;
    // The roles the invite form offers: those the rules let this user grant.
    let grantable: Vec<Role> = rules::grantable_roles(&me).into_iter().collect();
    let notice = match f.done.as_str() {
        "invited" => Some("admin-notice-invited"),
        "resent" => Some("admin-notice-resent"),
        "revoked" => Some("admin-notice-revoked"),
        "two-factor-reset" => Some("admin-notice-two-factor-reset"),
        "updated" => Some("admin-notice-updated"),
        _ => None,
    };
    let mut ctx = page_context(req, state, Some(user));
    let pairs = [
        ("q", f.q.as_str()),
        ("organisation", f.organisation.as_str()),
    ];
    ctx.insert(
        "next_url",
        &next_url("/admin/users", &pairs, page.next_cursor.as_deref()),
    );
    ctx.insert("items", &page.items);
    ctx.insert("f", &f);
    ctx.insert("is_admin", &is_admin);
    let orgs: Vec<serde_json::Value> = orgs
        .into_iter()
        .map(|(_, code, name)| serde_json::json!({"code": code, "name": name}))
        .collect();
    ctx.insert("orgs", &orgs);
    ctx.insert("grantable", &grantable);
    ctx.insert("all_roles", &Role::highest_first().collect::<Vec<_>>());
    ctx.insert("notice", &notice);
    ctx.insert("error", &error);
    render(state, status, "admin/users.html", &ctx)
}

#[get("/admin/users")]
pub async fn users_list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<UserFilterForm>,
) -> AppResult<HttpResponse> {
    users_page(&req, &state, &user.0, f.into_inner(), StatusCode::OK, None).await
}

/// Runs an account change from a form: back to the list with a notice, or the list with the
/// reason it was refused.
async fn account_change<F>(
    req: &HttpRequest,
    state: &AppState,
    caller: PageCaller,
    done: &str,
    change: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut crate::db::DbConnection, &CurrentUser, &str) -> AppResult<()> + Send + 'static,
{
    account_managers_only(&caller.actor)?;
    let (user, actor, ip) = (caller.user.clone(), caller.user, caller.ip);
    match state.db(move |conn| change(conn, &actor, &ip)).await {
        Ok(()) => Ok(see_other(format!("/admin/users?done={done}"))),
        Err(err) => {
            let (status, message) = form_problem(err)?;
            users_page(
                req,
                state,
                &user,
                UserFilterForm::default(),
                status,
                Some(message),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    csrf_token: String,
    email: String,
    name: String,
    organisation: String,
    role: String,
}
csrf_protected!(InviteForm);

#[post("/admin/users/invite")]
pub async fn invite_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    form: CsrfForm<InviteForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let role = form.role.parse::<Role>();
    account_change(&req, &state, caller, "invited", move |conn, actor, ip| {
        let role = role.map_err(|_| AppError::invalid(ErrorCode::InvalidRole, "unknown role"))?;
        let invitation = NewInvitation {
            email: form.email,
            name: form.name,
            organisation: form.organisation,
            role,
        };
        invitations::invite(conn, actor, ip, invitation).map(|_| ())
    })
    .await
}

#[derive(Deserialize)]
pub struct ActiveForm {
    csrf_token: String,
    active: String,
}
csrf_protected!(ActiveForm);

#[post("/admin/users/{id}/active")]
pub async fn active_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    form: CsrfForm<ActiveForm>,
) -> AppResult<HttpResponse> {
    let (id, active) = (id.into_inner(), form.0.active == "true");
    account_change(&req, &state, caller, "updated", move |conn, actor, ip| {
        let patch = AccountPatch {
            active: Some(active),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &id, patch).map(|_| ())
    })
    .await
}

#[derive(Deserialize)]
pub struct RoleForm {
    csrf_token: String,
    role: String,
}
csrf_protected!(RoleForm);

#[post("/admin/users/{id}/role")]
pub async fn role_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    form: CsrfForm<RoleForm>,
) -> AppResult<HttpResponse> {
    let (id, role) = (id.into_inner(), form.0.role.parse::<Role>());
    account_change(&req, &state, caller, "updated", move |conn, actor, ip| {
        let role = role.map_err(|_| AppError::invalid(ErrorCode::InvalidRole, "unknown role"))?;
        let patch = AccountPatch {
            role: Some(role),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &id, patch).map(|_| ())
    })
    .await
}

#[derive(Deserialize)]
pub struct OrganisationChangeForm {
    csrf_token: String,
    organisation: String,
}
csrf_protected!(OrganisationChangeForm);

#[post("/admin/users/{id}/organisation")]
pub async fn organisation_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    form: CsrfForm<OrganisationChangeForm>,
) -> AppResult<HttpResponse> {
    let (id, code) = (id.into_inner(), form.0.organisation);
    account_change(&req, &state, caller, "updated", move |conn, actor, ip| {
        let patch = AccountPatch {
            organisation: Some(code),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &id, patch).map(|_| ())
    })
    .await
}

#[post("/admin/users/{id}/invitation/resend")]
pub async fn resend_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    account_change(&req, &state, caller, "resent", move |conn, actor, ip| {
        invitations::resend(conn, actor, ip, &id).map(|_| ())
    })
    .await
}

#[post("/admin/users/{id}/invitation/revoke")]
pub async fn revoke_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    account_change(&req, &state, caller, "revoked", move |conn, actor, ip| {
        invitations::revoke(conn, actor, ip, &id).map(|_| ())
    })
    .await
}

#[post("/admin/users/{id}/two-factor/reset")]
pub async fn two_factor_reset_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: PageCaller,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    account_change(
        &req,
        &state,
        caller,
        "two-factor-reset",
        move |conn, actor, ip| {
            account_management::reset_two_factor(conn, actor, ip, &id).map(|_| ())
        },
    )
    .await
}
