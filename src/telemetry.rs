//! Logs to stderr through `tracing`. Nothing logs passwords, tokens or query strings.

use std::io::IsTerminal;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_env("PORTAL_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}

/// The span of every request, for `tracing_actix_web::TracingLogger`: method, route (the
/// matched pattern, `/set-password/{token}`, else the path) and request id; never the query
/// string, headers or body, which can carry tokens, cookies and passwords (the crate's default
/// span records `http.target` with the query: not used). One line when the response is ready,
/// with its status and milliseconds.
pub struct RequestSpan;

struct Started(Instant);

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        request.extensions_mut().insert(Started(Instant::now()));
        let route = request
            .match_pattern()
            .unwrap_or_else(|| request.path().to_string());
        let request_id = request.extensions().get::<RequestId>().copied();
        tracing::info_span!(
            "request",
            method = %request.method(),
            route = %route,
            request_id = request_id.map(tracing::field::display),
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, started) = match outcome {
            Ok(res) => (
                res.status(),
                res.request().extensions().get::<Started>().map(|s| s.0),
            ),
            Err(e) => (e.as_response_error().status_code(), None),
        };
        let elapsed = started.map(|s| s.elapsed());
        let ms = elapsed.map(|e| e.as_secs_f64() * 1000.0);
        if let Ok(res) = outcome {
            let req = res.request();
            // The pattern only: a path would carry ids and tokens and make a series per id.
            let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
            crate::metrics::METRICS.request(
                req.method().as_str(),
                &route,
                status.as_u16(),
                elapsed,
            );
        }
        span.in_scope(|| tracing::info!(status = status.as_u16(), ms, "request"));
    }
}
