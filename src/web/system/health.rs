use std::time::Duration;

use actix_web::{get, web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The process is up.
#[utoipa::path(tag = "health", responses((status = 200, description = "alive")))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// Longest wait of `/readyz` for a connection, so a probe gets its answer within a second.
const READY_WAIT: Duration = Duration::from_millis(500);

/// The database answers and every migration of this portal has run on it.
#[utoipa::path(tag = "health", responses((status = 200, description = "ready"), (status = 503, description = "database unreachable or migrations pending")))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    state
        .db_within(READY_WAIT.min(state.settings.db_timeout), |conn| {
            conn.batch_execute("SELECT 1").map_err(|e| {
                tracing::warn!("readiness check failed: {e}");
                AppError::Unavailable
            })?;
            match crate::db::has_pending_migrations(conn) {
                Ok(false) => Ok(()),
                Ok(true) => {
                    tracing::warn!("readiness check failed: migrations are pending");
                    Err(AppError::Unavailable)
                }
                Err(e) => {
                    tracing::warn!("readiness check failed: {e}");
                    Err(AppError::Unavailable)
                }
            }
        })
        .await
        .map_err(|_| AppError::Unavailable)?;
    Ok(HttpResponse::Ok().json(serde_json::json!({"status": "ready"})))
}
