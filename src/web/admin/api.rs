//! `/api/v1/users`, `/api/v1/organisations` and `/api/v1/audit`: administration.

use actix_web::web::{Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::{ApiCaller, ApiEntrant};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::pagination::PageParams;
use crate::services::admin::account_management::{
    self, AccountPage, AccountPatch, AccountQuery, AccountView,
};
use crate::services::admin::audit_search::{self, AuditPage, AuditQuery};
use crate::services::admin::invitations::{self, NewInvitation};
use crate::services::admin::organisations::{
    self, NewOrganisation, OrganisationPage, OrganisationPatch, OrganisationView,
};
use crate::web::common::api::Answer;
use crate::web::common::csv::csv_response;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UserListParams {
    /// Text searched in names and e-mail addresses.
    pub q: Option<String>,
    /// An organisation code (administrators; focal points see their own organisation only).
    pub organisation: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

/// Accounts the caller manages: every account for administrators, their organisation's for
/// focal points; by e-mail address.
#[utoipa::path(tag = "administration", params(UserListParams), security(("bearer" = [])),
    responses((status = 200, body = AccountPage), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[get("/users")]
pub fn list_users(caller: ApiEntrant, q: Query<UserListParams>) -> Answer {
    let q = q.0;
    let query = AccountQuery {
        text: q.q,
        organisation: q.organisation,
        page: PageParams::new(q.cursor, q.limit),
    };
    caller.ok(move |conn, user, _| account_management::list(conn, user, query))
}

/// Invites someone: creates the account without a password and mails a one-time link
/// (valid 72 hours) to set one.
#[utoipa::path(tag = "administration", request_body = NewInvitation, security(("bearer" = [])),
    responses((status = 201, body = AccountView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "an account with this e-mail address exists")))]
#[post("/users")]
pub fn invite_user(caller: ApiEntrant, body: Json<NewInvitation>) -> Answer {
    caller.created(move |conn, user, ip| invitations::invite(conn, user, ip, body.0))
}

/// Activates or deactivates an account, or (administrators) changes its role or
/// organisation. Deactivation and role or organisation changes end its sessions.
#[utoipa::path(tag = "administration", request_body = AccountPatch, security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "unknown, or not an account the caller manages")))]
#[patch("/users/{id}")]
pub fn patch_user(caller: ApiEntrant, id: Path<String>, body: Json<AccountPatch>) -> Answer {
    caller.ok(move |conn, user, ip| account_management::patch(conn, user, ip, &id, body.0))
}

/// Re-sends an invitation: a new link; the older ones stop working.
#[utoipa::path(tag = "administration", security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the account already has a password")))]
#[post("/users/{id}/invitation")]
pub fn resend_invitation(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| invitations::resend(conn, user, ip, &id))
}

/// Revokes an invitation: its link stops working and the pending account is deactivated.
#[utoipa::path(tag = "administration", security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the account already has a password")))]
#[delete("/users/{id}/invitation")]
pub fn revoke_invitation(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| invitations::revoke(conn, user, ip, &id))
}

/// Resets two-factor sign-in of an account (administrators): secret and recovery codes go,
/// every session ends.
#[utoipa::path(tag = "administration", security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[delete("/users/{id}/totp")]
pub fn reset_two_factor(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| account_management::reset_two_factor(conn, user, ip, &id))
}

/// Ends every session of an account the caller manages (administrators; focal points for
/// their organisation's accounts); audited.
#[utoipa::path(tag = "administration", security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[delete("/users/{id}/sessions")]
pub fn end_sessions(caller: ApiEntrant, id: Path<String>) -> Answer {
    caller.ok(move |conn, user, ip| {
        crate::services::admin::account_detail::end_sessions(conn, user, ip, &id)?;
        account_management::fresh_view(conn, &user.actor(), &id)
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrganisationListParams {
    /// `member_state`, `compact_entity`, `coordinator_office` or `observer`.
    pub kind: Option<String>,
    /// Searched in codes and names, ignoring case.
    pub q: Option<String>,
    pub cursor: Option<String>,
    /// Up to 500 (the default).
    pub limit: Option<i64>,
}

/// Organisations, by code.
#[utoipa::path(tag = "administration", params(OrganisationListParams), security(("bearer" = [])),
    responses((status = 200, body = OrganisationPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
#[get("/organisations")]
pub fn list_organisations(caller: ApiEntrant, q: Query<OrganisationListParams>) -> Answer {
    let (kind, text, page) = (q.0.kind, q.0.q, PageParams::new(q.0.cursor, q.0.limit));
    caller.ok(move |conn, _, _| organisations::list(conn, kind.as_deref(), text, &page))
}

/// Creates an organisation (administrators).
#[utoipa::path(tag = "administration", request_body = NewOrganisation, security(("bearer" = [])),
    responses((status = 201, body = OrganisationView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the code is taken")))]
#[post("/organisations")]
pub async fn create_organisation(
    caller: ApiCaller,
    body: Json<NewOrganisation>,
) -> AppResult<HttpResponse> {
    let view = caller
        .db(move |conn, user, ip| organisations::create(conn, user, ip, body.0))
        .await?;
    caller.state.organisations_changed();
    Ok(HttpResponse::Created().json(view))
}

/// Renames an organisation, changes its kind, (de)activates it or requires two-factor of its
/// users (administrators). A deactivated organisation's users cannot sign in.
#[utoipa::path(tag = "administration", request_body = OrganisationPatch, security(("bearer" = [])),
    responses((status = 200, body = OrganisationView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[patch("/organisations/{id}")]
pub async fn patch_organisation(
    caller: ApiCaller,
    id: Path<String>,
    body: Json<OrganisationPatch>,
) -> AppResult<HttpResponse> {
    let view = caller
        .db(move |conn, user, ip| organisations::update(conn, user, ip, &id, body.0))
        .await?;
    caller.state.organisations_changed();
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    /// The actor's e-mail address (any case).
    pub actor: Option<String>,
    /// An action, or a prefix ending with `.` (`user.`).
    pub action: Option<String>,
    /// `type` or `type:id`.
    pub target: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    #[param(format = Date)]
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    #[param(format = Date)]
    pub to: Option<String>,
    /// `csv` for the export (the same as `/api/v1/audit/export`).
    pub format: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

impl AuditParams {
    fn query(self) -> AuditQuery {
        AuditQuery {
            actor: self.actor,
            action: self.action,
            target: self.target,
            from: self.from,
            to: self.to,
            page: PageParams::new(self.cursor, self.limit),
        }
    }
}

async fn export(caller: ApiEntrant, query: AuditQuery) -> AppResult<HttpResponse> {
    // The export takes every match; a cursor is still checked like the list's.
    if let Some(cursor) = query.page.cursor() {
        crate::pagination::check_cursor_shape(cursor)?;
    }
    let (_, csv) = caller
        .db(move |conn, user, ip| audit_search::export_csv(conn, user, ip, query))
        .await?;
    Ok(csv_response("audit.csv", csv))
}

/// The audit log, newest first (administrators); `format=csv` exports every match.
#[utoipa::path(tag = "administration", params(AuditParams), security(("bearer" = [])),
    responses((status = 200, body = AuditPage), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
#[get("/audit")]
pub async fn list_audit(caller: ApiEntrant, q: Query<AuditParams>) -> AppResult<HttpResponse> {
    let q = q.0;
    match q.format.as_deref() {
        None | Some("json") => {}
        Some("csv") => return export(caller, q.query()).await,
        Some(_) => {
            return Err(AppError::invalid(
                ErrorCode::InvalidFormat,
                "format is json or csv",
            ))
        }
    }
    let query = q.query();
    caller
        .ok(move |conn, user, _| audit_search::search(conn, user, query))
        .await
}

/// Every matching audit entry as CSV (administrators); the export is audited.
#[utoipa::path(tag = "administration", params(AuditParams), security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "CSV with a header row"), (status = 403, body = ErrorBody)))]
#[get("/audit/export")]
pub async fn export_audit(caller: ApiEntrant, q: Query<AuditParams>) -> AppResult<HttpResponse> {
    export(caller, q.0.query()).await
}
