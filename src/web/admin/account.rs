//! One account's administration page (`/admin/users/{id}`): role, organisation, status,
//! two-factor, sessions, last sign-in, and each change as a form of its own. Destructive
//! changes (deactivation, revoking an invitation, resetting two-factor, ending the sessions)
//! need the "I confirm" box ticked, which works without JavaScript.

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::domain::Role;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::organisations;
use crate::services::admin::account_detail;
use crate::services::admin::account_management::{self, AccountPatch};
use crate::services::admin::invitations;
use crate::web::common::api::{Answer, ServiceCall};

use super::pages::form_problem;
use crate::access::admin::{self as rules, account_managers_only};

#[derive(Deserialize)]
pub struct AccountPageQuery {
    #[serde(default)]
    done: String,
}

fn notice_of(done: &str) -> Option<&'static str> {
    Some(match done {
        "resent" => "admin-notice-resent",
        "revoked" => "admin-notice-revoked",
        "two-factor-reset" => "admin-notice-two-factor-reset",
        "sessions-ended" => "admin-notice-sessions-ended",
        "updated" => "admin-notice-updated",
        _ => return None,
    })
}

/// The account's page, with a `notice` after a change or `problem` when one was refused.
async fn account_page(
    caller: &PageCaller,
    id: String,
    notice: Option<&str>,
    problem: Option<(StatusCode, String)>,
) -> AppResult<HttpResponse> {
    let me = &caller.actor;
    account_managers_only(me)?;
    let is_admin = rules::may_change_role_or_organisation(me);
    let (detail, orgs) = caller
        .db(move |conn, user, _| {
            let detail = account_detail::detail(conn, user, &id)?;
            let orgs = if is_admin {
                organisations::choices(conn)?
            } else {
                Vec::new()
            };
            Ok((detail, orgs))
        })
        .await?;
    let orgs: Vec<serde_json::Value> = orgs
        .into_iter()
        .map(|(_, code, name)| serde_json::json!({"code": code, "name": name}))
        .collect();
    let mut ctx = caller.context();
    ctx.insert("detail", &detail);
    ctx.insert("u", &detail.account);
    ctx.insert("orgs", &orgs);
    ctx.insert("is_admin", &is_admin);
    ctx.insert("may_reset_two_factor", &rules::may_reset_two_factor(me));
    ctx.insert("all_roles", &Role::highest_first().collect::<Vec<_>>());
    ctx.insert("notice", &notice);
    caller.render_refused("admin/user.html", ctx, problem)
}

#[get("/admin/users/{id}")]
pub async fn account_page_get(
    caller: PageCaller,
    id: Path<String>,
    q: Query<AccountPageQuery>,
) -> AppResult<HttpResponse> {
    account_page(&caller, id.into_inner(), notice_of(&q.done), None).await
}

/// Runs a change of the account `id` from its page: back to the page with a notice, or the
/// page again with the reason it was refused. A destructive change (`confirmed` is `Some`)
/// runs only when its "I confirm" box was ticked.
fn account_change(
    caller: PageCaller,
    id: String,
    done: &'static str,
    confirmed: Option<bool>,
    change: impl ServiceCall<()>,
) -> Answer {
    Box::pin(async move {
        account_managers_only(&caller.actor)?;
        if confirmed == Some(false) {
            // Who may not make the change hears that first, as without the box.
            let target = id.clone();
            caller
                .db(move |conn, user, _| {
                    account_management::find_managed(conn, user, &target).map(|_| ())
                })
                .await?;
            let message = crate::i18n::text(caller.lang, "admin-confirm-missing");
            let problem = Some((StatusCode::BAD_REQUEST, message));
            return account_page(&caller, id, None, problem).await;
        }
        match form_problem(caller.db(change).await, caller.lang)? {
            Ok(()) => Ok(crate::web::common::render::see_other(format!(
                "/admin/users/{id}?done={done}"
            ))),
            Err(problem) => account_page(&caller, id, None, Some(problem)).await,
        }
    })
}

/// A destructive change's form: only the "I confirm" box (sent only when ticked).
#[derive(Deserialize)]
pub struct ConfirmForm {
    csrf_token: String,
    #[serde(default)]
    confirm: Option<String>,
}
csrf_protected!(ConfirmForm);

impl ConfirmForm {
    fn confirmed(&self) -> Option<bool> {
        Some(self.confirm.as_deref() == Some("yes"))
    }
}

#[derive(Deserialize)]
pub struct ActiveForm {
    csrf_token: String,
    active: String,
    #[serde(default)]
    confirm: Option<String>,
}
csrf_protected!(ActiveForm);

#[post("/admin/users/{id}/active")]
pub fn active_submit(caller: PageCaller, id: Path<String>, form: CsrfForm<ActiveForm>) -> Answer {
    let (id, active) = (id.into_inner(), form.0.active == "true");
    // Reactivating takes nothing away; deactivating ends the person's access at once.
    let confirmed = (!active).then_some(form.0.confirm.as_deref() == Some("yes"));
    let target = id.clone();
    account_change(caller, id, "updated", confirmed, move |conn, actor, ip| {
        let patch = AccountPatch {
            active: Some(active),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &target, patch).map(|_| ())
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
    let target = id.clone();
    account_change(caller, id, "updated", None, move |conn, actor, ip| {
        let role = role.map_err(|_| AppError::invalid(ErrorCode::InvalidRole, "unknown role"))?;
        let patch = AccountPatch {
            role: Some(role),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &target, patch).map(|_| ())
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
    let target = id.clone();
    account_change(caller, id, "updated", None, move |conn, actor, ip| {
        let patch = AccountPatch {
            organisation: Some(code),
            ..Default::default()
        };
        account_management::patch(conn, actor, ip, &target, patch).map(|_| ())
    })
}

#[post("/admin/users/{id}/invitation/resend")]
pub fn resend_submit(
    caller: PageCaller,
    id: Path<String>,
    _form: CsrfForm<crate::web::common::forms::CsrfOnly>,
) -> Answer {
    let (id, target) = (id.clone(), id.into_inner());
    account_change(caller, id, "resent", None, move |conn, actor, ip| {
        invitations::resend(conn, actor, ip, &target).map(|_| ())
    })
}

#[post("/admin/users/{id}/invitation/revoke")]
pub fn revoke_submit(caller: PageCaller, id: Path<String>, form: CsrfForm<ConfirmForm>) -> Answer {
    let (id, target) = (id.clone(), id.into_inner());
    account_change(
        caller,
        id,
        "revoked",
        form.0.confirmed(),
        move |conn, actor, ip| invitations::revoke(conn, actor, ip, &target).map(|_| ()),
    )
}

#[post("/admin/users/{id}/two-factor/reset")]
pub fn two_factor_reset_submit(
    caller: PageCaller,
    id: Path<String>,
    form: CsrfForm<ConfirmForm>,
) -> Answer {
    if !rules::may_reset_two_factor(&caller.actor) {
        let refused = AppError::forbidden("only administrators reset two-factor sign-in");
        return Box::pin(async move { Err(refused) });
    }
    let (id, target) = (id.clone(), id.into_inner());
    let confirmed = form.0.confirmed();
    account_change(
        caller,
        id,
        "two-factor-reset",
        confirmed,
        move |conn, actor, ip| {
            account_management::reset_two_factor(conn, actor, ip, &target).map(|_| ())
        },
    )
}

#[post("/admin/users/{id}/sessions/end")]
pub fn sessions_end_submit(
    caller: PageCaller,
    id: Path<String>,
    form: CsrfForm<ConfirmForm>,
) -> Answer {
    let (id, target) = (id.clone(), id.into_inner());
    let confirmed = form.0.confirmed();
    account_change(
        caller,
        id,
        "sessions-ended",
        confirmed,
        move |conn, actor, ip| account_detail::end_sessions(conn, actor, ip, &target).map(|_| ()),
    )
}
