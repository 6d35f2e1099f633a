//! Account administration pages: search, invite, deactivate, role, organisation, invitations, two-factor reset.

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::domain::Role;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::repo::organisations;
use crate::services::admin::account_management::{self, AccountPatch, AccountQuery};
use crate::services::admin::invitations::{self, NewInvitation};
use crate::web::common::api::{Answer, ServiceCall};
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{non_empty, see_other};

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

/// The accounts list, again with `problem` (its status and message) when a change was refused.
async fn users_page(
    caller: &PageCaller,
    f: UserFilterForm,
    problem: Option<(StatusCode, String)>,
) -> AppResult<HttpResponse> {
    let me = &caller.actor;
    account_managers_only(me)?;
    let query = AccountQuery {
        text: non_empty(&f.q),
        organisation: non_empty(&f.organisation),
        page: PageParams::html(&f.cursor),
    };
    let is_admin = me.is_admin();
    let (page, orgs) = caller
        .db(move |conn, user, _| {
            let page = account_management::list(conn, user, query)?;
            let orgs = if is_admin {
                organisations::choices(conn)?
            } else {
                Vec::new()
            };
            Ok((page, orgs))
        })
        .await?;
    // The roles the invite form offers: those the rules let this user grant.
    let grantable: Vec<Role> = rules::grantable_roles(me).into_iter().collect();
    let notice = match f.done.as_str() {
        "invited" => Some("admin-notice-invited"),
        "resent" => Some("admin-notice-resent"),
        "revoked" => Some("admin-notice-revoked"),
        "two-factor-reset" => Some("admin-notice-two-factor-reset"),
        "updated" => Some("admin-notice-updated"),
        _ => None,
    };
    let pairs = [("q", f.q.as_str()), ("organisation", &f.organisation)];
    let next = page.next_cursor.as_deref();
    let mut ctx = caller.list_context("/admin/users", &pairs, next, &page.items, &f);
    ctx.insert("is_admin", &is_admin);
    let orgs: Vec<serde_json::Value> = orgs
        .into_iter()
        .map(|(_, code, name)| serde_json::json!({"code": code, "name": name}))
        .collect();
    ctx.insert("orgs", &orgs);
    ctx.insert("grantable", &grantable);
    ctx.insert("all_roles", &Role::highest_first().collect::<Vec<_>>());
    ctx.insert("notice", &notice);
    caller.render_refused("admin/users.html", ctx, problem)
}

#[get("/admin/users")]
pub async fn users_list_page(
    caller: PageCaller,
    f: Query<UserFilterForm>,
) -> AppResult<HttpResponse> {
    users_page(&caller, f.0, None).await
}

/// Runs an account change from a form: back to the list with a notice, or the list with the
/// reason it was refused.
fn account_change(caller: PageCaller, done: &'static str, change: impl ServiceCall<()>) -> Answer {
    Box::pin(async move {
        account_managers_only(&caller.actor)?;
        match form_problem(caller.db(change).await)? {
            Ok(()) => Ok(see_other(format!("/admin/users?done={done}"))),
            Err(problem) => users_page(&caller, UserFilterForm::default(), Some(problem)).await,
        }
    })
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
pub fn invite_submit(caller: PageCaller, form: CsrfForm<InviteForm>) -> Answer {
    let form = form.0;
    let role = form.role.parse::<Role>();
    account_change(caller, "invited", move |conn, actor, ip| {
        let role = role.map_err(|_| AppError::invalid(ErrorCode::InvalidRole, "unknown role"))?;
        let invitation = NewInvitation {
            email: form.email,
            name: form.name,
            organisation: form.organisation,
            role,
        };
        invitations::invite(conn, actor, ip, invitation).map(|_| ())
    })
}

#[derive(Deserialize)]
pub struct ActiveForm {
    csrf_token: String,
    active: String,
}
csrf_protected!(ActiveForm);

#[post("/admin/users/{id}/active")]
pub fn active_submit(caller: PageCaller, id: Path<String>, form: CsrfForm<ActiveForm>) -> Answer {
    let (id, active) = (id.into_inner(), form.0.active == "true");
    account_change(caller, "updated", move |conn, actor, ip| {
        let patch = AccountPatch {
            active: Some(active),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &id, patch).map(|_| ())
    })
}

#[derive(Deserialize)]
pub struct RoleForm {
    csrf_token: String,
    role: String,
}
csrf_protected!(RoleForm);

#[post("/admin/users/{id}/role")]
pub fn role_submit(caller: PageCaller, id: Path<String>, form: CsrfForm<RoleForm>) -> Answer {
    let (id, role) = (id.into_inner(), form.0.role.parse::<Role>());
    account_change(caller, "updated", move |conn, actor, ip| {
        let role = role.map_err(|_| AppError::invalid(ErrorCode::InvalidRole, "unknown role"))?;
        let patch = AccountPatch {
            role: Some(role),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &id, patch).map(|_| ())
    })
}

#[derive(Deserialize)]
pub struct OrganisationChangeForm {
    csrf_token: String,
    organisation: String,
}
csrf_protected!(OrganisationChangeForm);

#[post("/admin/users/{id}/organisation")]
pub fn organisation_submit(
    caller: PageCaller,
    id: Path<String>,
    form: CsrfForm<OrganisationChangeForm>,
) -> Answer {
    let (id, code) = (id.into_inner(), form.0.organisation);
    account_change(caller, "updated", move |conn, actor, ip| {
        let patch = AccountPatch {
            organisation: Some(code),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &id, patch).map(|_| ())
    })
}

#[post("/admin/users/{id}/invitation/resend")]
pub fn resend_submit(caller: PageCaller, id: Path<String>, _form: CsrfForm<CsrfOnly>) -> Answer {
    account_change(caller, "resent", move |conn, actor, ip| {
        invitations::resend(conn, actor, ip, &id).map(|_| ())
    })
}

#[post("/admin/users/{id}/invitation/revoke")]
pub fn revoke_submit(caller: PageCaller, id: Path<String>, _form: CsrfForm<CsrfOnly>) -> Answer {
    account_change(caller, "revoked", move |conn, actor, ip| {
        invitations::revoke(conn, actor, ip, &id).map(|_| ())
    })
}

#[post("/admin/users/{id}/two-factor/reset")]
pub fn two_factor_reset_submit(
    caller: PageCaller,
    id: Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> Answer {
    account_change(caller, "two-factor-reset", move |conn, actor, ip| {
        account_management::reset_two_factor(conn, actor, ip, &id).map(|_| ())
    })
}
