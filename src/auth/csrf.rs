//! CSRF protection for HTML forms: a random value in an HttpOnly cookie and, in each form,
//! its HMAC under the server key (a signed double-submit token). A cross-site page can neither
//! read the cookie nor compute the HMAC. No maintained actix-web 4 CSRF crate exists; this is
//! the OWASP "signed double-submit cookie" pattern with the `hmac` crate's constant-time check.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;

use crate::error::AppError;
use crate::state::AppState;

pub const COOKIE: &str = "portal_csrf";
pub const FIELD: &str = "csrf_token";

#[derive(Clone)]
pub struct CsrfKey(Vec<u8>);

/// The cookie value chosen for this request when the browser had none yet; the
/// `csrf_cookie` middleware sends it back.
#[derive(Clone)]
pub struct FreshCsrfCookie(pub String);

impl CsrfKey {
    pub fn derive(jwt_secret: &[u8]) -> Self {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(jwt_secret).expect("HMAC takes any key length");
        mac.update(b"portal csrf key v1");
        CsrfKey(mac.finalize().into_bytes().to_vec())
    }

    fn mac(&self, cookie_value: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"csrf|");
        mac.update(cookie_value.as_bytes());
        mac
    }

    pub fn token_for(&self, cookie_value: &str) -> String {
        hex::encode(self.mac(cookie_value).finalize().into_bytes())
    }

    pub fn verify(&self, cookie_value: &str, token: &str) -> bool {
        match hex::decode(token) {
            Ok(bytes) if !cookie_value.is_empty() => {
                self.mac(cookie_value).verify_slice(&bytes).is_ok()
            }
            _ => false,
        }
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

/// The token to put in this page's forms.
pub fn form_token(req: &HttpRequest, key: &CsrfKey) -> String {
    match cookie_value(req) {
        Some(v) => key.token_for(&v),
        None => String::new(),
    }
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

/// A form whose body carries a `csrf_token` field.
pub trait CsrfProtected {
    fn csrf_token(&self) -> &str;
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
            let valid = req
                .cookie(COOKIE)
                .map(|c| state.csrf.verify(c.value(), form.csrf_token()))
                .unwrap_or(false);
            if !valid {
                return Err(AppError::Forbidden {
                    code: "csrf",
                    message: "the form has expired or did not come from this site; reload the page and try again"
                        .into(),
                }
                .into());
            }
            Ok(CsrfForm(form))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_bind_to_the_cookie_and_key() {
        let key = CsrfKey::derive(b"0123456789abcdef0123456789abcdef");
        let other = CsrfKey::derive(b"another secret of enough length!!");
        let t = key.token_for("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert!(key.verify("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa", &t));
        assert!(!key.verify("cookie-value-bbbbbbbbbbbbbbbbbbbbbbbbbbb", &t));
        assert!(!other.verify("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa", &t));
        assert!(!key.verify("", &t));
        assert!(!key.verify("cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa", "zz"));
    }
}
