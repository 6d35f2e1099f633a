//! Who is calling. `ApiUser` reads `Authorization: Bearer`; `PageUser` reads the session
//! cookie and sends a signed-out browser to `/login`. Both check the session row every time.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{OrgKind, Role};
use crate::error::AppError;
use crate::services;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "portal_session";

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
}

pub fn session_cookie(token: String, max_age_secs: i64) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token)
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .max_age(actix_web::cookie::time::Duration::seconds(max_age_secs))
        .finish()
}

pub fn expired_session_cookie() -> Cookie<'static> {
    let mut c = session_cookie(String::new(), 0);
    c.make_removal();
    c
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("no state"))
}

pub struct ApiUser(pub CurrentUser);

impl FromRequest for ApiUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer(req);
        let state = state(req);
        Box::pin(async move {
            let state = state?;
            let token = token.ok_or_else(AppError::unauthenticated)?;
            Ok(ApiUser(services::auth::authenticate(&state, &token).await?))
        })
    }
}

pub struct PageUser(pub CurrentUser);

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

impl FromRequest for PageUser {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = state(&req)?;
            let Some(cookie) = req.cookie(SESSION_COOKIE) else {
                return Err(to_login(&req));
            };
            match services::auth::authenticate(&state, cookie.value()).await {
                Ok(user) => Ok(PageUser(user)),
                Err(AppError::Unauthorized { .. }) => Err(to_login(&req)),
                Err(other) => Err(other.into()),
            }
        })
    }
}

/// The signed-in user of a page, if any (the sign-in page itself uses this).
pub async fn optional_page_user(req: &HttpRequest) -> Option<CurrentUser> {
    let state = state(req).ok()?;
    let cookie = req.cookie(SESSION_COOKIE)?;
    services::auth::authenticate(&state, cookie.value())
        .await
        .ok()
}
