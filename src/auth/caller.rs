//! The caller of one request, extracted once: who is signed in (as [`CurrentUser`] and as the
//! access rules' [`Actor`]), the client address and the request language. The stricter
//! extractors are the same [`Caller`] with a stricter way in: [`ApiCaller`] (bearer API token),
//! [`PageCaller`] (session cookie, a signed-out browser goes to `/login`), [`AdminCaller`] (a
//! page caller, 403 unless an administrator), and the `…SettingUp` ones that also let in an
//! account that has still to set up two-factor. Requests without a user take [`ClientMeta`].

use std::future::{ready, Future, Ready};
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};

use super::extractors::{api_user, page_user, state, two_factor_set_up_first};
use super::{totp_setup_required, CurrentUser};
use crate::access::admin::{admin_only, AdminTask};
use crate::access::Actor;
use crate::error::AppError;
use crate::i18n;
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
    fn of(req: &HttpRequest, user_language: Option<&str>) -> Result<Self, AppError> {
        let state = state(req)?;
        Ok(ClientMeta {
            ip: state.client_ip(req),
            lang: i18n::request_language(req, user_language),
            state,
            req: req.clone(),
        })
    }
}

impl FromRequest for ClientMeta {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(ClientMeta::of(req, None))
    }
}

/// How a [`Caller`] comes in, and what refuses them.
pub trait Entry: 'static {
    type Error: Into<actix_web::Error> + From<AppError> + 'static;
    /// A browser's way in: its forms carry a CSRF token (a multipart form's is checked by the
    /// upload reader).
    const BROWSER: bool;
    fn user(req: HttpRequest) -> impl Future<Output = Result<CurrentUser, Self::Error>>;
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
        let req = req.clone();
        Box::pin(async move {
            let user = K::user(req.clone()).await?;
            let client = ClientMeta::of(&req, user.language.as_deref())?;
            Ok(Caller {
                actor: user.actor(),
                user,
                ip: client.ip,
                lang: client.lang,
                state: client.state,
                req: client.req,
                entry: PhantomData,
            })
        })
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

/// The user, or `refusal` when the account must set up two-factor before anything else.
fn set_up_first<E>(user: CurrentUser, refusal: fn() -> E) -> Result<CurrentUser, E> {
    if user.must_set_up_two_factor() {
        Err(refusal())
    } else {
        Ok(user)
    }
}

impl Entry for ApiSettingUp {
    const BROWSER: bool = false;
    type Error = AppError;
    async fn user(req: HttpRequest) -> Result<CurrentUser, AppError> {
        api_user(&req).await
    }
}

impl Entry for Api {
    const BROWSER: bool = false;
    type Error = AppError;
    async fn user(req: HttpRequest) -> Result<CurrentUser, AppError> {
        set_up_first(api_user(&req).await?, totp_setup_required)
    }
}

impl Entry for PageSettingUp {
    const BROWSER: bool = true;
    type Error = actix_web::Error;
    async fn user(req: HttpRequest) -> Result<CurrentUser, actix_web::Error> {
        page_user(&req).await
    }
}

impl Entry for Page {
    const BROWSER: bool = true;
    type Error = actix_web::Error;
    async fn user(req: HttpRequest) -> Result<CurrentUser, actix_web::Error> {
        set_up_first(page_user(&req).await?, two_factor_set_up_first)
    }
}

impl Entry for AdminPage {
    const BROWSER: bool = true;
    type Error = actix_web::Error;
    async fn user(req: HttpRequest) -> Result<CurrentUser, actix_web::Error> {
        let user = Page::user(req).await?;
        admin_only(&user.actor(), AdminTask::Administration)?;
        Ok(user)
    }
}
