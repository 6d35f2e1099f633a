//! `/admin/…`: accounts (administrators: all; focal points: their organisation's, to invite
//! and deactivate), organisations, the audit log and its chain check (administrators). Other
//! signed-in users get 403, as on the API (`access::admin`).

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::auth::AdminCaller;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::common::render::{page_context, render};

/// A refusal the form's author can act on is shown on the page; anything else is an error page.
pub(super) fn form_problem(err: AppError) -> Result<(StatusCode, String), AppError> {
    use actix_web::ResponseError;
    match err {
        AppError::BadRequest { .. } | AppError::Conflict(_) | AppError::Forbidden { .. } => {
            Ok((err.status_code(), err.public_message()))
        }
        other => Err(other),
    }
}

#[get("/admin")]
pub async fn index_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: AdminCaller,
) -> AppResult<HttpResponse> {
    let ctx = page_context(&req, &state, Some(&caller.user));
    render(&state, StatusCode::OK, "admin/index.html", &ctx)
}
