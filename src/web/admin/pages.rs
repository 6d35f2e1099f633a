//! `/admin/…`: accounts (administrators: all; focal points: their organisation's, to invite
//! and deactivate), organisations, the audit log and its chain check (administrators). Other
//! signed-in users get 403, as on the API (`access::admin`).

use actix_web::http::StatusCode;
use actix_web::{get, HttpResponse};

use crate::auth::AdminCaller;
use crate::error::{AppError, AppResult};

/// A form's result with a refusal its author can act on taken out, as the status and the
/// message to show on the page: what its error code means, in the reader's language (the
/// API's messages are written for developers); anything else is an error page.
pub(super) fn form_problem<T>(
    result: AppResult<T>,
    lang: &str,
) -> AppResult<Result<T, (StatusCode, String)>> {
    use actix_web::ResponseError;
    match result {
        Ok(done) => Ok(Ok(done)),
        Err(
            err
            @ (AppError::BadRequest { .. } | AppError::Conflict(_) | AppError::Forbidden { .. }),
        ) => {
            let message = crate::i18n::text(lang, &err.code().message_key());
            Ok(Err((err.status_code(), message)))
        }
        Err(other) => Err(other),
    }
}

#[get("/admin")]
pub async fn index_page(caller: AdminCaller) -> AppResult<HttpResponse> {
    caller.render("admin/index.html", &caller.context())
}
