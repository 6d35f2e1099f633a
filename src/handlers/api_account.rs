//! `/api/v1/account/*`: the caller's own sessions and password.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};

use crate::auth::client_ip::client_ip;
use crate::auth::ApiUser;
use crate::error::{AppResult, ErrorBody};
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
    let ip = client_ip(&req, &state.settings.trusted_proxies);
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
    let ip = client_ip(&req, &state.settings.trusted_proxies);
    account::change_password(&state, &user.0, ip, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
