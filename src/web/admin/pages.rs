//! `/admin/…`: accounts (administrators: all; focal points: their organisation's, to invite
//! and deactivate), organisations, the audit log and its chain check (administrators). Other
//! users get the same "not found" page as for any unknown address.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::{CurrentUser, PageUser};
use crate::domain::administration as rules;
use crate::domain::{OrgKind, Role};
use crate::error::{AppError, AppResult};
use crate::repo::organisations;
use crate::services::admin::account_management::{self, AccountPatch, AccountQuery};
use crate::services::admin::audit_search::{self, AuditQuery};
use crate::services::admin::invitations::{self, NewInvitation};
use crate::services::admin::organisations::{NewOrganisation, OrganisationPatch};
use crate::services::audit::{self, Verification};
use crate::state::AppState;
use crate::web::common::csv::csv_response;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::lists::next_url;
use crate::web::common::render::{non_empty, page_context, render, see_other};

fn admin_only(user: &CurrentUser) -> AppResult<()> {
    if user.role != Role::Admin {
        return Err(AppError::NotFound);
    }
    Ok(())
}

fn account_managers_only(user: &CurrentUser) -> AppResult<()> {
    account_management::scope(user).map_err(|_| AppError::NotFound)?;
    Ok(())
}

/// A refusal the form's author can act on is shown on the page; anything else is an error page.
fn form_problem(err: AppError) -> Result<(StatusCode, String), AppError> {
    use actix_web::ResponseError;
    match err {
        AppError::BadRequest { .. } | AppError::Conflict(_) | AppError::Forbidden { .. } => {
            Ok((err.status_code(), err.public_message()))
        }
        other => Err(other),
    }
}

#[get("/admin")]
pub async fn index_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
) -> AppResult<HttpResponse> {
    admin_only(&user.0)?;
    let ctx = page_context(&req, &state, Some(&user.0));
    render(&state, StatusCode::OK, "admin/index.html", &ctx)
}

// ---- accounts ----

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
    account_managers_only(user)?;
    let query = AccountQuery {
        text: non_empty(&f.q),
        organisation: non_empty(&f.organisation),
        cursor: non_empty(&f.cursor),
        limit: Some(50),
    };
    let viewer = user.clone();
    let is_admin = user.role == Role::Admin;
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
    let me = account_management::actor(user);
    let grantable: Vec<&str> = Role::ALL
        .into_iter()
        .filter(|r| rules::may_invite(me, me.organisation_id, *r).is_ok())
        .map(Role::as_str)
        .collect();
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
    ctx.insert("all_roles", &Role::ALL.map(Role::as_str));
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
    user: CurrentUser,
    done: &str,
    change: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut crate::db::DbConnection, &CurrentUser, &str) -> AppResult<()> + Send + 'static,
{
    account_managers_only(&user)?;
    let (actor, ip) = (user.clone(), state.client_ip(req));
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
    user: PageUser,
    form: CsrfForm<InviteForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let role = Role::parse(&form.role);
    account_change(&req, &state, user.0, "invited", move |conn, actor, ip| {
        let role = role.ok_or_else(|| AppError::invalid("invalid_role", "unknown role"))?;
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
    user: PageUser,
    id: web::Path<String>,
    form: CsrfForm<ActiveForm>,
) -> AppResult<HttpResponse> {
    let (id, active) = (id.into_inner(), form.0.active == "true");
    account_change(&req, &state, user.0, "updated", move |conn, actor, ip| {
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
    user: PageUser,
    id: web::Path<String>,
    form: CsrfForm<RoleForm>,
) -> AppResult<HttpResponse> {
    let (id, role) = (id.into_inner(), Role::parse(&form.0.role));
    account_change(&req, &state, user.0, "updated", move |conn, actor, ip| {
        let role = role.ok_or_else(|| AppError::invalid("invalid_role", "unknown role"))?;
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
    user: PageUser,
    id: web::Path<String>,
    form: CsrfForm<OrganisationChangeForm>,
) -> AppResult<HttpResponse> {
    let (id, code) = (id.into_inner(), form.0.organisation);
    account_change(&req, &state, user.0, "updated", move |conn, actor, ip| {
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
    user: PageUser,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    account_change(&req, &state, user.0, "resent", move |conn, actor, ip| {
        invitations::resend(conn, actor, ip, &id).map(|_| ())
    })
    .await
}

#[post("/admin/users/{id}/invitation/revoke")]
pub async fn revoke_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    account_change(&req, &state, user.0, "revoked", move |conn, actor, ip| {
        invitations::revoke(conn, actor, ip, &id).map(|_| ())
    })
    .await
}

#[post("/admin/users/{id}/two-factor/reset")]
pub async fn two_factor_reset_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    account_change(
        &req,
        &state,
        user.0,
        "two-factor-reset",
        move |conn, actor, ip| {
            account_management::reset_two_factor(conn, actor, ip, &id).map(|_| ())
        },
    )
    .await
}

// ---- organisations ----

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
    admin_only(user)?;
    let page = state
        .db(move |conn| {
            crate::services::admin::organisations::list(
                conn,
                None,
                non_empty(&cursor).as_deref(),
                Some(300),
            )
        })
        .await?;
    let mut ctx = page_context(req, state, Some(user));
    ctx.insert(
        "next_url",
        &next_url("/admin/organisations", &[], page.next_cursor.as_deref()),
    );
    ctx.insert("items", &page.items);
    ctx.insert("kinds", &OrgKind::ALL.map(OrgKind::as_str));
    ctx.insert("notice", &notice);
    ctx.insert("error", &error);
    render(state, status, "admin/organisations.html", &ctx)
}

#[get("/admin/organisations")]
pub async fn organisations_list_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
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
        &user.0,
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
    user: CurrentUser,
    done: &str,
    change: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut crate::db::DbConnection, &CurrentUser, &str) -> AppResult<()> + Send + 'static,
{
    admin_only(&user)?;
    let (actor, ip) = (user.clone(), state.client_ip(req));
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
    OrgKind::parse(value).ok_or_else(|| AppError::invalid("invalid_kind", "unknown kind"))
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
    user: PageUser,
    form: CsrfForm<NewOrganisationForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    organisation_change(&req, &state, user.0, "created", move |conn, actor, ip| {
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
    user: PageUser,
    id: web::Path<String>,
    form: CsrfForm<OrganisationForm>,
) -> AppResult<HttpResponse> {
    let (id, form) = (id.into_inner(), form.0);
    organisation_change(&req, &state, user.0, "updated", move |conn, actor, ip| {
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

// ---- audit log ----

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AuditFilterForm {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

impl AuditFilterForm {
    fn query(&self) -> AuditQuery {
        AuditQuery {
            actor: non_empty(&self.actor),
            action: non_empty(&self.action),
            target: non_empty(&self.target),
            from: non_empty(&self.from),
            to: non_empty(&self.to),
            cursor: non_empty(&self.cursor),
            limit: Some(50),
        }
    }

    fn pairs(&self) -> [(&str, &str); 5] {
        [
            ("actor", self.actor.as_str()),
            ("action", self.action.as_str()),
            ("target", self.target.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
        ]
    }
}

#[derive(Serialize)]
struct AuditRow {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    target: String,
    /// Where the target can be seen: its page, or the audit entries about it.
    target_url: Option<String>,
    ip: String,
    outcome: String,
    details: String,
}

/// The page of an audit entry's target: reports, needs and documents have their own; accounts,
/// organisations and sessions are followed through the entries about them.
fn audit_target_url(target_type: &str, target_id: &str) -> String {
    let id = url::form_urlencoded::byte_serialize(target_id.as_bytes()).collect::<String>();
    match target_type {
        "report" => format!("/reports/{id}"),
        "need" => format!("/needs/{id}"),
        "document" => format!("/documents/{id}"),
        other => {
            let target = format!("{other}:{target_id}");
            format!(
                "/admin/audit?target={}",
                url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
            )
        }
    }
}

#[get("/admin/audit")]
pub async fn audit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<AuditFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, f) = (user.0, f.into_inner());
    admin_only(&user)?;
    let (viewer, query) = (user.clone(), f.query());
    let result = state
        .db(move |conn| audit_search::search(conn, &viewer, query))
        .await;
    let (page, error, status) = match result {
        Ok(page) => (Some(page), None, StatusCode::OK),
        Err(err) => {
            let (status, message) = form_problem(err)?;
            (None, Some(message), status)
        }
    };
    let next = page
        .as_ref()
        .and_then(|p| next_url("/admin/audit", &f.pairs(), p.next_cursor.as_deref()));
    let rows: Vec<AuditRow> = page
        .map(|p| p.items)
        .unwrap_or_default()
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            actor: e.actor_email.unwrap_or_default(),
            action: e.action,
            target_url: match (&e.target_type, &e.target_id) {
                (Some(t), Some(id)) => Some(audit_target_url(t, id)),
                _ => None,
            },
            target: match (e.target_type, e.target_id) {
                (Some(t), Some(id)) => format!("{t}:{id}"),
                (Some(t), None) => t,
                _ => String::new(),
            },
            ip: e.ip.unwrap_or_default(),
            outcome: e.outcome,
            details: e
                .details
                .map(|d| d.to_string().chars().take(300).collect())
                .unwrap_or_default(),
        })
        .collect();
    let mut export = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in f.pairs().iter().filter(|(_, v)| !v.is_empty()) {
        export.append_pair(k, v);
    }
    let mut ctx = page_context(&req, &state, Some(&user));
    ctx.insert("items", &rows);
    ctx.insert("f", &f);
    ctx.insert("next_url", &next);
    ctx.insert(
        "export_url",
        &format!("/admin/audit/export?{}", export.finish()),
    );
    ctx.insert("error", &error);
    render(&state, status, "admin/audit.html", &ctx)
}

#[get("/admin/audit/export")]
pub async fn audit_export(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    f: web::Query<AuditFilterForm>,
) -> AppResult<HttpResponse> {
    let (user, f) = (user.0, f.into_inner());
    admin_only(&user)?;
    let (query, ip) = (f.query(), state.client_ip(&req));
    let csv = state
        .db(move |conn| audit_search::export_csv(conn, &user, &ip, query))
        .await?;
    Ok(csv_response("audit.csv", csv))
}

#[get("/admin/audit/verify")]
pub async fn audit_verify_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
) -> AppResult<HttpResponse> {
    admin_only(&user.0)?;
    let ctx = page_context(&req, &state, Some(&user.0));
    render(&state, StatusCode::OK, "admin/audit_verify.html", &ctx)
}

#[post("/admin/audit/verify")]
pub async fn audit_verify_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: PageUser,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    admin_only(&user.0)?;
    let outcome = state.db(|conn| Ok(audit::verify(conn)?)).await?;
    let mut ctx = page_context(&req, &state, Some(&user.0));
    match outcome {
        Verification::Intact { entries } => {
            ctx.insert("intact", &true);
            ctx.insert("entries", &entries);
        }
        Verification::Broken { seq, reason } => {
            ctx.insert("intact", &false);
            ctx.insert("broken_seq", &seq);
            ctx.insert("reason", &reason);
        }
    }
    ctx.insert("checked", &true);
    render(&state, StatusCode::OK, "admin/audit_verify.html", &ctx)
}
