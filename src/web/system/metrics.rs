//! `GET /metrics`: the Prometheus text format, for the configured addresses
//! (`PORTAL_METRICS_ALLOW`, the peer's own address, never `X-Forwarded-For`) or a bearer
//! token (`PORTAL_METRICS_TOKEN`); anyone else gets the 404 of a route that does not exist.

use actix_web::{get, web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};
use crate::metrics::{Present, METRICS};
use crate::state::AppState;

fn allowed(req: &HttpRequest, state: &AppState) -> bool {
    let settings = &state.settings;
    let from_allowed = req
        .peer_addr()
        .is_some_and(|peer| settings.metrics_allow.contains(&peer.ip()));
    let presented = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    // Compared as digests, so the comparison's time says nothing about the token.
    let with_token = match (settings.metrics_token(), presented) {
        (Some(expected), Some(given)) => {
            Sha256::digest(expected.as_bytes()) == Sha256::digest(given.trim().as_bytes())
        }
        _ => false,
    };
    from_allowed || with_token
}

#[get("/metrics")]
pub async fn metrics(req: HttpRequest, state: web::Data<AppState>) -> AppResult<HttpResponse> {
    if !allowed(&req, &state) {
        return Err(AppError::NotFound);
    }
    let pool = state.pool.state();
    let mut present = Present {
        pool_in_use: i64::from(pool.connections - pool.idle_connections),
        pool_idle: i64::from(pool.idle_connections),
        hashes_in_flight: state.hasher.in_flight() as i64,
        hash_limit: state.settings.hash_concurrency as i64,
        outbox: Vec::new(),
    };
    // The outbox's depth when the database answers; the rest is served either way.
    if let Ok(depth) = state.db(|conn| Ok(crate::repo::outbox::depth(conn)?)).await {
        for status in ["pending", "held", "failed"] {
            let n = depth
                .iter()
                .find(|(s, _)| s.to_string() == status)
                .map_or(0, |(_, n)| *n);
            present.outbox.push((status.to_string(), n));
        }
    }
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(METRICS.render(&present)))
}
