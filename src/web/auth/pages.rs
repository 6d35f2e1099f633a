//! Sign-in, sign-out and set-password pages.

use actix_web::http::{header, StatusCode};
use actix_web::web::Query;
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::device;
use crate::auth::extractors::{expired_session_cookie, optional_page_user, session_cookie};
use crate::auth::jwt::TokenKind;
use crate::auth::ClientMeta;
use crate::auth::PageCallerSettingUp;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::services::{self, admin::account_creation};
use crate::state::AppState;
use crate::web::auth::api::login_request;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{render, safe_next, see_other};

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    done: Option<String>,
}

#[get("/login")]
pub async fn login_page(client: ClientMeta, q: Query<LoginQuery>) -> AppResult<HttpResponse> {
    if optional_page_user(&client.req).await.is_some() {
        return Ok(see_other(safe_next(q.next.as_deref())));
    }
    let mut ctx = client.context();
    ctx.insert("next", &safe_next(q.next.as_deref()));
    ctx.insert("email", "");
    if q.done.is_some() {
        ctx.insert("notice", "login-password-set");
    }
    render(&client.state, StatusCode::OK, "login.html", &ctx)
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf_token: String,
    email: String,
    password: String,
    #[serde(default)]
    totp: Option<String>,
    next: Option<String>,
}
csrf_protected!(LoginForm, signed_out);

#[post("/login")]
pub async fn login_submit(
    client: ClientMeta,
    form: CsrfForm<LoginForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let next = safe_next(form.next.as_deref());
    let (email, password, totp) = (form.email.clone(), form.password, form.totp);
    let ip = client.ip.clone();
    let request = login_request(&client.req, ip, email, password, totp, TokenKind::Page);
    let result = services::auth::login(&client.state, request).await;
    match result {
        Ok(signed_in) => {
            let max_age = (signed_in.expires_at - chrono::Utc::now()).num_seconds();
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, next))
                .cookie(session_cookie(signed_in.token, max_age))
                .cookie(device::cookie(signed_in.device_cookie))
                .finish())
        }
        Err(err @ (AppError::Unauthorized { .. } | AppError::TooManyRequests { .. })) => {
            let mut ctx = client.context();
            ctx.insert("next", &next);
            ctx.insert("email", form.email.trim());
            let error = match err.code() {
                ErrorCode::TotpRequired => "login-totp-required",
                ErrorCode::InvalidTotp => "login-totp-wrong",
                ErrorCode::TotpUnavailable => "login-totp-unavailable",
                _ => "login-failed",
            };
            ctx.insert("error", error);
            ctx.insert("totp_focus", &error.starts_with("login-totp"));
            if let AppError::TooManyRequests { retry_after_secs } = err {
                ctx.insert("retry_minutes", &retry_after_secs.div_ceil(60));
                let too_many = StatusCode::TOO_MANY_REQUESTS;
                let mut r = render(&client.state, too_many, "login.html", &ctx)?;
                r.headers_mut()
                    .insert(header::RETRY_AFTER, retry_after_secs.into());
                Ok(r)
            } else {
                render(&client.state, StatusCode::UNAUTHORIZED, "login.html", &ctx)
            }
        }
        Err(other) => Err(other),
    }
}

#[post("/logout")]
pub async fn logout(
    caller: PageCallerSettingUp,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    services::auth::logout(&caller.state, caller.user.session_id).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/login"))
        .cookie(expired_session_cookie())
        .finish())
}

/// A new password from a form with its repetition: hashed, or the translation key of what is
/// wrong with it.
pub async fn new_password_hash(
    state: &AppState,
    password: String,
    repeated: &str,
) -> AppResult<Result<String, &'static str>> {
    if password != repeated {
        return Ok(Err("set-password-mismatch"));
    }
    Ok(state.hasher.hash_new(password).await?.map_err(|p| p.key()))
}

/// A link that sets a password: its page's title, where its form posts, and where to ask for
/// a new link.
pub struct PasswordLink {
    pub title_key: &'static str,
    pub form_action: &'static str,
    pub again_href: Option<&'static str>,
}

const INVITATION: PasswordLink = PasswordLink {
    title_key: "set-password-title",
    form_action: "/set-password",
    again_href: None,
};

/// `set_password.html`, the page of the invitation link and of the reset link: the form of a
/// link's `token` (none when the link is not valid), again with `error` (a message key) when
/// the password was refused; 400 unless it is the form of a valid link.
pub fn password_page(
    client: &ClientMeta,
    link: &PasswordLink,
    token: Option<&str>,
    error: Option<&str>,
) -> AppResult<HttpResponse> {
    let mut ctx = client.context();
    ctx.insert("title_key", link.title_key);
    ctx.insert("form_action", link.form_action);
    ctx.insert("again_href", &link.again_href);
    ctx.insert("invalid", &token.is_none());
    ctx.insert("token", token.unwrap_or_default());
    ctx.insert("error", &error);
    let status = match (token, error) {
        (Some(_), None) => StatusCode::OK,
        _ => StatusCode::BAD_REQUEST,
    };
    render(&client.state, status, "set_password.html", &ctx)
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

#[get("/set-password")]
pub async fn set_password_page(
    client: ClientMeta,
    q: Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    let token = q.0.token.unwrap_or_default();
    let lookup = token.clone();
    let valid = !token.is_empty()
        && client
            .state
            .db(move |conn| account_creation::user_for_token(conn, &lookup))
            .await?
            .is_some();
    password_page(&client, &INVITATION, valid.then_some(token.as_str()), None)
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    csrf_token: String,
    token: String,
    password: String,
    password_confirm: String,
}
csrf_protected!(SetPasswordForm, signed_out);

#[post("/set-password")]
pub async fn set_password_submit(
    client: ClientMeta,
    form: CsrfForm<SetPasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let hash = new_password_hash(&client.state, form.password, &form.password_confirm).await?;
    let hash = match hash {
        Ok(hash) => hash,
        Err(error) => return password_page(&client, &INVITATION, Some(&form.token), Some(error)),
    };
    let token = form.token;
    let set = client
        .state
        .db(move |conn| account_creation::set_password_with_token(conn, &token, &hash))
        .await;
    match invalid_token(set)? {
        Some(()) => Ok(see_other("/login?done=1")),
        None => password_page(&client, &INVITATION, None, None),
    }
}

/// The result of a change made with a link's token, `None` when the token is not (or no
/// longer) valid.
pub fn invalid_token<T>(result: AppResult<T>) -> AppResult<Option<T>> {
    match result {
        Ok(done) => Ok(Some(done)),
        Err(AppError::BadRequest {
            code: ErrorCode::InvalidToken,
            ..
        }) => Ok(None),
        Err(other) => Err(other),
    }
}
