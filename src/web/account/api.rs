//! `/api/v1/account/*`: the caller's own sessions, password and two-factor set-up.

use actix_web::{delete, get, post, web, HttpResponse};

use crate::auth::{ApiCaller, ApiCallerSettingUp};
use crate::auth::{ApiUser, ApiUserSettingUp};
use crate::error::{AppResult, ErrorBody};
use crate::services::account::two_factor::{self, RecoveryCodes, SetupStart};
use crate::services::account::{self, PasswordChange, SessionList};
use crate::state::AppState;

/// The caller's active sessions (device, address, last seen).
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = SessionList), (status = 401, body = ErrorBody)))]
#[get("/account/sessions")]
pub async fn list_sessions(state: web::Data<AppState>, user: ApiUser) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(account::sessions(&state, &user.0).await?))
}

/// Ends one of the caller's sessions.
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[delete("/account/sessions/{id}")]
pub async fn end_session(
    state: web::Data<AppState>,
    caller: ApiCaller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let ip = caller.ip;
    account::end_session(&state, &caller.user, ip, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Changes the caller's password (the current one is required); other sessions end.
#[utoipa::path(tag = "auth", request_body = PasswordChange, security(("bearer" = [])),
    responses((status = 204), (status = 400, body = ErrorBody, description = "wrong_password or weak_password")))]
#[post("/account/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: web::Json<PasswordChange>,
) -> AppResult<HttpResponse> {
    let ip = caller.ip;
    account::change_password(&state, &caller.user, ip, body.into_inner()).await?;
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
#[utoipa::path(tag = "auth", security(("bearer" = [])),
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
#[utoipa::path(tag = "auth", request_body = TotpConfirmBody, security(("bearer" = [])),
    responses((status = 200, body = RecoveryCodes), (status = 400, body = ErrorBody, description = "invalid_code or no_setup"), (status = 409, body = ErrorBody)))]
#[post("/account/totp/confirm")]
pub async fn confirm_totp(
    state: web::Data<AppState>,
    caller: ApiCallerSettingUp,
    body: web::Json<TotpConfirmBody>,
) -> AppResult<HttpResponse> {
    let user = caller.user;
    let ip = caller.ip;
    let code = body.into_inner().code;
    let keys = state.settings.totp_keys.clone();
    let codes = state
        .db(move |conn| two_factor::confirm_setup(conn, &keys, &user.id, &user.email, &ip, &code))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(codes))
}
