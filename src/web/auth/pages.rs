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
use crate::web::auth::api::{login_request, user_agent};
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
    let result = services::auth::sign_in(&client.state, request).await;
    let shown = Shown {
        next: &next,
        email: form.email.trim(),
        challenge: None,
    };
    answer_sign_in(&client, shown, result)
}

#[derive(Deserialize)]
pub struct CodeForm {
    csrf_token: String,
    challenge: String,
    #[serde(default)]
    totp: Option<String>,
    next: Option<String>,
}
csrf_protected!(CodeForm, signed_out);

/// The second step's address opened directly (after a change of language, say): the challenge
/// lives only in the form, so the sign-in starts again.
#[get("/login/code")]
pub async fn code_page() -> HttpResponse {
    see_other("/login")
}

/// The second step: the two-factor code after the password (`login.html` with `challenge`).
#[post("/login/code")]
pub async fn code_submit(client: ClientMeta, form: CsrfForm<CodeForm>) -> AppResult<HttpResponse> {
    let form = form.0;
    let next = safe_next(form.next.as_deref());
    let request = services::auth::CodeRequest {
        challenge: form.challenge.chars().take(4096).collect(),
        code: form.totp,
        ip: client.ip.clone(),
        user_agent: user_agent(&client.req),
        device_cookie: device::presented(&client.req),
    };
    let result = services::auth::sign_in_with_code(&client.state, request).await;
    let shown = Shown {
        next: &next,
        email: "",
        challenge: Some(&form.challenge),
    };
    answer_sign_in(&client, shown, result)
}

/// What the sign-in page shows again after a refusal: where to go after, the address typed
/// (first step) or the challenge being answered (second step).
struct Shown<'a> {
    next: &'a str,
    email: &'a str,
    challenge: Option<&'a str>,
}

/// The answer to either step: the session cookie and the page asked for; the code's step; or
/// the page again with what went wrong, keeping what was typed (never the password).
fn answer_sign_in(
    client: &ClientMeta,
    shown: Shown,
    result: AppResult<services::auth::Step>,
) -> AppResult<HttpResponse> {
    let mut ctx = client.context();
    ctx.insert("next", shown.next);
    ctx.insert("email", shown.email);
    let (status, error, challenge) = match result {
        Ok(services::auth::Step::SignedIn(signed_in)) => {
            let max_age = (signed_in.expires_at - chrono::Utc::now()).num_seconds();
            return Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, shown.next))
                .cookie(session_cookie(signed_in.token, max_age))
                .cookie(device::cookie(signed_in.device_cookie))
                .finish());
        }
        Ok(services::auth::Step::CodeNeeded { challenge }) => {
            // Asked again on its own page; a blank code sent there is an error.
            let error = shown.challenge.map(|_| "login-totp-required");
            let status = match error {
                Some(_) => StatusCode::UNAUTHORIZED,
                None => StatusCode::OK,
            };
            (status, error, Some(challenge))
        }
        Err(err @ (AppError::Unauthorized { .. } | AppError::TooManyRequests { .. })) => {
            let (error, challenge) = match err.code() {
                ErrorCode::InvalidTotp => ("login-totp-wrong", shown.challenge),
                ErrorCode::TotpUnavailable => ("login-totp-unavailable", shown.challenge),
                ErrorCode::InvalidToken => ("login-code-expired", None),
                _ if shown.challenge.is_some() => ("login-code-expired", None),
                _ => ("login-failed", None),
            };
            if let AppError::TooManyRequests { retry_after_secs } = err {
                ctx.insert("error", "login-failed");
                ctx.insert("retry_minutes", &retry_after_secs.div_ceil(60));
                let too_many = StatusCode::TOO_MANY_REQUESTS;
                let mut r = render(&client.state, too_many, "login.html", &ctx)?;
                r.headers_mut()
                    .insert(header::RETRY_AFTER, retry_after_secs.into());
                return Ok(r);
            }
            let challenge = challenge.map(str::to_string);
            (StatusCode::UNAUTHORIZED, Some(error), challenge)
        }
        Err(other) => return Err(other),
    };
    ctx.insert("error", &error);
    ctx.insert("challenge", &challenge);
    render(&client.state, status, "login.html", &ctx)
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
