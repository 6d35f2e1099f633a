//! `/api/v1/account/*`: the caller's own sessions, password and two-factor set-up.

use actix_web::web::{Json, Path};
use actix_web::{delete, get, post, HttpResponse};

use crate::auth::{ApiCaller, ApiEntrantSettingUp};
use crate::error::{AppResult, ErrorBody};
use crate::services::account::two_factor::{self, RecoveryCodes, SetupStart};
use crate::services::account::{self, PasswordChange, SessionList};
use crate::web::common::api::Answer;

/// The caller's active sessions (device, address, last seen).
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = SessionList), (status = 401, body = ErrorBody)))]
#[get("/account/sessions")]
pub async fn list_sessions(caller: ApiCaller) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(account::sessions(&caller.state, &caller.user).await?))
}

/// Ends one of the caller's sessions.
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[delete("/account/sessions/{id}")]
pub async fn end_session(caller: ApiCaller, id: Path<String>) -> AppResult<HttpResponse> {
    account::end_session(&caller.state, &caller.user, caller.ip, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Changes the caller's password (the current one is required); other sessions end.
#[utoipa::path(tag = "auth", request_body = PasswordChange, security(("bearer" = [])),
    responses((status = 204), (status = 400, body = ErrorBody, description = "wrong_password or weak_password")))]
#[post("/account/password")]
pub async fn change_password(
    caller: ApiCaller,
    body: Json<PasswordChange>,
) -> AppResult<HttpResponse> {
    account::change_password(&caller.state, &caller.user, caller.ip, body.0).await?;
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
pub fn start_totp(caller: ApiEntrantSettingUp) -> Answer {
    let issuer = two_factor::issuer(&caller.state.settings.public_url);
    let keys = caller.state.settings.totp_keys.clone();
    caller.ok(move |conn, user, _| {
        two_factor::start_setup(conn, &keys, &user.id, &user.email, &issuer)
    })
}

/// Confirms set-up with a current code; returns ten single-use recovery codes, shown once.
#[utoipa::path(tag = "auth", request_body = TotpConfirmBody, security(("bearer" = [])),
    responses((status = 200, body = RecoveryCodes), (status = 400, body = ErrorBody, description = "invalid_code or no_setup"), (status = 409, body = ErrorBody)))]
#[post("/account/totp/confirm")]
pub fn confirm_totp(caller: ApiEntrantSettingUp, body: Json<TotpConfirmBody>) -> Answer {
    let keys = caller.state.settings.totp_keys.clone();
    caller.ok(move |conn, user, ip| {
        two_factor::confirm_setup(conn, &keys, &user.id, &user.email, ip, &body.code)
    })
}

/// Proof for new recovery codes: the password or a current code from the app (one of them).
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecoveryCodesBody {
    pub password: Option<String>,
    /// The 6-digit code the authenticator app shows now.
    pub code: Option<String>,
}

/// Replaces the caller's recovery codes (two-factor on): the old ones stop working at once; the
/// ten new ones are returned once. Audited, refusals too.
#[utoipa::path(tag = "auth", request_body = RecoveryCodesBody, security(("bearer" = [])),
    responses((status = 200, body = RecoveryCodes), (status = 400, body = ErrorBody, description = "wrong_password (neither the password nor a current code) or no_setup")))]
#[post("/account/totp/recovery-codes")]
pub async fn regenerate_recovery_codes(
    caller: ApiCaller,
    body: Json<RecoveryCodesBody>,
) -> AppResult<HttpResponse> {
    let proof = match (body.0.password, body.0.code) {
        (Some(p), None) => p,
        // A code that is not six digits is not taken for a password.
        (None, Some(c)) if c.chars().filter(|c| c.is_ascii_digit()).count() == 6 => c,
        (None, Some(_)) => String::new(),
        _ => {
            return Err(crate::error::AppError::invalid(
                crate::error::ErrorCode::InvalidField,
                "give either password or code",
            ))
        }
    };
    let codes = crate::services::account::recovery_codes::regenerate(
        &caller.state,
        &caller.user,
        caller.ip.clone(),
        proof,
    )
    .await?;
    Ok(HttpResponse::Ok().json(codes))
}
