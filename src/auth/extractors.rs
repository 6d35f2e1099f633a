//! Who is calling: the token of a request, for the request's `Caller` (`auth::caller`). The API
//! reads `Authorization: Bearer` (an API token only); a page reads the session cookie (a page
//! token only) and sends a signed-out browser to `/login`. Both check the session row every
//! time (`services::auth::session_user`).

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::jwt::{Claims, TokenKind};
use crate::domain::{OrgKind, Role};
use crate::error::AppError;
use crate::error::ErrorCode;
use crate::services;
use crate::state::AppState;

/// `__Host-`: the browser keeps it only if Secure, Path=/ and without Domain, so no sibling
/// subdomain can set or overwrite it.
pub const SESSION_COOKIE: &str = "__Host-portal_session";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CurrentUser {
    pub id: String,
    #[serde(skip)]
    pub session_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub language: Option<String>,
    #[serde(skip)]
    pub organisation_id: String,
    pub organisation_code: String,
    pub organisation_name: String,
    pub organisation_kind: OrgKind,
    /// Two-factor sign-in is on for this account.
    pub two_factor: bool,
    /// The role or the organisation requires two-factor of this account.
    #[serde(skip)]
    pub two_factor_required: bool,
}

impl CurrentUser {
    /// Two-factor is required and not set up: nothing but the set-up is open to the account.
    pub fn must_set_up_two_factor(&self) -> bool {
        self.two_factor_required && !self.two_factor
    }
}

/// A cookie for the whole site, never read by scripts, sent over HTTPS to this site only.
pub fn strict_cookie(
    name: &'static str,
    value: String,
    max_age: actix_web::cookie::time::Duration,
) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .finish()
}

pub fn session_cookie(token: String, max_age_secs: i64) -> Cookie<'static> {
    let max_age = actix_web::cookie::time::Duration::seconds(max_age_secs);
    strict_cookie(SESSION_COOKIE, token, max_age)
}

pub fn expired_session_cookie() -> Cookie<'static> {
    let mut c = session_cookie(String::new(), 0);
    c.make_removal();
    c
}

fn bearer(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub(super) fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("no state"))
}

/// The verified claims of an API request's bearer token (an API token only); its session is
/// still to be checked.
pub(super) fn api_claims(req: &HttpRequest, state: &AppState) -> Result<Claims, AppError> {
    let token = bearer(req).ok_or_else(AppError::unauthenticated)?;
    services::auth::verify_token(state, token, TokenKind::Api)
}

pub fn totp_setup_required() -> AppError {
    AppError::Forbidden {
        code: ErrorCode::TotpSetupRequired,
        message: "set up two-factor sign-in first (POST /api/v1/account/totp)".into(),
    }
}

pub const TWO_FACTOR_PAGE: &str = "/account/two-factor";

/// Sends the browser to the sign-in page and back here afterwards.
fn to_login(req: &HttpRequest) -> actix_web::Error {
    let next = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let location = format!(
        "/login?next={}",
        url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
    );
    let response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .cookie(expired_session_cookie())
        .finish();
    actix_web::error::InternalError::from_response("sign-in required", response).into()
}

/// The verified claims of a page's session cookie (a page token only); its session is still to
/// be checked. A browser without one goes to `/login`.
pub(super) fn page_claims(req: &HttpRequest, state: &AppState) -> Result<Claims, actix_web::Error> {
    req.cookie(SESSION_COOKIE)
        .and_then(|cookie| {
            services::auth::verify_token(state, cookie.value(), TokenKind::Page).ok()
        })
        .ok_or_else(|| to_login(req))
}

/// A page request whose session is not live goes to `/login`; any other error stays itself.
pub(super) fn page_signed_out(req: &HttpRequest, err: AppError) -> actix_web::Error {
    match err {
        AppError::Unauthorized { .. } => to_login(req),
        other => other.into(),
    }
}

/// The answer to a page request of an account that must set up two-factor first.
pub(super) fn two_factor_set_up_first() -> actix_web::Error {
    let response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, TWO_FACTOR_PAGE))
        .finish();
    actix_web::error::InternalError::from_response("two-factor set-up required", response).into()
}

/// The signed-in user of a page, if any (the sign-in page itself uses this).
pub async fn optional_page_user(req: &HttpRequest) -> Option<CurrentUser> {
    let state = state(req).ok()?;
    let cookie = req.cookie(SESSION_COOKIE)?;
    services::auth::authenticate(&state, cookie.value(), TokenKind::Page)
        .await
        .ok()
}
