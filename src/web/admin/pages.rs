//! `/admin/…`: accounts (administrators: all; focal points: their organisation's, to invite
//! and deactivate), organisations, the audit log and its chain check (administrators). Other
//! users get the same "not found" page as for any unknown address.

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::auth::{CurrentUser, PageUser};
use crate::domain::Role;
use crate::error::{AppError, AppResult};
use crate::services::admin::account_management::{self};
use crate::state::AppState;
use crate::web::common::render::{page_context, render};

pub(super) fn admin_only(user: &CurrentUser) -> AppResult<()> {
    if user.role != Role::Admin {
        return Err(AppError::NotFound);
    }
    Ok(())
}

pub(super) fn account_managers_only(user: &CurrentUser) -> AppResult<()> {
    account_management::scope(user).map_err(|_| AppError::NotFound)?;
    Ok(())
}

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
    user: PageUser,
) -> AppResult<HttpResponse> {
    admin_only(&user.0)?;
    let ctx = page_context(&req, &state, Some(&user.0));
    render(&state, StatusCode::OK, "admin/index.html", &ctx)
}
