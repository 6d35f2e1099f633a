//! What the JSON handlers share: one service call on a pooled connection, answered as JSON.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Serialize;

use crate::auth::{ApiCaller, CurrentUser};
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::state::AppState;

/// Runs `f` with the caller's account and address, and answers what it returns as JSON with
/// `status`.
pub async fn caller_json<T, F>(
    state: &AppState,
    caller: ApiCaller,
    status: StatusCode,
    f: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut DbConnection, &CurrentUser, &str) -> AppResult<T> + Send + 'static,
    T: Serialize + Send + 'static,
{
    let (user, ip) = (caller.user, caller.ip);
    user_json(state, user, status, move |conn, user| f(conn, user, &ip)).await
}

/// Runs `f` with the caller's account, and answers what it returns as JSON with `status`.
pub async fn user_json<T, F>(
    state: &AppState,
    user: CurrentUser,
    status: StatusCode,
    f: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut DbConnection, &CurrentUser) -> AppResult<T> + Send + 'static,
    T: Serialize + Send + 'static,
{
    let view = state.db(move |conn| f(conn, &user)).await?;
    Ok(HttpResponse::build(status).json(view))
}
