//! One error type for the whole application. It renders as the JSON error body
//! `{"error":{"code","message"}}`; `startup::error_pages` turns it into an HTML page for
//! browser paths. Internal causes are logged (once, with their sources), never shown.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

mod cause;
mod codes;
pub use cause::Cause;
pub use codes::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    #[error("{message}")]
    Unauthorized { code: ErrorCode, message: String },
    #[error("{message}")]
    Forbidden { code: ErrorCode, message: String },
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("too many attempts; try again later")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the database is not available at the moment; try again in a few seconds")]
    Unavailable,
    #[error("internal error")]
    Internal(Cause),
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError::BadRequest {
            code: ErrorCode::BadRequest,
            message: message.into(),
        }
    }

    pub fn invalid(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::BadRequest {
            code,
            message: message.into(),
        }
    }

    pub fn unauthenticated() -> Self {
        AppError::Unauthorized {
            code: ErrorCode::Unauthenticated,
            message: "sign-in required".into(),
        }
    }

    pub fn invalid_credentials() -> Self {
        AppError::Unauthorized {
            code: ErrorCode::InvalidCredentials,
            message: "wrong e-mail or password".into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden {
            code: ErrorCode::Forbidden,
            message: message.into(),
        }
    }

    /// An error inside the portal. The caller reads only "internal"; the log reads the cause
    /// with its sources and the place it was made, once, when the response is built.
    #[track_caller]
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        AppError::Internal(Cause::new(cause))
    }

    /// What an operator reads (the command line): the cause too.
    pub fn operator_message(&self) -> String {
        match self {
            AppError::Internal(cause) => format!("internal error: {cause:?}"),
            other => other.to_string(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadRequest { code, .. } => *code,
            AppError::Unauthorized { code, .. } => *code,
            AppError::Forbidden { code, .. } => *code,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            AppError::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            AppError::Unavailable => ErrorCode::Unavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// What the caller may read: never the internal cause.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(_) => "an internal error occurred".into(),
            other => other.to_string(),
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.public_message(),
            },
        }
    }
}

impl From<crate::domain::password_policy::PasswordProblem> for AppError {
    fn from(problem: crate::domain::password_policy::PasswordProblem) -> Self {
        AppError::invalid(ErrorCode::WeakPassword, problem.message())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            AppError::Forbidden { .. } => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            cause.log();
        }
        let mut res = HttpResponse::build(self.status_code());
        if let AppError::TooManyRequests { retry_after_secs } = self {
            res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let AppError::Unavailable = self {
            res.insert_header((
                header::RETRY_AFTER,
                UNAVAILABLE_RETRY_AFTER_SECS.to_string(),
            ));
        }
        if matches!(self, AppError::Unauthorized { .. }) {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"portal\""));
        }
        res.json(self.body())
    }
}

/// The `Retry-After` of a 503 while the database is away.
pub const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 5;

impl From<diesel::result::Error> for AppError {
    #[track_caller]
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            e if crate::db::is_unavailable(&e) => {
                let location = std::panic::Location::caller();
                tracing::warn!(%location, "database unavailable: {e}");
                AppError::Unavailable
            }
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::Conflict("this already exists".into()),
            other => AppError::internal(other),
        }
    }
}

impl From<r2d2::Error> for AppError {
    #[track_caller]
    fn from(e: r2d2::Error) -> Self {
        tracing::error!("database pool: {e}");
        AppError::Unavailable
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    #[track_caller]
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(e)
    }
}

impl From<tera::Error> for AppError {
    #[track_caller]
    fn from(e: tera::Error) -> Self {
        AppError::internal(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;
