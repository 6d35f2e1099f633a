//! `/api/v1/auth/*` and `/api/v1/me`.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::device;
use crate::auth::jwt::TokenKind;
use crate::auth::ClientMeta;
use crate::auth::{ApiCaller, ApiCallerSettingUp, CurrentUser};
use crate::domain::time::UtcTime;
use crate::error::{AppResult, ErrorBody};
use crate::services::auth::password_reset as reset;
use crate::services::{self, admin::account_creation};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
    /// A two-factor code, for accounts that use one.
    #[serde(default)]
    pub totp: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    pub token: String,
    pub expires_at: UtcTime,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationBody {
    pub token: String,
    pub password: String,
}

pub fn user_agent(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// A sign-in with the credentials a JSON body or a form gave, from this request's address, agent
/// and device cookie.
pub fn login_request(
    req: &HttpRequest,
    ip: String,
    email: String,
    password: String,
    totp: Option<String>,
    kind: TokenKind,
) -> services::auth::LoginRequest {
    services::auth::LoginRequest {
        email,
        password,
        totp,
        ip,
        user_agent: user_agent(req),
        device_cookie: device::presented(req),
        kind,
    }
}

/// Signs in and returns a bearer token. Also sets a device cookie (`__Host-portal_device`): a
/// client that sends it back on later sign-ins passes the throttles that guard the account
/// against other clients.
#[utoipa::path(request_body = LoginBody, tag = "auth",
    responses((status = 200, body = LoginResponse), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody, description = "too many failures; see Retry-After")))]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    client: ClientMeta,
    body: web::Json<LoginBody>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let (email, password, totp) = (body.email, body.password, body.totp);
    let request = login_request(&req, client.ip, email, password, totp, TokenKind::Api);
    let signed_in = services::auth::login(&state, request).await?;
    Ok(HttpResponse::Ok()
        .cookie(device::cookie(signed_in.device_cookie))
        .json(LoginResponse {
            token: signed_in.token,
            expires_at: signed_in.expires_at.into(),
        }))
}

/// Ends the session of the presented token, server-side.
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
#[post("/auth/logout")]
pub async fn logout(caller: ApiCallerSettingUp) -> AppResult<HttpResponse> {
    services::auth::logout(&caller.state, caller.user.session_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sets the password of an account from the one-time link it was given.
#[utoipa::path(request_body = AcceptInvitationBody, tag = "auth",
    responses((status = 204), (status = 400, body = ErrorBody, description = "invalid_token or weak_password")))]
#[post("/auth/accept-invitation")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    body: web::Json<AcceptInvitationBody>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let hash = state.hasher.hash_new(body.password).await??;
    state
        .db(move |conn| account_creation::set_password_with_token(conn, &body.token, &hash))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user and their organisation.
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = CurrentUser), (status = 401, body = ErrorBody)))]
#[get("/me")]
pub async fn me(caller: ApiCaller) -> HttpResponse {
    HttpResponse::Ok().json(caller.user)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetBody {
    pub email: String,
}

#[derive(Serialize, ToSchema)]
pub struct PasswordResetAccepted {
    /// Always `accepted`: the answer does not say whether the address has an account.
    pub status: &'static str,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirmBody {
    pub token: String,
    pub password: String,
}

/// Sends a password-reset link if the address belongs to an active account. The answer is the
/// same for any address.
#[utoipa::path(request_body = PasswordResetBody, tag = "auth",
    responses((status = 202, body = PasswordResetAccepted)))]
#[post("/auth/password-reset")]
pub async fn password_reset(
    state: web::Data<AppState>,
    client: ClientMeta,
    body: web::Json<PasswordResetBody>,
) -> AppResult<HttpResponse> {
    let ip = client.ip;
    reset::request(&state, body.into_inner().email, ip).await?;
    Ok(HttpResponse::Accepted().json(PasswordResetAccepted { status: "accepted" }))
}

/// Sets a new password with a reset link's token; every session of the account ends.
#[utoipa::path(request_body = PasswordResetConfirmBody, tag = "auth",
    responses((status = 204), (status = 400, body = ErrorBody, description = "invalid_token or weak_password")))]
#[post("/auth/password-reset/confirm")]
pub async fn password_reset_confirm(
    state: web::Data<AppState>,
    client: ClientMeta,
    body: web::Json<PasswordResetConfirmBody>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let hash = state.hasher.hash_new(body.password).await??;
    let ip = client.ip;
    state
        .db(move |conn| reset::confirm(conn, &body.token, &hash, &ip))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
