//! `/api/v1/account/*`: the caller's own sessions, password and two-factor set-up.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};

use crate::auth::{ApiUser, ApiUserSettingUp};
use crate::error::{AppResult, ErrorBody};
use crate::services::account::two_factor::{self, RecoveryCodes, SetupStart};
use crate::services::account::{self, PasswordChange, SessionList};
use crate::state::AppState;

/// The caller's active sessions (device, address, last seen).
#[utoipa::path(get, path = "/api/v1/account/sessions", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = SessionList), (status = 401, body = ErrorBody)))]
#[get("/account/sessions")]
pub async fn list_sessions(state: web::Data<AppState>, user: ApiUser) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(account::sessions(&state, &user.0).await?))
}

/// Ends one of the caller's sessions.
#[utoipa::path(delete, path = "/api/v1/account/sessions/{id}", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[delete("/account/sessions/{id}")]
pub async fn end_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let ip = state.client_ip(&req);
    account::end_session(&state, &user.0, ip, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Changes the caller's password (the current one is required); other sessions end.
#[utoipa::path(post, path = "/api/v1/account/password", tag = "auth", request_body = PasswordChange, security(("bearer" = [])),
    responses((status = 204), (status = 400, body = ErrorBody, description = "wrong_password or weak_password")))]
#[post("/account/password")]
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<PasswordChange>,
) -> AppResult<HttpResponse> {
    let ip = state.client_ip(&req);
    account::change_password(&state, &user.0, ip, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpConfirmBody {
    /// The 6-digit code the authenticator app shows now.
    pub code: String,
}

/// Starts two-factor set-up: a new secret (or the pending one) to enter in an authenticator
/// app. Allowed before two-factor is set up, even where it is required.
#[utoipa::path(post, path = "/api/v1/account/totp", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = SetupStart), (status = 409, body = ErrorBody, description = "two-factor is already on")))]
#[post("/account/totp")]
pub async fn start_totp(
    state: web::Data<AppState>,
    user: ApiUserSettingUp,
) -> AppResult<HttpResponse> {
    let user = user.0;
    let issuer = two_factor::issuer(&state.settings.public_url);
    let keys = state.settings.totp_keys.clone();
    let start = state
        .db(move |conn| two_factor::start_setup(conn, &keys, &user.id, &user.email, &issuer))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(start))
}

/// Confirms set-up with a current code; returns ten single-use recovery codes, shown once.
#[utoipa::path(post, path = "/api/v1/account/totp/confirm", tag = "auth", request_body = TotpConfirmBody, security(("bearer" = [])),
    responses((status = 200, body = RecoveryCodes), (status = 400, body = ErrorBody, description = "invalid_code or no_setup"), (status = 409, body = ErrorBody)))]
#[post("/account/totp/confirm")]
pub async fn confirm_totp(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: ApiUserSettingUp,
    body: web::Json<TotpConfirmBody>,
) -> AppResult<HttpResponse> {
    let user = user.0;
    let ip = state.client_ip(&req);
    let code = body.into_inner().code;
    let keys = state.settings.totp_keys.clone();
    let codes = state
        .db(move |conn| two_factor::confirm_setup(conn, &keys, &user.id, &user.email, &ip, &code))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(codes))
}
