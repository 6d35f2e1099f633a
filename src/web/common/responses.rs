//! What every response goes through: the security headers, the error shapes (the JSON error
//! body on the API, the translated error page elsewhere, framework errors included), and the
//! answer for a request no route took.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, QueryPayloadError};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::error::ErrorCode;
use crate::state::AppState;
use crate::web::common::render;

/// No route took the request: 405 with `Allow` when the API has the path under other methods
/// (TRACE, OPTIONS, HEAD, ...), 404 otherwise.
pub async fn unrouted(req: HttpRequest) -> Result<HttpResponse, AppError> {
    match crate::web::system::openapi::allowed_methods(req.path()) {
        Some(methods) => Ok(HttpResponse::MethodNotAllowed()
            .insert_header(header::Allow(methods))
            .finish()),
        None => Err(AppError::NotFound),
    }
}

pub fn security_headers(res: &mut ServiceResponse<BoxBody>) {
    let is_asset = res.request().path().starts_with("/assets/") && res.status().is_success();
    let h = res.headers_mut();
    let set = |h: &mut actix_web::http::header::HeaderMap,
               name: header::HeaderName,
               value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    );
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        header::STRICT_TRANSPORT_SECURITY,
        "max-age=31536000; includeSubDomains",
    );
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    if !is_asset {
        set(h, header::CACHE_CONTROL, "no-store");
        set(h, header::PRAGMA, "no-cache");
    }
}

pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let app = match &err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::PayloadTooLarge
        }
        JsonPayloadError::ContentType => AppError::invalid(
            ErrorCode::UnsupportedMediaType,
            "send a JSON body with Content-Type: application/json",
        ),
        JsonPayloadError::Deserialize(e) => AppError::invalid(
            ErrorCode::InvalidJson,
            format!("the JSON body is invalid: {e}"),
        ),
        _ => AppError::invalid(ErrorCode::InvalidJson, "the JSON body could not be read"),
    };
    app.into()
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    AppError::invalid(
        ErrorCode::InvalidQuery,
        format!("the query string is invalid: {err}"),
    )
    .into()
}

fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path == "/readyz"
}

fn content_type_starts(res: &ServiceResponse<impl MessageBody>, prefix: &str) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.starts_with(prefix))
        .unwrap_or(false)
}

/// Every 4xx/5xx leaves in the right shape: the JSON error body on the API, the HTML error
/// page (translated, with the site's layout) everywhere else. Framework errors included.
pub fn error_page<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    let code = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
        .map(|e| e.code());
    let retry_after = res.headers().get(header::RETRY_AFTER).cloned();
    let allow = res.headers().get(header::ALLOW).cloned();
    if is_api_path(res.request().path()) {
        if content_type_starts(&res, "application/json") {
            return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
        }
        let code = code.unwrap_or(ErrorCode::of_status(status.as_u16()));
        let message = status.canonical_reason().unwrap_or("error").to_lowercase();
        let mut body = HttpResponse::build(status);
        if let Some(v) = retry_after {
            body.insert_header((header::RETRY_AFTER, v));
        }
        if let Some(v) = allow {
            body.insert_header((header::ALLOW, v));
        }
        let response = body.json(serde_json::json!({"error": {"code": code, "message": message}}));
        return Ok(ErrorHandlerResponse::Response(
            res.into_response(response).map_into_right_body(),
        ));
    }
    if content_type_starts(&res, "text/html") {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, _) = res.into_parts();
    // Someone signed in keeps the navigation and their language on the error page.
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        // Not on a server error: the database may be what failed.
        let user = match status.is_server_error() {
            true => None,
            false => crate::auth::extractors::optional_page_user(&req).await,
        };
        let response = html_error_response(&req, status, code, retry_after, user.as_ref());
        Ok(ServiceResponse::new(req, response).map_into_right_body())
    })))
}

fn html_error_response(
    req: &HttpRequest,
    status: StatusCode,
    code: Option<ErrorCode>,
    retry_after: Option<HeaderValue>,
    user: Option<&crate::auth::extractors::CurrentUser>,
) -> HttpResponse {
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return HttpResponse::build(status)
            .content_type("text/plain; charset=utf-8")
            .body("error");
    };
    let mut ctx = render::page_context(req, state, user);
    ctx.insert("message_key", &render::error_message_key(status, code));
    let title_key = match status {
        StatusCode::NOT_FOUND => "error-title-not-found",
        StatusCode::FORBIDDEN => "error-title-forbidden",
        _ => "error-title",
    };
    ctx.insert("title_key", title_key);
    // Someone signed out is offered the sign-in page, not the dashboard.
    ctx.insert("signed_in", &user.is_some());
    match render::render(state, status, "error.html", &ctx) {
        Ok(mut response) => {
            if let Some(v) = retry_after {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
        Err(_) => HttpResponse::build(status)
            .content_type("text/plain; charset=utf-8")
            .body("error"),
    }
}
