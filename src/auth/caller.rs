//! The caller of one request, extracted once: who is signed in (as [`CurrentUser`] and as the
//! access rules' [`Actor`]), the client address and the request language. An [`Entrant`] is
//! the same caller let in together with the handler's first service call (one trip to the
//! blocking pool). The stricter
//! extractors are the same [`Caller`] with a stricter way in: [`ApiCaller`] (bearer API token),
//! [`PageCaller`] (session cookie, a signed-out browser goes to `/login`), [`AdminCaller`] (a
//! page caller, 403 unless an administrator), and the `…SettingUp` ones that also let in an
//! account that has still to set up two-factor. Requests without a user take [`ClientMeta`].

use std::future::{ready, Future, Ready};
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};

use super::extractors::{api_claims, page_claims, page_signed_out, state, two_factor_set_up_first};
use super::jwt::Claims;
use super::{totp_setup_required, CurrentUser};
use crate::access::admin::{admin_only, AdminTask};
use crate::access::Actor;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::i18n;
use crate::services;
use crate::state::AppState;

/// What every request says about its client: the address (believing `X-Forwarded-For` only
/// from the trusted proxies) and the language (cookie, then the account's choice, then
/// `Accept-Language`); with the request and the application state, for the pages of a
/// signed-out visitor (`web::common::render`).
pub struct ClientMeta {
    pub ip: String,
    pub lang: &'static str,
    pub state: web::Data<AppState>,
    pub req: HttpRequest,
}

impl ClientMeta {
    fn of(req: &HttpRequest) -> Result<Self, AppError> {
        let state = state(req)?;
        Ok(ClientMeta {
            ip: state.client_ip(req),
            lang: i18n::request_language(req, None),
            state,
            req: req.clone(),
        })
    }
}

impl FromRequest for ClientMeta {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(ClientMeta::of(req))
    }
}

/// How a [`Caller`] comes in, and what refuses them.
pub trait Entry: 'static {
    type Error: Into<actix_web::Error> + From<AppError> + 'static;
    /// A browser's way in: its forms carry a CSRF token (a multipart form's is checked by the
    /// upload reader).
    const BROWSER: bool;
    /// The verified claims of the request's token (no database yet), or its refusal.
    fn claims(req: &HttpRequest, state: &AppState) -> Result<Claims, Self::Error>;
    /// The refusal of a request whose session is not live (`err` is `Unauthorized`).
    fn signed_out(req: &HttpRequest, err: AppError) -> Self::Error;
    /// Lets the signed-in user in this way, or refuses them.
    fn admit(user: &CurrentUser) -> Result<(), Self::Error>;
}

/// The signed-in caller of a request; `K` is the way in ([`Api`], [`Page`], [`AdminPage`]…).
/// It also carries the request and the application state, so a handler needs nothing else to
/// run its service call and answer (`web::common::api` for JSON, `web::common::render` for
/// pages).
pub struct Caller<K> {
    pub user: CurrentUser,
    pub actor: Actor,
    pub ip: String,
    pub lang: &'static str,
    pub state: web::Data<AppState>,
    pub req: HttpRequest,
    entry: PhantomData<K>,
}

impl<K: Entry> FromRequest for Caller<K> {
    type Error = K::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, K::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let entrant = Entrant::<K>::of(req);
        Box::pin(async move { Ok(entrant?.db(|_, _, _| Ok(())).await?.0) })
    }
}

/// A caller whose token is verified but whose session is still to be checked: [`Entrant::db`]
/// checks it and runs the handler's first service call on the same pooled connection, in one
/// trip to the blocking pool instead of two, and only then gives the handler its [`Caller`].
/// Nothing of the caller can be read before: a handler's code before that call is the same
/// for everyone (reading its input).
pub struct Entrant<K> {
    claims: Claims,
    req: HttpRequest,
    /// The application's state (the same for every caller: settings, keys, caches).
    pub state: web::Data<AppState>,
    entry: PhantomData<K>,
}

/// What the session check found, with the service call's answer when the caller is let in.
enum Admission<T> {
    SignedOut(AppError),
    Refused(CurrentUser),
    In(CurrentUser, T),
}

impl<K: Entry> FromRequest for Entrant<K> {
    type Error = K::Error;
    type Future = Ready<Result<Self, K::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Entrant::of(req))
    }
}

impl<K: Entry> Entrant<K> {
    fn of(req: &HttpRequest) -> Result<Self, K::Error> {
        let state = state(req)?;
        let claims = K::claims(req, &state)?;
        Ok(Entrant {
            claims,
            req: req.clone(),
            state,
            entry: PhantomData,
        })
    }

    /// Checks the session and, if this way lets the user in, runs `f` on the same connection
    /// with the caller's account and address: the [`Caller`] and what `f` returned.
    pub async fn db<T, F>(self, f: F) -> Result<(Caller<K>, T), K::Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &CurrentUser, &str) -> AppResult<T> + Send + 'static,
    {
        let Entrant {
            claims, req, state, ..
        } = self;
        let ip = state.client_ip(&req);
        let call_ip = ip.clone();
        let admission = state
            .db(move |conn| {
                let user = match services::auth::session_user(conn, &claims) {
                    Ok(user) => user,
                    Err(err @ AppError::Unauthorized { .. }) => {
                        return Ok(Admission::SignedOut(err))
                    }
                    Err(other) => return Err(other),
                };
                if K::admit(&user).is_err() {
                    return Ok(Admission::Refused(user));
                }
                let answer = f(conn, &user, &call_ip)?;
                Ok(Admission::In(user, answer))
            })
            .await?;
        match admission {
            Admission::SignedOut(err) => Err(K::signed_out(&req, err)),
            Admission::Refused(user) => Err(K::admit(&user)
                .err()
                .unwrap_or_else(|| AppError::internal("refused, then let in").into())),
            Admission::In(user, answer) => {
                let lang = i18n::request_language(&req, user.language.as_deref());
                let caller = Caller {
                    actor: user.actor(),
                    user,
                    ip,
                    lang,
                    state,
                    req,
                    entry: PhantomData,
                };
                Ok((caller, answer))
            }
        }
    }
}

/// By bearer API token; an account that must set up two-factor gets 403 `totp_setup_required`.
#[derive(Debug)]
pub enum Api {}
/// By bearer API token, also before two-factor is set up (the set-up endpoints).
#[derive(Debug)]
pub enum ApiSettingUp {}
/// By session cookie; an account that must set up two-factor goes to the set-up page first.
#[derive(Debug)]
pub enum Page {}
/// By session cookie, also before two-factor is set up (the set-up pages).
#[derive(Debug)]
pub enum PageSettingUp {}
/// By session cookie, administrators only: anyone else signed in gets 403 `forbidden`.
#[derive(Debug)]
pub enum AdminPage {}

pub type ApiCaller = Caller<Api>;
pub type ApiCallerSettingUp = Caller<ApiSettingUp>;
pub type PageCaller = Caller<Page>;
pub type PageCallerSettingUp = Caller<PageSettingUp>;
pub type AdminCaller = Caller<AdminPage>;
pub type ApiEntrant = Entrant<Api>;
pub type ApiEntrantSettingUp = Entrant<ApiSettingUp>;
pub type PageEntrant = Entrant<Page>;

/// `Ok`, or `refusal` when the account must set up two-factor before anything else.
fn set_up_first<E>(user: &CurrentUser, refusal: fn() -> E) -> Result<(), E> {
    if user.must_set_up_two_factor() {
        Err(refusal())
    } else {
        Ok(())
    }
}

/// The API's ways in: a bearer token, and a signed-out caller is told so (401).
macro_rules! by_bearer_token {
    () => {
        const BROWSER: bool = false;
        type Error = AppError;
        fn claims(req: &HttpRequest, state: &AppState) -> Result<Claims, AppError> {
            api_claims(req, state)
        }
        fn signed_out(_: &HttpRequest, err: AppError) -> AppError {
            err
        }
    };
}

/// The pages' ways in: the session cookie, and a signed-out browser goes to `/login`.
macro_rules! by_session_cookie {
    () => {
        const BROWSER: bool = true;
        type Error = actix_web::Error;
        fn claims(req: &HttpRequest, state: &AppState) -> Result<Claims, actix_web::Error> {
            page_claims(req, state)
        }
        fn signed_out(req: &HttpRequest, err: AppError) -> actix_web::Error {
            page_signed_out(req, err)
        }
    };
}

impl Entry for ApiSettingUp {
    by_bearer_token!();
    fn admit(_: &CurrentUser) -> Result<(), AppError> {
        Ok(())
    }
}

impl Entry for Api {
    by_bearer_token!();
    fn admit(user: &CurrentUser) -> Result<(), AppError> {
        set_up_first(user, totp_setup_required)
    }
}

impl Entry for PageSettingUp {
    by_session_cookie!();
    fn admit(_: &CurrentUser) -> Result<(), actix_web::Error> {
        Ok(())
    }
}

impl Entry for Page {
    by_session_cookie!();
    fn admit(user: &CurrentUser) -> Result<(), actix_web::Error> {
        set_up_first(user, two_factor_set_up_first)
    }
}

impl Entry for AdminPage {
    by_session_cookie!();
    fn admit(user: &CurrentUser) -> Result<(), actix_web::Error> {
        Page::admit(user)?;
        admin_only(&user.actor(), AdminTask::Administration)?;
        Ok(())
    }
}
