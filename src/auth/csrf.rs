//! CSRF protection for HTML forms. For a signed-in browser each form carries an HMAC, under the
//! server's CSRF key, of the session id (the session token's `jti`): a token from another
//! session never validates, and the token changes with every sign-in. Forms that a signed-out
//! browser posts (sign-in, password reset, set-password, language) carry instead the HMAC of a
//! random pre-session value kept in an HttpOnly cookie (a signed double-submit token). A
//! cross-site page can neither read the cookies nor compute the HMAC. No maintained actix-web 4
//! CSRF crate exists; these are OWASP's HMAC-based token patterns with the `hmac` crate's
//! constant-time check. As a second line, [`cross_site_write`] refuses state-changing requests
//! to the pages whose `Origin` or `Sec-Fetch-Site` says they come from another site.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::{header, Method};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;

use super::extractors::SESSION_COOKIE;
use super::jwt::TokenKind;
use crate::error::AppError;
use crate::error::ErrorCode;
use crate::state::AppState;

/// `__Host-`: the browser keeps it only if Secure, Path=/ and without Domain, so no sibling
/// subdomain can plant its own value.
pub const COOKIE: &str = "__Host-portal_csrf";
pub const FIELD: &str = "csrf_token";

#[derive(Clone)]
pub struct CsrfKey(Vec<u8>);

/// The cookie value chosen for this request when the browser had none yet; the
/// `csrf_cookie` middleware sends it back.
#[derive(Clone)]
pub struct FreshCsrfCookie(pub String);

/// What a token is bound to; each has its own label inside the HMAC.
#[derive(Clone, Copy)]
enum Binding {
    Session,
    PreSession,
}

impl CsrfKey {
    pub fn derive(jwt_secret: &[u8]) -> Self {
        CsrfKey(super::tokens::derive_key(jwt_secret, b"portal csrf key v1"))
    }

    fn mac(&self, binding: Binding, value: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(match binding {
            Binding::Session => b"session|".as_slice(),
            Binding::PreSession => b"pre-session|".as_slice(),
        });
        mac.update(value.as_bytes());
        mac
    }

    fn token(&self, binding: Binding, value: &str) -> String {
        hex::encode(self.mac(binding, value).finalize().into_bytes())
    }

    fn verify(&self, binding: Binding, value: &str, token: &str) -> bool {
        match hex::decode(token) {
            Ok(bytes) if !value.is_empty() => self.mac(binding, value).verify_slice(&bytes).is_ok(),
            _ => false,
        }
    }

    /// The token of a signed-in browser's forms: bound to its session id.
    pub fn session_token(&self, session_id: &str) -> String {
        self.token(Binding::Session, session_id)
    }

    pub fn verify_session(&self, session_id: &str, token: &str) -> bool {
        self.verify(Binding::Session, session_id, token)
    }

    /// The token of a signed-out browser's forms: bound to its pre-session cookie.
    pub fn pre_session_token(&self, cookie_value: &str) -> String {
        self.token(Binding::PreSession, cookie_value)
    }

    pub fn verify_pre_session(&self, cookie_value: &str, token: &str) -> bool {
        self.verify(Binding::PreSession, cookie_value, token)
    }
}

fn cookie_value(req: &HttpRequest) -> Option<String> {
    if let Some(fresh) = req.extensions().get::<FreshCsrfCookie>() {
        return Some(fresh.0.clone());
    }
    req.cookie(COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() >= 32 && v.len() <= 128)
}

/// The token to put in this page's forms: bound to the session of the signed-in user the page
/// is rendered for, or else to the browser's pre-session cookie.
pub fn form_token(req: &HttpRequest, key: &CsrfKey, session_id: Option<&str>) -> String {
    if let Some(session_id) = session_id {
        return key.session_token(session_id);
    }
    match cookie_value(req) {
        Some(v) => key.pre_session_token(&v),
        None => String::new(),
    }
}

/// The session id (`jti`) of the request's session cookie, if it carries a page token with a
/// valid signature. Whether the session is still live is the page extractors' business.
pub fn cookie_session_id(req: &HttpRequest, state: &AppState) -> Option<String> {
    let cookie = req.cookie(SESSION_COOKIE)?;
    state
        .jwt
        .verify(TokenKind::Page, cookie.value())
        .map(|claims| claims.jti)
}

/// Whether `token` is valid for this request: bound to the session of its session cookie, or,
/// for a form a signed-out browser may post (`signed_out_form`), to its pre-session cookie.
pub fn token_is_valid(
    req: &HttpRequest,
    state: &AppState,
    token: &str,
    signed_out_form: bool,
) -> bool {
    let by_session = cookie_session_id(req, state)
        .map(|sid| state.csrf.verify_session(&sid, token))
        .unwrap_or(false);
    by_session
        || (signed_out_form
            && req
                .cookie(COOKIE)
                .map(|c| state.csrf.verify_pre_session(c.value(), token))
                .unwrap_or(false))
}

/// Called by middleware before the handler: gives a cookie-less browser a value to sign.
pub fn ensure_cookie(req: &HttpRequest) {
    if cookie_value(req).is_none() {
        req.extensions_mut()
            .insert(FreshCsrfCookie(super::tokens::random_token()));
    }
}

pub fn cookie(value: String) -> Cookie<'static> {
    Cookie::build(COOKIE, value)
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .finish()
}

pub fn refusal() -> AppError {
    AppError::Forbidden {
        code: ErrorCode::Csrf,
        message:
            "the form has expired or did not come from this site; reload the page and try again"
                .into(),
    }
}

/// A state-changing request (not GET or HEAD) to the pages that a browser says comes from
/// another site: `Sec-Fetch-Site: cross-site`, or an `Origin` that is neither the public URL's
/// nor the request's own host. Absent headers pass (other clients and old browsers omit them),
/// and so does `Origin: null`: the pages' `Referrer-Policy: no-referrer` makes browsers send
/// it on their own same-origin form posts. The CSRF token stays the first line.
pub fn cross_site_write(req: &HttpRequest, public_url: &str) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        return false;
    }
    let path = req.path();
    if path.starts_with("/api/") || path.starts_with("/assets/") {
        return false;
    }
    let text = |name: &str| {
        req.headers()
            .get(name)
            .map(|v| v.to_str().unwrap_or("invalid").trim().to_ascii_lowercase())
    };
    if text("sec-fetch-site").as_deref() == Some("cross-site") {
        return true;
    }
    match text(header::ORIGIN.as_str()) {
        None => false,
        Some(origin) if origin == "null" => false,
        Some(origin) => !same_origin(&origin, req, public_url),
    }
}

fn same_origin(origin: &str, req: &HttpRequest, public_url: &str) -> bool {
    let Ok(origin) = url::Url::parse(origin) else {
        return false;
    };
    if !matches!(origin.scheme(), "http" | "https") {
        return false;
    }
    if url::Url::parse(public_url).is_ok_and(|public| public.origin() == origin.origin()) {
        return true;
    }
    // The host the browser addressed (TLS may end at a proxy, so the scheme is not compared).
    let Some(host) = origin.host_str() else {
        return false;
    };
    let authority = match origin.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    authority.eq_ignore_ascii_case(req.connection_info().host())
}

/// A form whose body carries a `csrf_token` field.
pub trait CsrfProtected {
    fn csrf_token(&self) -> &str;
    /// A form a signed-out browser posts (sign-in, password reset, …): it also takes the
    /// pre-session token. Every other form takes only the token of the browser's session.
    const SIGNED_OUT: bool = false;
}

/// `web::Form<T>` that refuses the request (403) unless its CSRF token is valid.
pub struct CsrfForm<T>(pub T);

impl<T> FromRequest for CsrfForm<T>
where
    T: DeserializeOwned + CsrfProtected + 'static,
{
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let form = web::Form::<T>::from_request(&req, payload);
        Box::pin(async move {
            let form = form
                .await
                .map_err(|_| AppError::bad_request("the form could not be read"))?
                .into_inner();
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::internal("no state"))?;
            if !token_is_valid(&req, state, form.csrf_token(), T::SIGNED_OUT) {
                return Err(refusal().into());
            }
            Ok(CsrfForm(form))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_bind_to_their_value_kind_and_key() {
        let (key, other) = crate::auth::test_keys(CsrfKey::derive);
        let t = key.pre_session_token("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert!(key.verify_pre_session("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa", &t));
        assert!(!key.verify_pre_session("cookie-value-bbbbbbbbbbbbbbbbbbbbbbbbbbb", &t));
        assert!(!other.verify_pre_session("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa", &t));
        assert!(!key.verify_pre_session("", &t));
        assert!(!key.verify_pre_session("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa", "zz"));
        // A session's token is not a pre-session token for the same value, nor the reverse.
        let s = key.session_token("session-1");
        assert!(key.verify_session("session-1", &s));
        assert!(!key.verify_session("session-2", &s));
        assert!(!key.verify_pre_session("session-1", &s));
        let p = key.pre_session_token("session-1");
        assert!(!key.verify_session("session-1", &p));
    }
}
